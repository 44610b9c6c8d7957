// SPDX-License-Identifier: GPL-2.0-only
/*
 * No back door: a cached translation stays in use after the tables
 * change until the matching invalidation request is processed.
 */
#include "simtest.h"
#include "vtd_tb.h"

#define SID 0x0208
#define DID 5
#define VA  0x40000000ULL

static uint64_t iotlb_desc(unsigned g, uint16_t did)
{
	return VTD_INV_IOTLB | (uint64_t)g << 4 | (uint64_t)did << 16;
}

static uint64_t piotlb_desc(unsigned g, uint16_t did, uint32_t pasid)
{
	return VTD_INV_PIOTLB | (uint64_t)g << 4 | (uint64_t)did << 16 | (uint64_t)pasid << 32;
}

struct inv_env {
	struct tb tb;
	struct tb_pt pt;
	uint64_t dir;
};

static int env_init(struct inv_env *p, bool fs)
{
	uint64_t e[8];

	p->dir = tb_init_dev(&p->tb, NULL, SID, VTD_SM_CTX_PASIDE | VTD_SM_CTX_DTE, 0);
	if (!p->dir)
		return -1;
	tb_pt_init(&p->tb, &p->pt, fs, 4, NULL);
	if (fs)
		tb_pe_fs(e, &p->pt, DID);
	else
		tb_pe_ss(e, &p->pt, DID);
	tb_pasid_entry(&p->tb, p->dir, 0, e);
	tb_pasid_entry(&p->tb, p->dir, 2, e);
	return 0;
}

/* Map va -> pa read-write with a leaf of 1 << shift. */
static void map(struct inv_env *p, uint64_t va, uint64_t pa, unsigned shift)
{
	tb_map(&p->tb, &p->pt, va, pa, shift,
	       p->pt.fs ? VTD_FS_P | VTD_FS_RW | VTD_FS_US : VTD_SS_R | VTD_SS_W);
}

static uint64_t xl(struct inv_env *p, int pasid, uint64_t va)
{
	struct xlate_res r = tb_xlate(&p->tb, SID, pasid, va, XLATE_READ);

	return r.status == XLATE_OK ? r.pa : ~0ULL;
}

/* The fault code of a read of va (0 if it translates). */
static uint8_t xl_fault(struct inv_env *p, int pasid, uint64_t va)
{
	struct xlate_res r = tb_xlate(&p->tb, SID, pasid, va, XLATE_READ);

	return r.status == XLATE_OK ? 0 : r.fault_code;
}

/*
 * env_init with VA -> 0xa000000 (4 KiB) translated once for pasid, so
 * that it is cached; returns what that translation gave.
 */
static uint64_t env_cached(struct inv_env *p, bool fs, int pasid)
{
	if (env_init(p, fs))
		return ~0ULL;
	map(p, VA, 0xa000000, 12);
	return xl(p, pasid, VA);
}

TEST(VtdInval, PageSelectiveIotlb)
{
	struct inv_env p;

	ASSERT_EQ(env_cached(&p, false, -1), 0xa000000);
	map(&p, VA + 0x5000, 0xc000000, 12);
	EXPECT_EQ(xl(&p, -1, VA + 0x5000), 0xc000000);
	map(&p, VA, 0xb000000, 12);
	map(&p, VA + 0x5000, 0xd000000, 12);
	EXPECT_EQ(xl(&p, -1, VA), 0xa000000);             /* stale, as silicon */
	/* another page: still stale */
	tb_qi(&p.tb, iotlb_desc(VTD_INV_IOTLB_G_PAGE, DID), VA + 0x1000);
	EXPECT_EQ(xl(&p, -1, VA), 0xa000000);
	/* the right page of another domain: still stale */
	tb_qi(&p.tb, iotlb_desc(VTD_INV_IOTLB_G_PAGE, DID + 1), VA);
	EXPECT_EQ(xl(&p, -1, VA), 0xa000000);
	tb_qi(&p.tb, iotlb_desc(VTD_INV_IOTLB_G_PAGE, DID), VA);
	EXPECT_EQ(xl(&p, -1, VA), 0xb000000);
	EXPECT_EQ(xl(&p, -1, VA + 0x5000), 0xc000000);    /* outside AM=0 */
	/* AM=3 covers 8 pages from VA: VA + 0x5000 included */
	tb_qi(&p.tb, iotlb_desc(VTD_INV_IOTLB_G_PAGE, DID), VA | 3);
	EXPECT_EQ(xl(&p, -1, VA + 0x5000), 0xd000000);
	tb_fini(&p.tb);
}

