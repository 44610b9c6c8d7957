/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * iommusim_pmem.h - the simulated physical memory, for the hardware side
 * of a test or platform: device DMA that a model has translated is a
 * pmem_read()/pmem_write() at the resulting physical address (see
 * models/common/pmem.h). Valid between iommusim_kernel_boot() and
 * iommusim_kernel_shutdown().
 */
#ifndef IOMMUSIM_PMEM_H
#define IOMMUSIM_PMEM_H

#ifdef __cplusplus
extern "C" {
#endif

struct pmem;

struct pmem *iommusim_pmem(void);

#ifdef __cplusplus
}
#endif

#endif
