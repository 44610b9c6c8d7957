// SPDX-License-Identifier: GPL-2.0-only
/*
 * Statistics and timing: cache counters against a hand-computed case,
 * latencies derived from the timing parameters, walker contention and
 * miss merging, command costs. No wall-clock anywhere.
 */
#include <stdio.h>
#include <string.h>

#include "simtest.h"
#include "smmu_tb.h"

static int setup(struct tb *tb, struct tb_pt *pt, struct smmu_config *cfg)
{
	if (tb_start(tb, cfg))
		return -1;
	tb_stream_s1_4k(tb, 1, pt, 5);
	for (int i = 0; i < 4; i++)
		tb_pt_map(pt, 0x40000000ULL + i * 0x1000ULL, 0x80000000ULL + i * 0x1000ULL, 3,
			  S1_RW);
	tb->m->ops->reset_stats(tb->m);
	return 0;
}

/*
 * A: cold (STE, CD, TLB miss; walk cache probes levels 2,1,0 and misses;
 * 4 table reads; fills 3 walk entries and 1 TLB entry). B: same page, all
 * hits. C: next page: TLB miss, level-2 walk entry hit, 1 table read.
 */
TEST(SmmuTiming, CacheStatsHandComputed)
{
	struct smmu_config cfg;
	struct tb tb;
	struct tb_pt pt;

	smmu_config_preset(&cfg, "s1only");
	ASSERT_EQ(setup(&tb, &pt, &cfg), 0);
	(void)tb_xlate(&tb, 1, false, 0, 0x40000010ULL, XLATE_READ, false);
	(void)tb_xlate(&tb, 1, false, 0, 0x40000020ULL, XLATE_READ, false);
	(void)tb_xlate(&tb, 1, false, 0, 0x40001010ULL, XLATE_READ, false);
	EXPECT_EQ(tb_stat(&tb, "ste_cache.lookups"), 3);
	EXPECT_EQ(tb_stat(&tb, "ste_cache.hits"), 2);
	EXPECT_EQ(tb_stat(&tb, "ste_cache.inserts"), 1);
	EXPECT_EQ(tb_stat(&tb, "cd_cache.lookups"), 3);
	EXPECT_EQ(tb_stat(&tb, "cd_cache.misses"), 1);
	EXPECT_EQ(tb_stat(&tb, "tlb.lookups"), 3);
	EXPECT_EQ(tb_stat(&tb, "tlb.hits"), 1);
	EXPECT_EQ(tb_stat(&tb, "tlb.inserts"), 2);
	EXPECT_EQ(tb_stat(&tb, "walk_s1.lookups"), 3 + 1);
	EXPECT_EQ(tb_stat(&tb, "walk_s1.hits"), 1);
	EXPECT_EQ(tb_stat(&tb, "walk_s1.inserts"), 3);
	/* per level: A probed and missed, C started below its level-2 table */
	EXPECT_EQ(tb_stat(&tb, "walk_cache.s1.probes"), 2);
	EXPECT_EQ(tb_stat(&tb, "walk_cache.s1.level2.hits"), 1);
	EXPECT_EQ(tb_stat(&tb, "walk_cache.s1.level1.hits"), 0);
	EXPECT_EQ(tb_stat(&tb, "walk_cache.s1.level0.hits"), 0);
	EXPECT_EQ(tb_stat(&tb, "walk_cache.s2.probes"), 0);
	EXPECT_EQ(tb_stat(&tb, "walk.s1.level0.refs"), 1);
	EXPECT_EQ(tb_stat(&tb, "walk.s1.level1.refs"), 1);
	EXPECT_EQ(tb_stat(&tb, "walk.s1.level2.refs"), 1);
	EXPECT_EQ(tb_stat(&tb, "walk.s1.level3.refs"), 2);
	EXPECT_EQ(tb_stat(&tb, "walk.s2.level3.refs"), 0);
	EXPECT_EQ(tb_stat(&tb, "cfg.ste.refs"), 1);
	EXPECT_EQ(tb_stat(&tb, "cfg.cd.refs"), 1);
	EXPECT_EQ(tb_stat(&tb, "xlate.tlb_hits"), 1);
	EXPECT_EQ(tb_stat(&tb, "walk.walks"), 2);
	tb_fini(&tb);
}

/* Latencies from the parameters: lookups in cycles, references in ns. */
TEST(SmmuTiming, HitAndMissLatencyFromParameters)
{
	struct smmu_config cfg;
	struct tb tb;
	struct tb_pt pt;
	struct xlate_res a, b, c;
	sim_time_t cyc, rd;

	smmu_config_preset(&cfg, "s1only");
	ASSERT_EQ(setup(&tb, &pt, &cfg), 0);
	cyc = 1000000ULL / cfg.timing.clock_mhz;                /* ps per cycle */
	rd = cfg.timing.mem_read_ns * 1000ULL;
	tb.now = 1000000;
	a = tb_xlate(&tb, 1, false, 0, 0x40000010ULL, XLATE_READ, false);
	tb.now = 5000000;
	b = tb_xlate(&tb, 1, false, 0, 0x40000020ULL, XLATE_READ, false);
	tb.now = 5000000;       /* C at the same instant as B */
	c = tb_xlate(&tb, 1, false, 0, 0x40001020ULL, XLATE_READ, false);
	/* A: STE + CD lookups and fetches, TLB lookup, 3 walk-cache probes, 4 reads */
	EXPECT_EQ(a.t_done - 1000000,
		  cyc * (cfg.timing.cfg_lookup_cycles + cfg.timing.cfg2_lookup_cycles +
			 cfg.timing.tlb_lookup_cycles + 3 * cfg.timing.walk_cache_cycles) +
		  rd * (1 + 1 + 4));
	/* B: three lookups */
	EXPECT_EQ(b.t_done - 5000000,
		  cyc * (cfg.timing.cfg_lookup_cycles + cfg.timing.cfg2_lookup_cycles +
			 cfg.timing.tlb_lookup_cycles));
	/* C: plus one probe (a hit) and one read */
	EXPECT_EQ(c.t_done - 5000000,
		  b.t_done - 5000000 + cyc * cfg.timing.walk_cache_cycles + rd);
	EXPECT_LT(b.t_done - 5000000, c.t_done - 5000000);
	EXPECT_LT(c.t_done - 5000000, a.t_done - 1000000);
	tb_fini(&tb);
}

