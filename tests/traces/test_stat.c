// SPDX-License-Identifier: GPL-2.0-only
/* trace stat: counts, bytes, mix and distinct pages against a naive reference. */
#include <stdlib.h>
#include <string.h>

#include "simtest.h"
#include "trace_stat.h"
#include "tt_util.h"

struct key {
	uint32_t dev, pasid;
	uint64_t page;
};

static int key_cmp(const void *a, const void *b)
{
	const struct key *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->pasid != y->pasid)
		return x->pasid < y->pasid ? -1 : 1;
	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	return 0;
}

/* Every page of every dma listed, sorted, duplicates counted once. */
static uint64_t naive_pages(const struct evvec *v)
{
	struct key *k = NULL;
	size_t n = 0, cap = 0;
	uint64_t distinct = 0;

	for (size_t i = 0; i < v->n; i++) {
		const struct trace_event *e = &v->v[i];

		if (e->kind != TRACE_DMA)
			continue;
		for (uint64_t pg = e->iova / 4096; pg <= (e->iova + e->size - 1) / 4096; pg++) {
			if (n == cap) {
				cap = cap ? cap * 2 : 1024;
				k = realloc(k, cap * sizeof(*k));
			}
			k[n++] = (struct key){ e->dev, e->has_pasid ? e->pasid + 1 : 0, pg };
		}
	}
	qsort(k, n, sizeof(*k), key_cmp);
	for (size_t i = 0; i < n; i++)
		distinct += i == 0 || key_cmp(&k[i], &k[i - 1]);
	free(k);
	return distinct;
}

static void check_against_reference(const struct evvec *v)
{
	struct trace_stats st;
	uint64_t count[TRACE_KIND_COUNT] = { 0 }, bytes = 0, reads = 0, writes = 0;
	uint64_t rbytes = 0, mapped = 0;

	trace_stats_init(&st);
	for (size_t i = 0; i < v->n; i++) {
		const struct trace_event *e = &v->v[i];

		ASSERT_EQ(trace_stats_add(&st, e), 0);
		count[e->kind]++;
		if (e->kind == TRACE_DMA) {
			bytes += e->size;
			reads += !!(e->access & XLATE_READ);
			writes += !!(e->access & XLATE_WRITE);
			rbytes += (e->access & XLATE_READ) ? e->size : 0;
		}
		if (e->kind == TRACE_MAP)
			mapped += e->size;
	}
	EXPECT_EQ(st.events, (uint64_t)v->n);
	for (int k = 0; k < TRACE_KIND_COUNT; k++)
		EXPECT_EQ(st.count[k], count[k]);
	EXPECT_EQ(st.dma_bytes, bytes);
	EXPECT_EQ(st.read_count, reads);
	EXPECT_EQ(st.write_count, writes);
	EXPECT_EQ(st.read_bytes, rbytes);
	EXPECT_EQ(st.mapped_bytes, mapped);
	EXPECT_EQ(st.t_first, v->v[0].time);
	EXPECT_EQ(st.t_last, v->v[v->n - 1].time);
	EXPECT_EQ(trace_stats_distinct_pages(&st), naive_pages(v));
	trace_stats_free(&st);
}

TEST(TraceStat, MatchesReferenceOnEveryGenerator)
{
	for (int i = 0; trace_gens[i]; i++) {
		const struct trace_gen *g = trace_gens[i];
		void *p = calloc(1, g->params_size);
		struct evvec v = { 0 };
		struct trace_err err;

		g->defaults(p);
		ASSERT_EQ(trace_gen_set(g, p, "count=4000", &err), 0);
		ASSERT_EQ(gen_to_vec(g, p, 3, &v), 0);
		check_against_reference(&v);
		evvec_free(&v);
		free(p);
	}
}

/* Pages across 2 MiB chunk edges, devices and PASIDs kept apart. */
TEST(TraceStat, DistinctPagesAcrossChunksDevicesAndPasids)
{
	const struct trace_event evs[] = {
		{ .kind = TRACE_DMA, .dev = 1, .iova = 0x1ff000, .size = 0x3000, .access = 1 },
		{ .kind = TRACE_DMA, .dev = 1, .iova = 0x200000, .size = 1, .access = 2 },
		{ .kind = TRACE_DMA, .dev = 2, .iova = 0x200000, .size = 1, .access = 2 },
		{ .kind = TRACE_DMA, .dev = 2, .has_pasid = true, .pasid = 0, .iova = 0x200000,
		  .size = 1, .access = 2 },
		{ .kind = TRACE_DMA, .dev = 3, .iova = 0xfffffffffffff000ULL, .size = 0x1000,
		  .access = 1 },
		{ .kind = TRACE_DMA, .dev = 3, .iova = 0x40000000, .size = 1 << 30, .access = 1 },
	};
	struct evvec v = { (struct trace_event *)evs, sizeof(evs) / sizeof(evs[0]), 0 };
	struct trace_stats st;

	check_against_reference(&v);
	trace_stats_init(&st);
	for (size_t i = 0; i < v.n; i++)
		trace_stats_add(&st, &evs[i]);
	/* 3 + 1 + 1 + 1 + 262144: the second dev-1 access is a repeat */
	EXPECT_EQ(trace_stats_distinct_pages(&st), 3u + 1 + 1 + 1 + 262144);
	EXPECT_EQ(st.devices, 3u);
	trace_stats_free(&st);
}

TEST(TraceStat, PrintedReport)
{
	const char *t = "#iommusim-trace v1\n"
			"0 map 1 0x0 8192 0x0 rw\n"
			"1 dma 0x5 - 0x0 100 r\n"
			"3.5 dma 0x5 - 0x1000 300 w\n";
	const char *path = write_tmp("s.txt", t, strlen(t));
	char *out = NULL;
	size_t len;
	FILE *f = open_memstream(&out, &len);
	struct trace_err err;

	ASSERT_EQ(trace_stat_file(path, f, &err), 0);
	fclose(f);
	EXPECT_TRUE(strstr(out, "events            3\n") != NULL);
	EXPECT_TRUE(strstr(out, "  dma             2\n") != NULL);
	EXPECT_TRUE(strstr(out, "dma bytes         400\n") != NULL);
	EXPECT_TRUE(strstr(out, "reads             1 (50.0% of dma), 100 bytes\n") != NULL);
	EXPECT_TRUE(strstr(out, "writes            1 (50.0% of dma), 300 bytes\n") != NULL);
	EXPECT_TRUE(strstr(out, "distinct pages    2 ") != NULL);
	EXPECT_TRUE(strstr(out, "time span         3.500 ns\n") != NULL);
	free(out);
	/* A bad trace is an error, not a report. */
	path = write_tmp("bad.txt", "#iommusim-trace v1\n0 dma\n", 25);
	f = open_memstream(&out, &len);
	EXPECT_EQ(trace_stat_file(path, f, &err), -1);
	fclose(f);
	EXPECT_EQ(len, 0u);
	EXPECT_TRUE(strstr(err.msg, "bad.txt:2: missing field <dev>") != NULL);
	free(out);
}
