/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vtd.h - public face of the Intel VT-d scalable-mode model.
 *
 * The model is reached like silicon: register reads/writes at byte
 * offsets of vtd_regs.h (base 0; the platform adds its own MMIO base)
 * and structures in simulated physical memory (struct pmem). Device
 * requests come in as struct xlate_req (sid = bus << 8 | devfn).
 *
 *   struct vtd_config cfg;
 *   vtd_config_preset(&cfg, VTD_PRESET_SPR);   // or vtd_config_preset_name()
 *   cfg.iotlb.sets = 64;                       // override single fields
 *   struct iommu_model *m = vtd_create(&cfg, pmem, &irq);
 *   m->ops->mmio_write(m, VTD_RTADDR_REG, rta | 1 << 10, 8, now); ...
 *
 * Interrupts: irq->raise(ctx, data) is called with the contents of
 * FEDATA (fault event), IEDATA (invalidation completion) or PEDATA
 * (page request), as an MSI would deliver them.
 */
#ifndef MODELS_VTD_VTD_H
#define MODELS_VTD_VTD_H

#include <stdbool.h>
#include <stdint.h>

#include "cache.h"
#include "iommu_model.h"
#include "pmem.h"
#include "timing.h"
#include "vtd_regs.h"

struct vtd_caps {
	uint8_t version;        /* VER_REG, major << 4 | minor */
	uint8_t mgaw;           /* host address width, bits (CAP.MGAW + 1) */
	uint8_t sagaw;          /* VTD_SAGAW_* bits */
	uint8_t nd;             /* CAP.ND: 2^(4 + 2 * nd) domain ids */
	uint8_t nfr;            /* fault recording registers (1..256) */
	uint8_t mamv;           /* max address mask for page-selective inv. */
	uint8_t pss;            /* PASID bits (ECAP.PSS + 1) */
	bool sllps_2m, sllps_1g;/* second-stage large pages */
	bool fl1gp;             /* first-stage 1 GiB pages */
	bool fl5lp;             /* first-stage 5-level paging */
	bool psi;               /* page-selective invalidation */
	bool coherent;          /* ECAP.C: table walks snoop the CPU caches */
	bool qi, dt, pt, sc;
	bool nest, pasid, prs, ers, srs, smts, fsts, ssts, ssads, eafs;
};

struct vtd_config {
	struct vtd_caps caps;
	/* Caches (geometry and replacement; sets == 0 disables) */
	struct cache_config context_cache;
	struct cache_config pasid_cache;
	struct cache_config iotlb;
	struct cache_config fs_psc;     /* first-stage paging-structure cache */
	struct cache_config ss_psc;     /* second-stage paging-structure cache */
	struct cache_config devtlb;     /* device TLB (ATS), modeled per IOMMU */
	struct timing_params timing;
	/*
	 * PCIe round trip between the device and the IOMMU, ns: paid by an
	 * ATS translation request after a device-TLB miss and by each
	 * device-TLB invalidation (the device must answer).
	 */
	uint32_t ats_rtt_ns;
	unsigned miss_table_entries;    /* in-flight walks tracked for merging */
	uint64_t seed;                  /* random replacement streams */
};

enum vtd_preset {
	VTD_PRESET_SPR,         /* Sapphire Rapids-like: everything */
	VTD_PRESET_MINIMAL,     /* no nesting, no 5-level, no PRS, no DT */
};

void vtd_config_preset(struct vtd_config *cfg, enum vtd_preset p);
/* "spr" or "minimal"; returns -1 (cfg untouched) for any other name. */
int vtd_config_preset_name(struct vtd_config *cfg, const char *name);
/* Where each default comes from (for reports and --help). */
const char *vtd_config_doc(void);
/* CAP_REG / ECAP_REG values that a configuration yields. */
uint64_t vtd_config_cap(const struct vtd_config *cfg);
uint64_t vtd_config_ecap(const struct vtd_config *cfg);

/*
 * Create a model. pmem is the physical address space the hardware
 * reaches (not owned); irq may be NULL. Returns NULL on a bad
 * configuration (e.g. a cache geometry cache_create refuses).
 */
struct iommu_model *vtd_create(const struct vtd_config *cfg, struct pmem *pm,
			       const struct iommu_irq *irq);

/* ---- accessors for tests, reports and the platform ------------------ */

/* Counters of the model, the same numbers vtd's stats() emits. */
struct vtd_counters {
	uint64_t requests, faults, faults_suppressed, page_requests;
	uint64_t iotlb_hits, walks, merged, devtlb_hits;
	uint64_t cfg_refs;              /* root/context/PASID fetches */
	uint64_t fs_refs[6], ss_refs[6];/* walk reads per level (1..5) */
	/* paging-structure caches: probes, and walks started below level l */
	uint64_t fs_psc_probes, ss_psc_probes;
	uint64_t fs_psc_hits[6], ss_psc_hits[6];
	uint64_t ad_writes;             /* A/D (and EA) updates */
	uint64_t qi_desc, qi_wait, qi_errors;
	uint64_t prq_overflow, prq_responses, prq_bad_responses;
	sim_time_t walk_wait_ps;        /* time walks waited for a walker */
	sim_time_t qi_busy_ps;
};

const struct vtd_counters *vtd_get_counters(struct iommu_model *m);
const struct vtd_config *vtd_get_config(struct iommu_model *m);

enum vtd_cache_id {
	VTD_CACHE_CONTEXT, VTD_CACHE_PASID, VTD_CACHE_IOTLB,
	VTD_CACHE_FS_PSC, VTD_CACHE_SS_PSC, VTD_CACHE_DEVTLB,
	VTD_CACHE_COUNT
};
struct cache *vtd_get_cache(struct iommu_model *m, enum vtd_cache_id id);
/* Time at which the invalidation queue finished its last descriptor. */
sim_time_t vtd_qi_done_time(struct iommu_model *m);
/* Page groups requested and not yet answered by a page group response. */
unsigned vtd_prq_outstanding(struct iommu_model *m);

#endif /* MODELS_VTD_VTD_H */
