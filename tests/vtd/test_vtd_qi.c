// SPDX-License-Identifier: GPL-2.0-only
/*
 * Queued invalidation: wait descriptors (status write, IF interrupt),
 * queue wrap, malformed descriptors (IQE with IQH on the bad one, resume
 * after IQE is cleared), tail errors, and the queue's time cost.
 */
#include "simtest.h"
#include "vtd_tb.h"

static uint32_t status_word(struct tb *tb)
{
	uint32_t v;

	memcpy(&v, tb_host(tb, tb->status), 4);
	return v;
}

TEST(VtdQi, WaitStatusWriteAndWrap)
{
	struct tb tb;

	ASSERT_EQ(tb_init(&tb, NULL), 0);
	EXPECT_TRUE(tb_qi_wait(&tb, 0x1234abcd));
	EXPECT_EQ(tb_mmio_rd(&tb, VTD_IQH_REG, 8), tb_mmio_rd(&tb, VTD_IQT_REG, 8));
	EXPECT_EQ(tb_mmio_rd(&tb, VTD_IQH_REG, 8), 32);
	/* 130 more: the one-page queue (128 slots) wraps */
	for (uint32_t i = 0; i < 130; i++)
		ASSERT_TRUE(tb_qi_wait(&tb, 0x100 + i));
	EXPECT_EQ(tb_mmio_rd(&tb, VTD_IQH_REG, 8), (131 * 32) % 4096);
	EXPECT_EQ(vtd_get_counters(tb.m)->qi_wait, 131);
	/* no IF: no interrupt, no IWC */
	EXPECT_EQ(tb.irqs, 0);
	EXPECT_EQ(tb_mmio_rd(&tb, VTD_ICS_REG, 4), 0);
	tb_fini(&tb);
}

TEST(VtdQi, WaitInterruptFlag)
{
	struct tb tb;

	ASSERT_EQ(tb_init(&tb, NULL), 0);
	tb_qi(&tb, VTD_INV_WAIT | VTD_INV_WAIT_IF, 0);
	EXPECT_EQ(tb_mmio_rd(&tb, VTD_ICS_REG, 4), VTD_ICS_IWC);
	ASSERT_EQ(tb.irqs, 1);
	EXPECT_EQ(tb.irq_data[0], TB_IEDATA);
	/* IWC still set: the next IF wait raises nothing new */
	tb_qi(&tb, VTD_INV_WAIT | VTD_INV_WAIT_IF, 0);
	EXPECT_EQ(tb.irqs, 1);
	tb_mmio_wr(&tb, VTD_ICS_REG, VTD_ICS_IWC, 4);
	EXPECT_EQ(tb_mmio_rd(&tb, VTD_ICS_REG, 4), 0);
	tb_qi(&tb, VTD_INV_WAIT | VTD_INV_WAIT_IF, 0);
	EXPECT_EQ(tb.irqs, 2);
	tb_fini(&tb);
}

/* Write three descriptors (the middle one given) and move IQT once. */
static void submit3(struct tb *tb, uint64_t bad0, uint64_t bad1, uint32_t wait_data)
{
	uint64_t d = tb->iq + tb->iq_tail;
	uint64_t qw[3][2] = {
		{ VTD_INV_IOTLB | VTD_INV_IOTLB_G_GLOBAL << 4, 0 },
		{ bad0, bad1 },
		{ VTD_INV_WAIT | VTD_INV_WAIT_SW | (uint64_t)wait_data << 32, tb->status },
	};

	for (int i = 0; i < 3; i++) {
		tb_wr64(tb, d + i * 32, qw[i][0]);
		tb_wr64(tb, d + i * 32 + 8, qw[i][1]);
		tb_wr64(tb, d + i * 32 + 16, 0);
		tb_wr64(tb, d + i * 32 + 24, 0);
	}
	tb->iq_tail += 3 * 32;
	tb_mmio_wr(tb, VTD_IQT_REG, tb->iq_tail, 8);
}

