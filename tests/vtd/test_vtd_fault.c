// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every scalable-mode fault reason the model produces, each from a
 * targeted table setup, read back from the fault recording registers;
 * overflow (PFO), PPF, FRI and the fault event interrupt.
 */
#include "simtest.h"
#include "vtd_tb.h"

#define SID 0x0a10
#define DID 3
#define UNBACKED (PMEM_DEVICE_BASE + 0x100000)  /* below 2^39, never mapped */

/* PASID 1 nested FS(4)/SS(4) and PASID 2 SS-only, both DID 3. */
static int env_init(struct tb_env *p, const struct vtd_config *cfg)
{
	uint64_t e[8];

	if (tb_env_init(p, cfg, SID, VTD_SM_CTX_PASIDE, 2, true))
		return -1;
	tb_env_pe(p, VTD_PGTT_NESTED, DID, e);
	e[2] |= VTD_PTE2_SRE | (p->tb.cfg.caps.ers ? VTD_PTE2_ERE : 0);
	tb_pasid_entry(&p->tb, p->dir, 1, e);
	tb_env_pe(p, VTD_PGTT_SS, DID, e);
	tb_pasid_entry(&p->tb, p->dir, 2, e);
	return 0;
}

/*
 * Issue the request; it must fault with code, leave exactly one fault
 * record carrying it, which is then cleared.
 */
static void expect_fault(struct tb_env *p, const struct xlate_req *q0, uint8_t code)
{
	struct xlate_req q = *q0;
	struct xlate_res r;
	unsigned found = 0;

	q.t_issue = p->tb.now;
	r = tb_xlate_req(&p->tb, &q);
	ASSERT_EQ(r.status, XLATE_FAULT);
	ASSERT_EQ(r.fault_code, code);
	EXPECT_TRUE(tb_mmio_rd(&p->tb, VTD_FSTS_REG, 4) & VTD_FSTS_PPF);
	for (unsigned i = 0; i < p->tb.cfg.caps.nfr; i++) {
		uint64_t lo, hi;

		tb_frcd(&p->tb, i, &lo, &hi);
		if (!(hi & VTD_FRCD_F))
			continue;
		found++;
		EXPECT_EQ(VTD_FIELD(hi, 39, 32), code);
		EXPECT_EQ(hi & VTD_FRCD_SID_MASK, q.sid);
		EXPECT_EQ(lo, q.iova & ~0xfffULL);
		EXPECT_EQ(!!(hi & VTD_FRCD_PP), q.has_pasid);
		if (q.has_pasid)
			EXPECT_EQ(VTD_FIELD(hi, 59, 40), q.pasid);
		EXPECT_EQ(!!(hi & VTD_FRCD_T1), !(q.access & XLATE_WRITE));
		/* clear through the upper dword, as drivers do */
		tb_mmio_wr(&p->tb, VTD_FRO_OFFSET + i * 16 + 12, 1u << 31, 4);
	}
	EXPECT_EQ(found, 1);
	EXPECT_FALSE(tb_mmio_rd(&p->tb, VTD_FSTS_REG, 4) & VTD_FSTS_PPF);
}

static struct xlate_req rq(uint16_t sid, int pasid, uint64_t iova, unsigned access)
{
	struct xlate_req q = { .sid = sid, .pasid = pasid < 0 ? 0 : pasid,
			       .has_pasid = pasid >= 0, .access = access, .iova = iova,
			       .len = 4 };
	return q;
}

/* A request from sid (pasid < 0: none) for iova must fault with code. */
static void fault_at(struct tb_env *p, uint16_t sid, int pasid, uint64_t iova,
		     unsigned access, uint8_t code)
{
	struct xlate_req q = rq(sid, pasid, iova, access);

	expect_fault(p, &q, code);
}

/* With PASID entry e written for pasid, a read of iova must fault with code. */
static void pe_fault(struct tb_env *p, uint32_t pasid, const uint64_t e[8], uint64_t iova,
		     uint8_t code)
{
	tb_pasid_entry(&p->tb, p->dir, pasid, e);
	fault_at(p, SID, (int)pasid, iova, XLATE_READ, code);
}

