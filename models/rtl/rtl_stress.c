// SPDX-License-Identifier: GPL-2.0-only
/*
 * rtl_stress.c - the seeded random operation stream (rtl_stress.h).
 */
#include <string.h>

#include "cache.h"
#include "rng.h"
#include "rtl_cache.h"
#include "rtl_lockstep.h"
#include "rtl_stress.h"

/* Where a layout keeps domain, PASID and page shift (models/rtl/CMakeLists.txt). */
struct layout {
	unsigned dom_lsb, pasid_lsb, pasid_w, size_lsb;
};

static const struct layout vtd = { 0, 16, 20, 40 }, smmu = { 24, 8, 16, 0 };

struct sel_arg {
	const struct layout *l;
	unsigned sel;
	uint64_t tag, lo, hi;
};

/* The RTL_OP_INV_SEL rule, in C, for cache_invalidate(). */
static bool sel_match(uint64_t addr, uint64_t tag, const void *payload, const void *arg)
{
	const struct sel_arg *a = arg;
	unsigned sh = (unsigned)(tag >> a->l->size_lsb) & 63;
	uint64_t pmask = (1ULL << a->l->pasid_w) - 1;
	uint64_t lo = addr << sh, hi = lo | ((1ULL << sh) - 1);

	if ((a->sel & RTL_SEL_DOMAIN) &&
	    ((tag >> a->l->dom_lsb) & 0xffff) != ((a->tag >> a->l->dom_lsb) & 0xffff))
		return false;
	if ((a->sel & RTL_SEL_PASID) &&
	    ((tag >> a->l->pasid_lsb) & pmask) != ((a->tag >> a->l->pasid_lsb) & pmask))
		return false;
	if ((a->sel & RTL_SEL_RANGE) && !(lo <= a->hi && hi >= a->lo))
		return false;
	return true;
}

static uint64_t make_tag(const struct layout *l, unsigned dom, unsigned pasid, unsigned shift)
{
	return (uint64_t)dom << l->dom_lsb | (uint64_t)pasid << l->pasid_lsb |
	       (uint64_t)shift << l->size_lsb;
}

int rtl_stress_run(const struct rtl_stress_opts *o, struct rtl_stress_result *res)
{
	static const unsigned shifts[3] = { 12, 21, 30 };
	const struct rtl_cache_variant *v = rtl_cache_variant_named(o->variant);
	const struct layout *l;
	struct cache_config cfg;
	struct rtl_lockstep *ls = NULL;
	struct cache *c;
	struct rng r;
	char err[512];
	/* keys: pages x 2 domains x 2 PASIDs x mostly 4K, about 1.5x the lines */
	uint64_t npages;

	memset(res, 0, sizeof(*res));
	if (!v)
		return -1;
	l = strcmp(v->layout, "smmu") ? &vtd : &smmu;
	cfg = (struct cache_config){ v->sets, v->ways, v->repl };
	c = cache_create("stress", &cfg, sizeof(uint64_t), o->seed);
	if (!c)
		return -1;
	if (!o->no_rtl) {
		ls = rtl_lockstep_attach(c, &(struct rtl_lockstep_opts){
			.variant = v->name, .label = "stress", .record_only = o->record_only,
			.log = o->log }, err, sizeof(err));
		if (!ls) {
			fprintf(o->log ? o->log : stderr, "%s\n", err);
			cache_destroy(c);
			return -1;
		}
	}
	rng_seed(&r, o->seed, 0x57e55);
	npages = (uint64_t)v->sets * v->ways / 4 + 4;
	for (uint64_t i = 0; i < o->events; i++) {
		uint64_t x = rng_next(&r);
		unsigned kind = (unsigned)(x % 10000);
		unsigned dom = (unsigned)(x >> 10) & 1, pasid = (unsigned)(x >> 12) & 1;
		unsigned shift = shifts[(x >> 14) % 8 < 6 ? 0 : (x >> 14) % 8 == 6 ? 1 : 2];
		uint64_t addr = (x >> 20) % npages;
		uint64_t tag = make_tag(l, dom, pasid, shift);
		uint64_t *p;

		if (kind < 4000) {
			if (cache_lookup(c, addr, tag))
				res->hits++;
		} else if (kind < 5500) {
			/* a peek the requester uses (a counted hit) or drops */
			if (cache_peek(c, addr, tag) && (x >> 40) & 1) {
				cache_use_peeked(c);
				res->hits++;
			}
		} else if (kind < 9000) {
			p = cache_insert(c, addr, tag);
			if (p)
				*p = rng_next(&r);      /* the translation */
		} else if (kind < 9965) {
			cache_invalidate_one(c, addr, tag);
		} else if (kind < 9995) {
			struct sel_arg a = { .l = l, .sel = 1 + (unsigned)(x >> 41) % 7, .tag = tag };
			uint64_t span = 1ULL << (12 + (x >> 44) % 24);

			a.lo = (addr << 12) & ~(span - 1);
			a.hi = a.lo + span - 1;
			if (ls)
				rtl_lockstep_invalidate_sel(ls, a.sel, a.tag, a.lo, a.hi, sel_match, &a);
			else
				cache_invalidate(c, sel_match, &a);
		} else {
			cache_flush(c);
		}
		res->ops++;
		if (ls && !(i & 0xffff))
			rtl_lockstep_check_lines(ls);
	}
	if (ls) {
		struct rtl_lockstep_stats st;

		rtl_lockstep_check_lines(ls);
		rtl_lockstep_get_stats(ls, &st);
		res->rtl_events = st.events;
		res->cycles = st.cycles;
		res->diverged = st.diverged;
		rtl_lockstep_detach(ls);
	}
	cache_destroy(c);
	return 0;
}
