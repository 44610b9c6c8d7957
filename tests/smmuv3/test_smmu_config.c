// SPDX-License-Identifier: GPL-2.0-only
/*
 * Configuration: linear and 2-level stream tables, STE Config values,
 * substreams through linear and 2-level CD tables, S1DSS, and every
 * configuration event (C_BAD_STREAMID, F_STE_FETCH, C_BAD_STE,
 * C_BAD_SUBSTREAMID, F_STREAM_DISABLED, C_BAD_CD, F_CD_FETCH).
 */
#include "simtest.h"
#include "smmu_tb.h"

#define UNBACKED 0x0000007f00000000ULL

static int setup(struct tb *tb, bool st_2lvl)
{
	if (tb_init_preset(tb, "full"))
		return -1;
	tb_enable(tb, st_2lvl, st_2lvl ? 16 : 6, 6, 6);
	return 0;
}

/* setup, and a stage-1 stream sid (ASID 1) whose page 0x1000 maps to 0x2000 */
static int setup_stream(struct tb *tb, bool st_2lvl, struct tb_pt *pt, uint32_t sid)
{
	if (setup(tb, st_2lvl))
		return -1;
	tb_stream_s1_4k(tb, sid, pt, 1);
	tb_pt_map(pt, 0x1000, 0x2000, 3, S1_RW);
	return 0;
}

/* A stage-1 STE (Config 0b101) for sid with the fields of ste_set_s1. */
static void set_s1_ste(struct tb *tb, uint32_t sid, uint64_t ctxptr, unsigned cdmax,
		       unsigned fmt, unsigned dss)
{
	uint64_t ste[8];

	ste_init(ste, 5);
	ste_set_s1(ste, ctxptr, cdmax, fmt, dss);
	tb_set_ste(tb, sid, ste);
}

/* An STE of Config config alone (no stage fields) for sid. */
static void set_bare_ste(struct tb *tb, uint32_t sid, unsigned config)
{
	uint64_t ste[8];

	ste_init(ste, config);
	tb_set_ste(tb, sid, ste);
}


TEST(SmmuConfig, LinearStreamTable)
{
	struct tb tb;
	struct tb_pt pt;
	struct xlate_res res;
	uint64_t rec[4];

	ASSERT_EQ(setup_stream(&tb, false, &pt, 63), 0);
	tb_expect_ok(&tb, 63, 0x1004, XLATE_READ, 0x2004);
	/* LOG2SIZE = 6: StreamID 64 is out of range */
	res = tb_xlate(&tb, 64, false, 0, 0x1004, XLATE_READ, false);
	tb_expect_event(&tb, &res, E_C_BAD_STREAMID, 64, rec);
	/* V = 0 */
	res = tb_xlate(&tb, 7, false, 0, 0x1004, XLATE_READ, false);
	tb_expect_event(&tb, &res, E_C_BAD_STE, 7, rec);
	/* Config 0b001 is reserved */
	set_bare_ste(&tb, 8, 1);
	res = tb_xlate(&tb, 8, false, 0, 0x1004, XLATE_READ, false);
	tb_expect_event(&tb, &res, E_C_BAD_STE, 8, rec);
	/* Abort: terminated, no event */
	set_bare_ste(&tb, 9, 0);
	res = tb_xlate(&tb, 9, false, 0, 0x1004, XLATE_READ, false);
	EXPECT_EQ(res.status, XLATE_FAULT);
	EXPECT_FALSE(tb_evt_pop(&tb, rec));
	/* Bypass */
	set_bare_ste(&tb, 10, 4);
	tb_expect_ok(&tb, 10, 0xabcdef, XLATE_WRITE, 0xabcdef);
	/* Bypass of an address beyond the OAS (48 bits): an address size fault
	 * (fuzz/regress/tables/smmu-bypass-pa-beyond-oas) */
	res = tb_xlate(&tb, 10, false, 0, 1ULL << 48, XLATE_READ, false);
	tb_expect_event(&tb, &res, E_F_ADDR_SIZE, 10, rec);
	/* Bypass with a SubstreamID */
	res = tb_xlate(&tb, 10, true, 3, 0xabcdef, XLATE_WRITE, false);
	tb_expect_event(&tb, &res, E_C_BAD_SUBSTREAMID, 10, rec);
	EXPECT_EQ((rec[0] >> 11) & 1, 1);               /* SSV */
	EXPECT_EQ((rec[0] >> 12) & 0xfffff, 3);         /* SubstreamID */
	tb_fini(&tb);
}

