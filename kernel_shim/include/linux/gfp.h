/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_GFP_H
#define _SHIM_LINUX_GFP_H

#include <linux/types.h>

#define ___GFP_DMA		0x01u
#define ___GFP_HIGHMEM		0x02u
#define ___GFP_DMA32		0x04u
#define __GFP_RECLAIMABLE	0x10u
#define __GFP_HIGH		0x20u
#define __GFP_IO		0x40u
#define __GFP_FS		0x80u
#define __GFP_ZERO		0x100u
#define __GFP_DIRECT_RECLAIM	0x400u
#define __GFP_KSWAPD_RECLAIM	0x800u
#define __GFP_NOWARN		0x2000u
#define __GFP_RETRY_MAYFAIL	0x4000u
#define __GFP_NOFAIL		0x8000u
#define __GFP_NORETRY		0x10000u
#define __GFP_COMP		0x40000u
#define __GFP_ACCOUNT		0x400000u
#define __GFP_BITS_SHIFT	27
#define __GFP_BITS_MASK		((gfp_t)((1 << __GFP_BITS_SHIFT) - 1))
#define __GFP_HIGHMEM		___GFP_HIGHMEM
#define __GFP_DMA32		___GFP_DMA32
#define __GFP_DMA		___GFP_DMA
#define __GFP_RECLAIM		(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#define GFP_ATOMIC		(__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_NOWAIT		(__GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL		(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT	(GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOIO		(__GFP_RECLAIM)
#define GFP_NOFS		(__GFP_RECLAIM | __GFP_IO)
#define GFP_USER		(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_HIGHUSER		(GFP_USER | __GFP_HIGHMEM)
#define GFP_DMA32		__GFP_DMA32

static inline bool gfpflags_allow_blocking(gfp_t f)
{
	return f & __GFP_DIRECT_RECLAIM;
}

struct page;
struct page *alloc_pages(gfp_t gfp, unsigned int order);
struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order);
#define alloc_page(gfp) alloc_pages(gfp, 0)
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
#define __get_free_page(gfp) __get_free_pages(gfp, 0)
unsigned long get_zeroed_page(gfp_t gfp);
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page) __free_pages(page, 0)
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr) free_pages(addr, 0)
#define NUMA_NO_NODE (-1)
#define dev_to_node(dev) NUMA_NO_NODE
#define numa_node_id() 0

#endif
