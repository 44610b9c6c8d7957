// SPDX-License-Identifier: GPL-2.0-only
/* Importer of perf script / trace-cmd report iommu tracepoint text. */
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "simtest.h"
#include "trace_import.h"
#include "tt_util.h"

#define US 1000000ULL   /* ps per microsecond */

static int import_file(enum trace_import_fmt fmt, const char *path, struct evvec *v,
		       struct trace_import_stats *st, struct trace_err *err)
{
	struct trace_writer *w = trace_writer_open_fn(evvec_push, v);
	struct trace_import_opts opts = { .as = 4 };
	int rc = trace_import(fmt, path, w, &opts, st, err);

	if (rc)
		trace_writer_abort(w);
	else
		rc = trace_writer_close(w, err);
	return rc;
}

static int import_text(enum trace_import_fmt fmt, const char *text, struct evvec *v,
		       struct trace_import_stats *st, struct trace_err *err)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	struct trace_writer *w = trace_writer_open_fn(evvec_push, v);
	int rc = trace_import_stream(fmt, f, "t", w, NULL, st, err);

	fclose(f);
	if (rc)
		trace_writer_abort(w);
	else
		rc = trace_writer_close(w, err);
	return rc;
}

/* import_text, with the importer's error reported as a test failure. */
static int import_ok(enum trace_import_fmt fmt, const char *text, struct evvec *v,
		     struct trace_import_stats *st)
{
	struct trace_err err;
	int rc = import_text(fmt, text, v, st, &err);

	if (rc)
		ADD_FAILURE("import: %s", err.msg);
	return rc;
}

/* import_text into a scratch vector that is dropped; the importer's result. */
static int import_drop(enum trace_import_fmt fmt, const char *text, struct trace_err *err)
{
	struct evvec v = { 0 };
	struct trace_import_stats st;
	int rc = import_text(fmt, text, &v, &st, err);

	evvec_free(&v);
	return rc;
}

static void expect_ev(const struct trace_event *e, enum trace_kind kind, sim_time_t t,
		      uint64_t iova, uint64_t size, uint64_t pa)
{
	EXPECT_EQ(e->kind, kind);
	EXPECT_EQ(e->time, t);
	EXPECT_EQ(e->iova, iova);
	EXPECT_EQ(e->size, size);
	EXPECT_EQ(e->pa, pa);
}

TEST(TraceImport, PerfSample)
{
	struct evvec v = { 0 };
	struct trace_import_stats st;
	struct trace_err err;

	ASSERT_EQ(import_file(TRACE_IMPORT_PERF, TRACES_SAMPLES_DIR "/perf-iommu.txt", &v,
			      &st, &err), 0);
	EXPECT_EQ(st.lines, 15u);
	EXPECT_EQ(st.maps, 3u);
	EXPECT_EQ(st.unmaps, 2u);
	EXPECT_EQ(st.faults, 2u);
	EXPECT_EQ(st.skipped_other, 2u);        /* sched_switch, irq_handler_entry */
	EXPECT_EQ(st.skipped_header, 5u);       /* the perf header block */
	EXPECT_EQ(st.skipped_empty_unmap, 1u);  /* unmapped_size=0 */
	EXPECT_EQ(st.device_names, 1u);         /* ff8c0000.vop */
	ASSERT_EQ(v.n, 7u);
	/* times relative to 8123.456001 s */
	expect_ev(&v.v[0], TRACE_MAP, 0, 0xffffe000, 4096, 0x132d47000);
	expect_ev(&v.v[1], TRACE_MAP, 9 * US, 0xffc00000, 2 << 20, 0x140000000);
	expect_ev(&v.v[2], TRACE_UNMAP, 119 * US, 0xffffe000, 4096, 0);
	expect_ev(&v.v[3], TRACE_FAULT, 199 * US, 0xdead0000, 0, 0);
	expect_ev(&v.v[4], TRACE_UNMAP, 999 * US, 0xffc00000, 2 << 20, 0);
	expect_ev(&v.v[5], TRACE_FAULT, 1999 * US, 0x123000, 0, 0);
	expect_ev(&v.v[6], TRACE_MAP, 2999 * US, 0xfff00000, 256 << 10, 0x150040000);
	for (int i = 0; i < 7; i++)
		if (v.v[i].kind != TRACE_FAULT)
			EXPECT_EQ(v.v[i].as, 4u);
	EXPECT_EQ(v.v[0].access, XLATE_READ | XLATE_WRITE);
	/* 0000:03:00.0 is requester id bus 3, device 0, function 0 */
	EXPECT_EQ(v.v[3].dev, 3u << 8);
	EXPECT_EQ(v.v[3].access, XLATE_WRITE);  /* flags=0x0001 */
	EXPECT_FALSE(v.v[3].has_pasid);
	EXPECT_EQ(v.v[5].dev, TRACE_IMPORT_NAMED_DEV_BASE);
	EXPECT_EQ(v.v[5].access, XLATE_READ);   /* flags=0x0000 */
	evvec_free(&v);
}

