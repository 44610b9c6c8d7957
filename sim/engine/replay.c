// SPDX-License-Identifier: GPL-2.0-only
/*
 * replay.c - the trace-driven fast path: devices' requests go straight
 * into the C model, in global time order, without the SystemC kernel.
 * Ties: the CPU's control sequence first, then devices by index.
 */
#include <string.h>

#include "run.h"

struct pending {
	enum sim_step step;
	struct xlate_req req;
	struct trace_event ctrl;
};

static sim_time_t step_time(const struct pending *p)
{
	return p->step == SIM_STEP_REQ ? p->req.t_issue : p->ctrl.time;
}

/* One device, no control sequence: the common trace-replay case, no merging. */
static int fast_one(struct sim_run *r, struct sim_err *err)
{
	struct sim_device *d = &r->dev[0];
	struct xlate_req req;
	struct trace_event ctrl;
	struct xlate_res res;
	enum sim_step s;

	while ((s = sim_device_next(r, d, &req, &ctrl, err)) != SIM_STEP_END) {
		if (s == SIM_STEP_ERR)
			return -1;
		if (s == SIM_STEP_CTRL) {
			if (sim_run_control(r, 0, &ctrl, err))
				return -1;
			continue;
		}
		sim_run_translate(r, &req, &res);
		sim_run_complete(r, d, d->last_seq, &req, &res,
				 res.status == XLATE_OK ? sim_mem_access(&r->mem, res.t_done, req.len)
							: res.t_done);
	}
	return 0;
}

int sim_fast_run(struct sim_run *r, struct sim_err *err)
{
	struct pending p[SCEN_MAX_DEVICES];
	const struct scenario *sc = r->sc;
	unsigned next_ctrl = 0;

	if (r->ndev == 1 && !sc->nctrl)
		return fast_one(r, err);
	for (unsigned i = 0; i < r->ndev; i++) {
		p[i].step = sim_device_next(r, &r->dev[i], &p[i].req, &p[i].ctrl, err);
		if (p[i].step == SIM_STEP_ERR)
			return -1;
	}
	for (;;) {
		int best = -1;
		sim_time_t bt = 0;

		for (unsigned i = 0; i < r->ndev; i++) {
			if (p[i].step == SIM_STEP_END)
				continue;
			if (best < 0 || step_time(&p[i]) < bt) {
				best = (int)i;
				bt = step_time(&p[i]);
			}
		}
		if (next_ctrl < sc->nctrl && (best < 0 || sc->ctrl[next_ctrl].ev.time <= bt)) {
			const struct scen_ctrl *c = &sc->ctrl[next_ctrl++];

			if (!sc->length || c->ev.time <= sc->length)
				if (sim_run_step(r, c, err))
					return -1;
			continue;
		}
		if (best < 0)
			break;
		if (p[best].step == SIM_STEP_REQ) {
			struct xlate_res res;
			sim_time_t t;

			sim_run_translate(r, &p[best].req, &res);
			t = res.status == XLATE_OK
				? sim_mem_access(&r->mem, res.t_done, p[best].req.len)
				: res.t_done;
			sim_run_complete(r, &r->dev[best], r->dev[best].last_seq, &p[best].req, &res, t);
		} else if (sim_run_control(r, (unsigned)best, &p[best].ctrl, err)) {
			return -1;
		}
		p[best].step = sim_device_next(r, &r->dev[best], &p[best].req, &p[best].ctrl, err);
		if (p[best].step == SIM_STEP_ERR)
			return -1;
	}
	return 0;
}
