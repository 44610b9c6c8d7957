// SPDX-License-Identifier: GPL-2.0-only
/*
 * The reader's fast path for the common dma record (same dev, size and
 * PASID as the last dma) must give exactly what the full decoder gives:
 * the same events, the same trace_reader_where(), and the same error at
 * the same offset. Mixed traces are compared with the events written;
 * corrupted ones with a reference reader built on trace_bin_decode()
 * alone.
 */
#include <stdlib.h>
#include <string.h>

#include <zstd.h>

#include "rng.h"
#include "simtest.h"
#include "trace.h"
#include "trace_internal.h"
#include "tt_util.h"

#define FAST_TAG       (BIN_DMA | BIN_DMA_SAME_DEV | BIN_DMA_SAME_SIZE | BIN_DMA_SAME_ACCESS)
#define FAST_TAG_PASID (FAST_TAG | BIN_DMA_HAS_PASID | BIN_DMA_SAME_PASID)

static uint8_t *write_events(const struct trace_event *evs, size_t n, enum trace_format fmt,
			     size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	struct trace_err err;
	struct trace_writer *w = trace_writer_open_stream(f, "m", fmt, &err);

	if (!w) {
		ADD_FAILURE("writer: %s", err.msg);
		fclose(f);
		free(buf);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (trace_writer_put(w, &evs[i], &err)) {
			ADD_FAILURE("event %zu: %s", i, err.msg);
			trace_writer_abort(w);
			fclose(f);
			free(buf);
			return NULL;
		}
	if (trace_writer_close(w, &err))
		ADD_FAILURE("close: %s", err.msg);
	fclose(f);
	return (uint8_t *)buf;
}

/* Offset of every event's record, from the writer's own encoder. */
static void record_offsets(const struct trace_event *evs, size_t n, uint64_t *offs)
{
	struct trace_bin_state st = { 0 };
	uint8_t rec[TRACE_BIN_REC_MAX];
	uint64_t off = TRACE_BIN_HDR_LEN;

	for (size_t i = 0; i < n; i++) {
		offs[i] = off;
		off += trace_bin_encode(&st, &evs[i], rec);
	}
}

/* What a reader gave: events, where each came from, the final result. */
struct got {
	struct evvec ev;
	uint64_t *off;
	size_t off_cap;
	int rc;
	char msg[sizeof(((struct trace_err *)0)->msg)];
};

static void got_free(struct got *g)
{
	evvec_free(&g->ev);
	free(g->off);
	memset(g, 0, sizeof(*g));
}

static void got_push(struct got *g, const struct trace_event *ev, uint64_t off)
{
	struct trace_err err;

	if (g->ev.n == g->off_cap) {
		g->off_cap = g->off_cap ? 2 * g->off_cap : 256;
		g->off = realloc(g->off, g->off_cap * sizeof(*g->off));
	}
	g->off[g->ev.n] = off;
	evvec_push(&g->ev, ev, &err);
}

/* The library's reader, with trace_reader_where() after every event. */
static void read_lib(const uint8_t *buf, size_t len, struct got *g)
{
	FILE *f = fmemopen((void *)buf, len, "rb");
	struct trace_err err = { "" };
	struct trace_reader *r = trace_reader_open_stream(f, "t.bin", &err);
	struct trace_event ev;

	memset(g, 0, sizeof(*g));
	if (!r) {
		g->rc = -1;
		snprintf(g->msg, sizeof(g->msg), "%s", err.msg);
		fclose(f);
		return;
	}
	while ((g->rc = trace_reader_next(r, &ev, &err)) == 1) {
		char where[300];
		unsigned long long off = ~0ULL;

		trace_reader_where(r, where, sizeof(where));
		if (sscanf(where, "t.bin: offset %llu", &off) != 1)
			ADD_FAILURE("where: '%s'", where);
		got_push(g, &ev, off);
	}
	if (g->rc < 0)
		snprintf(g->msg, sizeof(g->msg), "%s", err.msg);
	/* the end and an error stay: nothing more comes out */
	if (trace_reader_next(r, &ev, &err) != g->rc)
		ADD_FAILURE("the reader's result changed after %d", g->rc);
	else if (g->rc < 0 && strcmp(err.msg, g->msg))
		ADD_FAILURE("the error changed: '%s' then '%s'", g->msg, err.msg);
	trace_reader_close(r);
	fclose(f);
}

/*
 * Reference: the reader's record loop (FORMAT.md "Binary format") over a
 * raw trace held whole, every record through trace_bin_decode().
 */
static void read_ref(const uint8_t *buf, size_t len, struct got *g)
{
	struct trace_bin_dec dec = { 0 };
	size_t pos = TRACE_BIN_HDR_LEN;
	char why[256];

	memset(g, 0, sizeof(*g));
	for (;;) {
		struct trace_event ev;
		uint64_t count = 0;
		size_t used = 0;
		int rc;

		if (pos == len) {
			snprintf(g->msg, sizeof(g->msg),
				 "t.bin: offset %zu: truncated: data ends without an end record", pos);
			g->rc = -1;
			return;
		}
		rc = trace_bin_decode(&dec, buf + pos, len - pos, &ev, &count, &used, why,
				      sizeof(why));
		if (rc == BIN_DEC_SHORT || rc == BIN_DEC_ERROR) {
			snprintf(g->msg, sizeof(g->msg), "t.bin: offset %zu: %s", pos,
				 rc == BIN_DEC_SHORT ? "truncated record" : why);
			g->rc = -1;
			return;
		}
		if (rc == BIN_DEC_END) {
			g->rc = -1;
			if (count != g->ev.n)
				snprintf(g->msg, sizeof(g->msg),
					 "t.bin: offset %zu: end record counts %llu events, the data holds %zu",
					 pos, (unsigned long long)count, g->ev.n);
			else if (pos + used < len)
				snprintf(g->msg, sizeof(g->msg),
					 "t.bin: offset %zu: data after the end record", pos + used);
			else
				g->rc = 0;
			return;
		}
		got_push(g, &ev, pos);
		pos += used;
	}
}

/* Same result, event for event; what tells the first difference. */
static bool same_got(const struct got *a, const struct got *b, char *diff, size_t len)
{
	if (a->rc != b->rc || strcmp(a->msg, b->msg)) {
		snprintf(diff, len, "result %d '%.200s' vs %d '%.200s'", a->rc, a->msg, b->rc,
			 b->msg);
		return false;
	}
	if (a->ev.n != b->ev.n) {
		snprintf(diff, len, "%zu events vs %zu", a->ev.n, b->ev.n);
		return false;
	}
	for (size_t i = 0; i < a->ev.n; i++) {
		if (!event_eq(&a->ev.v[i], &b->ev.v[i])) {
			snprintf(diff, len, "event %zu differs", i);
			return false;
		}
		if (a->off[i] != b->off[i]) {
			snprintf(diff, len, "event %zu at offset %llu vs %llu", i,
				 (unsigned long long)a->off[i], (unsigned long long)b->off[i]);
			return false;
		}
	}
	return true;
}

static struct trace_event dma(sim_time_t t, uint32_t dev, int pasid, uint64_t iova,
			      uint64_t size, uint8_t acc)
{
	return (struct trace_event){ .kind = TRACE_DMA, .time = t, .dev = dev,
				     .has_pasid = pasid >= 0, .pasid = pasid >= 0 ? pasid : 0,
				     .iova = iova, .size = size, .access = acc };
}

enum { R = XLATE_READ, W = XLATE_WRITE, RW = XLATE_READ | XLATE_WRITE };

TEST(TraceBinFast, MixedRecordsDecodeAsWritten)
{
	/* fast: a record the fast path takes (its tag, 64 bytes buffered) */
	const struct {
		struct trace_event ev;
		bool fast;
	} mix[] = {
		{ { .kind = TRACE_ATTACH, .time = 0, .dev = 0x10, .as = 1 } },
		{ { .kind = TRACE_MAP, .time = 0, .as = 1, .iova = 0x100000, .size = 0x100000,
		    .pa = 0x4000000, .access = RW } },
		{ dma(0, 0x10, -1, 0x100000, 64, R) },          /* the first dma: full */
		{ dma(1, 0x10, -1, 0x100040, 64, R), true },
		{ dma(1, 0x10, -1, 0x100080, 64, W), true },    /* access byte */
		{ dma(2, 0x10, -1, 0x1000c0, 64, W), true },
		{ dma(3, 0x10, -1, 0x100100, 128, W) },         /* size changes */
		{ dma(3, 0x10, -1, 0x100180, 128, W), true },
		{ dma(4, 0x10, 5, 0x100200, 128, W) },          /* a PASID appears */
		{ dma(5, 0x10, 5, 0x100280, 128, W), true },
		{ dma(5, 0x10, 5, 0x100300, 128, RW), true },
		{ dma(6, 0x10, 6, 0x100380, 128, RW) },         /* PASID changes */
		{ dma(6, 0x10, 6, 0x100400, 128, RW), true },
		{ dma(7, 0x10, -1, 0x100480, 128, RW) },        /* and goes */
		{ dma(7, 0x10, -1, 0x100500, 128, RW), true },
		/* SAME_PASID again, but the last dma had none: the full decoder */
		{ dma(8, 0x10, 6, 0x100580, 128, RW) },
		{ dma(8, 0x10, 6, 0x100600, 128, RW), true },
		{ dma(9, 0x10, -1, 0x100680, 128, R) },
		{ dma(9, 0x10, -1, 0x1f0000, 128, R), true },   /* multi-byte iova delta */
		{ dma(9, 0x10, -1, 0x100000, 128, R), true },   /* and back */
		{ dma(2000009, 0x10, -1, 0x100080, 128, R), true }, /* multi-byte dt */
		{ { .kind = TRACE_INVAL, .time = 2000010, .as = 1 } },
		{ dma(2000011, 0x10, -1, 0x100100, 128, R), true }, /* after a control event */
		{ { .kind = TRACE_FAULT, .time = 2000011, .dev = 0x10, .iova = 0x5000,
		    .access = W } },
		{ { .kind = TRACE_UNMAP, .time = 2000012, .as = 1, .iova = 0x100000,
		    .size = 0x1000 } },
		{ dma(2000013, 0x10, -1, 0x100180, 128, W), true },
		{ dma(2000013, 0x11, -1, 0x100200, 128, W) },   /* dev changes */
		{ dma(2000014, 0x11, -1, 0x100280, 128, W), true },
		/* a jump of 2^62: a ten-byte iova varint, the full decoder */
		{ dma(2000014, 0x11, -1, 0x4000000000100300ULL, 128, W) },
		{ dma(2000015, 0x11, -1, 0x4000000000100380ULL, 128, W), true },
		/* up to the end of the address space (a jump of more than 2^62 again) */
		{ dma(2000015, 0x11, -1, 0xffffffffffffff00ULL, 128, W) },
		/* the last byte at 2^64 - 1 */
		{ dma(2000016, 0x11, -1, 0xffffffffffffff80ULL, 128, W), true },
		{ dma(2000016, 0x11, -1, 0, 128, W), true },    /* next iova wrapped to 0 */
	};
	const size_t nmix = sizeof(mix) / sizeof(mix[0]), tail = 40, n = nmix + tail;
	struct trace_event *evs = calloc(n, sizeof(*evs));
	uint64_t *offs = calloc(n, sizeof(*offs));
	enum trace_format fmts[] = { TRACE_FMT_BIN_RAW, TRACE_FMT_BIN };
	uint8_t *raw = NULL;
	size_t rawlen = 0;

	for (size_t i = 0; i < nmix; i++)
		evs[i] = mix[i].ev;
	/* enough records after the mix that every one of it has 64 bytes behind */
	for (size_t i = nmix; i < n; i++)
		evs[i] = dma(2000020 + i, 0x11, -1, (i - nmix) * 128, 128, W);
	record_offsets(evs, n, offs);

	for (int f = 0; f < 2; f++) {
		size_t len;
		uint8_t *buf = write_events(evs, n, fmts[f], &len);
		struct got g;

		ASSERT_TRUE(buf != NULL);
		read_lib(buf, len, &g);
		EXPECT_EQ(g.rc, 0);
		EXPECT_STREQ(g.msg, "");
		ASSERT_EQ(g.ev.n, n);
		for (size_t i = 0; i < n; i++) {
			if (!event_eq(&g.ev.v[i], &evs[i]))
				ADD_FAILURE("format %d: event %zu differs", f, i);
			if (g.off[i] != offs[i])
				ADD_FAILURE("format %d: event %zu at offset %llu, written at %llu",
					    f, i, (unsigned long long)g.off[i],
					    (unsigned long long)offs[i]);
		}
		got_free(&g);
		if (fmts[f] == TRACE_FMT_BIN_RAW) {
			raw = buf;
			rawlen = len;
		} else {
			free(buf);
		}
	}

	/* The records marked fast have the shape the fast path takes. */
	for (size_t i = 0; i < nmix; i++) {
		uint8_t tag = raw[offs[i]] | BIN_DMA_SAME_ACCESS;

		if (!mix[i].fast)
			continue;
		if (tag != (evs[i].has_pasid ? FAST_TAG_PASID : FAST_TAG))
			ADD_FAILURE("event %zu: tag 0x%02x is not fast-path shaped", i, raw[offs[i]]);
		if (offs[i] + TRACE_BIN_REC_MAX > rawlen)
			ADD_FAILURE("event %zu: fewer than %d bytes behind it", i, TRACE_BIN_REC_MAX);
	}
	/* And the full decoder alone reads the same. */
	{
		struct got a, b;
		char diff[600];

		read_lib(raw, rawlen, &a);
		read_ref(raw, rawlen, &b);
		if (!same_got(&a, &b, diff, sizeof(diff)))
			ADD_FAILURE("reader vs trace_bin_decode(): %s", diff);
		got_free(&a);
		got_free(&b);
	}
	free(raw);
	free(evs);
	free(offs);
}

/* A raw trace: header, records, and optionally pad_records more (unchecked) after. */
static size_t build_raw(uint8_t *b, const char *recs, size_t n, int pad_records)
{
	size_t len = TRACE_BIN_HDR_LEN;

	trace_bin_header(b, false);
	memcpy(b + len, recs, n);
	len += n;
	for (int i = 0; i < pad_records; i++) {
		memcpy(b + len, "\xc9\x00\x00", 3);
		len += 3;
	}
	return len;
}

/*
 * An error in a record that has the fast path's shape: with 64 bytes
 * behind it (fast path, then the full decoder for the message) and at the
 * very end of the data (full decoder only), the same events, the same
 * message at the same offset.
 */
static void expect_fast_shaped_error(const char *recs, size_t n, size_t good, uint64_t last,
				     const char *want)
{
	uint8_t b[512];

	for (int pad = 0; pad < 2; pad++) {
		size_t len = build_raw(b, recs, n, pad ? 30 : 0);
		struct got g, ref;
		char diff[600];

		read_lib(b, len, &g);
		read_ref(b, len, &ref);
		EXPECT_EQ(g.rc, -1);
		EXPECT_STREQ(g.msg, want);
		EXPECT_EQ(g.ev.n, good);
		if (g.ev.n == good && good)
			EXPECT_EQ(g.off[good - 1], last);
		if (!same_got(&g, &ref, diff, sizeof(diff)))
			ADD_FAILURE("padding %d: reader vs trace_bin_decode(): %s", pad, diff);
		got_free(&g);
		got_free(&ref);
	}
}

TEST(TraceBinFast, ErrorsInFastShapedRecords)
{
	/*
	 * A dma at 2^64 - 0x60 (tag dma, dt 0, dev 1, ziova -0x60 = 0xbf 0x01,
	 * size 16, access r) at offset 12, then three that follow on at 19,
	 * 22 and 25 (iova ...b0, ...c0, ...d0).
	 */
#define HEAD "\x01\x00\x01\xbf\x01\x10\x01" "\xc9\x00\x00" "\xc9\x00\x00" "\xc9\x00\x00"
	const size_t head = 16;
	uint8_t b[512];
	struct got g;

	/* the prefix is valid, ending at the top of the address space */
	{
		size_t len = build_raw(b, HEAD "\xc9\x00\x20" "\xc9\x00\x00" "\x00\x06",
				       head + 8, 0);

		read_lib(b, len, &g);
		EXPECT_EQ(g.rc, 0);
		ASSERT_EQ(g.ev.n, 6u);
		EXPECT_EQ(g.ev.v[0].iova, 0xffffffffffffffa0ULL);
		EXPECT_EQ(g.ev.v[3].iova, 0xffffffffffffffd0ULL);
		EXPECT_EQ(g.ev.v[4].iova, 0xfffffffffffffff0ULL);       /* last byte 2^64-1 */
		EXPECT_EQ(g.ev.v[5].iova, 0ULL);                        /* next_iova wrapped */
		EXPECT_EQ(g.ev.v[5].size, 16ULL);
		EXPECT_EQ(g.off[5], 31ULL);
		got_free(&g);
	}
	/* iova + size wraps: ziova +0x18 -> iova 2^64 - 8, size 16 */
	expect_fast_shaped_error(HEAD "\xc9\x00\x30", head + 3, 4, 25,
				 "t.bin: offset 28: dma: iova + size overflows 64 bits");
	/* the same delta as a two-byte varint (not minimal, but valid) */
	expect_fast_shaped_error(HEAD "\xc9\x00\xb0\x00", head + 4, 4, 25,
				 "t.bin: offset 28: dma: iova + size overflows 64 bits");
	/* a new access byte that is empty, or has a bit beyond r, w, x */
	expect_fast_shaped_error(HEAD "\x49\x00\x00\x00", head + 4, 4, 25,
				 "t.bin: offset 28: access must be a non-empty set of r, w, x");
	expect_fast_shaped_error(HEAD "\x49\x00\x00\x09", head + 4, 4, 25,
				 "t.bin: offset 28: access must be a non-empty set of r, w, x");
	/* with PASID 7: iova ...a0, ...b0, then +0x38 from ...c0 wraps */
	expect_fast_shaped_error("\x11\x00\x01\x07\xbf\x01\x10\x01" "\xf9\x00\x00" "\xf9\x00\x70",
				 14, 2, 20,
				 "t.bin: offset 23: dma: iova + size overflows 64 bits");
	/* time: the first dma at 2^64 - 1 ps, the next one 1 ps later */
	expect_fast_shaped_error("\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01\x01\x00\x08\x01"
				 "\xc9\x00\x00" "\xc9\x01\x00", 21, 2, 27,
				 "t.bin: offset 30: time overflows 64 bits");
	/* a ten-byte varint that overflows, in a fast-shaped record */
	expect_fast_shaped_error(HEAD "\xc9\x00\x80\x80\x80\x80\x80\x80\x80\x80\x80\x02", head + 12,
				 4, 25, "t.bin: offset 28: varint for iova overflows 64 bits");
	/* fast-shaped records after the end record are not events */
	expect_fast_shaped_error(HEAD "\x00\x04" "\xc9\x00\x00", head + 5, 4, 25,
				 "t.bin: offset 30: data after the end record");
	/* a truncated fast-shaped record, then nothing */
	{
		size_t len = build_raw(b, HEAD "\x49\x00\x00", head + 3, 0);

		read_lib(b, len, &g);
		EXPECT_EQ(g.rc, -1);
		EXPECT_STREQ(g.msg, "t.bin: offset 28: truncated record");
		EXPECT_EQ(g.ev.n, 4u);
		got_free(&g);
	}
#undef HEAD
}

/* --- corruption: the reader against trace_bin_decode() alone ----------- */

/* A random valid stream, most of it fast-path shaped. */
static size_t random_events(struct rng *rng, struct trace_event *evs, size_t n)
{
	struct trace_event d = dma(0, 0x100, -1, 0x10000, 64, R);

	for (size_t i = 0; i < n; i++) {
		uint64_t pick = rng_below(rng, 100);

		d.time += rng_below(rng, 4);
		d.iova += d.size;
		if (pick < 60) {
			/* same everything */
		} else if (pick < 70) {
			d.access = 1 + (uint8_t)rng_below(rng, 7);
		} else if (pick < 74) {
			d.size = 1 + rng_below(rng, rng_below(rng, 2) ? 4096 : TRACE_DMA_SIZE_MAX);
		} else if (pick < 78) {
			d.has_pasid = rng_below(rng, 2);
			d.pasid = d.has_pasid ? (uint32_t)rng_below(rng, 4) : 0;
		} else if (pick < 81) {
			d.dev = (uint32_t)rng_below(rng, 3);
		} else if (pick < 88) {
			d.iova = rng_below(rng, 2) ? d.iova + rng_below(rng, 1 << 20) - (1 << 19)
						   : rng_next(rng);
		} else if (pick < 91) {
			d.time += rng_below(rng, 1000000);
		} else {
			evs[i] = (struct trace_event){ .kind = TRACE_MAP, .time = d.time,
						       .as = 1, .iova = 0x1000 * rng_below(rng, 50),
						       .size = 0x1000, .pa = 0x2000, .access = RW };
			if (pick < 94) {
				evs[i].kind = TRACE_UNMAP;
				evs[i].pa = 0;
				evs[i].access = 0;
			} else if (pick < 97) {
				evs[i] = (struct trace_event){ .kind = TRACE_INVAL,
							       .time = d.time, .as = 2 };
			}
			continue;
		}
		/* keep the event valid: the range must not pass 2^64 */
		if (d.iova + (d.size - 1) < d.iova)
			d.iova = 0 - d.size - rng_below(rng, 3);
		evs[i] = d;
	}
	return n;
}

TEST(TraceBinFast, CorruptRawTracesMatchFullDecoder)
{
	enum { N = 400, ITERS = 3000 };
	struct trace_event *evs = calloc(N, sizeof(*evs));
	struct rng rng;
	size_t len;
	uint8_t *raw, *bad;
	unsigned errors = 0, partial = 0;

	rng_seed(&rng, 21, 1);
	random_events(&rng, evs, N);
	raw = write_events(evs, N, TRACE_FMT_BIN_RAW, &len);
	ASSERT_TRUE(raw != NULL);
	bad = malloc(len);
	/* untouched: what was written, both ways */
	{
		struct got a, b;
		char diff[600];

		read_lib(raw, len, &a);
		read_ref(raw, len, &b);
		EXPECT_EQ(a.rc, 0);
		ASSERT_EQ(a.ev.n, (size_t)N);
		for (size_t i = 0; i < N; i++)
			if (!event_eq(&a.ev.v[i], &evs[i]))
				FAIL("event %zu differs from what was written", i);
		if (!same_got(&a, &b, diff, sizeof(diff)))
			ADD_FAILURE("reader vs trace_bin_decode(): %s", diff);
		got_free(&a);
		got_free(&b);
	}
	for (int iter = 0; iter < ITERS; iter++) {
		int flips = 1 + (int)rng_below(&rng, 3);
		struct got a, b;
		char diff[600];

		memcpy(bad, raw, len);
		for (int k = 0; k < flips; k++) {
			size_t at = TRACE_BIN_HDR_LEN + rng_below(&rng, len - TRACE_BIN_HDR_LEN);

			/* half of the time a bit of a tag or varint's top, where it matters most */
			if (rng_below(&rng, 2))
				bad[at] ^= (uint8_t)(1u << rng_below(&rng, 8));
			else
				bad[at] = (uint8_t)rng_next(&rng);
		}
		read_lib(bad, len, &a);
		read_ref(bad, len, &b);
		if (!same_got(&a, &b, diff, sizeof(diff)))
			FAIL("iteration %d: reader vs trace_bin_decode(): %s", iter, diff);
		errors += a.rc < 0;
		partial += a.rc < 0 && a.ev.n > N / 2;
		got_free(&a);
		got_free(&b);
	}
	/* the corruption was noticed often, and often late in the trace */
	EXPECT_GT(errors, ITERS * 2 / 3);
	EXPECT_GT(partial, ITERS / 5);
	free(bad);
	free(raw);
	free(evs);
}

/*
 * Compressed data cut short: the reader stops where it needs a record's
 * worth of bytes (TRACE_BIN_REC_MAX) that zstd cannot give, fast path or
 * not, so exactly the events whose records start that far before the end
 * of what the cut data decompresses to come out first.
 */
TEST(TraceBinFast, CutCompressedDataStopsAtTheSameEvent)
{
	enum { N = 200000, CUTS = 24 };     /* ~700 KB of records: zstd blocks of 128 KB */
	struct trace_event *evs = calloc(N, sizeof(*evs));
	uint64_t *offs = calloc(N, sizeof(*offs));
	size_t out_cap = 8 << 20, len;
	uint8_t *out = malloc(out_cap), *bin;
	struct rng rng;
	unsigned checked = 0;
	size_t last_want = 0;

	rng_seed(&rng, 22, 1);
	for (size_t i = 0; i < N; i++)
		evs[i] = dma(i / 3, 0x100, -1, 0x10000 + i % 1024 * 64, 64,
			     rng_below(&rng, 2) ? R : W);
	record_offsets(evs, N, offs);
	bin = write_events(evs, N, TRACE_FMT_BIN, &len);
	ASSERT_TRUE(bin != NULL);
	for (int k = 1; k < CUTS; k++) {
		size_t cut = TRACE_BIN_HDR_LEN + (len - TRACE_BIN_HDR_LEN) * k / CUTS;
		ZSTD_DCtx *dctx = ZSTD_createDCtx();
		ZSTD_inBuffer zin = { bin + TRACE_BIN_HDR_LEN, cut - TRACE_BIN_HDR_LEN, 0 };
		ZSTD_outBuffer zout = { out, out_cap, 0 };
		size_t before, want = 0;
		struct got g;

		/* all that the cut data decompresses to */
		do {
			before = zout.pos;
			ASSERT_FALSE(ZSTD_isError(ZSTD_decompressStream(dctx, &zout, &zin)));
		} while (zout.pos != before);
		ZSTD_freeDCtx(dctx);
		while (want < N && offs[want] + TRACE_BIN_REC_MAX <= TRACE_BIN_HDR_LEN + zout.pos)
			want++;

		read_lib(bin, cut, &g);
		EXPECT_EQ(g.rc, -1);
		if (!strstr(g.msg, ": compressed data ends in the middle of a frame"))
			ADD_FAILURE("cut at %zu: '%s'", cut, g.msg);
		if (g.ev.n != want)
			ADD_FAILURE("cut at %zu: %zu events before the error, want %zu", cut,
				    g.ev.n, want);
		for (size_t i = 0; i < g.ev.n && i < N; i++)
			if (!event_eq(&g.ev.v[i], &evs[i]))
				FAIL("cut at %zu: event %zu differs", cut, i);
		/* cuts in distinct blocks, neither before the first nor at the end */
		checked += want > last_want && want < N;
		last_want = want;
		got_free(&g);
	}
	EXPECT_GT(checked, 3u);
	free(out);
	free(bin);
	free(evs);
	free(offs);
}
