// SPDX-License-Identifier: GPL-2.0-only
/*
 * Page requests: a PRI-capable request meeting a first-stage non-present
 * entry goes to the page request queue; the page group response through
 * the invalidation queue completes it.
 */
#include "simtest.h"
#include "vtd_tb.h"

#define SID 0x0518
#define VA  0x7000001000ULL

static int env_init(struct tb_env *p, const struct vtd_config *cfg, uint64_t ctx_flags)
{
	uint64_t e[8];

	if (tb_env_init(p, cfg, SID, VTD_SM_CTX_PASIDE | ctx_flags, 0, false))
		return -1;
	tb_env_pe(p, VTD_PGTT_FS, 4, e);
	tb_pasid_entry(&p->tb, p->dir, 0x42, e);
	return 0;
}

static struct xlate_res pri_req(struct tb_env *p, uint64_t va, unsigned access)
{
	struct xlate_req q = { .sid = SID, .pasid = 0x42, .has_pasid = true, .pri = true,
			       .access = access, .iova = va, .len = 8, .t_issue = p->tb.now };

	return tb_xlate_req(&p->tb, &q);
}

static void respond(struct tb_env *p, uint16_t rid, uint32_t pasid, unsigned prgi)
{
	tb_qi(&p->tb, VTD_INV_PGRP_RESP | VTD_INV_PGRP_PP | (uint64_t)rid << 16 |
		      (uint64_t)pasid << 32, VTD_INV_PGRP_LPIG | (uint64_t)prgi << 3);
}

TEST(VtdPrq, PageRequestAndResponse)
{
	struct tb_env p;
	struct xlate_res r;
	uint64_t d0, d1, prgi;

	ASSERT_EQ(env_init(&p, NULL, VTD_SM_CTX_PRE), 0);
	r = pri_req(&p, VA + 0x10, XLATE_WRITE);
	EXPECT_EQ(r.status, XLATE_STALLED);
	EXPECT_EQ(r.fault_code, VTD_FR_SM_FS_NP);
	EXPECT_EQ(tb_mmio_rd(&p.tb, VTD_PQT_REG, 8), 32);
	EXPECT_EQ(tb_mmio_rd(&p.tb, VTD_PRS_REG, 4), VTD_PRS_PPR);
	ASSERT_EQ(p.tb.irqs, 1);
	EXPECT_EQ(p.tb.irq_data[0], TB_PEDATA);
	/* no fault record */
	EXPECT_FALSE(tb_mmio_rd(&p.tb, VTD_FSTS_REG, 4) & VTD_FSTS_PPF);
	d0 = tb_rd64(&p.tb, p.tb.pq);
	d1 = tb_rd64(&p.tb, p.tb.pq + 8);
	EXPECT_EQ(d0 & 0xff, VTD_PRQ_TYPE_PAGE_REQ);
	EXPECT_TRUE(d0 & VTD_PRQ_PP);
	EXPECT_EQ(VTD_FIELD(d0, 31, 16), SID);
	EXPECT_EQ(VTD_FIELD(d0, 51, 32), 0x42);
	EXPECT_EQ(d1 & VTD_PRQ_ADDR_MASK, VA);
	EXPECT_EQ(d1 & (VTD_PRQ_RD | VTD_PRQ_WR | VTD_PRQ_LPIG), VTD_PRQ_WR | VTD_PRQ_LPIG);
	prgi = VTD_FIELD(d1, 11, 3);
	EXPECT_EQ(vtd_prq_outstanding(p.tb.m), 1);

	/* a second request while PPR is set: queued, no new interrupt */
	r = pri_req(&p, VA + 0x2000, XLATE_READ);
	EXPECT_EQ(r.status, XLATE_STALLED);
	EXPECT_EQ(p.tb.irqs, 1);
	EXPECT_EQ(tb_rd64(&p.tb, p.tb.pq + 40) & (VTD_PRQ_RD | VTD_PRQ_WR), VTD_PRQ_RD);
	EXPECT_NE(VTD_FIELD(tb_rd64(&p.tb, p.tb.pq + 40), 11, 3), prgi);

	/* software maps the page, answers the group, consumes the queue */
	tb_map(&p.tb, &p.fs, VA, 0x3000000, 12, VTD_FS_P | VTD_FS_RW | VTD_FS_US);
	respond(&p, SID, 0x42, 0x1ff & (prgi + 7));     /* matches nothing */
	EXPECT_EQ(vtd_get_counters(p.tb.m)->prq_bad_responses, 1);
	respond(&p, SID, 0x42, prgi);
	EXPECT_EQ(vtd_prq_outstanding(p.tb.m), 1);
	EXPECT_EQ(vtd_get_counters(p.tb.m)->prq_responses, 1);
	tb_mmio_wr(&p.tb, VTD_PQH_REG, 64, 8);
	tb_mmio_wr(&p.tb, VTD_PRS_REG, VTD_PRS_PPR, 4);
	EXPECT_EQ(tb_mmio_rd(&p.tb, VTD_PRS_REG, 4), 0);
	/* the retried request now translates */
	r = pri_req(&p, VA + 0x10, XLATE_WRITE);
	EXPECT_EQ(r.status, XLATE_OK);
	EXPECT_EQ(r.pa, 0x3000010);
	/* after PPR was cleared, the next page request interrupts again */
	r = pri_req(&p, VA + 0x5000, XLATE_READ);
	EXPECT_EQ(r.status, XLATE_STALLED);
	EXPECT_EQ(p.tb.irqs, 2);
	tb_fini(&p.tb);
}