/* One walker: a second miss at the same instant waits for the first. */
static sim_time_t second_miss_done(unsigned walkers, bool merge, uint64_t va2)
{
	struct smmu_config cfg;
	struct tb tb;
	struct tb_pt pt;
	struct xlate_res r;

	smmu_config_preset(&cfg, "s1only");
	cfg.timing.walkers = walkers;
	cfg.timing.merge_misses = merge;
	cfg.tlb.sets = 0;                       /* every request walks */
	cfg.s1_walk.sets = 0;
	if (setup(&tb, &pt, &cfg))
		return 0;
	/* Warm the STE/CD caches so both requests reach the walker together */
	(void)tb_xlate(&tb, 1, false, 0, 0x40003000ULL, XLATE_READ, false);
	tb.now = 10000000;
	(void)tb_xlate(&tb, 1, false, 0, 0x40000000ULL, XLATE_READ, false);
	tb.now = 10000000;      /* the second miss at the same instant */
	r = tb_xlate(&tb, 1, false, 0, va2, XLATE_READ, false);
	tb_fini(&tb);
	return r.t_done - 10000000;
}

TEST(SmmuTiming, WalkerContentionAndMerging)
{
	sim_time_t one = second_miss_done(1, false, 0x40001000ULL);
	sim_time_t two = second_miss_done(2, false, 0x40001000ULL);
	sim_time_t merged = second_miss_done(1, true, 0x40000008ULL);
	sim_time_t unmerged = second_miss_done(1, false, 0x40000008ULL);

	ASSERT_GT(two, 0);
	/* With two walkers the second walk starts at once; with one it queues
	 * for the whole first walk (4 reads). */
	EXPECT_EQ(one - two, 4 * 90000ULL);
	/* Same page: merged with the walk in flight, done when it is */
	EXPECT_LT(merged, unmerged);
	EXPECT_EQ(unmerged, one);
}

/* Command costs accumulate per command and per CMD_SYNC. */
TEST(SmmuTiming, CommandCosts)
{
	struct smmu_config cfg;
	struct tb tb;
	struct tb_pt pt;

	smmu_config_preset(&cfg, "full");
	cfg.cmd_cycles[OP_TLBI_NH_ASID] = 55;
	ASSERT_EQ(setup(&tb, &pt, &cfg), 0);
	tb_cmd(&tb, OP_TLBI_NH_ALL, 0);
	tb_cmd(&tb, OP_TLBI_NH_ASID, 0);
	tb_sync(&tb);
	EXPECT_EQ(tb_stat(&tb, "cmdq.commands"), 3);
	EXPECT_EQ(tb_stat(&tb, "cmdq.syncs"), 1);
	EXPECT_EQ(tb_stat(&tb, "cmdq.cycles"),
		  cfg.timing.inv_desc_cycles + 55 + cfg.timing.inv_sync_cycles);
	tb_fini(&tb);
}

struct stat_log {
	char names[256][48];
	uint64_t values[256];
	unsigned n;
};

static void log_u64(void *ctx, const char *name, uint64_t v)
{
	struct stat_log *l = ctx;

	if (l->n < 256) {
		snprintf(l->names[l->n], sizeof(l->names[0]), "%s", name);
		l->values[l->n++] = v;
	}
}

static void workload(struct stat_log *log)
{
	struct smmu_config cfg;
	struct tb tb;
	struct tb_pt pt;
	struct stats_sink sink = { log_u64, NULL, log };

	smmu_config_preset(&cfg, "full");
	cfg.tlb.repl = CACHE_REPL_RANDOM;
	cfg.tlb.sets = 2;
	if (setup(&tb, &pt, &cfg))
		return;
	for (int i = 0; i < 200; i++) {
		tb.now += 50000;
		(void)tb_xlate(&tb, 1, false, 0, 0x40000000ULL + (i * 7 % 4) * 0x1000ULL,
			       XLATE_READ, false);
	}
	tb.m->ops->stats(tb.m, &sink);
	tb_fini(&tb);
}

/* Same inputs and seed: the same statistics, named in the same order. */
TEST(SmmuTiming, StatisticsAreDeterministic)
{
	static struct stat_log a, b;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	workload(&a);
	workload(&b);
	ASSERT_GT(a.n, 40u);
	ASSERT_EQ(a.n, b.n);
	for (unsigned i = 0; i < a.n; i++) {
		EXPECT_STREQ(a.names[i], b.names[i]);
		EXPECT_EQ(a.values[i], b.values[i]);
	}
	EXPECT_STREQ(a.names[0], "xlate.requests");
	EXPECT_EQ(a.values[0], 200);
}