TEST(VtdInval, DomainAndGlobalIotlb)
{
	struct inv_env p;

	ASSERT_EQ(env_init(&p, false), 0);
	map(&p, VA, 0xa000000, 21);
	EXPECT_EQ(xl(&p, -1, VA + 0x1234), 0xa001234);
	map(&p, VA, 0xb000000, 21);
	tb_qi(&p.tb, iotlb_desc(VTD_INV_IOTLB_G_DOMAIN, DID + 1), 0);
	EXPECT_EQ(xl(&p, -1, VA + 0x1234), 0xa001234);
	tb_qi(&p.tb, iotlb_desc(VTD_INV_IOTLB_G_DOMAIN, DID), 0);
	EXPECT_EQ(xl(&p, -1, VA + 0x1234), 0xb001234);
	map(&p, VA, 0xe000000, 21);
	EXPECT_EQ(xl(&p, -1, VA + 0x1234), 0xb001234);
	tb_qi(&p.tb, iotlb_desc(VTD_INV_IOTLB_G_GLOBAL, 0), 0);
	EXPECT_EQ(xl(&p, -1, VA + 0x1234), 0xe001234);
	tb_fini(&p.tb);
}

TEST(VtdInval, PasidBasedIotlb)
{
	struct inv_env p;

	ASSERT_EQ(env_cached(&p, true, 2), 0xa000000);
	EXPECT_EQ(xl(&p, 0, VA), 0xa000000);
	map(&p, VA, 0xb000000, 12);
	/* type 2 page-selective does not reach first-stage-only entries */
	tb_qi(&p.tb, iotlb_desc(VTD_INV_IOTLB_G_PAGE, DID), VA);
	EXPECT_EQ(xl(&p, 2, VA), 0xa000000);
	/* PASID-based for PASID 2 only: PASID 0 keeps its entry */
	tb_qi(&p.tb, piotlb_desc(VTD_INV_PIOTLB_G_PAGE, DID, 2), VA);
	EXPECT_EQ(xl(&p, 2, VA), 0xb000000);
	EXPECT_EQ(xl(&p, 0, VA), 0xa000000);
	tb_qi(&p.tb, piotlb_desc(VTD_INV_PIOTLB_G_PASID, DID, 0), 0);
	EXPECT_EQ(xl(&p, 0, VA), 0xb000000);
	tb_fini(&p.tb);
}

TEST(VtdInval, InvalidationHintKeepsPagingStructureCache)
{
	struct inv_env p;
	uint64_t pde;

	ASSERT_EQ(env_cached(&p, false, -1), 0xa000000);
	/* re-point the directory entry at a fresh table mapping VA elsewhere */
	pde = tb_entry_pa(&p.tb, &p.pt, VA, 2);
	{
		uint64_t t = tb_page(&p.tb);

		tb_wr64(&p.tb, t + ((VA >> 12) & 511) * 8, 0xf000000 | VTD_SS_R | VTD_SS_W);
		tb_wr64(&p.tb, pde, t | VTD_SS_R | VTD_SS_W | VTD_SS_X);
	}
	/* IH=1: only leaves changed, so the cached directory entry stays */
	tb_qi(&p.tb, iotlb_desc(VTD_INV_IOTLB_G_PAGE, DID), VA | VTD_INV_IH);
	EXPECT_EQ(xl(&p, -1, VA), 0xa000000);
	tb_qi(&p.tb, iotlb_desc(VTD_INV_IOTLB_G_PAGE, DID), VA);
	EXPECT_EQ(xl(&p, -1, VA), 0xf000000);
	tb_fini(&p.tb);
}

TEST(VtdInval, ContextAndPasidCache)
{
	struct inv_env p;

	ASSERT_EQ(env_cached(&p, false, 2), 0xa000000);
	/* PASID entry cleared: cached until a PASID-cache invalidation */
	tb_wr64(&p.tb, tb_pasid_entry_pa(&p.tb, p.dir, 2), 0);
	EXPECT_EQ(xl(&p, 2, VA), 0xa000000);
	tb_qi(&p.tb, VTD_INV_PC | VTD_INV_PC_G_PASID << 4 | (uint64_t)(DID + 1) << 16 |
		     2ULL << 32, 0);
	EXPECT_EQ(xl(&p, 2, VA), 0xa000000);
	tb_qi(&p.tb, VTD_INV_PC | VTD_INV_PC_G_PASID << 4 | (uint64_t)DID << 16 | 2ULL << 32, 0);
	EXPECT_EQ(xl_fault(&p, 2, VA), VTD_FR_SM_PTE_NP);

	/* context entry cleared: cached until a context-cache invalidation */
	EXPECT_EQ(xl(&p, 0, VA), 0xa000000);
	tb_wr64(&p.tb, tb_context_pa(&p.tb, SID), 0);
	EXPECT_EQ(xl(&p, 0, VA), 0xa000000);
	/* device-selective for a different function (FM=0): no effect */
	tb_qi(&p.tb, VTD_INV_CC | VTD_INV_CC_G_DEVICE << 4 | (uint64_t)(SID + 1) << 32, 0);
	EXPECT_EQ(xl(&p, 0, VA), 0xa000000);
	/* FM=3 masks function bits 2:0: SID+1 now names this device too */
	tb_qi(&p.tb, VTD_INV_CC | VTD_INV_CC_G_DEVICE << 4 | (uint64_t)(SID + 1) << 32 |
		     3ULL << 48, 0);
	EXPECT_EQ(xl_fault(&p, 0, VA), VTD_FR_SM_CTX_NP);
	tb_fini(&p.tb);
}

