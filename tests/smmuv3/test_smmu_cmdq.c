// SPDX-License-Identifier: GPL-2.0-only
/*
 * Command queue: every invalidation leaves stale state in use until the
 * matching command is consumed (no back door), and only the entries its
 * scope names go; CERROR_ILL/ABT stop the queue until GERRORN; CMD_SYNC
 * completion by MSI write, SEV, or a polled CONS.
 */
#include "simtest.h"
#include "smmu_tb.h"

#define VA      0x200000ULL
#define PA_OLD  0x10000000ULL
#define PA_NEW  0x20000000ULL

static uint64_t tlbi_va(unsigned op, unsigned vmid, unsigned asid)
{
	return op | (uint64_t)vmid << 32 | (uint64_t)asid << 48;
}

/* The SMMU on, and stream 1 (ASID 5, VMID 0) at stage 1 over pt. */
static int setup(struct tb *tb, struct tb_pt *pt)
{
	if (tb_start_preset(tb, "full"))
		return -1;
	tb_stream_s1_4k(tb, 1, pt, 5);
	return 0;
}

static uint64_t pa_of(struct tb *tb, uint32_t sid, uint64_t va)
{
	struct xlate_res r = tb_xlate(tb, sid, false, 0, va, XLATE_READ, false);

	return r.status == XLATE_OK ? r.pa : ~0ULL;
}

/* A command, and where a read of the test's address goes once it is consumed. */
struct cmd_step {
	uint64_t c0, c1;
	uint64_t want;
};

static void expect_steps(struct tb *tb, uint32_t sid, uint64_t va, const struct cmd_step *s,
			 unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		uint64_t pa;

		tb_cmd(tb, s[i].c0, s[i].c1);
		pa = pa_of(tb, sid, va);
		if (pa != s[i].want)
			ADD_FAILURE("step %u (command 0x%llx 0x%llx): sid %u va 0x%llx -> 0x%llx, "
				    "expected 0x%llx", i, (unsigned long long)s[i].c0,
				    (unsigned long long)s[i].c1, sid, (unsigned long long)va,
				    (unsigned long long)pa, (unsigned long long)s[i].want);
	}
}

#define NSTEPS(a) (sizeof(a) / sizeof((a)[0]))

/* Map VA -> PA_OLD on sid 1 (ASID 5, VMID 0), warm the TLB, remap to PA_NEW. */
static void stale_s1(struct tb *tb, struct tb_pt *pt)
{
	tb_pt_map(pt, VA, PA_OLD, 3, S1_RW);
	tb_pt_map(pt, VA + 0x1000, PA_OLD + 0x1000, 3, S1_RW);
	(void)pa_of(tb, 1, VA);
	(void)pa_of(tb, 1, VA + 0x1000);
	tb_pt_map(pt, VA, PA_NEW, 3, S1_RW);
	tb_pt_map(pt, VA + 0x1000, PA_NEW + 0x1000, 3, S1_RW);
}

TEST(SmmuCmdq, TlbiNhVaScope)
{
	struct tb tb;
	struct tb_pt pt;
	const struct cmd_step steps[] = {
		{ tlbi_va(OP_TLBI_NH_VA, 0, 6), VA, PA_OLD },           /* other ASID */
		{ tlbi_va(OP_TLBI_NH_VA, 0, 5), VA + 0x2000, PA_OLD },  /* other page */
		{ tlbi_va(OP_TLBI_NH_VA, 0, 5), VA, PA_NEW },
	};

	ASSERT_EQ(setup(&tb, &pt), 0);
	stale_s1(&tb, &pt);
	EXPECT_EQ(pa_of(&tb, 1, VA), PA_OLD);           /* stale, no command yet */
	expect_steps(&tb, 1, VA, steps, NSTEPS(steps));
	EXPECT_EQ(pa_of(&tb, 1, VA + 0x1000), PA_OLD + 0x1000); /* untouched */
	tb_fini(&tb);
}