TEST(TraceImport, TraceCmdSample)
{
	struct evvec v = { 0 };
	struct trace_import_stats st;
	struct trace_err err;

	ASSERT_EQ(import_file(TRACE_IMPORT_TRACE_CMD, TRACES_SAMPLES_DIR "/trace-cmd-iommu.txt",
			      &v, &st, &err), 0);
	EXPECT_EQ(st.lines, 10u);
	EXPECT_EQ(st.skipped_header, 3u);       /* version, cpus, CPU 3 is empty */
	EXPECT_EQ(st.skipped_other, 1u);
	EXPECT_EQ(st.maps, 2u);
	EXPECT_EQ(st.unmaps, 2u);
	EXPECT_EQ(st.faults, 2u);
	ASSERT_EQ(v.n, 6u);
	expect_ev(&v.v[0], TRACE_MAP, 0, 0xfffe0000, 64 << 10, 0x1a0010000);
	/* the d..1. latency flags do not disturb the time */
	expect_ev(&v.v[1], TRACE_MAP, 70 * US, 0xfffdf000, 4096, 0x1a0200000);
	expect_ev(&v.v[2], TRACE_UNMAP, 71 * US, 0xfffe0000, 64 << 10, 0);
	expect_ev(&v.v[3], TRACE_FAULT, 900 * US, 0x12345000, 0, 0);
	expect_ev(&v.v[4], TRACE_FAULT, 902 * US, 0x12346000, 0, 0);
	expect_ev(&v.v[5], TRACE_UNMAP, 2400 * US, 0xfffdf000, 4096, 0);
	/* 0000:65:00.1: bus 0x65, device 0, function 1 */
	EXPECT_EQ(v.v[3].dev, 0x65u << 8 | 1);
	EXPECT_EQ(v.v[3].access, XLATE_READ);
	EXPECT_EQ(v.v[4].access, XLATE_WRITE);
	evvec_free(&v);
}

/* The committed imported samples are what the importer makes today. */
TEST(TraceImport, SamplesMatchCommittedImports)
{
	static const char *const pairs[][3] = {
		{ "perf", "perf-iommu.txt", "perf-iommu.imported.txt" },
		{ "trace-cmd", "trace-cmd-iommu.txt", "trace-cmd-iommu.imported.txt" },
	};

	for (int i = 0; i < 2; i++) {
		char in[512], want[512], out[1024];
		struct trace_import_stats st;
		struct trace_writer *w;
		enum trace_import_fmt fmt;
		struct trace_err err;
		size_t l1, l2;
		char *a, *b;

		snprintf(in, sizeof(in), TRACES_SAMPLES_DIR "/%s", pairs[i][1]);
		snprintf(want, sizeof(want), TRACES_SAMPLES_DIR "/%s", pairs[i][2]);
		snprintf(out, sizeof(out), "%s/out.txt", simtest_tmpdir());
		ASSERT_EQ(trace_import_parse_fmt(pairs[i][0], &fmt), 0);
		w = trace_writer_open(out, TRACE_FMT_TEXT, &err);
		ASSERT_TRUE(w != NULL);
		ASSERT_EQ(trace_import(fmt, in, w, NULL, &st, &err), 0);
		ASSERT_EQ(trace_writer_close(w, &err), 0);
		a = slurp(out, &l1);
		b = slurp(want, &l2);
		ASSERT_TRUE(a && b);
		EXPECT_SAME_BYTES(a, l1, b, l2);
		free(a);
		free(b);
	}
}

TEST(TraceImport, NanosecondTimestampsAndPrefixVariants)
{
	const char *text =
		"            fio  4121/4122 [003]  17.000000001: iommu:map: IOMMU: "
		"iova=0x0000000000001000 - 0x0000000000002000 paddr=0x0000000000005000 size=4096\n"
		"  a b [c] [1] 17.000000003: iommu:unmap: IOMMU: "
		"iova=0x0000000000001000 - 0x0000000000002000 size=4096 unmapped_size=4096\n"
		"            fio  4121 [003]  17.000000003: map: not ours\n"
		"\t    ffffffff8108e2a1 iommu_map+0x51 ([kernel.kallsyms])\n"
		/* perf script -F comm,tid,time,event,trace: no [cpu] */
		"            fio  4121 17.000000004: iommu:unmap: IOMMU: "
		"iova=0x0000000000001000 - 0x0000000000002000 size=4096 unmapped_size=4096\n";
	struct evvec v = { 0 };
	struct trace_import_stats st;

	ASSERT_EQ(import_ok(TRACE_IMPORT_PERF, text, &v, &st), 0);
	ASSERT_EQ(v.n, 3u);
	EXPECT_EQ(v.v[1].time, 2000u);  /* 2 ns later */
	EXPECT_EQ(v.v[2].time, 3000u);
	EXPECT_EQ(v.v[2].kind, TRACE_UNMAP);
	EXPECT_EQ(v.v[0].pa, 0x5000u);
	EXPECT_EQ(v.v[0].as, 0u);       /* no opts: address space 0 */
	EXPECT_EQ(st.skipped_other, 1u);        /* bare "map:" is not perf's iommu:map */
	EXPECT_EQ(st.skipped_header, 1u);       /* callchain line */
	evvec_free(&v);
}

