/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_SCATTERLIST_H
#define _SHIM_LINUX_SCATTERLIST_H

#include <linux/mm.h>

struct scatterlist {
	unsigned long page_link;
	unsigned int offset;
	unsigned int length;
	dma_addr_t dma_address;
	unsigned int dma_length;
};

struct sg_table {
	struct scatterlist *sgl;
	unsigned int nents;
	unsigned int orig_nents;
};

#define sg_page(sg) ((struct page *)((sg)->page_link & ~0x3UL))
#define sg_phys(sg) (page_to_phys(sg_page(sg)) + (sg)->offset)
#define sg_next(sg) ((sg) + 1)
#define for_each_sg(sglist, sg, nr, __i) \
	for (__i = 0, sg = (sglist); __i < (nr); __i++, sg = sg_next(sg))
#define sg_dma_address(sg) ((sg)->dma_address)
#define sg_dma_is_bus_address(sg) false
#define sg_dma_len(sg) ((sg)->dma_length)

#endif
