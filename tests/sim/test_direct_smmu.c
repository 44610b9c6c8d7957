// SPDX-License-Identifier: GPL-2.0-only
/*
 * The direct SMMUv3 set-up: stream table, CDs and VMSAv8-64 tables written
 * by the simulator, invalidation through the command queue. Mapped IOVAs
 * translate to what the trace's map said, the nested walk costs what a
 * two-dimensional 4-level walk costs, unmap + invalidation makes the next
 * DMA fault with the SMMU's event id, the event queue is drained, and the
 * LT platform and the fast path (also iommusim-fast) agree.
 */
#include <stdio.h>
#include <string.h>

#include "model_stat.h"
#include "pmem.h"
#include "run.h"
#include "sd_util.h"
#include "simtest.h"
#include "smmu_regs.h"
#include "st_util.h"

static struct scenario sc;
static struct sim_run run;

/* iommu_extra / sw_extra: ", key: value" appended to those sections */
static int setup3(const char *iommu_extra, const char *setup_kind, const char *sw_extra,
		  const char *trace)
{
	char yaml[2048];

	snprintf(yaml, sizeof(yaml),
		 "name: ds\niommu: { kind: smmuv3%s }\n"
		 "software: { driver: direct, setup: %s, guest_ram: 64G%s }\n"
		 "run: { mode: fast }\n"
		 "devices:\n  - { name: x, sid: 0x0108, outstanding: 1, trace: t.txt }\n",
		 iommu_extra, setup_kind, sw_extra);
	return sd_start(&sc, &run, "ds.yaml", yaml, trace);
}

static int setup(const char *setup_kind, const char *sw_extra, const char *trace)
{
	return setup3("", setup_kind, sw_extra, trace);
}

static int apply_all(void)
{
	return st_run_controls(&run);
}

/*
 * Each control step 10 us after the one before: the command queue has
 * drained by then, so an invalidation's cost is its own commands' time.
 */
static int control(enum trace_kind kind, uint32_t as, uint64_t iova, uint64_t size)
{
	static sim_time_t now;
	struct trace_event ev = { .kind = kind, .as = as, .iova = iova, .size = size,
				  .time = now += 10 * 1000 * 1000 };
	struct sim_err err;

	if (sim_run_control(&run, 0, &ev, &err)) {
		simtest_fail(__FILE__, __LINE__, "%s", err.msg);
		return -1;
	}
	return 0;
}

static struct xlate_res xl(uint64_t iova, uint8_t access, int pasid)
{
	static sim_time_t now = 1000000000;

	return st_translate(&run, &now, iova, access, pasid);
}

/* A model counter by name; fails the test when the model has none. */
static uint64_t model_stat(const char *name)
{
	uint64_t v = 0;

	if (!model_stat_find(run.model, name, &v))
		simtest_fail(__FILE__, __LINE__, "model has no counter %s", name);
	return v;
}

TEST(SimDirectSmmu, Stage2MapsTranslateAsTheTraceSays)
{
	static const char *trace =
		"#iommusim-trace v1\n" SD_STAGE2_MAPS
		"0 map 2 0x10000 4K 0x380000000 w\n";
	struct xlate_res r, ro_write, past_end;

	ASSERT_OK(setup("stage2", "", trace));
	ASSERT_OK(apply_all());
	EXPECT_STREQ(run.sw->ops->name, "direct-smmuv3");
	EXPECT_STREQ(run.sw->kernel_version, "none");
	sd_expect_stage2_maps(xl, &ro_write, &past_end);
	EXPECT_EQ(ro_write.fault_code, EVT_F_PERMISSION);
	EXPECT_EQ(past_end.fault_code, EVT_F_TRANSLATION);
	/* Replace: the STE now points at space 2 (another VMID, another table) */
	ASSERT_OK(control(TRACE_ATTACH, 2, 0, 0));
	r = xl(0x10010, XLATE_WRITE, -1);
	EXPECT_EQ(r.status, XLATE_OK);
	EXPECT_EQ(r.pa, 0x380000010ULL);
	r = xl(0x11000, XLATE_READ, -1);            /* space 1 only */
	EXPECT_EQ(r.fault_code, EVT_F_TRANSLATION);
	EXPECT_EQ(run.sw->st.attaches, 2);
	EXPECT_EQ(run.sw->st.maps, 3);
	/* both faults of stage 2 were recorded (STE.S2R) */
	EXPECT_EQ(model_stat("evtq.records"), 3);
	sim_run_fini(&run);
}

