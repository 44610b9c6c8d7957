// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel set-up end to end (iommusim built with the kernel side): the
 * real iommufd and the simvtd/simsmmu drivers program the models. What a
 * machine does is checked through the whole stack: a guest's stage-1
 * unmap stays visible (a stale IOTLB hit) until its IOMMU_HWPT_INVALIDATE;
 * a host IOAS unmap is invalidated by the driver at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel_version.h"
#include "report.h"
#include "simtest.h"
#include "st_util.h"

static const char *TRACE =
	"#iommusim-trace v1\n"
	"0 attach 0x100 - 1\n"
	"0 map 1 0x10000 4K 0x200000 rw\n"
	"10 dma 0x100 - 0x10040 64 r\n"         /* walks */
	"20 unmap 1 0x10000 4K\n"
	"30 dma 0x100 - 0x10040 64 r\n"         /* nested: stale hit; stage 2: fault */
	"40 inval 1 0x10000 4K\n"
	"50 dma 0x100 - 0x10040 64 r\n";        /* fault */

/* Run iommusim with args: the report it wrote to out, or NULL (test failed, with its stderr). */
static json_t *run_report(const char *const *args, const char *out)
{
	int rc = st_iommusim(args);

	if (rc) {
		char *e = st_stderr();

		simtest_fail(__FILE__, __LINE__, "iommusim %s, report %s: exit %d: %s", args[0], out,
			     rc, e ? e : "");
		free(e);
		return NULL;
	}
	return st_load_json(st_path(out));
}

static json_t *run_kernel(const char *kind, const char *setup, const char *mode)
{
	char yaml[1024], out[64];
	const char *args[] = { "run", "k.yaml", "--mode", mode, "-q", "-o", out, NULL };

	snprintf(yaml, sizeof(yaml),
		 "name: k\niommu: { kind: %s }\n"
		 "software: { driver: kernel, setup: %s, guest_ram: 1G, map_chunk: 4K }\n"
		 "devices:\n  - { name: d, sid: 0x100, outstanding: 1, trace: t.txt }\n",
		 kind, setup);
	snprintf(out, sizeof(out), "%s-%s-%s.json", kind, setup, mode);
	st_write("t.txt", TRACE);
	st_write("k.yaml", yaml);
	return run_report(args, out);
}

static void check(const char *kind, const char *setup, const char *mode, double faults)
{
	json_t *j = run_kernel(kind, setup, mode);

	if (!j)
		return;
	EXPECT_STREQ(json_string_value(json_object_get(j, "kernel_source")), IOMMUSIM_KERNEL_VERSION);
	EXPECT_EQ(st_num(j, "statistics.requests"), 3);
	if (st_num(j, "statistics.faults.count") != faults)
		simtest_fail(__FILE__, __LINE__, "%s %s %s: %g faults, want %g", kind, setup, mode,
			     st_num(j, "statistics.faults.count"), faults);
	EXPECT_EQ(st_num(j, "statistics.software.maps"), 1);
	EXPECT_EQ(st_num(j, "statistics.software.unmaps"), 1);
	json_decref(j);
}

TEST(SimKernel, VtdNestedStage1StaleUntilHwptInvalidate)
{
	check("vtd", "nested", "lt", 1);
	check("vtd", "nested", "fast", 1);
}

TEST(SimKernel, SmmuNestedStage1StaleUntilHwptInvalidate)
{
	check("smmuv3", "nested", "lt", 1);
}

TEST(SimKernel, Stage2UnmapIsInvalidatedByTheDriver)
{
	check("vtd", "stage2", "fast", 2);
	check("smmuv3", "stage2", "at", 2);
}

