// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stage-1 and stage-2 walks at every granule, starting level, block and
 * page size (concatenated stage-2 starting tables included), checked
 * against the test's reference walker; permissions, access flag, HA/HD.
 */
#include "rng.h"
#include "simtest.h"
#include "smmu_tb.h"

static unsigned lshift(unsigned g, int l)
{
	return g + (unsigned)(3 - l) * (g - 3);
}

static bool block_ok(unsigned g, int l)
{
	return l == 3 || l == 2 || (g == 12 && l == 1);
}

/*
 * Map mappings of every legal leaf level, each level in its own region of
 * the input space, then translate a random address inside each and compare
 * with the reference walker (address, size, and the reference count).
 */
static void check_stage(bool stage2, unsigned g, unsigned ia, int start, bool caches)
{
	struct smmu_config cfg;
	struct tb tb;
	struct tb_pt pt;
	struct rng r;
	int checked = 0;

	smmu_config_preset(&cfg, "full");
	if (!caches)
		tb_config_nocache(&cfg);
	ASSERT_EQ(tb_start(&tb, &cfg), 0);
	tb_pt_init(&tb, &pt, g, ia, start, NULL);
	if (stage2)
		tb_stream_s2(&tb, 3, &pt, 9);
	else
		tb_stream_s1(&tb, 3, &pt, 7);
	rng_seed(&r, 42, g * 100 + ia + start);

	for (int leaf = 1; leaf <= 3; leaf++) {
		unsigned sh = lshift(g, leaf);
		uint64_t region = 1ULL << (ia - 2);

		if (!block_ok(g, leaf) || leaf < start || sh >= ia - 2)
			continue;
		for (int i = 0; i < 6; i++) {
			/* distinct slots: a remap would leave a correct stale TLB entry */
			uint64_t va = (uint64_t)leaf * region % (1ULL << ia) +
				      (rng_below(&r, region >> sh >> 3) << (sh + 3)) +
				      ((uint64_t)i << sh);
			uint64_t oa = rng_below(&r, (1ULL << 40) >> sh) << sh;
			uint64_t off = rng_below(&r, 1ULL << sh) & ~7ULL;
			uint64_t want;
			unsigned refs = 0;
			int ll = -1;
			struct xlate_res res;

			if (leaf == start && ia - sh > g - 3 + 4)
				continue;
			tb_pt_map(&pt, va, oa, leaf, stage2 ? S2_RW : S1_RW);
			want = tb_ref_walk(&pt, va + off, &ll, &refs);
			ASSERT_EQ(want, oa + off);
			ASSERT_EQ(ll, leaf);
			res = tb_xlate(&tb, 3, false, 0, va + off, XLATE_READ, false);
			ASSERT_EQ(res.status, XLATE_OK);
			EXPECT_EQ(res.pa, want);
			EXPECT_EQ(res.page_shift, sh);
			if (!caches) {
				EXPECT_EQ(res.walk_refs, refs);
				EXPECT_EQ(res.walk_refs, leaf - start + 1);
			}
			checked++;
		}
	}
	EXPECT_GT(checked, 0);
	EXPECT_EQ(tb_evt_drain(&tb), 0);
	tb_fini(&tb);
}

TEST(SmmuWalk, S1Granule4KStart0)  { check_stage(false, 12, 48, 0, true); }
TEST(SmmuWalk, S1Granule4KStart1)  { check_stage(false, 12, 39, 1, false); }
TEST(SmmuWalk, S1Granule4KStart0NoCache) { check_stage(false, 12, 48, 0, false); }
TEST(SmmuWalk, S1Granule64KStart1) { check_stage(false, 16, 48, 1, false); }
TEST(SmmuWalk, S1Granule64KStart2) { check_stage(false, 16, 42, 2, true); }
TEST(SmmuWalk, S1Granule16KStart0) { check_stage(false, 14, 48, 0, false); }
TEST(SmmuWalk, S1Granule16KStart1) { check_stage(false, 14, 47, 1, true); }
TEST(SmmuWalk, S2Granule4KStart0)  { check_stage(true, 12, 48, 0, false); }
TEST(SmmuWalk, S2Granule4KStart1)  { check_stage(true, 12, 39, 1, true); }
/* 40-bit IPA from level 1: two concatenated level-1 tables */
TEST(SmmuWalk, S2Granule4KConcat2) { check_stage(true, 12, 40, 1, false); }
/* 34-bit IPA from level 2: sixteen concatenated level-2 tables */
TEST(SmmuWalk, S2Granule4KConcat16) { check_stage(true, 12, 34, 2, false); }
TEST(SmmuWalk, S2Granule64KStart2) { check_stage(true, 16, 42, 2, false); }
/* 46-bit IPA from level 2 with 64K: sixteen concatenated tables */
TEST(SmmuWalk, S2Granule64KConcat16) { check_stage(true, 16, 46, 2, true); }
TEST(SmmuWalk, S2Granule16KStart1) { check_stage(true, 14, 47, 1, false); }