static void check_iqe(uint64_t bad0, uint64_t bad1)
{
	struct tb tb;
	uint64_t head;

	ASSERT_EQ(tb_init(&tb, NULL), 0);
	EXPECT_TRUE(tb_qi_wait(&tb, 1));
	memset(tb_host(&tb, tb.status), 0, 4);
	submit3(&tb, bad0, bad1, 0x55);
	EXPECT_TRUE(tb_mmio_rd(&tb, VTD_FSTS_REG, 4) & VTD_FSTS_IQE);
	head = tb_mmio_rd(&tb, VTD_IQH_REG, 8);
	EXPECT_EQ(head, 32 + 32);                       /* on the bad descriptor */
	EXPECT_EQ(status_word(&tb), 0);                 /* the wait after it: not run */
	EXPECT_EQ(tb_mmio_rd(&tb, VTD_IQERCD_REG, 8) & VTD_IQERCD_IQEI_MASK, VTD_IQEI_INVALID);
	EXPECT_EQ(tb.irqs, 1);
	EXPECT_EQ(tb.irq_data[0], TB_FEDATA);
	/* more tail moves do nothing while IQE is set */
	EXPECT_FALSE(tb_qi_wait(&tb, 7));
	EXPECT_EQ(tb_mmio_rd(&tb, VTD_IQH_REG, 8), head);
	/* software replaces the bad one with a wait, as Linux does, clears IQE */
	tb_wr64(&tb, tb.iq + head, VTD_INV_WAIT);
	tb_wr64(&tb, tb.iq + head + 8, 0);
	tb_mmio_wr(&tb, VTD_FSTS_REG, VTD_FSTS_IQE, 4);
	EXPECT_FALSE(tb_mmio_rd(&tb, VTD_FSTS_REG, 4) & VTD_FSTS_IQE);
	EXPECT_EQ(tb_mmio_rd(&tb, VTD_IQH_REG, 8), tb.iq_tail);
	EXPECT_EQ(status_word(&tb), 7);                 /* the last wait ran */
	EXPECT_EQ(vtd_get_counters(tb.m)->qi_errors, 1);
	tb_fini(&tb);
}

TEST(VtdQi, IqeUnknownType) { check_iqe(0xf, 0); }
TEST(VtdQi, IqeIotlbGranularityZero) { check_iqe(VTD_INV_IOTLB | 5ULL << 16, 0); }
TEST(VtdQi, IqePasidCacheReservedGranularity) { check_iqe(VTD_INV_PC | 2 << 4, 0); }
TEST(VtdQi, IqeContextReservedBit) { check_iqe(VTD_INV_CC | 1 << 4 | 1 << 8, 0); }
/*
 * MAMV bounds second-stage (IOTLB) invalidation only: a PASID-based one
 * masking all 52 page-number bits is valid, and Linux sends it for a
 * first-stage "flush everything" range (intel/cache.c). Found by running
 * the real driver (issue 12).
 */
TEST(VtdQi, PiotlbAmBeyondMamvIsValid)
{
	struct tb tb;

	ASSERT_EQ(tb_init(&tb, NULL), 0);
	EXPECT_TRUE(tb_qi_wait(&tb, 1));
	memset(tb_host(&tb, tb.status), 0, 4);
	submit3(&tb, VTD_INV_PIOTLB | VTD_INV_PIOTLB_G_PAGE << 4, 52, 0x55);
	EXPECT_FALSE(tb_mmio_rd(&tb, VTD_FSTS_REG, 4) & VTD_FSTS_IQE);
	EXPECT_EQ(status_word(&tb), 0x55);              /* the wait after it ran */
	tb_fini(&tb);
}
TEST(VtdQi, IqeIotlbAmBeyondMamv)
{
	check_iqe(VTD_INV_IOTLB | VTD_INV_IOTLB_G_PAGE << 4 | 1ULL << 16, 0x40000000 | 20);
}
TEST(VtdQi, IqeWaitReservedAddressBits) { check_iqe(VTD_INV_WAIT | VTD_INV_WAIT_SW, 0x1001); }

TEST(VtdQi, IqeBadTailAndNarrowDescriptors)
{
	struct tb tb;

	ASSERT_EQ(tb_init(&tb, NULL), 0);
	/* bit 4 of IQT with 256-bit descriptors */
	tb_mmio_wr(&tb, VTD_IQT_REG, 0x10, 8);
	EXPECT_TRUE(tb_mmio_rd(&tb, VTD_FSTS_REG, 4) & VTD_FSTS_IQE);
	EXPECT_EQ(tb_mmio_rd(&tb, VTD_IQERCD_REG, 8) & VTD_IQERCD_IQEI_MASK, VTD_IQEI_TAIL);
	EXPECT_EQ(tb_mmio_rd(&tb, VTD_IQH_REG, 8), 0);
	tb_fini(&tb);

	/* 128-bit descriptors with a scalable-mode root table */
	ASSERT_EQ(tb_init(&tb, NULL), 0);
	tb_gcmd(&tb, 0, VTD_GCMD_QIE);
	tb_mmio_wr(&tb, VTD_IQA_REG, tb.iq, 8);
	tb_gcmd(&tb, VTD_GCMD_QIE, 0);
	tb_mmio_wr(&tb, VTD_IQT_REG, 0x10, 8);
	EXPECT_TRUE(tb_mmio_rd(&tb, VTD_FSTS_REG, 4) & VTD_FSTS_IQE);
	EXPECT_EQ(tb_mmio_rd(&tb, VTD_IQERCD_REG, 8) & VTD_IQERCD_IQEI_MASK, VTD_IQEI_DW);
	tb_fini(&tb);
}

