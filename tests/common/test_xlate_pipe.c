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

/* A pipe, the fake walk behind it, and the clock of the next miss. */
struct miss_env {
	struct xlate_pipe p;
	struct fake_walk w;
	sim_time_t t;
	bool merged;
};

/* A miss on page/tag at time at: the fault it returns; e->t is when it is served. */
static uint32_t miss_at(struct miss_env *e, sim_time_t at, uint64_t page, uint32_t tag)
{
	e->t = at;
	return xlate_pipe_miss(&e->p, page, tag, &e->t, fake_walk, &e->w, &e->merged);
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
	struct miss_env e = { .w = { .refs = 4 } };

	pipe_new(&e.p, 1, true);
	EXPECT_EQ(miss_at(&e, 1000, 0x40, 7), 0);
	EXPECT_FALSE(e.merged);
	EXPECT_EQ(e.t, 1000 + 4 * 90000);
	/* Same page and tag while that walk runs: joins it, no walker. */
	EXPECT_EQ(miss_at(&e, 2000, 0x40, 7), 0);
	EXPECT_TRUE(e.merged);
	EXPECT_EQ(e.t, 1000 + 4 * 90000);
	EXPECT_EQ(e.w.calls, 1);
	EXPECT_EQ(e.w.merged_calls, 1);
	/* Another tag: its own walk, after the only walker frees. */
	EXPECT_EQ(miss_at(&e, 3000, 0x40, 8), 0);
	EXPECT_FALSE(e.merged);
	EXPECT_EQ(e.w.started, 1000 + 4 * 90000);
	EXPECT_EQ(e.p.walkers.wait_total, e.w.started - 3000);
	/* A faulting walk is in flight too: a later miss gets its fault. */
	e.w.fault = 0x0b;
	EXPECT_EQ(miss_at(&e, 10000000, 0x99, 7), 0x0b);
	e.w.fault = 0;
	EXPECT_EQ(miss_at(&e, 10000001, 0x99, 7), 0);
	EXPECT_TRUE(e.merged);  /* the fake's answer; the model's walk gives the fault again */
	EXPECT_EQ(e.p.merged, 2);
	EXPECT_EQ(e.p.walkers.walks, 3);
	/* An invalidation: nothing in flight serves later misses. */
	xlate_pipe_flush(&e.p);
	(void)miss_at(&e, 10000002, 0x99, 7);
	EXPECT_FALSE(e.merged);
	xlate_pipe_reset_stats(&e.p);
	EXPECT_EQ(e.p.merged, 0);
	EXPECT_EQ(e.p.walkers.walks, 0);
	xlate_pipe_fini(&e.p);
}

TEST(XlatePipe, WithoutMergingEveryMissWalks)
{
	struct miss_env e = { .w = { .refs = 2 } };

	pipe_new(&e.p, 2, false);
	(void)miss_at(&e, 0, 1, 1);
	(void)miss_at(&e, 10, 1, 1);
	EXPECT_FALSE(e.merged);
	EXPECT_EQ(e.w.calls, 2);
	EXPECT_EQ(e.w.started, 10);     /* the second walker was free */
	EXPECT_EQ(e.p.merged, 0);
	xlate_pipe_fini(&e.p);
}