static void expect_import_error(enum trace_import_fmt fmt, const char *text, const char *want)
{
	struct trace_err err = { "" };

	if (import_drop(fmt, text, &err) != -1)
		ADD_FAILURE("accepted: %s", text);
	else if (strcmp(err.msg, want))
		ADD_FAILURE("\n  got:  %s\n  want: %s", err.msg, want);
}

#define TC(ts, ev, payload) "  x-1  [000]  " ts ": " ev ": " payload "\n"

/* One trace-cmd report event line (at 1.0 s) and the error it must give. */
static const struct {
	const char *ev, *payload, *want;
} event_errors[] = {
	{ "map", "IOMMU: iova=0x1000 - 0x2000 paddr=0x3000",
	  "t:1: malformed iommu:map payload: expected ' size=' at ''" },
	{ "map", "IOMMU: iova=0xzz - 0x2000 paddr=0x3000 size=1",
	  "t:1: malformed iommu:map payload: expected 'iova hex' at 'zz - 0x2000 paddr=0x3000 size=1'" },
	{ "map", "IOMMU: iova=0x1000 - 0x3000 paddr=0x3000 size=4096",
	  "t:1: iommu:map: range end 0x3000 is not iova + size (0x1000 + 4096)" },
	{ "map", "IOMMU: iova=0x1800 - 0x2800 paddr=0x3000 size=4096",
	  "t:1: map: iova 0x1800 is not 4 KiB aligned" },
	{ "map", "IOMMU: iova=0x1000 - 0x2000 paddr=0x3000 size=4096 x",
	  "t:1: malformed iommu:map payload: expected 'end of line' at 'x'" },
	{ "unmap", "IOMMU: iova=0x1000 - 0x2000 size=4096",
	  "t:1: malformed iommu:unmap payload: expected ' unmapped_size=' at ''" },
	{ "unmap", "IOMMU: iova=0x1000 - 0x2000 size=4096 unmapped_size=100",
	  "t:1: unmap: size 100 is not a multiple of 4 KiB" },
	{ "io_page_fault", "IOMMU: iova=0x1000 flags=0x0000",
	  "t:1: malformed iommu:io_page_fault payload: expected 'device name' at 'iova=0x1000 flags=0x0000'" },
	{ "io_page_fault", "IOMMU:a b c iova=0x1000 flags=0x0000",
	  "t:1: malformed iommu:io_page_fault payload: expected 'iova=0x' at 'c iova=0x1000 flags=0x0000'" },
	{ "io_page_fault", "IOMMU:drv 0000:00:01.0 iova=0x1000 flags=0x",
	  "t:1: malformed iommu:io_page_fault payload: expected 'flags hex' at ''" },
	{ "io_page_fault", "IOMU:drv dev iova=0x1000 flags=0x0",
	  "t:1: malformed iommu:io_page_fault payload: expected 'IOMMU:' at 'IOMU:drv dev iova=0x1000 flags='" },
};

/* Other trace-cmd report or perf script texts and the error they must give. */
static const struct {
	enum trace_import_fmt fmt;
	const char *text, *want;
} text_errors[] = {
	{ TRACE_IMPORT_TRACE_CMD,
	  TC("2.0", "unmap", "IOMMU: iova=0x1000 - 0x2000 size=4096 unmapped_size=4096")
	  TC("1.5", "unmap", "IOMMU: iova=0x1000 - 0x2000 size=4096 unmapped_size=4096"),
	  "t:2: time goes backwards (1500000000 ns after 2000000000 ns)" },
	{ TRACE_IMPORT_TRACE_CMD,
	  "cpus=2\nhello world\n",
	  "t:2: not a trace-cmd report event line" },
	{ TRACE_IMPORT_PERF,
	  "x 1 [000] 1.0 iommu:map: y\n",
	  "t:1: not a perf script event line" },
	{ TRACE_IMPORT_TRACE_CMD,
	  "x-1 [000] 1.0000000001: map: IOMMU:\n",
	  "t:1: not a trace-cmd report event line" },
};

