// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest driver's invalidation rules (guest_inval.h), one test a rule:
 * Linux 6.12's for VT-d (intel/cache.c: IH when no table page was freed,
 * calculate_psi_aligned_address) and SMMUv3 (arm-smmu-v3.c:
 * __arm_smmu_tlb_inv_range, per page or RIL ranges, leaf or walk), and
 * the two alternatives software.guest_inval offers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guest_inval.h"
#include "simtest.h"
#include "st_util.h"

#define K4 4096ULL

static struct guest_vtd_inval vtd(enum scen_guest_inval p, uint64_t iova, uint64_t size,
				  bool freed)
{
	struct guest_vtd_inval g;

	guest_vtd_inval(p, iova, size, freed, &g);
	return g;
}

TEST(GuestInval, VtdLeafWhenNoTableFreed)
{
	struct guest_vtd_inval g = vtd(SCEN_GUEST_INVAL_LINUX, 0x40001800, 2048, false);

	EXPECT_EQ(g.addr, 0x40001000);
	EXPECT_EQ(g.npages, 1);
	EXPECT_TRUE(g.leaf);
}

TEST(GuestInval, VtdNotLeafWhenATableWasFreed)
{
	struct guest_vtd_inval g = vtd(SCEN_GUEST_INVAL_LINUX, 0x40000000, 2ULL << 20, true);

	EXPECT_EQ(g.addr, 0x40000000);
	EXPECT_EQ(g.npages, 512);
	EXPECT_FALSE(g.leaf);
}

/* PSI names 2^AM pages at an address aligned to them: the smallest such
 * block holding both ends, which can be far larger than the range. */
TEST(GuestInval, VtdPsiAlignedBlock)
{
	struct guest_vtd_inval g = vtd(SCEN_GUEST_INVAL_LINUX, 3 * K4, 2 * K4, false);

	EXPECT_EQ(g.addr, 0);
	EXPECT_EQ(g.npages, 8);         /* pages 3 and 4 share only the block 0-7 */
	g = vtd(SCEN_GUEST_INVAL_LINUX, 4 * K4, 3 * K4, false);
	EXPECT_EQ(g.addr, 4 * K4);
	EXPECT_EQ(g.npages, 4);         /* 3 pages round up to 4, aligned already */
	g = vtd(SCEN_GUEST_INVAL_LINUX, (1ULL << 30) - K4, 2 * K4, false);
	EXPECT_EQ(g.addr, 0);
	EXPECT_EQ(g.npages, 1ULL << 19);        /* a 1 GiB boundary: 2 GiB block */
}

TEST(GuestInval, VtdWholeSpaceIsPasidSelective)
{
	struct guest_vtd_inval g = vtd(SCEN_GUEST_INVAL_LINUX, 0, 0, false);

	EXPECT_EQ(g.npages, UINT64_MAX);
	EXPECT_FALSE(g.leaf);
	/* no block short of the whole address width holds both ends */
	g = vtd(SCEN_GUEST_INVAL_LINUX, (1ULL << 63) - K4, 2 * K4, false);
	EXPECT_EQ(g.npages, UINT64_MAX);
}

TEST(GuestInval, VtdAlternatives)
{
	struct guest_vtd_inval g = vtd(SCEN_GUEST_INVAL_FLUSH_ALL, 0x1000, K4, false);

	EXPECT_EQ(g.npages, UINT64_MAX);
	EXPECT_FALSE(g.leaf);
	g = vtd(SCEN_GUEST_INVAL_LEAF_ALWAYS, 0x1000, K4, true);
	EXPECT_EQ(g.npages, 1);
	EXPECT_TRUE(g.leaf);
}

struct cmds {
	struct guest_smmu_tlbi c[64];
	unsigned n;
};

static int put(void *ctx, const struct guest_smmu_tlbi *t)
{
	struct cmds *s = ctx;

	if (s->n == 64)
		return -1;
	s->c[s->n++] = *t;
	return 0;
}

static long smmu(struct cmds *s, enum scen_guest_inval p, uint64_t iova, uint64_t size,
		 bool freed, bool ril)
{
	s->n = 0;
	return guest_smmu_inval(p, iova, size, freed, ril, put, s);
}