TEST(SimDirectSmmu, Stage2RefusesPasidWithTheTraceLine)
{
	struct xlate_req req;
	struct trace_event ev;
	struct sim_err err;

	ASSERT_OK(setup("stage2", "", "#iommusim-trace v1\n0 attach 0x108 - 1\n"
				      "0 attach 0x108 5 2\n"));
	ASSERT_EQ(sim_device_next(&run, &run.dev[0], &req, &ev, &err), SIM_STEP_CTRL);
	ASSERT_OK(sim_run_control(&run, 0, &ev, &err));
	ASSERT_EQ(sim_device_next(&run, &run.dev[0], &req, &ev, &err), SIM_STEP_CTRL);
	EXPECT_EQ(sim_run_control(&run, 0, &ev, &err), -1);
	EXPECT_TRUE(strstr(err.msg, "t.txt:3:") != NULL);
	EXPECT_TRUE(strstr(err.msg, "PASID 5 needs setup: nested") != NULL);
	sim_run_fini(&run);
}

/*
 * With every cache off a nested 4 KiB translation reads 4 stage-1
 * descriptors, each at an IPA that takes a 4-level stage-2 walk, and the
 * output IPA one more: 4 * 4 + 4 + 4 = 24. Stage-2 2 MiB blocks end each
 * stage-2 walk a level early: 4 * 3 + 4 + 3 = 19.
 */
TEST(SimDirectSmmu, NestedWalkCostsTwoDimensions)
{
	static const char *trace =
		"#iommusim-trace v1\n"
		"0 attach 0x108 - 1\n"
		"0 map 1 0x7000 8K 0x123456000 rw\n";
	static const char *off =
		", caches: { tlb: { sets: 0, ways: 0 }, s1_walk: { sets: 0, ways: 0 }, "
		"s2_walk: { sets: 0, ways: 0 } }";
	static const struct { const char *page; unsigned refs; } cases[] = {
		{ "4K", 24 }, { "2M", 19 }, { "1G", 14 },
	};
	struct xlate_res r;

	for (unsigned i = 0; i < 3; i++) {
		char page[32];

		snprintf(page, sizeof(page), ", stage2_page: %s", cases[i].page);
		ASSERT_OK(setup3(off, "nested", page, trace));
		ASSERT_OK(apply_all());
		for (int rep = 0; rep < 2; rep++) {
			r = xl(0x8010, XLATE_WRITE, -1);
			EXPECT_EQ(r.status, XLATE_OK);
			/* IOVA -> GPA (the map's pa) -> HPA = guest RAM base + GPA */
			EXPECT_EQ(r.pa, PMEM_DEVICE_BASE + 0x123457010ULL);
			EXPECT_FALSE(r.tlb_hit);
			EXPECT_EQ(r.walk_refs, cases[i].refs);
		}
		sim_run_fini(&run);
	}
	/* Stage 2 alone from level 0: 4 reads for a page, 3 for a 2 MiB block */
	ASSERT_OK(setup3(off, "stage2", "", "#iommusim-trace v1\n0 attach 0x108 - 1\n"
			 "0 map 1 0x7000 4K 0x300000000 rw\n0 map 1 0x200000 2M 0x300200000 r\n"));
	ASSERT_OK(apply_all());
	r = xl(0x7010, XLATE_READ, -1);
	EXPECT_EQ(r.walk_refs, 4);
	EXPECT_EQ(r.pa, 0x300000010ULL);
	r = xl(0x212340, XLATE_READ, -1);
	EXPECT_EQ(r.walk_refs, 3);
	EXPECT_EQ(r.pa, 0x300212340ULL);
	sim_run_fini(&run);
	/* Caches on: after the first walk the TLB answers without a reference */
	ASSERT_OK(setup("nested", ", stage2_page: 4K", trace));
	ASSERT_OK(apply_all());
	/*
	 * The CD fetch's stage-2 walk filled the stage-2 walk cache for the
	 * top of guest RAM, where the guest's tables are: 1 read for each
	 * stage-1 table IPA, 4 stage-1 reads, 3 for the output IPA (level 0
	 * cached): 11.
	 */
	r = xl(0x7010, XLATE_READ, -1);
	EXPECT_EQ(r.walk_refs, 11);
	EXPECT_FALSE(r.tlb_hit);
	for (int i = 0; i < 10; i++) {
		r = xl(0x7010 + i * 8, XLATE_READ, -1);
		EXPECT_TRUE(r.tlb_hit);
		EXPECT_EQ(r.walk_refs, 0);
		EXPECT_EQ(r.pa, PMEM_DEVICE_BASE + 0x123456010ULL + i * 8);
	}
	/* the next page: both walk caches hold its tables, one read at each stage */
	r = xl(0x8010, XLATE_READ, -1);
	EXPECT_FALSE(r.tlb_hit);
	EXPECT_EQ(r.walk_refs, 2);
	EXPECT_EQ(model_stat("xlate.tlb_hits"), 10);
	sim_run_fini(&run);
}

