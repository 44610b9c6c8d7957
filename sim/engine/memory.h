/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memory.h - the DRAM behind the IOMMU as device DMA sees it: a fixed
 * access latency and one channel of finite bandwidth that serves
 * transfers in arrival order. Used by the fast path directly and by the
 * SystemC memory module, so both compute the same times.
 */
#ifndef SIM_MEMORY_H
#define SIM_MEMORY_H

#include <stdint.h>

#include "xlate.h"

struct sim_mem {
	sim_time_t latency;             /* ps */
	uint64_t bw_mbps;               /* 10^6 bytes/s */
	sim_time_t busy_until;          /* channel free from */
	uint64_t accesses, bytes;
	sim_time_t busy_ps;             /* channel occupied */
	sim_time_t wait_ps;             /* transfers waited for the channel */
	uint32_t xfer_len;              /* the last transfer size (0: none) ... */
	sim_time_t xfer_ps;             /* ... and its time on the channel */
};

void sim_mem_init(struct sim_mem *m, uint32_t latency_ns, uint32_t bw_mbps);
/* A transfer of len bytes arriving at t: its completion time. */
sim_time_t sim_mem_access(struct sim_mem *m, sim_time_t t, uint32_t len);

#endif /* SIM_MEMORY_H */
