// SPDX-License-Identifier: GPL-2.0-only
/*
 * Binary format: lossless round trips on every generator's output,
 * edge values, every error path, truncation and corruption, and bounded
 * memory on a long stream.
 */
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "simtest.h"
#include "trace.h"
#include "trace_gen.h"
#include "trace_internal.h"
#include "tt_util.h"

/* text -> binary -> text must give the canonical text byte for byte. */
static void round_trip(const struct trace_gen *g, const void *params, uint64_t seed)
{
	size_t tlen, blen, rlen, t2len, b2len;
	char *text = gen_to_mem(g, params, seed, TRACE_FMT_TEXT, &tlen);
	struct trace_err err;
	char *bin, *raw, *text2, *bin2;

	ASSERT_TRUE(text != NULL);
	bin = convert_mem(text, tlen, TRACE_FMT_BIN, &blen, &err);
	ASSERT_TRUE(bin != NULL);
	raw = convert_mem(text, tlen, TRACE_FMT_BIN_RAW, &rlen, &err);
	ASSERT_TRUE(raw != NULL);
	text2 = convert_mem(bin, blen, TRACE_FMT_TEXT, &t2len, &err);
	ASSERT_TRUE(text2 != NULL);
	EXPECT_SAME_BYTES(text2, t2len, text, tlen);
	free(text2);
	text2 = convert_mem(raw, rlen, TRACE_FMT_TEXT, &t2len, &err);
	ASSERT_TRUE(text2 != NULL);
	EXPECT_SAME_BYTES(text2, t2len, text, tlen);
	/* The generator writing binary directly gives the same file. */
	bin2 = gen_to_mem(g, params, seed, TRACE_FMT_BIN, &b2len);
	EXPECT_TRUE(bin2 && b2len == blen && !memcmp(bin, bin2, blen));
	/* Compression must pay off on generated traffic. */
	EXPECT_LT(blen, tlen);
	free(text);
	free(bin);
	free(raw);
	free(text2);
	free(bin2);
}

TEST(TraceBin, RoundTripEveryGenerator)
{
	for (int i = 0; trace_gens[i]; i++) {
		const struct trace_gen *g = trace_gens[i];
		void *p = calloc(1, g->params_size);
		struct trace_err err;

		g->defaults(p);
		ASSERT_EQ(trace_gen_set(g, p, "count=3000", &err), 0);
		round_trip(g, p, 11);
		free(p);
	}
}

TEST(TraceBin, RoundTripGeneratorVariants)
{
	static const struct { const char *gen, *kv; } v[] = {
		{ "pciebench", "count=2000,pattern=rand,read_pct=30,xfer=100,offset=3,pasid=9" },
		{ "pciebench", "count=500,map_chunk=4K,window=1M,gap=3" },
		{ "nic", "count=700,churn=1,dir=tx,batch=3,ring=10" },
		{ "nic", "count=700,pkt_min=60,pkt_max=9000,buf=9K,bw=1234" },
		{ "nvme", "count=300,bs=64K,qd=7,read_pct=0" },
		{ "nvme", "count=300,bs=8K,pasid=3,dev=0x10021" },
		{ "accel", "count=4000,page=1G,buf=1G,chunk=3000,in=3,out=2" },
		{ "accel", "count=4000,pasid=-,chunk=1" },
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		const struct trace_gen *g = trace_gen_find(v[i].gen);
		void *p = calloc(1, g->params_size);
		struct trace_err err;

		g->defaults(p);
		if (trace_gen_set(g, p, v[i].kv, &err))
			FAIL("%s %s: %s", v[i].gen, v[i].kv, err.msg);
		round_trip(g, p, 1000 + i);
		free(p);
	}
}

