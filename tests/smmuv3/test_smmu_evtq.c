// SPDX-License-Identifier: GPL-2.0-only
/*
 * Event queue: overflow (EVTQ_PROD.OVFLG toggles once per overflow episode,
 * acknowledged through EVTQ_CONS.OVACKFLG), interrupts and MSIs, the stall
 * model with CMD_RESUME, and F_TLB_CONFLICT.
 */
#include "simtest.h"
#include "smmu_tb.h"

TEST(SmmuEvtq, OverflowFlagAndAcknowledge)
{
	struct tb tb;
	uint64_t rec[4];
	uint32_t prod;

	ASSERT_EQ(tb_init_preset(&tb, "full"), 0);
	tb_enable(&tb, false, 6, 6, 2);                 /* 4 event slots */
	for (int i = 0; i < 6; i++)                     /* STE V=0: C_BAD_STE each */
		(void)tb_xlate(&tb, 10 + i, false, 0, 0, XLATE_READ, false);
	prod = tb_rd32(&tb, R_EVTQ_PROD);
	EXPECT_EQ(prod & 7, 4);                         /* index 0, wrap 1: full */
	EXPECT_EQ(prod >> 31, 1);                       /* OVFLG toggled once */
	EXPECT_EQ(tb.irqs[SMMU_IRQ_EVTQ], 4);
	for (int i = 0; i < 4; i++) {
		ASSERT_TRUE(tb_evt_pop(&tb, rec));
		EXPECT_EQ(rec[0] >> 32, 10 + i);        /* the first four were kept */
	}
	EXPECT_FALSE(tb_evt_pop(&tb, rec));
	/* Acknowledge: OVACKFLG = OVFLG */
	tb_wr32(&tb, R_EVTQ_CONS, (tb_rd32(&tb, R_EVTQ_CONS) & 7) | 1u << 31);
	for (int i = 0; i < 3; i++)
		(void)tb_xlate(&tb, 20 + i, false, 0, 0, XLATE_READ, false);
	EXPECT_EQ(tb_rd32(&tb, R_EVTQ_PROD) >> 31, 1);  /* no new overflow */
	for (int i = 0; i < 3; i++)
		(void)tb_xlate(&tb, 30 + i, false, 0, 0, XLATE_READ, false);
	EXPECT_EQ(tb_rd32(&tb, R_EVTQ_PROD) >> 31, 0);  /* second episode toggles */
	EXPECT_EQ(tb_evt_drain(&tb), 4);
	tb_fini(&tb);
}

TEST(SmmuEvtq, DisabledQueueRecordsNothingAndMsiReplacesIrq)
{
	struct tb tb;
	uint64_t msi;

	ASSERT_EQ(tb_init_preset(&tb, "full"), 0);
	tb_enable(&tb, false, 6, 6, 3);
	tb_wr32(&tb, R_CR0, CR0_SMMUEN | CR0_CMDQEN);   /* EVTQEN off */
	(void)tb_xlate(&tb, 3, false, 0, 0, XLATE_READ, false);
	EXPECT_EQ(tb_rd32(&tb, R_EVTQ_PROD), 0);
	tb_wr32(&tb, R_CR0, CR0_SMMUEN | CR0_CMDQEN | CR0_EVTQEN);
	msi = tb_alloc(&tb, 8, 8);
	tb_wr64(&tb, R_EVTQ_IRQ_CFG0, msi);
	tb_wr32(&tb, R_EVTQ_IRQ_CFG1, 0x55aa);
	(void)tb_xlate(&tb, 3, false, 0, 0, XLATE_READ, false);
	EXPECT_EQ(tb_rd32(&tb, R_EVTQ_PROD), 1);
	EXPECT_EQ(tb_r64(&tb, msi), 0x55aa);
	EXPECT_EQ(tb.irqs[SMMU_IRQ_EVTQ], 0);
	tb_fini(&tb);
}

