// SPDX-License-Identifier: GPL-2.0-only
/*
 * scen_model.c - named access to the model configuration fields a
 * scenario may override (see scen_model.h).
 */
#include <stddef.h>
#include <string.h>

#include "scen_model.h"

struct cache_field {
	const char *name;
	size_t off;
};

static const struct cache_field vtd_caches[] = {
	{ "context_cache", offsetof(struct vtd_config, context_cache) },
	{ "pasid_cache", offsetof(struct vtd_config, pasid_cache) },
	{ "iotlb", offsetof(struct vtd_config, iotlb) },
	{ "fs_psc", offsetof(struct vtd_config, fs_psc) },
	{ "ss_psc", offsetof(struct vtd_config, ss_psc) },
	{ "devtlb", offsetof(struct vtd_config, devtlb) },
	{ NULL, 0 },
};

static const struct cache_field smmu_caches[] = {
	{ "ste_cache", offsetof(struct smmu_config, ste_cache) },
	{ "cd_cache", offsetof(struct smmu_config, cd_cache) },
	{ "tlb", offsetof(struct smmu_config, tlb) },
	{ "s1_walk", offsetof(struct smmu_config, s1_walk) },
	{ "s2_walk", offsetof(struct smmu_config, s2_walk) },
	{ "atc", offsetof(struct smmu_config, atc) },
	{ NULL, 0 },
};

enum ptype { P_U32, P_BOOL, P_UINT };

struct param_field {
	const char *name;
	size_t off;             /* in struct timing_params, or in the model config */
	enum ptype type;
	bool timing;
};

#define TP(f, t) { #f, offsetof(struct timing_params, f), t, true }
#define TIMING_FIELDS \
	TP(clock_mhz, P_U32), TP(tlb_lookup_cycles, P_U32), TP(cfg_lookup_cycles, P_U32), \
	TP(cfg2_lookup_cycles, P_U32), TP(walk_cache_cycles, P_U32),                   \
	TP(devtlb_lookup_cycles, P_U32), TP(mem_read_ns, P_U32), TP(mem_write_ns, P_U32), \
	TP(walkers, P_U32), TP(merge_misses, P_BOOL), TP(inv_desc_cycles, P_U32),      \
	TP(inv_sync_cycles, P_U32)

static const struct param_field vtd_params[] = {
	TIMING_FIELDS,
	{ "ats_rtt_ns", offsetof(struct vtd_config, ats_rtt_ns), P_U32, false },
	{ "miss_table_entries", offsetof(struct vtd_config, miss_table_entries), P_UINT, false },
	{ NULL, 0, 0, false },
};

static const struct param_field smmu_params[] = {
	TIMING_FIELDS,
	{ "miss_slots", offsetof(struct smmu_config, miss_slots), P_UINT, false },
	{ NULL, 0, 0, false },
};

static void *cfg_base(struct scenario *sc)
{
	return sc->iommu == SCEN_IOMMU_VTD ? (void *)&sc->vtd : (void *)&sc->smmu;
}

static struct timing_params *timing_of(struct scenario *sc)
{
	return sc->iommu == SCEN_IOMMU_VTD ? &sc->vtd.timing : &sc->smmu.timing;
}

static const struct cache_field *caches_of(enum scen_iommu k)
{
	return k == SCEN_IOMMU_VTD ? vtd_caches : smmu_caches;
}

static const struct param_field *params_of(enum scen_iommu k)
{
	return k == SCEN_IOMMU_VTD ? vtd_params : smmu_params;
}

struct cache_config *scen_model_cache(struct scenario *sc, enum scen_iommu kind,
				      const char *name)
{
	void *base = kind == SCEN_IOMMU_VTD ? (void *)&sc->vtd : (void *)&sc->smmu;

	for (const struct cache_field *f = caches_of(kind); f->name; f++)
		if (!strcmp(f->name, name))
			return (struct cache_config *)((char *)base + f->off);
	return NULL;
}

const char *scen_model_cache_names(enum scen_iommu kind)
{
	return kind == SCEN_IOMMU_VTD
		? "context_cache, pasid_cache, iotlb, fs_psc, ss_psc, devtlb"
		: "ste_cache, cd_cache, tlb, s1_walk, s2_walk, atc";
}

static const struct param_field *find_param(enum scen_iommu k, const char *name)
{
	for (const struct param_field *f = params_of(k); f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

bool scen_model_param_known(const struct scenario *sc, const char *name)
{
	return find_param(sc->iommu, name) != NULL;
}

static void *param_ptr(struct scenario *sc, const struct param_field *f)
{
	return (char *)(f->timing ? (void *)timing_of(sc) : cfg_base(sc)) + f->off;
}

int scen_model_param_set(struct scenario *sc, const char *name, uint64_t val)
{
	const struct param_field *f = find_param(sc->iommu, name);
	void *p;

	if (!f)
		return -1;
	p = param_ptr(sc, f);
	switch (f->type) {
	case P_BOOL:
		if (val > 1)
			return -1;
		*(bool *)p = val;
		break;
	case P_U32:
		*(uint32_t *)p = (uint32_t)val;
		break;
	case P_UINT:
		*(unsigned *)p = (unsigned)val;
		break;
	}
	/* A zero clock or no walker would stall every request forever. */
	if ((!strcmp(name, "clock_mhz") || !strcmp(name, "walkers")) && !val)
		return -1;
	return 0;
}

const char *scen_model_param_names(enum scen_iommu kind)
{
	return kind == SCEN_IOMMU_VTD
		? "clock_mhz, *_lookup_cycles, walk_cache_cycles, mem_read_ns, mem_write_ns, "
		  "walkers, merge_misses, inv_desc_cycles, inv_sync_cycles, ats_rtt_ns, "
		  "miss_table_entries"
		: "clock_mhz, *_lookup_cycles, walk_cache_cycles, mem_read_ns, mem_write_ns, "
		  "walkers, merge_misses, inv_desc_cycles, inv_sync_cycles, miss_slots";
}

void scen_model_visit(const struct scenario *csc, const struct scen_model_visitor *v)
{
	struct scenario *sc = (struct scenario *)csc;   /* read only below */

	for (const struct cache_field *f = caches_of(sc->iommu); f->name; f++)
		v->cache(v->ctx, f->name,
			 (const struct cache_config *)((char *)cfg_base(sc) + f->off));
	for (const struct param_field *f = params_of(sc->iommu); f->name; f++) {
		const void *p = param_ptr(sc, f);
		uint64_t val = f->type == P_BOOL ? *(const bool *)p
			     : f->type == P_U32 ? *(const uint32_t *)p : *(const unsigned *)p;

		v->param(v->ctx, f->name, val);
	}
}
