// SPDX-License-Identifier: GPL-2.0-only
/* Set-associative cache: each replacement policy on a hand-worked sequence. */
#include "cache.h"
#include "simtest.h"

/* One set of four ways so every line competes for the same set. */
static struct cache *one_set(enum cache_repl repl, uint64_t seed)
{
	struct cache_config cfg = { 1, 4, repl };

	return cache_create("t", &cfg, sizeof(uint64_t), seed);
}

static void put(struct cache *c, uint64_t a, uint64_t val)
{
	uint64_t *p = cache_insert(c, a, 0);

	*p = val;
}

static bool has(struct cache *c, uint64_t a)
{
	return cache_peek(c, a, 0) != NULL;
}

TEST(Cache, LruEvictsLeastRecentlyUsed)
{
	struct cache *c = one_set(CACHE_REPL_LRU, 1);

	put(c, 'A', 1); put(c, 'B', 2); put(c, 'C', 3); put(c, 'D', 4);
	EXPECT_EQ(*(uint64_t *)cache_lookup(c, 'A', 0), 1);
	put(c, 'E', 5);                 /* B is least recent */
	EXPECT_FALSE(has(c, 'B'));
	EXPECT_TRUE(has(c, 'A') && has(c, 'C') && has(c, 'D') && has(c, 'E'));
	cache_lookup(c, 'C', 0);
	put(c, 'F', 6);                 /* D is least recent now */
	EXPECT_FALSE(has(c, 'D'));
	EXPECT_EQ(cache_get_stats(c)->evictions, 2);
	cache_destroy(c);
}

TEST(Cache, FifoIgnoresUse)
{
	struct cache *c = one_set(CACHE_REPL_FIFO, 1);

	put(c, 'A', 1); put(c, 'B', 2); put(c, 'C', 3); put(c, 'D', 4);
	cache_lookup(c, 'A', 0);
	put(c, 'E', 5);                 /* A went in first */
	EXPECT_FALSE(has(c, 'A'));
	EXPECT_TRUE(has(c, 'B'));
	put(c, 'F', 6);
	EXPECT_FALSE(has(c, 'B'));
	cache_destroy(c);
}

TEST(Cache, TreePlru)
{
	struct cache *c = one_set(CACHE_REPL_PLRU, 1);

	/*
	 * Fill ways 0..3 (A..D); the tree then points at way 0. Using A
	 * flips the root to the right half, whose node points at way 2 (C):
	 * PLRU evicts C where true LRU would evict B.
	 */
	put(c, 'A', 1); put(c, 'B', 2); put(c, 'C', 3); put(c, 'D', 4);
	cache_lookup(c, 'A', 0);
	put(c, 'E', 5);
	EXPECT_FALSE(has(c, 'C'));
	EXPECT_TRUE(has(c, 'A') && has(c, 'B') && has(c, 'D'));
	/* E in way 2 points the root left, whose node points at way 1 (B) */
	put(c, 'F', 6);
	EXPECT_FALSE(has(c, 'B'));
	EXPECT_TRUE(has(c, 'A') && has(c, 'D') && has(c, 'E'));
	cache_destroy(c);
}

/*
 * The inline hit path takes the line found last time. A line filled in
 * between, in the same set, must still lose to the line looked up again,
 * under LRU and under tree PLRU alike (two ways: the tree is one bit).
 */
static void repeat_hit_after_fill(enum cache_repl repl)
{
	struct cache_config cfg = { 1, 2, repl };
	struct cache *c = cache_create("t", &cfg, sizeof(uint64_t), 1);

	put(c, 'A', 1);
	EXPECT_EQ(*(uint64_t *)cache_lookup(c, 'A', 0), 1);
	put(c, 'B', 2);                 /* the other way; A stays the last found */
	EXPECT_EQ(*(uint64_t *)cache_lookup(c, 'A', 0), 1);
	EXPECT_EQ(*(uint64_t *)cache_lookup(c, 'A', 0), 1);     /* a repeat */
	put(c, 'C', 3);                 /* B was used least recently */
	EXPECT_TRUE(has(c, 'A'));
	EXPECT_FALSE(has(c, 'B'));
	EXPECT_EQ(cache_get_stats(c)->lookups, 3);
	EXPECT_EQ(cache_get_stats(c)->hits, 3);
	cache_destroy(c);
}

TEST(Cache, RepeatedHitAfterFillLru)
{
	repeat_hit_after_fill(CACHE_REPL_LRU);
}

TEST(Cache, RepeatedHitAfterFillPlru)
{
	repeat_hit_after_fill(CACHE_REPL_PLRU);
}

/*
 * The set scan, written out: where the hint table must lead every lookup.
 * Keys that share a hint slot (addr equal modulo the slot count, tag 0)
 * and invalidations that leave hints naming lines that now hold other
 * keys are what the hint must never be believed on.
 */
static void *scan_for(const struct cache *c, uint64_t addr, uint64_t tag)
{
	for (size_t i = 0; i < (size_t)c->cfg.sets * c->cfg.ways; i++)
		if (c->lines[i].valid && c->lines[i].addr == addr && c->lines[i].tag == tag)
			return c->payload + i * c->payload_size;
	return NULL;
}

