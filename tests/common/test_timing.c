// SPDX-License-Identifier: GPL-2.0-only
/* Timing building blocks: unit conversion, walker pool, miss table. */
#include "simtest.h"
#include "timing.h"

TEST(Timing, Conversions)
{
	struct timing_params tp;

	timing_params_default(&tp);
	EXPECT_EQ(tp.clock_mhz, 1000);
	EXPECT_EQ(timing_cycles(&tp, 2), 2000);         /* 2 cycles at 1 GHz = 2 ns */
	tp.clock_mhz = 500;
	EXPECT_EQ(timing_cycles(&tp, 3), 6000);
	EXPECT_EQ(timing_ns(90), 90000);
	EXPECT_TRUE(timing_params_doc() != NULL);
}

TEST(Timing, WalkerPool)
{
	struct walker_pool wp;
	unsigned s0, s1, s2, s3;

	ASSERT_EQ(walker_pool_init(&wp, 2), 0);
	EXPECT_EQ(walker_pool_begin(&wp, 0, &s0), 0);
	EXPECT_EQ(s0, 0);                               /* tie: lowest index */
	walker_pool_end(&wp, s0, 100);
	EXPECT_EQ(walker_pool_begin(&wp, 0, &s1), 0);
	EXPECT_EQ(s1, 1);
	walker_pool_end(&wp, s1, 50);
	/* both busy: starts when walker 1 frees at 50 */
	EXPECT_EQ(walker_pool_begin(&wp, 10, &s2), 50);
	EXPECT_EQ(s2, 1);
	walker_pool_end(&wp, s2, 80);
	/* ready after both are free: no wait */
	EXPECT_EQ(walker_pool_begin(&wp, 200, &s3), 200);
	EXPECT_EQ(wp.walks, 4);
	EXPECT_EQ(wp.wait_total, 40);
	walker_pool_fini(&wp);
	/* zero walkers means one */
	ASSERT_EQ(walker_pool_init(&wp, 0), 0);
	EXPECT_EQ(wp.n, 1);
	walker_pool_fini(&wp);
}

TEST(Timing, MissTable)
{
	struct miss_table mt;
	sim_time_t done = 0;

	ASSERT_EQ(miss_table_init(&mt, 2), 0);
	miss_table_add(&mt, 0x10, 1, 0, 100);
	EXPECT_TRUE(miss_table_find(&mt, 0x10, 1, 50, &done));
	EXPECT_EQ(done, 100);
	EXPECT_FALSE(miss_table_find(&mt, 0x10, 2, 50, &done));  /* other tag */
	EXPECT_FALSE(miss_table_find(&mt, 0x11, 1, 50, &done));
	EXPECT_FALSE(miss_table_find(&mt, 0x10, 1, 100, &done)); /* finished */
	EXPECT_EQ(mt.merged, 1);
	/* full: the entry finishing first is replaced */
	miss_table_add(&mt, 0x20, 1, 0, 300);
	miss_table_add(&mt, 0x30, 1, 10, 200);
	EXPECT_FALSE(miss_table_find(&mt, 0x10, 1, 20, &done));
	EXPECT_TRUE(miss_table_find(&mt, 0x20, 1, 20, &done));
	EXPECT_TRUE(miss_table_find(&mt, 0x30, 1, 20, &done));
	EXPECT_EQ(done, 200);
	miss_table_add(&mt, 0x40, 1, 20, 250);                  /* replaces 0x30 */
	EXPECT_FALSE(miss_table_find(&mt, 0x30, 1, 20, &done));
	EXPECT_TRUE(miss_table_find(&mt, 0x20, 1, 20, &done));
	miss_table_clear(&mt);
	EXPECT_FALSE(miss_table_find(&mt, 0x20, 1, 20, &done));
	miss_table_fini(&mt);
}