TEST(VtdInval, DeviceTlb)
{
	struct inv_env p;
	struct xlate_req q = { .sid = SID, .has_pasid = false, .ats_translated = true,
			       .access = XLATE_READ, .iova = VA + 0x10, .len = 4 };
	struct xlate_res r;

	ASSERT_EQ(env_init(&p, false), 0);
	map(&p, VA, 0xa000000, 12);
	r = tb_xlate_req(&p.tb, &q);
	EXPECT_EQ(r.pa, 0xa000010);
	r = tb_xlate_req(&p.tb, &q);
	EXPECT_TRUE(r.tlb_hit);
	EXPECT_EQ(vtd_get_counters(p.tb.m)->devtlb_hits, 1);
	map(&p, VA, 0xb000000, 12);
	tb_qi(&p.tb, iotlb_desc(VTD_INV_IOTLB_G_GLOBAL, 0), 0);
	r = tb_xlate_req(&p.tb, &q);
	EXPECT_EQ(r.pa, 0xa000010);     /* the device still holds it */
	/* PASID-based device-TLB invalidation does not touch non-PASID entries */
	tb_qi(&p.tb, VTD_INV_PDEVTLB | (uint64_t)SID << 16, VTD_INV_PDEVTLB_G);
	r = tb_xlate_req(&p.tb, &q);
	EXPECT_EQ(r.pa, 0xa000010);
	/* S=1 with address bit 12 set: 8 KiB range covering VA */
	tb_qi(&p.tb, VTD_INV_DEVTLB | (uint64_t)SID << 32, VA | 0x1000 | VTD_INV_DEVTLB_S);
	r = tb_xlate_req(&p.tb, &q);
	EXPECT_EQ(r.pa, 0xb000010);
	EXPECT_FALSE(r.tlb_hit);
	/* a translated request from a device whose context has DTE=0 */
	tb_context(&p.tb, SID + 1, p.dir, 0, 0, 0);
	q.sid = SID + 1;
	r = tb_xlate_req(&p.tb, &q);
	EXPECT_EQ(r.fault_code, VTD_FR_SM_CTX_DTE);
	tb_fini(&p.tb);
}

TEST(VtdInval, RegisterBasedIotlb)
{
	struct inv_env p;

	ASSERT_EQ(env_cached(&p, false, -1), 0xa000000);
	tb_gcmd(&p.tb, 0, VTD_GCMD_QIE);
	map(&p, VA, 0xb000000, 12);
	EXPECT_EQ(xl(&p, -1, VA), 0xa000000);
	tb_mmio_wr(&p.tb, VTD_IVA_REG(VTD_IRO_OFFSET), VA, 8);
	tb_mmio_wr(&p.tb, VTD_IOTLB_REG(VTD_IRO_OFFSET),
		   VTD_IOTLB_IVT | 3ULL << VTD_IOTLB_IIRG_SHIFT | (uint64_t)DID << 32, 8);
	/* IVT clears when done, IAIG reports the granularity performed */
	EXPECT_EQ(tb_mmio_rd(&p.tb, VTD_IOTLB_REG(VTD_IRO_OFFSET), 8) &
		  (VTD_IOTLB_IVT | VTD_IOTLB_IAIG_MASK), 3ULL << VTD_IOTLB_IAIG_SHIFT);
	EXPECT_EQ(xl(&p, -1, VA), 0xb000000);
	tb_fini(&p.tb);
}

TEST(VtdInval, RegisterBasedContextCommand)
{
	struct inv_env p;
	uint64_t ccmd;

	ASSERT_EQ(env_cached(&p, false, 0), 0xa000000);
	tb_gcmd(&p.tb, 0, VTD_GCMD_QIE);
	tb_wr64(&p.tb, tb_context_pa(&p.tb, SID), 0);
	EXPECT_EQ(xl(&p, 0, VA), 0xa000000);
	tb_mmio_wr(&p.tb, VTD_CCMD_REG, VTD_CCMD_ICC | 1ULL << VTD_CCMD_CIRG_SHIFT, 8);
	ccmd = tb_mmio_rd(&p.tb, VTD_CCMD_REG, 8);
	EXPECT_FALSE(ccmd & VTD_CCMD_ICC);
	EXPECT_EQ(VTD_FIELD(ccmd, 60, 59), 1);
	EXPECT_EQ(xl_fault(&p, 0, VA), VTD_FR_SM_CTX_NP);
	tb_fini(&p.tb);
}
