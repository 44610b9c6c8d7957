/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * run.h - one simulation run, shared by the trace-driven fast path
 * (replay.c) and the SystemC platform (platform/): the software stack and
 * model, the memory channel, the devices' request streams, and the
 * results. Both engines call the same functions in the same order for a
 * single device, which is why they give the same statistics.
 *
 * A device turns its trace into steps: a translation request, issued no
 * earlier than the trace says and no earlier than the completion of the
 * request `outstanding` places before it (a tag window), or a control
 * event (attach/map/unmap/inval) that its driver performs, in trace order.
 */
#ifndef SIM_RUN_H
#define SIM_RUN_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "histogram.h"
#include "memory.h"
#include "scenario.h"
#include "sw.h"
#include "trace.h"

struct sim_device {
	unsigned idx;
	const struct scen_device *cfg;
	uint32_t sid;
	struct trace_reader *rd;
	char tmp[PATH_MAX];             /* generated trace (removed at the end) */
	struct trace_event ev;          /* dma being split */
	bool in_dma;
	uint64_t done;
	sim_time_t *ring;               /* completion times, by request number */
	bool *ring_done;                /* slot's request has completed */
	unsigned limit;
	uint64_t issued;                /* requests issued so far */
	unsigned next_slot;             /* issued % limit, kept without dividing */
	unsigned last_seq;              /* ring slot of the request just returned */
	sim_time_t last_issue;
	bool eof;
	/* results */
	uint64_t requests, bytes, faults, tlb_hits, walk_refs, ctrl;
	uint64_t invals;                /* invalidations its control events made */
	uint64_t wc_hits[2][XLATE_WC_LEVELS];   /* walk-cache hits, xlate_res's layout */
	struct histogram xlat, dma;     /* latencies, ps */
};

enum sim_step { SIM_STEP_REQ, SIM_STEP_CTRL, SIM_STEP_END, SIM_STEP_ERR };

struct sim_run;
typedef void (*sim_progress_fn)(void *ctx, const struct sim_run *r, sim_time_t now);

struct sim_run {
	const struct scenario *sc;
	struct sim_sw *sw;
	struct iommu_model *model;
	struct sim_rtl *rtl;            /* iommu.rtl (rtl_run.h); NULL: off */
	struct sim_inject *inj;         /* fault injection (sim/inject); NULL: none */
	struct sim_mem mem;
	unsigned ndev;
	struct sim_device dev[SCEN_MAX_DEVICES];
	/* totals */
	uint64_t requests, bytes, faults, tlb_hits, walk_refs, cfg_refs, ctrl;
	uint64_t fault_codes[8][2];     /* first distinct codes seen: code, count */
	uint64_t page_requests, retries, service_errors;
	char service_err[256];          /* the first fault-service error */
	sim_time_t t_end;               /* last completion */
	bool truncated;                 /* run.length cut the traces */
	bool input_error;               /* a trace turned out malformed */
	sim_progress_fn progress;
	void *progress_ctx;
	uint64_t progress_next;
};

/*
 * Create the software stack (kernel or direct), generate or open each
 * device's trace. tmpdir holds generated traces ("" for $TMPDIR or /tmp).
 */
int sim_run_init(struct sim_run *r, const struct scenario *sc, const char *tmpdir,
		 struct sim_err *err);
void sim_run_fini(struct sim_run *r);

/*
 * Whether the device may compute its next request: the request `limit`
 * places back has completed. Always true in the fast path and LT, where
 * completions are known at issue; the AT device waits for responses.
 */
static inline bool sim_device_slot_free(const struct sim_device *d)
{
	return d->issued < d->limit || d->ring_done[d->next_slot];
}

/*
 * The device's next step. REQ: *req is filled (t_issue set) and
 * d->last_seq names its slot for sim_run_complete. CTRL: *ctrl
 * is the event, ctrl->time when the driver performs it. END: the trace
 * is over (or past run.length). ERR: err says why.
 */
enum sim_step sim_device_next(struct sim_run *r, struct sim_device *d, struct xlate_req *req,
			      struct trace_event *ctrl, struct sim_err *err);

/*
 * Perform a control event of device dev's trace (at ev->time); errors
 * name the trace's file:line. sim_run_step does a step of the scenario's
 * control sequence; errors name the scenario's file:line.
 */
int sim_run_control(struct sim_run *r, unsigned dev, const struct trace_event *ev,
		    struct sim_err *err);
int sim_run_step(struct sim_run *r, const struct scen_ctrl *c, struct sim_err *err);

void sim_run_page_request(struct sim_run *r, const struct xlate_req *req,
			  struct xlate_res *res);

/*
 * Translate at req->t_issue: fills res. A page request (PRI device,
 * XLATE_STALLED) is served by the software stack's fault handler and the
 * device retries when the answer arrives; res is the final outcome.
 */
void sim_inject_before(struct sim_run *r, const struct xlate_req *req);
static inline void sim_run_translate(struct sim_run *r, const struct xlate_req *req,
				     struct xlate_res *res)
{
	if (__builtin_expect(r->inj != NULL, 0))
		sim_inject_before(r, req);
	r->model->ops->translate(r->model, req, res);
	if (__builtin_expect(res->status == XLATE_STALLED, 0))
		sim_run_page_request(r, req, res);
}

/* The request in ring slot `slot` finished at t_complete: account it, free the slot. */
void sim_run_complete(struct sim_run *r, struct sim_device *d, unsigned slot,
		      const struct xlate_req *req, const struct xlate_res *res,
		      sim_time_t t_complete);

/* The fast path: every device and the control list in time order. */
int sim_fast_run(struct sim_run *r, struct sim_err *err);

/* The SystemC platform (LT or AT), provided by the binary that links it. */
typedef int (*sim_platform_fn)(struct sim_run *r, struct sim_err *err);
extern sim_platform_fn sim_platform_run;

#endif /* SIM_RUN_H */
