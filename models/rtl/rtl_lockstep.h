/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rtl_lockstep.h - run a verilated translation cache in lock-step with one
 * of the C model's caches (models/common/cache.h).
 *
 * Attached as the cache's observer, it turns every operation of the C
 * cache into one RTL request, in order: a lookup or a peek into a probe
 * (a peek the model then used, seen in the lookup count, into a counted
 * lookup), an insert into a fill, each line an invalidation removed into
 * a remove-by-key, a flush into remove-all. Each request's response is
 * checked against what the C cache did: hit or miss, set and way, the
 * victim and the entry it displaced, the translation (a digest of the
 * payload). The first divergence prints the event, both results and both
 * copies of the set, and ends the process with exit status 1 (or, for
 * tests, is only recorded).
 *
 * Requests are issued back to back, one per cycle while the RTL takes
 * them, and checked as their responses come out. With timing, those of a
 * translation wait for rtl_lockstep_request(), which issues them from the
 * cycle the request arrives and says the cycle the last answer came out.
 */
#ifndef MODELS_RTL_RTL_LOCKSTEP_H
#define MODELS_RTL_RTL_LOCKSTEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cache.h"

struct rtl_lockstep;

struct rtl_lockstep_opts {
	const char *variant;    /* NULL: the one rtl_cache_find() names */
	const char *layout;     /* "vtd" or "smmu" (for rtl_cache_find) */
	const char *label;      /* in messages, e.g. "vtd iotlb" */
	bool timing;            /* hold requests for rtl_lockstep_request() */
	bool record_only;       /* a divergence is recorded, not fatal (tests) */
	FILE *log;              /* divergence report; NULL: stderr */
};

/* NULL with a message in err if no variant fits or the cache is not empty. */
struct rtl_lockstep *rtl_lockstep_attach(struct cache *c, const struct rtl_lockstep_opts *o,
					 char *err, size_t errlen);
/* Drain, compare every line of the two caches, stop watching. */
void rtl_lockstep_detach(struct rtl_lockstep *ls);

/* Issue whatever waits and check every response. */
void rtl_lockstep_drain(struct rtl_lockstep *ls);
/* Drain, then every line and its valid bit must agree (not the replacement state). */
bool rtl_lockstep_check_lines(struct rtl_lockstep *ls);

/*
 * Timing: the requests made since the last call belong to a translation
 * that reaches the cache at cycle `arrive`; issue them back to back from
 * then (or when the pipeline frees) and return the cycle the last one's
 * response came out.
 */
uint64_t rtl_lockstep_request(struct rtl_lockstep *ls, uint64_t arrive);

/*
 * A selective invalidation through the RTL's own port (domain, PASID,
 * range): cache_invalidate(c, match, arg) on the C side, one RTL_OP_INV_SEL
 * on the other; the counts and then every line must agree.
 */
unsigned rtl_lockstep_invalidate_sel(struct rtl_lockstep *ls, unsigned sel, uint64_t tag,
				     uint64_t lo, uint64_t hi, cache_match_fn match,
				     const void *arg);

struct rtl_lockstep_stats {
	uint64_t events;        /* RTL requests issued */
	uint64_t cycles;        /* RTL clock cycles */
	bool diverged;
};
void rtl_lockstep_get_stats(const struct rtl_lockstep *ls, struct rtl_lockstep_stats *st);
const char *rtl_lockstep_variant(const struct rtl_lockstep *ls);

#endif /* MODELS_RTL_RTL_LOCKSTEP_H */
