// SPDX-License-Identifier: GPL-2.0-only
/*
 * Nested (stage 1 + stage 2) translation: the CD fetch, every stage-1 table
 * address and the stage-1 output go through stage 2. With every cache off a
 * 4-level/4-level walk makes (4 + 1) * 4 + 4 = 24 table references; the STE
 * (1) and CD (1, plus a 4-reference stage-2 walk of its IPA) are counted
 * apart as configuration references.
 */
#include <stdio.h>

#include "simtest.h"
#include "smmu_tb.h"

struct nest {
	struct tb tb;
	struct tb_pt s1, s2;
};

#define DATA_IPA 0x80000000ULL
#define DATA_PA  (PMEM_DEVICE_BASE + 0x3000000ULL)

static int nest_setup(struct nest *n, bool caches)
{
	struct smmu_config cfg;

	smmu_config_preset(&cfg, "full");
	if (!caches)
		tb_config_nocache(&cfg);
	if (tb_start(&n->tb, &cfg))
		return -1;
	tb_pt_init(&n->tb, &n->s2, 12, 48, 0, NULL);
	tb_pt_init(&n->tb, &n->s1, 12, 48, 0, &n->s2);
	tb_stream_nested(&n->tb, 5, &n->s1, &n->s2, 11, 22);
	/* 16 data pages: VA 0x7f0000000000 + i*4K -> IPA -> PA */
	for (int i = 0; i < 16; i++) {
		tb_pt_map(&n->s1, 0x7f0000000000ULL + i * 0x1000ULL, DATA_IPA + i * 0x1000ULL, 3,
			  S1_RW);
		tb_pt_map(&n->s2, DATA_IPA + i * 0x1000ULL, DATA_PA + i * 0x1000ULL, 3, S2_RW);
	}
	return 0;
}

TEST(SmmuNested, TwentyFourReferencesWithCachesOff)
{
	struct nest n;
	struct xlate_res res;
	unsigned refs = 0;
	int leaf;
	uint64_t want, ipa;

	ASSERT_EQ(nest_setup(&n, false), 0);
	/* Reference: stage-1 walk over IPA tables, then stage 2 of its output */
	ipa = tb_ref_walk(&n.s1, 0x7f0000003123ULL, &leaf, &refs);
	ASSERT_EQ(ipa, DATA_IPA + 0x3123);
	ASSERT_EQ(refs, 20u);
	want = tb_ref_walk(&n.s2, ipa, &leaf, &refs);
	ASSERT_EQ(refs, 24u);
	res = tb_xlate(&n.tb, 5, false, 0, 0x7f0000003123ULL, XLATE_READ, false);
	ASSERT_EQ(res.status, XLATE_OK);
	EXPECT_EQ(res.pa, want);
	EXPECT_EQ(res.pa, DATA_PA + 0x3123);
	EXPECT_EQ(res.walk_refs, 24);
	EXPECT_EQ(res.cfg_refs, 1 + 4 + 1);    /* STE; S2 walk of the CD IPA; CD */
	EXPECT_EQ(tb_stat(&n.tb, "cfg.ste.refs"), 1);
	EXPECT_EQ(tb_stat(&n.tb, "cfg.cd.refs"), 1);
	EXPECT_EQ(tb_stat(&n.tb, "cfg.cd.s2_refs"), 4);
	for (int l = 0; l < 4; l++) {
		char name[40];

		snprintf(name, sizeof(name), "walk.s1.level%d.refs", l);
		EXPECT_EQ(tb_stat(&n.tb, name), 1);
		/* each stage-2 level: 4 stage-1 tables + output + CD */
		snprintf(name, sizeof(name), "walk.s2.level%d.refs", l);
		EXPECT_EQ(tb_stat(&n.tb, name), 6);
	}
	/* No caches: the same request, after the first completed, costs the
	 * same again (an overlapping one would merge with the walk in flight) */
	n.tb.now = res.t_done;
	res = tb_xlate(&n.tb, 5, false, 0, 0x7f0000003123ULL, XLATE_READ, false);
	EXPECT_EQ(res.walk_refs, 24);
	EXPECT_EQ(res.cfg_refs, 6);
	EXPECT_FALSE(res.tlb_hit);
	tb_fini(&n.tb);
}

TEST(SmmuNested, CachesCutTheWalk)
{
	struct nest n;
	struct xlate_res res;

	ASSERT_EQ(nest_setup(&n, true), 0);
	res = tb_xlate(&n.tb, 5, false, 0, 0x7f0000000010ULL, XLATE_READ, false);
	ASSERT_EQ(res.status, XLATE_OK);
	/*
	 * The CD's stage-2 walk (4 refs, IPA 1 GiB + x) leaves level-0..2
	 * stage-2 table entries in the walk cache. Stage-1 tables sit in the
	 * same 2 MiB of IPA: each costs 1 stage-2 read + 1 stage-1 read (8).
	 * The output IPA (2 GiB) shares only the level-0 entry: 3 reads.
	 */
	EXPECT_EQ(res.walk_refs, 4 * 2 + 3);
	EXPECT_EQ(res.cfg_refs, 6);
	/* Same page: TLB hit, configuration from the STE/CD caches */
	res = tb_xlate(&n.tb, 5, false, 0, 0x7f0000000020ULL, XLATE_READ, false);
	EXPECT_TRUE(res.tlb_hit);
	EXPECT_EQ(res.walk_refs, 0);
	EXPECT_EQ(res.cfg_refs, 0);
	EXPECT_EQ(res.pa, DATA_PA + 0x20);
	/* Next page: stage-1 walk cache gives the level-3 table (already a PA),
	 * stage-2 walk cache the output's level-3 table: one read each */
	res = tb_xlate(&n.tb, 5, false, 0, 0x7f0000001010ULL, XLATE_READ, false);
	EXPECT_FALSE(res.tlb_hit);
	EXPECT_EQ(res.walk_refs, 2);
	EXPECT_EQ(res.pa, DATA_PA + 0x1010);
	tb_fini(&n.tb);
}

