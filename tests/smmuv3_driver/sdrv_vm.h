/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A VMM in miniature: guest RAM in an IOAS (stage 2, NEST_PARENT HWPT),
 * a guest CD and stage-1 tables in that RAM, a nested HWPT with the
 * guest's STE, and a device bound and attached through its VFIO cdev.
 */
#ifndef TESTS_SMMUV3_DRIVER_SDRV_VM_H
#define TESTS_SMMUV3_DRIVER_SDRV_VM_H

#include "sdrv_util.h"

#define VM_GPA       0x80000000ULL
#define VM_PAGES     64
#define VM_CD_PAGE   1
#define VM_ROOT      2          /* guest stage-1 root; tables follow from page 3 */
#define VM_DATA      32         /* first guest data page */
#define VM_VA        0x0000123456789000ULL
#define VM_ASID      7

struct vm {
	const struct iommusim_hw_info *hw;
	unsigned int dev_i;
	int fd, dev;
	uint32_t devid, ioas, s2, nested;
	struct guest g;
	bool ok;
};

/* Up to a nested HWPT attached, VM_VA -> guest page VM_DATA. */
void vm_up(struct vm *vm, const struct iommusim_hw_info *hw, unsigned int dev_i);
void vm_down(struct vm *vm);

#endif
