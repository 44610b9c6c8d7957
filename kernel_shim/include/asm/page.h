/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_ASM_PAGE_H
#define _SHIM_ASM_PAGE_H

#include <linux/const.h>
#include <linux/types.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(addr) __ALIGN_KERNEL(addr, PAGE_SIZE)
#define PAGE_ALIGNED(addr) IS_ALIGNED((unsigned long)(addr), PAGE_SIZE)
#define PMD_SHIFT 21
#define PUD_SHIFT 30
#define PMD_SIZE (1UL << PMD_SHIFT)
#define PUD_SIZE (1UL << PUD_SHIFT)
#define HPAGE_SHIFT PMD_SHIFT
#define HPAGE_SIZE PMD_SIZE
#define HPAGE_PMD_SIZE PMD_SIZE
#define MAX_PAGE_ORDER 10
/* 4-level paging: 48-bit canonical virtual addresses */
#define __VIRTUAL_MASK_SHIFT 47
typedef struct { unsigned long pgd; } pgd_t;

phys_addr_t virt_to_phys(const volatile void *addr);
void *phys_to_virt(phys_addr_t pa);
#define __pa(x) virt_to_phys((void *)(x))
#define __va(x) phys_to_virt((phys_addr_t)(x))

#endif