/* Extreme field values survive the delta/varint coding. */
TEST(TraceBin, EdgeValuesRoundTrip)
{
	const struct trace_event evs[] = {
		{ .kind = TRACE_DMA, .time = 0, .dev = 0xffffffff, .has_pasid = true,
		  .pasid = TRACE_PASID_MAX, .iova = 0xffffffffffffffffULL, .size = 1,
		  .access = XLATE_EXEC },
		{ .kind = TRACE_DMA, .time = 0, .dev = 0, .iova = 0, .size = TRACE_DMA_SIZE_MAX,
		  .access = XLATE_READ },
		{ .kind = TRACE_DMA, .time = 1, .dev = 0, .has_pasid = true, .pasid = 0,
		  .iova = 0x8000000000000000ULL, .size = TRACE_DMA_SIZE_MAX,
		  .access = XLATE_READ },
		{ .kind = TRACE_DMA, .time = 1, .dev = 0, .has_pasid = true, .pasid = 0,
		  .iova = 0x7fffffffffffffffULL, .size = 1, .access = XLATE_WRITE },
		{ .kind = TRACE_MAP, .time = 2, .as = 0xffffffff, .iova = 0xfffffffffffff000ULL,
		  .size = 4096, .pa = 0xfffffffffffff000ULL, .access = 7 },
		{ .kind = TRACE_UNMAP, .time = 3, .as = 0, .iova = 0, .size = 0xfffffffffffff000ULL },
		{ .kind = TRACE_INVAL, .time = 3, .as = 5 },
		{ .kind = TRACE_INVAL, .time = 3, .as = 5, .iova = 0x1000, .size = 0x1000 },
		{ .kind = TRACE_ATTACH, .time = 4, .dev = 7, .as = 9 },
		{ .kind = TRACE_ATTACH, .time = 4, .dev = 7, .has_pasid = true, .pasid = 1, .as = 9 },
		{ .kind = TRACE_FAULT, .time = 5, .dev = 3, .iova = 1, .access = XLATE_WRITE },
		{ .kind = TRACE_FAULT, .time = 5, .dev = 3, .has_pasid = true, .pasid = 2,
		  .iova = 1, .access = 7 },
		{ .kind = TRACE_DMA, .time = UINT64_MAX, .dev = 1, .iova = 0x1000, .size = 8,
		  .access = XLATE_READ | XLATE_WRITE },
	};
	const size_t n = sizeof(evs) / sizeof(evs[0]);
	enum trace_format fmts[] = { TRACE_FMT_BIN, TRACE_FMT_BIN_RAW, TRACE_FMT_TEXT };

	for (int f = 0; f < 3; f++) {
		size_t len;
		struct trace_err err;
		char *buf = write_mem(evs, n, fmts[f], &len, &err);
		struct evvec v = { 0 };

		if (!buf)
			FAIL("format %d: %s", f, err.msg);
		EXPECT_EQ(read_mem(buf, len, "m", &v, &err), 0);
		ASSERT_EQ(v.n, n);
		for (size_t i = 0; i < n; i++)
			if (!event_eq(&v.v[i], &evs[i]))
				ADD_FAILURE("format %d event %zu differs", f, i);
		evvec_free(&v);
		free(buf);
	}
}

/* A small raw (uncompressed) binary trace built by hand. */
struct rawbuf {
	uint8_t b[256];
	size_t n;
};

static void raw_header(struct rawbuf *r)
{
	trace_bin_header(r->b, false);
	r->n = TRACE_BIN_HDR_LEN;
}

static void raw_bytes(struct rawbuf *r, const char *bytes, size_t n)
{
	memcpy(r->b + r->n, bytes, n);
	r->n += n;
}

static void expect_bin_error(const struct rawbuf *r, const char *want)
{
	struct evvec v = { 0 };
	struct trace_err err = { "" };

	if (read_mem(r->b, r->n, "t.bin", &v, &err) != -1)
		ADD_FAILURE("accepted, wanted: %s", want);
	else if (strcmp(err.msg, want))
		ADD_FAILURE("\n  got:  %s\n  want: %s", err.msg, want);
	evvec_free(&v);
}

