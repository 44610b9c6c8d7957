// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"

static bool is_pow2(unsigned x)
{
	return x && !(x & (x - 1));
}

/*
 * The tree walk of a touch of `way` (point every node on its path away
 * from it), applied to bits. The cache applies it as two masks per way.
 */
static uint64_t plru_walk(unsigned ways, unsigned way, uint64_t bits)
{
	unsigned node = 1, span = ways;

	while (span > 1) {
		span >>= 1;
		if (way & span) {       /* used the right half: point left */
			bits &= ~(1ULL << node);
			node = node * 2 + 1;
		} else {
			bits |= 1ULL << node;
			node = node * 2;
		}
	}
	return bits;
}

static void plru_masks(struct cache *c)
{
	for (unsigned w = 0; w < c->cfg.ways; w++) {
		c->plru_set[w] = plru_walk(c->cfg.ways, w, 0);
		c->plru_clear[w] = ~plru_walk(c->cfg.ways, w, ~0ULL);
	}
}

struct cache *cache_create(const char *name, const struct cache_config *cfg,
			   size_t payload_size, uint64_t seed)
{
	struct cache *c = calloc(1, sizeof(*c));
	size_t n;

	if (!c)
		return NULL;
	c->name = name;
	c->cfg = *cfg;
	c->payload_size = payload_size;
	rng_seed(&c->rng, seed, 0xcac4e);
	c->plru_last = SIZE_MAX;
	if (!cfg->sets || !cfg->ways)
		return c;               /* disabled */
	if (!is_pow2(cfg->sets) ||
	    (cfg->repl == CACHE_REPL_PLRU && (!is_pow2(cfg->ways) || cfg->ways > 64))) {
		free(c);
		return NULL;
	}
	n = (size_t)cfg->sets * cfg->ways;
	/* Twice as many hint slots as lines keeps hint collisions rare. */
	for (c->hint_mask = 63; c->hint_mask < 2 * n - 1 && c->hint_mask < (1u << 20) - 1;)
		c->hint_mask = c->hint_mask << 1 | 1;
	while ((1u << c->ways_shift) < cfg->ways)
		c->ways_shift++;
	c->hint = calloc(c->hint_mask + 1, sizeof(*c->hint));
	/* one spare line, never valid, for the observer's hint (cache_set_observer) */
	c->lines = calloc(n + 1, sizeof(*c->lines));
	c->payload = calloc(n, payload_size ? payload_size : 1);
	c->plru = calloc(cfg->sets, sizeof(*c->plru));
	c->plru_set = calloc(cfg->ways, sizeof(*c->plru_set));
	c->plru_clear = calloc(cfg->ways, sizeof(*c->plru_clear));
	if (!c->hint || !c->lines || !c->payload || !c->plru || !c->plru_set || !c->plru_clear) {
		cache_destroy(c);
		return NULL;
	}
	if (cfg->repl == CACHE_REPL_PLRU)
		plru_masks(c);
	return c;
}

void cache_destroy(struct cache *c)
{
	if (!c)
		return;
	free(c->hint_table ? c->hint_table : c->hint);
	free(c->lines);
	free(c->payload);
	free(c->plru);
	free(c->plru_set);
	free(c->plru_clear);
	free(c);
}

const char *cache_name(const struct cache *c)
{
	return c->name;
}

const struct cache_config *cache_geometry(const struct cache *c)
{
	return &c->cfg;
}

static unsigned set_of(const struct cache *c, uint64_t addr, uint64_t tag)
{
	return cache_set_of(c, addr, tag);
}

static __attribute__((noinline, cold)) void notify(struct cache *c, enum cache_op op, uint64_t addr, uint64_t tag, long line)
{
	struct cache_event ev = { .op = op, .addr = addr, .tag = tag, .line = line };

	c->obs.event(c->obs.ctx, c, &ev);
}

