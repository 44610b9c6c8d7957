/* SPDX-License-Identifier: GPL-2.0-only */
/* x86's IOMMU globals, as the arch code keeps them. */
#ifndef _SHIM_ASM_IOMMU_H
#define _SHIM_ASM_IOMMU_H
#include <linux/types.h>
#include <asm/timex.h>

/* 10 s of TSC cycles: how long VT-d register handshakes may take. */
#define DMAR_OPERATION_TIMEOUT ((cycles_t)tsc_khz * 10 * 1000)
extern int force_iommu, no_iommu, iommu_detected;
struct acpi_dmar_reserved_memory;
/* x86 keeps RMRRs that do not cover reserved memory; the shim's are. */
static inline int arch_rmrr_sanity_check(struct acpi_dmar_reserved_memory *rmrr) { return 0; }
#endif
