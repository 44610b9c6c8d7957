// SPDX-License-Identifier: GPL-2.0-only
/* xlate_pipe.c - the miss path both models share (xlate_pipe.h). */
#include <string.h>

#include "xlate_pipe.h"

int xlate_pipe_init(struct xlate_pipe *p, const struct timing_params *tp,
		    unsigned miss_entries)
{
	memset(p, 0, sizeof(*p));
	p->lat.tlb = timing_cycles(tp, tp->tlb_lookup_cycles);
	p->lat.cfg = timing_cycles(tp, tp->cfg_lookup_cycles);
	p->lat.cfg2 = timing_cycles(tp, tp->cfg2_lookup_cycles);
	p->lat.walk_cache = timing_cycles(tp, tp->walk_cache_cycles);
	p->lat.devtlb = timing_cycles(tp, tp->devtlb_lookup_cycles);
	p->lat.inv_desc = timing_cycles(tp, tp->inv_desc_cycles);
	p->lat.inv_sync = timing_cycles(tp, tp->inv_sync_cycles);
	p->lat.rd = timing_ns(tp->mem_read_ns);
	p->lat.wr = timing_ns(tp->mem_write_ns);
	p->merge = tp->merge_misses;
	if (walker_pool_init(&p->walkers, tp->walkers) ||
	    miss_table_init(&p->misses, p->merge ? miss_entries : 1)) {
		xlate_pipe_fini(p);
		return -1;
	}
	return 0;
}

void xlate_pipe_fini(struct xlate_pipe *p)
{
	walker_pool_fini(&p->walkers);
	miss_table_fini(&p->misses);
}

void xlate_pipe_flush(struct xlate_pipe *p)
{
	miss_table_clear(&p->misses);
	p->miss_latest = 0;
}

void xlate_pipe_reset_stats(struct xlate_pipe *p)
{
	p->walkers.walks = 0;
	p->walkers.wait_total = 0;
	p->misses.merged = 0;
	p->merged = 0;
}

uint32_t xlate_pipe_miss(struct xlate_pipe *p, uint64_t page, uint64_t tag, sim_time_t *t,
			 xlate_walk_fn walk, void *ctx, bool *merged)
{
	sim_time_t t_done, start, end;
	uint32_t fault = 0;
	unsigned slot;

	if (*t < p->miss_latest && miss_table_find(&p->misses, page, tag, *t, &t_done)) {
		walk(ctx, *t, true, &fault);
		p->merged++;
		*t = t_done;            /* in flight: t_done > *t */
		*merged = true;
		return fault;
	}
	*merged = false;
	start = walker_pool_begin(&p->walkers, *t, &slot);
	end = walk(ctx, start, false, &fault);
	walker_pool_end(&p->walkers, slot, end);
	if (p->merge) {
		miss_table_add(&p->misses, page, tag, *t, end);
		if (end > p->miss_latest)
			p->miss_latest = end;
	}
	*t = end;
	return fault;
}
