/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cache.h - a set-associative cache of fixed-size payloads, the building
 * block of every IOMMU cache (IOTLB/TLB, context/PASID/STE/CD caches,
 * paging-structure/walk caches, device TLB/ATC).
 *
 * An entry is named by (addr, tag): addr selects the set and is usually a
 * page or table address shifted right; tag carries the context that must
 * also match (domain id, PASID, ASID/VMID, page size, level...). The model
 * decides what goes in each, so one cache type serves both IOMMUs.
 *
 * Geometry is configuration: sets (a power of two) × ways; sets == 0 or
 * ways == 0 disables the cache (every lookup misses, inserts are dropped).
 * Replacement: LRU, FIFO, pseudo-LRU (tree, ways a power of two) or
 * random from a seeded stream. Everything is deterministic: invalidation
 * visits lines in index order.
 */
#ifndef MODELS_COMMON_CACHE_H
#define MODELS_COMMON_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rng.h"

enum cache_repl {
	CACHE_REPL_LRU,
	CACHE_REPL_FIFO,
	CACHE_REPL_PLRU,
	CACHE_REPL_RANDOM,
};

struct cache_config {
	unsigned sets;          /* power of two; 0 disables */
	unsigned ways;          /* 0 disables */
	enum cache_repl repl;
};

struct cache_stats {
	uint64_t lookups;
	uint64_t hits;
	uint64_t misses;
	uint64_t inserts;
	uint64_t evictions;     /* valid lines displaced by an insert */
	uint64_t invalidations; /* lines removed by cache_invalidate/flush */
};

/*
 * An observer sees each operation after the cache did it: the RTL
 * lock-step (models/rtl) replays them into the verilated cache. While one
 * is set, the inline hit paths below fall through to the out-of-line ones
 * (the hint table names a line that never holds a key), so they stay as
 * they are when nobody watches. cache_use_peeked() is not reported: it
 * counts a lookup, which the observer sees in the statistics.
 */
enum cache_op {
	CACHE_OP_LOOKUP,        /* cache_lookup */
	CACHE_OP_PEEK,          /* cache_peek */
	CACHE_OP_INSERT,        /* cache_insert */
	CACHE_OP_INVALIDATE,    /* one line by cache_invalidate(_one) */
	CACHE_OP_FLUSH,         /* cache_flush: every line */
};

struct cache_event {
	enum cache_op op;
	uint64_t addr, tag;
	long line;              /* line hit, filled or removed; -1: none */
	bool found;             /* insert: the key was already there */
	bool evicted;           /* insert: a valid line was displaced ... */
	uint64_t old_addr, old_tag; /* ... this one */
	unsigned count;         /* flush: lines removed */
};

/*
 * Where a model's payload keeps what a bit flip in the data array can
 * change (cache_flip): the output address (a uint64_t: PA, next-table
 * address) and the permission bits (bytes of XLATE_* bits). Offsets in
 * bytes; perm_len 0: none. Undescribed, a payload is flipped nowhere.
 */
struct cache_layout {
	size_t out_off;
	bool has_out;
	size_t perm_off, perm_len;
};

/* Which part of a line a flip hits. */
enum cache_flip_field {
	CACHE_FIELD_ADDR,       /* the stored address bits above the set index */
	CACHE_FIELD_OUT,        /* the output address, bits 12..51 */
	CACHE_FIELD_PERM,       /* a permission bit */
};

struct cache;
struct cache_observer {
	void (*event)(void *ctx, struct cache *c, const struct cache_event *ev);
	void *ctx;
};

/*
 * The structure is in the header only so that the hit path below can be
 * inlined into every model's translate loop; use the functions.
 */
struct cache_line {
	uint64_t addr;
	uint64_t tag;
	uint64_t stamp;         /* LRU: last use; FIFO: insertion */
	bool valid;
};

struct cache {
	const char *name;
	struct cache_config cfg;
	size_t payload_size;
	struct cache_line *lines;       /* sets × ways, set-major; NULL: disabled */
	unsigned char *payload;         /* same order, payload_size each */
	uint64_t *plru;                 /* one tree bit-vector per set */
	/* PLRU: touching way w is bits = (bits & ~plru_clear[w]) | plru_set[w] */
	uint64_t *plru_set, *plru_clear;
	/*
	 * The line each hash slot found last, checked against the key before
	 * it is believed: a key lives in at most one line, so a hint that
	 * still holds the key is what the set scan would find. It saves the
	 * scan (simulation speed only; it is not a modelled structure).
	 */
	uint32_t *hint;
	uint64_t hint_mask;
	unsigned ways_shift;    /* log2(ways) when ways is a power of two */
	uint64_t clock;
	size_t mru;             /* the line cache_peek found */
	size_t plru_last;       /* PLRU: the line touched last (SIZE_MAX: none) */
	struct rng rng;
	struct cache_stats st;
	struct cache_layout layout;
	struct cache_observer obs;      /* obs.event NULL: nobody watches */
	uint32_t *hint_table;           /* the hint table while obs replaces it */
	uint32_t hint_none;             /* obs: the one hint, naming a spare line */
	uint64_t hint_table_mask;
};

