/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * timing.h - the cycle-approximate timing scheme both IOMMU models share.
 *
 * A request's latency comes from structural state: a lookup latency per
 * cache probed, a memory latency per walk reference, waiting for a free
 * page-table walker, and merging with an in-flight walk of the same page.
 * The parameters live in one struct with documented defaults
 * (timing_params_default(), see timing.c for where each comes from); a
 * scenario or test overrides single fields.
 */
#ifndef MODELS_COMMON_TIMING_H
#define MODELS_COMMON_TIMING_H

#include <stdbool.h>
#include <stdint.h>

#include "xlate.h"

struct timing_params {
	uint32_t clock_mhz;             /* IOMMU clock */
	/* Lookup latencies, IOMMU cycles */
	uint32_t tlb_lookup_cycles;     /* IOTLB / SMMU TLB */
	uint32_t cfg_lookup_cycles;     /* context cache / STE cache */
	uint32_t cfg2_lookup_cycles;    /* PASID cache / CD cache */
	uint32_t walk_cache_cycles;     /* paging-structure / walk cache */
	uint32_t devtlb_lookup_cycles;  /* device TLB / ATC, in the device */
	/* Memory, nanoseconds */
	uint32_t mem_read_ns;           /* one walk or config reference */
	uint32_t mem_write_ns;          /* A/D update, queue/status write */
	/* Structure */
	uint32_t walkers;               /* concurrent page-table walks */
	bool merge_misses;              /* same-page misses share one walk */
	/* Invalidation, IOMMU cycles per descriptor/command */
	uint32_t inv_desc_cycles;
	uint32_t inv_sync_cycles;       /* wait descriptor / CMD_SYNC */
};

void timing_params_default(struct timing_params *tp);
/* Human-readable provenance of each default, for reports and --help. */
const char *timing_params_doc(void);

static inline sim_time_t timing_cycles(const struct timing_params *tp, uint64_t cycles)
{
	return cycles * 1000000ULL / tp->clock_mhz;
}

static inline sim_time_t timing_ns(uint64_t ns)
{
	return ns * SIM_PS_PER_NS;
}

/*
 * A pool of page-table walkers. A walk that is ready at `ready` starts on
 * the walker that frees first (lowest index on a tie: deterministic) and
 * holds it until the end time its caller reports.
 */
struct walker_pool {
	unsigned n;
	sim_time_t *busy_until;
	uint64_t walks;
	sim_time_t wait_total;          /* time walks spent waiting for a walker */
};

int walker_pool_init(struct walker_pool *wp, unsigned n);
void walker_pool_fini(struct walker_pool *wp);
/* Returns the start time; *slot is the walker to pass to walker_pool_end. */
sim_time_t walker_pool_begin(struct walker_pool *wp, sim_time_t ready, unsigned *slot);
void walker_pool_end(struct walker_pool *wp, unsigned slot, sim_time_t end);

/*
 * In-flight misses, for merging: a miss on (addr, tag) while a walk of the
 * same key is still running completes when that walk does.
 */
struct miss_entry {
	uint64_t addr, tag;
	sim_time_t t_done;
};

struct miss_table {
	unsigned n;
	struct miss_entry *e;
	uint64_t merged;
};

int miss_table_init(struct miss_table *mt, unsigned n);
void miss_table_fini(struct miss_table *mt);
/* True, with *t_done, if a walk of (addr, tag) is in flight at `now`. */
bool miss_table_find(struct miss_table *mt, uint64_t addr, uint64_t tag,
		     sim_time_t now, sim_time_t *t_done);
void miss_table_add(struct miss_table *mt, uint64_t addr, uint64_t tag,
		    sim_time_t now, sim_time_t t_done);
/* Forget every in-flight walk (after an invalidation). */
void miss_table_clear(struct miss_table *mt);

#endif /* MODELS_COMMON_TIMING_H */