/* S2SL0/S2T0SZ combinations the architecture forbids are C_BAD_STE. */
TEST(SmmuWalk, S2InconsistentStartLevelIsBadSte)
{
	struct tb tb;
	struct tb_pt pt;
	uint64_t ste[8], rec[4];
	struct xlate_res res;

	ASSERT_EQ(tb_start_preset(&tb, "full"), 0);
	/* 4K, 48-bit IPA starting at level 1 would need 512 concatenated tables */
	tb_pt_init(&tb, &pt, 12, 39, 1, NULL);
	ste_init(ste, 6);
	ste_set_s2(ste, &pt, 1, tb_sl0(12, 1));
	ste[2] = (ste[2] & ~(0x3fULL << 32)) | (16ULL << 32);
	tb_set_ste(&tb, 2, ste);
	res = tb_xlate(&tb, 2, false, 0, 0x1000, XLATE_READ, false);
	tb_expect_event(&tb, &res, E_C_BAD_STE, 2, rec);
	tb_fini(&tb);
}

struct perm_case {
	uint64_t attrs;
	bool priv;
	uint8_t access;
	bool ok;
};

/* AP[2:1], PXN/UXN and the implicit PXN of EL0-writable pages (D8.4). */
TEST(SmmuWalk, S1Permissions)
{
	static const struct perm_case cases[] = {
		{ D_AF | D_AP_EL0, false, XLATE_WRITE, true },
		{ D_AF | D_AP_EL0 | D_AP_RO, false, XLATE_WRITE, false },
		{ D_AF | D_AP_EL0 | D_AP_RO, false, XLATE_READ, true },
		{ D_AF, false, XLATE_READ, false },             /* EL1 only */
		{ D_AF, true, XLATE_WRITE, true },
		{ D_AF | D_AP_RO, true, XLATE_WRITE, false },
		{ D_AF | D_UXN, false, XLATE_EXEC, false },
		{ D_AF | D_AP_EL0 | D_AP_RO, false, XLATE_EXEC, true },
		{ D_AF | D_PXN, true, XLATE_EXEC, false },
		{ D_AF | D_UXN, true, XLATE_EXEC, true },
		{ D_AF | D_AP_EL0, true, XLATE_EXEC, false },   /* EL0-writable: PXN */
	};
	struct tb tb;
	struct tb_pt pt;

	ASSERT_EQ(tb_start_preset(&tb, "full"), 0);
	tb_stream_s1_4k(&tb, 1, &pt, 5);
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t va = 0x40000000ULL + i * 0x1000;
		struct xlate_res res;
		uint64_t rec[4];

		tb_pt_map(&pt, va, 0x80000000ULL + i * 0x1000, 3, cases[i].attrs);
		res = tb_xlate(&tb, 1, false, 0, va + 8, cases[i].access, cases[i].priv);
		if (cases[i].ok) {
			EXPECT_EQ(res.status, XLATE_OK);
			EXPECT_EQ(tb_evt_pop(&tb, rec), false);
			continue;
		}
		if (!tb_expect_fault(&tb, &res, E_F_PERMISSION, rec))
			return;
		EXPECT_EQ(rec[2], va + 8);                      /* InputAddr */
		EXPECT_EQ((rec[1] >> 39) & 1, 0);               /* stage 1 */
		EXPECT_EQ((rec[1] >> 40) & 3, 2);               /* CLASS = IN */
		EXPECT_EQ((rec[1] >> 35) & 1, cases[i].access == XLATE_READ ||
					       cases[i].access == XLATE_EXEC); /* RnW */
		EXPECT_EQ((rec[1] >> 34) & 1, cases[i].access == XLATE_EXEC); /* InD */
		EXPECT_EQ((rec[1] >> 33) & 1, cases[i].priv);   /* PnU */
	}
	tb_fini(&tb);
}

