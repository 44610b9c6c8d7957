// SPDX-License-Identifier: GPL-2.0-only
/* Text format: parse/print round trips, canonical forms, every error path. */
#define _GNU_SOURCE     /* asprintf */
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "simtest.h"
#include "trace.h"
#include "tt_util.h"

#define HDR "#iommusim-trace v1\n"

/* Canonical lines parse and print back unchanged. */
TEST(TraceText, CanonicalLinesRoundTrip)
{
	static const char *const lines[] = {
		"0 dma 0x100 - 0x40000000 64 r\n",
		"5 dma 0xffffffff 1048575 0xfffffffffffff000 4096 rwx\n",
		"1.001 dma 0x0 0 0x0 1073741824 w\n",
		"18446744073709551.615 dma 0x1 - 0xffffffffffffffff 1 x\n",
		"7 map 1 0x40000000 2097152 0x100000000 rw\n",
		"7 map 4294967295 0xfffffffffffff000 4096 0x0 x\n",
		"8 unmap 0 0x1000 8192\n",
		"9 inval 3 all\n",
		"9 inval 3 0x200000 2097152\n",
		"10 attach 0x10 5 2\n",
		"11 attach 0x10 - 0\n",
		"12.500 fault 0xfff00000 - 0xdead0000 w\n",
	};
	char why[256], out[TRACE_LINE_MAX];
	struct trace_event ev;

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		int rc = trace_text_parse(lines[i], &ev, why, sizeof(why));

		if (rc != 1)
			FAIL("line %zu '%s' rejected: %s", i, lines[i], why);
		trace_text_format(&ev, out, sizeof(out));
		EXPECT_STREQ(out, lines[i]);
	}
}

/* Accepted spellings print in canonical form. */
TEST(TraceText, VariantsBecomeCanonical)
{
	static const char *const pairs[][2] = {
		{ "  5\tdma 00:02.0 7 4096 4K wr  # comment", "5 dma 0x10 7 0x1000 4096 rw\n" },
		{ "1.5 dma 16 - 0x10 0x40 r\r", "1.500 dma 0x10 - 0x10 64 r\n" },
		{ "1.05 map 0x10 0X2000 2M 8192 wr", "1.050 map 16 0x2000 2097152 0x2000 rw\n" },
		{ "000 unmap 1 0x1000 4k", "0 unmap 1 0x1000 4096\n" },
		{ "3.000 fault 0001:02:03.4 - 0x10 rw", "3 fault 0x1021c - 0x10 rw\n" },
		{ "3 inval 0 0x0 1G", "3 inval 0 0x0 1073741824\n" },
	};
	char why[256], out[TRACE_LINE_MAX];
	struct trace_event ev;

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		if (trace_text_parse(pairs[i][0], &ev, why, sizeof(why)) != 1)
			FAIL("'%s' rejected: %s", pairs[i][0], why);
		trace_text_format(&ev, out, sizeof(out));
		EXPECT_STREQ(out, pairs[i][1]);
	}
	/* The 1 KiB unmap above is accepted by the parser only if aligned: */
	EXPECT_EQ(trace_text_parse("0 unmap 1 0x1000 1k", &ev, why, sizeof(why)), -1);
}

TEST(TraceText, FieldsAreParsed)
{
	struct trace_event ev;
	char why[256];

	ASSERT_EQ(trace_text_parse("12.345 dma 01:00.1 77 0xabc000 100 rw", &ev, why,
				   sizeof(why)), 1);
	EXPECT_EQ(ev.kind, TRACE_DMA);
	EXPECT_EQ(ev.time, 12ULL * 1000 + 345);
	EXPECT_EQ(ev.dev, 1u << 8 | 0u << 3 | 1u);
	EXPECT_TRUE(ev.has_pasid);
	EXPECT_EQ(ev.pasid, 77u);
	EXPECT_EQ(ev.iova, 0xabc000ULL);
	EXPECT_EQ(ev.size, 100ULL);
	EXPECT_EQ(ev.access, XLATE_READ | XLATE_WRITE);

	ASSERT_EQ(trace_text_parse("4 map 9 0x3000 0x2000 0x7000 x", &ev, why, sizeof(why)), 1);
	EXPECT_EQ(ev.kind, TRACE_MAP);
	EXPECT_EQ(ev.as, 9u);
	EXPECT_EQ(ev.iova, 0x3000ULL);
	EXPECT_EQ(ev.size, 0x2000ULL);
	EXPECT_EQ(ev.pa, 0x7000ULL);
	EXPECT_EQ(ev.access, XLATE_EXEC);

	ASSERT_EQ(trace_text_parse("4 inval 2 all", &ev, why, sizeof(why)), 1);
	EXPECT_EQ(ev.kind, TRACE_INVAL);
	EXPECT_EQ(ev.size, 0ULL);
	EXPECT_EQ(ev.as, 2u);

	EXPECT_EQ(trace_text_parse("   # only a comment", &ev, why, sizeof(why)), 0);
	EXPECT_EQ(trace_text_parse("", &ev, why, sizeof(why)), 0);
}