TEST(TraceBin, EveryRecordErrorNamesOffset)
{
	/* one record each, after the header: the reader's error names its offset */
	static const struct {
		const char *bytes;
		size_t n;
		const char *want;
	} bad[] = {
		{ "\x07\x00", 2,
		  "t.bin: offset 12: unknown record kind 7" },
		{ "\x01\x05\x01\x20\x08\x01" "\xc2\x00", 8,
		  "t.bin: offset 18: record tag 0xc2 has reserved bits set" },
		/* SAME_PASID without HAS_PASID */
		{ "\x21\x00\x00\x00\x08\x01", 6,
		  "t.bin: offset 12: record tag 0x21 has reserved bits set" },
		{ "\x01\x05\x01\x20\x00\x01\x00\x01", 8,
		  "t.bin: offset 12: dma: size is 0" },
		{ "\x01\x80\x80\x80\x80\x80\x80\x80\x80\x80\x02", 11,
		  "t.bin: offset 12: varint for time delta overflows 64 bits" },
		/* dev = 2^32 */
		{ "\x01\x00\x80\x80\x80\x80\x10", 7,
		  "t.bin: offset 12: dev 4294967296 out of range" },
		{ "\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01\x01\x00\x08\x01"
		  "\x01\x01\x01\x00\x08\x01", 21,
		  "t.bin: offset 27: time overflows 64 bits" },
		{ "\x01\x05\x01\x20\x08\x01" "\x00\x02", 8,
		  "t.bin: offset 18: end record counts 2 events, the data holds 1" },
		{ "\x00\x00\x00", 3,
		  "t.bin: offset 14: data after the end record" },
		{ "\x01\x05\x01\x20\x08\x01", 6,
		  "t.bin: offset 18: truncated: data ends without an end record" },
		{ "\x01\x05\x01\x20\x08", 5,
		  "t.bin: offset 12: truncated record" },
		/* inval with a range of size 0 */
		{ "\x04\x00\x01\x00\x00", 5,
		  "t.bin: offset 12: inval: size is 0 without the all flag" },
		/* map with no prot */
		{ "\x02\x00\x01\x00\x80\x20\x00", 7,
		  "t.bin: offset 12: map: prot must be a non-empty set of r, w, x" },
	};
	struct rawbuf r;
	struct evvec v = { 0 };
	struct trace_err err;

	/* valid: one dma (tag dma, dt 5, dev 1, ziova 0x20 -> +16, size 8, access r), end 1 */
	raw_header(&r);
	raw_bytes(&r, "\x01\x05\x01\x20\x08\x01" "\x00\x01", 8);
	ASSERT_EQ(read_mem(r.b, r.n, "t.bin", &v, &err), 0);
	ASSERT_EQ(v.n, 1u);
	EXPECT_EQ(v.v[0].time, 5ULL);
	EXPECT_EQ(v.v[0].dev, 1u);
	EXPECT_EQ(v.v[0].iova, 16ULL);
	EXPECT_EQ(v.v[0].size, 8ULL);
	EXPECT_EQ(v.v[0].access, XLATE_READ);
	evvec_free(&v);

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		raw_header(&r);
		raw_bytes(&r, bad[i].bytes, bad[i].n);
		expect_bin_error(&r, bad[i].want);
	}
}

TEST(TraceBin, HeaderErrors)
{
	struct rawbuf r;

	raw_header(&r);
	r.b[8] = 2;
	expect_bin_error(&r, "t.bin: offset 8: unsupported format version 2 (this reader knows 1)");
	raw_header(&r);
	r.b[9] = 0x82;
	expect_bin_error(&r, "t.bin: offset 9: unknown header flags 0x82");
	raw_header(&r);
	r.b[11] = 1;
	expect_bin_error(&r, "t.bin: offset 10: reserved header bytes are not zero");
	raw_header(&r);
	r.n = 10;
	expect_bin_error(&r, "t.bin: offset 10: truncated header");
	/* A compressed trace that stops right after its header. */
	trace_bin_header(r.b, true);
	r.n = TRACE_BIN_HDR_LEN;
	expect_bin_error(&r, "t.bin: offset 12: truncated: data ends without an end record");
}