TEST(SmmuCmdq, TlbiNhVaaAsidAll)
{
	struct tb tb;
	struct tb_pt pt;

	ASSERT_EQ(setup(&tb, &pt), 0);
	stale_s1(&tb, &pt);
	tb_cmd(&tb, tlbi_va(OP_TLBI_NH_VAA, 0, 0), VA);        /* any ASID */
	EXPECT_EQ(pa_of(&tb, 1, VA), PA_NEW);
	EXPECT_EQ(pa_of(&tb, 1, VA + 0x1000), PA_OLD + 0x1000);
	tb_cmd(&tb, tlbi_va(OP_TLBI_NH_ASID, 0, 4), 0);
	EXPECT_EQ(pa_of(&tb, 1, VA + 0x1000), PA_OLD + 0x1000);
	tb_cmd(&tb, tlbi_va(OP_TLBI_NH_ASID, 0, 5), 0);
	EXPECT_EQ(pa_of(&tb, 1, VA + 0x1000), PA_NEW + 0x1000);
	/* NH_ALL is per VMID */
	EXPECT_EQ(pa_of(&tb, 1, VA), PA_NEW);           /* re-fill after NH_ASID */
	tb_pt_map(&pt, VA, PA_OLD, 3, S1_RW);
	tb_cmd(&tb, tlbi_va(OP_TLBI_NH_ALL, 3, 0), 0);
	EXPECT_EQ(pa_of(&tb, 1, VA), PA_NEW);
	tb_cmd(&tb, tlbi_va(OP_TLBI_NH_ALL, 0, 0), 0);
	EXPECT_EQ(pa_of(&tb, 1, VA), PA_OLD);
	/* NSNH_ALL: everything */
	tb_pt_map(&pt, VA, PA_NEW, 3, S1_RW);
	EXPECT_EQ(pa_of(&tb, 1, VA), PA_OLD);
	tb_cmd(&tb, OP_TLBI_NSNH_ALL, 0);
	EXPECT_EQ(pa_of(&tb, 1, VA), PA_NEW);
	tb_fini(&tb);
}

/* Range (NUM/SCALE/TG) and TTL fields of TLBI_NH_VA. */
TEST(SmmuCmdq, TlbiRangeAndTtl)
{
	struct tb tb;
	struct tb_pt pt;

	ASSERT_EQ(setup(&tb, &pt), 0);
	for (int i = 0; i < 8; i++) {
		tb_pt_map(&pt, VA + i * 0x1000ULL, PA_OLD + i * 0x1000ULL, 3, S1_RW);
		(void)pa_of(&tb, 1, VA + i * 0x1000ULL);
		tb_pt_map(&pt, VA + i * 0x1000ULL, PA_NEW + i * 0x1000ULL, 3, S1_RW);
	}
	/* TTL = 2 (a 2 MiB leaf) with TG 4K: the 4K entries stay */
	tb_cmd(&tb, tlbi_va(OP_TLBI_NH_VA, 0, 5), VA | 2ULL << 8 | 1ULL << 10);
	EXPECT_EQ(pa_of(&tb, 1, VA), PA_OLD);
	/* NUM = 1, SCALE = 1: (1 + 1) * 2^1 = 4 pages from VA + 2 pages */
	tb_cmd(&tb, tlbi_va(OP_TLBI_NH_VA, 0, 5) | 1ULL << 12 | 1ULL << 20,
	       (VA + 0x2000) | 3ULL << 8 | 1ULL << 10);
	for (int i = 0; i < 8; i++)
		EXPECT_EQ(pa_of(&tb, 1, VA + i * 0x1000ULL),
			  (i >= 2 && i < 6 ? PA_NEW : PA_OLD) + i * 0x1000ULL);
	tb_fini(&tb);
}

