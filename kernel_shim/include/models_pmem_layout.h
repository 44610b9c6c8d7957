/* SPDX-License-Identifier: GPL-2.0-only */
/* The physical address width the shim's struct page table covers; must
 * agree with models/common/pmem.h (PMEM_PA_BITS - PMEM_PAGE_SHIFT). */
#ifndef SHIM_MODELS_PMEM_LAYOUT_H
#define SHIM_MODELS_PMEM_LAYOUT_H

#define SHIM_PFN_BITS 28        /* frames below 2^40: PMEM_TOP is 2^39 */

#endif
