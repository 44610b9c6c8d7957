// SPDX-License-Identifier: GPL-2.0-only
/*
 * smmu_core.c - life cycle of an SMMUv3 model instance, its
 * iommu_model_ops table and statistics in a fixed order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smmu_priv.h"

static void smmu_destroy(struct iommu_model *m)
{
	struct smmu *s = to_smmu(m);

	if (!s)
		return;
	smmu_caches_destroy(s);
	xlate_pipe_fini(&s->pipe);
	free(s->stalls);
	free(s);
}

static void emit(const struct stats_sink *k, const char *name, uint64_t v)
{
	k->u64(k->ctx, name, v);
}

static void smmu_stats(struct iommu_model *m, const struct stats_sink *k)
{
	struct smmu *s = to_smmu(m);
	const struct smmu_stats *st = &s->st;
	char name[64];

	emit(k, "xlate.requests", st->requests);
	emit(k, "xlate.ok", st->ok);
	emit(k, "xlate.faults", st->faults);
	emit(k, "xlate.stalled", st->stalled);
	emit(k, "xlate.aborted", st->aborted);
	emit(k, "xlate.bypassed", st->bypassed);
	emit(k, "xlate.tlb_hits", st->tlb_hits);
	emit(k, "xlate.atc_hits", st->atc_hits);
	emit(k, "xlate.ats_translated", st->ats_translated);
	emit(k, "xlate.latency_ps_total", st->latency_ps_total);
	smmu_caches_stats(s, k);
	emit(k, "cfg.ste.refs", st->ste_refs);
	emit(k, "cfg.cd.refs", st->cd_refs);
	emit(k, "cfg.cd.s2_refs", st->cd_s2_refs);
	for (int stage = 1; stage <= 2; stage++) {
		for (int l = 0; l < SMMU_MAX_LEVELS; l++) {
			snprintf(name, sizeof(name), "walk.s%d.level%d.refs", stage, l);
			emit(k, name, st->walk_refs[stage - 1][l]);
		}
		snprintf(name, sizeof(name), "walk.s%d.updates", stage);
		emit(k, name, st->walk_writes[stage - 1]);
	}
	/*
	 * Walk cache per level: of the probes (one per walk and stage), how
	 * many started the walk from a table cached at level l.
	 */
	for (int stage = 1; stage <= 2; stage++) {
		snprintf(name, sizeof(name), "walk_cache.s%d.probes", stage);
		emit(k, name, st->wc_probes[stage - 1]);
		for (int l = 0; l < SMMU_MAX_LEVELS - 1; l++) {
			snprintf(name, sizeof(name), "walk_cache.s%d.level%d.hits", stage, l);
			emit(k, name, st->wc_hits[stage - 1][l]);
		}
	}
	emit(k, "walk.walks", s->pipe.walkers.walks);
	emit(k, "walk.merged", s->pipe.merged);
	emit(k, "walk.walker_wait_ps", s->pipe.walkers.wait_total);
	emit(k, "evtq.records", st->events);
	emit(k, "evtq.dropped_full", st->events_full);
	emit(k, "evtq.dropped_disabled", st->events_off);
	emit(k, "cmdq.commands", st->cmds);
	emit(k, "cmdq.errors", st->cmd_errors);
	emit(k, "cmdq.syncs", st->syncs);
	emit(k, "cmdq.cycles", st->cmd_cycles);
	emit(k, "priq.requests", st->pri_requests);
	emit(k, "priq.dropped_full", st->pri_full);
	emit(k, "priq.responses", st->pri_responses);
}

static void smmu_reset_stats(struct iommu_model *m)
{
	struct smmu *s = to_smmu(m);

	memset(&s->st, 0, sizeof(s->st));
	smmu_caches_reset_stats(s);
	xlate_pipe_reset_stats(&s->pipe);
}

static struct cache *smmu_cache_named(struct iommu_model *m, const char *name)
{
	struct smmu *s = to_smmu(m);
	struct cache *all[] = { s->ste_cache, s->cd_cache, s->tlb, s->s1_walk, s->s2_walk, s->atc };

	for (unsigned i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (!strcmp(cache_name(all[i]), name))
			return all[i];
	return NULL;
}

static struct xlate_pipe *smmu_pipe(struct iommu_model *m)
{
	return &to_smmu(m)->pipe;
}

static const struct iommu_model_ops smmu_ops = {
	.name = "smmuv3",
	.translate = smmu_translate,
	.mmio_read = smmu_mmio_read,
	.mmio_write = smmu_mmio_write,
	.stats = smmu_stats,
	.reset_stats = smmu_reset_stats,
	.destroy = smmu_destroy,
	.cache = smmu_cache_named,
	.pipe = smmu_pipe,
};

struct iommu_model *smmu_create(const struct smmu_config *cfg, struct pmem *pm,
				const struct iommu_irq *irq)
{
	struct smmu *s;

	if (!cfg || !pm || smmu_config_check(cfg))
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->base.ops = &smmu_ops;
	s->cfg = *cfg;
	s->pm = pm;
	if (irq)
		s->irq = *irq;
	smmu_config_idregs(s);
	s->n_stalls = cfg->stall_model == SMMU_STALL_MODEL_TERM ? 0 : cfg->stall_max;
	if (s->n_stalls) {
		s->stalls = calloc(s->n_stalls, sizeof(*s->stalls));
		if (!s->stalls)
			goto fail;
	}
	if (smmu_caches_create(s) || xlate_pipe_init(&s->pipe, &cfg->timing, cfg->miss_slots))
		goto fail;
	/* Reset state (6.3): everything disabled, GBPA aborts nothing */
	return &s->base;
fail:
	smmu_destroy(&s->base);
	return NULL;
}

sim_time_t smmu_cmdq_done_time(struct iommu_model *m)
{
	return to_smmu(m)->cmdq_busy_until;
}
