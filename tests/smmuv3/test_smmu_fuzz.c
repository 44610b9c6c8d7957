// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest garbage: random STEs, CDs, table words, commands and register
 * writes (seeded). The model must answer every request with a result
 * (an architectural fault, never a crash or a hang) and keep its queues
 * consistent. Run under ASan/UBSan this is the robustness check.
 */
#include "rng.h"
#include "simtest.h"
#include "smmu_tb.h"

static uint64_t rnd_word(struct rng *r)
{
	uint64_t v = rng_next(r);

	/* Often keep the low "valid/type" bits meaningful so that walks go deep */
	switch (rng_below(r, 4)) {
	case 0:
		return v;
	case 1:
		return (v & 0x0000006000fff000ULL) | PMEM_DEVICE_BASE | 3;
	case 2:
		return (v & 0x0000006000fff000ULL) | PMEM_DEVICE_BASE | 1;
	default:
		return v & ~3ULL;
	}
}

TEST(SmmuFuzz, GarbageTablesNeverCrash)
{
	struct tb tb;
	struct rng r;
	uint64_t arena;
	unsigned ok = 0, faults = 0, hist[256] = { 0 };

	ASSERT_EQ(tb_init_preset(&tb, "full"), 0);
	tb_enable(&tb, true, 10, 6, 4);
	rng_seed(&r, 1234, 1);
	/* 1 MiB of random words right at the start of the arena's table space */
	arena = tb_alloc(&tb, 1 << 20, 4096);
	for (uint64_t o = 0; o < (1 << 20); o += 8)
		tb_w64(&tb, arena + o, rnd_word(&r));
	for (uint32_t sid = 0; sid < 64; sid++) {
		static const unsigned configs[] = { 0, 4, 5, 6, 7, 5, 6, 7, 1 };
		uint64_t ste[8], cd[8], ctx = (arena + rng_below(&r, 1 << 20)) & ~63ULL;
		bool garbage = rng_below(&r, 8) == 0;

		for (int i = 0; i < 8; i++)
			ste[i] = garbage ? rng_next(&r) : 0;
		if (!garbage) {
			/* Plausible STEs with random fields, so walks go deep */
			ste[0] = 1 | (uint64_t)configs[rng_below(&r, 9)] << 1 |
				 rng_below(&r, 4) << 4 | ctx | rng_below(&r, 4) << 59;
			ste[1] = rng_below(&r, 4) | rng_below(&r, 2) << 27;
			ste[2] = rng_below(&r, 4) | (16 + rng_below(&r, 26)) << 32 |
				 rng_below(&r, 3) << 38 | rng_below(&r, 3) << 46 |
				 rng_below(&r, 7) << 48 | 1ULL << 51 | rng_below(&r, 16) << 55;
			/* A CD at the context pointer, also plausible */
			cd[0] = (16 + rng_below(&r, 25)) | rng_below(&r, 3) << 6 |
				rng_below(&r, 8) << 28 | 1ULL << 31 | rng_below(&r, 7) << 32 |
				1ULL << 41 | rng_below(&r, 32) << 42 | rng_next(&r) << 48;
			cd[1] = (arena + rng_below(&r, 1 << 20)) & ~0xfffULL;
			for (int i = 2; i < 8; i++)
				cd[i] = rng_next(&r);
			if (rng_below(&r, 4))
				tb_write_cd(&tb, ctx, cd);
		}
		ste[3] = (arena + rng_below(&r, 1 << 20)) & ~0xfffULL;
		tb_set_ste(&tb, sid, ste);
	}
	for (int i = 0; i < 20000; i++) {
		struct xlate_res res;

		tb.now += 1000;
		res = tb_xlate(&tb, (uint32_t)rng_below(&r, 80), rng_below(&r, 4) == 0,
			       (uint32_t)rng_below(&r, 8), rng_next(&r) >> (16 + rng_below(&r, 40)),
			       (uint8_t)(1u << rng_below(&r, 3)), rng_below(&r, 2));
		bool known = res.status == XLATE_OK || res.status == XLATE_FAULT ||
			     res.status == XLATE_STALLED;

		ASSERT_TRUE(known);
		ASSERT_GE(res.t_done, tb.now);
		if (res.status == XLATE_OK) {
			ASSERT_GE(res.page_shift, 12);
			ASSERT_LE(res.page_shift, 42);
			ok++;
		} else {
			faults++;
			hist[res.fault_code & 0xff]++;
		}
		if (i % 64 == 0) {
			tb_evt_drain(&tb);
			tb_cmd(&tb, OP_TLBI_NSNH_ALL, 0);
		}
	}
	EXPECT_GT(faults, 0);
	/* Garbage reached the walkers and produced walk faults, not just config faults */
	EXPECT_GT(tb_stat(&tb, "walk.walks"), 100);
	EXPECT_GT(hist[0x10] + hist[0x11] + hist[0x12] + hist[0x13], 100);
	EXPECT_GT(hist[0x04], 0);
	EXPECT_GT(ok, 0);
	EXPECT_EQ(tb_stat(&tb, "xlate.requests"), 20000);
	tb_fini(&tb);
}

TEST(SmmuFuzz, GarbageCommandsAndRegisters)
{
	struct tb tb;
	struct rng r;

	ASSERT_EQ(tb_init_preset(&tb, "full"), 0);
	tb_enable(&tb, false, 6, 4, 4);
	rng_seed(&r, 99, 2);
	for (int i = 0; i < 5000; i++) {
		uint64_t c0 = rng_next(&r), c1 = rng_next(&r);
		uint32_t gerror;

		c0 = (c0 & ~0xffULL) | rng_below(&r, 0x48);
		tb_cmd(&tb, c0, c1);
		gerror = tb_rd32(&tb, R_GERROR);
		while ((gerror ^ tb_rd32(&tb, R_GERRORN)) & 1) {
			/* The queue stopped on an error: skip it as a driver would */
			uint32_t cons = tb_rd32(&tb, R_CMDQ_CONS);

			EXPECT_NE((cons >> 24) & 0x7f, 0);
			tb_w64(&tb, tb.cmdq + 16 * (cons & 15), OP_SYNC);
			tb_w64(&tb, tb.cmdq + 16 * (cons & 15) + 8, 0);
			tb_wr32(&tb, R_GERRORN, gerror);
			gerror = tb_rd32(&tb, R_GERROR);
		}
		EXPECT_EQ(tb_rd32(&tb, R_CMDQ_CONS) & 0x1f, tb.cmdq_prod);
	}
	/* Random register writes anywhere in both pages, then a request */
	for (int i = 0; i < 5000; i++) {
		uint64_t off = rng_below(&r, 0x20000) & ~3ULL;

		if (off == R_CMDQ_PROD)
			continue;
		tb.m->ops->mmio_write(tb.m, off, rng_next(&r), rng_below(&r, 2) ? 8 : 4, 0);
		(void)tb_xlate(&tb, (uint32_t)rng_below(&r, 70), false, 0, rng_next(&r), XLATE_READ,
			       false);
	}
	/* Odd sizes and misaligned offsets are ignored */
	tb.m->ops->mmio_write(tb.m, 0x21, 0xff, 4, 0);
	tb.m->ops->mmio_write(tb.m, 0x20, 0xff, 2, 0);
	EXPECT_EQ(tb.m->ops->mmio_read(tb.m, 0x21, 4, 0), 0);
	tb_fini(&tb);
}