TEST(SimDirectSmmu, NestedUnmapNeedsTheGuestsInvalidation)
{
	static const char *trace =
		"#iommusim-trace v1\n"
		"0 attach 0x108 - 1\n"
		"0 map 1 0x7000 8K 0x123456000 rw\n"
		"0 attach 0x108 5 2\n"
		"0 map 2 0x7000 4K 0x200000000 r\n";
	struct xlate_res r;
	uint64_t want;

	ASSERT_OK(setup("nested", ", stage2_page: 2M", trace));
	ASSERT_OK(apply_all());
	r = xl(0x8010, XLATE_WRITE, -1);
	EXPECT_EQ(r.status, XLATE_OK);
	EXPECT_EQ(r.pa, PMEM_DEVICE_BASE + 0x123457010ULL);
	/* SubstreamID 5 selects CD 5: address space 2 with its own ASID */
	r = xl(0x7010, XLATE_READ, 5);
	EXPECT_EQ(r.status, XLATE_OK);
	EXPECT_EQ(r.pa, PMEM_DEVICE_BASE + 0x200000010ULL);
	r = xl(0x7010, XLATE_WRITE, 5);             /* read-only at stage 1 */
	EXPECT_EQ(r.fault_code, EVT_F_PERMISSION);
	r = xl(0x7010, XLATE_READ, 6);              /* CD 6 was never written */
	EXPECT_EQ(r.fault_code, EVT_C_BAD_CD);
	r = xl(0x7010, XLATE_READ, -1);             /* cached, for after the inval */
	EXPECT_EQ(r.status, XLATE_OK);
	/* The guest changed its table but did not invalidate: the TLB still hits. */
	ASSERT_OK(control(TRACE_UNMAP, 1, 0x8000, 4096));
	r = xl(0x8010, XLATE_WRITE, -1);
	EXPECT_EQ(r.status, XLATE_OK);
	EXPECT_TRUE(r.tlb_hit);
	EXPECT_EQ(run.sw->st.invals, 0);
	EXPECT_EQ(run.sw->st.inval_cost_ps, 0);
	ASSERT_OK(control(TRACE_INVAL, 1, 0x8000, 4096));
	r = xl(0x8010, XLATE_WRITE, -1);
	EXPECT_EQ(r.status, XLATE_FAULT);
	EXPECT_EQ(r.fault_code, EVT_F_TRANSLATION);
	r = xl(0x7010, XLATE_READ, -1);             /* the other page is still mapped */
	EXPECT_EQ(r.status, XLATE_OK);
	EXPECT_TRUE(r.tlb_hit);
	EXPECT_EQ(r.pa, PMEM_DEVICE_BASE + 0x123456010ULL);
	r = xl(0x7010, XLATE_READ, 5);              /* and so is the other ASID's */
	EXPECT_TRUE(r.tlb_hit);
	EXPECT_EQ(run.sw->st.invals, 1);
	/* one range TLBI_NH_VA and its CMD_SYNC, as the model's queue timed them */
	want = timing_cycles(&sc.smmu.timing, sc.smmu.timing.inv_desc_cycles +
			     sc.smmu.timing.inv_sync_cycles);
	EXPECT_EQ(run.sw->st.inval_cost_ps, want);
	/* stage-1 faults are recorded (CD.R): permission, bad CD, translation */
	EXPECT_EQ(model_stat("evtq.records"), 3);
	EXPECT_EQ(model_stat("cmdq.errors"), 0);
	/* size 0: the whole ASID; the page of space 2 stays cached */
	ASSERT_OK(control(TRACE_INVAL, 1, 0, 0));
	r = xl(0x7010, XLATE_READ, -1);
	EXPECT_FALSE(r.tlb_hit);
	EXPECT_EQ(r.status, XLATE_OK);
	r = xl(0x7010, XLATE_READ, 5);
	EXPECT_TRUE(r.tlb_hit);
	sim_run_fini(&run);
}

