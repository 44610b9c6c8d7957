// SPDX-License-Identifier: GPL-2.0-only
/* Generators: determinism, mappings, patterns, mixes, structure, parameters. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "simtest.h"
#include "trace_gen.h"
#include "tt_util.h"

static void *params_for(const char *gen, const char *kv)
{
	const struct trace_gen *g = trace_gen_find(gen);
	void *p = calloc(1, g->params_size);
	struct trace_err err;

	g->defaults(p);
	if (kv && trace_gen_set(g, p, kv, &err)) {
		ADD_FAILURE("%s %s: %s", gen, kv, err.msg);
		free(p);
		return NULL;
	}
	return p;
}

static int run_vec(const char *gen, const char *kv, uint64_t seed, struct evvec *v)
{
	void *p = params_for(gen, kv);
	int rc;

	if (!p)
		return -1;
	rc = gen_to_vec(trace_gen_find(gen), p, seed, v);
	free(p);
	return rc;
}

/*
 * Generate gen's text trace (settings kv) with seed a and with seed b:
 * 1 if the bytes are the same, 0 if not, -1 if either could not be made.
 */
static int same_text(const char *gen, const char *kv, uint64_t a, uint64_t b)
{
	void *p = params_for(gen, kv);
	size_t la = 0, lb = 0;
	char *ta = p ? gen_to_mem(trace_gen_find(gen), p, a, TRACE_FMT_TEXT, &la) : NULL;
	char *tb = p ? gen_to_mem(trace_gen_find(gen), p, b, TRACE_FMT_TEXT, &lb) : NULL;
	int rc = ta && tb ? la == lb && !memcmp(ta, tb, la) : -1;

	free(ta);
	free(tb);
	free(p);
	return rc;
}

TEST(TraceGen, SameSeedSameBytesOtherSeedOtherTraffic)
{
	static const char *const random_gens[] = { "pciebench", "nic", "nvme" };
	static const char *const kv[] = { "pattern=rand", NULL, NULL };

	for (int i = 0; trace_gens[i]; i++)
		if (same_text(trace_gens[i]->name, "count=500", 99, 99) != 1)
			ADD_FAILURE("%s: seed 99 twice gave other bytes", trace_gens[i]->name);
	for (int i = 0; i < 3; i++)
		if (same_text(random_gens[i], kv[i], 1, 2) != 0)
			ADD_FAILURE("%s: seeds 1 and 2 gave the same bytes", random_gens[i]);
}

/* --- a tiny replay: every dma byte must be mapped, with permission ---- */

struct live {
	uint32_t as;
	uint64_t iova, size;
	uint8_t prot;
};

static void check_covered(const char *what, const struct evvec *v)
{
	struct live *maps = NULL;
	size_t nmaps = 0;
	bool attached = false;
	uint32_t as = 0, dev = 0, pasid = 0;
	bool has_pasid = false;
	uint64_t dmas = 0;

	for (size_t i = 0; i < v->n; i++) {
		const struct trace_event *e = &v->v[i];

		switch (e->kind) {
		case TRACE_ATTACH:
			attached = true;
			as = e->as;
			dev = e->dev;
			pasid = e->pasid;
			has_pasid = e->has_pasid;
			break;
		case TRACE_MAP:
			maps = realloc(maps, (nmaps + 1) * sizeof(*maps));
			maps[nmaps++] = (struct live){ e->as, e->iova, e->size, e->access };
			break;
		case TRACE_UNMAP: {
			size_t k;

			for (k = 0; k < nmaps; k++)
				if (maps[k].as == e->as && maps[k].iova == e->iova &&
				    maps[k].size == e->size)
					break;
			if (k == nmaps) {
				ADD_FAILURE("%s: event %zu unmaps what is not mapped", what, i);
				goto out;
			}
			maps[k] = maps[--nmaps];
			break;
		}
		case TRACE_DMA: {
			uint64_t cur = e->iova, end = e->iova + e->size;

			dmas++;
			if (!attached || e->dev != dev || e->has_pasid != has_pasid ||
			    e->pasid != pasid) {
				ADD_FAILURE("%s: event %zu: dma not from the attached device", what, i);
				goto out;
			}
			while (cur < end) {
				size_t k;

				for (k = 0; k < nmaps; k++)
					if (maps[k].as == as && cur >= maps[k].iova &&
					    cur - maps[k].iova < maps[k].size)
						break;
				if (k == nmaps) {
					ADD_FAILURE("%s: event %zu: iova 0x%llx not mapped", what, i,
						    (unsigned long long)cur);
					goto out;
				}
				if ((maps[k].prot & e->access) != e->access) {
					ADD_FAILURE("%s: event %zu: access %u beyond prot %u", what, i,
						    e->access, maps[k].prot);
					goto out;
				}
				cur = maps[k].iova + maps[k].size < end ? maps[k].iova + maps[k].size
									: end;
			}
			break;
		}
		default:
			break;
		}
	}
	if (dmas == 0)
		ADD_FAILURE("%s: no dma at all", what);
out:
	free(maps);
}

