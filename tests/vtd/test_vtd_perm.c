// SPDX-License-Identifier: GPL-2.0-only
/*
 * Access rights (R/W/X, U/S, SRE, WPE, ERE, SSEE) and accessed/dirty
 * updates at both stages.
 */
#include "simtest.h"
#include "vtd_tb.h"

#define SID 0x0100
#define VA  0x0000123440000000ULL   /* 1G aligned */
#define PA  0x5000000ULL

/* PASID 1: FS-only or SS-only or nested with extra qword-0/qword-2 flags. */
static int env_init(struct tb_env *p, unsigned pgtt, uint64_t e0, uint64_t e2)
{
	uint64_t e[8];

	if (tb_env_init(p, NULL, SID, VTD_SM_CTX_PASIDE, 0, pgtt == VTD_PGTT_NESTED))
		return -1;
	tb_env_pe(p, pgtt, 1, e);
	e[0] |= e0;
	e[2] |= e2;
	tb_pasid_entry(&p->tb, p->dir, 1, e);
	return 0;
}

/* env_init for FS- or SS-only pgtt with VA -> PA mapped by a leaf of that stage. */
static int env_map(struct tb_env *p, unsigned pgtt, uint64_t e0, uint64_t e2, unsigned shift,
		   uint64_t flags)
{
	if (env_init(p, pgtt, e0, e2))
		return -1;
	return tb_map(&p->tb, pgtt == VTD_PGTT_FS ? &p->fs : &p->ss, VA, PA, shift, flags);
}

/*
 * env_init for nested PASID 1 (qword-0 flags e0) with VA -> GPA 1 << 40 ->
 * 0x9000000; returns the GPA of VA's FS leaf table, 0 on failure.
 */
static uint64_t env_nested(struct tb_env *p, uint64_t e0)
{
	if (env_init(p, VTD_PGTT_NESTED, e0, 0) ||
	    tb_map(&p->tb, &p->fs, VA, 1ULL << 40, 12, VTD_FS_P | VTD_FS_RW | VTD_FS_US) ||
	    tb_map(&p->tb, &p->ss, 1ULL << 40, 0x9000000, 12, VTD_SS_R | VTD_SS_W))
		return 0;
	return tb_rd64(&p->tb, tb_entry_pa(&p->tb, &p->fs, VA, 2)) & VTD_FS_ADDR_MASK;
}

static struct xlate_res req(struct tb_env *p, uint64_t va, unsigned access, bool priv)
{
	struct xlate_req r = { .sid = SID, .pasid = 1, .has_pasid = true, .priv = priv,
			       .access = access, .iova = va, .len = 4, .t_issue = p->tb.now };

	return tb_xlate_req(&p->tb, &r);
}

TEST(VtdPerm, FirstStageUserSupervisor)
{
	struct tb_env p;
	struct xlate_res r;

	/* U/S=0 */
	ASSERT_EQ(env_map(&p, VTD_PGTT_FS, 0, VTD_PTE2_SRE, 12, VTD_FS_P | VTD_FS_RW), 0);
	tb_map(&p.tb, &p.fs, VA + 0x200000, 0x6000000, 12, VTD_FS_P | VTD_FS_RW | VTD_FS_US);
	r = req(&p, VA, XLATE_READ, false);
	EXPECT_EQ(r.status, XLATE_FAULT);
	EXPECT_EQ(r.fault_code, VTD_FR_SM_US);
	r = req(&p, VA, XLATE_READ, true);
	EXPECT_EQ(r.status, XLATE_OK);
	EXPECT_EQ(r.pa, PA);
	/* a cached entry still refuses the user request */
	EXPECT_EQ(req(&p, VA, XLATE_READ, false).fault_code, VTD_FR_SM_US);
	/* U/S=0 in a directory entry denies the whole region to users */
	r = req(&p, VA + 0x200000, XLATE_READ, false);
	EXPECT_EQ(r.status, XLATE_OK);
	tb_wr64(&p.tb, tb_entry_pa(&p.tb, &p.fs, VA + 0x400000, 2),
		tb_rd64(&p.tb, tb_entry_pa(&p.tb, &p.fs, VA + 0x200000, 2)) & ~VTD_FS_US);
	tb_map(&p.tb, &p.fs, VA + 0x400000, 0x7000000, 12, VTD_FS_P | VTD_FS_RW | VTD_FS_US);
	tb_wr64(&p.tb, tb_entry_pa(&p.tb, &p.fs, VA + 0x400000, 2),
		tb_rd64(&p.tb, tb_entry_pa(&p.tb, &p.fs, VA + 0x400000, 2)) & ~VTD_FS_US);
	EXPECT_EQ(req(&p, VA + 0x400000, XLATE_READ, false).fault_code, VTD_FR_SM_US);
	tb_fini(&p.tb);

	/* SRE=0: a supervisor request is refused at the PASID entry */
	ASSERT_EQ(env_map(&p, VTD_PGTT_FS, 0, 0, 12, VTD_FS_P | VTD_FS_RW | VTD_FS_US), 0);
	EXPECT_EQ(req(&p, VA, XLATE_READ, true).fault_code, VTD_FR_SM_PTE_SRE);
	r = req(&p, VA, XLATE_READ, false);
	EXPECT_EQ(r.status, XLATE_OK);
	tb_fini(&p.tb);
}