/* Without range invalidation: one TLBI per page, the whole space beyond 64. */
TEST(SimDirectSmmu, Stage2UnmapInvalidatesPerPageWithoutRangeTlbi)
{
	static const char *trace =
		"#iommusim-trace v1\n"
		"0 attach 0x108 - 1\n"
		"0 map 1 0x100000 16K 0x300000000 rw\n"
		"0 map 1 0x200000 1M 0x310000000 rw\n";
	struct xlate_res r;
	uint64_t c0, desc = 0, sync = 0;

	ASSERT_OK(setup("stage2", "", trace));
	sim_run_fini(&run);
	sc.smmu.ril = false;
	{
		struct sim_err err;

		if (sim_run_init(&run, &sc, "", &err)) {
			simtest_fail(__FILE__, __LINE__, "%s", err.msg);
			return;
		}
	}
	ASSERT_OK(apply_all());
	r = xl(0x101000, XLATE_READ, -1);
	EXPECT_EQ(r.pa, 0x300001000ULL);
	r = xl(0x2ff000, XLATE_READ, -1);
	EXPECT_EQ(r.pa, 0x3100ff000ULL);
	desc = sc.smmu.timing.inv_desc_cycles;
	sync = sc.smmu.timing.inv_sync_cycles;
	c0 = model_stat("cmdq.commands");
	/* 4 pages: 4 TLBI_S2_IPA + CMD_SYNC */
	ASSERT_OK(control(TRACE_UNMAP, 1, 0x100000, 16384));
	EXPECT_EQ(model_stat("cmdq.commands") - c0, 5);
	EXPECT_EQ(run.sw->st.inval_cost_ps, timing_cycles(&sc.smmu.timing, 4 * desc + sync));
	r = xl(0x101000, XLATE_READ, -1);
	EXPECT_EQ(r.fault_code, EVT_F_TRANSLATION);
	/* 256 pages: one TLBI_S12_VMALL + CMD_SYNC */
	ASSERT_OK(control(TRACE_UNMAP, 1, 0x200000, 1 << 20));
	EXPECT_EQ(model_stat("cmdq.commands") - c0, 7);
	r = xl(0x2ff000, XLATE_READ, -1);
	EXPECT_EQ(r.fault_code, EVT_F_TRANSLATION);
	EXPECT_EQ(run.sw->st.invals, 2);
	EXPECT_EQ(run.sw->st.unmap_bytes, 16384 + (1 << 20));
	sim_run_fini(&run);
}

/*
 * StreamIDs 0x100 and 0x108 put their STEs 16 KiB into a linear stream
 * table of 512 entries (32 KiB). The table must be all the set-up's own:
 * it was once sized before the probe that counts the StreamID bits (one
 * page), so the STEs landed on the next pages the set-up handed out, the
 * address spaces' root tables. In the order the LT platform happens to
 * run two devices (the second device's attach first), the first device's
 * root table held its own STE and its map failed "already mapped".
 */