void cache_set_observer(struct cache *c, const struct cache_observer *o)
{
	if (!c->lines)
		return;
	if (o && o->event) {
		c->obs = *o;
		if (!c->hint_table) {
			c->hint_table = c->hint;
			c->hint_table_mask = c->hint_mask;
			c->hint_none = (uint32_t)((size_t)c->cfg.sets * c->cfg.ways);
			c->hint = &c->hint_none;
			c->hint_mask = 0;
		}
	} else {
		c->obs = (struct cache_observer){ 0 };
		if (c->hint_table) {
			/* hints are checked before they are believed: stale ones are harmless */
			c->hint = c->hint_table;
			c->hint_mask = c->hint_table_mask;
			c->hint_table = NULL;
		}
	}
}

static uint32_t *hint_of(const struct cache *c, uint64_t addr, uint64_t tag)
{
	return &c->hint[cache_key_hash(addr, tag) & c->hint_mask];
}

static void *payload_of(const struct cache *c, size_t idx)
{
	return c->payload + idx * c->payload_size;
}

/* Tree pseudo-LRU: bit i of a set's vector is node i of a heap-ordered
 * binary tree over the ways; a bit points away from the recent side. */
static unsigned plru_victim(const struct cache *c, unsigned set)
{
	uint64_t bits = c->plru[set];
	unsigned node = 1, way = 0, span = c->cfg.ways;

	while (span > 1) {
		span >>= 1;
		if (bits & (1ULL << node)) {
			way |= span;
			node = node * 2 + 1;
		} else {
			node = node * 2;
		}
	}
	return way;
}

static bool holds(const struct cache_line *l, uint64_t addr, uint64_t tag)
{
	return l->addr == addr && l->tag == tag && l->valid;
}

static long find(struct cache *c, uint64_t addr, uint64_t tag)
{
	uint32_t *hint;
	size_t base;

	if (!c->lines)
		return -1;
	hint = hint_of(c, addr, tag);
	if (holds(&c->lines[*hint], addr, tag)) {
		c->mru = *hint;
		return (long)*hint;
	}
	base = (size_t)set_of(c, addr, tag) * c->cfg.ways;
	for (unsigned w = 0; w < c->cfg.ways; w++) {
		if (holds(&c->lines[base + w], addr, tag)) {
			c->mru = base + w;
			*hint = (uint32_t)(base + w);
			return (long)(base + w);
		}
	}
	return -1;
}

/* find() while watched: the set scan alone, the hint stays on the spare line */
static long find_watched(struct cache *c, uint64_t addr, uint64_t tag)
{
	size_t base = (size_t)set_of(c, addr, tag) * c->cfg.ways;

	for (unsigned w = 0; w < c->cfg.ways; w++) {
		if (holds(&c->lines[base + w], addr, tag)) {
			c->mru = base + w;
			return (long)(base + w);
		}
	}
	return -1;
}

static long find_for(struct cache *c, uint64_t addr, uint64_t tag, bool watched)
{
	return watched ? find_watched(c, addr, tag) : find(c, addr, tag);
}

static inline void *lookup(struct cache *c, uint64_t addr, uint64_t tag, long *line,
			   bool watched)
{
	long idx = find_for(c, addr, tag, watched);

	*line = idx;
	c->st.lookups++;
	if (idx < 0) {
		c->st.misses++;
		return NULL;
	}
	c->st.hits++;
	cache_touch(c, idx);
	return payload_of(c, idx);
}

/*
 * The watched paths are functions of their own, out of line and cold, so
 * that the unwatched ones stay as small as before (the models inline them).
 */
static __attribute__((noinline, cold)) void *lookup_watched(struct cache *c, uint64_t addr,
							    uint64_t tag)
{
	long idx;
	void *p = lookup(c, addr, tag, &idx, true);

	notify(c, CACHE_OP_LOOKUP, addr, tag, idx);
	return p;
}

void *cache_lookup_slow(struct cache *c, uint64_t addr, uint64_t tag)
{
	long idx;

	if (__builtin_expect(c->obs.event != NULL, 0))
		return lookup_watched(c, addr, tag);
	return lookup(c, addr, tag, &idx, false);
}