/* Leaf=1 spares the walk cache: a replaced table is still walked. */
TEST(SmmuCmdq, LeafInvalidationKeepsWalkCache)
{
	struct tb tb;
	struct tb_pt pt;
	uint64_t l2d, newtab, pa;

	ASSERT_EQ(setup(&tb, &pt), 0);
	tb_pt_map(&pt, VA, PA_OLD, 3, S1_RW);
	EXPECT_EQ(pa_of(&tb, 1, VA), PA_OLD);
	/* Point the level-2 descriptor at a new level-3 table */
	newtab = tb_pt_alloc(&pt, 4096, &pa);
	tb_w64(&tb, newtab + 8 * ((VA >> 12) & 511), PA_NEW | S1_RW | 3);
	l2d = tb_pt_desc_pa(&pt, VA, 2);
	tb_w64(&tb, l2d, newtab | 3);
	tb_cmd(&tb, tlbi_va(OP_TLBI_NH_VA, 0, 5), VA | 1);      /* Leaf */
	EXPECT_EQ(pa_of(&tb, 1, VA), PA_OLD);
	tb_cmd(&tb, tlbi_va(OP_TLBI_NH_VA, 0, 5), VA);
	EXPECT_EQ(pa_of(&tb, 1, VA), PA_NEW);
	tb_fini(&tb);
}

TEST(SmmuCmdq, TlbiStage2)
{
	struct tb tb;
	struct tb_pt s2;
	const struct cmd_step steps[] = {
		{ OP_TLBI_S2_IPA | 8ULL << 32, VA, PA_OLD },    /* other VMID */
		{ OP_TLBI_NH_ALL | 7ULL << 32, 0, PA_OLD },     /* stage 1 only */
		{ OP_TLBI_S2_IPA | 7ULL << 32, VA, PA_NEW },
	};
	const struct cmd_step vmall = { OP_TLBI_S12_VMALL | 7ULL << 32, 0, PA_OLD };

	ASSERT_EQ(tb_start_s2(&tb, 2, &s2, 7, 12, 48, 0), 0);
	tb_pt_map(&s2, VA, PA_OLD, 3, S2_RW);
	EXPECT_EQ(pa_of(&tb, 2, VA), PA_OLD);
	tb_pt_map(&s2, VA, PA_NEW, 3, S2_RW);
	EXPECT_EQ(pa_of(&tb, 2, VA), PA_OLD);
	expect_steps(&tb, 2, VA, steps, NSTEPS(steps));
	tb_pt_map(&s2, VA, PA_OLD, 3, S2_RW);
	EXPECT_EQ(pa_of(&tb, 2, VA), PA_NEW);
	expect_steps(&tb, 2, VA, &vmall, 1);
	tb_fini(&tb);
}