/* S2AP and XN at stage 2; the event carries S2=1 and the IPA. */
TEST(SmmuWalk, S2Permissions)
{
	struct tb tb;
	struct tb_pt pt;
	struct xlate_res res;
	uint64_t rec[4];

	ASSERT_EQ(tb_start_s2(&tb, 4, &pt, 3, 12, 40, 1), 0);
	tb_pt_map(&pt, 0x10000, 0x90000, 3, D_AF | D_S2_R);
	tb_pt_map(&pt, 0x20000, 0xa0000, 3, D_AF | D_S2_R | D_S2_W | D_UXN);
	tb_expect_ok(&tb, 4, 0x10010, XLATE_READ, 0x90010);
	res = tb_xlate(&tb, 4, false, 0, 0x10010, XLATE_WRITE, false);
	ASSERT_TRUE(tb_expect_fault(&tb, &res, E_F_PERMISSION, rec));
	EXPECT_EQ((rec[1] >> 39) & 1, 1);
	EXPECT_EQ(rec[3] & 0x000ffffffffff000ULL, 0x10000);   /* IPA */
	res = tb_xlate(&tb, 4, false, 0, 0x20010, XLATE_WRITE, false);
	EXPECT_EQ(res.status, XLATE_OK);
	res = tb_xlate(&tb, 4, false, 0, 0x20010, XLATE_EXEC, false);
	ASSERT_TRUE(tb_expect_fault(&tb, &res, E_F_PERMISSION, rec));
	tb_fini(&tb);
}

/* AF=0: F_ACCESS without HA; with HA the walker sets AF in memory. */
TEST(SmmuWalk, AccessFlagFaultAndHardwareUpdate)
{
	struct tb tb;
	struct tb_pt pt;
	struct xlate_res res;
	uint64_t rec[4], cdpa, dpa, cd[8];

	ASSERT_EQ(tb_start_preset(&tb, "full"), 0);
	cdpa = tb_stream_s1_4k(&tb, 1, &pt, 5);
	tb_pt_map(&pt, 0x5000, 0x7000, 3, D_AP_EL0);    /* AF = 0 */
	dpa = tb_pt_desc_pa(&pt, 0x5000, 3);
	res = tb_xlate(&tb, 1, false, 0, 0x5000, XLATE_READ, false);
	ASSERT_TRUE(tb_expect_fault(&tb, &res, E_F_ACCESS, rec));
	EXPECT_EQ(tb_r64(&tb, dpa) & D_AF, 0);

	/* Same tables, CD with HA: fresh CD through a new stream */
	for (int i = 0; i < 8; i++)
		cd[i] = tb_r64(&tb, cdpa + 8 * i);
	cd[0] |= 1ULL << 43;    /* HA */
	{
		uint64_t cd2 = tb_alloc(&tb, 64, 64), ste[8];

		tb_write_cd(&tb, cd2, cd);
		ste_init(ste, 5);
		ste_set_s1(ste, cd2, 0, 0, 0);
		tb_set_ste(&tb, 2, ste);
	}
	tb_expect_ok(&tb, 2, 0x5008, XLATE_READ, 0x7008);
	EXPECT_NE(tb_r64(&tb, dpa) & D_AF, 0);
	EXPECT_EQ(tb_evt_drain(&tb), 0);
	tb_fini(&tb);
}

/* HD + DBM: a write to a writable-clean page clears AP[2] (dirty). */
TEST(SmmuWalk, DirtyStateHardwareUpdate)
{
	struct tb tb;
	struct tb_pt pt, s2;
	struct xlate_res res;
	uint64_t cdpa, dpa, s2dpa, ste[8];

	ASSERT_EQ(tb_start_preset(&tb, "full"), 0);
	cdpa = tb_stream_s1_4k(&tb, 1, &pt, 5);
	tb_set_bits(&tb, cdpa, 0, 3ULL << 42);     /* HA | HD */
	tb_pt_map(&pt, 0x9000, 0xb000, 3, D_AF | D_AP_EL0 | D_AP_RO | D_DBM);
	dpa = tb_pt_desc_pa(&pt, 0x9000, 3);
	res = tb_xlate(&tb, 1, false, 0, 0x9000, XLATE_READ, false);
	EXPECT_EQ(res.status, XLATE_OK);
	EXPECT_EQ(res.perm & XLATE_WRITE, 0);           /* clean: not yet writable */
	EXPECT_NE(tb_r64(&tb, dpa) & D_AP_RO, 0);
	res = tb_xlate(&tb, 1, false, 0, 0x9000, XLATE_WRITE, false);
	EXPECT_EQ(res.status, XLATE_OK);
	EXPECT_EQ(res.tlb_hit, false);                  /* the write walked again */
	EXPECT_EQ(tb_r64(&tb, dpa) & D_AP_RO, 0);       /* now dirty */
	res = tb_xlate(&tb, 1, false, 0, 0x9000, XLATE_WRITE, false);
	EXPECT_EQ(res.tlb_hit, true);

	/* Stage 2: S2HD sets S2AP[1] */
	tb_pt_init(&tb, &s2, 12, 40, 1, NULL);
	tb_stream_s2(&tb, 2, &s2, 4);
	ste_init(ste, 0);
	for (int i = 0; i < 8; i++)
		ste[i] = tb_r64(&tb, tb_ste_addr(&tb, 2) + 8 * i);
	ste[2] |= 3ULL << 55;   /* S2HD | S2HA */
	tb_set_ste(&tb, 2, ste);
	tb_pt_map(&s2, 0x3000, 0x4000, 3, D_AF | D_S2_R | D_DBM);
	s2dpa = tb_pt_desc_pa(&s2, 0x3000, 3);
	res = tb_xlate(&tb, 2, false, 0, 0x3000, XLATE_WRITE, false);
	EXPECT_EQ(res.status, XLATE_OK);
	EXPECT_NE(tb_r64(&tb, s2dpa) & D_S2_W, 0);
	tb_fini(&tb);
}