TEST(VtdFault, RootAndContext)
{
	struct tb_env p;
	struct xlate_req q;

	ASSERT_EQ(env_init(&p, NULL), 0);
	/* root entry of bus 0x0b not present */
	fault_at(&p, 0x0b00, -1, 0x1000, XLATE_READ, VTD_FR_SM_ROOT_NP);
	/* root entry reserved bits */
	tb_wr64(&p.tb, p.tb.root + 0x0c * 16, tb_page(&p.tb) | 1 | 0x10);
	fault_at(&p, 0x0c00, -1, 0x1000, XLATE_READ, VTD_FR_SM_ROOT_RSVD);
	/* context table unbacked */
	tb_wr64(&p.tb, p.tb.root + 0x0d * 16, UNBACKED | 1);
	fault_at(&p, 0x0d00, -1, 0x1000, XLATE_READ, VTD_FR_SM_CTX_ACCESS);
	/* context entry not present (devfn 0x11 on the bench's bus) */
	fault_at(&p, SID + 1, -1, 0x1000, XLATE_WRITE, VTD_FR_SM_CTX_NP);
	/* context entry reserved qword */
	tb_context(&p.tb, SID + 2, p.dir, 0, 0, 0);
	tb_wr64(&p.tb, tb_context_pa(&p.tb, SID + 2) + 16, 1);
	fault_at(&p, SID + 2, -1, 0x1000, XLATE_READ, VTD_FR_SM_CTX_RSVD);
	/* PASIDE clear for a request with PASID */
	tb_context(&p.tb, SID + 3, p.dir, 0, 0, 2);
	fault_at(&p, SID + 3, 1, 0x1000, XLATE_READ, VTD_FR_SM_CTX_PASIDE);
	/* PDTS=0: 128 directory entries = PASIDs below 8192 */
	fault_at(&p, SID, 8192, 0x1000, XLATE_READ, VTD_FR_SM_CTX_PASID_MAX);
	/* translated request with DTE=0 */
	q = rq(SID, -1, 0x1000, XLATE_READ);
	q.ats_translated = true;
	expect_fault(&p, &q, VTD_FR_SM_CTX_DTE);
	tb_fini(&p.tb);

	/* root table unbacked */
	ASSERT_EQ(env_init(&p, NULL), 0);
	tb_mmio_wr(&p.tb, VTD_RTADDR_REG, UNBACKED | 1 << 10, 8);
	tb_gcmd(&p.tb, VTD_GCMD_SRTP, 0);
	fault_at(&p, SID, -1, 0x1000, XLATE_READ, VTD_FR_SM_ROOT_ACCESS);
	/* legacy TTM: only scalable mode is modeled */
	tb_mmio_wr(&p.tb, VTD_RTADDR_REG, p.tb.root, 8);
	tb_gcmd(&p.tb, VTD_GCMD_SRTP, 0);
	fault_at(&p, SID, -1, 0x1000, XLATE_READ, VTD_FR_SM_RTA_INVALID);
	tb_fini(&p.tb);
}

TEST(VtdFault, RidPasidBeyondPss)
{
	struct vtd_config cfg;
	struct tb_env p;

	vtd_config_preset(&cfg, VTD_PRESET_SPR);
	cfg.caps.pss = 8;
	ASSERT_EQ(env_init(&p, &cfg), 0);
	tb_context(&p.tb, SID + 4, p.dir, 0, 0, 0x100);
	fault_at(&p, SID + 4, -1, 0x1000, XLATE_READ, VTD_FR_SM_CTX_RID_PASID);
	tb_fini(&p.tb);
}