/* STE and CD caches: stale until CFGI_STE / _STE_RANGE / _CD / _CD_ALL / _ALL. */
TEST(SmmuCmdq, ConfigCacheInvalidation)
{
	struct tb tb;
	struct tb_pt pt, pt2;
	uint64_t cdpa, cd[8], ste[8];
	const uint64_t cfgi[][2] = {
		{ OP_CFGI_STE | 1ULL << 32, 0 },
		{ OP_CFGI_STE_RANGE | 0ULL << 32, 3 },  /* 2^4 StreamIDs from 0 */
		{ OP_CFGI_STE_RANGE, 31 },              /* CFGI_ALL */
	};
	const struct cmd_step cd_steps[] = {
		{ OP_CFGI_STE_RANGE | 0ULL << 32, 3, PA_OLD },          /* 0..15 */
		{ OP_CFGI_CD | 1ULL << 12 | 20ULL << 32, 0, PA_OLD },   /* other SSID */
		{ OP_CFGI_CD | 20ULL << 32, 1, PA_NEW },
	};
	const struct cmd_step cd_all = { OP_CFGI_CD_ALL | 20ULL << 32, 0, PA_OLD };

	ASSERT_EQ(setup(&tb, &pt), 0);
	tb_pt_init(&tb, &pt2, 12, 48, 0, NULL);
	tb_pt_map(&pt, VA, PA_OLD, 3, S1_RW);
	tb_pt_map(&pt2, VA, PA_NEW, 3, S1_RW);
	for (unsigned i = 0; i < 3; i++) {
		uint64_t other;

		/* The STE now points at a CD for pt2 (ASID 6) */
		other = tb_alloc(&tb, 64, 64);
		cd_init(cd, i & 1 ? &pt : &pt2, 6 + 2 * i + !(i & 1));
		tb_write_cd(&tb, other, cd);
		ste_init(ste, 5);
		ste_set_s1(ste, other, 0, 0, 0);
		EXPECT_EQ(pa_of(&tb, 1, VA), i & 1 ? PA_NEW : PA_OLD);
		tb_set_ste(&tb, 1, ste);
		EXPECT_EQ(pa_of(&tb, 1, VA), i & 1 ? PA_NEW : PA_OLD); /* stale STE */
		tb_cmd(&tb, cfgi[i][0], cfgi[i][1]);
		EXPECT_EQ(pa_of(&tb, 1, VA), i & 1 ? PA_OLD : PA_NEW);
	}
	/* CFGI_STE_RANGE that does not cover SID 1 */
	cdpa = tb_stream_s1(&tb, 20, &pt, 30);
	EXPECT_EQ(pa_of(&tb, 20, VA), PA_OLD);
	cd_init(cd, &pt2, 31);
	tb_write_cd(&tb, cdpa, cd);
	expect_steps(&tb, 20, VA, cd_steps, NSTEPS(cd_steps));
	cd_init(cd, &pt, 32);
	tb_write_cd(&tb, cdpa, cd);
	EXPECT_EQ(pa_of(&tb, 20, VA), PA_NEW);
	expect_steps(&tb, 20, VA, &cd_all, 1);
	tb_fini(&tb);
}

/* A bad command: CONS stays on it with ERR, GERROR toggles, queue stops. */
TEST(SmmuCmdq, IllegalCommandStopsQueueUntilAcknowledged)
{
	struct tb tb;
	struct tb_pt pt;
	uint32_t cons, gerror;
	unsigned gerror_irqs;

	ASSERT_EQ(setup(&tb, &pt), 0);
	stale_s1(&tb, &pt);
	gerror_irqs = tb.irqs[SMMU_IRQ_GERROR];
	tb_cmd(&tb, OP_SYNC, 0);                                /* index 0 */
	tb_cmd(&tb, 0x7f, 0);                                   /* index 1: no such op */
	tb_cmd(&tb, tlbi_va(OP_TLBI_NH_ASID, 0, 5), 0);         /* index 2 */
	cons = tb_rd32(&tb, R_CMDQ_CONS);
	EXPECT_EQ(cons & 0x7f, 1);
	EXPECT_EQ((cons >> 24) & 0x7f, 1);                      /* CERROR_ILL */
	gerror = tb_rd32(&tb, R_GERROR);
	EXPECT_EQ((gerror ^ tb_rd32(&tb, R_GERRORN)) & 1, 1);   /* CMDQ_ERR active */
	EXPECT_EQ(tb.irqs[SMMU_IRQ_GERROR], gerror_irqs + 1);
	EXPECT_EQ(pa_of(&tb, 1, VA), PA_OLD);                   /* TLBI not consumed */
	/* More PROD writes do not restart it */
	tb_cmd(&tb, OP_SYNC, 0);
	EXPECT_EQ(tb_rd32(&tb, R_CMDQ_CONS) & 0x7f, 1);
	/* Software replaces the bad command with a SYNC and acknowledges */
	tb_w64(&tb, tb.cmdq + 16, OP_SYNC);
	tb_wr32(&tb, R_GERRORN, gerror);
	cons = tb_rd32(&tb, R_CMDQ_CONS);
	EXPECT_EQ(cons & 0x7f, 4);
	EXPECT_EQ((cons >> 24) & 0x7f, 0);
	EXPECT_EQ(pa_of(&tb, 1, VA), PA_NEW);
	tb_fini(&tb);
}

