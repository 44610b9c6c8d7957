// SPDX-License-Identifier: GPL-2.0-only
/* memory.c - latency + bandwidth channel (see memory.h). */
#include "memory.h"

void sim_mem_init(struct sim_mem *m, uint32_t latency_ns, uint32_t bw_mbps)
{
	*m = (struct sim_mem){ .latency = (sim_time_t)latency_ns * SIM_PS_PER_NS,
			       .bw_mbps = bw_mbps ? bw_mbps : 1 };
}

sim_time_t sim_mem_access(struct sim_mem *m, sim_time_t t, uint32_t len)
{
	sim_time_t start = t > m->busy_until ? t : m->busy_until, xfer;

	/* ps = bytes * 10^12 / (bw_mbps * 10^6); DMA sizes repeat, divide once */
	if (len != m->xfer_len) {
		m->xfer_len = len;
		m->xfer_ps = ((sim_time_t)len * 1000000ULL + m->bw_mbps - 1) / m->bw_mbps;
	}
	xfer = m->xfer_ps;

	m->wait_ps += start - t;
	m->busy_until = start + xfer;
	m->busy_ps += xfer;
	m->accesses++;
	m->bytes += len;
	return m->busy_until + m->latency;
}
