/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sim_inject.h - one injected fault in one run (issue 13): what it is
 * (a spec, also its command-line form for `run --inject`), when it is
 * armed, what it did, and what the run saw of it: the isolation
 * checker's verdicts, a digest of the data the devices reached, a hang.
 *
 * Fault models (the names `iommusim inject --model` takes):
 *   cache-flip     a bit of a cached entry (IOTLB/TLB, paging-structure /
 *                  walk caches, context/PASID/STE/CD caches, device TLB/ATC)
 *   table-flip     a bit of an in-memory entry (root/context/PASID, STE/CD,
 *                  page-table entry at a level and stage), as a walk reads it
 *   walk-abort     a structure read returns an external abort
 *   inval-drop     an invalidation the hardware ignores
 *   inval-delay    an invalidation performed `delay` after its wait completed
 *   inval-reorder  an invalidation performed after the wait behind it
 *   inval-skip     the driver forgets an invalidation (a missing flush after
 *                  unmap: the software's invalidation call is skipped)
 *   queue-full     fault recording / event queue, page request queue, or the
 *                  command queue (not consumed) acts full for a while
 *   torn           a PASID entry / STE / CD read half-written
 *
 * Spec: MODEL[:key=value[,key=value...]] ("none": nothing injected, the
 * isolation checker and the data digest alone), keys
 *   at=req:N | at=t:NS     armed before request N (from 0) / at a time
 *   cache=NAME field=addr|out|perm pick=N bit=N            cache-flip
 *   table=NAME level=N skip=N bit=N                        table-flip, walk-abort, torn
 *   class=tlb|cfg|devtlb|any skip=N delay=NS               inval-*
 *   queue=fault|page_req|cmd duration=NS                   queue-full
 *   skip=N                                                 inval-skip
 */
#ifndef SIM_INJECT_H
#define SIM_INJECT_H

#include <stdbool.h>
#include <stdint.h>

#include "cache.h"
#include "inject.h"
#include "scenario.h"

enum sim_inj_model {
	SIM_INJ_CACHE_FLIP,
	SIM_INJ_TABLE_FLIP,
	SIM_INJ_WALK_ABORT,
	SIM_INJ_INVAL_DROP,
	SIM_INJ_INVAL_DELAY,
	SIM_INJ_INVAL_REORDER,
	SIM_INJ_INVAL_SKIP,
	SIM_INJ_QUEUE_FULL,
	SIM_INJ_TORN,
	SIM_INJ_COUNT,
	SIM_INJ_NONE = -1,      /* a golden run: checker on, nothing injected */
};

struct sim_inj_spec {
	enum sim_inj_model model;
	bool at_time;           /* at: a time (ps), else a request number */
	uint64_t at;
	char cache[24];
	enum cache_flip_field field;
	uint64_t pick;
	int table, level;
	uint64_t skip;
	unsigned bit;
	int inval;
	unsigned queue;
	sim_time_t delay;       /* ps: inval-delay's lateness, queue-full's duration */
};

const char *sim_inj_model_name(enum sim_inj_model m);
/* -1 when name is no fault model. */
int sim_inj_model_find(const char *name);
/* 0, or -1 with err naming what is wrong. */
int sim_inj_parse(const char *text, struct sim_inj_spec *s, struct sim_err *err);
/* The canonical text of s (parses back to s). */
void sim_inj_format(const struct sim_inj_spec *s, char *buf, size_t len);
/*
 * Injection number idx of model m in a campaign of seed seed, on a run of
 * nreq requests: deterministic from these alone.
 */
void sim_inj_generate(enum sim_inj_model m, enum scen_iommu iommu, uint64_t seed, uint64_t idx,
		      uint64_t nreq, struct sim_inj_spec *s);

/* What an injected run saw; plain data, so that a child can send it whole. */
#define SIM_INJ_LOG_LINES 6
struct sim_inj_outcome {
	bool fired;
	uint64_t fired_req;     /* requests translated before it fired */
	sim_time_t fired_t;
	char what[160];
	uint64_t checked, sdc, breach;
	char first_flag[240];
	uint64_t data_digest;   /* order-free digest of (device, request, status, PA) */
	bool hung;
	char hang_what[160];
	uint64_t invals_skipped;
	uint64_t log_total;     /* kernel log lines of the whole run (WARN and worse) */
	unsigned nlog;          /* the first of them printed after it was armed */
	char log[SIM_INJ_LOG_LINES][160];
};

struct sim_run;
struct sim_device;
struct sim_inject;

/* Default of --hang-ns: a millisecond of simulated time. */
#define SIM_INJ_HANG_NS 1000000ULL

/* hang_ps: a request not answered this long after it was issued is a hang. */
struct sim_inject *sim_inject_create(const struct sim_inj_spec *spec, sim_time_t hang_ps,
				     struct sim_err *err);
void sim_inject_destroy(struct sim_inject *in);
const struct sim_inj_outcome *sim_inject_outcome(const struct sim_inject *in);
const struct sim_inj_spec *sim_inject_spec(const struct sim_inject *in);

/* The run's hooks (run.c); only called when the run has an injection. */
void sim_inject_before(struct sim_run *r, const struct xlate_req *req);
void sim_inject_after(struct sim_run *r, struct sim_device *d, const struct xlate_req *req,
		      const struct xlate_res *res, sim_time_t t_complete);
void sim_inject_control(struct sim_run *r, unsigned dev, const struct trace_event *ev,
			uint64_t invals_before);
/* At the end of the run: kernel log lines. */
void sim_inject_finish(struct sim_run *r);

#endif /* SIM_INJECT_H */