TEST(SmmuConfig, TwoLevelStreamTable)
{
	struct tb tb;
	struct tb_pt pt;
	struct xlate_res res;
	uint64_t rec[4];

	ASSERT_EQ(setup_stream(&tb, true, &pt, 0x1234), 0);
	res = tb_expect_ok(&tb, 0x1234, 0x1010, XLATE_READ, 0x2010);
	EXPECT_EQ(res.cfg_refs, 1 + 1 + 1);     /* L1STD, STE, CD */
	/* An L1 descriptor with Span 0 */
	res = tb_xlate(&tb, 0x2234, false, 0, 0x1010, XLATE_READ, false);
	tb_expect_event(&tb, &res, E_C_BAD_STREAMID, 0x2234, rec);
	/* Span 2: an L2 table of 2 STEs; StreamID index 5 lies beyond it */
	tb_w64(&tb, tb.strtab + 8 * 0x30, tb_alloc(&tb, 128, 128) | 2);
	res = tb_xlate(&tb, 0x3005, false, 0, 0x1010, XLATE_READ, false);
	tb_expect_event(&tb, &res, E_C_BAD_STREAMID, 0x3005, rec);
	/* L2Ptr into unbacked memory: F_STE_FETCH with the fetch address */
	tb_w64(&tb, tb.strtab + 8 * 0x40, UNBACKED | 9);
	res = tb_xlate(&tb, 0x4003, false, 0, 0x1010, XLATE_READ, false);
	tb_expect_event(&tb, &res, E_F_STE_FETCH, 0x4003, rec);
	EXPECT_EQ(rec[3] & 0x000ffffffffffff8ULL, UNBACKED + 3 * 64);
	tb_fini(&tb);
}

