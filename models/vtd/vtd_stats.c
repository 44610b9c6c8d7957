// SPDX-License-Identifier: GPL-2.0-only
/*
 * vtd_stats.c - statistics in a fixed order: requests, each cache, walk
 * references per stage and level, queued invalidation, faults, page
 * requests, timing resources.
 */
#include <stdio.h>

#include "vtd_internal.h"

static void put(const struct stats_sink *s, const char *name, uint64_t val)
{
	if (s->u64)
		s->u64(s->ctx, name, val);
}

/* One counter per level, deepest level first, down to level lo. */
static void put_levels(const struct stats_sink *s, const char *fmt,
		       const uint64_t v[VTD_MAX_LEVELS + 1], int lo)
{
	char name[64];

	for (int l = VTD_MAX_LEVELS; l >= lo; l--) {
		snprintf(name, sizeof(name), fmt, l);
		put(s, name, v[l]);
	}
}

/* The pipeline's walk counters, in the model's counters. */
void vtd_counters_sync(struct vtd *v)
{
	v->cnt.walks = v->pipe.walkers.walks;
	v->cnt.merged = v->pipe.merged;
	v->cnt.walk_wait_ps = v->pipe.walkers.wait_total;
}

void vtd_stats(struct iommu_model *m, const struct stats_sink *s)
{
	struct vtd *v = to_vtd(m);
	const struct vtd_counters *c = &v->cnt;
	char name[64];

	vtd_counters_sync(v);
	put(s, "requests", c->requests);
	put(s, "iotlb_hits", c->iotlb_hits);
	put(s, "devtlb_hits", c->devtlb_hits);
	put(s, "faults", c->faults);
	put(s, "faults_suppressed", c->faults_suppressed);
	put(s, "page_requests", c->page_requests);
	put(s, "cfg.refs", c->cfg_refs);
	for (int i = 0; i < VTD_CACHE_COUNT; i++) {
		const struct cache_stats *cs = cache_get_stats(v->cc[i]);
		const char *n = cache_name(v->cc[i]);

#define CACHE_STAT(field)                                              \
		snprintf(name, sizeof(name), "%s." #field, n);          \
		put(s, name, cs->field)
		CACHE_STAT(lookups);
		CACHE_STAT(hits);
		CACHE_STAT(misses);
		CACHE_STAT(inserts);
		CACHE_STAT(evictions);
		CACHE_STAT(invalidations);
#undef CACHE_STAT
	}
	put(s, "walk.walks", c->walks);
	put(s, "walk.merged", c->merged);
	put_levels(s, "walk.fs.level%d.refs", c->fs_refs, 1);
	put_levels(s, "walk.ss.level%d.refs", c->ss_refs, 1);
	/*
	 * Paging-structure caches per level: of the probes (one per walk and
	 * stage; all levels at once), how many found their deepest entry at
	 * level l, i.e. started the walk below it.
	 */
	put(s, "walk_cache.fs.probes", c->fs_psc_probes);
	put_levels(s, "walk_cache.fs.level%d.hits", c->fs_psc_hits, 2);
	put(s, "walk_cache.ss.probes", c->ss_psc_probes);
	put_levels(s, "walk_cache.ss.level%d.hits", c->ss_psc_hits, 2);
	put(s, "walk.ad_writes", c->ad_writes);
	put(s, "walk.wait_ps", c->walk_wait_ps);
	put(s, "qi.descriptors", c->qi_desc);
	put(s, "qi.waits", c->qi_wait);
	put(s, "qi.errors", c->qi_errors);
	put(s, "qi.busy_ps", c->qi_busy_ps);
	put(s, "prq.overflow", c->prq_overflow);
	put(s, "prq.responses", c->prq_responses);
	put(s, "prq.bad_responses", c->prq_bad_responses);
}

void vtd_reset_stats(struct iommu_model *m)
{
	struct vtd *v = to_vtd(m);

	memset(&v->cnt, 0, sizeof(v->cnt));
	for (int i = 0; i < VTD_CACHE_COUNT; i++)
		cache_reset_stats(v->cc[i]);
	xlate_pipe_reset_stats(&v->pipe);
}
