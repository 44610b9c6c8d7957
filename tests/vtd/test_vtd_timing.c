// SPDX-License-Identifier: GPL-2.0-only
/*
 * Walk reference counts (24 for a nested 4x4 walk, 35 for 5x5 with every
 * cache disabled), statistics against a hand-worked sequence, and the
 * structural timing rules: hits cost less than misses, walkers are a
 * shared resource, concurrent misses to a page merge.
 */
#include <stdio.h>
#include <string.h>

#include "simtest.h"
#include "vtd_tb.h"

#define SID 0x0120

static void caches_off(struct vtd_config *cfg)
{
	struct cache_config off = { 0, 0, CACHE_REPL_LRU };

	cfg->context_cache = cfg->pasid_cache = cfg->iotlb = off;
	cfg->fs_psc = cfg->ss_psc = cfg->devtlb = off;
}

static void nested_refs(unsigned levels, unsigned want)
{
	struct vtd_config cfg;
	struct tb tb;
	struct tb_pt fs, ss;
	uint64_t e[8], dir, va = 0x1234000;
	const struct vtd_counters *c;
	struct xlate_res r;

	vtd_config_preset(&cfg, VTD_PRESET_SPR);
	caches_off(&cfg);
	ASSERT_EQ(tb_init(&tb, &cfg), 0);
	dir = tb_pasid_dir(&tb);
	tb_context(&tb, SID, dir, 0, VTD_SM_CTX_PASIDE, 0);
	tb_pt_init(&tb, &ss, false, levels, NULL);
	tb_pt_init(&tb, &fs, true, levels, &ss);
	tb_map(&tb, &fs, va, 1ULL << 40, 12, VTD_FS_P | VTD_FS_RW | VTD_FS_US);
	tb_map(&tb, &ss, 1ULL << 40, 0x5000000, 12, VTD_SS_R | VTD_SS_W);
	tb_pe_nested(e, &fs, &ss, 1);
	tb_pasid_entry(&tb, dir, 1, e);
	for (int i = 0; i < 2; i++) {
		r = tb_xlate(&tb, SID, 1, va, XLATE_READ);
		ASSERT_EQ(r.status, XLATE_OK);
		EXPECT_EQ(r.pa, 0x5000000);
		/* (levels FS reads + (levels + 1) SS walks of levels) each time */
		EXPECT_EQ(r.walk_refs, want);
		EXPECT_EQ(r.cfg_refs, 4);       /* root, context, PASID dir, PASID entry */
		EXPECT_FALSE(r.tlb_hit);
	}
	c = vtd_get_counters(tb.m);
	for (unsigned l = 1; l <= levels; l++) {
		EXPECT_EQ(c->fs_refs[l], 2 * 1);
		EXPECT_EQ(c->ss_refs[l], 2 * (levels + 1));
	}
	EXPECT_EQ(c->walks, 2);
	tb_fini(&tb);
}

TEST(VtdRefs, Nested4x4Makes24References) { nested_refs(4, 24); }
TEST(VtdRefs, Nested5x5Makes35References) { nested_refs(5, 35); }

struct sink_rec {
	uint64_t val[128];
	char names[128][48];
	unsigned n;
};

static void sink_u64(void *ctx, const char *name, uint64_t v)
{
	struct sink_rec *s = ctx;

	if (s->n < 128) {
		snprintf(s->names[s->n], sizeof(s->names[0]), "%s", name);
		s->val[s->n] = v;
	}
	s->n++;
}

static uint64_t stat(const struct sink_rec *s, const char *name)
{
	for (unsigned i = 0; i < s->n && i < 128; i++)
		if (!strcmp(s->names[i], name))
			return s->val[i];
	return ~0ULL;
}

