// SPDX-License-Identifier: GPL-2.0-only
/*
 * The iommusim command end to end (SystemC runs once per process, so
 * every platform run is a child process): exit codes, determinism of the
 * JSON report across runs and -j, LT = fast path for one device, AT
 * contention, sweeps, plots.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simtest.h"
#include "st_util.h"

/* One device on a churning NIC trace: maps, unmaps and invalidations race with DMA. */
static const char *ONE =
	"name: one\nseed: 3\n"
	"iommu: { kind: vtd, caches: { iotlb: { sets: 16, ways: 4 } } }\n"
	"software: { driver: direct, setup: nested, guest_ram: 16G }\n"
	"run: { mode: lt, quantum: 5us }\n"
	"devices:\n"
	"  - { name: nic, sid: 0x100, outstanding: 8, generator: nic, params: { count: 400, churn: 1 } }\n";

/* Two streaming devices on one memory channel, or one. */
static const char *CONTEND =
	"name: contend\nseed: 1\n"
	"software: { driver: direct, setup: stage2 }\n"
	"memory: { latency_ns: 80, bandwidth_mbps: 8000 }\n"
	"run: { mode: at }\n"
	"devices:\n"
	"  - { name: a, sid: 0x100, outstanding: 16, generator: pciebench,\n"
	"      params: { count: 2000, xfer: 256, window: 1M, bw: 16000 } }\n"
	"  - { name: b, sid: 0x200, outstanding: 16, generator: pciebench,\n"
	"      params: { count: 2000, xfer: 256, window: 1M, bw: 16000, iova: 0x80000000, pa: 0x200000000 } }\n";

static json_t *run_json(const char *scen, const char *mode, const char *out)
{
	const char *args[] = { "run", scen, "--mode", mode, "-q", "-o", out, NULL };
	int rc = st_iommusim(args);

	if (rc) {
		char *e = st_stderr();

		simtest_fail(__FILE__, __LINE__, "iommusim run --mode %s: exit %d: %s", mode, rc,
			     e ? e : "");
		free(e);
		return NULL;
	}
	return st_load_json(st_path(out));
}

/* bin run with args exits with status, and its stderr says msg. */
static void expect_exit(const char *bin, const char *const *args, int status, const char *msg)
{
	int rc = st_run_bin(bin, args);
	char *e = st_stderr();

	if (rc != status || !e || !strstr(e, msg)) {
		char cmd[512];
		size_t n = (size_t)snprintf(cmd, sizeof(cmd), "%s", bin);

		for (; *args && n < sizeof(cmd); args++)
			n += (size_t)snprintf(cmd + n, sizeof(cmd) - n, " %s", *args);
		simtest_fail(__FILE__, __LINE__, "%s: exit %d (want %d), stderr \"%s\" (want \"%s\")",
			     cmd, rc, status, e ? e : "", msg);
	}
	free(e);
}

TEST(SimCli, ExitCodes)
{
	const char *help[] = { "--help", NULL }, *ver[] = { "--version", NULL };
	const char *none[] = { NULL }, *bogus[] = { "frobnicate", NULL };
	const char *missing[] = { "run", "nope.yaml", NULL }, *twice[] = { "run", NULL };
	const char *bad[] = { "run", "bad.yaml", NULL };
	const char *gen[] = { "trace", "gen", "nic", "--set", "count=3", "-o", "g.txt", NULL };
	const char *stat[] = { "trace", "stat", "g.txt", NULL };
	char *o;

	EXPECT_EQ(st_iommusim(help), 0);
	o = st_read(st_path("stdout.txt"));
	EXPECT_TRUE(o && strstr(o, "usage: iommusim"));
	free(o);
	EXPECT_EQ(st_iommusim(ver), 0);
	o = st_read(st_path("stdout.txt"));
	EXPECT_TRUE(o && !strncmp(o, "iommusim ", 9));
	free(o);
	EXPECT_EQ(st_iommusim(none), 2);
	EXPECT_EQ(st_iommusim(bogus), 2);
	EXPECT_EQ(st_iommusim(twice), 2);
	expect_exit(IOMMUSIM_BIN, missing, 2, "nope.yaml: No such file or directory");
	st_write("bad.yaml", "name: b\ndevices:\n  - name: d\n    sid: 0x100\n    generator: nic\n"
			     "    params: { count: -4 }\n");
	expect_exit(IOMMUSIM_BIN, bad, 2, "bad.yaml:6: params: ");
	EXPECT_EQ(st_iommusim(gen), 0);
	EXPECT_EQ(st_iommusim(stat), 0);
	o = st_read(st_path("stdout.txt"));
	EXPECT_TRUE(o && strstr(o, "dma"));
	free(o);
}