TEST(SimKernel, DefaultScenarioRuns)
{
	char path[1024];
	const char *args[] = { "run", path, "-q", "-o", "def.json",
			       "--set", "devices.0.params.count=300",
			       "--set", "devices.1.params.count=100", NULL };
	json_t *j;

	char *a, *b;

	snprintf(path, sizeof(path), "%s/default.yaml", SCENARIOS_DIR);
	ASSERT_EQ(st_iommusim(args), 0);
	a = st_read(st_path("def.json"));
	/* the real kernel underneath changes nothing: same bytes again */
	ASSERT_EQ(st_iommusim(args), 0);
	b = st_read(st_path("def.json"));
	ASSERT_TRUE(a && b);
	EXPECT_STREQ(a, b);
	free(a);
	free(b);
	j = st_load_json(st_path("def.json"));
	ASSERT_TRUE(j != NULL);
	EXPECT_STREQ(json_string_value(json_object_get(json_object_get(json_object_get(j,
		"configuration"), "software"), "driver")), "kernel");
	EXPECT_GT(st_num(j, "statistics.requests"), 300);
	EXPECT_EQ(st_num(j, "statistics.faults.count"), 0);
	/* the NIC's per-packet unmap + guest invalidation, and the CPU's flush */
	EXPECT_EQ(st_num(j, "statistics.invalidations.count"), 301);
	json_decref(j);
}

/*
 * Demand paging: the guest maps nothing until the device's page request
 * arrives through the IOPF fault queue; the guest's handler maps the page
 * and answers, the device retries. A page outside every mapping is
 * answered "invalid" and the request fails.
 */
TEST(SimKernel, DemandPagingThroughTheFaultQueue)
{
	const char *args[] = { "run", "dp.yaml", "--mode", "lt", "-q", "-o", "dp.json", NULL };
	json_t *j;

	st_write("dp.txt", "#iommusim-trace v1\n"
			   "0 attach 0x100 - 1\n"
			   "0 map 1 0x10000 8K 0x200000 rw\n"
			   "10 dma 0x100 - 0x10040 64 w\n"      /* page request, mapped, retried */
			   "20000 dma 0x100 - 0x10080 64 r\n"   /* now an IOTLB hit */
			   "30000 dma 0x100 - 0x11000 64 r\n"   /* second page: another request */
			   "40000 dma 0x100 - 0x20000 64 r\n"); /* not mapped at all: fails */
	st_write("dp.yaml", "name: dp\niommu: { kind: vtd }\n"
			    "software: { driver: kernel, setup: nested, guest_ram: 1G, map_chunk: 4K,\n"
			    "            demand_paging: true, fault_service_ns: 3000 }\n"
			    "devices:\n  - { name: d, sid: 0x100, outstanding: 1, pri: true, trace: dp.txt }\n");
	j = run_report(args, "dp.json");
	ASSERT_TRUE(j != NULL);
	EXPECT_EQ(st_num(j, "statistics.requests"), 4);
	EXPECT_EQ(st_num(j, "statistics.faults.count"), 1);
	EXPECT_EQ(st_num(j, "statistics.page_requests.requests"), 3);
	EXPECT_EQ(st_num(j, "statistics.page_requests.serviced"), 3);
	EXPECT_EQ(st_num(j, "statistics.page_requests.answered_success"), 2);
	EXPECT_EQ(st_num(j, "statistics.page_requests.retries"), 2);
	/* the hardware saw three page requests and three answers */
	EXPECT_EQ(st_model(j, "page_requests"), 3);
	{
		EXPECT_EQ(st_model(j, "prq.responses"), 3);
		EXPECT_EQ(st_model(j, "prq.bad_responses"), 0);
	}
	/* a served request waited for the guest's handler */
	EXPECT_GE(st_num(j, "statistics.translation_latency_ns.max"), 3000);
	EXPECT_EQ(st_num(j, "statistics.tlb_hit_rate"), 0.25);
	json_decref(j);
}