TEST(VtdStats, HandWorkedSequence)
{
	struct tb tb;
	struct tb_pt ss;
	uint64_t e[8], dir, va = 0x8000000000ULL;      /* 512 GiB: PML4 index 1 */
	struct sink_rec rec = { 0 }, rec2 = { 0 };
	struct stats_sink sink = { sink_u64, NULL, &rec };

	ASSERT_EQ(tb_init(&tb, NULL), 0);
	dir = tb_pasid_dir(&tb);
	tb_context(&tb, SID, dir, 0, 0, 0);
	tb_pt_init(&tb, &ss, false, 4, NULL);
	tb_map(&tb, &ss, va, 0x1000000, 12, VTD_SS_R);
	tb_map(&tb, &ss, va + 0x1000, 0x2000000, 12, VTD_SS_R);
	tb_map(&tb, &ss, va + (1ULL << 30), 0x3000000, 12, VTD_SS_R);
	tb_pe_ss(e, &ss, 1);
	tb_pasid_entry(&tb, dir, 0, e);
	tb.m->ops->reset_stats(tb.m);

	/* A: every cache misses, 4 walk refs, SS PSC learns levels 4, 3, 2 */
	EXPECT_EQ(tb_xlate(&tb, SID, -1, va, XLATE_READ).walk_refs, 4);
	/* B: same page: context, PASID and IOTLB hits */
	EXPECT_TRUE(tb_xlate(&tb, SID, -1, va, XLATE_READ).tlb_hit);
	/* C: next page: IOTLB miss, PDE cached: 1 ref */
	EXPECT_EQ(tb_xlate(&tb, SID, -1, va + 0x1000, XLATE_READ).walk_refs, 1);
	/* D: next GiB: only the PML4E is cached: 3 refs, 2 more PSC entries */
	EXPECT_EQ(tb_xlate(&tb, SID, -1, va + (1ULL << 30), XLATE_READ).walk_refs, 3);

	tb.m->ops->stats(tb.m, &sink);
	EXPECT_EQ(stat(&rec, "requests"), 4);
	EXPECT_EQ(stat(&rec, "cfg.refs"), 4);
	EXPECT_EQ(stat(&rec, "context_cache.lookups"), 4);
	EXPECT_EQ(stat(&rec, "context_cache.hits"), 3);
	EXPECT_EQ(stat(&rec, "context_cache.inserts"), 1);
	EXPECT_EQ(stat(&rec, "pasid_cache.hits"), 3);
	EXPECT_EQ(stat(&rec, "pasid_cache.misses"), 1);
	EXPECT_EQ(stat(&rec, "iotlb.lookups"), 4);
	EXPECT_EQ(stat(&rec, "iotlb.hits"), 1);
	EXPECT_EQ(stat(&rec, "iotlb.misses"), 3);
	EXPECT_EQ(stat(&rec, "iotlb.inserts"), 3);
	EXPECT_EQ(stat(&rec, "ss_psc.lookups"), 3);
	EXPECT_EQ(stat(&rec, "ss_psc.hits"), 2);
	EXPECT_EQ(stat(&rec, "ss_psc.misses"), 1);
	EXPECT_EQ(stat(&rec, "ss_psc.inserts"), 5);
	EXPECT_EQ(stat(&rec, "fs_psc.lookups"), 0);
	/* per level: C started below the PDE (level 2), D below the PML4E (4) */
	EXPECT_EQ(stat(&rec, "walk_cache.ss.probes"), 3);
	EXPECT_EQ(stat(&rec, "walk_cache.ss.level2.hits"), 1);
	EXPECT_EQ(stat(&rec, "walk_cache.ss.level3.hits"), 0);
	EXPECT_EQ(stat(&rec, "walk_cache.ss.level4.hits"), 1);
	EXPECT_EQ(stat(&rec, "walk_cache.fs.probes"), 0);
	EXPECT_EQ(stat(&rec, "walk.ss.level4.refs"), 1);
	EXPECT_EQ(stat(&rec, "walk.ss.level3.refs"), 2);
	EXPECT_EQ(stat(&rec, "walk.ss.level2.refs"), 2);
	EXPECT_EQ(stat(&rec, "walk.ss.level1.refs"), 3);
	EXPECT_EQ(stat(&rec, "walk.fs.level1.refs"), 0);
	EXPECT_EQ(stat(&rec, "walk.walks"), 3);
	EXPECT_EQ(stat(&rec, "iotlb_hits"), 1);
	/* fixed order: the same names in the same order every time */
	EXPECT_STREQ(rec.names[0], "requests");
	sink.ctx = &rec2;
	tb.m->ops->stats(tb.m, &sink);
	ASSERT_EQ(rec.n, rec2.n);
	for (unsigned i = 0; i < rec.n && i < 128; i++)
		EXPECT_STREQ(rec.names[i], rec2.names[i]);
	/* reset */
	tb.m->ops->reset_stats(tb.m);
	rec2.n = 0;
	tb.m->ops->stats(tb.m, &sink);
	EXPECT_EQ(stat(&rec2, "iotlb.lookups"), 0);
	EXPECT_EQ(stat(&rec2, "walk.ss.level1.refs"), 0);
	tb_fini(&tb);
}