TEST(VtdFault, PasidDirectoryAndTable)
{
	static const struct {
		unsigned qw;
		uint64_t clear, set;
		uint8_t code;
	} bad_pe[] = {
		/* reserved qword 3 */
		{ 3, 0, 1, VTD_FR_SM_PTE_RSVD },
		/* PGTT 5 is reserved */
		{ 0, VTD_PTE0_PGTT_MASK, 5 << 6, VTD_FR_SM_PTE_INVALID },
		/* AW=1 (39-bit) is not in this preset's SAGAW */
		{ 0, VTD_PTE0_AW_MASK, 1 << 2, VTD_FR_SM_PTE_INVALID },
		/* SSPTPTR beyond the host address width */
		{ 0, 0, 1ULL << 60, VTD_FR_SM_SSPTR_INVALID },
	};
	struct tb_env p;
	struct xlate_req q;
	uint64_t e[8], pe;

	ASSERT_EQ(env_init(&p, NULL), 0);
	/* directory entry for PASIDs 64..127 not present */
	fault_at(&p, SID, 64, 0x1000, XLATE_READ, VTD_FR_SM_PDE_NP);
	/* directory entry reserved bit */
	tb_wr64(&p.tb, p.dir + 2 * 8, tb_page(&p.tb) | 1 | 0x100);
	fault_at(&p, SID, 128, 0x1000, XLATE_READ, VTD_FR_SM_PDE_RSVD);
	/* PASID table unbacked */
	tb_wr64(&p.tb, p.dir + 3 * 8, UNBACKED | 1);
	fault_at(&p, SID, 192, 0x1000, XLATE_READ, VTD_FR_SM_PTE_ACCESS);
	/* PASID entry not present */
	fault_at(&p, SID, 5, 0x1000, XLATE_READ, VTD_FR_SM_PTE_NP);
	/* an SS-only entry with one qword altered, PASIDs 6..9 */
	for (unsigned i = 0; i < sizeof(bad_pe) / sizeof(bad_pe[0]); i++) {
		tb_pe_ss(e, &p.ss, DID);
		e[bad_pe[i].qw] = (e[bad_pe[i].qw] & ~bad_pe[i].clear) | bad_pe[i].set;
		pe_fault(&p, 6 + i, e, 0x1000, bad_pe[i].code);
	}
	/* supervisor request with SRE=0, execute with ERE=0 */
	q = rq(SID, 2, 0x1000, XLATE_READ);
	q.priv = true;
	expect_fault(&p, &q, VTD_FR_SM_PTE_SRE);
	fault_at(&p, SID, 2, 0x1000, XLATE_EXEC, VTD_FR_SM_PTE_ERE);
	/* a PASID entry of a cached context entry changes: still cached */
	pe = tb_pasid_entry_pa(&p.tb, p.dir, 2);
	EXPECT_NE(pe, 0);
	tb_fini(&p.tb);
}

TEST(VtdFault, NestingNotInMinimalPreset)
{
	struct vtd_config cfg;
	struct tb_env p;
	uint64_t e[8];
	struct tb_pt fs5, fs4, ss4;

	vtd_config_preset(&cfg, VTD_PRESET_MINIMAL);
	ASSERT_EQ(env_init(&p, &cfg), 0);
	fault_at(&p, SID, 1, 0x1000, XLATE_READ, VTD_FR_SM_PTE_INVALID);
	/* no 5-level first stage (FLPM=1) */
	tb_pt_init(&p.tb, &fs5, true, 5, NULL);
	tb_pe_fs(e, &fs5, DID);
	pe_fault(&p, 20, e, 0x1000, VTD_FR_SM_PTE_INVALID);
	/* no 1 GiB pages at either stage: PS at level 3 is reserved */
	tb_pt_init(&p.tb, &fs4, true, 4, NULL);
	tb_map(&p.tb, &fs4, 0x40000000, 0x40000000, 30, VTD_FS_P | VTD_FS_US);
	tb_pe_fs(e, &fs4, DID);
	pe_fault(&p, 21, e, 0x40001000, VTD_FR_SM_FS_RSVD);
	tb_pt_init(&p.tb, &ss4, false, 4, NULL);
	tb_map(&p.tb, &ss4, 0x40000000, 0x40000000, 30, VTD_SS_R);
	tb_pe_ss(e, &ss4, DID);
	pe_fault(&p, 22, e, 0x40001000, VTD_FR_SM_SS_RSVD);
	/* 2 MiB is fine; an output address beyond the 39-bit MGAW is not */
	tb_map(&p.tb, &ss4, 0x80000000, 0x7fe00000, 21, VTD_SS_R);
	EXPECT_EQ(tb_xlate(&p.tb, SID, 22, 0x80001000, XLATE_READ).pa, 0x7fe01000);
	tb_map(&p.tb, &ss4, 0x80200000, 1ULL << 40, 21, VTD_SS_R);
	fault_at(&p, SID, 22, 0x80201000, XLATE_READ, VTD_FR_SM_SS_RSVD);
	tb_fini(&p.tb);
}

