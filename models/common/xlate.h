/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xlate.h - what a device presents to an IOMMU model and what it gets
 * back. Both models (VT-d, SMMUv3) take these, so trace replay, the
 * SystemC platform and the benches drive either one the same way.
 *
 * Time is in picoseconds of simulated time throughout the models.
 */
#ifndef MODELS_COMMON_XLATE_H
#define MODELS_COMMON_XLATE_H

#include <stdbool.h>
#include <stdint.h>

typedef uint64_t sim_time_t;    /* picoseconds */

#define SIM_PS_PER_NS 1000ULL

enum xlate_access {
	XLATE_READ  = 1u << 0,
	XLATE_WRITE = 1u << 1,
	XLATE_EXEC  = 1u << 2,  /* instruction fetch (VT-d ER, SMMU InD=0) */
};

struct xlate_req {
	uint32_t sid;           /* VT-d requester id (bus:devfn) / SMMU StreamID */
	uint32_t pasid;         /* PASID / SubstreamID, valid if has_pasid */
	bool has_pasid;
	bool priv;              /* supervisor / privileged request */
	bool ats_translated;    /* ATS: address already translated by a device TLB */
	uint8_t access;         /* enum xlate_access bits */
	uint64_t iova;
	uint32_t len;           /* bytes; a request does not cross a 4 KiB page */
	sim_time_t t_issue;
	bool pri;               /* device may issue a page request (PCIe PRI) on a
				 * recoverable fault instead of taking the fault */
};

#define XLATE_WC_LEVELS 6

enum xlate_status {
	XLATE_OK = 0,
	XLATE_FAULT,            /* fault/event recorded; fault_code says which */
	XLATE_STALLED,          /* SMMU stall model / VT-d page request pending */
};

struct xlate_res {
	enum xlate_status status;
	uint32_t fault_code;    /* VT-d fault reason / SMMU event id; 0 if OK */
	uint64_t pa;
	uint8_t page_shift;     /* size of the translation that served it */
	uint8_t perm;           /* enum xlate_access bits the mapping allows */
	bool tlb_hit;           /* served from the IOTLB/TLB without a walk */
	uint16_t walk_refs;     /* page-table memory references for this request */
	uint16_t cfg_refs;      /* context/PASID/STE/CD fetches for this request */
	/*
	 * Walk-cache (paging-structure cache) hits of this request, by stage
	 * (0: first / stage 1, 1: second / stage 2) and by level as the
	 * model's architecture numbers them (VT-d 1-5, VMSA 0-3).
	 */
	uint8_t wc_hits[2][XLATE_WC_LEVELS];
	sim_time_t t_done;      /* completion time */
};

#endif /* MODELS_COMMON_XLATE_H */