TEST(SimCli, MalformedTraceMidRunIsBadInputInEveryMode)
{
	static const char *const modes[] = { "lt", "at", "fast" };

	st_write("bad.txt", "#iommusim-trace v1\n0 attach 0x100 - 1\n0 map 1 0x1000 4K 0x1000 rw\n"
			    "5 dma 0x100 - 0x1000 64 r\n6 dma 0x100 - 0x1000 64 q\n");
	st_write("bt.yaml", "name: bt\nsoftware: { driver: direct }\n"
			    "devices:\n  - { name: d, sid: 0x100, trace: bad.txt }\n");
	for (unsigned i = 0; i < 3; i++) {
		const char *args[] = { "run", "bt.yaml", "--mode", modes[i], "-q", "-o", "bt.json", NULL };

		expect_exit(IOMMUSIM_BIN, args, 2, "bad.txt:5: ");
		/* no report appears for a failed run */
		EXPECT_TRUE(st_read(st_path("bt.json")) == NULL);
	}
}

/* A control event the software refuses: the message names where it came from. */
TEST(SimCli, ControlErrorsNameTheirSource)
{
	const char *a1[] = { "run", "ce.yaml", "--mode", "lt", "-q", "-o", "ce.json", NULL };
	const char *a2[] = { "run", "ce2.yaml", "--mode", "fast", "-q", "-o", "ce.json", NULL };

	st_write("ce.txt", "#iommusim-trace v1\n0 attach 0x100 - 1\n0 map 1 0x1000 4K 0x1000 rw\n"
			   "1 map 1 0x1000 4K 0x2000 rw\n");       /* mapped twice */
	st_write("ce.yaml", "name: ce\nsoftware: { driver: direct }\n"
			    "devices:\n  - { name: d, sid: 0x100, trace: ce.txt }\n");
	expect_exit(IOMMUSIM_BIN, a1, 1, "ce.txt:4: map (device 'd' at 1000 ps): map: iova 0x1000 "
					 "of address space 1 is already mapped");
	st_write("ok.txt", "#iommusim-trace v1\n0 attach 0x100 - 1\n");
	st_write("ce2.yaml", "name: ce\nsoftware: { driver: direct }\n"
			     "devices:\n  - { name: d, sid: 0x100, trace: ok.txt }\n"
			     "control:\n  - { at: 1us, op: unmap, device: d, as: 7, iova: 0, size: 4K }\n");
	expect_exit(IOMMUSIM_BIN, a2, 1, "ce2.yaml:6: unmap (device 'd' at 1000000 ps): address "
					 "space 7 of device 0 was never used");
}

