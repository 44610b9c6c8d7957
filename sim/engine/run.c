// SPDX-License-Identifier: GPL-2.0-only
/*
 * run.c - the parts of a run both engines share (see run.h): set-up,
 * device request streams with their tag window, control events, and
 * accounting.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rtl_run.h"
#include "run.h"
#include "sim_inject.h"
#include "trace_gen.h"

sim_sw_create_fn sim_sw_kernel_create;
const char *sim_sw_kernel_version;
bool (*sim_sw_kernel_active)(void);
sim_platform_fn sim_platform_run;

/* Each device's generator gets its own stream of the run's seed. */
static uint64_t device_seed(uint64_t seed, unsigned idx)
{
	uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (idx + 1);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int generate(struct sim_device *d, const struct scenario *sc, const char *tmpdir,
		    struct sim_err *err)
{
	const struct trace_gen *g = trace_gen_find(d->cfg->gen);
	const char *dir = tmpdir && *tmpdir ? tmpdir : getenv("TMPDIR");
	struct trace_writer *w;
	struct trace_err terr;
	void *params;
	int rc = -1;

	if (!dir || !*dir)
		dir = "/tmp";
	snprintf(d->tmp, sizeof(d->tmp), "%s/iommusim-%ld-%u.bin", dir, (long)getpid(), d->idx);
	params = calloc(1, g->params_size);
	if (!params) {
		sim_err_set(err, "out of memory");
		return -1;
	}
	g->defaults(params);
	if (d->cfg->gen_params[0] && trace_gen_set(g, params, d->cfg->gen_params, &terr))
		goto fail;
	w = trace_writer_open(d->tmp, TRACE_FMT_BIN, &terr);
	if (!w)
		goto fail;
	if (trace_gen_run(g, params, device_seed(sc->seed, d->idx), w, &terr)) {
		trace_writer_abort(w);
		goto fail;
	}
	if (trace_writer_close(w, &terr))
		goto fail;
	rc = 0;
	goto out;
fail:
	sim_err_set(err, "%s: device '%s': %s", sc->path, d->cfg->name, terr.msg);
	d->tmp[0] = 0;
out:
	free(params);
	return rc;
}

int sim_run_init(struct sim_run *r, const struct scenario *sc, const char *tmpdir,
		 struct sim_err *err)
{
	memset(r, 0, sizeof(*r));
	r->sc = sc;
	r->ndev = sc->ndev;
	sim_mem_init(&r->mem, sc->mem_latency_ns, sc->mem_bw_mbps);
	if (sc->driver == SCEN_DRIVER_KERNEL) {
		if (!sim_sw_kernel_create) {
			sim_err_set(err, "%s: software.driver kernel: this build has no kernel side "
				    "(configure with IOMMUSIM_WITH_KERNEL=ON, or use driver: direct)",
				    sc->path);
			return -1;
		}
		r->sw = sim_sw_kernel_create(sc, err);
	} else if (sc->iommu == SCEN_IOMMU_SMMUV3) {
		r->sw = sw_direct_smmu_create(sc, err);
	} else {
		r->sw = sw_direct_vtd_create(sc, err);
	}
	if (!r->sw)
		return -1;
	r->model = r->sw->model;
	{
		bool failed;

		r->rtl = sim_rtl_attach(sc, r->model, err, &failed);
		if (failed)
			goto fail;
	}
	for (unsigned i = 0; i < sc->ndev; i++) {
		struct sim_device *d = &r->dev[i];
		struct trace_err terr;

		d->idx = i;
		d->cfg = &sc->dev[i];
		d->sid = r->sw->sid[i];
		d->limit = d->cfg->outstanding;
		hist_init(&d->xlat);
		hist_init(&d->dma);
		d->ring = calloc(d->limit, sizeof(*d->ring));
		d->ring_done = calloc(d->limit, sizeof(*d->ring_done));
		if (!d->ring || !d->ring_done) {
			sim_err_set(err, "out of memory");
			goto fail;
		}
		if (d->cfg->gen[0] && generate(d, sc, tmpdir, err))
			goto fail;
		d->rd = trace_reader_open(d->tmp[0] ? d->tmp : d->cfg->trace, &terr);
		if (!d->rd) {
			sim_err_set(err, "%s:%d: device '%s': %s", sc->path, d->cfg->line,
				    d->cfg->name, terr.msg);
			goto fail;
		}
	}
	return 0;
fail:
	sim_run_fini(r);
	return -1;
}

void sim_run_fini(struct sim_run *r)
{
	for (unsigned i = 0; i < r->ndev; i++) {
		struct sim_device *d = &r->dev[i];

		if (d->rd)
			trace_reader_close(d->rd);
		if (d->tmp[0])
			unlink(d->tmp);
		free(d->ring);
		free(d->ring_done);
		d->rd = NULL;
		d->ring = NULL;
		d->ring_done = NULL;
		d->tmp[0] = 0;
	}
	sim_rtl_detach(r->rtl);
	r->rtl = NULL;
	if (r->sw)
		r->sw->ops->destroy(r->sw);
	r->sw = NULL;
	r->model = NULL;
}

/*
 * Read the device's next trace event: SIM_STEP_REQ when it is a DMA (now
 * being split into requests), or a control event, the end, an error.
 */
static enum sim_step device_read(struct sim_run *r, struct sim_device *d,
				 struct trace_event *ctrl, struct sim_err *err)
{
	struct trace_err terr;
	sim_time_t len = r->sc->length;

	for (;;) {
		if (d->eof)
			return SIM_STEP_END;
		switch (trace_reader_next(d->rd, &d->ev, &terr)) {
		case 0:
			d->eof = true;
			return SIM_STEP_END;
		case -1:
			sim_err_set(err, "device '%s': %s", d->cfg->name, terr.msg);
			r->input_error = true;
			return SIM_STEP_ERR;
		}
		if (len && d->ev.time > len) {
			r->truncated = true;
			d->eof = true;
			return SIM_STEP_END;
		}
		if (d->ev.kind == TRACE_DMA) {
			d->in_dma = true;
			d->done = 0;
			return SIM_STEP_REQ;
		}
		if (d->ev.kind == TRACE_FAULT)
			continue;       /* what the traced machine saw: not replayed */
		*ctrl = d->ev;
		ctrl->dev = d->sid;
		/* The driver acts in program order after what the device did. */
		if (ctrl->time < d->last_issue)
			ctrl->time = d->last_issue;
		return SIM_STEP_CTRL;
	}
}

enum sim_step sim_device_next(struct sim_run *r, struct sim_device *d, struct xlate_req *req,
			      struct trace_event *ctrl, struct sim_err *err)
{
	sim_time_t t, slot, len = r->sc->length;

	if (!d->in_dma) {
		enum sim_step s = device_read(r, d, ctrl, err);

		if (s != SIM_STEP_REQ)
			return s;
	}
	/* The next piece of the DMA; the last one ends it. */
	trace_dma_next_req(&d->ev, &d->done, req);
	if (d->done >= d->ev.size)
		d->in_dma = false;
	req->sid = d->sid;
	if (d->cfg->pri) {
		/* PRI requests carry a PASID (PASID 0 without one in the trace) */
		req->pri = true;
		req->has_pasid = true;
	}
	slot = d->ring[d->next_slot];
	t = d->ev.time > d->last_issue ? d->ev.time : d->last_issue;
	t = slot > t ? slot : t;
	if (len && t > len) {
		r->truncated = true;
		d->in_dma = false;
		d->eof = true;
		return SIM_STEP_END;
	}
	req->t_issue = t;
	d->last_issue = t;
	if (r->sw->ops->prepare_dma)
		r->sw->ops->prepare_dma(r->sw, d->idx, req);
	d->last_seq = d->next_slot;
	d->ring_done[d->next_slot] = false;
	d->issued++;
	if (++d->next_slot == d->limit)
		d->next_slot = 0;
	return SIM_STEP_REQ;
}

static int do_control(struct sim_run *r, unsigned dev, const struct trace_event *ev,
		      const char *where, struct sim_err *err)
{
	struct sim_sw *sw = r->sw;
	uint64_t invals = sw->st.invals;
	int rc = -1;

	switch (ev->kind) {
	case TRACE_ATTACH:
		rc = sw->ops->attach(sw, dev, r->dev[dev].sid, ev->has_pasid, ev->pasid, ev->as,
				     ev->time, err);
		break;
	case TRACE_MAP:
		rc = sw->ops->map(sw, dev, ev->as, ev->iova, ev->size, ev->pa, ev->access,
				  ev->time, err);
		break;
	case TRACE_UNMAP:
		rc = sw->ops->unmap(sw, dev, ev->as, ev->iova, ev->size, ev->time, err);
		break;
	case TRACE_INVAL:
		rc = sw->ops->inval(sw, dev, ev->as, ev->iova, ev->size, ev->time, err);
		break;
	default:
		sim_err_set(err, "event %s is not a control event", trace_kind_name(ev->kind));
		return -1;
	}
	if (!rc) {
		r->ctrl++;
		r->dev[dev].ctrl++;
		r->dev[dev].invals += sw->st.invals - invals;
		if (r->inj)
			sim_inject_control(r, dev, ev, invals);
	} else {
		char tmp[sizeof(err->msg) + 512];

		/* where the event came from, then what the software said */
		snprintf(tmp, sizeof(tmp), "%s: %s (device '%s' at %llu ps): %s", where,
			 trace_kind_name(ev->kind), r->dev[dev].cfg->name,
			 (unsigned long long)ev->time, err->msg);
		snprintf(err->msg, sizeof(err->msg), "%.*s", (int)sizeof(err->msg) - 1, tmp);
	}
	return rc;
}

int sim_run_control(struct sim_run *r, unsigned dev, const struct trace_event *ev,
		    struct sim_err *err)
{
	const struct sim_device *d = &r->dev[dev];
	char where[512] = "(control)";

	/* the device's reader still stands on the event it returned */
	if (r->dev[dev].rd)
		trace_reader_where(r->dev[dev].rd, where, sizeof(where));
	/* a generated trace's temporary name means nothing later: name its source */
	if (d->tmp[0] && !strncmp(where, d->tmp, strlen(d->tmp))) {
		char rest[sizeof(where)];

		snprintf(rest, sizeof(rest), "%s", where + strlen(d->tmp));
		snprintf(where, sizeof(where), "%.200s:%d: the %s generator's trace%.200s", r->sc->path,
			 d->cfg->line, d->cfg->gen, rest);
	}
	return do_control(r, dev, ev, where, err);
}

int sim_run_step(struct sim_run *r, const struct scen_ctrl *c, struct sim_err *err)
{
	char where[SCEN_PATH_LEN + 16];

	snprintf(where, sizeof(where), "%s:%d", r->sc->path, c->line);
	return do_control(r, c->dev, &c->ev, where, err);
}

static void add_wc_hits(struct sim_device *d, const struct xlate_res *res)
{
	for (unsigned s = 0; s < 2; s++)
		for (unsigned l = 0; l < XLATE_WC_LEVELS; l++)
			d->wc_hits[s][l] += res->wc_hits[s][l];
}

void sim_run_complete(struct sim_run *r, struct sim_device *d, unsigned slot,
		      const struct xlate_req *req, const struct xlate_res *res,
		      sim_time_t t_complete)
{
	d->ring[slot] = t_complete;
	d->ring_done[slot] = true;
	if (__builtin_expect(r->inj != NULL, 0))
		sim_inject_after(r, d, req, res, t_complete);
	d->requests++;
	d->bytes += req->len;
	d->walk_refs += res->walk_refs;
	if (res->tlb_hit)
		d->tlb_hits++;
	else
		add_wc_hits(d, res);
	hist_add(&d->xlat, res->t_done - req->t_issue);
	hist_add(&d->dma, t_complete - req->t_issue);
	r->requests++;
	r->bytes += req->len;
	r->walk_refs += res->walk_refs;
	r->cfg_refs += res->cfg_refs;
	if (res->tlb_hit)
		r->tlb_hits++;
	if (res->status != XLATE_OK) {
		d->faults++;
		r->faults++;
		if (r->sw->ops->fault_irq)
			r->sw->ops->fault_irq(r->sw, res->t_done);
		for (unsigned i = 0; i < 8; i++) {
			if (r->fault_codes[i][1] && r->fault_codes[i][0] != res->fault_code)
				continue;
			r->fault_codes[i][0] = res->fault_code;
			r->fault_codes[i][1]++;
			break;
		}
	}
	if (t_complete > r->t_end)
		r->t_end = t_complete;
	if (r->progress && r->requests >= r->progress_next) {
		r->progress_next = r->requests + (1u << 16);
		r->progress(r->progress_ctx, r, req->t_issue);
	}
}

void sim_run_page_request(struct sim_run *r, const struct xlate_req *req,
			  struct xlate_res *res)
{
	struct xlate_req again = *req;
	struct sim_err err;

	r->page_requests++;
	if (!r->sw->ops->fault_service)
		return;
	/* A bounded number of rounds: a device gives up, as PRI allows. */
	for (int i = 0; i < 4 && res->status == XLATE_STALLED; i++) {
		sim_time_t t;
		int rc = r->sw->ops->fault_service(r->sw, res->t_done, &t, &err);

		if (rc < 0) {
			if (!r->service_errors++)
				snprintf(r->service_err, sizeof(r->service_err), "%.250s", err.msg);
			return;
		}
		if (!rc)
			return;         /* answered invalid: the request fails */
		again.t_issue = t;
		r->retries++;
		r->model->ops->translate(r->model, &again, res);
	}
}