TEST(VtdFault, FirstStage)
{
	struct tb_env p;
	uint64_t fsva = 0x7f0000000000ULL, pml4;

	ASSERT_EQ(env_init(&p, NULL), 0);
	tb_map(&p.tb, &p.ss, 1ULL << 40, 0x80000000, 30, VTD_SS_R | VTD_SS_W);
	tb_map(&p.tb, &p.fs, fsva, 1ULL << 40, 12, VTD_FS_P | VTD_FS_US);
	/* not present */
	fault_at(&p, SID, 1, fsva + 0x1000, XLATE_READ, VTD_FR_SM_FS_NP);
	/* non-canonical: bit 47 set without the upper bits */
	fault_at(&p, SID, 1, 0x0000800000000000ULL, XLATE_READ, VTD_FR_SM_NON_CANONICAL);
	/* user request to a U/S=0 page, write to a read-only page */
	tb_map(&p.tb, &p.fs, fsva + 0x2000, 1ULL << 40, 12, VTD_FS_P);
	fault_at(&p, SID, 1, fsva + 0x2000, XLATE_READ, VTD_FR_SM_US);
	fault_at(&p, SID, 1, fsva, XLATE_WRITE, VTD_FR_SM_WRITE);
	/* execute request to an XD page */
	tb_map(&p.tb, &p.fs, fsva + 0x4000, 1ULL << 40, 12, VTD_FS_P | VTD_FS_US | VTD_FS_XD);
	fault_at(&p, SID, 1, fsva + 0x4000, XLATE_EXEC | XLATE_READ, VTD_FR_SM_EXEC);
	/* final GPA beyond the 48-bit second stage */
	tb_map(&p.tb, &p.fs, fsva + 0x3000, 1ULL << 49, 12, VTD_FS_P | VTD_FS_US);
	fault_at(&p, SID, 1, fsva + 0x3000, XLATE_READ, VTD_FR_SM_FS_NESTED_AW);
	/* PS in a PML4 entry is reserved */
	pml4 = tb_entry_pa(&p.tb, &p.fs, 0x100000000000ULL, 4);
	tb_wr64(&p.tb, pml4, (1ULL << 40) | VTD_FS_P | VTD_FS_PS | VTD_FS_US);
	fault_at(&p, SID, 1, 0x100000000000ULL, XLATE_READ, VTD_FR_SM_FS_RSVD);
	/* first-stage root table unbacked (FS-only entry, PASID 10) */
	{
		uint64_t e[8];
		struct tb_pt bad = { .fs = true, .levels = 4, .root = UNBACKED };

		tb_pe_fs(e, &bad, DID + 1);
		pe_fault(&p, 10, e, 0x1000, VTD_FR_SM_FSPTR_ACCESS);
		/* a lower FS table unbacked (FS-only, PASID 11) */
		tb_pt_init(&p.tb, &bad, true, 4, NULL);
		tb_wr64(&p.tb, bad.root_hpa, UNBACKED | VTD_FS_P | VTD_FS_RW | VTD_FS_US);
		tb_pe_fs(e, &bad, DID + 1);
		pe_fault(&p, 11, e, 0x1000, VTD_FR_SM_FS_ACCESS);
	}
	tb_fini(&p.tb);
}