static __attribute__((noinline, cold)) void *peek_watched(struct cache *c, uint64_t addr,
							  uint64_t tag)
{
	long idx = find_watched(c, addr, tag);

	notify(c, CACHE_OP_PEEK, addr, tag, idx);
	return idx < 0 ? NULL : payload_of(c, idx);
}

void *cache_peek_slow(struct cache *c, uint64_t addr, uint64_t tag)
{
	long idx;

	if (__builtin_expect(c->obs.event != NULL, 0))
		return peek_watched(c, addr, tag);
	idx = find(c, addr, tag);
	return idx < 0 ? NULL : payload_of(c, idx);
}

static unsigned choose_victim(struct cache *c, unsigned set)
{
	size_t base = (size_t)set * c->cfg.ways;
	unsigned victim = 0;

	for (unsigned w = 0; w < c->cfg.ways; w++)
		if (!c->lines[base + w].valid)
			return w;
	switch (c->cfg.repl) {
	case CACHE_REPL_PLRU:
		return plru_victim(c, set);
	case CACHE_REPL_RANDOM:
		return (unsigned)rng_below(&c->rng, c->cfg.ways);
	case CACHE_REPL_LRU:
	case CACHE_REPL_FIFO:
	default:
		for (unsigned w = 1; w < c->cfg.ways; w++)
			if (c->lines[base + w].stamp < c->lines[base + victim].stamp)
				victim = w;
		return victim;
	}
}

static inline void *insert(struct cache *c, uint64_t addr, uint64_t tag, bool watched)
{
	long idx;
	unsigned set;
	struct cache_line old = { 0 };

	c->st.inserts++;
	idx = find_for(c, addr, tag, watched);
	if (idx < 0) {
		set = set_of(c, addr, tag);
		idx = (long)set * c->cfg.ways + choose_victim(c, set);
		if (c->lines[idx].valid)
			c->st.evictions++;
		if (watched) {
			old = c->lines[idx];
			old.stamp = 1;  /* the key was not there */
		}
		c->lines[idx].valid = true;
		c->lines[idx].addr = addr;
		c->lines[idx].tag = tag;
		c->lines[idx].stamp = ++c->clock;
		if (!watched)
			*hint_of(c, addr, tag) = (uint32_t)idx;
	}
	cache_touch(c, idx);
	memset(payload_of(c, idx), 0, c->payload_size);
	if (watched) {
		struct cache_event ev = { .op = CACHE_OP_INSERT, .addr = addr, .tag = tag,
					  .line = idx, .found = !old.stamp, .evicted = old.valid,
					  .old_addr = old.addr, .old_tag = old.tag };

		c->obs.event(c->obs.ctx, c, &ev);
	}
	return payload_of(c, idx);
}

static __attribute__((noinline, cold)) void *insert_watched(struct cache *c, uint64_t addr,
							    uint64_t tag)
{
	return insert(c, addr, tag, true);
}

void *cache_insert(struct cache *c, uint64_t addr, uint64_t tag)
{
	if (!c->lines)
		return NULL;
	if (__builtin_expect(c->obs.event != NULL, 0))
		return insert_watched(c, addr, tag);
	return insert(c, addr, tag, false);
}

/* every_line: the caller removes all lines (a flush), reported as one event */
static unsigned invalidate(struct cache *c, cache_match_fn match, const void *arg,
			   bool every_line)
{
	unsigned n = 0;
	size_t total;

	if (!c->lines)
		return 0;
	total = (size_t)c->cfg.sets * c->cfg.ways;
	for (size_t i = 0; i < total; i++) {
		struct cache_line *l = &c->lines[i];

		if (l->valid && match(l->addr, l->tag, payload_of(c, i), arg)) {
			l->valid = false;
			n++;
			if (c->obs.event && !every_line)
				notify(c, CACHE_OP_INVALIDATE, l->addr, l->tag, (long)i);
		}
	}
	c->st.invalidations += n;
	if (c->obs.event && every_line) {
		struct cache_event ev = { .op = CACHE_OP_FLUSH, .line = -1, .count = n };

		c->obs.event(c->obs.ctx, c, &ev);
	}
	return n;
}

