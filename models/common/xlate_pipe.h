/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xlate_pipe.h - the stages of a translation both IOMMU models share, so
 * that their timing rules are one set (timing.h):
 *
 *   begin   the result is written whole: OK, no translation, done at issue
 *   lookup  each cache probed costs its lookup latency (struct xlate_lat)
 *   hit     an entry whose filling walk is still running serves a request
 *           only by joining that walk (miss merging): the request
 *           completes when the walk does, and counts as merged, not a hit
 *   miss    a miss joins a walk of the same page in flight (no references,
 *           no walker), or takes the walker that frees first and holds it
 *           for the walk's memory references (the model's walk hook)
 *   fill    the model inserts the entry, ready at the walk's end
 *   result  pa, size and rights of the entry, or the model's fault
 *
 * The configuration lookup (context/PASID entries, STE/CD), the walk and
 * what a fault becomes (fault record, event, stall, page request) are the
 * model's own.
 */
#ifndef MODELS_COMMON_XLATE_PIPE_H
#define MODELS_COMMON_XLATE_PIPE_H

#include "timing.h"
#include "xlate.h"

/* timing_params in picoseconds, as the pipeline charges them. */
struct xlate_lat {
	sim_time_t tlb;         /* IOTLB / TLB lookup */
	sim_time_t cfg;         /* context cache / STE cache lookup */
	sim_time_t cfg2;        /* PASID cache / CD cache lookup */
	sim_time_t walk_cache;  /* paging-structure / walk cache probe */
	sim_time_t devtlb;      /* device TLB / ATC lookup */
	sim_time_t rd, wr;      /* one memory reference */
	sim_time_t inv_desc, inv_sync;
};

struct xlate_pipe {
	struct xlate_lat lat;
	struct walker_pool walkers;
	struct miss_table misses;
	sim_time_t miss_latest; /* no walk in the table ends later */
	bool merge;
	uint64_t merged;        /* misses that joined a walk, hits that waited for one */
	/*
	 * Optional: the IOTLB's answer time for the lookups just made at t
	 * (the RTL timing mode, models/rtl); NULL: t + lat.tlb.
	 */
	sim_time_t (*tlb_time)(void *ctx, sim_time_t t);
	void *tlb_time_ctx;
};

int xlate_pipe_init(struct xlate_pipe *p, const struct timing_params *tp,
		    unsigned miss_entries);
void xlate_pipe_fini(struct xlate_pipe *p);
/* The IOTLB lookups of a request that reached it at t have answered by ... */
static inline sim_time_t xlate_pipe_tlb_done(const struct xlate_pipe *p, sim_time_t t)
{
	return p->tlb_time ? p->tlb_time(p->tlb_time_ctx, t) : t + p->lat.tlb;
}

/* An invalidation: no walk in flight may serve a later request. */
void xlate_pipe_flush(struct xlate_pipe *p);
void xlate_pipe_reset_stats(struct xlate_pipe *p);

static inline void xlate_res_begin(struct xlate_res *res, const struct xlate_req *req)
{
	*res = (struct xlate_res){ .status = XLATE_OK, .page_shift = 12, .t_done = req->t_issue };
}

/* A translation of size 2^shift at pa_base serves iova. */
static inline void xlate_res_ok(struct xlate_res *res, uint64_t pa_base, unsigned shift,
				uint64_t iova, uint8_t perm)
{
	res->status = XLATE_OK;
	res->pa = pa_base | (iova & ((1ULL << shift) - 1));
	res->page_shift = (uint8_t)shift;
	res->perm = perm;
}

/* Untranslated: the input address is the output (bypass, pass-through). */
static inline void xlate_res_identity(struct xlate_res *res, uint64_t iova, uint8_t perm)
{
	xlate_res_ok(res, iova, 12, iova, perm);
}

/* No translation: a fault (or a stall / page request) with the model's code. */
static inline void xlate_res_fail(struct xlate_res *res, enum xlate_status status,
				  uint32_t code)
{
	res->status = status;
	res->fault_code = code;
	res->pa = 0;
	res->perm = 0;
}

/*
 * A cached entry whose walk completes at t_fill, probed at *t: may it
 * serve the request? A completed entry does (a hit). One still being
 * filled does only by joining its walk when misses merge: *t moves to
 * t_fill and *joined is set; without merging the request misses.
 */
static inline bool xlate_pipe_entry_serves(struct xlate_pipe *p, sim_time_t *t,
					   sim_time_t t_fill, bool *joined)
{
	*joined = false;
	if (*t >= t_fill)
		return true;
	if (!p->merge)
		return false;
	p->merged++;
	*t = t_fill;
	*joined = true;
	return true;
}

/*
 * The model's walk for a miss. Called with the time a walker starts it;
 * returns the time the walk ends (its lookups and memory references
 * charged from start). With `merged` the miss joined a walk in flight:
 * only the result is wanted, nothing counted, the return value ignored.
 * *fault: 0, or the model's fault code.
 */
typedef sim_time_t (*xlate_walk_fn)(void *ctx, sim_time_t start, bool merged,
				    uint32_t *fault);

/*
 * Resolve a miss on (page, tag) at *t: join a walk of the same key in
 * flight, or walk on the first free walker (recorded in flight, if misses
 * merge, whatever its outcome: a later miss gets the same result). *t
 * becomes the completion time. Returns the walk's fault code, 0 if none.
 */
uint32_t xlate_pipe_miss(struct xlate_pipe *p, uint64_t page, uint64_t tag, sim_time_t *t,
			 xlate_walk_fn walk, void *ctx, bool *merged);

#endif /* MODELS_COMMON_XLATE_PIPE_H */