/* name is kept (not copied) for reports; seed feeds CACHE_REPL_RANDOM. */
struct cache *cache_create(const char *name, const struct cache_config *cfg,
			   size_t payload_size, uint64_t seed);
void cache_destroy(struct cache *c);

static inline bool cache_enabled(const struct cache *c)
{
	return c && c->lines;
}
const char *cache_name(const struct cache *c);
const struct cache_config *cache_geometry(const struct cache *c);

/* Sets and hint slots both come from this hash of the key. */
static inline uint64_t cache_key_hash(uint64_t addr, uint64_t tag)
{
	/* Low address bits index the set, as hardware does; the tag is folded
	 * in so that contexts sharing an address spread over the sets. */
	return addr ^ (tag * 0x9e3779b97f4a7c15ULL >> 32);
}

/* Replacement-state update of a line that was used. */
static inline void cache_touch(struct cache *c, size_t idx)
{
	if (c->cfg.repl == CACHE_REPL_LRU) {
		c->lines[idx].stamp = ++c->clock;
	} else if (c->cfg.repl == CACHE_REPL_PLRU && c->plru_last != idx) {
		/* PLRU ways are a power of two. */
		uint64_t *bits = &c->plru[idx >> c->ways_shift];
		unsigned way = (unsigned)(idx & (c->cfg.ways - 1));

		*bits = (*bits & ~c->plru_clear[way]) | c->plru_set[way];
		c->plru_last = idx;
	}
}

/* The line the key's hint names, if it holds the key; else SIZE_MAX. */
static inline size_t cache_hinted(const struct cache *c, uint64_t addr, uint64_t tag)
{
	size_t idx = c->hint[cache_key_hash(addr, tag) & c->hint_mask];
	const struct cache_line *l = &c->lines[idx];

	return l->addr == addr && l->tag == tag && l->valid ? idx : SIZE_MAX;
}

static inline void *cache_payload(const struct cache *c, size_t idx)
{
	return c->payload + idx * c->payload_size;
}

/* Hit: the payload, with replacement state updated. Miss: NULL. Counted. */
void *cache_lookup_slow(struct cache *c, uint64_t addr, uint64_t tag);
static inline __attribute__((always_inline)) void *cache_lookup(struct cache *c, uint64_t addr,
								  uint64_t tag)
{
	size_t idx;

	if (!c->lines || (idx = cache_hinted(c, addr, tag)) == SIZE_MAX)
		return cache_lookup_slow(c, addr, tag);
	c->st.lookups++;
	c->st.hits++;
	cache_touch(c, idx);
	return cache_payload(c, idx);
}

/* Like cache_lookup but neither counted nor touching replacement state. */
void *cache_peek_slow(struct cache *c, uint64_t addr, uint64_t tag);
static inline void *cache_peek(struct cache *c, uint64_t addr, uint64_t tag)
{
	size_t idx;

	if (!c->lines || (idx = cache_hinted(c, addr, tag)) == SIZE_MAX)
		return cache_peek_slow(c, addr, tag);
	c->mru = idx;
	return cache_payload(c, idx);
}

/*
 * Right after a cache_peek that found a line: count it as a lookup that
 * hit and touch it, as cache_lookup of the same key would, without
 * searching again. Returns its payload.
 */
static inline void *cache_use_peeked(struct cache *c)
{
	c->st.lookups++;
	c->st.hits++;
	cache_touch(c, c->mru);
	return cache_payload(c, c->mru);
}

/*
 * Make room for (addr, tag) and return its payload to fill (zeroed when
 * the line is new; the existing line is reused if already present).
 * NULL when the cache is disabled.
 */
void *cache_insert(struct cache *c, uint64_t addr, uint64_t tag);

/* Invalidate every valid line for which match() is true; returns count. */
typedef bool (*cache_match_fn)(uint64_t addr, uint64_t tag, const void *payload,
			       const void *arg);
unsigned cache_invalidate(struct cache *c, cache_match_fn match, const void *arg);
/* Invalidate one (addr, tag) if present; returns 1 if it was. */
unsigned cache_invalidate_one(struct cache *c, uint64_t addr, uint64_t tag);
unsigned cache_flush(struct cache *c);
/* Watch every operation (NULL: stop). Not on a disabled cache. */
void cache_set_observer(struct cache *c, const struct cache_observer *o);
/* Line index, set and way: idx = set * ways + way. */
static inline unsigned cache_set_of(const struct cache *c, uint64_t addr, uint64_t tag)
{
	return (unsigned)(cache_key_hash(addr, tag) & (c->cfg.sets - 1));
}
void cache_set_layout(struct cache *c, const struct cache_layout *l);
/*
 * A soft error: flip one bit of field f of the pick-th valid line (in
 * index order, pick modulo their number), bit modulo the field's width.
 * 0, with *line and a description in what[len]; -1 when there is no
 * valid line or the payload has no such field.
 */
int cache_flip(struct cache *c, uint64_t pick, enum cache_flip_field f, unsigned bit, long *line,
	       char *what, size_t len);
/* Number of valid lines (for tests and reports). */
unsigned cache_occupancy(const struct cache *c);

const struct cache_stats *cache_get_stats(const struct cache *c);
void cache_reset_stats(struct cache *c);

#endif /* MODELS_COMMON_CACHE_H */
