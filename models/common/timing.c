// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "timing.h"

/*
 * Defaults: order-of-magnitude figures for a server-class IOMMU, chosen so
 * that relative costs (hit vs. walk vs. invalidation) are realistic. Each
 * is a configuration value, not a claim about a particular part.
 */
void timing_params_default(struct timing_params *tp)
{
	*tp = (struct timing_params){
		.clock_mhz = 1000,
		.tlb_lookup_cycles = 2,
		.cfg_lookup_cycles = 2,
		.cfg2_lookup_cycles = 2,
		.walk_cache_cycles = 2,
		.devtlb_lookup_cycles = 1,
		.mem_read_ns = 90,
		.mem_write_ns = 90,
		.walkers = 4,
		.merge_misses = true,
		.inv_desc_cycles = 20,
		.inv_sync_cycles = 100,
	};
}

const char *timing_params_doc(void)
{
	return
	"clock_mhz=1000: IOMMUs sit in the uncore/system-agent clock domain, about 1 GHz\n"
	"tlb_lookup_cycles=2, cfg_lookup_cycles=2, cfg2_lookup_cycles=2, walk_cache_cycles=2:\n"
	"  small SRAM lookups, one or two cycles as in set-associative TLB designs\n"
	"devtlb_lookup_cycles=1: an ATC in the device answers in its own pipeline\n"
	"mem_read_ns=90, mem_write_ns=90: a DRAM access from an I/O agent with no LLC hit,\n"
	"  roughly the 80-100 ns loaded latency of a current server\n"
	"walkers=4: IOMMUs overlap a handful of walks (several outstanding misses)\n"
	"merge_misses=1: a second miss to a page under walk waits for that walk\n"
	"inv_desc_cycles=20, inv_sync_cycles=100: descriptor fetch and decode; a wait/sync\n"
	"  drains the pipeline and writes status back to memory\n";
}

int walker_pool_init(struct walker_pool *wp, unsigned n)
{
	memset(wp, 0, sizeof(*wp));
	if (!n)
		n = 1;
	wp->busy_until = calloc(n, sizeof(*wp->busy_until));
	if (!wp->busy_until)
		return -ENOMEM;
	wp->n = n;
	return 0;
}

void walker_pool_fini(struct walker_pool *wp)
{
	free(wp->busy_until);
	wp->busy_until = NULL;
	wp->n = 0;
}

sim_time_t walker_pool_begin(struct walker_pool *wp, sim_time_t ready, unsigned *slot)
{
	unsigned best = 0;
	sim_time_t start;

	for (unsigned i = 1; i < wp->n; i++)
		if (wp->busy_until[i] < wp->busy_until[best])
			best = i;
	start = wp->busy_until[best] > ready ? wp->busy_until[best] : ready;
	wp->wait_total += start - ready;
	wp->walks++;
	*slot = best;
	return start;
}

void walker_pool_end(struct walker_pool *wp, unsigned slot, sim_time_t end)
{
	if (slot < wp->n)
		wp->busy_until[slot] = end;
}

int miss_table_init(struct miss_table *mt, unsigned n)
{
	memset(mt, 0, sizeof(*mt));
	if (!n)
		n = 1;
	mt->e = calloc(n, sizeof(*mt->e));
	if (!mt->e)
		return -ENOMEM;
	mt->n = n;
	return 0;
}

void miss_table_fini(struct miss_table *mt)
{
	free(mt->e);
	mt->e = NULL;
	mt->n = 0;
}

bool miss_table_find(struct miss_table *mt, uint64_t addr, uint64_t tag,
		     sim_time_t now, sim_time_t *t_done)
{
	for (unsigned i = 0; i < mt->n; i++) {
		struct miss_entry *e = &mt->e[i];

		if (e->addr == addr && e->tag == tag && e->t_done > now) {
			*t_done = e->t_done;
			mt->merged++;
			return true;
		}
	}
	return false;
}

void miss_table_add(struct miss_table *mt, uint64_t addr, uint64_t tag,
		    sim_time_t now, sim_time_t t_done)
{
	unsigned slot = 0;

	/* Reuse a finished entry, else the one finishing first. */
	for (unsigned i = 0; i < mt->n; i++) {
		if (mt->e[i].t_done <= now) {
			slot = i;
			break;
		}
		if (mt->e[i].t_done < mt->e[slot].t_done)
			slot = i;
	}
	mt->e[slot] = (struct miss_entry){ addr, tag, t_done };
}

void miss_table_clear(struct miss_table *mt)
{
	memset(mt->e, 0, mt->n * sizeof(*mt->e));
}
