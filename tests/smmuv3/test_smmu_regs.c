// SPDX-License-Identifier: GPL-2.0-only
/* The register file: ID registers per preset, enables and acks, GBPA. */
#include "simtest.h"
#include "smmu_tb.h"

static unsigned field(uint64_t v, unsigned hi, unsigned lo)
{
	return (unsigned)((v >> lo) & ((1ULL << (hi - lo + 1)) - 1));
}

TEST(SmmuRegs, FullPresetIdRegisters)
{
	struct tb tb;
	uint32_t idr0, idr1, idr5;

	ASSERT_EQ(tb_init_preset(&tb, "full"), 0);
	idr0 = tb_rd32(&tb, R_IDR0);
	idr1 = tb_rd32(&tb, R_IDR1);
	idr5 = tb_rd32(&tb, R_IDR5);
	EXPECT_EQ(field(idr0, 0, 0), 1);        /* S2P */
	EXPECT_EQ(field(idr0, 1, 1), 1);        /* S1P */
	EXPECT_EQ(field(idr0, 3, 2), 2);        /* TTF AArch64 */
	EXPECT_EQ(field(idr0, 7, 6), 2);        /* HTTU access+dirty */
	EXPECT_EQ(field(idr0, 10, 10), 1);      /* ATS */
	EXPECT_EQ(field(idr0, 12, 12), 1);      /* ASID16 */
	EXPECT_EQ(field(idr0, 13, 13), 1);      /* MSI */
	EXPECT_EQ(field(idr0, 16, 16), 1);      /* PRI */
	EXPECT_EQ(field(idr0, 18, 18), 1);      /* VMID16 */
	EXPECT_EQ(field(idr0, 19, 19), 1);      /* CD2L */
	EXPECT_EQ(field(idr0, 25, 24), 0);      /* stall and terminate */
	EXPECT_EQ(field(idr0, 28, 27), 1);      /* 2-level stream table */
	EXPECT_EQ(field(idr1, 5, 0), 20);       /* SIDSIZE */
	EXPECT_EQ(field(idr1, 10, 6), 20);      /* SSIDSIZE */
	EXPECT_EQ(field(idr1, 25, 21), 19);     /* CMDQS */
	EXPECT_EQ(field(idr5, 2, 0), 5);        /* OAS 48 */
	EXPECT_EQ(field(idr5, 6, 4), 7);        /* 4K, 16K, 64K */
	EXPECT_NE(field(idr5, 31, 16), 0);      /* STALL_MAX */
	EXPECT_EQ(field(tb_rd32(&tb, R_IDR3), 10, 10), 1); /* RIL */
	EXPECT_EQ(tb_rd32(&tb, R_AIDR), 1);     /* SMMUv3.1 */
	tb_fini(&tb);
}

TEST(SmmuRegs, S1OnlyPresetIdRegisters)
{
	struct smmu_config cfg;
	struct tb tb;
	uint32_t idr0, idr5;

	ASSERT_EQ(tb_init_preset(&tb, "s1only"), 0);
	idr0 = tb_rd32(&tb, R_IDR0);
	idr5 = tb_rd32(&tb, R_IDR5);
	EXPECT_EQ(field(idr0, 1, 0), 2);        /* S1P only */
	EXPECT_EQ(field(idr0, 7, 6), 0);
	EXPECT_EQ(field(idr0, 10, 10), 0);
	EXPECT_EQ(field(idr0, 16, 16), 0);
	EXPECT_EQ(field(idr0, 25, 24), 1);      /* terminate only */
	EXPECT_EQ(field(idr0, 28, 27), 0);      /* linear stream table */
	EXPECT_EQ(field(tb_rd32(&tb, R_IDR1), 10, 6), 0);
	EXPECT_EQ(field(idr5, 2, 0), 4);        /* OAS 44 */
	EXPECT_EQ(field(idr5, 6, 4), 5);        /* 4K and 64K */
	EXPECT_EQ(smmu_config_preset(&cfg, "nonsense"), -EINVAL);
	tb_fini(&tb);
}