/* One bad line after the header: the reader must name file:2 and the reason. */
static void expect_line_error(const char *body, const char *want)
{
	char buf[8192], *msg;
	struct evvec v = { 0 };
	struct trace_err err = { "" };
	int rc;

	snprintf(buf, sizeof(buf), HDR "%s\n", body);
	rc = read_mem(buf, strlen(buf), "t.txt", &v, &err);
	evvec_free(&v);
	if (rc != -1) {
		ADD_FAILURE("'%s' was accepted, wanted: %s", body, want);
		return;
	}
	if (asprintf(&msg, "t.txt:2: %s", want) < 0)
		return;
	if (strcmp(err.msg, msg))
		ADD_FAILURE("'%s':\n  got:  %s\n  want: %s", body, err.msg, msg);
	free(msg);
}

TEST(TraceText, EveryLineErrorNamesFileLineAndReason)
{
	expect_line_error("0 dma 0x1 - 0x12g 4 r", "bad number '0x12g' for <iova>");
	expect_line_error("0 dma 0x1 - 0x10 99999999999999999999 r",
			  "number '99999999999999999999' out of range for <size>");
	expect_line_error("0 dma 0x1 - 0x10 16E r", "bad number '16E' for <size>");
	expect_line_error("0 dma 0x1 - 0x10 17179869184T r",
			  "number '17179869184T' out of range for <size>");
	expect_line_error("0 dma 0x1 - 0x10 0x r", "bad number '0x' for <size>");
	expect_line_error("0 dam 0x1 - 0x10 4 r", "unknown event kind 'dam'");
	expect_line_error("0 dma 0x1 - 0x10 4", "missing field <access>");
	expect_line_error("0", "missing field <kind>");
	expect_line_error("0 dma 0x1 - 0x10 4 r extra", "unexpected extra field 'extra'");
	expect_line_error("0 dma 0x1 - 0x10 0 r", "dma: size is 0");
	expect_line_error("0 dma 0x1 - 0x10 2G r", "dma: size is larger than 1 GiB");
	expect_line_error("0 dma 0x1 - 0xfffffffffffffff0 32 r",
			  "dma: iova + size overflows 64 bits");
	expect_line_error("0 dma 0x1 - 0x10 4 rr",
			  "bad <access> 'rr' (want letters from r, w, x, each once)");
	expect_line_error("0 dma 0x1 - 0x10 4 q",
			  "bad <access> 'q' (want letters from r, w, x, each once)");
	expect_line_error("0 dma 0x1 1048576 0x10 4 r",
			  "number '1048576' out of range for <pasid>");
	expect_line_error("0 dma 0x100000000 - 0x10 4 r",
			  "number '0x100000000' out of range for <dev>");
	expect_line_error("0 dma 00:20.0 - 0x10 4 r",
			  "bad PCI device '00:20.0' for <dev> (want [seg:]bus:dev.fn)");
	expect_line_error("0 dma 1:2:3:4 - 0x10 4 r",
			  "bad PCI device '1:2:3:4' for <dev> (want [seg:]bus:dev.fn)");
	expect_line_error("1.2345 dma 0x1 - 0x10 4 r",
			  "bad time '1.2345' (want nanoseconds, at most 3 decimals)");
	expect_line_error("-1 dma 0x1 - 0x10 4 r",
			  "bad time '-1' (want nanoseconds, at most 3 decimals)");
	expect_line_error("1. dma 0x1 - 0x10 4 r",
			  "bad time '1.' (want nanoseconds, at most 3 decimals)");
	expect_line_error("18446744073709552 dma 0x1 - 0x10 4 r",
			  "time '18446744073709552' out of range");
	expect_line_error("0 map 1 0x1234 4096 0x0 rw", "map: iova 0x1234 is not 4 KiB aligned");
	expect_line_error("0 map 1 0x1000 100 0x0 rw",
			  "map: size 100 is not a multiple of 4 KiB");
	expect_line_error("0 map 1 0x1000 4096 0x10 rw", "map: pa 0x10 is not 4 KiB aligned");
	expect_line_error("0 map 1 0x1000 0 0x0 rw", "map: size is 0");
	expect_line_error("0 map 1 0xfffffffffffff000 8192 0x0 rw",
			  "map: iova + size overflows 64 bits");
	expect_line_error("0 map 1 0x0 8192 0xfffffffffffff000 rw",
			  "map: pa + size overflows 64 bits");
	expect_line_error("0 map 4294967296 0x0 4096 0x0 rw",
			  "number '4294967296' out of range for <as>");
	expect_line_error("0 map 1 0x0 4096 0x0", "missing field <prot>");
	expect_line_error("0 unmap 1 0x0 0", "unmap: size is 0");
	expect_line_error("0 unmap 1 0x800 4096", "unmap: iova 0x800 is not 4 KiB aligned");
	expect_line_error("0 inval 1 0x0 0", "inval: size is 0 (write 'all' for the whole space)");
	expect_line_error("0 inval 1 all 5", "unexpected extra field '5'");
	expect_line_error("0 attach 0x1 -", "missing field <as>");
	expect_line_error("0 fault 0x1 - 0x1000", "missing field <access>");
	expect_line_error("0 a b c d e f g h i j k", "too many fields");
}

