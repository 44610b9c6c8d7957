// SPDX-License-Identifier: GPL-2.0-only
/* Deterministic random streams. */
#include "rng.h"
#include "simtest.h"

TEST(Rng, ReproducibleForSeed)
{
	struct rng a, b;

	rng_seed(&a, 1234, 5);
	rng_seed(&b, 1234, 5);
	for (int i = 0; i < 1000; i++)
		ASSERT_EQ(rng_next(&a), rng_next(&b));
}

TEST(Rng, StreamsAndSeedsDiffer)
{
	struct rng a, b, c;
	unsigned same_ab = 0, same_ac = 0;

	rng_seed(&a, 1234, 5);
	rng_seed(&b, 1234, 6);
	rng_seed(&c, 1235, 5);
	for (int i = 0; i < 100; i++) {
		uint64_t x = rng_next(&a);

		same_ab += x == rng_next(&b);
		same_ac += x == rng_next(&c);
	}
	EXPECT_EQ(same_ab, 0);
	EXPECT_EQ(same_ac, 0);
}

TEST(Rng, BelowBoundsAndUnit)
{
	struct rng r;
	unsigned seen[7] = { 0 };

	rng_seed(&r, 99, 0);
	EXPECT_EQ(rng_below(&r, 0), 0);
	for (int i = 0; i < 100; i++)
		EXPECT_EQ(rng_below(&r, 1), 0);
	for (int i = 0; i < 7000; i++) {
		uint64_t x = rng_below(&r, 7);

		ASSERT_LT(x, 7);
		seen[x]++;
	}
	/* every value shows up, roughly uniformly (1000 expected each) */
	for (int i = 0; i < 7; i++) {
		EXPECT_GT(seen[i], 800);
		EXPECT_LT(seen[i], 1200);
	}
	for (int i = 0; i < 1000; i++) {
		double u = rng_unit(&r);

		ASSERT_TRUE(u >= 0.0 && u < 1.0);
	}
	/* a huge bound still stays below it */
	for (int i = 0; i < 1000; i++)
		ASSERT_LT(rng_below(&r, (1ULL << 63) + 1), (1ULL << 63) + 1);
}