TEST(SmmuRegs, EnablesAreAcknowledged)
{
	struct tb tb;

	ASSERT_EQ(tb_init_preset(&tb, "full"), 0);
	EXPECT_EQ(tb_rd32(&tb, R_CR0ACK), 0);
	tb_wr32(&tb, R_CR0, CR0_EVTQEN | CR0_CMDQEN);
	EXPECT_EQ(tb_rd32(&tb, R_CR0ACK), CR0_EVTQEN | CR0_CMDQEN);
	tb_wr32(&tb, R_IRQ_CTRL, 0x7);
	EXPECT_EQ(tb_rd32(&tb, R_IRQ_CTRLACK), 0x7);
	/* GBPA changes only with Update, which reads back as 0 */
	tb_wr32(&tb, R_GBPA, 1u << 20);
	EXPECT_EQ(tb_rd32(&tb, R_GBPA), 0);
	tb_wr32(&tb, R_GBPA, (1u << 31) | (1u << 20));
	EXPECT_EQ(tb_rd32(&tb, R_GBPA), 1u << 20);
	tb_fini(&tb);
}

TEST(SmmuRegs, SixtyFourBitRegistersByHalves)
{
	struct tb tb;

	ASSERT_EQ(tb_init_preset(&tb, "full"), 0);
	tb_wr32(&tb, R_STRTAB_BASE, 0x12345640);
	tb_wr32(&tb, R_STRTAB_BASE + 4, 0x00000abc);
	EXPECT_EQ(tb_rd64(&tb, R_STRTAB_BASE), 0x00000abc12345640ULL);
	tb_wr64(&tb, R_CMDQ_BASE, 0x0000000fedcba000ULL | 8);
	EXPECT_EQ(tb_rd32(&tb, R_CMDQ_BASE), 0xedcba008u);
	EXPECT_EQ(tb_rd32(&tb, R_CMDQ_BASE + 4), 0xf);
	/* Base registers ignore writes while their block is enabled */
	tb_wr32(&tb, R_CR0, CR0_CMDQEN);
	tb_wr64(&tb, R_CMDQ_BASE, 0x1000);
	EXPECT_EQ(tb_rd64(&tb, R_CMDQ_BASE), 0x0000000fedcba008ULL);
	tb_fini(&tb);
}

/* EVTQ_PROD/CONS live in page 1; page-0 offsets of them are reserved. */
TEST(SmmuRegs, EventQueuePointersInPageOne)
{
	struct tb tb;

	ASSERT_EQ(tb_init_preset(&tb, "full"), 0);
	tb_wr32(&tb, R_EVTQ_CONS, 5);
	EXPECT_EQ(tb_rd32(&tb, R_EVTQ_CONS), 5);
	EXPECT_EQ(tb_rd32(&tb, 0xac), 0);
	tb_wr32(&tb, 0xa8, 3);
	EXPECT_EQ(tb_rd32(&tb, R_EVTQ_PROD), 0);
	tb_fini(&tb);
}

/* SMMUEN=0: GBPA.ABORT decides between bypass and abort, no events. */
TEST(SmmuRegs, DisabledSmmuFollowsGbpa)
{
	struct tb tb;
	struct xlate_res res;

	ASSERT_EQ(tb_init_preset(&tb, "full"), 0);
	res = tb_xlate(&tb, 1, false, 0, 0x123456, XLATE_READ, false);
	EXPECT_EQ(res.status, XLATE_OK);
	EXPECT_EQ(res.pa, 0x123456);
	/* bypass cannot reach beyond the OAS: terminated, no event
	 * (fuzz/regress/mmio/smmu-gbpa-bypass-pa-beyond-oas) */
	res = tb_xlate(&tb, 1, false, 0, 1ULL << 48, XLATE_READ, false);
	EXPECT_EQ(res.status, XLATE_FAULT);
	tb_wr32(&tb, R_GBPA, (1u << 31) | (1u << 20));
	res = tb_xlate(&tb, 1, false, 0, 0x123456, XLATE_READ, false);
	EXPECT_EQ(res.status, XLATE_FAULT);
	tb_fini(&tb);
}
