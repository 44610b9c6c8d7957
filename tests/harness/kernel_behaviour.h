/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel behaviour that differs between the 6.12.y releases iommusim
 * supports (6.12.117 on), keyed on the version recorded at configure time
 * from the tree actually compiled (generated/kernel_version.h). A test
 * that depends on such behaviour asks one of these names, never a version
 * string, so it holds on whichever 6.12.y setup installed.
 *
 * Each entry names the upstream change and the release that brought it
 * into 6.12.y.
 */
#ifndef IOMMUSIM_KERNEL_BEHAVIOUR_H
#define IOMMUSIM_KERNEL_BEHAVIOUR_H

#include "kernel_version.h"

/*
 * 6.12.118: iova_bitmap_for_each() returns the callback's error (or the
 * first range iova_bitmap_set() could not record, -EPROTO), and
 * iopt_read_and_clear_dirty_data() returns what iova_bitmap_for_each()
 * gives. Before, a driver's read_and_clear_dirty() error was dropped and
 * IOMMU_HWPT_GET_DIRTY_BITMAP returned success with an empty bitmap.
 */
#define KB_DIRTY_READ_PASSES_DRIVER_ERROR (IOMMUSIM_KERNEL_SUBLEVEL >= 118)

#endif