TEST(VtdPerm, FirstStageWriteProtect)
{
	struct tb_env p;
	struct xlate_res r;

	/* read-only */
	ASSERT_EQ(env_map(&p, VTD_PGTT_FS, 0, VTD_PTE2_SRE, 21, VTD_FS_P | VTD_FS_US), 0);
	EXPECT_EQ(req(&p, VA + 0x1234, XLATE_WRITE, false).fault_code, VTD_FR_SM_WRITE);
	/* WPE=0: supervisor writes ignore R/W */
	r = req(&p, VA + 0x1234, XLATE_WRITE, true);
	EXPECT_EQ(r.status, XLATE_OK);
	EXPECT_EQ(r.pa, PA + 0x1234);
	EXPECT_EQ(r.page_shift, 21);
	EXPECT_EQ(r.perm & XLATE_WRITE, XLATE_WRITE);
	r = req(&p, VA + 0x1234, XLATE_READ, false);
	EXPECT_EQ(r.perm, XLATE_READ);
	tb_fini(&p.tb);

	ASSERT_EQ(env_map(&p, VTD_PGTT_FS, 0, VTD_PTE2_SRE | VTD_PTE2_WPE, 21,
			  VTD_FS_P | VTD_FS_US), 0);
	EXPECT_EQ(req(&p, VA + 0x1234, XLATE_WRITE, true).fault_code, VTD_FR_SM_WRITE);
	tb_fini(&p.tb);
}

TEST(VtdPerm, ExecuteRights)
{
	struct tb_env p;
	struct xlate_res r;

	ASSERT_EQ(env_map(&p, VTD_PGTT_FS, 0, VTD_PTE2_ERE, 12,
			  VTD_FS_P | VTD_FS_US | VTD_FS_XD), 0);
	tb_map(&p.tb, &p.fs, VA + 0x1000, 0x6000000, 12, VTD_FS_P | VTD_FS_US);
	EXPECT_EQ(req(&p, VA, XLATE_EXEC | XLATE_READ, false).fault_code, VTD_FR_SM_EXEC);
	r = req(&p, VA + 0x1000, XLATE_EXEC | XLATE_READ, false);
	EXPECT_EQ(r.status, XLATE_OK);
	EXPECT_TRUE(r.perm & XLATE_EXEC);
	tb_fini(&p.tb);

	/* ERE=0: execute requests are refused */
	ASSERT_EQ(env_map(&p, VTD_PGTT_FS, 0, 0, 12, VTD_FS_P | VTD_FS_US), 0);
	EXPECT_EQ(req(&p, VA, XLATE_EXEC | XLATE_READ, false).fault_code, VTD_FR_SM_PTE_ERE);
	tb_fini(&p.tb);

	/* second stage X with SSEE */
	ASSERT_EQ(env_map(&p, VTD_PGTT_SS, VTD_PTE0_SSEE, VTD_PTE2_ERE, 12, VTD_SS_R), 0);
	tb_map(&p.tb, &p.ss, VA + 0x1000, 0x6000000, 12, VTD_SS_R | VTD_SS_X);
	EXPECT_EQ(req(&p, VA, XLATE_EXEC, false).fault_code, VTD_FR_SM_EXEC);
	r = req(&p, VA + 0x1000, XLATE_EXEC, false);
	EXPECT_EQ(r.status, XLATE_OK);
	tb_fini(&p.tb);
}

