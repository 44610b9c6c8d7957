// SPDX-License-Identifier: GPL-2.0-only
/*
 * The direct VT-d set-up: after a trace's attach/map events, every mapped
 * IOVA translates to what the map said (the trace is the reference),
 * unmapped ones fault, and invalidation makes unmaps visible. A 1 TiB
 * guest with scattered mappings costs host memory only for its tables.
 */
#include <stdio.h>
#include <string.h>

#include "pmem.h"
#include "run.h"
#include "sd_util.h"
#include "simtest.h"
#include "st_util.h"

static struct scenario sc;
static struct sim_run run;

static int setup(const char *setup_kind, const char *guest_ram, const char *trace)
{
	char yaml[1024];

	snprintf(yaml, sizeof(yaml),
		 "name: d\nsoftware: { driver: direct, setup: %s, guest_ram: %s, stage2_page: 2M }\n"
		 "run: { mode: fast }\n"
		 "devices:\n  - { name: x, sid: 0x0108, outstanding: 1, trace: t.txt }\n",
		 setup_kind, guest_ram);
	return sd_start(&sc, &run, "d.yaml", yaml, trace);
}

/* Apply every control event of the trace (no DMA in these traces). */
static int apply_all(void)
{
	return st_run_controls(&run);
}

static struct xlate_res xl(uint64_t iova, uint8_t access, int pasid)
{
	static sim_time_t now = 1000000000;

	return st_translate(&run, &now, iova, access, pasid);
}

TEST(SimDirect, Stage2MapsTranslateAsTheTraceSays)
{
	static const char *trace =
		"#iommusim-trace v1\n" SD_STAGE2_MAPS
		"0 attach 0x108 5 2\n"
		"0 map 2 0x10000 4K 0x380000000 w\n";
	struct xlate_res r, ro_write, past_end;

	ASSERT_OK(setup("stage2", "16G", trace));
	ASSERT_OK(apply_all());
	sd_expect_stage2_maps(xl, &ro_write, &past_end);
	r = xl(0x10010, XLATE_WRITE, 5);            /* PASID 5 uses address space 2 */
	EXPECT_EQ(r.status, XLATE_OK);
	EXPECT_EQ(r.pa, 0x380000010ULL);
	EXPECT_EQ(run.sw->st.attaches, 2);
	EXPECT_EQ(run.sw->st.maps, 3);
	sim_run_fini(&run);
}

TEST(SimDirect, NestedUnmapNeedsTheGuestsInvalidation)
{
	static const char *trace =
		"#iommusim-trace v1\n"
		"0 attach 0x108 - 1\n"
		"0 map 1 0x7000 8K 0x123456000 rw\n"
		"1 unmap 1 0x8000 4K\n";
	struct xlate_res r;

	ASSERT_OK(setup("nested", "64G", trace));
	/* attach + map, then translate both pages before the unmap */
	{
		struct xlate_req req;
		struct trace_event ev;
		struct sim_err err;

		for (int i = 0; i < 2; i++) {
			ASSERT_EQ(sim_device_next(&run, &run.dev[0], &req, &ev, &err), SIM_STEP_CTRL);
			ASSERT_OK(sim_run_control(&run, 0, &ev, &err));
		}
		r = xl(0x8010, XLATE_WRITE, -1);
		EXPECT_EQ(r.status, XLATE_OK);
		/* nested: IOVA -> GPA (the map's pa) -> HPA = guest RAM base + GPA */
		EXPECT_EQ(r.pa, PMEM_DEVICE_BASE + 0x123457010ULL);
		EXPECT_FALSE(r.tlb_hit);
		/* more than the 4 first-stage reads: each table GPA goes through stage 2 */
		EXPECT_GT(r.walk_refs, 4);
		ASSERT_EQ(sim_device_next(&run, &run.dev[0], &req, &ev, &err), SIM_STEP_CTRL);
		ASSERT_OK(sim_run_control(&run, 0, &ev, &err));         /* the unmap */
	}
	/* The guest changed its table but did not invalidate: the IOTLB still hits. */
	r = xl(0x8010, XLATE_WRITE, -1);
	EXPECT_EQ(r.status, XLATE_OK);
	EXPECT_TRUE(r.tlb_hit);
	{
		struct sim_err err;
		struct trace_event inv = { .kind = TRACE_INVAL, .as = 1, .iova = 0x8000,
					   .size = 4096, .time = 2000 };

		ASSERT_OK(sim_run_control(&run, 0, &inv, &err));
	}
	r = xl(0x8010, XLATE_WRITE, -1);
	EXPECT_EQ(r.status, XLATE_FAULT);
	r = xl(0x7010, XLATE_READ, -1);             /* the other page is still mapped */
	EXPECT_EQ(r.status, XLATE_OK);
	EXPECT_EQ(r.pa, PMEM_DEVICE_BASE + 0x123456010ULL);
	EXPECT_EQ(run.sw->st.invals, 1);
	EXPECT_GT(run.sw->st.inval_cost_ps, 0);
	sim_run_fini(&run);
}

TEST(SimDirect, TerabyteGuestCostsOnlyTouchedTables)
{
	/* 2000 pages scattered over a 1 TiB guest, each in its own 1 GiB */
	static char trace[200000];
	size_t off = (size_t)snprintf(trace, sizeof(trace), "#iommusim-trace v1\n0 attach 0x108 - 1\n");
	struct xlate_res r;

	for (unsigned i = 0; i < 2000; i++)
		off += (size_t)snprintf(trace + off, sizeof(trace) - off,
					"0 map 1 0x%llx 4K 0x%llx rw\n",
					(unsigned long long)i << 31,
					((unsigned long long)(i * 7919 % 1024) << 30) + 0x5000);
	ASSERT_OK(setup("nested", "1T", trace));
	ASSERT_OK(apply_all());
	for (unsigned i = 0; i < 2000; i += 97) {
		r = xl(((uint64_t)i << 31) + 0x10, XLATE_READ, -1);
		EXPECT_EQ(r.status, XLATE_OK);
		EXPECT_EQ(r.pa, PMEM_DEVICE_BASE + ((uint64_t)(i * 7919 % 1024) << 30) + 0x5010);
	}
	/*
	 * Stage 1: at most 3 new table pages per scattered page; stage 2 with
	 * 2 MiB pages: one level-2 table per GiB touched (1024), a few above.
	 * A few thousand pages, whatever the 1 TiB span.
	 */
	EXPECT_LT(run.sw->st.table_pages, 3 * 2000 + 1024 + 64);
	EXPECT_LT(run.sw->st.table_pages * 4096, 64ULL << 20);
	sim_run_fini(&run);
}

/* Faults keep being recorded: the software drains the records (RW1C). */
TEST(SimDirect, FaultRecordsAreDrained)
{
	/* 300 DMAs to unmapped pages: more than the hardware holds at once */
	ASSERT_OK(setup("stage2", "1G", st_faulting_trace(300)));
	ASSERT_OK(sd_fast_run(&run));
	EXPECT_EQ(run.faults, 300);
	/* every fault was recorded: none suppressed by a full record set (PFO) */
	EXPECT_EQ(vtd_get_counters(run.model)->faults, 300);
	EXPECT_EQ(vtd_get_counters(run.model)->faults_suppressed, 0);
	sim_run_fini(&run);
}