TEST(VtdPrq, QueueFullSetsPro)
{
	struct tb_env p;
	struct xlate_res r;
	unsigned queued = 0;

	ASSERT_EQ(env_init(&p, NULL, VTD_SM_CTX_PRE), 0);
	/* one page: 128 slots, one always empty */
	for (unsigned i = 0; i < 128; i++) {
		r = pri_req(&p, VA + i * 0x1000, XLATE_READ);
		queued += r.status == XLATE_STALLED;
	}
	EXPECT_EQ(queued, 127);
	EXPECT_EQ(r.status, XLATE_FAULT);
	EXPECT_EQ(tb_mmio_rd(&p.tb, VTD_PRS_REG, 4), VTD_PRS_PPR | VTD_PRS_PRO);
	EXPECT_EQ(vtd_get_counters(p.tb.m)->prq_overflow, 1);
	/* software drains the queue and clears PRO: requests flow again */
	tb_mmio_wr(&p.tb, VTD_PQH_REG, tb_mmio_rd(&p.tb, VTD_PQT_REG, 8), 8);
	tb_mmio_wr(&p.tb, VTD_PRS_REG, VTD_PRS_PRO | VTD_PRS_PPR, 4);
	r = pri_req(&p, VA + 0x200000, XLATE_READ);
	EXPECT_EQ(r.status, XLATE_STALLED);
	tb_fini(&p.tb);
}

TEST(VtdPrq, PreClearAndNoPrs)
{
	struct tb_env p;
	struct vtd_config cfg;
	struct xlate_res r;
	uint64_t lo, hi;

	/* PRE=0 in the context entry: fault 0x47 recorded */
	ASSERT_EQ(env_init(&p, NULL, 0), 0);
	r = pri_req(&p, VA, XLATE_READ);
	EXPECT_EQ(r.status, XLATE_FAULT);
	EXPECT_EQ(r.fault_code, VTD_FR_SM_CTX_PRE);
	tb_frcd(&p.tb, 0, &lo, &hi);
	EXPECT_EQ(VTD_FIELD(hi, 39, 32), VTD_FR_SM_CTX_PRE);
	EXPECT_EQ(tb_mmio_rd(&p.tb, VTD_PQT_REG, 8), 0);
	tb_fini(&p.tb);

	/* no PRS in the capability: an ordinary non-present fault */
	vtd_config_preset(&cfg, VTD_PRESET_MINIMAL);
	ASSERT_EQ(env_init(&p, &cfg, 0), 0);
	r = pri_req(&p, VA, XLATE_READ);
	EXPECT_EQ(r.status, XLATE_FAULT);
	EXPECT_EQ(r.fault_code, VTD_FR_SM_FS_NP);
	tb_fini(&p.tb);
}