/* Substreams: linear and 2-level CD tables, S1CDMax, S1DSS. */
TEST(SmmuConfig, SubstreamsAndCdTables)
{
	struct tb tb;
	struct tb_pt pt0, pt1;
	struct xlate_res res;
	uint64_t rec[4], cd[8], cdtab, l1, l2;

	ASSERT_EQ(setup(&tb, false), 0);
	tb_pt_init(&tb, &pt0, 12, 48, 0, NULL);
	tb_pt_init(&tb, &pt1, 16, 42, 2, NULL);
	tb_pt_map(&pt0, 0x4000, 0x10000, 3, S1_RW);
	tb_pt_map(&pt1, 0x4000, 0x20000, 3, S1_RW);     /* 64K page at 0 */

	/* Linear CD table of 4 (S1CDMax 2); DSS = SSID0 */
	cdtab = tb_alloc(&tb, 4 * 64, 256);
	cd_init(cd, &pt0, 1);
	tb_write_cd(&tb, cdtab, cd);
	cd_init(cd, &pt1, 2);
	tb_write_cd(&tb, cdtab + 3 * 64, cd);
	set_s1_ste(&tb, 1, cdtab, 2, 0, 2);
	res = tb_xlate(&tb, 1, false, 0, 0x4008, XLATE_READ, false);    /* CD 0 */
	EXPECT_EQ(res.pa, 0x10008);
	res = tb_xlate(&tb, 1, true, 3, 0x4008, XLATE_READ, false);
	EXPECT_EQ(res.pa, 0x24008);
	/* With S1DSS=SSID0, substream 0 itself is reserved */
	res = tb_xlate(&tb, 1, true, 0, 0x4008, XLATE_READ, false);
	tb_expect_event(&tb, &res, E_C_BAD_SUBSTREAMID, 1, rec);
	res = tb_xlate(&tb, 1, true, 4, 0x4008, XLATE_READ, false);     /* >= 2^2 */
	tb_expect_event(&tb, &res, E_C_BAD_SUBSTREAMID, 1, rec);
	/* CD 2 is invalid */
	res = tb_xlate(&tb, 1, true, 2, 0x4008, XLATE_READ, false);
	tb_expect_event(&tb, &res, E_C_BAD_CD, 1, rec);
	EXPECT_EQ((rec[0] >> 12) & 0xfffff, 2);

	/* S1DSS terminate: no-substream traffic is F_STREAM_DISABLED */
	set_s1_ste(&tb, 2, cdtab, 2, 0, 0);
	res = tb_xlate(&tb, 2, false, 0, 0x4008, XLATE_READ, false);
	tb_expect_event(&tb, &res, E_F_STREAM_DISABLED, 2, rec);
	/* S1DSS bypass: stage 1 skipped for it */
	set_s1_ste(&tb, 3, cdtab, 2, 0, 1);
	tb_expect_ok(&tb, 3, 0x4008, XLATE_READ, 0x4008);
	/* A single CD (S1CDMax 0) with a substream */
	tb_stream_s1(&tb, 4, &pt0, 3);
	res = tb_xlate(&tb, 4, true, 1, 0x4008, XLATE_READ, false);
	tb_expect_event(&tb, &res, E_C_BAD_SUBSTREAMID, 4, rec);

	/* 2-level CD table, 1024-CD leaves (S1Fmt 2): SSID 1500 = L1 1, index 476 */
	l1 = tb_alloc(&tb, 8 * 4, 64);
	l2 = tb_alloc(&tb, 64 * 1024, 4096);
	tb_w64(&tb, l1 + 8, l2 | 1);
	cd_init(cd, &pt1, 9);
	tb_write_cd(&tb, l2 + 476 * 64, cd);
	set_s1_ste(&tb, 5, l1, 12, 2, 0);
	res = tb_xlate(&tb, 5, true, 1500, 0x4008, XLATE_READ, false);
	EXPECT_EQ(res.status, XLATE_OK);
	EXPECT_EQ(res.pa, 0x24008);
	EXPECT_EQ(res.cfg_refs, 1 + 2);         /* STE, L1CD, CD */
	/* L1 entry 0 is invalid: C_BAD_SUBSTREAMID */
	res = tb_xlate(&tb, 5, true, 7, 0x4008, XLATE_READ, false);
	tb_expect_event(&tb, &res, E_C_BAD_SUBSTREAMID, 5, rec);

	/* CD table in unbacked memory: F_CD_FETCH */
	set_s1_ste(&tb, 6, UNBACKED, 0, 0, 0);
	res = tb_xlate(&tb, 6, false, 0, 0x4008, XLATE_READ, false);
	tb_expect_event(&tb, &res, E_F_CD_FETCH, 6, rec);
	EXPECT_EQ(rec[3] & 0x000ffffffffffff8ULL, UNBACKED);
	tb_fini(&tb);
}

/* Illegal CD contents are C_BAD_CD, never a crash. */
TEST(SmmuConfig, IllegalCdFields)
{
	struct tb tb;
	struct tb_pt pt;
	struct xlate_res res;
	uint64_t rec[4], cdpa, good;
	static const uint64_t bad_bits[][2] = {
		{ 0x3fULL, 8 },                 /* T0SZ 8: below 16 */
		{ 3ULL << 6, 3ULL << 6 },       /* TG0 reserved */
		{ 1ULL << 41, 0 },              /* AA64 = 0 */
		{ 1ULL << 15, 1ULL << 15 },     /* big-endian tables */
	};

	ASSERT_EQ(setup(&tb, false), 0);
	tb_pt_init(&tb, &pt, 12, 48, 0, NULL);
	tb_pt_map(&pt, 0x1000, 0x2000, 3, S1_RW);
	for (unsigned i = 0; i < sizeof(bad_bits) / sizeof(bad_bits[0]); i++) {
		cdpa = tb_stream_s1(&tb, 20 + i, &pt, 1);
		good = tb_r64(&tb, cdpa);
		tb_w64(&tb, cdpa, (good & ~bad_bits[i][0]) | bad_bits[i][1]);
		res = tb_xlate(&tb, 20 + i, false, 0, 0x1000, XLATE_READ, false);
		tb_expect_event(&tb, &res, E_C_BAD_CD, 20 + i, rec);
	}
	tb_fini(&tb);
}

