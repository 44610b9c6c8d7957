/* SPDX-License-Identifier: GPL-2.0-only */
/* The DMA API's names; the simulated devices' DMA does not go through it. */
#ifndef _SHIM_LINUX_DMA_MAPPING_H
#define _SHIM_LINUX_DMA_MAPPING_H

#include <linux/device.h>
#include <linux/err.h>
#include <linux/spinlock.h>
#include <linux/scatterlist.h>

#define DMA_BIT_MASK(n) (((n) == 64) ? ~0ULL : ((1ULL << (n)) - 1))
#define DMA_MAPPING_ERROR (~(dma_addr_t)0)

struct dma_map_ops;
static inline void set_dma_ops(struct device *dev, const struct dma_map_ops *ops) { dev->dma_ops = ops; }
static inline void debug_dma_dump_mappings(struct device *dev) { }

enum dma_data_direction {
	DMA_BIDIRECTIONAL = 0,
	DMA_TO_DEVICE = 1,
	DMA_FROM_DEVICE = 2,
	DMA_NONE = 3,
};

#endif