/* Output beyond the IPS, and a descriptor read that aborts. */
TEST(SmmuWalk, AddressSizeAndExternalAbort)
{
	struct tb tb;
	struct tb_pt pt;
	struct xlate_res res;
	uint64_t rec[4], cdpa, dpa;

	ASSERT_EQ(tb_start_preset(&tb, "full"), 0);
	cdpa = tb_stream_s1_4k(&tb, 1, &pt, 5);
	tb_set_bits(&tb, cdpa, 7ULL << 32, 2ULL << 32);         /* IPS 40 */
	tb_pt_map(&pt, 0x1000, 1ULL << 41, 3, S1_RW);   /* beyond 40 bits */
	res = tb_xlate(&tb, 1, false, 0, 0x1000, XLATE_READ, false);
	ASSERT_TRUE(tb_expect_fault(&tb, &res, E_F_ADDR_SIZE, rec));

	/* A level-2 table pointer into unbacked memory */
	tb_pt_map(&pt, 0x40000000ULL, 0x2000, 3, S1_RW);
	dpa = tb_pt_desc_pa(&pt, 0x40000000ULL, 2);
	tb_w64(&tb, dpa, 0x0000007f00000000ULL | 3);    /* no memory there */
	res = tb_xlate(&tb, 1, false, 0, 0x40000000ULL, XLATE_READ, false);
	ASSERT_TRUE(tb_expect_fault(&tb, &res, E_F_WALK_EABT, rec));
	EXPECT_EQ((rec[1] >> 40) & 3, 1);               /* CLASS = TT */
	EXPECT_EQ(rec[3] & 0x000ffffffffffff8ULL, 0x0000007f00000000ULL); /* FetchAddr */
	EXPECT_EQ(rec[2], 0x40000000ULL);

	/* Unmapped: translation fault */
	res = tb_xlate(&tb, 1, false, 0, 0x7000000000ULL, XLATE_READ, false);
	ASSERT_TRUE(tb_expect_fault(&tb, &res, E_F_TRANSLATION, rec));
	EXPECT_EQ(rec[2], 0x7000000000ULL);
	tb_fini(&tb);
}

/* A read of iova by stream 4 faults with event id, recorded with S2=1 (in rec). */
static bool expect_s2_read_fault(struct tb *tb, uint64_t iova, unsigned id, uint64_t rec[4])
{
	struct xlate_res res = tb_xlate(tb, 4, false, 0, iova, XLATE_READ, false);

	if (!tb_expect_fault(tb, &res, id, rec))
		return false;
	if (!((rec[1] >> 39) & 1))
		ADD_FAILURE("event 0x%x at 0x%llx: S2 = 0", id, (unsigned long long)iova);
	return true;
}

/* Stage 2 access flag and output address size, with S2=1 in the event. */
TEST(SmmuWalk, S2AccessFlagAndAddressSize)
{
	struct tb tb;
	struct tb_pt pt;
	uint64_t rec[4];

	ASSERT_EQ(tb_start_s2(&tb, 4, &pt, 3, 16, 42, 2), 0);
	/* S2PS = 40 bits */
	tb_set_bits(&tb, tb_ste_addr(&tb, 4) + 16, 7ULL << 48, 2ULL << 48);
	tb_pt_map(&pt, 0x10000, 0x90000, 3, D_S2_R);            /* AF = 0 */
	tb_pt_map(&pt, 0x20000, 1ULL << 45, 3, S2_RW);          /* beyond S2PS */
	ASSERT_TRUE(expect_s2_read_fault(&tb, 0x10010, E_F_ACCESS, rec));
	ASSERT_TRUE(expect_s2_read_fault(&tb, 0x20010, E_F_ADDR_SIZE, rec));
	EXPECT_EQ(rec[3] & 0x000ffffffffff000ULL, 0x20000);
	/* IPA beyond S2T0SZ: translation fault at stage 2 */
	ASSERT_TRUE(expect_s2_read_fault(&tb, 1ULL << 42, E_F_TRANSLATION, rec));
	tb_fini(&tb);
}