TEST(TraceImport, ErrorsNameFileLineAndWhat)
{
	char line[256];

	for (unsigned i = 0; i < sizeof(event_errors) / sizeof(event_errors[0]); i++) {
		snprintf(line, sizeof(line), TC("1.0", "%s", "%s"), event_errors[i].ev,
			 event_errors[i].payload);
		expect_import_error(TRACE_IMPORT_TRACE_CMD, line, event_errors[i].want);
	}
	for (unsigned i = 0; i < sizeof(text_errors) / sizeof(text_errors[0]); i++)
		expect_import_error(text_errors[i].fmt, text_errors[i].text, text_errors[i].want);
}

TEST(TraceImport, NonPciDevicesNumberedInOrder)
{
	const char *text =
		TC("1.0", "io_page_fault", "IOMMU:d1 fe000000.gpu iova=0x1000 flags=0x0")
		TC("1.1", "io_page_fault", "IOMMU:d2 ff8c0000.vop iova=0x2000 flags=0x1")
		TC("1.2", "io_page_fault", "IOMMU:d1 fe000000.gpu iova=0x3000 flags=0x0")
		TC("1.3", "io_page_fault", "IOMMU: 0001:02:1f.7 iova=0x4000 flags=0x0");
	struct evvec v = { 0 };
	struct trace_import_stats st;

	ASSERT_EQ(import_ok(TRACE_IMPORT_TRACE_CMD, text, &v, &st), 0);
	ASSERT_EQ(v.n, 4u);
	EXPECT_EQ(v.v[0].dev, TRACE_IMPORT_NAMED_DEV_BASE);
	EXPECT_EQ(v.v[1].dev, TRACE_IMPORT_NAMED_DEV_BASE + 1);
	EXPECT_EQ(v.v[2].dev, TRACE_IMPORT_NAMED_DEV_BASE);
	/* empty driver name; PCI device with a segment */
	EXPECT_EQ(v.v[3].dev, 1u << 16 | 2u << 8 | 0x1fu << 3 | 7u);
	EXPECT_EQ(st.device_names, 2u);
	evvec_free(&v);
}

/* Garbage never crashes the importer. */
TEST(TraceImport, GarbageFuzz)
{
	static const char *const words[] = {
		"[000]", "1.000001:", "map:", "unmap:", "io_page_fault:", "iommu:map:",
		"IOMMU:", "iova=0x1000", "-", "0x2000", "paddr=0x0", "size=4096",
		"unmapped_size=4096", "flags=0x1", "x-1", "d..1.", "[", "]", ":",
	};
	const size_t nw = sizeof(words) / sizeof(words[0]);
	char text[512];
	struct rng r;

	rng_seed(&r, 21, 1);
	for (int i = 0; i < 20000; i++) {
		struct trace_err err;
		size_t len = 0;
		int n = 1 + (int)rng_below(&r, 10);

		for (int k = 0; k < n && len < 400; k++) {
			if (rng_below(&r, 10) == 0)
				text[len++] = (char)(1 + rng_below(&r, 255));
			else
				len += snprintf(text + len, sizeof(text) - len, "%s",
						words[rng_below(&r, nw)]);
			text[len++] = rng_below(&r, 8) ? ' ' : '\n';
		}
		text[len] = 0;
		import_drop(rng_below(&r, 2) ? TRACE_IMPORT_PERF : TRACE_IMPORT_TRACE_CMD, text,
			    &err);
	}
}

/* The kernel's own tracing/trace file has trace-cmd's layout. */
TEST(TraceImport, FtraceTraceFileLayout)
{
	const char *text =
		"# tracer: nop\n"
		"#\n"
		"#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n"
		"#              | |         |   |||||     |         |\n"
		"     kworker/0:1-12      [000] d..1.   123.456789: map: IOMMU: "
		"iova=0x0000000000200000 - 0x0000000000400000 paddr=0x0000000080000000 size=2097152\n"
		"          <idle>-0       [003] ..s2.   123.456790: unmap: IOMMU: "
		"iova=0x0000000000200000 - 0x0000000000400000 size=2097152 unmapped_size=2097152\n";
	struct evvec v = { 0 };
	struct trace_import_stats st;

	ASSERT_EQ(import_ok(TRACE_IMPORT_TRACE_CMD, text, &v, &st), 0);
	EXPECT_EQ(st.skipped_header, 4u);
	ASSERT_EQ(v.n, 2u);
	expect_ev(&v.v[0], TRACE_MAP, 0, 0x200000, 2 << 20, 0x80000000);
	expect_ev(&v.v[1], TRACE_UNMAP, 1 * US, 0x200000, 2 << 20, 0);
	evvec_free(&v);
}
