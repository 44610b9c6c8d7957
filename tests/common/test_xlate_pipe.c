// SPDX-License-Identifier: GPL-2.0-only
/*
 * The pipeline both models share (xlate_pipe.h): entries still being
 * filled, misses joining walks in flight, walkers, and the result written
 * whole on every path.
 */
#include <string.h>

#include "simtest.h"
#include "xlate_pipe.h"

/* A walk of `refs` reads that faults when `fault` is set. */
struct fake_walk {
	unsigned refs, calls, merged_calls;
	uint32_t fault;
	sim_time_t started;
};

static sim_time_t fake_walk(void *ctx, sim_time_t start, bool merged, uint32_t *fault)
{
	struct fake_walk *w = ctx;

	*fault = w->fault;
	if (merged) {
		w->merged_calls++;
		return 0;
	}
	w->calls++;
	w->started = start;
	return start + w->refs * 90000;         /* 90 ns a read */
}

static void pipe_new(struct xlate_pipe *p, unsigned walkers, bool merge)
{
	struct timing_params tp;

	timing_params_default(&tp);
	tp.walkers = walkers;
	tp.merge_misses = merge;
	ASSERT_EQ(xlate_pipe_init(p, &tp, 4), 0);
	EXPECT_EQ(p->lat.rd, 90000);
	EXPECT_EQ(p->lat.tlb, timing_cycles(&tp, tp.tlb_lookup_cycles));
}

TEST(XlatePipe, ResultIsWrittenWholeOnEveryPath)
{
	struct xlate_req req = { .iova = 0x12345678, .t_issue = 777 };
	struct xlate_res res;

	memset(&res, 0xa5, sizeof(res));
	xlate_res_begin(&res, &req);
	EXPECT_EQ(res.status, XLATE_OK);
	EXPECT_EQ(res.pa, 0);
	EXPECT_EQ(res.perm, 0);
	EXPECT_EQ(res.page_shift, 12);
	EXPECT_EQ(res.fault_code, 0);
	EXPECT_FALSE(res.tlb_hit);
	EXPECT_EQ(res.walk_refs, 0);
	EXPECT_EQ(res.cfg_refs, 0);
	EXPECT_EQ(res.t_done, 777);
	xlate_res_ok(&res, 0xabc00000, 21, req.iova, XLATE_READ);
	EXPECT_EQ(res.pa, 0xabc00000 | (0x12345678 & 0x1fffff));
	EXPECT_EQ(res.page_shift, 21);
	xlate_res_fail(&res, XLATE_STALLED, 0x10);
	EXPECT_EQ(res.status, XLATE_STALLED);
	EXPECT_EQ(res.fault_code, 0x10);
	EXPECT_EQ(res.pa, 0);
	EXPECT_EQ(res.perm, 0);
}

TEST(XlatePipe, EntryBeingFilledServesOnlyByJoiningItsWalk)
{
	struct xlate_pipe p;
	sim_time_t t;
	bool joined;

	pipe_new(&p, 1, true);
	t = 500;
	EXPECT_TRUE(xlate_pipe_entry_serves(&p, &t, 400, &joined));     /* filled: a hit */
	EXPECT_FALSE(joined);
	EXPECT_EQ(t, 500);
	EXPECT_TRUE(xlate_pipe_entry_serves(&p, &t, 900, &joined));     /* in flight: wait */
	EXPECT_TRUE(joined);
	EXPECT_EQ(t, 900);
	EXPECT_EQ(p.merged, 1);
	xlate_pipe_fini(&p);

	pipe_new(&p, 1, false);
	t = 500;
	EXPECT_FALSE(xlate_pipe_entry_serves(&p, &t, 900, &joined));    /* no merging: a miss */
	EXPECT_EQ(t, 500);
	EXPECT_EQ(p.merged, 0);
	xlate_pipe_fini(&p);
}

TEST(XlatePipe, MissesJoinWalksInFlightEvenFaultingOnes)
{
	struct xlate_pipe p;
	struct fake_walk w = { .refs = 4 };
	sim_time_t t = 1000;
	bool merged;

	pipe_new(&p, 1, true);
	EXPECT_EQ(xlate_pipe_miss(&p, 0x40, 7, &t, fake_walk, &w, &merged), 0);
	EXPECT_FALSE(merged);
	EXPECT_EQ(t, 1000 + 4 * 90000);
	/* Same page and tag while that walk runs: joins it, no walker. */
	t = 2000;
	EXPECT_EQ(xlate_pipe_miss(&p, 0x40, 7, &t, fake_walk, &w, &merged), 0);
	EXPECT_TRUE(merged);
	EXPECT_EQ(t, 1000 + 4 * 90000);
	EXPECT_EQ(w.calls, 1);
	EXPECT_EQ(w.merged_calls, 1);
	/* Another tag: its own walk, after the only walker frees. */
	t = 3000;
	EXPECT_EQ(xlate_pipe_miss(&p, 0x40, 8, &t, fake_walk, &w, &merged), 0);
	EXPECT_FALSE(merged);
	EXPECT_EQ(w.started, 1000 + 4 * 90000);
	EXPECT_EQ(p.walkers.wait_total, w.started - 3000);
	/* A faulting walk is in flight too: a later miss gets its fault. */
	w.fault = 0x0b;
	t = 10000000;
	EXPECT_EQ(xlate_pipe_miss(&p, 0x99, 7, &t, fake_walk, &w, &merged), 0x0b);
	w.fault = 0;
	t = 10000001;
	EXPECT_EQ(xlate_pipe_miss(&p, 0x99, 7, &t, fake_walk, &w, &merged), 0);
	EXPECT_TRUE(merged);    /* the fake's answer; the model's walk gives the fault again */
	EXPECT_EQ(p.merged, 2);
	EXPECT_EQ(p.walkers.walks, 3);
	/* An invalidation: nothing in flight serves later misses. */
	xlate_pipe_flush(&p);
	t = 10000002;
	(void)xlate_pipe_miss(&p, 0x99, 7, &t, fake_walk, &w, &merged);
	EXPECT_FALSE(merged);
	xlate_pipe_reset_stats(&p);
	EXPECT_EQ(p.merged, 0);
	EXPECT_EQ(p.walkers.walks, 0);
	xlate_pipe_fini(&p);
}

TEST(XlatePipe, WithoutMergingEveryMissWalks)
{
	struct xlate_pipe p;
	struct fake_walk w = { .refs = 2 };
	sim_time_t t = 0;
	bool merged;

	pipe_new(&p, 2, false);
	(void)xlate_pipe_miss(&p, 1, 1, &t, fake_walk, &w, &merged);
	t = 10;
	(void)xlate_pipe_miss(&p, 1, 1, &t, fake_walk, &w, &merged);
	EXPECT_FALSE(merged);
	EXPECT_EQ(w.calls, 2);
	EXPECT_EQ(w.started, 10);       /* the second walker was free */
	EXPECT_EQ(p.merged, 0);
	xlate_pipe_fini(&p);
}