/* A 1 TiB guest: only the touched guest pages are pinned. */
TEST(SimKernel, TerabyteGuestPinsOnlyTouchedPages)
{
	char path[1024];
	const char *args[] = { "run", path, "-q", "-o", "huge.json",
			       "--set", "devices.0.params.count=2000", NULL };
	json_t *j;

	snprintf(path, sizeof(path), "%s/huge-guest.yaml", SCENARIOS_DIR);
	j = run_report(args, "huge.json");
	ASSERT_TRUE(j != NULL);
	EXPECT_EQ(st_num(j, "configuration.software.guest_ram"), 1099511627776.0);
	EXPECT_EQ(st_num(j, "statistics.faults.count"), 0);
	EXPECT_EQ(st_num(j, "statistics.requests"), 6000);
	/*
	 * 2000 commands: an SQ entry, a data page and a CQ entry each, in a
	 * few queue pages and at most 2000 scattered data pages, plus the
	 * guest's tables: a few thousand 4 KiB pages, not 900 GiB.
	 */
	EXPECT_GT(st_num(j, "statistics.software.pinned_bytes"), 2000.0 * 4096 * 0.9);
	EXPECT_LT(st_num(j, "statistics.software.pinned_bytes"), 2100.0 * 4096 + (1 << 20));
	json_decref(j);
}

/*
 * Both binaries name the kernel source they compiled: the version
 * recorded at configure time, the one a kernel set-up's report carries.
 */
TEST(SimKernel, VersionNamesTheKernelSource)
{
	const char *ver[] = { "--version", NULL };
	const char *want = "(kernel source " IOMMUSIM_KERNEL_VERSION ")\n";
	const char *bins[] = { IOMMUSIM_BIN, IOMMUSIM_FAST_BIN };

	for (unsigned i = 0; i < 2; i++) {
		char *o;

		ASSERT_EQ(st_run_bin(bins[i], ver), 0);
		o = st_read(st_path("stdout.txt"));
		if (!o || !strstr(o, want))
			simtest_fail(__FILE__, __LINE__, "%s --version: %s", bins[i], o ? o : "");
		free(o);
	}
}

/* A shipped nested scenario's report with the guest's invalidation choice. */
static json_t *run_guest_inval(const char *scenario, const char *choice)
{
	char path[512], set[64], out[64];
	const char *args[] = { "run", path, "--set", set, "--set", "run.length=300us", "-q",
			       "-o", out, NULL };

	snprintf(path, sizeof(path), "%s/%s.yaml", SCENARIOS_DIR, scenario);
	snprintf(set, sizeof(set), "software.guest_inval=%s", choice);
	snprintf(out, sizeof(out), "%s-%s.json", scenario, choice);
	return run_report(args, out);
}

/*
 * Through the real iommufd: a guest that invalidates as Linux does keeps
 * its first-stage walk caches over per-packet unmaps (VT-d: the LEAF
 * flag reaches the PASID-based IOTLB invalidation as IH; SMMUv3: leaf
 * TLBI_NH_VA), so a miss reads fewer table entries than when every
 * invalidation flushes the address space.
 */
TEST(SimKernel, LinuxGuestKeepsWalkCaches)
{
	static const char *const scen[] = { "default", "smmuv3-nested" };
	static const char *const walk_cache_inval[] = { "fs_psc.invalidations",
							"walk_s1.invalidations" };

	for (unsigned i = 0; i < 2; i++) {
		json_t *lx = run_guest_inval(scen[i], "linux");
		json_t *all = run_guest_inval(scen[i], "flush_all");

		if (lx && all) {
			EXPECT_STREQ(json_string_value(report_at(lx, "configuration.software.guest_inval")),
				     "linux");
			EXPECT_GT(st_num(lx, "statistics.invalidations.count"), 100);
			EXPECT_LT(st_model(lx, walk_cache_inval[i]), st_model(all, walk_cache_inval[i]));
			EXPECT_LT(st_num(lx, "statistics.per_4k.walk_reads_per_miss"),
				  st_num(all, "statistics.per_4k.walk_reads_per_miss"));
		}
		json_decref(lx);
		json_decref(all);
	}
}