/* Nested: the second stage refuses access to first-stage tables. */
TEST(VtdFault, NestedTableAccess)
{
	struct tb_env p;
	uint64_t fsva = 0x7f0000000000ULL, leaf_gpa, root_hpa;
	const uint64_t inv = VTD_INV_IOTLB | VTD_INV_IOTLB_G_DOMAIN << 4 | (uint64_t)DID << 16;

	ASSERT_EQ(env_init(&p, NULL), 0);
	tb_map(&p.tb, &p.ss, 1ULL << 40, 0x80000000, 30, VTD_SS_R | VTD_SS_W);
	tb_map(&p.tb, &p.fs, fsva, 1ULL << 40, 12, VTD_FS_P | VTD_FS_US);
	leaf_gpa = tb_rd64(&p.tb, tb_entry_pa(&p.tb, &p.fs, fsva, 2)) & VTD_FS_ADDR_MASK;
	/* leaf table read-only in SS: setting A in the FS PTE faults 0x77 */
	tb_map(&p.tb, &p.ss, leaf_gpa, ref_ss(&p.tb, &p.ss, leaf_gpa), 12, VTD_SS_R);
	fault_at(&p, SID, 1, fsva, XLATE_READ, VTD_FR_SM_FS_NESTED_WR);
	/* write-only: the fetch itself faults 0x76 */
	tb_map(&p.tb, &p.ss, leaf_gpa, ref_ss(&p.tb, &p.ss, leaf_gpa), 12, VTD_SS_W);
	tb_qi(&p.tb, inv, 0);
	fault_at(&p, SID, 1, fsva, XLATE_READ, VTD_FR_SM_FS_NESTED_RD);
	/* the FS root table: 0x75 */
	root_hpa = p.fs.root_hpa;
	tb_map(&p.tb, &p.ss, p.fs.root, root_hpa, 12, VTD_SS_W);
	tb_qi(&p.tb, inv, 0);
	fault_at(&p, SID, 1, fsva, XLATE_READ, VTD_FR_SM_FSPTR_NESTED_RD);
	/* the FS root GPA not mapped by SS at all: a SS non-present fault */
	tb_wr64(&p.tb, tb_entry_pa(&p.tb, &p.ss, p.fs.root, 1), 0);
	tb_qi(&p.tb, inv, 0);
	fault_at(&p, SID, 1, fsva, XLATE_READ, VTD_FR_SM_SS_NP);
	tb_fini(&p.tb);
}

TEST(VtdFault, SecondStage)
{
	struct tb_env p;
	uint64_t e[8];

	ASSERT_EQ(env_init(&p, NULL), 0);
	tb_map(&p.tb, &p.ss, 0x200000, 0x80000000, 12, VTD_SS_R);
	tb_map(&p.tb, &p.ss, 0x201000, 0x80001000, 12, VTD_SS_W);
	/* requests without PASID use RID_PASID 2: SS-only */
	fault_at(&p, SID, -1, 0x300000, XLATE_READ, VTD_FR_SM_SS_NP);
	fault_at(&p, SID, -1, 0x200000, XLATE_WRITE, VTD_FR_SM_WRITE);
	fault_at(&p, SID, -1, 0x201000, XLATE_READ, VTD_FR_SM_READ);
	fault_at(&p, SID, -1, 1ULL << 48, XLATE_READ, VTD_FR_SM_AW);
	/* PS at level 4 is reserved */
	tb_wr64(&p.tb, tb_entry_pa(&p.tb, &p.ss, 0x8000000000ULL, 4),
		VTD_SS_R | VTD_SS_PS);
	fault_at(&p, SID, -1, 0x8000000000ULL, XLATE_READ, VTD_FR_SM_SS_RSVD);
	/* SS root unbacked */
	{
		struct tb_pt bad = { .fs = false, .levels = 4, .root = UNBACKED };

		tb_pe_ss(e, &bad, DID + 2);
		pe_fault(&p, 12, e, 0x1000, VTD_FR_SM_SS_ACCESS);
	}
	tb_fini(&p.tb);
}