/* SS-only environment with a configurable timing block. */
static int timing_env(struct tb *tb, const struct vtd_config *cfg)
{
	struct tb_pt ss;
	uint64_t e[8], dir;

	if (tb_init(tb, cfg))
		return -1;
	dir = tb_pasid_dir(tb);
	tb_context(tb, SID, dir, 0, 0, 0);
	tb_pt_init(tb, &ss, false, 4, NULL);
	for (unsigned i = 0; i < 8; i++)
		tb_map(tb, &ss, 0x100000 + i * 0x1000ULL, 0x7000000 + i * 0x1000ULL, 12,
		       VTD_SS_R | VTD_SS_W);
	tb_pe_ss(e, &ss, 1);
	tb_pasid_entry(tb, dir, 0, e);
	return 0;
}

static struct xlate_res at(struct tb *tb, uint64_t iova, sim_time_t t)
{
	struct xlate_req q = { .sid = SID, .access = XLATE_READ, .iova = iova, .len = 4,
			       .t_issue = t };
	struct xlate_res r;

	tb->m->ops->translate(tb->m, &q, &r);
	return r;
}

static sim_time_t cyc(const struct timing_params *tp, unsigned c)
{
	return (sim_time_t)c * 1000000 / tp->clock_mhz;
}

TEST(VtdTiming, HitCheaperThanMissByStructure)
{
	struct tb tb;
	const struct timing_params *tp;
	struct xlate_res r;
	sim_time_t rd, lookups;

	ASSERT_EQ(timing_env(&tb, NULL), 0);
	tp = &tb.cfg.timing;
	rd = tp->mem_read_ns * 1000ULL;
	lookups = cyc(tp, tp->cfg_lookup_cycles) + cyc(tp, tp->cfg2_lookup_cycles) +
		  cyc(tp, tp->tlb_lookup_cycles);
	r = at(&tb, 0x100000, 1000000);
	ASSERT_EQ(r.status, XLATE_OK);
	/* 4 config fetches, one PSC probe, 4 walk reads */
	EXPECT_EQ(r.t_done - 1000000, lookups + 4 * rd + cyc(tp, tp->walk_cache_cycles) + 4 * rd);
	r = at(&tb, 0x100000, 9000000);
	EXPECT_TRUE(r.tlb_hit);
	EXPECT_EQ(r.t_done - 9000000, lookups);
	/* a miss that hits the paging-structure cache: one walk read */
	r = at(&tb, 0x101000, 20000000);
	EXPECT_EQ(r.t_done - 20000000, lookups + cyc(tp, tp->walk_cache_cycles) + rd);
	tb_fini(&tb);
}

TEST(VtdTiming, WalkerContention)
{
	struct vtd_config cfg;
	struct tb tb1, tb2;
	sim_time_t t = 50000000, d1a, d1b, d2a, d2b;

	vtd_config_preset(&cfg, VTD_PRESET_SPR);
	cfg.timing.walkers = 1;
	ASSERT_EQ(timing_env(&tb1, &cfg), 0);
	cfg.timing.walkers = 2;
	ASSERT_EQ(timing_env(&tb2, &cfg), 0);
	/* warm context/PASID caches and the PSC, then two misses at once */
	at(&tb1, 0x100000, 0);
	at(&tb2, 0x100000, 0);
	d1a = at(&tb1, 0x101000, t).t_done;
	d1b = at(&tb1, 0x102000, t).t_done;
	d2a = at(&tb2, 0x101000, t).t_done;
	d2b = at(&tb2, 0x102000, t).t_done;
	EXPECT_EQ(d1a, d2a);
	EXPECT_EQ(d2b, d2a);            /* two walkers: in parallel */
	EXPECT_GT(d1b, d1a);            /* one walker: the second waits */
	/* it waits exactly one walk (PSC probe + one read) */
	EXPECT_EQ(d1b - d1a, cyc(&cfg.timing, cfg.timing.walk_cache_cycles) +
			     cfg.timing.mem_read_ns * 1000ULL);
	EXPECT_GT(vtd_get_counters(tb1.m)->walk_wait_ps, 0);
	EXPECT_EQ(vtd_get_counters(tb2.m)->walk_wait_ps, 0);
	tb_fini(&tb1);
	tb_fini(&tb2);
}