TEST(SimCli, ReportIsByteIdenticalAcrossRuns)
{
	char *a, *b;
	json_t *j;

	st_write("one.yaml", ONE);
	json_decref(run_json("one.yaml", "lt", "a.json"));
	json_decref(run_json("one.yaml", "lt", "b.json"));
	a = st_read(st_path("a.json"));
	b = st_read(st_path("b.json"));
	ASSERT_TRUE(a && b);
	EXPECT_STREQ(a, b);
	j = json_loads(a, 0, NULL);
	ASSERT_TRUE(j != NULL);
	EXPECT_STREQ(json_string_value(json_object_get(json_object_get(j, "tool"), "name")), "iommusim");
	EXPECT_EQ(st_num(j, "seed"), 3);
	EXPECT_TRUE(json_object_get(j, "kernel_source") != NULL);
	EXPECT_EQ(st_num(j, "configuration.iommu.caches.iotlb.sets"), 16);
	EXPECT_GT(st_num(j, "statistics.requests"), 400);
	json_decref(j);
	free(a);
	free(b);
}

TEST(SimCli, LtPlatformEqualsFastPathForOneDevice)
{
	json_t *lt, *fast, *at;

	st_write("one.yaml", ONE);
	lt = run_json("one.yaml", "lt", "lt.json");
	fast = run_json("one.yaml", "fast", "fast.json");
	at = run_json("one.yaml", "at", "at.json");
	ASSERT_TRUE(lt && fast && at);
	EXPECT_TRUE(json_equal(json_object_get(lt, "statistics"), json_object_get(fast, "statistics")));
	EXPECT_STREQ(json_string_value(json_object_get(lt, "digest")),
		     json_string_value(json_object_get(fast, "digest")));
	/* the mode is configuration, not a result */
	EXPECT_STREQ(json_string_value(json_object_get(json_object_get(json_object_get(lt,
		"configuration"), "run"), "mode")), "lt");
	/* AT sees the same requests and the same translations... */
	EXPECT_EQ(st_num(at, "statistics.requests"), st_num(fast, "statistics.requests"));
	EXPECT_GT(st_model(fast, "iotlb.hits"), 0);
	EXPECT_EQ(st_model(at, "iotlb.hits"), st_model(fast, "iotlb.hits"));
	EXPECT_GT(st_num(fast, "statistics.invalidations.count"), 0);
	json_decref(lt);
	json_decref(fast);
	json_decref(at);
}

TEST(SimCli, AtModeShowsContentionForMemory)
{
	const char *only_a[] = { "run", "contend.yaml", "-q", "-o", "a1.json",
				 "--set", "devices.1.params.count=1", NULL };
	json_t *two, *one;
	double busy;

	st_write("contend.yaml", CONTEND);
	two = run_json("contend.yaml", "at", "a2.json");
	ASSERT_EQ(st_iommusim(only_a), 0);
	one = st_load_json(st_path("a1.json"));
	ASSERT_TRUE(two && one);
	/*
	 * Each device offers 16 GB/s to an 8 GB/s channel: alone, device a
	 * already queues; with b streaming too its DMA waits about twice as
	 * long. Translation latency is unaffected (all IOTLB hits).
	 */
	EXPECT_GT(st_num(json_array_get(json_object_get(json_object_get(two, "statistics"), "devices"), 0),
			 "dma_latency_ns.mean"),
		  1.5 * st_num(json_array_get(json_object_get(json_object_get(one, "statistics"), "devices"), 0),
			       "dma_latency_ns.mean"));
	EXPECT_GT(st_num(two, "statistics.memory.wait_ns"), st_num(one, "statistics.memory.wait_ns"));
	/* the channel moved every byte at 8 GB/s: busy = bytes / 8 ns per 64 B */
	busy = st_num(two, "statistics.memory.bytes") * 1000.0 / 8000.0;
	EXPECT_TRUE(st_num(two, "statistics.memory.busy_ns") >= busy - 1.0 &&
		    st_num(two, "statistics.memory.busy_ns") <= busy + st_num(two, "statistics.memory.accesses"));
	json_decref(two);
	json_decref(one);
}