/* ATS: translated requests need STE.EATS; the ATC answers repeat requests. */
TEST(SmmuConfig, AtsTranslatedRequestsAndAtc)
{
	struct tb tb;
	struct tb_pt pt;
	struct xlate_req req = { 0 };
	struct xlate_res res;
	uint64_t rec[4];

	ASSERT_EQ(setup_stream(&tb, false, &pt, 1), 0);
	tb_wr32(&tb, R_CR0, CR0_CMDQEN | CR0_EVTQEN | CR0_SMMUEN | CR0_ATSCHK);
	req.sid = 1;
	req.iova = 0x5000;
	req.access = XLATE_READ;
	req.ats_translated = true;
	iommu_translate(tb.m, &req, &res);
	tb_expect_event(&tb, &res, E_F_BAD_ATS_TREQ, 1, rec);
	tb_set_bits(&tb, tb_ste_addr(&tb, 1) + 8, 0, 1ULL << 28);  /* EATS trans */
	tb_cmd(&tb, OP_CFGI_STE | 1ULL << 32, 0);
	iommu_translate(tb.m, &req, &res);
	EXPECT_EQ(res.status, XLATE_OK);
	EXPECT_EQ(res.pa, 0x5000);
	/* An untranslated request fills the ATC; the next one hits it */
	res = tb_xlate(&tb, 1, false, 0, 0x1008, XLATE_READ, false);
	EXPECT_FALSE(res.tlb_hit);
	res = tb_xlate(&tb, 1, false, 0, 0x1010, XLATE_READ, false);
	EXPECT_TRUE(res.tlb_hit);
	EXPECT_EQ(res.pa, 0x2010);
	/* Remap without ATC_INV: the ATC still answers with the old page */
	tb_pt_map(&pt, 0x1000, 0x3000, 3, S1_RW);
	tb_cmd(&tb, OP_TLBI_NH_ALL, 0);
	res = tb_xlate(&tb, 1, false, 0, 0x1010, XLATE_READ, false);
	EXPECT_EQ(res.pa, 0x2010);
	/* ATC_INV for SID 1, 4K at 0x1000 */
	tb_cmd(&tb, OP_ATC_INV | 1ULL << 32, 0x1000);
	res = tb_xlate(&tb, 1, false, 0, 0x1010, XLATE_READ, false);
	EXPECT_EQ(res.pa, 0x3010);
	tb_fini(&tb);
}

/* 2-level CD table with 4K leaves (S1Fmt 1: 64 CDs each). */
TEST(SmmuConfig, TwoLevelCdTableFourKLeaves)
{
	struct tb tb;
	struct tb_pt pt;
	struct xlate_res res;
	uint64_t cd[8], l1, l2;

	ASSERT_EQ(setup(&tb, false), 0);
	tb_pt_init(&tb, &pt, 12, 48, 0, NULL);
	tb_pt_map(&pt, 0x4000, 0x9000, 3, S1_RW);
	l1 = tb_alloc(&tb, 8 * 16, 128);
	l2 = tb_alloc(&tb, 4096, 4096);
	tb_w64(&tb, l1 + 8 * 3, l2 | 1);        /* SSIDs 192..255 */
	cd_init(cd, &pt, 4);
	tb_write_cd(&tb, l2 + 5 * 64, cd);      /* SSID 197 */
	set_s1_ste(&tb, 3, l1, 10, 1, 0);
	res = tb_xlate(&tb, 3, true, 197, 0x4010, XLATE_READ, false);
	EXPECT_EQ(res.status, XLATE_OK);
	EXPECT_EQ(res.pa, 0x9010);
	res = tb_xlate(&tb, 3, true, 198, 0x4010, XLATE_READ, false);
	EXPECT_EQ(res.fault_code, E_C_BAD_CD);
	tb_fini(&tb);
}