/*
 * Fault injection through the real iommufd (sim/inject): the invalidation
 * the software owes after an unmap is forgotten (stage 2: the host
 * driver's flush inside IOMMU_IOAS_UNMAP; nested: the guest's
 * IOMMU_HWPT_INVALIDATE), and the DMA after it reaches the unmapped page
 * through the stale IOTLB entry: an isolation breach, on both IOMMUs.
 */
static json_t *run_inject_with(const char *kind, const char *kdrv, const char *setup,
				const char *spec)
{
	char yaml[1024], out[64];
	const char *args[] = { "run", "k.yaml", "--mode", "fast", "--inject", spec, "-q", "-o",
			       out, NULL };

	snprintf(yaml, sizeof(yaml),
		 "name: k\niommu: { kind: %s }\n"
		 "software: { driver: kernel, kernel_driver: %s, setup: %s, guest_ram: 1G, "
		 "map_chunk: 4K }\n"
		 "devices:\n  - { name: d, sid: 0x100, outstanding: 1, trace: t.txt }\n",
		 kind, kdrv, setup);
	snprintf(out, sizeof(out), "inj-%s-%s.json", kind, setup);
	st_write("t.txt", TRACE);
	st_write("k.yaml", yaml);
	return run_report(args, out);
}

/* With the kind's default kernel driver (VT-d: Linux's Intel driver). */
static json_t *run_inject(const char *kind, const char *setup, const char *spec)
{
	return run_inject_with(kind, strcmp(kind, "vtd") ? "simsmmu" : "intel", setup, spec);
}

TEST(SimKernel, ForgottenInvalidationAfterUnmapIsABreach)
{
	static const char *const kinds[] = { "vtd", "smmuv3" };
	static const char *const setups[] = { "stage2", "nested" };

	for (int k = 0; k < 2; k++)
		for (int s = 0; s < 2; s++) {
			json_t *none = run_inject(kinds[k], setups[s], "none");
			json_t *rep = run_inject(kinds[k], setups[s], "inval-skip:at=req:0");

			ASSERT_TRUE(none && rep);
			EXPECT_EQ(st_num(none, "inject.isolation.breaches"), 0);
			EXPECT_TRUE(json_is_true(report_at(rep, "inject.fired")));
			/* stage 2: the DMA at 30 and at 50; nested: at 50 only (30 is stale, allowed) */
			EXPECT_EQ(st_num(rep, "inject.isolation.breaches"), s ? 1 : 2);
			EXPECT_EQ(st_num(rep, "statistics.faults.count"), 0);
			json_decref(none);
			json_decref(rep);
		}
}

TEST(SimKernel, StalledInvalidationQueueIsReportedByTheDriver)
{
	static const char *const kinds[] = { "vtd", "smmuv3" };
	static const char *const words[] = { "invalidation wait did not complete",
					     "command queue stuck" };

	/*
	 * simvtd and simsmmu time their queue out; Linux's Intel driver has no
	 * timeout in qi_submit_sync() (the shim's soft-lockup watchdog stops
	 * it), so the VT-d case runs simvtd.
	 */
	for (int k = 0; k < 2; k++) {
		json_t *rep = run_inject_with(kinds[k], k ? "simsmmu" : "simvtd", "stage2",
					      "queue-full:at=req:0,queue=cmd");
		const json_t *log;
		bool seen = false;

		ASSERT_TRUE(rep != NULL);
		log = report_at(rep, "inject.kernel_log");
		for (size_t i = 0; i < json_array_size(log); i++)
			seen |= strstr(json_string_value(json_array_get(log, i)), words[k]) != NULL;
		EXPECT_TRUE(seen);
		json_decref(rep);
	}
}

/*
 * SMMUv3 nested through the real iommufd: PASIDs are the guest's own.
 * A device's first PASID gives it a CD table in guest RAM (CD 0 the
 * space it had, S1DSS = SSID0) behind a nested HWPT whose vSTE has
 * S1CDMax > 0; later attaches rewrite one CD and invalidate it
 * (CFGI_CD through IOMMU_HWPT_INVALIDATE), and a space reached only
 * through a CD is invalidated through that HWPT. 6.12's VFIO uAPI has
 * no PASID attach, so on VT-d (the host's PASID table) it is refused.
 */