TEST(SimCli, SweepCsvIsTheSameForAnyJ)
{
	const char *s1[] = { "sweep", "one.yaml", "--set", "iommu.caches.iotlb.sets=4,16,64",
			     "--set", "run.mode=fast", "-j", "1", "-o", "s1", "-q", NULL };
	const char *s2[] = { "sweep", "one.yaml", "--set", "iommu.caches.iotlb.sets=4,16,64",
			     "--set", "run.mode=fast", "-j", "3", "-o", "s2", "-q", NULL };
	char *c1, *c2, *p1, *p2, *svg;
	unsigned lines = 0;

	st_write("one.yaml", ONE);
	ASSERT_EQ(st_iommusim(s1), 0);
	ASSERT_EQ(st_iommusim(s2), 0);
	c1 = st_read(st_path("s1/sweep.csv"));
	c2 = st_read(st_path("s2/sweep.csv"));
	ASSERT_TRUE(c1 && c2);
	EXPECT_STREQ(c1, c2);
	for (char *p = c1; *p; p++)
		lines += *p == '\n';
	EXPECT_EQ(lines, 4);
	EXPECT_TRUE(!strncmp(c1, "point,iommu.caches.iotlb.sets,status,requests,", 46));
	EXPECT_TRUE(strstr(c1, "\n0,4,ok,") && strstr(c1, "\n2,64,ok,"));
	p1 = st_read(st_path("s1/point-2.json"));
	p2 = st_read(st_path("s2/point-2.json"));
	ASSERT_TRUE(p1 && p2);
	EXPECT_STREQ(p1, p2);
	/* hit-rate columns whose names hold dots carry the point's values */
	{
		json_t *pt = json_loads(p1, 0, NULL);
		const json_t *hr = json_object_get(json_object_get(pt, "statistics"), "hit_rates");
		char *hdr = strdup(c1), *row = strdup(strstr(c1, "\n2,64,ok,") + 1);
		char *hs = NULL, *h = strtok_r(hdr, ",\n", &hs);
		char *v = strsep(&row, ",\n"), *row0 = v;
		unsigned walk_cols = 0;

		for (; h && v; h = strtok_r(NULL, ",\n", &hs), v = strsep(&row, ",\n")) {
			char want[32];

			if (strncmp(h, "hit_rate.walk_cache.", 20))
				continue;
			snprintf(want, sizeof(want), "%.10g",
				 json_real_value(json_object_get(hr, h + 9)));
			EXPECT_STREQ(v, want);
			walk_cols++;
		}
		EXPECT_EQ(walk_cols, 8);        /* fs and ss, levels 5..2 */
		free(hdr);
		free(row0);
		json_decref(pt);
	}
	svg = st_read(st_path("s1/sweep.svg"));
	EXPECT_TRUE(svg && strstr(svg, "<svg"));
	free(c1);
	free(c2);
	free(p1);
	free(p2);
	free(svg);
}

TEST(SimCli, LatencyCdfPlot)
{
	const char *args[] = { "run", "one.yaml", "--mode", "fast", "-q", "-o", "p.json",
			       "--plot", "cdf.svg", NULL };
	const char *bad[] = { "run", "one.yaml", "--mode", "fast", "-q", "-o", "p.json",
			      "--plot", "cdf.gif", NULL };
	char *svg;

	st_write("one.yaml", ONE);
	ASSERT_EQ(st_iommusim(args), 0);
	svg = st_read(st_path("cdf.svg"));
	EXPECT_TRUE(svg && strstr(svg, "<svg") && strstr(svg, "translation"));
	free(svg);
	EXPECT_EQ(st_iommusim(bad), 1);
}

/*
 * The CPU's control sequence races with DMA: the guest unmaps a page
 * without invalidating, the CPU flushes the address space at 5.5 us, the
 * device keeps reading the page every microsecond. In time order (fast
 * path, or LT with a quantum shorter than the gaps) the five requests
 * after the flush fault; with a 20 us quantum the device runs ahead of
 * the CPU thread and all its requests use the stale IOTLB entry.
 */