TEST(TraceText, TimeGoingBackwardsIsAnError)
{
	const char *t = HDR "5 dma 0x1 - 0x10 4 r\n# c\n5 dma 0x1 - 0x10 4 r\n4.999 dma 0x1 - 0x10 4 r\n";
	struct evvec v = { 0 };
	struct trace_err err;

	EXPECT_EQ(read_mem(t, strlen(t), "t.txt", &v, &err), -1);
	EXPECT_EQ(v.n, 2u);     /* equal times are fine */
	EXPECT_STREQ(err.msg, "t.txt:5: time goes backwards (4999 ps after 5000 ps)");
	evvec_free(&v);
}

TEST(TraceText, HeaderErrors)
{
	struct evvec v = { 0 };
	struct trace_err err;
	const char *t;

	t = "0 dma 0x1 - 0x10 4 r\n";
	EXPECT_EQ(read_mem(t, strlen(t), "a.txt", &v, &err), -1);
	EXPECT_STREQ(err.msg, "a.txt:1: not an iommusim trace (want first line "
		     "'#iommusim-trace v1' or the binary magic)");
	t = "#iommusim-trace v2\n";
	EXPECT_EQ(read_mem(t, strlen(t), "b.txt", &v, &err), -1);
	EXPECT_STREQ(err.msg, "b.txt:1: unsupported format version 'v2' (this reader knows v1)");
	t = "#iommusim-trace\n";
	EXPECT_EQ(read_mem(t, strlen(t), "c.txt", &v, &err), -1);
	EXPECT_STREQ(err.msg, "c.txt:1: bad header line (want '#iommusim-trace v1')");
	/* Header only, with CRLF and trailing blanks: a valid empty trace. */
	t = "#iommusim-trace v1 \r\n\n# nothing\n";
	EXPECT_EQ(read_mem(t, strlen(t), "d.txt", &v, &err), 0);
	EXPECT_EQ(v.n, 0u);
	evvec_free(&v);
}

TEST(TraceText, EmptyFileIsAnError)
{
	const char *p = write_tmp("empty.txt", "", 0);
	struct trace_err err;
	struct trace_reader *r = trace_reader_open(p, &err);
	char want[1200];

	EXPECT_TRUE(r == NULL);
	snprintf(want, sizeof(want), "%s: empty file (not an iommusim trace)", p);
	EXPECT_STREQ(err.msg, want);
	trace_reader_close(r);
}

