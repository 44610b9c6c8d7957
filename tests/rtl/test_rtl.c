// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_rtl.c - the verilated translation cache against the C cache: every
 * variant stays in lock-step on a seeded stream, the seeded PLRU bug is
 * caught, the pipeline answers STAGES cycles after a request and takes one
 * request per cycle, a selective invalidation holds it a cycle per set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rtl_cache.h"
#include "rtl_lockstep.h"
#include "rtl_stress.h"
#include "simtest.h"

TEST(RtlCache, EveryVariantRunsInLockStep)
{
	unsigned n;
	const struct rtl_cache_variant *v = rtl_cache_variants(&n);

	ASSERT_GT(n, 0u);
	for (unsigned i = 0; i < n; i++) {
		struct rtl_stress_opts o = { .variant = v[i].name, .events = 30000, .seed = 7,
					     .record_only = true };
		struct rtl_stress_result res;

		if (v[i].plru_bug)
			continue;
		ASSERT_EQ(rtl_stress_run(&o, &res), 0);
		EXPECT_FALSE(res.diverged);
		EXPECT_GT(res.hits, 1000u);
		EXPECT_GE(res.rtl_events, 29000u);
	}
}

TEST(RtlCache, SeededPlruBugIsCaught)
{
	char path[512];
	FILE *log;
	struct rtl_stress_opts o = { .variant = "t_16x8_plru_bug", .events = 100000, .seed = 1,
				     .record_only = true };
	struct rtl_stress_result res;
	char buf[4096] = "";

	snprintf(path, sizeof(path), "%s/divergence.txt", simtest_tmpdir());
	log = fopen(path, "w+");
	ASSERT_TRUE(log != NULL);
	o.log = log;
	ASSERT_EQ(rtl_stress_run(&o, &res), 0);
	EXPECT_TRUE(res.diverged);
	rewind(log);
	fread(buf, 1, sizeof(buf) - 1, log);
	fclose(log);
	EXPECT_TRUE(strstr(buf, "divergence at event") != NULL);
	EXPECT_TRUE(strstr(buf, "victim way") != NULL);
	EXPECT_TRUE(strstr(buf, "C model:") != NULL && strstr(buf, "RTL:") != NULL);
	/* the same stream without the bug is clean */
	o.variant = "t_16x8_plru";
	o.log = NULL;
	ASSERT_EQ(rtl_stress_run(&o, &res), 0);
	EXPECT_FALSE(res.diverged);
}

/* Requests back to back: one taken per cycle, each answered STAGES cycles later. */
TEST(RtlCache, PipelineTakesOnePerCycleAnswersAfterStages)
{
	const char *names[] = { "t_16x4_fifo", "vtd_64x8_lru", "t_16x6_lru", "t_16x8_plru" };

	for (unsigned k = 0; k < 4; k++) {
		struct rtl_cache *r = rtl_cache_open(names[k]);
		unsigned stages = rtl_cache_info(r)->stages;
		uint64_t issued[8], answered[8];
		unsigned ni = 0, na = 0;

		ASSERT_TRUE(r != NULL);
		while (na < 8) {
			struct rtl_cache_req q = { .op = RTL_OP_FILL, .addr = ni, .tag = 5, .data = ni };
			struct rtl_cache_resp rs;
			bool taken;
			uint64_t c = rtl_cache_cycles(r);

			if (rtl_cache_cycle(r, ni < 8 ? &q : NULL, &taken, &rs))
				answered[na++] = c;
			if (ni < 8 && taken)
				issued[ni++] = c;
		}
		for (unsigned i = 0; i < 8; i++) {
			EXPECT_EQ(issued[i], issued[0] + i);
			EXPECT_EQ(answered[i], issued[i] + stages - 1);
		}
		rtl_cache_close(r);
	}
}

TEST(RtlCache, SelectiveInvalidationTakesACyclePerSet)
{
	struct rtl_cache *r = rtl_cache_open("vtd_64x8_lru");
	struct rtl_cache_req inv = { .op = RTL_OP_INV_SEL, .sel = RTL_SEL_DOMAIN, .tag = 3 };
	struct rtl_cache_req probe = { .op = RTL_OP_LOOKUP, .addr = 1, .tag = 3 };
	struct rtl_cache_resp rs;
	bool taken, probe_taken = false;
	uint64_t t0, t_inv = 0, t_probe = 0;

	ASSERT_TRUE(r != NULL);
	rtl_cache_cycle(r, &(struct rtl_cache_req){ .op = RTL_OP_FILL, .addr = 1, .tag = 3 },
			&taken, &rs);
	t0 = rtl_cache_cycles(r);
	rtl_cache_cycle(r, &inv, &taken, &rs);
	EXPECT_TRUE(taken);
	for (int i = 0; i < 200 && !t_probe; i++) {
		uint64_t c = rtl_cache_cycles(r);

		if (rtl_cache_cycle(r, probe_taken ? NULL : &probe, &taken, &rs)) {
			if (rs.op == RTL_OP_INV_SEL) {
				t_inv = c;
				EXPECT_EQ(rs.count, 1u);
			} else if (rs.op == RTL_OP_LOOKUP) {
				t_probe = c;
				EXPECT_FALSE(rs.hit);
			}
		}
		probe_taken |= taken;
	}
	/* to the array stage (stages - 1 = 1), then 64 sets, one a cycle; the
	 * probe behind it is answered the cycle after */
	EXPECT_EQ(t_inv, t0 + 1 + 63);
	EXPECT_EQ(t_probe, t0 + 1 + 64);
	rtl_cache_close(r);
}

TEST(RtlCache, NoVariantIsAClearError)
{
	struct cache_config cfg = { 8, 3, CACHE_REPL_FIFO };
	struct cache *c = cache_create("odd", &cfg, 8, 1);
	char err[1024];

	ASSERT_TRUE(c != NULL);
	EXPECT_TRUE(rtl_lockstep_attach(c, &(struct rtl_lockstep_opts){ .layout = "vtd",
					.label = "vtd iotlb" }, err, sizeof(err)) == NULL);
	EXPECT_TRUE(strstr(err, "no RTL variant built for 8 sets x 3 ways fifo") != NULL);
	cache_destroy(c);
}