static void hint_agrees_with_scan(enum cache_repl repl)
{
	struct cache_config cfg = { 4, 4, repl };
	struct cache *c = cache_create("t", &cfg, sizeof(uint64_t), 7);
	uint64_t slots = c->hint_mask + 1, hits = 0, lookups = 0;
	struct rng r;

	rng_seed(&r, 11, 0);
	for (unsigned i = 0; i < 20000; i++) {
		/* 8 addresses per hint slot over 4 slots: 32 keys for 16 lines */
		uint64_t a = rng_below(&r, 4) + slots * rng_below(&r, 8);
		void *want = scan_for(c, a, 0), *got;

		switch (rng_below(&r, 4)) {
		case 0:
			put(c, a, a);
			break;
		case 1:
			cache_invalidate_one(c, a, 0);
			break;
		default:
			got = cache_lookup(c, a, 0);
			lookups++;
			hits += got != NULL;
			ASSERT_EQ((uintptr_t)got, (uintptr_t)want);
			if (got)
				ASSERT_EQ(*(uint64_t *)got, a);
			ASSERT_EQ((uintptr_t)cache_peek(c, a, 0), (uintptr_t)want);
		}
	}
	EXPECT_EQ(cache_get_stats(c)->lookups, lookups);
	EXPECT_EQ(cache_get_stats(c)->hits, hits);
	/* The sequence exercises both outcomes. */
	EXPECT_GT(hits, 1000);
	EXPECT_GT(lookups - hits, 1000);
	cache_destroy(c);
}

TEST(Cache, HintAgreesWithSetScanLru)
{
	hint_agrees_with_scan(CACHE_REPL_LRU);
}

TEST(Cache, HintAgreesWithSetScanPlru)
{
	hint_agrees_with_scan(CACHE_REPL_PLRU);
}

TEST(Cache, RandomIsSeeded)
{
	struct cache *c1 = one_set(CACHE_REPL_RANDOM, 42), *c2 = one_set(CACHE_REPL_RANDOM, 42);
	unsigned same = 0;

	for (uint64_t a = 0; a < 64; a++) {
		put(c1, a, a);
		put(c2, a, a);
	}
	for (uint64_t a = 0; a < 64; a++)
		same += has(c1, a) == has(c2, a);
	EXPECT_EQ(same, 64);
	EXPECT_EQ(cache_occupancy(c1), 4);
	EXPECT_TRUE(has(c1, 63));       /* the last insert is always present */
	EXPECT_EQ(cache_get_stats(c1)->evictions, 60);
	cache_destroy(c1);
	cache_destroy(c2);
}

static bool match_odd(uint64_t addr, uint64_t tag, const void *payload, const void *arg)
{
	return (addr & 1) && tag == *(const uint64_t *)arg;
}

TEST(Cache, InvalidationAndStats)
{
	struct cache_config cfg = { 4, 2, CACHE_REPL_LRU };
	struct cache *c = cache_create("t", &cfg, sizeof(uint64_t), 1);
	const struct cache_stats *st = cache_get_stats(c);
	uint64_t tag = 7;

	for (uint64_t a = 0; a < 4; a++) {
		*(uint64_t *)cache_insert(c, a, 7) = a;
		*(uint64_t *)cache_insert(c, a, 8) = a + 100;
	}
	EXPECT_EQ(cache_occupancy(c), 8);
	/* tags must match too */
	EXPECT_EQ(*(uint64_t *)cache_lookup(c, 2, 8), 102);
	EXPECT_TRUE(cache_lookup(c, 2, 9) == NULL);
	EXPECT_EQ(cache_invalidate(c, match_odd, &tag), 2);
	EXPECT_TRUE(cache_peek(c, 1, 7) == NULL);
	EXPECT_TRUE(cache_peek(c, 1, 8) != NULL);
	EXPECT_EQ(cache_invalidate_one(c, 0, 8), 1);
	EXPECT_EQ(cache_invalidate_one(c, 0, 8), 0);
	EXPECT_EQ(cache_occupancy(c), 5);
	/* re-inserting a present line reuses it, zeroed */
	EXPECT_EQ(*(uint64_t *)cache_insert(c, 2, 8), 0);
	EXPECT_EQ(cache_occupancy(c), 5);
	EXPECT_EQ(cache_flush(c), 5);
	EXPECT_EQ(cache_occupancy(c), 0);
	EXPECT_EQ(st->lookups, 2);
	EXPECT_EQ(st->hits, 1);
	EXPECT_EQ(st->misses, 1);
	EXPECT_EQ(st->inserts, 9);
	EXPECT_EQ(st->evictions, 0);
	EXPECT_EQ(st->invalidations, 2 + 1 + 5);
	cache_reset_stats(c);
	EXPECT_EQ(st->inserts, 0);
	cache_destroy(c);
}

TEST(Cache, DisabledAndBadGeometry)
{
	struct cache_config off = { 0, 4, CACHE_REPL_LRU }, bad = { 3, 2, CACHE_REPL_LRU };
	struct cache_config badplru = { 4, 3, CACHE_REPL_PLRU };
	struct cache *c = cache_create("off", &off, 8, 1);

	ASSERT_TRUE(c != NULL);
	EXPECT_FALSE(cache_enabled(c));
	EXPECT_TRUE(cache_insert(c, 1, 0) == NULL);
	EXPECT_TRUE(cache_lookup(c, 1, 0) == NULL);
	EXPECT_EQ(cache_get_stats(c)->misses, 1);
	EXPECT_EQ(cache_occupancy(c), 0);
	EXPECT_EQ(cache_flush(c), 0);
	EXPECT_STREQ(cache_name(c), "off");
	cache_destroy(c);
	EXPECT_TRUE(cache_create("bad", &bad, 8, 1) == NULL);
	EXPECT_TRUE(cache_create("bad", &badplru, 8, 1) == NULL);
}
