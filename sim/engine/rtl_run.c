// SPDX-License-Identifier: GPL-2.0-only
/*
 * rtl_run.c - iommu.rtl for a run: which of the model's caches go into
 * lock-step (the IOTLB/TLB and the paging-structure/walk caches: the
 * blocks models/rtl describes), and the timing hook of the IOTLB.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "cache.h"
#include "rtl_cache.h"
#include "rtl_lockstep.h"
#include "rtl_run.h"
#include "timing.h"
#include "xlate_pipe.h"

#define MAX_CACHES 3

struct sim_rtl {
	struct rtl_lockstep *ls[MAX_CACHES];
	char label[MAX_CACHES][96];
	unsigned n;
	struct xlate_pipe *pipe;        /* timing: its tlb_time hook is ours */
	struct timing_params tp;
};

/* ps to IOMMU cycles and back (timing.h's clock) */
static sim_time_t tlb_time(void *ctx, sim_time_t t)
{
	struct sim_rtl *rt = ctx;
	uint64_t arrive = t * rt->tp.clock_mhz / 1000000u;
	uint64_t done = rtl_lockstep_request(rt->ls[0], arrive);

	return t + timing_cycles(&rt->tp, done - arrive);
}

struct sim_rtl *sim_rtl_attach(const struct scenario *sc, struct iommu_model *m,
			       struct sim_err *err, bool *failed)
{
	static const char *const vtd[] = { "iotlb", "fs_psc", "ss_psc" };
	static const char *const smmu[] = { "tlb", "walk_s1", "walk_s2" };
	bool is_vtd = sc->iommu == SCEN_IOMMU_VTD;
	const char *const *names = is_vtd ? vtd : smmu;
	struct sim_rtl *rt;

	*failed = false;
	if (sc->rtl == SCEN_RTL_OFF)
		return NULL;
	*failed = true;
	if (!m->ops->cache || !m->ops->pipe) {
		sim_err_set(err, "%s: iommu.rtl: the %s model does not offer its caches",
			    sc->path, m->ops->name);
		return NULL;
	}
	rt = calloc(1, sizeof(*rt));
	if (!rt) {
		sim_err_set(err, "out of memory");
		return NULL;
	}
	rt->tp = is_vtd ? sc->vtd.timing : sc->smmu.timing;
	for (unsigned i = 0; i < MAX_CACHES; i++) {
		struct cache *c = m->ops->cache(m, names[i]);
		char label[64], msg[512];
		struct rtl_lockstep_opts o = {
			/* the IOTLB's variant by name: the seeded-bug test, an architect's own */
			.variant = i == 0 ? getenv("IOMMUSIM_RTL_IOTLB_VARIANT") : NULL,
			.layout = is_vtd ? "vtd" : "smmu",
			.label = label,
			.timing = i == 0 && sc->rtl == SCEN_RTL_TIMING,
		};

		snprintf(label, sizeof(label), "%s %s", m->ops->name, names[i]);
		if (!cache_enabled(c)) {
			if (i == 0)
				goto disabled;
			continue;
		}
		rt->ls[rt->n] = rtl_lockstep_attach(c, &o, msg, sizeof(msg));
		if (!rt->ls[rt->n]) {
			sim_err_set(err, "%s: iommu.rtl: %s", sc->path, msg);
			sim_rtl_detach(rt);
			return NULL;
		}
		snprintf(rt->label[rt->n], sizeof(rt->label[0]), "%s (%s)", label,
			 rtl_lockstep_variant(rt->ls[rt->n]));
		rt->n++;
	}
	if (sc->rtl == SCEN_RTL_TIMING) {
		rt->pipe = m->ops->pipe(m);
		rt->pipe->tlb_time = tlb_time;
		rt->pipe->tlb_time_ctx = rt;
	}
	*failed = false;
	return rt;
disabled:
	sim_err_set(err, "%s: iommu.rtl: the %s %s is disabled", sc->path, m->ops->name, names[0]);
	free(rt);
	return NULL;
}

void sim_rtl_detach(struct sim_rtl *rt)
{
	if (!rt)
		return;
	if (rt->pipe)
		rt->pipe->tlb_time = NULL;
	for (unsigned i = 0; i < rt->n; i++) {
		struct rtl_lockstep_stats st;

		rtl_lockstep_drain(rt->ls[i]);
		rtl_lockstep_get_stats(rt->ls[i], &st);
		rtl_lockstep_detach(rt->ls[i]);        /* a divergence does not return */
		fprintf(stderr, "rtl lockstep: %s: %" PRIu64 " events, %" PRIu64
			" cycles, in step\n", rt->label[i], st.events, st.cycles);
	}
	/* a --coverage build (scripts/rtl-coverage.sh) */
	if (rt->n && rtl_cache_coverage_enabled() && getenv("IOMMUSIM_RTL_COVERAGE"))
		rtl_cache_coverage_write(getenv("IOMMUSIM_RTL_COVERAGE"));
	free(rt);
}