TEST(TraceText, MissingFileIsAnError)
{
	struct trace_err err;

	EXPECT_TRUE(trace_reader_open("/nonexistent/x.txt", &err) == NULL);
	EXPECT_STREQ(err.msg, "/nonexistent/x.txt: No such file or directory");
}

TEST(TraceText, LongLineAndNulByte)
{
	size_t n = strlen(HDR) + 5000;
	char *t = malloc(n + 64);
	struct evvec v = { 0 };
	struct trace_err err;

	strcpy(t, HDR "0 dma 0x1 - 0x10 4 r\n");
	memset(t + strlen(t), ' ', 5000);
	strcpy(t + n, "\n");
	EXPECT_EQ(read_mem(t, strlen(t), "l.txt", &v, &err), -1);
	EXPECT_STREQ(err.msg, "l.txt:3: line too long (limit 4095 bytes)");
	EXPECT_EQ(v.n, 1u);
	evvec_free(&v);

	memcpy(t, HDR "0 dma 0x1\0- 0x10 4 r\n", strlen(HDR) + 21);
	EXPECT_EQ(read_mem(t, strlen(HDR) + 21, "z.txt", &v, &err), -1);
	EXPECT_STREQ(err.msg, "z.txt:2: NUL byte in a text line");
	evvec_free(&v);
	free(t);
}

/* A last line without newline still counts. */
TEST(TraceText, LastLineWithoutNewline)
{
	const char *t = HDR "1 dma 0x1 - 0x10 4 r\n2 unmap 1 0x1000 4096";
	struct evvec v = { 0 };
	struct trace_err err;

	EXPECT_EQ(read_mem(t, strlen(t), "n.txt", &v, &err), 0);
	ASSERT_EQ(v.n, 2u);
	EXPECT_EQ(v.v[1].kind, TRACE_UNMAP);
	EXPECT_EQ(v.v[1].time, 2000ULL);
	evvec_free(&v);
}

/*
 * Garbage never crashes the parser, and every line it does accept prints
 * canonically and parses back to the same event.
 */
TEST(TraceText, GarbageLinesFuzz)
{
	static const char *const words[] = {
		"0", "1.5", "dma", "map", "unmap", "inval", "attach", "fault", "all", "-",
		"0x1000", "4K", "rw", "x", "00:01.0", "0xffffffffffffffff", "#", "1e3",
		"99999999999999999999", "r", "2M", "0x", ".", ":", "wr", "4096",
	};
	const size_t nw = sizeof(words) / sizeof(words[0]);
	char line[512], why[256], out[TRACE_LINE_MAX];
	struct trace_event ev, ev2;
	unsigned accepted = 0;
	struct rng r;

	rng_seed(&r, 42, 1);
	for (int i = 0; i < 200000; i++) {
		size_t len = 0;
		int n = (int)rng_below(&r, 9);

		line[0] = 0;
		if (i % 2) {
			/* "<time> <kind> <fields>" with fields from the word pool */
			static const char *const kinds[] = {
				"dma", "map", "unmap", "inval", "attach", "fault",
			};
			static const int nfields[] = { 5, 5, 3, 3, 3, 4 };
			int k = (int)rng_below(&r, 6);

			len = snprintf(line, sizeof(line), "%s %s", words[rng_below(&r, 2)],
				       kinds[k]);
			n = nfields[k] + (int)rng_below(&r, 3) - 1;
			for (int f = 0; f < n; f++)
				len += snprintf(line + len, sizeof(line) - len, " %s",
						words[8 + rng_below(&r, nw - 8)]);
			n = 0;
		}
		for (int k = 0; k < n; k++) {
			if (rng_below(&r, 8) == 0) {
				/* random bytes, including control characters */
				for (int b = (int)rng_below(&r, 6); b > 0 && len < 400; b--)
					line[len++] = (char)(1 + rng_below(&r, 255));
			} else {
				len += snprintf(line + len, sizeof(line) - len, "%s",
						words[rng_below(&r, nw)]);
			}
			line[len++] = ' ';
			line[len] = 0;
		}
		if (trace_text_parse(line, &ev, why, sizeof(why)) == 1) {
			accepted++;
			trace_text_format(&ev, out, sizeof(out));
			if (trace_text_parse(out, &ev2, why, sizeof(why)) != 1 ||
			    !event_eq(&ev, &ev2))
				FAIL("'%s' -> '%s' does not round trip", line, out);
		}
	}
	/* Some random sentences must form events, or the property is void. */
	EXPECT_GT(accepted, 50u);
}

