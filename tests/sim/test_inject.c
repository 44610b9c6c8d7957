// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fault injection (sim/inject): the isolation checker's verdicts, and each
 * fault model on a small trace whose outcome is known, on both IOMMUs with
 * the direct set-up (the kernel set-up: test_kernel.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "isolation.h"
#include "outcome.h"
#include "report.h"
#include "sim_inject.h"
#include "simtest.h"
#include "st_util.h"

/* ---- the checker alone ---------------------------------------------------- */

static enum iso_verdict check(struct iso_checker *c, uint64_t iova, uint8_t access,
			      sim_time_t t, uint64_t tpa)
{
	struct xlate_req req = { .iova = iova, .access = access, .len = 8, .t_issue = t };
	char why[240];

	return iso_check(c, 0, &req, true, tpa, why, sizeof(why));
}

TEST(Isolation, MappedPagesOnlyWithTheirAccess)
{
	struct iso_checker *c = iso_create();

	ASSERT_TRUE(c != NULL);
	ASSERT_EQ(iso_attach(c, 0, false, 0, 1), 0);
	ASSERT_EQ(iso_map(c, 0, 1, 0x10000, 0x2000, 0x900000, XLATE_READ), 0);
	ASSERT_EQ(iso_map(c, 0, 1, 0x20000, 0x1000, 0xa00000, XLATE_READ | XLATE_WRITE), 0);
	EXPECT_EQ(check(c, 0x11008, XLATE_READ, 0, 0x901008), ISO_OK);
	/* a write where only reads are mapped */
	EXPECT_EQ(check(c, 0x11008, XLATE_WRITE, 0, 0x901008), ISO_BREACH);
	/* the other mapping's page, writable there: wrong but permitted */
	EXPECT_EQ(check(c, 0x11008, XLATE_WRITE, 0, 0xa00008), ISO_SDC);
	/* a page no mapping names */
	EXPECT_EQ(check(c, 0x11008, XLATE_READ, 0, 0xb00000), ISO_BREACH);
	iso_destroy(c);
}

TEST(Isolation, UnmappedStaysReachableUntilItsInvalidation)
{
	struct iso_checker *c = iso_create();

	ASSERT_TRUE(c != NULL);
	iso_attach(c, 0, false, 0, 1);
	iso_map(c, 0, 1, 0x10000, 0x3000, 0x900000, XLATE_READ);
	/* the middle page goes; the guest invalidates it later, done at 500 */
	ASSERT_EQ(iso_unmap(c, 0, 1, 0x11000, 0x1000, false, 100), 0);
	EXPECT_EQ(check(c, 0x10000, XLATE_READ, 200, 0x900000), ISO_OK);
	EXPECT_EQ(check(c, 0x12000, XLATE_READ, 200, 0x902000), ISO_OK);
	EXPECT_EQ(check(c, 0x11000, XLATE_READ, 200, 0x901000), ISO_OK);  /* stale, permitted */
	iso_inval(c, 0, 1, 0x11000, 0x1000, 500);
	EXPECT_EQ(check(c, 0x11000, XLATE_READ, 499, 0x901000), ISO_OK);
	EXPECT_EQ(check(c, 0x11000, XLATE_READ, 500, 0x901000), ISO_BREACH);
	/* an unmap that invalidated itself: reachable until its completion */
	ASSERT_EQ(iso_unmap(c, 0, 1, 0x10000, 0x1000, true, 700), 0);
	EXPECT_EQ(check(c, 0x10000, XLATE_READ, 699, 0x900000), ISO_OK);
	EXPECT_EQ(check(c, 0x10000, XLATE_READ, 700, 0x900000), ISO_BREACH);
	iso_destroy(c);
}

TEST(Isolation, PasidsReachTheirOwnSpaces)
{
	struct iso_checker *c = iso_create();
	struct xlate_req req = { .iova = 0x1000, .access = XLATE_READ, .len = 8,
				 .has_pasid = true, .pasid = 7 };
	char why[240];

	ASSERT_TRUE(c != NULL);
	iso_attach(c, 0, false, 0, 1);
	iso_attach(c, 0, true, 7, 2);
	iso_map(c, 0, 1, 0x1000, 0x1000, 0x100000, XLATE_READ);
	iso_map(c, 0, 2, 0x1000, 0x1000, 0x200000, XLATE_READ);
	EXPECT_EQ(iso_check(c, 0, &req, true, 0x200000, why, sizeof(why)), ISO_OK);
	/* PASID 7 reaching the RID space's page: another of the device's pages */
	EXPECT_EQ(iso_check(c, 0, &req, true, 0x100000, why, sizeof(why)), ISO_SDC);
	/* an unattached PASID falls to the RID attachment */
	req.pasid = 9;
	EXPECT_EQ(iso_check(c, 0, &req, true, 0x100000, why, sizeof(why)), ISO_OK);
	iso_destroy(c);
}

/* ---- fault models on a known trace ----------------------------------------- */

/* A page mapped and used, unmapped (the driver invalidates), used again. */
static const char *TR_UNMAP =
	"#iommusim-trace v1\n"
	"0 attach 0x100 - 1\n"
	"0 map 1 0x40000000 4096 0x200000000 rw\n"
	"10 dma 0x100 - 0x40000000 64 w\n"
	"100 unmap 1 0x40000000 4096\n"
	"1000 dma 0x100 - 0x40000000 64 w\n";

/* A read-only page read twice, then written. */
static const char *TR_RO =
	"#iommusim-trace v1\n"
	"0 attach 0x100 - 1\n"
	"0 map 1 0x40000000 4096 0x200000000 r\n"
	"10 dma 0x100 - 0x40000000 64 r\n"
	"20 dma 0x100 - 0x40000000 64 r\n"
	"30 dma 0x100 - 0x40000000 64 w\n";

/* One DMA to a page never mapped. */
static const char *TR_UNMAPPED =
	"#iommusim-trace v1\n"
	"0 attach 0x100 - 1\n"
	"0 map 1 0x40000000 4096 0x200000000 rw\n"
	"10 dma 0x100 - 0x50000000 64 w\n";

struct inj_case_result {
	struct sim_inj_outcome o;
	uint64_t faults;
	double model_stat;
	bool ok;
};

/* Run trace on iommu (direct stage 2, fast) with spec injected; stat: a model counter. */
static struct inj_case_result inj_run(const char *iommu, const char *trace, const char *spec,
				      const char *stat)
{
	struct inj_case_result out = { 0 };
	struct scenario *sc = calloc(1, sizeof(*sc));
	struct sim_inj_spec s;
	struct sim_inject *in = NULL;
	struct sim_err err;
	char yaml[512];
	bool usage;
	json_t *rep = NULL;

	st_write("t.txt", trace);
	snprintf(yaml, sizeof(yaml),
		 "name: inj\nseed: 1\niommu: { kind: %s }\n"
		 "software: { driver: direct, setup: stage2 }\nrun: { mode: fast }\n"
		 "devices:\n  - { name: d, sid: 0x100, trace: t.txt }\n", iommu);
	if (!sc || scenario_load(sc, st_write("inj.yaml", yaml), NULL, 0, &err) ||
	    sim_inj_parse(spec, &s, &err) || !(in = sim_inject_create(&s, 1000000000ULL, &err))) {
		simtest_fail(__FILE__, __LINE__, "%s", err.msg);
		goto out;
	}
	rep = sim_run_scenario_inj(sc, false, simtest_tmpdir(), in, &usage, &err);
	if (!rep) {
		simtest_fail(__FILE__, __LINE__, "%s", err.msg);
		goto out;
	}
	out.o = *sim_inject_outcome(in);
	out.faults = (uint64_t)st_num(json_object_get(rep, "statistics"), "faults.count");
	out.model_stat = stat ? st_model(rep, stat) : 0;
	out.ok = true;
out:
	json_decref(rep);
	sim_inject_destroy(in);
	free(sc);
	return out;
}

static const char *const IOMMUS[] = { "vtd", "smmuv3" };

/* The fault fired, isolation held, and the run saw lo..hi faults. */
static void expect_contained(const struct inj_case_result *r, uint64_t lo, uint64_t hi)
{
	ASSERT_TRUE(r->ok);
	EXPECT_TRUE(r->o.fired);
	EXPECT_EQ(r->o.breach, 0u);
	EXPECT_EQ(r->o.sdc, 0u);
	EXPECT_GE(r->faults, lo);
	EXPECT_LE(r->faults, hi);
}

TEST(Inject, WithoutInjectionTheUnmappedPageFaults)
{
	for (int i = 0; i < 2; i++) {
		struct inj_case_result r = inj_run(IOMMUS[i], TR_UNMAP, "none", NULL);

		ASSERT_TRUE(r.ok);
		EXPECT_EQ(r.o.checked, 1u);
		EXPECT_EQ(r.o.breach, 0u);
		EXPECT_EQ(r.o.sdc, 0u);
		EXPECT_EQ(r.faults, 1u);
		EXPECT_FALSE(r.o.fired);
	}
}

/* The issue's example: a dropped invalidation after unmap, then DMA there. */
TEST(Inject, DroppedOrSkippedInvalidationAfterUnmapIsABreach)
{
	static const char *const specs[] = {
		"inval-skip:at=req:0",                  /* the driver forgets it */
		"inval-drop:at=req:0,class=tlb",        /* the hardware ignores it */
		"inval-delay:at=req:0,class=tlb,delay=100000",  /* performed 100 us late */
	};

	for (int i = 0; i < 2; i++)
		for (unsigned k = 0; k < 3; k++) {
			struct inj_case_result r = inj_run(IOMMUS[i], TR_UNMAP, specs[k], NULL);

			ASSERT_TRUE(r.ok);
			EXPECT_TRUE(r.o.fired);
			EXPECT_EQ(r.o.breach, 1u);
			EXPECT_EQ(r.faults, 0u);
			EXPECT_TRUE(strstr(r.o.first_flag, "iova 0x40000000") != NULL);
		}
}

TEST(Inject, InvalidationLateButBeforeTheDmaIsHarmless)
{
	for (int i = 0; i < 2; i++) {
		/* 1 ns late: performed before the DMA at 1000 ns, which faults */
		struct inj_case_result r =
			inj_run(IOMMUS[i], TR_UNMAP, "inval-delay:at=req:0,class=tlb,delay=1", NULL);

		expect_contained(&r, 1, 1);
	}
}

TEST(Inject, WalkAbortIsAnArchitecturalFault)
{
	static const char *const specs[] = {
		"walk-abort:at=req:0,table=pt_s2",
		"walk-abort:at=req:0,table=pt_s2,skip=1",
	};

	for (int i = 0; i < 2; i++)
		for (unsigned k = 0; k < 2; k++) {
			struct inj_case_result r = inj_run(IOMMUS[i], TR_RO, specs[k], NULL);

			/* the first read aborts; the write faults on permission anyway */
			expect_contained(&r, 2, 2);
		}
}

/*
 * Bit flips that hand out a page the device may not reach, on VT-d and on
 * SMMUv3: how many DMAs breach, and what the first flag names.
 */
struct flip_case {
	const char *name;
	const char *spec[2];    /* VT-d, SMMUv3 */
	uint64_t breaches;
	const char *flag;
};

static const struct flip_case flips[] = {
	/* bit 30 of the 4K leaf: the page 1 GiB away (VT-d numbers the leaf 1, VMSA 3); both reads */
	{ "leaf address in memory",
	  { "table-flip:at=req:0,table=pt_s2,level=1,bit=30",
	    "table-flip:at=req:0,table=pt_s2,level=3,bit=30" }, 2, "0x240000000" },
	/* the second read hits the upset entry: 12 + 18 = bit 30 */
	{ "cached output address",
	  { "cache-flip:at=req:1,cache=iotlb,field=out,bit=18",
	    "cache-flip:at=req:1,cache=tlb,field=out,bit=18" }, 1, "0x240000000" },
	/* VT-d rights[0] (unprivileged, no WPE) bit 1; SMMUv3 perm_user bit 1: the write passes */
	{ "cached write permission",
	  { "cache-flip:at=req:2,cache=iotlb,field=perm,bit=1",
	    "cache-flip:at=req:2,cache=tlb,field=perm,bit=4" }, 1, "without that access" },
};

TEST(Inject, FlipsThatMisdirectADmaAreBreaches)
{
	for (unsigned k = 0; k < sizeof(flips) / sizeof(flips[0]); k++)
		for (int i = 0; i < 2; i++) {
			struct inj_case_result r = inj_run(IOMMUS[i], TR_RO, flips[k].spec[i], NULL);

			ASSERT_TRUE(r.ok);
			EXPECT_TRUE(r.o.fired);
			EXPECT_EQ(r.o.breach, flips[k].breaches);
			EXPECT_EQ(r.o.sdc, 0u);
			EXPECT_TRUE(strstr(r.o.first_flag, flips[k].flag) != NULL);
			/* the write to the read-only page faults unless its permission flipped */
			EXPECT_EQ(r.faults, k == 2 ? 0u : 1u);
			if (!r.o.fired || r.o.breach != flips[k].breaches)
				simtest_fail(__FILE__, __LINE__, "%s on %s: %s", flips[k].name, IOMMUS[i],
					     r.o.what);
		}
}

TEST(Inject, FullFaultQueueDropsTheRecord)
{
	static const char *const stats[] = { "faults_suppressed", "evtq.dropped_full" };

	for (int i = 0; i < 2; i++) {
		struct inj_case_result none = inj_run(IOMMUS[i], TR_UNMAPPED, "none", stats[i]);
		struct inj_case_result r = inj_run(IOMMUS[i], TR_UNMAPPED,
						   "queue-full:at=req:0,queue=fault", stats[i]);

		ASSERT_TRUE(none.ok && r.ok);
		EXPECT_EQ(none.model_stat, 0);
		EXPECT_TRUE(r.o.fired);
		EXPECT_EQ(r.model_stat, 1);
		EXPECT_EQ(r.faults, 1u);        /* the request still faults */
	}
}

TEST(Inject, TornStreamTableEntryIsDetected)
{
	/* words 1..7 of the STE not yet written: stage 2's VTTB is 0, S2T0SZ 0 */
	struct inj_case_result r = inj_run("smmuv3", TR_RO, "torn:at=req:1,table=ste,bit=0",
					   NULL);

	expect_contained(&r, 2, 3);
	EXPECT_TRUE(strstr(r.o.what, "words 1..7") != NULL);
}

TEST(Inject, SpecsParseBackToThemselves)
{
	static const char *const specs[] = {
		"cache-flip:at=req:5,cache=iotlb,field=perm,pick=3,bit=7",
		"table-flip:at=t:2000,table=pasid,skip=2,bit=9,level=1",
		"walk-abort:at=req:0,table=any,skip=0",
		"inval-delay:at=req:1,class=cfg,skip=1,delay=250",
		"queue-full:at=req:9,queue=page_req,duration=30",
		"inval-skip:at=req:4",
	};
	struct sim_inj_spec s;
	struct sim_err err;
	char back[256];

	for (unsigned i = 0; i < sizeof(specs) / sizeof(specs[0]); i++) {
		ASSERT_EQ(sim_inj_parse(specs[i], &s, &err), 0);
		sim_inj_format(&s, back, sizeof(back));
		EXPECT_STREQ(back, specs[i]);
	}
	EXPECT_EQ(sim_inj_parse("nope:at=req:1", &s, &err), -1);
	EXPECT_TRUE(strstr(err.msg, "no fault model 'nope'") != NULL);
	EXPECT_EQ(sim_inj_parse("table-flip:at=req:x", &s, &err), -1);
	EXPECT_TRUE(strstr(err.msg, "bad at=req:x") != NULL);
	EXPECT_EQ(sim_inj_parse("cache-flip:at=req:1", &s, &err), -1);
	EXPECT_EQ(sim_inj_parse("torn:table=nothing", &s, &err), -1);
	EXPECT_EQ(sim_inj_parse("torn:bit", &s, &err), -1);
}

TEST(Inject, OutcomeClassesInTheirOrder)
{
	struct inj_run_result g = { 0 }, r;
	char why[256];

	strcpy(g.digest, "fnv1a64:1");
	g.o.data_digest = 42;
	r = g;
	EXPECT_EQ(inj_classify(&g, &r, why, sizeof(why)), INJ_MASKED);
	strcpy(r.digest, "fnv1a64:2");
	EXPECT_EQ(inj_classify(&g, &r, why, sizeof(why)), INJ_PERF);
	r.o.data_digest = 43;
	EXPECT_EQ(inj_classify(&g, &r, why, sizeof(why)), INJ_SDC);
	/* a kernel line the golden run did not print */
	r.o.log_total = 1;
	r.o.nlog = 1;
	strcpy(r.o.log[0], "simvtd0: invalidation wait did not complete");
	EXPECT_EQ(inj_classify(&g, &r, why, sizeof(why)), INJ_DETECTED);
	EXPECT_TRUE(strstr(why, "wait did not complete") != NULL);
	r.faults = 1;
	EXPECT_EQ(inj_classify(&g, &r, why, sizeof(why)), INJ_DETECTED);
	r.status = 4;
	EXPECT_EQ(inj_classify(&g, &r, why, sizeof(why)), INJ_DETECTED);
	r.o.sdc = 1;
	EXPECT_EQ(inj_classify(&g, &r, why, sizeof(why)), INJ_SDC);
	r.o.breach = 1;
	EXPECT_EQ(inj_classify(&g, &r, why, sizeof(why)), INJ_BREACH);
	r.o.hung = true;
	EXPECT_EQ(inj_classify(&g, &r, why, sizeof(why)), INJ_HANG);
	r.status = 3;
	EXPECT_EQ(inj_classify(&g, &r, why, sizeof(why)), INJ_SIM_ERROR);
}

TEST(Inject, WilsonIntervalHoldsTheRate)
{
	double lo, hi;

	inj_wilson95(0, 20, &lo, &hi);
	EXPECT_EQ(lo, 0);
	EXPECT_TRUE(fabs(hi - 0.161) < 0.001);
	inj_wilson95(500, 1000, &lo, &hi);
	EXPECT_TRUE(fabs(lo - 0.469) < 0.001);
	EXPECT_TRUE(fabs(hi - 0.531) < 0.001);
}

/* ---- the campaign command ----------------------------------------------------- */

static const char *CAMPAIGN_SCEN =
	"name: camp\nseed: 3\niommu: { kind: vtd }\n"
	"software: { driver: direct, setup: nested, guest_ram: 16G }\nrun: { mode: fast }\n"
	"devices:\n"
	"  - { name: nic, sid: 0x100, generator: nic, params: { count: 400, churn: 1 } }\n";

TEST(InjectCli, CountsAreTheSameForAnyJ)
{
	const char *scen = st_write("camp.yaml", CAMPAIGN_SCEN);
	const char *a[] = { "inject", scen, "--model", "all", "--count", "6", "-j", "1", "-o",
			    st_path("j1"), "-q", NULL };
	const char *b[] = { "inject", scen, "--model", "all", "--count", "6", "-j", "3", "-o",
			    st_path("j3"), "-q", NULL };
	char *ja, *jb, *ca, *cb;
	json_t *j;

	ASSERT_EQ(st_iommusim(a), 0);
	ASSERT_EQ(st_iommusim(b), 0);
	ja = st_read(st_path("j1/campaign.json"));
	jb = st_read(st_path("j3/campaign.json"));
	ca = st_read(st_path("j1/injections.csv"));
	cb = st_read(st_path("j3/injections.csv"));
	ASSERT_TRUE(ja && jb && ca && cb);
	EXPECT_STREQ(ja, jb);
	EXPECT_STREQ(ca, cb);
	j = json_loads(ja, 0, NULL);
	ASSERT_TRUE(j != NULL);
	/* every model, each class counted, nothing the simulator got wrong */
	EXPECT_EQ(json_object_size(json_object_get(j, "models")), (size_t)SIM_INJ_COUNT);
	for (int m = 0; m < SIM_INJ_COUNT; m++) {
		const json_t *mm = json_object_get(json_object_get(j, "models"), sim_inj_model_name(m));
		double total = 0;

		for (int c = 0; c < INJ_CLASS_COUNT; c++)
			total += json_number_value(json_object_get(json_object_get(mm,
						   inj_class_name(c)), "count"));
		EXPECT_EQ(total, 6);
		EXPECT_EQ(json_integer_value(json_object_get(json_object_get(mm, "simulator-error"),
							     "count")), 0);
	}
	/* each injection not masked carries its reproducer */
	for (size_t i = 0; i < json_array_size(json_object_get(j, "not_masked")); i++) {
		const json_t *e = json_array_get(json_object_get(j, "not_masked"), i);

		EXPECT_TRUE(strstr(json_string_value(json_object_get(e, "reproducer")),
				   "iommusim run ") != NULL);
		EXPECT_TRUE(strstr(json_string_value(json_object_get(e, "reproducer")),
				   "--inject '") != NULL);
	}
	json_decref(j);
	free(ja);
	free(jb);
	free(ca);
	free(cb);
}

TEST(InjectCli, ReproducerRepeatsTheInjection)
{
	const char *scen = st_write("camp.yaml", CAMPAIGN_SCEN);
	const char *args[] = { "run", scen, "--inject", "inval-skip:at=req:100", "-q", "-o",
			       st_path("r.json"), NULL };
	json_t *rep;

	ASSERT_EQ(st_iommusim(args), 0);
	rep = st_load_json(st_path("r.json"));
	ASSERT_TRUE(rep != NULL);
	EXPECT_STREQ(json_string_value(report_at(rep, "inject.spec")), "inval-skip:at=req:100");
	EXPECT_TRUE(json_is_true(report_at(rep, "inject.fired")));
	EXPECT_TRUE(st_num(rep, "inject.isolation.checked") > 0);
	json_decref(rep);
}

TEST(InjectCli, BadArgumentsAreUsageErrors)
{
	const char *scen = st_write("camp.yaml", CAMPAIGN_SCEN);
	const char *bad_model[] = { "inject", scen, "--model", "gamma-ray", "--count", "1", NULL };
	const char *no_count[] = { "inject", scen, "--model", "all", NULL };
	const char *bad_spec[] = { "run", scen, "--inject", "table-flip:level=9", NULL };
	const char *rtl[] = { "run", scen, "--set", "iommu.rtl=lockstep", "--inject",
			      "cache-flip:cache=iotlb", NULL };
	char *e;

	EXPECT_EQ(st_iommusim(bad_model), 2);
	EXPECT_EQ(st_iommusim(no_count), 2);
	EXPECT_EQ(st_iommusim(bad_spec), 2);
	e = st_stderr();
	ASSERT_TRUE(e != NULL);
	EXPECT_TRUE(strstr(e, "bad level=9") != NULL);
	free(e);
	/* an upset line would be the RTL lock-step's mismatch, not a finding */
	EXPECT_EQ(st_iommusim(rtl), 2);
	e = st_stderr();
	ASSERT_TRUE(e != NULL);
	EXPECT_TRUE(strstr(e, "use iommu.rtl: off") != NULL);
	free(e);
}
