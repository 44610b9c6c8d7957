/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * iommusim_smmuv3.h - project uAPI extension: SMMUv3 nesting for the
 * 6.12 iommufd uAPI.
 *
 * Linux 6.12 has no SMMUv3 nesting types. Later kernels added them
 * (IOMMU_HWPT_DATA_ARM_SMMUV3, IOMMU_HW_INFO_TYPE_ARM_SMMUV3 and the
 * vIOMMU invalidation type IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3). This
 * header gives the same numbers and layouts, carried over the 6.12
 * calls that exist: IOMMU_HWPT_ALLOC with a NEST_PARENT paging HWPT as
 * pt_id (the core passes the data to the driver's domain_alloc_user),
 * IOMMU_HWPT_INVALIDATE on the nested HWPT (the driver's
 * cache_invalidate_user) and IOMMU_GET_HW_INFO. Include it after
 * <linux/iommufd.h>; user space and kernel side both can.
 *
 * Rules the simsmmu driver applies, as the later upstream driver does:
 *
 * IOMMU_HWPT_ALLOC, data_type IOMMU_HWPT_DATA_ARM_SMMUV3, data = struct
 * iommu_hwpt_arm_smmuv3 (the guest's STE words 0 and 1, little endian):
 *   - pt_id must be a NEST_PARENT (stage 2) HWPT of the same SMMU
 *     instance (EINVAL; a parent of another driver is refused by the
 *     iommufd core with EINVAL); flags other than FAULT_ID_VALID
 *     EOPNOTSUPP; an SMMU without both stages EOPNOTSUPP; a wrong
 *     data_type EINVAL; a shorter or (6.12's iommu_copy_struct_from_user)
 *     longer structure EINVAL.
 *   - STE.V = 0: the entry is taken as all zero (abort).
 *   - any bit outside V, Config, S1Fmt, S1ContextPtr, S1CDMax (word 0)
 *     and S1DSS, S1CIR, S1COR, S1CSH, S1STALLD, EATS (word 1): EIO.
 *   - Config other than abort (0b000), bypass (0b100) or stage-1
 *     translate (0b101): EIO. EATS other than 0 (abort) or 1 (full ATS):
 *     EIO; EATS is then cleared (the host decides it).
 *   The host STE is: abort; the parent's stage 2 alone (guest bypass);
 *   or nested, guest stage-1 fields over the parent's stage 2 (S1
 *   translate: S1ContextPtr is an IPA).
 *
 * IOMMU_HWPT_INVALIDATE on the nested HWPT, data_type
 * IOMMU_HWPT_INVALIDATE_DATA_ARM_SMMUV3, entries struct
 * iommu_hwpt_arm_smmuv3_invalidate (raw 128-bit commands):
 *   - allowed: TLBI_NH_ALL, TLBI_NH_ASID, TLBI_NH_VA, TLBI_NH_VAA (the
 *     VMID field is replaced by the parent's VMID), TLBI_NSNH_ALL
 *     (becomes TLBI_NH_ALL of the parent's VMID), CFGI_CD, CFGI_CD_ALL
 *     and ATC_INV; anything else EIO.
 *   - CFGI_CD*, ATC_INV name a StreamID. 6.12 has no vDEVICE objects to
 *     map a virtual SID, so the SID field must be the physical StreamID
 *     of a device attached to this nested HWPT (EIO otherwise).
 *   - entry_len must be 16 (EINVAL otherwise, as 6.12's copy helpers do).
 *   - entry_num is written back with the number of commands issued;
 *     commands are issued in order and the first refused one stops the
 *     batch (the ones before it were executed).
 *
 * IOMMU_GET_HW_INFO: out_data_type IOMMU_HW_INFO_TYPE_ARM_SMMUV3, data
 * struct iommu_hw_info_arm_smmuv3 with the raw IDR0-5, IIDR and AIDR.
 */
#ifndef IOMMUSIM_UAPI_SMMUV3_H
#define IOMMUSIM_UAPI_SMMUV3_H

#include <linux/types.h>

/* enum iommu_hwpt_data_type */
#define IOMMU_HWPT_DATA_ARM_SMMUV3 2

/*
 * enum iommu_hwpt_invalidate_data_type. Upstream names this
 * IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3 and gives it the value 1.
 */
#define IOMMU_HWPT_INVALIDATE_DATA_ARM_SMMUV3 1
#define IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3 IOMMU_HWPT_INVALIDATE_DATA_ARM_SMMUV3

/* enum iommu_hw_info_type */
#define IOMMU_HW_INFO_TYPE_ARM_SMMUV3 2

struct iommu_hwpt_arm_smmuv3 {
	__aligned_le64 ste[2];
};

struct iommu_hwpt_arm_smmuv3_invalidate {
	__aligned_le64 cmd[2];
};
#define iommu_viommu_arm_smmuv3_invalidate iommu_hwpt_arm_smmuv3_invalidate

struct iommu_hw_info_arm_smmuv3 {
	__u32 flags;
	__u32 __reserved;
	__u32 idr[6];
	__u32 iidr;
	__u32 aidr;
};

#endif