static const char *PASID_TRACE =
	"#iommusim-trace v1\n"
	"0 attach 0x100 - 1\n"                  /* CD 0: space 1 */
	"0 map 1 0x10000 4K 0x200000 rw\n"
	"0 attach 0x100 1 2\n"                  /* PASID 1: space 2, the CD table */
	"0 map 2 0x10000 4K 0x300000 rw\n"
	"0 attach 0x100 3 3\n"                  /* PASID 3: space 3 */
	"0 map 3 0x20000 4K 0x400000 rw\n"
	"10 dma 0x100 - 0x10040 64 r\n"         /* space 1 */
	"20 dma 0x100 1 0x10040 64 r\n"         /* space 2 */
	"30 dma 0x100 3 0x20040 64 r\n"         /* space 3 */
	"40 dma 0x100 3 0x10040 64 r\n"         /* fault 1: not in space 3 */
	"50 attach 0x100 1 3\n"                 /* PASID 1 now space 3 */
	"60 dma 0x100 1 0x20040 64 r\n"         /* the new CD (the old one: a fault) */
	"80 unmap 3 0x20000 4K\n"
	"90 inval 3 0x20000 4K\n"
	"100 dma 0x100 3 0x20040 64 r\n";       /* fault 2 (a stale TLB entry would hit) */

static int run_pasid(const char *kind, const char *mode, const char *trace)
{
	char yaml[512];
	const char *args[] = { "run", "p.yaml", "--mode", mode, "-q", "-o", "p.json", NULL };

	snprintf(yaml, sizeof(yaml),
		 "name: p\niommu: { kind: %s }\n"
		 "software: { driver: kernel, setup: nested, guest_ram: 1G, map_chunk: 4K }\n"
		 "devices:\n  - { name: d, sid: 0x100, outstanding: 1, trace: t.txt }\n", kind);
	st_write("t.txt", trace);
	st_write("p.yaml", yaml);
	unlink(st_path("p.json"));
	return st_iommusim(args);
}

TEST(SimKernel, SmmuNestedPasidsAreTheGuestsCds)
{
	static const char *const modes[] = { "fast", "lt" };
	char *e;

	for (unsigned i = 0; i < 2; i++) {
		json_t *j;

		if (run_pasid("smmuv3", modes[i], PASID_TRACE)) {
			e = st_stderr();
			simtest_fail(__FILE__, __LINE__, "%s: %s", modes[i], e ? e : "");
			free(e);
			continue;
		}
		j = st_load_json(st_path("p.json"));
		ASSERT_TRUE(j != NULL);
		EXPECT_EQ(st_num(j, "statistics.requests"), 6);
		if (st_num(j, "statistics.faults.count") != 2)
			simtest_fail(__FILE__, __LINE__, "%s: %g faults, want 2", modes[i],
				     st_num(j, "statistics.faults.count"));
		EXPECT_EQ(st_num(j, "statistics.software.attaches"), 4);
		EXPECT_EQ(st_num(j, "statistics.invalidations.count"), 1);
		json_decref(j);
	}
	/* beyond the guest's 64 CDs, and VT-d: refused, saying why */
	EXPECT_NE(run_pasid("smmuv3", "fast", "#iommusim-trace v1\n0 attach 0x100 64 1\n"), 0);
	e = st_stderr();
	EXPECT_TRUE(e && strstr(e, "t.txt:2: attach (device 'd' at 0 ps): attach with PASID 64: "
				   "the guest's CD table holds SubstreamIDs 0..63"));
	free(e);
	EXPECT_NE(run_pasid("vtd", "fast", PASID_TRACE), 0);
	e = st_stderr();
	EXPECT_TRUE(e && strstr(e, "attach with PASID 1: the 6.12 VFIO uAPI attaches whole devices"));
	free(e);
}