TEST(GuestInval, SmmuLeafPerPageWithoutRil)
{
	struct cmds s;

	ASSERT_EQ(smmu(&s, SCEN_GUEST_INVAL_LINUX, 0x10800, 3 * K4, false, false), 4);
	for (unsigned i = 0; i < 4; i++) {
		EXPECT_FALSE(s.c[i].asid_all);
		EXPECT_EQ(s.c[i].addr, 0x10000 + i * K4);
		EXPECT_TRUE(s.c[i].leaf);
		EXPECT_EQ(s.c[i].num | s.c[i].scale | s.c[i].tg | s.c[i].ttl, 0);
	}
}

/* RIL: each command covers (NUM + 1) << SCALE pages, SCALE from the
 * lowest set bit of the pages left; TG 4 KiB, TTL 3 for leaf pages. */
TEST(GuestInval, SmmuRangesWithRil)
{
	struct cmds s;

	ASSERT_EQ(smmu(&s, SCEN_GUEST_INVAL_LINUX, 0x100000, 35 * K4, false, true), 2);
	EXPECT_EQ(s.c[0].addr, 0x100000);
	EXPECT_EQ(s.c[0].scale, 0);
	EXPECT_EQ(s.c[0].num, 2);               /* 3 pages */
	EXPECT_EQ(s.c[1].addr, 0x100000 + 3 * K4);
	EXPECT_EQ(s.c[1].scale, 5);
	EXPECT_EQ(s.c[1].num, 0);               /* 32 pages */
	for (unsigned i = 0; i < 2; i++) {
		EXPECT_EQ(s.c[i].tg, 1);
		EXPECT_EQ(s.c[i].ttl, 3);
		EXPECT_TRUE(s.c[i].leaf);
	}
}

/* A freed table is a walk flush: not leaf, no TTL; one page left over
 * would make SCALE = NUM = 0, which Linux avoids by one page more. */
TEST(GuestInval, SmmuWalkFlushWhenATableWasFreed)
{
	struct cmds s;

	ASSERT_EQ(smmu(&s, SCEN_GUEST_INVAL_LINUX, 0x200000, K4, true, true), 1);
	EXPECT_FALSE(s.c[0].leaf);
	EXPECT_EQ(s.c[0].ttl, 0);
	EXPECT_EQ(s.c[0].scale, 1);
	EXPECT_EQ(s.c[0].num, 0);
	ASSERT_EQ(smmu(&s, SCEN_GUEST_INVAL_LINUX, 0x200000, 2 * K4, true, false), 2);
	EXPECT_FALSE(s.c[1].leaf);
}

TEST(GuestInval, SmmuWholeSpaceAndAlternatives)
{
	struct cmds s;

	ASSERT_EQ(smmu(&s, SCEN_GUEST_INVAL_LINUX, 0, 0, false, true), 1);
	EXPECT_TRUE(s.c[0].asid_all);
	ASSERT_EQ(smmu(&s, SCEN_GUEST_INVAL_FLUSH_ALL, 0x1000, K4, false, false), 1);
	EXPECT_TRUE(s.c[0].asid_all);
	ASSERT_EQ(smmu(&s, SCEN_GUEST_INVAL_LEAF_ALWAYS, 0x1000, K4, true, false), 1);
	EXPECT_TRUE(s.c[0].leaf);
	/* an emit failure stops the sequence and is returned */
	s.n = 64;
	EXPECT_EQ(guest_smmu_inval(SCEN_GUEST_INVAL_LINUX, 0, 4 * K4, false, false, put, &s), -1);
}

/* A direct (no kernel) nested run of a churning NIC with a guest_inval choice. */
static json_t *direct_run(const char *iommu, const char *choice)
{
	char yaml[1024], out[64];
	const char *args[] = { "run", "gi.yaml", "-q", "-o", out, NULL };

	snprintf(yaml, sizeof(yaml),
		 "name: gi\niommu: { kind: %s }\nrun: { mode: fast }\n"
		 "software: { driver: direct, setup: nested, guest_ram: 1G, guest_inval: %s }\n"
		 "devices:\n  - { name: nic, sid: 0x20, outstanding: 8, generator: nic,\n"
		 "      params: { count: 300, churn: 1, flows: 4, pa: 0x10000000 } }\n", iommu,
		 choice);
	snprintf(out, sizeof(out), "gi-%s-%s.json", iommu, choice);
	st_write("gi.yaml", yaml);
	if (st_run_bin(IOMMUSIM_FAST_BIN, args)) {
		char *e = st_stderr();

		ADD_FAILURE("%s %s: %s", iommu, choice, e ? e : "");
		free(e);
		return NULL;
	}
	return st_load_json(st_path(out));
}