TEST(TraceGen, EveryDmaIsMappedWithPermission)
{
	static const struct { const char *gen, *kv; } cases[] = {
		{ "pciebench", "count=3000,pattern=rand,window=1M,map_chunk=64K" },
		{ "pciebench", "count=3000,xfer=4000,offset=96,pasid=4" },
		{ "nic", "count=600" },
		{ "nic", "count=600,churn=1,dir=tx,buf=6000,pkt_max=6000,ring=16,batch=5" },
		{ "nic", "count=600,churn=1,flows=7,ring=16" },
		{ "nic", "count=600,flows=5" },
		{ "nvme", "count=400" },
		{ "nvme", "count=400,bs=128K,qd=16,data=16M" },
		{ "nvme", "count=400,bs=12K,qd=16,inflight=16" },
		{ "accel", "count=5000,chunk=3000,buf=3M" },
		{ "accel", "count=200,page=1G,buf=1G,chunk=1M,in=2,out=2" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct evvec v = { 0 };
		char what[200];

		snprintf(what, sizeof(what), "%s %s", cases[i].gen, cases[i].kv);
		ASSERT_EQ(run_vec(cases[i].gen, cases[i].kv, 3, &v), 0);
		check_covered(what, &v);
		evvec_free(&v);
	}
}

/* Events after the set-up: the DMA (and churn controls) only. */
static size_t first_dma(const struct evvec *v)
{
	size_t i = 0;

	while (i < v->n && v->v[i].kind != TRACE_DMA)
		i++;
	return i;
}

TEST(TracePciebench, SequentialWalksTheSlotsInOrder)
{
	struct evvec v = { 0 };
	const uint64_t base = 0x40000000, window = 64 << 10, xfer = 256, off = 16;
	const uint64_t slots = (window - off) / xfer;
	size_t s;

	ASSERT_EQ(run_vec("pciebench", "count=1000,window=64K,xfer=256,offset=16,bw=1000",
			  1, &v), 0);
	s = first_dma(&v);
	ASSERT_EQ(v.n - s, 1000u);
	for (size_t i = 0; i < 1000; i++) {
		const struct trace_event *e = &v.v[s + i];

		EXPECT_EQ(e->iova, base + off + (i % slots) * xfer);
		EXPECT_EQ(e->size, xfer);
		/* 256 bytes at 1000 MB/s occupy the link 256 ns. */
		EXPECT_EQ(e->time, (uint64_t)i * 256 * 1000);
		if (simtest_failed())
			break;
	}
	evvec_free(&v);
}

TEST(TracePciebench, RandomStaysInWindowAndIsNotSequential)
{
	struct evvec v = { 0 };
	const uint64_t base = 0x40000000, window = 8 << 20, xfer = 64;
	const uint64_t slots = window / xfer, n = 20000;
	uint8_t *seen = calloc(slots, 1);
	uint64_t distinct = 0, successors = 0;
	double expect_distinct;
	size_t s;

	ASSERT_EQ(run_vec("pciebench", "count=20000,pattern=rand", 5, &v), 0);
	s = first_dma(&v);
	ASSERT_EQ(v.n - s, n);
	for (size_t i = 0; i < n; i++) {
		const struct trace_event *e = &v.v[s + i];
		uint64_t slot = (e->iova - base) / xfer;

		if (e->iova < base || e->iova + e->size > base + window ||
		    (e->iova - base) % xfer)
			FAIL("transfer %zu at 0x%llx outside the window's slots", i,
			     (unsigned long long)e->iova);
		if (!seen[slot]++)
			distinct++;
		if (i && e->iova == v.v[s + i - 1].iova + xfer)
			successors++;
	}
	/* Uniform draws: expected distinct slots S(1 - (1 - 1/S)^n). */
	expect_distinct = slots * (1.0 - exp((double)n * log1p(-1.0 / slots)));
	EXPECT_GT((double)distinct, expect_distinct * 0.98);
	EXPECT_LT((double)distinct, expect_distinct * 1.02);
	/* A sequential successor has probability 1/S: about 0.15 here. */
	EXPECT_LT(successors, 10u);
	free(seen);
	evvec_free(&v);
}

static uint64_t count_reads(const struct evvec *v, uint64_t *dmas)
{
	uint64_t reads = 0;

	*dmas = 0;
	for (size_t i = 0; i < v->n; i++)
		if (v->v[i].kind == TRACE_DMA) {
			(*dmas)++;
			reads += v->v[i].access == XLATE_READ;
		}
	return reads;
}

/* The mix is binomial: within 5 standard deviations of n * p. */
static void expect_mix(uint64_t reads, uint64_t n, double p)
{
	double sd = sqrt((double)n * p * (1 - p));

	EXPECT_LE(fabs((double)reads - (double)n * p), 5 * sd + 1e-9);
}

TEST(TracePciebench, ReadWriteMixWithinTolerance)
{
	static const unsigned pcts[] = { 0, 30, 50, 100 };

	for (int i = 0; i < 4; i++) {
		struct evvec v = { 0 };
		char kv[64];
		uint64_t n, reads;

		snprintf(kv, sizeof(kv), "count=20000,read_pct=%u", pcts[i]);
		ASSERT_EQ(run_vec("pciebench", kv, 17, &v), 0);
		reads = count_reads(&v, &n);
		EXPECT_EQ(n, 20000u);
		expect_mix(reads, n, pcts[i] / 100.0);
		evvec_free(&v);
	}
}

TEST(TracePciebench, MixDoesNotMoveAddresses)
{
	struct evvec a = { 0 }, b = { 0 };
	size_t diff_access = 0;

	ASSERT_EQ(run_vec("pciebench", "count=2000,pattern=rand,read_pct=10", 4, &a), 0);
	ASSERT_EQ(run_vec("pciebench", "count=2000,pattern=rand,read_pct=90", 4, &b), 0);
	ASSERT_EQ(a.n, b.n);
	for (size_t i = 0; i < a.n; i++) {
		EXPECT_EQ(a.v[i].iova, b.v[i].iova);
		diff_access += a.v[i].access != b.v[i].access;
	}
	EXPECT_GT(diff_access, 1000u);
	evvec_free(&a);
	evvec_free(&b);
}

TEST(TracePciebench, GapSpacesUnits)
{
	struct evvec v = { 0 };
	size_t s;

	ASSERT_EQ(run_vec("pciebench", "count=100,gap=1000", 1, &v), 0);
	s = first_dma(&v);
	for (size_t i = 0; i < 100; i++)
		EXPECT_EQ(v.v[s + i].time, (uint64_t)i * 1000 * 1000);
	evvec_free(&v);
}

TEST(TraceNvme, CommandsReadSqeMoveAlignedPagesWriteCqe)
{
	const uint64_t base = 0x40000000, qd = 8;
	const uint64_t sq = base, cq = base + 4096, data = base + (2 << 20);
	const uint64_t data_size = 64 << 20;
	struct evvec v = { 0 };
	uint64_t reads = 0;
	size_t s, i;

	ASSERT_EQ(run_vec("nvme", "count=3000,qd=8,data=64M,read_pct=70", 9, &v), 0);
	s = first_dma(&v);
	ASSERT_EQ(v.n - s, 3000u * 3);
	for (uint64_t c = 0; c < 3000; c++) {
		const struct trace_event *e = &v.v[s + c * 3];
		uint64_t slot = c % qd;

		EXPECT_EQ(e[0].iova, sq + slot * 64);
		EXPECT_EQ(e[0].size, 64u);
		EXPECT_EQ(e[0].access, XLATE_READ);
		EXPECT_EQ(e[1].iova % 4096, 0u);
		EXPECT_EQ(e[1].size, 4096u);
		EXPECT_TRUE(e[1].iova >= data && e[1].iova + 4096 <= data + data_size);
		EXPECT_TRUE(e[1].access == XLATE_READ || e[1].access == XLATE_WRITE);
		reads += e[1].access == XLATE_WRITE;    /* a read command writes memory */
		EXPECT_EQ(e[2].iova, cq + slot * 16);
		EXPECT_EQ(e[2].size, 16u);
		EXPECT_EQ(e[2].access, XLATE_WRITE);
		if (simtest_failed())
			break;
	}
	expect_mix(reads, 3000, 0.7);
	/* No PRP list map at 4 KiB: attach + SQ, CQ and data maps. */
	for (i = 0; i < s; i++)
		if (v.v[i].kind == TRACE_MAP)
			EXPECT_EQ(v.v[i].size % 4096, 0u);
	EXPECT_EQ(s, 4u);
	evvec_free(&v);
}

TEST(TraceNvme, LargeIoReadsPrpListAndContiguousPages)
{
	const uint64_t base = 0x40000000, qd = 16;
	const uint64_t prp = base + 4096 + 4096;        /* after SQ (1 KiB) and CQ */
	struct evvec v = { 0 };
	size_t s;

	ASSERT_EQ(run_vec("nvme", "count=100,qd=16,bs=16K", 2, &v), 0);
	s = first_dma(&v);
	ASSERT_EQ(v.n - s, 100u * 7);
	for (uint64_t c = 0; c < 100; c++) {
		const struct trace_event *e = &v.v[s + c * 7];

		EXPECT_EQ(e[1].iova, prp + (c % qd) * 4096);
		EXPECT_EQ(e[1].size, 3u * 8);   /* PRP2 list holds pages 2..4 */
		EXPECT_EQ(e[1].access, XLATE_READ);
		for (int pg = 0; pg < 4; pg++) {
			EXPECT_EQ(e[2 + pg].size, 4096u);
			EXPECT_EQ(e[2 + pg].iova, e[2].iova + pg * 4096);
			EXPECT_EQ(e[2 + pg].access, e[2].access);
		}
		EXPECT_EQ(e[2].iova % 4096, 0u);
	}
	evvec_free(&v);
}

TEST(TraceNic, RxRingFetchesBatchesAndWritesBack)
{
	const uint64_t base = 0x40000000, ring = 8, desc = 16, buf = 2048, batch = 3;
	const uint64_t bufs = base + 4096;
	struct evvec v = { 0 };
	size_t k;

	ASSERT_EQ(run_vec("nic", "count=50,ring=8,batch=3,pkt_min=100,pkt_max=200", 6, &v), 0);
	k = first_dma(&v);
	for (uint64_t pkt = 0, fetched_end = 0; pkt < 50; pkt++) {
		uint64_t slot = pkt % ring;

		if (pkt >= fetched_end) {
			uint64_t n = batch < ring - slot ? batch : ring - slot;

			ASSERT_LT(k, v.n);
			EXPECT_EQ(v.v[k].iova, base + slot * desc);
			EXPECT_EQ(v.v[k].size, n * desc);
			EXPECT_EQ(v.v[k].access, XLATE_READ);
			fetched_end = pkt + n;
			k++;
		}
		ASSERT_LT(k + 1, v.n);
		EXPECT_EQ(v.v[k].iova, bufs + slot * buf);
		EXPECT_TRUE(v.v[k].size >= 100 && v.v[k].size <= 200);
		EXPECT_EQ(v.v[k].access, XLATE_WRITE);
		EXPECT_EQ(v.v[k + 1].iova, base + slot * desc);
		EXPECT_EQ(v.v[k + 1].size, desc);
		EXPECT_EQ(v.v[k + 1].access, XLATE_WRITE);
		k += 2;
	}
	EXPECT_EQ(k, v.n);
	evvec_free(&v);
}

TEST(TraceNic, ChurnMapsUseUnmapsAndInvalidatesEveryBuffer)
{
	struct evvec v = { 0 };
	uint64_t maps = 0, unmaps = 0, invals = 0, reads = 0;

	ASSERT_EQ(run_vec("nic", "count=40,churn=1,dir=tx", 6, &v), 0);
	for (size_t i = 0; i < v.n; i++) {
		const struct trace_event *e = &v.v[i];

		if (e->kind == TRACE_UNMAP) {
			unmaps++;
			ASSERT_LT(i + 1, v.n);
			/* The unmap is followed by an inval of the same range. */
			EXPECT_EQ(v.v[i + 1].kind, TRACE_INVAL);
			EXPECT_EQ(v.v[i + 1].iova, e->iova);
			EXPECT_EQ(v.v[i + 1].size, e->size);
		}
		maps += e->kind == TRACE_MAP;
		invals += e->kind == TRACE_INVAL;
		/* tx: data is read from the buffers, which follow the 4 KiB ring */
		if (e->kind == TRACE_DMA && e->iova >= 0x40000000 + 4096 && e->iova % 4096 == 0)
			reads += e->access == XLATE_READ;
	}
	EXPECT_EQ(maps, 40u + 1);       /* the ring, then one per packet */
	EXPECT_EQ(unmaps, 40u);
	EXPECT_EQ(invals, 40u);
	EXPECT_EQ(reads, 40u);
	evvec_free(&v);
}

/*
 * Flows: each a queue of its own (a 4 KiB ring then its buffers), packet
 * i in flow i % flows. A flow's packets take its slots in order; the
 * buffers of different flows are different pages.
 */
TEST(TraceNic, FlowsInterleaveOverQueuesOfTheirOwn)
{
	struct evvec v = { 0 };
	const uint64_t iova = 0x40000000, ring = 8, area = 4096 + ring * 4096;
	uint64_t maps = 0, pkt = 0;

	ASSERT_EQ(run_vec("nic", "count=24,churn=1,flows=3,ring=8,batch=1", 2, &v), 0);
	for (size_t i = 0; i < v.n; i++) {
		const struct trace_event *e = &v.v[i];

		if (e->kind == TRACE_MAP && maps++ < 3) {
			/* the three rings first */
			EXPECT_EQ(e->iova, iova + (maps - 1) * area);
			EXPECT_EQ(e->size, 4096u);
		} else if (e->kind == TRACE_MAP) {
			/* then per packet the buffer of its flow's next slot */
			uint64_t f = pkt % 3, slot = (pkt / 3) % ring;

			EXPECT_EQ(e->iova, iova + f * area + 4096 + slot * 4096);
			pkt++;
		}
	}
	EXPECT_EQ(pkt, 24u);
	evvec_free(&v);
}

TEST(TraceAccel, LargePageMapsAndSequentialStreams)
{
	const uint64_t base = 0x40000000, page = 1ULL << 30, chunk = 1 << 20;
	struct evvec v = { 0 };
	uint64_t pos[3] = { 0 };
	size_t s, maps = 0;

	ASSERT_EQ(run_vec("accel", "count=3000,page=1G,buf=1G,chunk=1M,in=2,out=1", 1, &v), 0);
	s = first_dma(&v);
	for (size_t i = 0; i < s; i++)
		if (v.v[i].kind == TRACE_MAP) {
			EXPECT_EQ(v.v[i].size, page);
			EXPECT_EQ(v.v[i].iova % page, 0u);
			EXPECT_EQ(v.v[i].pa % page, 0u);
			EXPECT_EQ(v.v[i].access, maps < 2 ? XLATE_READ : XLATE_WRITE);
			maps++;
		}
	EXPECT_EQ(maps, 3u);
	ASSERT_EQ(v.n - s, 3000u);
	for (size_t i = 0; i < 3000; i++) {
		const struct trace_event *e = &v.v[s + i];
		unsigned st = i % 3;

		if (pos[st] + chunk > page)
			pos[st] = 0;
		EXPECT_EQ(e->iova, base + st * page + pos[st]);
		EXPECT_EQ(e->access, st < 2 ? XLATE_READ : XLATE_WRITE);
		EXPECT_TRUE(e->has_pasid);
		pos[st] += chunk;
	}
	evvec_free(&v);

	/* 2 MiB pages: a 5 MiB buffer takes three of them. */
	ASSERT_EQ(run_vec("accel", "count=10,page=2M,buf=5M,in=1,out=0", 1, &v), 0);
	maps = 0;
	for (size_t i = 0; i < v.n; i++)
		if (v.v[i].kind == TRACE_MAP) {
			EXPECT_EQ(v.v[i].size, 2u << 20);
			EXPECT_EQ(v.v[i].iova, base + maps * (2 << 20));
			maps++;
		}
	EXPECT_EQ(maps, 3u);
	evvec_free(&v);
}

TEST(TraceGen, ParameterParser)
{
	/* settings the parser refuses, and its message */
	static const struct { const char *kv, *msg; } bad[] = {
		{ "cnt=5", "nic: unknown parameter 'cnt' (list them with: gen nic --help)" },
		{ "count=5x", "nic: parameter count: bad number '5x'" },
		{ "ring=0", "nic: parameter ring: 0 out of range [1, 1048576]" },
		{ "dir=up", "nic: parameter dir: unknown value 'up'" },
		{ "churn=maybe", "nic: parameter churn: want 0 or 1, got 'maybe'" },
		{ "count", "nic: expected key=value, got 'count'" },
		{ "pasid=1048576", "nic: parameter pasid: 1048576 out of range [0, 1048575]" },
		{ "dev=00:99.0", "nic: parameter dev: bad PCI device '00:99.0'" },
	};
	const struct trace_gen *g = trace_gen_find("nic");
	struct gen_nic p;
	struct trace_err err;

	gen_nic_defaults(&p);
	ASSERT_EQ(trace_gen_set(g, &p, "count=2K,dev=01:00.1,pasid=7,dir=tx,churn=yes,buf=0x1000",
				&err), 0);
	EXPECT_EQ(p.c.count, 2048u);
	EXPECT_EQ(p.c.dev, 0x101u);
	EXPECT_EQ(p.c.pasid, 7);
	EXPECT_EQ(p.dir, (unsigned)GEN_NIC_TX);
	EXPECT_TRUE(p.churn);
	EXPECT_EQ(p.buf, 4096u);
	ASSERT_EQ(trace_gen_set(g, &p, "pasid=-,churn=0", &err), 0);
	EXPECT_EQ(p.c.pasid, -1);
	EXPECT_FALSE(p.churn);

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err.msg[0] = 0;
		EXPECT_EQ(trace_gen_set(g, &p, bad[i].kv, &err), -1);
		EXPECT_STREQ(err.msg, bad[i].msg);
	}
}