TEST(VtdQi, QueueTimeCost)
{
	struct tb tb;
	const struct timing_params *tp;
	sim_time_t per_desc, per_sync, wr;

	ASSERT_EQ(tb_init(&tb, NULL), 0);
	tp = &tb.cfg.timing;
	per_desc = (sim_time_t)tp->inv_desc_cycles * 1000000 / tp->clock_mhz;
	per_sync = (sim_time_t)tp->inv_sync_cycles * 1000000 / tp->clock_mhz;
	wr = (sim_time_t)tp->mem_write_ns * 1000;
	tb.now = 5000000;
	submit3(&tb, VTD_INV_PC | VTD_INV_PC_G_GLOBAL << 4, 0, 9);
	EXPECT_EQ(status_word(&tb), 9);
	/* three descriptors, one of them a wait with a status write */
	EXPECT_EQ(vtd_qi_done_time(tb.m), tb.now + 3 * per_desc + per_sync + wr);
	/* a second batch issued before the first is done queues behind it */
	{
		sim_time_t done = vtd_qi_done_time(tb.m);

		tb_qi(&tb, VTD_INV_PC | VTD_INV_PC_G_GLOBAL << 4, 0);
		EXPECT_EQ(vtd_qi_done_time(tb.m), done + per_desc);
		/* a device-TLB invalidation waits for the device's answer */
		done = vtd_qi_done_time(tb.m);
		tb_qi(&tb, VTD_INV_DEVTLB | 0x100ULL << 32, 0);
		EXPECT_EQ(vtd_qi_done_time(tb.m), done + per_desc + tb.cfg.ats_rtt_ns * 1000ULL);
	}
	tb_fini(&tb);
}

/*
 * The bring-up a Linux-like driver performs: QI first, then the root
 * table, the three global flushes with the bits such a driver sets
 * (DR/DW, FM, fence/drain in the wait), a 16-page PRQ whose head and tail
 * it zeroes, then translation. None of it may trip IQE.
 */
TEST(VtdQi, LinuxStyleBringUp)
{
	struct tb tb;
	uint64_t root, iq, pq, status;
	uint32_t got;
	unsigned head = 0;

	ASSERT_EQ(tb_init_bare(&tb, NULL), 0);
	root = tb_page(&tb);
	iq = tb_page(&tb);
	tb_page(&tb);           /* QS=1: two pages */
	status = tb_page(&tb);
	pq = tb.next;
	for (int i = 0; i < 16; i++)
		tb_page(&tb);
	tb_mmio_wr(&tb, VTD_IQT_REG, 0, 4);
	tb_mmio_wr(&tb, VTD_IQA_REG, iq | VTD_IQA_DW | 1, 8);
	tb_gcmd(&tb, VTD_GCMD_QIE, 0);
	ASSERT_TRUE(tb_mmio_rd(&tb, VTD_GSTS_REG, 4) & VTD_GSTS_QIES);
	tb_mmio_wr(&tb, VTD_RTADDR_REG, root | 1 << 10, 8);
	tb_gcmd(&tb, VTD_GCMD_SRTP, 0);
	ASSERT_TRUE(tb_mmio_rd(&tb, VTD_GSTS_REG, 4) & VTD_GSTS_RTPS);
	{
		const uint64_t d[][2] = {
			{ VTD_INV_CC | 1 << 4, 0 },
			{ VTD_INV_PC | 3 << 4, 0 },
			{ VTD_INV_IOTLB | 1 << 4 | VTD_INV_IOTLB_DR | VTD_INV_IOTLB_DW, 0 },
			{ VTD_INV_CC | 3 << 4 | 0x0100ULL << 32 | 3ULL << 48 | 7 << 16, 0 },
			{ VTD_INV_DEVTLB | 0x0100ULL << 32 | 0x1f << 16 | 0xfULL << 12, ((~0ULL >> 1) & ~0xfffULL) | 1 },
			{ VTD_INV_PDEVTLB | 0x42ULL << 32 | 0x0100 << 16 | 0x1f << 4, 1 | 1 << 11 },
			{ VTD_INV_WAIT | VTD_INV_WAIT_SW | VTD_INV_WAIT_FN | VTD_INV_WAIT_PD |
			  0x1ULL << 32, status },
		};

		for (unsigned i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
			tb_wr64(&tb, iq + head, d[i][0]);
			tb_wr64(&tb, iq + head + 8, d[i][1]);
			head += 32;
		}
		tb_mmio_wr(&tb, VTD_IQT_REG, head, 4);
	}
	EXPECT_FALSE(tb_mmio_rd(&tb, VTD_FSTS_REG, 4) & VTD_FSTS_IQE);
	EXPECT_EQ(tb_mmio_rd(&tb, VTD_IQH_REG, 8), head);
	memcpy(&got, tb_host(&tb, status), 4);
	EXPECT_EQ(got, 1);
	tb_mmio_wr(&tb, VTD_PQH_REG, 0, 8);
	tb_mmio_wr(&tb, VTD_PQT_REG, 0, 8);
	tb_mmio_wr(&tb, VTD_PQA_REG, pq | 4, 8);
	EXPECT_EQ(tb_mmio_rd(&tb, VTD_PQA_REG, 8), pq | 4);
	tb_gcmd(&tb, VTD_GCMD_TE, 0);
	EXPECT_EQ(tb_mmio_rd(&tb, VTD_GSTS_REG, 4),
		  VTD_GSTS_TES | VTD_GSTS_RTPS | VTD_GSTS_QIES);
	/* no root entry yet: a request faults, as it must */
	EXPECT_EQ(tb_xlate(&tb, 0x0100, -1, 0x1000, XLATE_READ).fault_code, VTD_FR_SM_ROOT_NP);
	tb_fini(&tb);
}