static void merge_case(bool merge, bool iotlb, sim_time_t *d1, sim_time_t *d2,
		       uint64_t *merged, uint16_t *refs2)
{
	struct vtd_config cfg;
	struct tb tb;
	struct xlate_res r;
	sim_time_t t = 50000000;

	vtd_config_preset(&cfg, VTD_PRESET_SPR);
	cfg.timing.walkers = 1;
	cfg.timing.merge_misses = merge;
	if (!iotlb)
		cfg.iotlb.sets = 0;
	ASSERT_EQ(timing_env(&tb, &cfg), 0);
	at(&tb, 0x100000, 0);
	*d1 = at(&tb, 0x103000, t).t_done;
	r = at(&tb, 0x103000, t + 1000);
	*d2 = r.t_done;
	*refs2 = r.walk_refs;
	*merged = vtd_get_counters(tb.m)->merged;
	tb_fini(&tb);
}

TEST(VtdTiming, MissMerging)
{
	sim_time_t a1, a2, b1, b2, c1, c2;
	uint64_t ma, mb, mc;
	uint16_t ra, rb, rc;

	merge_case(true, true, &a1, &a2, &ma, &ra);
	merge_case(false, true, &b1, &b2, &mb, &rb);
	merge_case(true, false, &c1, &c2, &mc, &rc);
	/* merged: done with the first walk, no references of its own */
	EXPECT_EQ(a2, a1);
	EXPECT_EQ(ma, 1);
	EXPECT_EQ(ra, 0);
	/* not merged: its own walk, queued behind the first on one walker */
	EXPECT_EQ(b1, a1);
	EXPECT_GT(b2, b1);
	EXPECT_EQ(mb, 0);
	EXPECT_GT(rb, 0);
	/* no IOTLB at all: the miss table still joins the in-flight walk */
	EXPECT_EQ(c2, c1);
	EXPECT_EQ(mc, 1);
	EXPECT_EQ(rc, 0);
}

TEST(VtdTiming, DeviceTlbHitAvoidsRoundTrip)
{
	struct tb tb;
	struct xlate_req q = { .sid = SID, .ats_translated = true, .access = XLATE_READ,
			       .iova = 0x100000, .len = 4 };
	struct xlate_res miss, hit, plain;
	const struct timing_params *tp;

	ASSERT_EQ(timing_env(&tb, NULL), 0);
	tp = &tb.cfg.timing;
	/* the context entry must allow translated requests */
	tb_wr64(&tb, tb.ctx_table[SID >> 8] + (SID & 0x7f) * 32,
		tb_rd64(&tb, tb.ctx_table[SID >> 8] + (SID & 0x7f) * 32) | VTD_SM_CTX_DTE);
	plain = at(&tb, 0x100000, 0);                   /* warms IOTLB and caches */
	ASSERT_EQ(plain.status, XLATE_OK);
	q.t_issue = 10000000;
	tb.m->ops->translate(tb.m, &q, &miss);
	q.t_issue = 20000000;
	tb.m->ops->translate(tb.m, &q, &hit);
	ASSERT_EQ(miss.status, XLATE_OK);
	EXPECT_TRUE(hit.tlb_hit);
	/* miss: devtlb probe + round trip + the IOTLB-hit path */
	EXPECT_EQ(miss.t_done - 10000000,
		  cyc(tp, tp->devtlb_lookup_cycles) + tb.cfg.ats_rtt_ns * 1000ULL +
		  cyc(tp, tp->cfg_lookup_cycles) + cyc(tp, tp->cfg2_lookup_cycles) +
		  cyc(tp, tp->tlb_lookup_cycles));
	EXPECT_EQ(hit.t_done - 20000000, cyc(tp, tp->devtlb_lookup_cycles));
	tb_fini(&tb);
}