TEST(VtdFault, OverflowPpfFriAndInterrupt)
{
	struct tb_env p;
	struct xlate_req q;
	struct xlate_res r;
	uint32_t fsts;
	uint64_t lo, hi;

	ASSERT_EQ(env_init(&p, NULL), 0);
	ASSERT_EQ(p.tb.cfg.caps.nfr, 8);
	for (unsigned i = 0; i < 8; i++) {
		q = rq(SID, -1, 0x300000 + i * 0x1000, XLATE_READ);
		q.t_issue = p.tb.now;
		r = tb_xlate_req(&p.tb, &q);
		EXPECT_EQ(r.fault_code, VTD_FR_SM_SS_NP);
	}
	/* one interrupt: the first record made PPF pending */
	EXPECT_EQ(p.tb.irqs, 1);
	EXPECT_EQ(p.tb.irq_data[0], TB_FEDATA);
	fsts = tb_mmio_rd(&p.tb, VTD_FSTS_REG, 4);
	EXPECT_EQ(fsts & (VTD_FSTS_PPF | VTD_FSTS_PFO), VTD_FSTS_PPF);
	EXPECT_EQ(VTD_FIELD(fsts, 15, 8), 0);
	for (unsigned i = 0; i < 8; i++) {
		tb_frcd(&p.tb, i, &lo, &hi);
		EXPECT_TRUE(hi & VTD_FRCD_F);
		EXPECT_EQ(lo, 0x300000 + i * 0x1000);
	}
	/* the ninth finds record 0 still full: PFO, nothing recorded */
	q = rq(SID, -1, 0x900000, XLATE_READ);
	q.t_issue = p.tb.now;
	r = tb_xlate_req(&p.tb, &q);
	EXPECT_EQ(r.status, XLATE_FAULT);
	fsts = tb_mmio_rd(&p.tb, VTD_FSTS_REG, 4);
	EXPECT_TRUE(fsts & VTD_FSTS_PFO);
	tb_frcd(&p.tb, 0, &lo, &hi);
	EXPECT_EQ(lo, 0x300000);
	EXPECT_EQ(vtd_get_counters(p.tb.m)->faults_suppressed, 1);
	EXPECT_EQ(p.tb.irqs, 1);        /* status was not all-clear: no event */
	/* clear all records: PPF drops; PFO stays until cleared */
	for (unsigned i = 0; i < 8; i++)
		tb_mmio_wr(&p.tb, VTD_FRO_OFFSET + i * 16 + 8, VTD_FRCD_F, 8);
	fsts = tb_mmio_rd(&p.tb, VTD_FSTS_REG, 4);
	EXPECT_EQ(fsts & (VTD_FSTS_PPF | VTD_FSTS_PFO), VTD_FSTS_PFO);
	q.iova = 0xa00000;
	r = tb_xlate_req(&p.tb, &q);
	EXPECT_EQ(vtd_get_counters(p.tb.m)->faults_suppressed, 2);
	tb_mmio_wr(&p.tb, VTD_FSTS_REG, VTD_FSTS_PFO, 4);
	EXPECT_EQ(tb_mmio_rd(&p.tb, VTD_FSTS_REG, 4) & VTD_FSTS_PFO, 0);
	/* recording resumes at the next index (wrapped to 0); FRI names it */
	q.iova = 0xb00000;
	q.t_issue = p.tb.now;
	r = tb_xlate_req(&p.tb, &q);
	EXPECT_EQ(p.tb.irqs, 2);        /* from all-clear: a new event */
	tb_frcd(&p.tb, 0, &lo, &hi);
	EXPECT_TRUE(hi & VTD_FRCD_F);
	EXPECT_EQ(lo, 0xb00000);
	EXPECT_EQ(VTD_FIELD(tb_mmio_rd(&p.tb, VTD_FSTS_REG, 4), 15, 8), 0);
	tb_mmio_wr(&p.tb, VTD_FRO_OFFSET + 12, 1u << 31, 4);

	/* masked: IP set, no interrupt until IM is cleared */
	tb_mmio_wr(&p.tb, VTD_FECTL_REG, VTD_ECTL_IM, 4);
	p.tb.irqs = 0;
	q.iova = 0xc00000;
	q.t_issue = p.tb.now;
	r = tb_xlate_req(&p.tb, &q);
	EXPECT_EQ(p.tb.irqs, 0);
	EXPECT_TRUE(tb_mmio_rd(&p.tb, VTD_FECTL_REG, 4) & VTD_ECTL_IP);
	tb_mmio_wr(&p.tb, VTD_FECTL_REG, 0, 4);
	EXPECT_EQ(p.tb.irqs, 1);
	EXPECT_FALSE(tb_mmio_rd(&p.tb, VTD_FECTL_REG, 4) & VTD_ECTL_IP);
	tb_fini(&p.tb);
}

TEST(VtdFault, FaultProcessingDisable)
{
	struct tb_env p;
	struct xlate_req q;
	struct xlate_res r;

	ASSERT_EQ(env_init(&p, NULL), 0);
	tb_context(&p.tb, SID + 5, p.dir, 0, VTD_SM_CTX_FPD, 2);
	q = rq(SID + 5, -1, 0x300000, XLATE_READ);
	r = tb_xlate_req(&p.tb, &q);
	EXPECT_EQ(r.status, XLATE_FAULT);
	EXPECT_EQ(r.fault_code, VTD_FR_SM_SS_NP);
	EXPECT_FALSE(tb_mmio_rd(&p.tb, VTD_FSTS_REG, 4) & VTD_FSTS_PPF);
	EXPECT_EQ(p.tb.irqs, 0);
	EXPECT_EQ(vtd_get_counters(p.tb.m)->faults_suppressed, 1);
	tb_fini(&p.tb);
}
