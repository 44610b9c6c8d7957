/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * guest_inval.h - how a simulated guest's IOMMU driver invalidates its
 * stage-1 translations after an unmap: what Linux 6.12's drivers choose,
 * or one of the alternatives a modeller may compare with it
 * (`software.guest_inval`). Both set-ups use it: the kernel set-up's VMM
 * passes the result on as IOMMU_HWPT_INVALIDATE entries, the direct
 * set-ups write it as queued-invalidation descriptors or CMDQ commands.
 *
 * The rules are Linux's (sources are 6.12's, cited where each applies):
 *  - VT-d, first-stage domain: intel_iommu_tlb_sync() flushes the gathered
 *    range with IH set when the unmap freed no page-table page
 *    (cache_tag_flush_range(..., list_empty(&gather->freelist))), as one
 *    page-selective-within-PASID invalidation (qi_desc_piotlb) of the
 *    smallest naturally aligned power-of-two block of pages holding the
 *    range (calculate_psi_aligned_address). A vIOMMU passes IH on as
 *    IOMMU_VTD_INV_FLAGS_LEAF (intel/nested.c).
 *  - SMMUv3: the sync after an unmap is arm_smmu_tlb_inv_range_domain()
 *    with leaf set; a freed table is a non-leaf walk flush
 *    (io-pgtable's tlb_flush_walk). With RIL, __arm_smmu_tlb_inv_range()
 *    covers the range with (NUM+1) * 2^SCALE-page commands, TTL naming
 *    the leaf level; without, it issues one TLBI_NH_VA per 4 KiB page.
 *    Neither applies a command-count threshold (6.12 has one only on the
 *    SVA path, arm-smmu-v3-sva.c CMDQ_MAX_TLBI_OPS, not used by a DMA
 *    domain).
 *  - A flush of the whole address space is a PASID-selective invalidation
 *    (npages = -1) on VT-d and TLBI_NH_ASID on SMMUv3.
 */
#ifndef SIM_GUEST_INVAL_H
#define SIM_GUEST_INVAL_H

#include <stdbool.h>
#include <stdint.h>

#include "scenario.h"

/* VT-d: one PASID-based IOTLB invalidation. */
struct guest_vtd_inval {
	uint64_t addr;          /* 4 KiB aligned, aligned to npages pages */
	uint64_t npages;        /* a power of two; UINT64_MAX: the whole PASID */
	bool leaf;              /* IH: keep the paging-structure caches */
};

/*
 * The invalidation after unmapping [iova, iova + size) (size 0: the
 * whole address space); tables_freed: whether the unmaps since the last
 * invalidation freed a page-table page.
 */
void guest_vtd_inval(enum scen_guest_inval policy, uint64_t iova, uint64_t size,
		     bool tables_freed, struct guest_vtd_inval *out);

/* SMMUv3: one TLBI_NH_VA (or, with asid_all, one TLBI_NH_ASID). */
struct guest_smmu_tlbi {
	bool asid_all;
	uint64_t addr;          /* 4 KiB aligned */
	bool leaf;
	uint8_t num, scale;     /* range: (num + 1) << scale pages (RIL only) */
	uint8_t tg, ttl;        /* range: granule 1 = 4 KiB; leaf level 3 */
};

typedef int (*guest_smmu_emit_fn)(void *ctx, const struct guest_smmu_tlbi *cmd);

/* The command's two words (CMDQ format); tags: its ASID and VMID fields. */
void guest_smmu_tlbi_encode(const struct guest_smmu_tlbi *t, uint64_t tags, uint64_t cmd[2]);

/* CMD_CFGI_CD (leaf) for CD ssid of stream sid, after the guest rewrote it. */
void guest_smmu_cfgi_cd_encode(uint32_t sid, uint32_t ssid, uint64_t cmd[2]);

/*
 * The commands for the same invalidation on an SMMU with or without
 * range invalidation (IDR3.RIL), each passed to emit in order. Returns
 * the number of commands, or emit's first non-zero return.
 */
long guest_smmu_inval(enum scen_guest_inval policy, uint64_t iova, uint64_t size,
		      bool tables_freed, bool ril, guest_smmu_emit_fn emit, void *ctx);

#endif /* SIM_GUEST_INVAL_H */