TEST(VtdPerm, SecondStageReadWrite)
{
	struct tb_env p;
	struct xlate_res r;

	ASSERT_EQ(env_map(&p, VTD_PGTT_SS, 0, 0, 12, VTD_SS_R), 0);
	tb_map(&p.tb, &p.ss, VA + 0x1000, 0x6000000, 12, VTD_SS_W);
	EXPECT_EQ(req(&p, VA, XLATE_WRITE, false).fault_code, VTD_FR_SM_WRITE);
	r = req(&p, VA, XLATE_READ, false);
	EXPECT_EQ(r.status, XLATE_OK);
	EXPECT_EQ(r.perm, XLATE_READ);
	EXPECT_EQ(req(&p, VA + 0x1000, XLATE_READ, false).fault_code, VTD_FR_SM_READ);
	r = req(&p, VA + 0x1000, XLATE_WRITE, false);
	EXPECT_EQ(r.status, XLATE_OK);
	EXPECT_EQ(r.pa, 0x6000000);
	/* permission checks also apply to IOTLB hits */
	EXPECT_EQ(req(&p, VA, XLATE_WRITE, false).fault_code, VTD_FR_SM_WRITE);
	tb_fini(&p.tb);
}

TEST(VtdPerm, FirstStageAccessedDirty)
{
	struct tb_env p;
	struct xlate_res r;
	uint64_t leaf;

	ASSERT_EQ(env_map(&p, VTD_PGTT_FS, 0, VTD_PTE2_EAFE, 12,
			  VTD_FS_P | VTD_FS_RW | VTD_FS_US), 0);
	leaf = tb_entry_pa(&p.tb, &p.fs, VA, 1);
	r = req(&p, VA, XLATE_READ, false);
	ASSERT_EQ(r.status, XLATE_OK);
	for (unsigned l = 1; l <= 4; l++) {
		uint64_t e = tb_rd64(&p.tb, tb_entry_pa(&p.tb, &p.fs, VA, l));

		EXPECT_TRUE(e & VTD_FS_A);
		EXPECT_TRUE(e & VTD_FS_EA);
	}
	EXPECT_FALSE(tb_rd64(&p.tb, leaf) & VTD_FS_D);
	/* a write through the clean cached entry walks again and sets D */
	r = req(&p, VA, XLATE_WRITE, false);
	ASSERT_EQ(r.status, XLATE_OK);
	EXPECT_FALSE(r.tlb_hit);
	EXPECT_TRUE(tb_rd64(&p.tb, leaf) & VTD_FS_D);
	r = req(&p, VA, XLATE_WRITE, false);
	EXPECT_TRUE(r.tlb_hit);
	EXPECT_EQ(vtd_get_counters(p.tb.m)->ad_writes, 4 + 1);
	tb_fini(&p.tb);
}

TEST(VtdPerm, SecondStageAccessedDirtyWithSsade)
{
	struct tb_env p;
	struct xlate_res r;
	uint64_t leaf;

	ASSERT_EQ(env_map(&p, VTD_PGTT_SS, VTD_PTE0_SSADE, 0, 21, VTD_SS_R | VTD_SS_W), 0);
	leaf = tb_entry_pa(&p.tb, &p.ss, VA, 2);
	r = req(&p, VA, XLATE_READ, false);
	ASSERT_EQ(r.status, XLATE_OK);
	for (unsigned l = 2; l <= 4; l++)
		EXPECT_TRUE(tb_rd64(&p.tb, tb_entry_pa(&p.tb, &p.ss, VA, l)) & VTD_SS_A);
	EXPECT_FALSE(tb_rd64(&p.tb, leaf) & VTD_SS_D);
	r = req(&p, VA + 0x3000, XLATE_WRITE, false);
	ASSERT_EQ(r.status, XLATE_OK);
	EXPECT_TRUE(tb_rd64(&p.tb, leaf) & VTD_SS_D);
	tb_fini(&p.tb);

	/* without SSADE nothing is written */
	ASSERT_EQ(env_map(&p, VTD_PGTT_SS, 0, 0, 21, VTD_SS_R | VTD_SS_W), 0);
	r = req(&p, VA, XLATE_WRITE, false);
	ASSERT_EQ(r.status, XLATE_OK);
	for (unsigned l = 2; l <= 4; l++)
		EXPECT_FALSE(tb_rd64(&p.tb, tb_entry_pa(&p.tb, &p.ss, VA, l)) &
			     (VTD_SS_A | VTD_SS_D));
	EXPECT_EQ(vtd_get_counters(p.tb.m)->ad_writes, 0);
	tb_fini(&p.tb);
}