TEST(SimDirectSmmu, StreamTableHoldsEveryStreamWhateverTheAttachOrder)
{
	static const struct { unsigned dev; enum trace_kind kind; uint64_t iova, pa; } ops[] = {
		{ 1, TRACE_ATTACH, 0, 0 },
		{ 0, TRACE_ATTACH, 0, 0 },
		{ 0, TRACE_MAP, 0x40000000, 0x300000000 },
		{ 1, TRACE_MAP, 0x80000000, 0x340000000 },
	};
	char yaml[512];
	struct sim_err err;

	snprintf(yaml, sizeof(yaml),
		 "name: ds2\niommu: { kind: smmuv3 }\n"
		 "software: { driver: direct, setup: stage2 }\n"
		 "devices:\n"
		 "  - { name: a, sid: 0x100, trace: t.txt }\n"
		 "  - { name: b, sid: 0x108, trace: t.txt }\n");
	ASSERT_OK(sd_start(&sc, &run, "ds2.yaml", yaml, "#iommusim-trace v1\n"));
	for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		struct trace_event ev = { .kind = ops[i].kind, .as = 1, .iova = ops[i].iova,
					  .pa = ops[i].pa, .size = 4 << 20,
					  .access = XLATE_READ | XLATE_WRITE };

		if (sim_run_control(&run, ops[i].dev, &ev, &err))
			simtest_fail(__FILE__, __LINE__, "step %u: %s", i, err.msg);
	}
	for (unsigned dev = 0; dev < 2; dev++) {
		struct xlate_req req = {
			.sid = dev ? 0x108 : 0x100, .iova = ops[2 + dev].iova + 0x10, .len = 8,
			.access = XLATE_WRITE, .t_issue = 1000000000,
		};
		struct xlate_res res;

		sim_run_translate(&run, &req, &res);
		EXPECT_EQ(res.status, XLATE_OK);
		EXPECT_EQ(res.pa, ops[2 + dev].pa + 0x10);
	}
	EXPECT_EQ(model_stat("evtq.records"), 0);
	sim_run_fini(&run);
}

/* Faults keep being recorded: the software drains the event queue. */
TEST(SimDirectSmmu, EventQueueIsDrained)
{
	/* 300 DMAs to unmapped pages: more than the hardware holds at once */
	ASSERT_OK(setup("stage2", "", st_faulting_trace(300)));
	ASSERT_OK(sd_fast_run(&run));
	EXPECT_EQ(run.faults, 300);
	EXPECT_EQ(run.fault_codes[0][0], EVT_F_TRANSLATION);
	EXPECT_EQ(run.fault_codes[0][1], 300);
	EXPECT_EQ(model_stat("evtq.records"), 300);
	EXPECT_EQ(model_stat("evtq.dropped_full"), 0);
	sim_run_fini(&run);
}

TEST(SimDirectSmmu, ScenarioErrorsAreClear)
{
	struct sim_err err;
	static const char *const bad[][2] = {
		{ "preset: s1only", "needs an SMMUv3 with stage 2" },
		{ "preset: full", "stage1_levels 5" },
	};

	for (unsigned i = 0; i < 2; i++) {
		char yaml[1024];

		snprintf(yaml, sizeof(yaml),
			 "name: e\niommu: { kind: smmuv3, %s }\n"
			 "software: { driver: direct, setup: nested, stage1_levels: %d }\n"
			 "run: { mode: fast }\n"
			 "devices:\n  - { name: x, sid: 0x10, trace: t.txt }\n",
			 bad[i][0], i ? 5 : 4);
		st_write("t.txt", "#iommusim-trace v1\n");
		ASSERT_OK(scenario_load(&sc, st_write("e.yaml", yaml), NULL, 0, &err));
		EXPECT_EQ(sim_run_init(&run, &sc, "", &err), -1);
		EXPECT_TRUE(strstr(err.msg, bad[i][1]) != NULL);
		EXPECT_TRUE(strstr(err.msg, "e.yaml") != NULL);
	}
}