TEST(TraceGen, CheckRejectsConflictingParameters)
{
	/* settings check() refuses; the message names the generator */
	static const struct { const char *kv, *msg; } cases[] = {
		{ "window=64K,xfer=128K", "pciebench: offset + xfer must fit in the window" },
		{ "window=5000", "pciebench: window and map_chunk must be multiples of 4 KiB" },
		{ "iova=0x1001", "pciebench: iova and pa must be 4 KiB aligned" },
		{ "pkt_max=3000", "nic: need pkt_min <= pkt_max <= buf" },
		{ "ring=4,batch=5", "nic: batch must not exceed ring, nor batch * desc 1 GiB" },
		{ "iova=0xff000000000000,flows=4096,ring=1M,batch=1,buf=1M",
		  "nic: iova + flows * (ring + buffers) must not pass 2^56" },
		{ "bs=6K", "nvme: bs and data must be multiples of 4 KiB" },
		{ "bs=1M,data=64K", "nvme: bs must not exceed data" },
		{ "qd=4,inflight=5", "nvme: need 1 <= inflight <= qd (and <= 256)" },
		{ "page=3M", "accel: page must be a power of two" },
		{ "page=1G,iova=0x200000", "accel: iova and pa must be aligned to page" },
		{ "in=0,out=0", "accel: need 1 to 64 streams (in + out)" },
		{ "chunk=1G,buf=4K", "accel: chunk must not exceed buf" },
		{ "page=4K,buf=16G", "accel: more than 1048576 map events; use a larger page" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char gen[16];
		const struct trace_gen *g;
		void *p;
		struct trace_writer *w;
		struct trace_err err = { "" };

		snprintf(gen, sizeof(gen), "%.*s", (int)strcspn(cases[i].msg, ":"), cases[i].msg);
		g = trace_gen_find(gen);
		ASSERT_TRUE(g != NULL);
		p = params_for(gen, cases[i].kv);
		w = trace_writer_open_fn(evvec_push, &(struct evvec){ 0 });

		ASSERT_TRUE(p != NULL);
		EXPECT_EQ(g->check(p, &err), -1);
		EXPECT_STREQ(err.msg, cases[i].msg);
		/* The typed entry points check too, before writing anything. */
		EXPECT_EQ(g->run(p, 1, w, &err), -1);
		EXPECT_EQ(trace_writer_count(w), 0u);
		trace_writer_abort(w);
		free(p);
	}
}

TEST(TraceNvme, InflightCommandsInterleaveTheirPages)
{
	const uint64_t base = 0x40000000, qd = 8, n = 3;
	const uint64_t sq = base, cq = base + 4096;
	struct evvec v = { 0 }, one = { 0 };
	size_t s, s1;

	/* 10 commands, 3 at a time: batches of 3, 3, 3 and 1 */
	ASSERT_EQ(run_vec("nvme", "count=10,qd=8,bs=8K,inflight=3", 4, &v), 0);
	ASSERT_EQ(run_vec("nvme", "count=10,qd=8,bs=8K", 4, &one), 0);
	s = first_dma(&v);
	s1 = first_dma(&one);
	ASSERT_EQ(v.n - s, 10u * 4);
	ASSERT_EQ(one.n - s1, 10u * 4);
	for (uint64_t b = 0, k = s; b < 10; b += n) {
		uint64_t m = 10 - b < n ? 10 - b : n;

		for (uint64_t c = 0; c < m; c++, k++) {
			EXPECT_EQ(v.v[k].iova, sq + ((b + c) % qd) * 64);
			EXPECT_EQ(v.v[k].size, 64u);
		}
		for (uint64_t pg = 0; pg < 2; pg++)
			for (uint64_t c = 0; c < m; c++, k++) {
				/* same buffers as one at a time: SQE, page 0, page 1, CQE */
				const struct trace_event *ref = &one.v[s1 + (b + c) * 4 + 1 + pg];

				EXPECT_EQ(v.v[k].iova, ref->iova);
				EXPECT_EQ(v.v[k].access, ref->access);
			}
		for (uint64_t c = 0; c < m; c++, k++) {
			EXPECT_EQ(v.v[k].iova, cq + ((b + c) % qd) * 16);
			EXPECT_EQ(v.v[k].access, XLATE_WRITE);
		}
		if (simtest_failed())
			break;
	}
	evvec_free(&v);
	evvec_free(&one);
}
