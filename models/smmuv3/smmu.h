/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smmu.h - public face of the Arm SMMUv3 model.
 *
 * The model is reached only as hardware is: 32/64-bit register accesses
 * through iommu_model_ops.mmio_read/mmio_write (register file at offset 0,
 * page 1 at 0x10000) and structures in simulated physical memory (stream
 * table, context descriptors, page tables, command and event queues).
 * Device requests come in through iommu_model_ops.translate with
 * xlate_req.sid = StreamID and, when has_pasid, pasid = SubstreamID.
 *
 * Interrupt vectors raised through struct iommu_irq when no MSI address is
 * programmed (wired interrupts): SMMU_IRQ_*.
 */
#ifndef MODELS_SMMUV3_SMMU_H
#define MODELS_SMMUV3_SMMU_H

#include <stdbool.h>
#include <stdint.h>

#include "cache.h"
#include "iommu_model.h"
#include "pmem.h"
#include "timing.h"

enum smmu_irq_vector {
	SMMU_IRQ_EVTQ = 0,      /* event queue became non-empty / new record */
	SMMU_IRQ_PRIQ = 1,
	SMMU_IRQ_GERROR = 2,    /* a GERROR bit toggled */
	SMMU_IRQ_CMD_SYNC = 3,  /* CMD_SYNC CS=SIG_IRQ with no MSI address */
	SMMU_IRQ_SEV = 4,       /* CMD_SYNC CS=SIG_SEV: the WFE wake-up event */
};

/*
 * Everything that distinguishes one SMMU implementation from another.
 * smmu_config_preset() fills it; callers override single fields. Every
 * default and its source is in smmu_config_doc().
 */
struct smmu_config {
	/* Capabilities, reported through IDR0..IDR5 */
	bool s1p, s2p;          /* stage 1 / stage 2 (both: nesting) */
	bool ats, pri;
	bool httu_a, httu_d;    /* hardware access flag / dirty state (HA, HD) */
	bool msi, sev;
	bool asid16, vmid16;
	bool cd2l;              /* 2-level CD tables */
	bool st_2lvl;           /* 2-level stream tables */
	bool hyp;               /* EL2 StreamWorld (only reported; EL2 TLBIs are CERROR_ILL when 0) */
	bool ril;               /* range invalidation (TLBI NUM/SCALE) */
	uint8_t stall_model;    /* SMMU_STALL_MODEL_* */
	uint8_t sidsize;        /* StreamID bits */
	uint8_t ssidsize;       /* SubstreamID bits (0: no substreams) */
	uint8_t oas;            /* SMMU_PS_* output address size */
	bool gran4k, gran16k, gran64k;
	uint8_t cmdqs, evtqs, priqs; /* max log2 queue sizes */
	uint16_t stall_max;     /* outstanding stalled transactions */
	uint32_t iidr;
	/* Caches (sets × ways; 0 disables) */
	struct cache_config ste_cache;  /* configuration cache: STEs */
	struct cache_config cd_cache;   /* configuration cache: CDs */
	struct cache_config tlb;        /* combined translations, ASID/VMID tagged */
	struct cache_config s1_walk;    /* stage-1 table descriptors */
	struct cache_config s2_walk;    /* stage-2 table descriptors */
	struct cache_config atc;        /* the device's ATC behind ATS (0: none) */
	unsigned miss_slots;            /* in-flight misses tracked for merging */
	uint64_t seed;                  /* random replacement streams */
	/* Timing */
	struct timing_params timing;
	uint32_t cmd_cycles[256];       /* per-opcode cost; 0 means timing.inv_desc_cycles */
};

/*
 * Presets: "full" (S1+S2+nesting, ATS, PRI, HTTU A+D, stall, 2-level
 * tables, 48-bit OAS, 4K/16K/64K granules) and "s1only" (stage 1 only,
 * linear tables, no ATS/PRI/HTTU/stall, 4K/64K). Returns 0 or -EINVAL for
 * an unknown name (then *cfg holds "full").
 */
int smmu_config_preset(struct smmu_config *cfg, const char *name);
/* Provenance of each default, one line each. */
const char *smmu_config_doc(void);

/* NULL on a bad configuration or out of memory. irq may be NULL. */
struct iommu_model *smmu_create(const struct smmu_config *cfg, struct pmem *pm,
				const struct iommu_irq *irq);
/* Time at which the command queue finished its last command. */
sim_time_t smmu_cmdq_done_time(struct iommu_model *m);

#endif /* MODELS_SMMUV3_SMMU_H */