static json_t *run_bin(const char *bin, const char *scen, const char *mode, const char *out)
{
	const char *args[] = { "run", scen, "--mode", mode, "-q", "-o", out, NULL };
	int rc = st_run_bin(bin, args);

	if (rc) {
		char *e = st_stderr();

		simtest_fail(__FILE__, __LINE__, "%s run --mode %s: exit %d: %s", bin, mode, rc,
			     e ? e : "");
		free(e);
		return NULL;
	}
	return st_load_json(st_path(out));
}

/*
 * Both set-ups through the LT platform and the fast path (one device, so
 * the two engines see the same order): the same digest, from iommusim
 * and from iommusim-fast, which links no kernel side to need.
 */
TEST(SimDirectSmmu, LtAndFastAgreeAndTheFastBinaryRuns)
{
	static const char *const setups[] = { "stage2", "nested" };

	for (unsigned i = 0; i < 2; i++) {
		char yaml[1024];
		json_t *lt, *fast, *fb;

		snprintf(yaml, sizeof(yaml),
			 "name: lf\nseed: 7\n"
			 "iommu: { kind: smmuv3, caches: { tlb: { sets: 16, ways: 2 } } }\n"
			 "software: { driver: direct, setup: %s, guest_ram: 32G }\n"
			 "run: { mode: lt, quantum: 2us }\n"
			 "devices:\n"
			 "  - { name: n, sid: 0x300, outstanding: 8, generator: nic, "
			 "params: { count: 300, churn: 1 } }\n"
			 "control:\n  - { at: 20us, op: inval, device: n, as: 1 }\n", setups[i]);
		st_write("lf.yaml", yaml);
		lt = run_bin(IOMMUSIM_BIN, "lf.yaml", "lt", "lt.json");
		fast = run_bin(IOMMUSIM_BIN, "lf.yaml", "fast", "fast.json");
		fb = run_bin(IOMMUSIM_FAST_BIN, "lf.yaml", "fast", "fb.json");
		ASSERT_TRUE(lt && fast && fb);
		EXPECT_STREQ(json_string_value(json_object_get(lt, "digest")),
			     json_string_value(json_object_get(fast, "digest")));
		EXPECT_STREQ(json_string_value(json_object_get(fb, "digest")),
			     json_string_value(json_object_get(fast, "digest")));
		EXPECT_GT(st_num(fast, "statistics.requests"), 300);
		EXPECT_EQ(st_num(fast, "statistics.faults.count"), 0);
		EXPECT_GT(st_model(fast, "tlb.hits"), 0);
		/*
		 * churn: the guest's inval per packet, plus the control step;
		 * stage 2 also invalidates at each unmap (host driver)
		 */
		EXPECT_EQ(st_num(fast, "statistics.invalidations.count"), i ? 301 : 601);
		/*
		 * each is one TLBI and a CMD_SYNC, 120 cycles at 1 GHz, plus
		 * its wait behind earlier commands: the churn issues them
		 * faster than the queue retires them (exact costs with an
		 * idle queue: the tests above)
		 */
		EXPECT_GT(st_num(fast, "statistics.invalidations.cost_ns_total"),
			  (i ? 301 : 601) * 120);
		EXPECT_EQ(st_num(fast, "statistics.invalidations.cost_ns_total"),
			  st_num(lt, "statistics.invalidations.cost_ns_total"));
		EXPECT_EQ(st_model(fast, "cmdq.errors"), 0);
		json_decref(lt);
		json_decref(fast);
		json_decref(fb);
	}
}

/* The shipped scenario runs without a kernel, PASID traffic included. */
TEST(SimDirectSmmu, ShippedScenarioRunsInTheFastBinary)
{
	json_t *j = run_bin(IOMMUSIM_FAST_BIN, SCENARIOS_DIR "/smmuv3-direct.yaml", "fast",
			    "sd.json");

	ASSERT_TRUE(j != NULL);
	EXPECT_EQ(st_num(j, "statistics.faults.count"), 0);
	EXPECT_GT(st_num(j, "statistics.requests"), 2000);
	EXPECT_GT(st_model(j, "tlb.hits"), 0);
	EXPECT_EQ(st_model(j, "cmdq.errors"), 0);
	json_decref(j);
}