TEST(SimCli, ControlSequenceRacesWithDmaByQuantum)
{
	static const struct { const char *mode, *quantum; double faults; } cases[] = {
		{ "fast", "1us", 5 }, { "lt", "100ns", 5 }, { "at", "1us", 5 }, { "lt", "20us", 0 },
	};
	char trace[1024];
	size_t off;

	off = (size_t)snprintf(trace, sizeof(trace),
			       "#iommusim-trace v1\n0 attach 0x100 - 1\n0 map 1 0x10000 4K 0x100000 r\n"
			       "100 dma 0x100 - 0x10000 64 r\n500 unmap 1 0x10000 4K\n");
	for (int i = 1; i <= 10; i++)
		off += (size_t)snprintf(trace + off, sizeof(trace) - off,
					"%d dma 0x100 - 0x10000 64 r\n", i * 1000);
	st_write("race.txt", trace);
	st_write("race.yaml", "name: race\nsoftware: { driver: direct, setup: nested, guest_ram: 1G }\n"
			      "devices:\n  - { name: d, sid: 0x100, outstanding: 1, trace: race.txt }\n"
			      "control:\n  - { at: 5.5us, op: inval, device: d, as: 1 }\n");
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char q[64];
		const char *args[] = { "run", "race.yaml", "--mode", cases[i].mode, "--set", q,
				       "-q", "-o", "race.json", NULL };
		json_t *j;

		snprintf(q, sizeof(q), "run.quantum=%s", cases[i].quantum);
		ASSERT_EQ(st_iommusim(args), 0);
		j = st_load_json(st_path("race.json"));
		ASSERT_TRUE(j != NULL);
		EXPECT_EQ(st_num(j, "statistics.requests"), 11);
		EXPECT_EQ(st_num(j, "statistics.invalidations.count"), 1);
		if (st_num(j, "statistics.faults.count") != cases[i].faults)
			simtest_fail(__FILE__, __LINE__, "%s quantum %s: %g faults, want %g",
				     cases[i].mode, cases[i].quantum,
				     st_num(j, "statistics.faults.count"), cases[i].faults);
		json_decref(j);
	}
}

TEST(SimCli, SweepRefusesBadValuesBeforeRunning)
{
	const char *bad[] = { "sweep", "one.yaml", "--set", "iommu.caches.iotlb.sets=4,12",
			      "-o", "sb", "-q", NULL };
	const char *noaxis[] = { "sweep", "one.yaml", "--set", "seed=3", NULL };

	st_write("one.yaml", ONE);
	expect_exit(IOMMUSIM_BIN, bad, 2, "(from --set) 'sets': 12 is not a power of two");
	/* nothing ran: no output directory */
	EXPECT_TRUE(st_read(st_path("sb/sweep.csv")) == NULL);
	EXPECT_EQ(st_iommusim(noaxis), 2);
}

/* iommusim-fast: no SystemC; the fast path gives the bytes iommusim gives. */
TEST(SimCli, FastOnlyBinaryMatchesAndRefusesPlatformModes)
{
	const char *fast[] = { "run", "one.yaml", "--mode", "fast", "-q", "-o", "f1.json", NULL };
	const char *fast2[] = { "run", "one.yaml", "--mode", "fast", "-q", "-o", "f2.json", NULL };
	const char *lt[] = { "run", "one.yaml", "--mode", "lt", "-q", "-o", "f3.json", NULL };
	char *a, *b;

	st_write("one.yaml", ONE);
	ASSERT_EQ(st_run_bin(IOMMUSIM_FAST_BIN, fast), 0);
	ASSERT_EQ(st_iommusim(fast2), 0);
	a = st_read(st_path("f1.json"));
	b = st_read(st_path("f2.json"));
	ASSERT_TRUE(a && b);
	EXPECT_STREQ(a, b);
	free(a);
	free(b);
	expect_exit(IOMMUSIM_FAST_BIN, lt, 1, "needs the SystemC platform");
}
