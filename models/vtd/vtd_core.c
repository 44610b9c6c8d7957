// SPDX-License-Identifier: GPL-2.0-only
/*
 * vtd_core.c - model creation and destruction, the iommu_model_ops
 * table, and the accessors declared in vtd.h.
 */
#include <stdlib.h>
#include <string.h>

#include "vtd_internal.h"

static void vtd_destroy(struct iommu_model *m)
{
	struct vtd *v = to_vtd(m);

	if (!v)
		return;
	vtd_caches_destroy(v);
	xlate_pipe_fini(&v->pipe);
	free(v);
}

static struct cache *vtd_cache_named(struct iommu_model *m, const char *name)
{
	struct vtd *v = to_vtd(m);

	for (int i = 0; i < VTD_CACHE_COUNT; i++)
		if (!strcmp(cache_name(v->cc[i]), name))
			return v->cc[i];
	return NULL;
}

static struct xlate_pipe *vtd_pipe(struct iommu_model *m)
{
	return &to_vtd(m)->pipe;
}

static const struct iommu_model_ops vtd_ops = {
	.name = "vtd",
	.translate = vtd_translate,
	.mmio_read = vtd_mmio_read,
	.mmio_write = vtd_mmio_write,
	.stats = vtd_stats,
	.reset_stats = vtd_reset_stats,
	.destroy = vtd_destroy,
	.cache = vtd_cache_named,
	.pipe = vtd_pipe,
};

static bool config_valid(const struct vtd_config *cfg)
{
	const struct vtd_caps *k = &cfg->caps;

	/* Every fault record must fit in the 4 KiB register page. */
	return k->mgaw >= 32 && k->mgaw <= 52 && k->nfr >= 1 &&
	       VTD_FRO_OFFSET + k->nfr * VTD_FRCD_LEN <= VTD_MMIO_SIZE && k->nd <= 6 &&
	       k->pss >= 1 && k->pss <= 20 && k->smts && cfg->timing.clock_mhz > 0 &&
	       (k->sagaw & (VTD_SAGAW_39 | VTD_SAGAW_48 | VTD_SAGAW_57));
}

struct iommu_model *vtd_create(const struct vtd_config *cfg, struct pmem *pm,
			       const struct iommu_irq *irq)
{
	struct vtd *v;
	const struct timing_params *tp = &cfg->timing;

	if (!cfg || !pm || !config_valid(cfg))
		return NULL;
	v = calloc(1, sizeof(*v));
	if (!v)
		return NULL;
	v->base.ops = &vtd_ops;
	v->cfg = *cfg;
	v->pm = pm;
	if (irq && irq->raise) {
		v->irq = *irq;
		v->have_irq = true;
	}
	vtd_caps_regs(cfg, &v->cap, &v->ecap);
	v->haw_mask = (1ULL << cfg->caps.mgaw) - 1;
	v->ndoms = 1u << (4 + 2 * cfg->caps.nd);
	v->max_pasid = cfg->caps.pasid ? 1u << cfg->caps.pss : 1;
	v->ps_ats_rtt = timing_ns(cfg->ats_rtt_ns);
	vtd_regs_reset(v);
	if (vtd_caches_create(v) ||
	    xlate_pipe_init(&v->pipe, tp, cfg->miss_table_entries)) {
		vtd_destroy(&v->base);
		return NULL;
	}
	return &v->base;
}

const struct vtd_counters *vtd_get_counters(struct iommu_model *m)
{
	vtd_counters_sync(to_vtd(m));
	return &to_vtd(m)->cnt;
}

const struct vtd_config *vtd_get_config(struct iommu_model *m)
{
	return &to_vtd(m)->cfg;
}

struct cache *vtd_get_cache(struct iommu_model *m, enum vtd_cache_id id)
{
	return id < VTD_CACHE_COUNT ? to_vtd(m)->cc[id] : NULL;
}

sim_time_t vtd_qi_done_time(struct iommu_model *m)
{
	return to_vtd(m)->qi_time;
}

unsigned vtd_prq_outstanding(struct iommu_model *m)
{
	struct vtd *v = to_vtd(m);
	unsigned n = 0;

	for (unsigned i = 0; i < VTD_PRG_SLOTS; i++)
		n += v->prg[i].valid;
	return n;
}