/* CD.S: faults stall (XLATE_STALLED, STALL=1 with a STAG) until CMD_RESUME. */
TEST(SmmuEvtq, StallModelAndResume)
{
	struct smmu_config cfg;
	struct tb tb;
	struct tb_pt pt;
	struct xlate_res res;
	uint64_t rec[4], cdpa;
	unsigned stag;

	smmu_config_preset(&cfg, "full");
	cfg.stall_max = 1;
	ASSERT_EQ(tb_start(&tb, &cfg), 0);
	cdpa = tb_stream_s1_4k(&tb, 1, &pt, 5);
	tb_set_bits(&tb, cdpa, 0, 1ULL << 44);     /* CD.S */
	res = tb_xlate(&tb, 1, false, 0, 0x3000, XLATE_WRITE, false);
	EXPECT_EQ(res.status, XLATE_STALLED);
	EXPECT_EQ(res.fault_code, E_F_TRANSLATION);
	ASSERT_TRUE(tb_evt_pop(&tb, rec));
	EXPECT_EQ((rec[1] >> 31) & 1, 1);               /* STALL */
	stag = rec[1] & 0xffff;
	/* The only stall slot is busy: the next fault terminates */
	res = tb_xlate(&tb, 1, false, 0, 0x4000, XLATE_READ, false);
	EXPECT_EQ(res.status, XLATE_FAULT);
	ASSERT_TRUE(tb_evt_pop(&tb, rec));
	EXPECT_EQ((rec[1] >> 31) & 1, 0);
	/* RESUME with the wrong StreamID has no effect; the right one frees it */
	tb_cmd(&tb, OP_RESUME | 2ULL << 32, stag);
	res = tb_xlate(&tb, 1, false, 0, 0x4000, XLATE_READ, false);
	EXPECT_EQ(res.status, XLATE_FAULT);
	tb_cmd(&tb, OP_RESUME | 1ULL << 32 | 1ULL << 12, stag);
	res = tb_xlate(&tb, 1, false, 0, 0x4000, XLATE_READ, false);
	EXPECT_EQ(res.status, XLATE_STALLED);
	tb_evt_drain(&tb);
	/* STE.S1STALLD forbids stalling */
	tb_set_bits(&tb, tb_ste_addr(&tb, 1) + 8, 0, 1ULL << 27);
	tb_cmd(&tb, OP_CFGI_STE | 1ULL << 32, 0);
	tb_cmd(&tb, OP_RESUME | 1ULL << 32, stag);      /* the slot is free again */
	res = tb_xlate(&tb, 1, false, 0, 0x5000, XLATE_READ, false);
	EXPECT_EQ(res.status, XLATE_FAULT);
	tb_fini(&tb);
}

/* A block written over a table without break-before-make and without TLBI:
 * the 4K and the 2M entries both hold the address. */
TEST(SmmuEvtq, TlbConflict)
{
	struct smmu_config cfg;
	struct tb tb;
	struct tb_pt pt;
	struct xlate_res res;
	uint64_t rec[4];
	const uint64_t va = 0x40000000ULL;

	smmu_config_preset(&cfg, "full");
	cfg.s1_walk.sets = 0;                   /* so the walk sees the new block */
	ASSERT_EQ(tb_start(&tb, &cfg), 0);
	tb_stream_s1_4k(&tb, 1, &pt, 5);
	tb_pt_map(&pt, va, 0x1000000, 3, S1_RW);
	res = tb_xlate(&tb, 1, false, 0, va, XLATE_READ, false);
	ASSERT_EQ(res.status, XLATE_OK);
	tb_w64(&tb, tb_pt_desc_pa(&pt, va, 2), 0x2000000 | S1_RW | 1);
	res = tb_expect_ok(&tb, 1, va + 0x5000, XLATE_READ, 0x2005000);
	EXPECT_EQ(res.page_shift, 21);
	res = tb_xlate(&tb, 1, false, 0, va + 8, XLATE_READ, false);
	ASSERT_TRUE(tb_expect_fault(&tb, &res, E_F_TLB_CONFLICT, rec));
	EXPECT_EQ(rec[2], va + 8);
	tb_cmd(&tb, OP_TLBI_NH_VA | 5ULL << 48, va);
	tb_expect_ok(&tb, 1, va + 8, XLATE_READ, 0x2000008);
	tb_fini(&tb);
}