/* dma events split into page-bounded translation requests. */
TEST(TraceEvent, DmaSplitsAtPageBoundaries)
{
	struct trace_event ev = {
		.kind = TRACE_DMA, .time = 77, .dev = 0x10, .has_pasid = true, .pasid = 3,
		.iova = 0x1ff0, .size = 0x2020, .access = XLATE_WRITE,
	};
	/* 0x1ff0..0x2000, 0x2000..0x3000, 0x3000..0x4000, 0x4000..0x4010 */
	static const uint64_t want_iova[] = { 0x1ff0, 0x2000, 0x3000, 0x4000 };
	static const uint32_t want_len[] = { 0x10, 0x1000, 0x1000, 0x10 };
	struct xlate_req req;
	uint64_t done = 0;
	int n = 0;

	while (trace_dma_next_req(&ev, &done, &req)) {
		ASSERT_LT(n, 4);
		EXPECT_EQ(req.iova, want_iova[n]);
		EXPECT_EQ(req.len, want_len[n]);
		EXPECT_EQ(req.sid, 0x10u);
		EXPECT_TRUE(req.has_pasid);
		EXPECT_EQ(req.pasid, 3u);
		EXPECT_EQ(req.access, XLATE_WRITE);
		EXPECT_EQ(req.t_issue, 77u);
		n++;
	}
	EXPECT_EQ(n, 4);
	EXPECT_EQ(done, ev.size);

	/* The last page of the address space: no wrap-around. */
	ev.iova = 0xfffffffffffff000ULL;
	ev.size = 0x1000;
	done = 0;
	n = 0;
	while (trace_dma_next_req(&ev, &done, &req))
		n++;
	EXPECT_EQ(n, 1);
	ev.kind = TRACE_MAP;
	done = 0;
	EXPECT_EQ(trace_dma_next_req(&ev, &done, &req), 0);
}

/* The hand-written sample: every kind, and a canonical form that is stable. */
TEST(TraceText, HandwrittenSample)
{
	size_t len, clen, c2len;
	char *text = slurp(TRACES_SAMPLES_DIR "/handwritten.txt", &len);
	struct evvec v = { 0 };
	struct trace_err err;
	unsigned kinds[TRACE_KIND_COUNT] = { 0 };
	char *canon, *canon2;

	ASSERT_TRUE(text != NULL);
	ASSERT_EQ(read_mem(text, len, "handwritten.txt", &v, &err), 0);
	ASSERT_EQ(v.n, 13u);
	for (size_t i = 0; i < v.n; i++)
		kinds[v.v[i].kind]++;
	EXPECT_EQ(kinds[TRACE_ATTACH], 2u);
	EXPECT_EQ(kinds[TRACE_MAP], 2u);
	EXPECT_EQ(kinds[TRACE_DMA], 5u);
	EXPECT_EQ(kinds[TRACE_UNMAP], 1u);
	EXPECT_EQ(kinds[TRACE_INVAL], 2u);
	EXPECT_EQ(kinds[TRACE_FAULT], 1u);
	EXPECT_EQ(v.v[0].dev, 2u << 3);                 /* 00:02.0 */
	EXPECT_EQ(v.v[3].size, 2u << 20);               /* 2M */
	EXPECT_EQ(v.v[5].time, 104500u);                /* 104.5 ns */
	EXPECT_EQ(v.v[12].size, 0u);                    /* inval 2 all */
	/* canonical text is a fixed point of text -> text */
	canon = convert_mem(text, len, TRACE_FMT_TEXT, &clen, &err);
	ASSERT_TRUE(canon != NULL);
	canon2 = convert_mem(canon, clen, TRACE_FMT_TEXT, &c2len, &err);
	ASSERT_TRUE(canon2 != NULL);
	EXPECT_SAME_BYTES(canon2, c2len, canon, clen);
	EXPECT_LT(clen, len);    /* comments and padding are gone */
	free(canon);
	free(canon2);
	free(text);
	evvec_free(&v);
}