static char *small_trace(enum trace_format fmt, size_t *len, struct evvec *events)
{
	const struct trace_gen *g = trace_gen_find("nic");
	struct gen_nic p;
	struct trace_err err;
	char *buf;

	gen_nic_defaults(&p);
	p.c.count = 40;
	p.churn = true;
	buf = gen_to_mem(g, &p, 5, fmt, len);
	if (events && buf)
		read_mem(buf, *len, "s", events, &err);
	return buf;
}

/* Every truncation of a compressed trace is an error with an offset. */
TEST(TraceBin, EveryTruncationIsAnError)
{
	struct evvec all = { 0 };
	size_t len;
	char *buf = small_trace(TRACE_FMT_BIN, &len, &all);

	ASSERT_TRUE(buf != NULL);
	ASSERT_GT(all.n, 100u);
	for (size_t cut = TRACE_BIN_MAGIC_LEN; cut < len; cut++) {
		struct evvec v = { 0 };
		struct trace_err err = { "" };

		if (read_mem(buf, cut, "t.bin", &v, &err) != -1)
			FAIL("cut at %zu of %zu was accepted", cut, len);
		if (strncmp(err.msg, "t.bin: offset ", 14))
			FAIL("cut at %zu: message '%s' has no offset", cut, err.msg);
		/* Whatever came out before the error was right. */
		for (size_t i = 0; i < v.n; i++)
			if (i >= all.n || !event_eq(&v.v[i], &all.v[i]))
				FAIL("cut at %zu: event %zu is wrong", cut, i);
		evvec_free(&v);
	}
	evvec_free(&all);
	free(buf);
}

/*
 * Corruption anywhere: never a crash; either an error, or (if the change
 * was harmless) exactly the original events.
 */
TEST(TraceBin, CorruptBytesFuzz)
{
	enum trace_format fmts[] = { TRACE_FMT_BIN, TRACE_FMT_BIN_RAW };
	struct rng rng;

	rng_seed(&rng, 7, 1);
	for (int f = 0; f < 2; f++) {
		struct evvec all = { 0 };
		size_t len;
		char *buf = small_trace(fmts[f], &len, &all);
		char *bad = malloc(len);
		unsigned errors = 0;

		ASSERT_TRUE(buf != NULL);
		for (int iter = 0; iter < 3000; iter++) {
			struct evvec v = { 0 };
			struct trace_err err;
			int flips = 1 + (int)rng_below(&rng, 3);
			int rc;

			memcpy(bad, buf, len);
			for (int k = 0; k < flips; k++)
				bad[rng_below(&rng, len)] ^= (char)(1 + rng_below(&rng, 255));
			rc = read_mem(bad, len, "c.bin", &v, &err);
			if (rc == 0) {
				bool same = v.n == all.n;

				for (size_t i = 0; same && i < v.n; i++)
					same = event_eq(&v.v[i], &all.v[i]);
				/* Raw records have no checksum: any valid decode is fine. */
				if (!same && fmts[f] == TRACE_FMT_BIN)
					FAIL("corruption went unnoticed (iteration %d)", iter);
			} else {
				errors++;
			}
			evvec_free(&v);
		}
		EXPECT_GT(errors, 1000u);
		evvec_free(&all);
		free(buf);
		free(bad);
	}
}

/* Random bytes after a valid header, and entirely random files. */
TEST(TraceBin, GarbageFuzz)
{
	uint8_t buf[600];
	struct rng rng;

	rng_seed(&rng, 8, 1);
	for (int iter = 0; iter < 20000; iter++) {
		struct evvec v = { 0 };
		struct trace_err err;
		size_t n = 1 + rng_below(&rng, sizeof(buf) - TRACE_BIN_HDR_LEN - 4);
		size_t start = 0;

		if (iter % 3 == 0) {
			trace_bin_header(buf, false);
			start = TRACE_BIN_HDR_LEN;
		} else if (iter % 3 == 1) {
			trace_bin_header(buf, true);
			start = TRACE_BIN_HDR_LEN;
			/* a zstd frame magic, so the decoder gets further */
			memcpy(buf + start, "\x28\xb5\x2f\xfd", 4);
			start += 4;
		}
		for (size_t i = start; i < start + n; i++)
			buf[i] = (uint8_t)rng_next(&rng);
		if (read_mem(buf, start + n, "g.bin", &v, &err) == 0 && iter % 3 == 1)
			ADD_FAILURE("random zstd payload decoded without error");
		evvec_free(&v);
	}
}