TEST(SmmuCmdq, CommandFetchAbort)
{
	struct tb tb;

	ASSERT_EQ(tb_start_preset(&tb, "full"), 0);
	tb_wr32(&tb, R_CR0, CR0_SMMUEN | CR0_EVTQEN);           /* CMDQEN off to move it */
	tb_wr64(&tb, R_CMDQ_BASE, 0x0000007f00000000ULL | 6);
	tb_wr32(&tb, R_CR0, CR0_SMMUEN | CR0_EVTQEN | CR0_CMDQEN);
	tb_wr32(&tb, R_CMDQ_PROD, 1);
	EXPECT_EQ((tb_rd32(&tb, R_CMDQ_CONS) >> 24) & 0x7f, 2); /* CERROR_ABT */
	EXPECT_EQ((tb_rd32(&tb, R_GERROR) ^ tb_rd32(&tb, R_GERRORN)) & 1, 1);
	tb_fini(&tb);
}

/* Completion: MSI write (Linux's own-entry poll), SEV, or just CONS. */
TEST(SmmuCmdq, SyncCompletion)
{
	struct tb tb;
	struct tb_pt pt;
	uint64_t flag = 0, entry;
	unsigned sev;

	ASSERT_EQ(setup(&tb, &pt), 0);
	flag = tb_alloc(&tb, 8, 8);
	tb_w64(&tb, flag, 0);
	tb_cmd(&tb, OP_SYNC | 1ULL << 12 | 0xcafef00dULL << 32, flag);
	EXPECT_EQ(tb_r64(&tb, flag), 0xcafef00dULL);
	/* MSIAddress = the SYNC's own slot, MSIData 0: its first word clears */
	entry = tb.cmdq + 16 * (tb.cmdq_prod & 63);
	tb_cmd(&tb, OP_SYNC | 1ULL << 12, entry);
	EXPECT_EQ(tb_r64(&tb, entry) & 0xffffffffULL, 0);
	sev = tb.irqs[SMMU_IRQ_SEV];
	tb_cmd(&tb, OP_SYNC | 2ULL << 12, 0);
	EXPECT_EQ(tb.irqs[SMMU_IRQ_SEV], sev + 1);
	tb_cmd(&tb, OP_SYNC, 0);
	EXPECT_EQ(tb_rd32(&tb, R_CMDQ_CONS), tb.cmdq_prod);
	tb_fini(&tb);
}

/* Commands for features the SMMU lacks are CERROR_ILL; hints are accepted. */
TEST(SmmuCmdq, FeatureDependentCommands)
{
	struct tb tb;
	uint32_t cons;

	ASSERT_EQ(tb_start_preset(&tb, "s1only"), 0);
	tb_cmd(&tb, 0x01 /* PREFETCH_CONFIG */, 0);
	tb_cmd(&tb, OP_TLBI_NH_ALL, 0);
	EXPECT_EQ(tb_rd32(&tb, R_CMDQ_CONS), 2);
	tb_cmd(&tb, OP_TLBI_S12_VMALL, 0);      /* no stage 2 */
	cons = tb_rd32(&tb, R_CMDQ_CONS);
	EXPECT_EQ(cons & 0xff, 2);
	EXPECT_EQ((cons >> 24) & 0x7f, 1);
	tb_w64(&tb, tb.cmdq + 32, OP_ATC_INV);  /* no ATS either */
	tb_wr32(&tb, R_GERRORN, tb_rd32(&tb, R_GERROR));
	cons = tb_rd32(&tb, R_CMDQ_CONS);
	EXPECT_EQ((cons >> 24) & 0x7f, 1);
	EXPECT_EQ(cons & 0xff, 2);
	tb_w64(&tb, tb.cmdq + 32, OP_SYNC);
	tb_wr32(&tb, R_GERRORN, tb_rd32(&tb, R_GERROR));
	EXPECT_EQ(tb_rd32(&tb, R_CMDQ_CONS), 3);
	tb_fini(&tb);
}