/*
 * Dirty tracking as iommufd does it: read and clear D, invalidate, and
 * the next write marks the page again; without the invalidation the
 * cached (dirty) translation keeps the PTE clean.
 */
TEST(VtdPerm, SecondStageDirtyTracking)
{
	struct tb_env p;
	uint64_t leaf;
	const uint64_t psi = VTD_INV_IOTLB | VTD_INV_IOTLB_G_PAGE << 4 | 1 << 16;

	ASSERT_EQ(env_map(&p, VTD_PGTT_SS, VTD_PTE0_SSADE, 0, 12, VTD_SS_R | VTD_SS_W), 0);
	leaf = tb_entry_pa(&p.tb, &p.ss, VA, 1);
	EXPECT_EQ(req(&p, VA, XLATE_WRITE, false).status, XLATE_OK);
	EXPECT_TRUE(tb_rd64(&p.tb, leaf) & VTD_SS_D);
	tb_wr64(&p.tb, leaf, tb_rd64(&p.tb, leaf) & ~VTD_SS_D);
	EXPECT_TRUE(req(&p, VA, XLATE_WRITE, false).tlb_hit);
	EXPECT_FALSE(tb_rd64(&p.tb, leaf) & VTD_SS_D);
	tb_qi(&p.tb, psi, VA);
	EXPECT_FALSE(req(&p, VA, XLATE_WRITE, false).tlb_hit);
	EXPECT_TRUE(tb_rd64(&p.tb, leaf) & VTD_SS_D);
	tb_fini(&p.tb);
}

TEST(VtdPerm, NestedTableRights)
{
	struct tb_env p;
	struct xlate_res r;
	uint64_t gpa_leaf_tbl, ss_e;

	/* FS A/D updates are writes to guest memory: SS marks that page dirty */
	gpa_leaf_tbl = env_nested(&p, VTD_PTE0_SSADE);
	ASSERT_NE(gpa_leaf_tbl, 0);
	r = req(&p, VA, XLATE_WRITE, false);
	ASSERT_EQ(r.status, XLATE_OK);
	EXPECT_EQ(r.pa, 0x9000000);
	ss_e = tb_rd64(&p.tb, tb_entry_pa(&p.tb, &p.ss, gpa_leaf_tbl, 1));
	EXPECT_TRUE(ss_e & VTD_SS_D);
	EXPECT_TRUE(tb_rd64(&p.tb, tb_entry_pa(&p.tb, &p.ss, 1ULL << 40, 1)) & VTD_SS_D);
	tb_fini(&p.tb);

	/* FS leaf table mapped read-only in SS: the A update faults 0x77 */
	gpa_leaf_tbl = env_nested(&p, 0);
	ASSERT_NE(gpa_leaf_tbl, 0);
	tb_map(&p.tb, &p.ss, gpa_leaf_tbl, ref_ss(&p.tb, &p.ss, gpa_leaf_tbl), 12, VTD_SS_R);
	EXPECT_EQ(req(&p, VA, XLATE_READ, false).fault_code, VTD_FR_SM_FS_NESTED_WR);
	/* ... and write-only: the fetch faults 0x76 */
	tb_map(&p.tb, &p.ss, gpa_leaf_tbl, ref_ss(&p.tb, &p.ss, gpa_leaf_tbl), 12, VTD_SS_W);
	/* the FS paging-structure cache holds the old SS result until invalidated */
	tb_qi(&p.tb, VTD_INV_IOTLB | VTD_INV_IOTLB_G_DOMAIN << 4 | 1 << 16, 0);
	EXPECT_EQ(req(&p, VA, XLATE_READ, false).fault_code, VTD_FR_SM_FS_NESTED_RD);
	/* root table not readable: 0x75 */
	tb_map(&p.tb, &p.ss, p.fs.root, p.fs.root_hpa, 12, VTD_SS_W);
	tb_qi(&p.tb, VTD_INV_IOTLB | VTD_INV_IOTLB_G_DOMAIN << 4 | 1 << 16, 0);
	EXPECT_EQ(req(&p, VA + 0x1000, XLATE_READ, false).fault_code, VTD_FR_SM_FSPTR_NESTED_RD);
	tb_fini(&p.tb);
}