/*
 * A million generated events through writer and reader: the memory either
 * holds is the same early in the stream as after a million events.
 */
struct tee {
	struct trace_writer *w;
	uint64_t n;
	size_t mem_early;
};

static int tee_fn(void *ctx, const struct trace_event *ev, struct trace_err *err)
{
	struct tee *t = ctx;

	/* zstd sets its context up at the first flush, ~16K events in */
	if (++t->n == 100000)
		t->mem_early = trace_writer_mem(t->w);
	return trace_writer_put(t->w, ev, err);
}

TEST(TraceBin, LongStreamInBoundedMemory)
{
	const uint64_t n = 1000000, slots = (8 << 20) / 64;
	struct tee tee = { 0 };
	struct trace_writer *fw;
	struct trace_reader *r;
	struct trace_event ev;
	struct trace_err err;
	struct gen_pciebench p;
	size_t rmem_early = 0;
	uint64_t got = 0, dmas = 0;
	char path[1024];
	int rc;

	snprintf(path, sizeof(path), "%s/long.bin", simtest_tmpdir());
	gen_pciebench_defaults(&p);
	p.c.count = n;
	tee.w = trace_writer_open(path, TRACE_FMT_BIN, &err);
	ASSERT_TRUE(tee.w != NULL);
	fw = trace_writer_open_fn(tee_fn, &tee);
	ASSERT_EQ(gen_pciebench_run(&p, 1, fw, &err), 0);
	ASSERT_EQ(trace_writer_close(fw, &err), 0);
	EXPECT_EQ(trace_writer_mem(tee.w), tee.mem_early);
	EXPECT_EQ(trace_writer_count(tee.w), n + 2);    /* attach + map + n */
	ASSERT_EQ(trace_writer_close(tee.w, &err), 0);

	r = trace_reader_open(path, &err);
	ASSERT_TRUE(r != NULL);
	EXPECT_EQ(trace_reader_format(r), TRACE_FMT_BIN);
	while ((rc = trace_reader_next(r, &ev, &err)) == 1) {
		if (ev.kind == TRACE_DMA) {
			/* sequential 64-byte slots through the 8 MiB window */
			if (ev.iova != p.c.iova + (dmas % slots) * 64 || ev.size != 64)
				FAIL("dma %llu differs", (unsigned long long)dmas);
			dmas++;
		}
		if (++got == 1000)
			rmem_early = trace_reader_mem(r);
	}
	EXPECT_EQ(rc, 0);
	EXPECT_EQ(got, n + 2);
	EXPECT_EQ(dmas, n);
	EXPECT_EQ(trace_reader_mem(r), rmem_early);
	/* Fixed buffers: well under a megabyte plus the 8 MiB zstd window. */
	EXPECT_LT(rmem_early, (size_t)(1 << 20) + (size_t)(8 << 20));
	trace_reader_close(r);
}

/* Text and binary files are told apart by content, not name. */
TEST(TraceBin, FormatDetectedFromContent)
{
	size_t len;
	char *bin = small_trace(TRACE_FMT_BIN, &len, NULL);
	const char *p = write_tmp("looks-like.txt", bin, len);
	struct trace_err err;
	struct trace_reader *r = trace_reader_open(p, &err);

	ASSERT_TRUE(r != NULL);
	EXPECT_EQ(trace_reader_format(r), TRACE_FMT_BIN);
	trace_reader_close(r);
	free(bin);

	bin = small_trace(TRACE_FMT_TEXT, &len, NULL);
	p = write_tmp("looks-like.bin", bin, len);
	r = trace_reader_open(p, &err);
	ASSERT_TRUE(r != NULL);
	EXPECT_EQ(trace_reader_format(r), TRACE_FMT_TEXT);
	trace_reader_close(r);
	free(bin);
}

