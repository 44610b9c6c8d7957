// SPDX-License-Identifier: GPL-2.0-only
/* Latency histogram and the memory channel, against direct computations. */
#include <stdlib.h>

#include "histogram.h"
#include "memory.h"
#include "rng.h"
#include "simtest.h"

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

TEST(SimHistogram, BucketsCoverEveryValueOnce)
{
	struct rng r;

	rng_seed(&r, 1, 0);
	for (unsigned i = 0; i < 100000; i++) {
		uint64_t v = rng_next(&r) >> (rng_next(&r) % 64);
		unsigned b = hist_bucket(v);

		ASSERT_LE(hist_bucket_low(b), v);
		if (b + 1 < HIST_BUCKETS)
			ASSERT_GT(hist_bucket_low(b + 1), v);
		/* within 1/64 relative above the exact range */
		if (v >= 64)
			ASSERT_LE(v - hist_bucket_low(b), v / 64);
	}
	EXPECT_EQ(hist_bucket(UINT64_MAX), HIST_BUCKETS - 1);
}

TEST(SimHistogram, QuantilesAreTheBucketOfTheExactRank)
{
	enum { N = 20011 };
	static uint64_t v[N];
	static const double qs[] = { 0.01, 0.5, 0.9, 0.99, 0.999, 1.0 };
	struct histogram h;
	struct rng r;
	double sum = 0;

	hist_init(&h);
	rng_seed(&r, 42, 3);
	for (unsigned i = 0; i < N; i++) {
		/* a latency-like mix: many hits near 6 ns, a tail of walks */
		v[i] = rng_below(&r, 10) ? 6000 + rng_below(&r, 50)
					 : 100000 + rng_below(&r, 5000000);
		hist_add(&h, v[i]);
		sum += (double)v[i];
	}
	qsort(v, N, sizeof(v[0]), cmp_u64);
	for (unsigned i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
		size_t rank = (size_t)((qs[i] * N) + 0.999999999);     /* ceil */
		uint64_t exact = v[(rank ? rank : 1) - 1];
		uint64_t want = hist_bucket_low(hist_bucket(exact));

		if (want < v[0])
			want = v[0];
		EXPECT_EQ(hist_quantile(&h, qs[i]), want);
	}
	EXPECT_EQ(h.min, v[0]);
	EXPECT_EQ(h.max, v[N - 1]);
	EXPECT_EQ(hist_quantile(&h, 1.0), v[N - 1] >= hist_bucket_low(hist_bucket(v[N - 1]))
		  ? hist_bucket_low(hist_bucket(v[N - 1])) : v[N - 1]);
	EXPECT_TRUE(hist_mean(&h) == sum / N);
}

TEST(SimHistogram, MergeEqualsAddingEverything)
{
	struct histogram a, b, all;

	hist_init(&a);
	hist_init(&b);
	hist_init(&all);
	for (uint64_t i = 0; i < 5000; i++) {
		hist_add(i % 3 ? &a : &b, i * 37);
		hist_add(&all, i * 37);
	}
	hist_merge(&a, &b);
	EXPECT_EQ(a.count, all.count);
	EXPECT_EQ(a.min, all.min);
	EXPECT_EQ(a.max, all.max);
	EXPECT_MEMEQ(a.b, all.b, sizeof(a.b));
	EXPECT_EQ(hist_quantile(&a, 0.5), hist_quantile(&all, 0.5));
}

TEST(SimMemory, LatencyPlusBandwidthFifo)
{
	struct sim_mem m;

	sim_mem_init(&m, 80, 16000);            /* 16 GB/s: 4 ps per byte */
	/* idle channel: transfer time + latency */
	EXPECT_EQ(sim_mem_access(&m, 1000000, 4096), 1000000 + 4096 * 1000000ULL / 16000 + 80000);
	/* a second transfer at the same instant waits for the first */
	EXPECT_EQ(sim_mem_access(&m, 1000000, 4096), 1000000 + 2 * 256000 + 80000);
	EXPECT_EQ(m.wait_ps, 256000);
	EXPECT_EQ(m.busy_ps, 2 * 256000);
	EXPECT_EQ(m.bytes, 8192);
	/* odd sizes round up to whole picoseconds */
	EXPECT_EQ(sim_mem_access(&m, 9000000, 1), 9000000 + 63 + 80000);
}