unsigned cache_invalidate(struct cache *c, cache_match_fn match, const void *arg)
{
	return invalidate(c, match, arg, false);
}

unsigned cache_invalidate_one(struct cache *c, uint64_t addr, uint64_t tag)
{
	long idx = c->obs.event ? find_watched(c, addr, tag) : find(c, addr, tag);

	if (c->obs.event)
		notify(c, CACHE_OP_INVALIDATE, addr, tag, idx);
	if (idx < 0)
		return 0;
	c->lines[idx].valid = false;
	c->st.invalidations++;
	return 1;
}

static bool match_all(uint64_t addr, uint64_t tag, const void *payload,
		      const void *arg)
{
	return true;
}

unsigned cache_flush(struct cache *c)
{
	return invalidate(c, match_all, NULL, true);
}

unsigned cache_occupancy(const struct cache *c)
{
	unsigned n = 0;

	if (!c->lines)
		return 0;
	for (size_t i = 0; i < (size_t)c->cfg.sets * c->cfg.ways; i++)
		n += c->lines[i].valid;
	return n;
}

const struct cache_stats *cache_get_stats(const struct cache *c)
{
	return &c->st;
}

void cache_reset_stats(struct cache *c)
{
	memset(&c->st, 0, sizeof(c->st));
}

void cache_set_layout(struct cache *c, const struct cache_layout *l)
{
	c->layout = *l;
}

static unsigned log2_of(unsigned x)
{
	unsigned n = 0;

	while ((1u << n) < x)
		n++;
	return n;
}

int cache_flip(struct cache *c, uint64_t pick, enum cache_flip_field f, unsigned bit, long *line,
	       char *what, size_t len)
{
	size_t n = c->lines ? (size_t)c->cfg.sets * c->cfg.ways : 0;
	unsigned valid = cache_occupancy(c);
	unsigned char *p;
	size_t idx = 0;

	if (!valid || (f == CACHE_FIELD_OUT && !c->layout.has_out) ||
	    (f == CACHE_FIELD_PERM && !c->layout.perm_len))
		return -1;
	pick %= valid;
	for (size_t i = 0; i < n; i++)
		if (c->lines[i].valid && !pick--) {
			idx = i;
			break;
		}
	p = cache_payload(c, idx);
	switch (f) {
	case CACHE_FIELD_ADDR: {
		/* The set index is not stored: only the bits above it can flip. */
		unsigned lo = log2_of(c->cfg.sets), b = lo + bit % (40 - lo);

		snprintf(what, len, "%s line %zu: address 0x%llx bit %u flipped", c->name, idx,
			 (unsigned long long)c->lines[idx].addr, b);
		c->lines[idx].addr ^= 1ULL << b;
		break;
	}
	case CACHE_FIELD_OUT: {
		uint64_t out;
		unsigned b = 12 + bit % 40;

		memcpy(&out, p + c->layout.out_off, sizeof(out));
		snprintf(what, len, "%s line %zu: output address 0x%llx bit %u flipped", c->name,
			 idx, (unsigned long long)out, b);
		out ^= 1ULL << b;
		memcpy(p + c->layout.out_off, &out, sizeof(out));
		break;
	}
	case CACHE_FIELD_PERM: {
		size_t byte = c->layout.perm_off + (bit / 3) % c->layout.perm_len;
		unsigned b = bit % 3;   /* XLATE_READ, _WRITE, _EXEC */

		snprintf(what, len, "%s line %zu: permission byte %zu bit %u flipped", c->name,
			 idx, byte - c->layout.perm_off, b);
		p[byte] ^= (unsigned char)(1u << b);
		break;
	}
	}
	*line = (long)idx;
	return 0;
}