/* The writer refuses bad events and time going backwards. */
TEST(TraceBin, WriterChecksEvents)
{
	struct evvec v = { 0 };
	struct trace_writer *w = trace_writer_open_fn(evvec_push, &v);
	struct trace_event e = { .kind = TRACE_DMA, .time = 10, .size = 4, .access = 1 };
	struct trace_err err;

	ASSERT_EQ(trace_writer_put(w, &e, &err), 0);
	e.time = 9;
	EXPECT_EQ(trace_writer_put(w, &e, &err), -1);
	EXPECT_STREQ(err.msg, "<events>: event 2: time goes backwards (9 ps after 10 ps)");
	e.time = 10;
	e.size = 0;
	EXPECT_EQ(trace_writer_put(w, &e, &err), -1);
	EXPECT_STREQ(err.msg, "<events>: event 2: dma: size is 0");
	e.size = 4;
	e.kind = TRACE_KIND_COUNT;
	EXPECT_EQ(trace_writer_put(w, &e, &err), -1);
	EXPECT_STREQ(err.msg, "<events>: event 2: unknown event kind");
	EXPECT_EQ(trace_writer_count(w), 1u);
	EXPECT_EQ(trace_writer_close(w, &err), 0);
	EXPECT_EQ(v.n, 1u);
	evvec_free(&v);
}

/* A replay can cite where an event came from. */
TEST(TraceBin, ReaderSaysWhereTheLastEventCameFrom)
{
	const char *text = "#iommusim-trace v1\n# c\n1 map 1 0x0 4096 0x0 rw\n\n"
			   "2 dma 0x1 - 0x10 4 r\n";
	char where[256];
	struct trace_event ev;
	struct trace_err err;
	const uint8_t raw[] = {
		0x89, 'I', 'O', 'T', 'R', 'C', '\r', '\n', 1, 0, 0, 0,
		0x01, 0x05, 0x01, 0x20, 0x08, 0x01,     /* dma at offset 12 */
		0xc9, 0x00, 0x00,                       /* same dev/size/access at 18 */
		0x00, 0x02,
	};
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	struct trace_reader *r = trace_reader_open_stream(f, "w.txt", &err);

	ASSERT_TRUE(r != NULL);
	ASSERT_EQ(trace_reader_next(r, &ev, &err), 1);
	EXPECT_STREQ(trace_reader_where(r, where, sizeof(where)), "w.txt:3");
	ASSERT_EQ(trace_reader_next(r, &ev, &err), 1);
	EXPECT_STREQ(trace_reader_where(r, where, sizeof(where)), "w.txt:5");
	trace_reader_close(r);
	fclose(f);

	f = fmemopen((void *)raw, sizeof(raw), "rb");
	r = trace_reader_open_stream(f, "w.bin", &err);
	ASSERT_TRUE(r != NULL);
	ASSERT_EQ(trace_reader_next(r, &ev, &err), 1);
	EXPECT_STREQ(trace_reader_where(r, where, sizeof(where)), "w.bin: offset 12");
	ASSERT_EQ(trace_reader_next(r, &ev, &err), 1);
	EXPECT_STREQ(trace_reader_where(r, where, sizeof(where)), "w.bin: offset 18");
	/* the second record repeats dev, size and access; iova follows on */
	EXPECT_EQ(ev.dev, 1u);
	EXPECT_EQ(ev.iova, 16u + 8);
	EXPECT_EQ(ev.size, 8u);
	EXPECT_EQ(ev.access, XLATE_READ);
	EXPECT_EQ(trace_reader_next(r, &ev, &err), 0);
	trace_reader_close(r);
	fclose(f);
}