/* Stage-2 stall (STE.S2S) records S2=1 with STALL. */
TEST(SmmuEvtq, StageTwoStall)
{
	struct tb tb;
	struct tb_pt s2;
	struct xlate_res res;
	uint64_t rec[4];

	ASSERT_EQ(tb_start_s2(&tb, 2, &s2, 4, 12, 40, 1), 0);
	tb_set_bits(&tb, tb_ste_addr(&tb, 2) + 16, 0, 1ULL << 57);       /* S2S */
	res = tb_xlate(&tb, 2, false, 0, 0x7000, XLATE_READ, false);
	EXPECT_EQ(res.status, XLATE_STALLED);
	EXPECT_EQ(res.fault_code, E_F_TRANSLATION);
	ASSERT_TRUE(tb_evt_pop(&tb, rec));
	EXPECT_EQ((rec[1] >> 31) & 1, 1);
	EXPECT_EQ((rec[1] >> 39) & 1, 1);
	EXPECT_EQ(rec[3] & 0x000ffffffffff000ULL, 0x7000);
	tb_fini(&tb);
}

/* PRI: a recoverable fault of a PRI-capable ATS stream becomes a page
 * request in the PRI queue (no event); a full queue toggles OVFLG. */
TEST(SmmuEvtq, PageRequestQueue)
{
	struct tb tb;
	struct tb_pt pt;
	struct xlate_req req = { 0 };
	struct xlate_res res;
	uint64_t priq, rec[4], r0, r1;

	ASSERT_EQ(tb_start_preset(&tb, "full"), 0);
	priq = tb_alloc(&tb, 16 * 2, 64);               /* 2 entries */
	tb_wr64(&tb, R_PRIQ_BASE, priq | 1);
	tb_wr32(&tb, R_PRIQ_PROD, 0);
	tb_wr32(&tb, R_PRIQ_CONS, 0);
	tb_wr32(&tb, R_IRQ_CTRL, 0x7);
	tb_wr32(&tb, R_CR0, CR0_SMMUEN | CR0_CMDQEN | CR0_EVTQEN | CR0_PRIQEN);
	tb_stream_s1_4k(&tb, 9, &pt, 5);
	tb_set_bits(&tb, tb_ste_addr(&tb, 9) + 8, 0, 1ULL << 28);  /* EATS */
	req.sid = 9;
	req.has_pasid = false;
	req.iova = 0x123456789000ULL;
	req.access = XLATE_WRITE;
	req.pri = true;
	iommu_translate(tb.m, &req, &res);
	EXPECT_EQ(res.status, XLATE_STALLED);
	EXPECT_FALSE(tb_evt_pop(&tb, rec));
	EXPECT_EQ(tb_rd32(&tb, R_PRIQ_PROD), 1);
	EXPECT_EQ(tb.irqs[SMMU_IRQ_PRIQ], 1);
	r0 = tb_r64(&tb, priq);
	r1 = tb_r64(&tb, priq + 8);
	EXPECT_EQ(r0 & 0xffffffffULL, 9);                       /* StreamID */
	EXPECT_EQ((r0 >> 61) & 1, 1);                           /* write */
	EXPECT_EQ((r0 >> 60) & 1, 0);                           /* not read */
	EXPECT_EQ((r0 >> 62) & 1, 1);                           /* last of its PRG */
	EXPECT_EQ((r0 >> 63) & 1, 0);                           /* no PASID */
	EXPECT_EQ(r1 & ~0xfffULL, 0x123456789000ULL);
	/* Without the pri flag the same fault is an event */
	req.pri = false;
	iommu_translate(tb.m, &req, &res);
	EXPECT_EQ(res.status, XLATE_FAULT);
	ASSERT_TRUE(tb_evt_pop(&tb, rec));
	EXPECT_EQ(rec[0] & 0xff, E_F_TRANSLATION);
	/* Fill the queue, then overflow */
	req.pri = true;
	iommu_translate(tb.m, &req, &res);
	iommu_translate(tb.m, &req, &res);
	EXPECT_EQ(tb_rd32(&tb, R_PRIQ_PROD), 1u << 31 | 2);     /* full, OVFLG */
	EXPECT_EQ(tb_stat(&tb, "priq.dropped_full"), 1);
	tb_cmd(&tb, OP_PRI_RESP | 9ULL << 32, 2ULL << 12);
	EXPECT_EQ(tb_stat(&tb, "priq.responses"), 1);
	tb_fini(&tb);
}