/* A handler that repairs the queue from inside the fault interrupt. */
static void fix_iqe(struct tb *tb, uint32_t data)
{
	uint64_t head;

	if (data != TB_FEDATA || !(tb_mmio_rd(tb, VTD_FSTS_REG, 4) & VTD_FSTS_IQE))
		return;
	head = tb_mmio_rd(tb, VTD_IQH_REG, 8);
	tb_wr64(tb, tb->iq + head, VTD_INV_WAIT);
	tb_wr64(tb, tb->iq + head + 8, 0);
	tb_mmio_wr(tb, VTD_FSTS_REG, VTD_FSTS_IQE, 4);
}

TEST(VtdQi, HandlerRepairsQueueFromInterrupt)
{
	struct tb tb;
	uint32_t got;

	ASSERT_EQ(tb_init(&tb, NULL), 0);
	tb.on_irq = fix_iqe;
	submit3(&tb, 0xf, 0, 0x77);
	EXPECT_FALSE(tb_mmio_rd(&tb, VTD_FSTS_REG, 4) & VTD_FSTS_IQE);
	EXPECT_EQ(tb_mmio_rd(&tb, VTD_IQH_REG, 8), tb.iq_tail);
	memcpy(&got, tb_host(&tb, tb.status), 4);
	EXPECT_EQ(got, 0x77);
	EXPECT_EQ(tb.irqs, 1);
	tb_fini(&tb);
}

TEST(VtdQi, DescriptorWidthChangeCannotHang)
{
	struct tb tb;

	ASSERT_EQ(tb_init_bare(&tb, NULL), 0);
	tb.iq = tb_page(&tb);
	/* no root table yet: 128-bit descriptors are legal */
	tb_mmio_wr(&tb, VTD_IQA_REG, tb.iq, 8);
	tb_gcmd(&tb, VTD_GCMD_QIE, 0);
	tb_wr64(&tb, tb.iq, VTD_INV_WAIT);
	tb_mmio_wr(&tb, VTD_IQT_REG, 0x10, 8);
	EXPECT_EQ(tb_mmio_rd(&tb, VTD_IQH_REG, 8), 0x10);
	/* switch to 256-bit: the head is now misaligned; IQE, not a hang */
	tb_mmio_wr(&tb, VTD_IQA_REG, tb.iq | VTD_IQA_DW, 8);
	tb_mmio_wr(&tb, VTD_IQT_REG, 0x40, 8);
	EXPECT_TRUE(tb_mmio_rd(&tb, VTD_FSTS_REG, 4) & VTD_FSTS_IQE);
	EXPECT_EQ(tb_mmio_rd(&tb, VTD_IQERCD_REG, 8) & VTD_IQERCD_IQEI_MASK, VTD_IQEI_TAIL);
	tb_fini(&tb);
}