/* The direct set-ups' guests follow the same rules: leaf invalidations
 * leave the first-stage walk caches alone, whole-space flushes do not. */
TEST(GuestInval, DirectGuestsFollowTheChoice)
{
	static const char *const iommu[] = { "vtd", "smmuv3" };
	static const char *const s1_walk_cache[] = { "fs_psc.invalidations",
						     "walk_s1.invalidations" };

	for (unsigned i = 0; i < 2; i++) {
		json_t *lx = direct_run(iommu[i], "linux"), *all = direct_run(iommu[i], "flush_all");

		if (lx && all) {
			EXPECT_EQ(st_num(lx, "statistics.faults.count"), 0);
			EXPECT_GT(st_model(lx, iommu[i][0] == 'v' ? "iotlb.invalidations"
								 : "tlb.invalidations"), 0);
			EXPECT_EQ(st_model(lx, s1_walk_cache[i]), 0);
			EXPECT_GT(st_model(all, s1_walk_cache[i]), 0);
			EXPECT_EQ(st_num(lx, "statistics.invalidations.count"),
				  st_num(all, "statistics.invalidations.count"));
		}
		json_decref(lx);
		json_decref(all);
	}
}

/*
 * software.guest_inval_trap_ns: each guest invalidation costs the host
 * queue's work plus the VMM's round trip, and nothing else changes. The
 * shipped per-packet scenario (Linux's Intel driver under the real
 * iommufd), and the direct set-ups' guests on both IOMMUs.
 */
struct trap_setup {
	const char *iommu, *driver;
	const char *set[2];     /* more --set the set-up needs */
};

static json_t *trap_run(const struct trap_setup *t, unsigned trap)
{
	char scen[512], iommu[64], driver[64], set_trap[64], out[96];
	const char *args[] = { "run", scen, "--set", iommu, "--set", driver, "--set", t->set[0],
			       "--set", t->set[1], "--set", set_trap, "-q", "-o", out, NULL };

	snprintf(scen, sizeof(scen), "%s/nic-guest-inval.yaml", SCENARIOS_DIR);
	snprintf(iommu, sizeof(iommu), "iommu.kind=%s", t->iommu);
	snprintf(driver, sizeof(driver), "software.driver=%s", t->driver);
	snprintf(set_trap, sizeof(set_trap), "software.guest_inval_trap_ns=%u", trap);
	snprintf(out, sizeof(out), "trap-%s-%s-%u.json", t->iommu, t->driver, trap);
	if (st_run_bin(IOMMUSIM_FAST_BIN, args)) {
		char *e = st_stderr();

		ADD_FAILURE("%s %s trap %u: %s", t->iommu, t->driver, trap, e ? e : "");
		free(e);
		return NULL;
	}
	return st_load_json(st_path(out));
}

TEST(GuestInval, TrapAddsTheVmmRoundTripToEachInvalidation)
{
	static const struct trap_setup setups[] = {
		{ "vtd", "kernel", { "software.kernel_driver=intel", "iommu.preset=spr" } },
		{ "vtd", "direct", { "software.kernel_driver=", "iommu.preset=spr" } },
		{ "smmuv3", "direct", { "software.kernel_driver=", "iommu.preset=full" } },
	};
	const unsigned trap = 7000;

	for (unsigned i = 0; i < sizeof(setups) / sizeof(setups[0]); i++) {
		json_t *a = trap_run(&setups[i], 0);
		json_t *b = trap_run(&setups[i], trap);
		double n;

		if (a && b) {
			n = st_num(a, "statistics.invalidations.count");
			EXPECT_GT(n, 0);
			EXPECT_EQ(st_num(b, "statistics.invalidations.count"), n);
			EXPECT_EQ(st_num(b, "statistics.invalidations.cost_ns_total") -
					  st_num(a, "statistics.invalidations.cost_ns_total"),
				  n * trap);
			EXPECT_EQ(st_num(b, "statistics.invalidations.service_ns_mean"),
				  st_num(a, "statistics.invalidations.service_ns_mean"));
			EXPECT_EQ(st_num(b, "statistics.sim_time_ns"),
				  st_num(a, "statistics.sim_time_ns"));
			/* Packets far apart: without the trap, an invalidation is its service. */
			EXPECT_EQ(st_num(a, "statistics.invalidations.cost_ns_mean"),
				  st_num(a, "statistics.invalidations.service_ns_mean"));
		}
		json_decref(a);
		json_decref(b);
	}
}