/*
 * A stage-2 translation fault of a read of iova: the record says S2, the
 * CLASS, and the IPA (its page) that missed.
 */
static void expect_s2_read_fault(struct nest *n, uint64_t iova, unsigned class, uint64_t ipa)
{
	struct xlate_res res = tb_xlate(&n->tb, 5, false, 0, iova, XLATE_READ, false);
	uint64_t rec[4];

	if (!tb_expect_fault(&n->tb, &res, E_F_TRANSLATION, rec))
		return;
	EXPECT_EQ((rec[1] >> 39) & 1, 1);               /* S2 */
	EXPECT_EQ((rec[1] >> 40) & 3, class);
	EXPECT_EQ(rec[3] & 0x000ffffffffff000ULL, ipa);
	if (class == 1)
		EXPECT_EQ((rec[1] >> 44) & 1, 1);       /* TTRnW: a read */
}

/* Stage-2 faults on each leg of the nested walk: CLASS and IPA say where. */
TEST(SmmuNested, StageTwoFaultClasses)
{
	struct nest n;
	struct xlate_res res;
	uint64_t rec[4], s1_l3_ipa, cd_ipa, dpa;

	ASSERT_EQ(nest_setup(&n, false), 0);
	/* IN: the stage-1 output IPA is not mapped at stage 2 */
	tb_pt_map(&n.s1, 0x7f0000100000ULL, 0xc0000000ULL, 3, S1_RW);
	res = tb_xlate(&n.tb, 5, false, 0, 0x7f0000100040ULL, XLATE_WRITE, false);
	EXPECT_EQ(res.fault_code, E_F_TRANSLATION);
	ASSERT_TRUE(tb_evt_pop(&n.tb, rec));
	EXPECT_EQ(rec[0] & 0xff, E_F_TRANSLATION);
	EXPECT_EQ((rec[1] >> 39) & 1, 1);               /* S2 */
	EXPECT_EQ((rec[1] >> 40) & 3, 2);               /* CLASS IN */
	EXPECT_EQ((rec[1] >> 35) & 1, 0);               /* a write */
	EXPECT_EQ(rec[2], 0x7f0000100040ULL);
	EXPECT_EQ(rec[3] & 0x000ffffffffff000ULL, 0xc0000000ULL);

	/* TT: a stage-1 table's IPA loses its stage-2 mapping */
	dpa = tb_pt_desc_pa(&n.s1, 0x7f0000000000ULL, 2);       /* PA of L2 descriptor */
	s1_l3_ipa = tb_r64(&n.tb, dpa) & 0x0000fffffffff000ULL;
	tb_w64(&n.tb, tb_pt_desc_pa(&n.s2, s1_l3_ipa, 3), 0);
	expect_s2_read_fault(&n, 0x7f0000000000ULL, 1 /* CLASS TT */, s1_l3_ipa);

	/* CD: the CD's IPA unmapped at stage 2 */
	cd_ipa = tb_r64(&n.tb, tb_ste_addr(&n.tb, 5)) & 0x000fffffffffffc0ULL;
	tb_w64(&n.tb, tb_pt_desc_pa(&n.s2, cd_ipa, 3), 0);
	expect_s2_read_fault(&n, 0x7f0000002000ULL, 0 /* CLASS CD */, cd_ipa & ~0xfffULL);
	tb_fini(&n.tb);
}

/* Stage-2 output permissions restrict the combined translation. */
TEST(SmmuNested, CombinedPermissionsAndSizes)
{
	struct nest n;
	struct xlate_res res;

	ASSERT_EQ(nest_setup(&n, true), 0);
	/* stage 1: a 2 MiB block; stage 2: 4K pages, the second read-only */
	tb_pt_map(&n.s1, 0x7e0000000000ULL, 0x40000000ULL, 2, S1_RW);
	tb_pt_map(&n.s2, 0x40000000ULL, DATA_PA + 0x100000, 3, S2_RW);
	tb_pt_map(&n.s2, 0x40001000ULL, DATA_PA + 0x200000, 3, D_AF | D_S2_R);
	res = tb_xlate(&n.tb, 5, false, 0, 0x7e0000000008ULL, XLATE_WRITE, false);
	ASSERT_EQ(res.status, XLATE_OK);
	EXPECT_EQ(res.pa, DATA_PA + 0x100008);
	EXPECT_EQ(res.page_shift, 12);          /* the smaller of 2M and 4K */
	res = tb_xlate(&n.tb, 5, false, 0, 0x7e0000001008ULL, XLATE_READ, false);
	ASSERT_EQ(res.status, XLATE_OK);
	EXPECT_EQ(res.pa, DATA_PA + 0x200008);
	EXPECT_EQ(res.perm & XLATE_WRITE, 0);
	res = tb_xlate(&n.tb, 5, false, 0, 0x7e0000001008ULL, XLATE_WRITE, false);
	EXPECT_EQ(res.fault_code, E_F_PERMISSION);
	tb_fini(&n.tb);
}
