// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace_stat.c - trace statistics. Distinct pages are kept as 2 MiB
 * chunks with a 512-bit bitmap each in an open-addressing hash keyed by
 * value (never by pointer), so a 1 GiB dma costs 512 steps, not 262144,
 * and the result does not depend on insertion order.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "trace_stat.h"

#define CHUNK_SHIFT 21
#define PAGE_SHIFT 12
#define PAGES_PER_CHUNK (1u << (CHUNK_SHIFT - PAGE_SHIFT))

struct chunk {
	uint64_t key;           /* chunk index; valid if used */
	uint32_t dev;
	uint32_t pasid;         /* has_pasid folded in as bit 31 */
	bool used;
	uint64_t bits[PAGES_PER_CHUNK / 64];
};

struct trace_pageset {
	struct chunk *tab;
	uint64_t cap;           /* power of two */
	uint64_t used;
	uint64_t pages;
};

static uint64_t mix(uint64_t k, uint32_t dev, uint32_t pasid)
{
	uint64_t h = k ^ ((uint64_t)dev << 32 | pasid) * 0x9e3779b97f4a7c15ULL;

	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ULL;
	return h ^ (h >> 29);
}

static struct chunk *find(struct trace_pageset *ps, uint64_t key, uint32_t dev,
			  uint32_t pasid)
{
	uint64_t i = mix(key, dev, pasid) & (ps->cap - 1);

	for (;; i = (i + 1) & (ps->cap - 1)) {
		struct chunk *c = &ps->tab[i];

		if (!c->used || (c->key == key && c->dev == dev && c->pasid == pasid))
			return c;
	}
}

static int grow(struct trace_pageset *ps)
{
	struct trace_pageset n = { .cap = ps->cap ? ps->cap * 2 : 1024 };

	n.tab = calloc(n.cap, sizeof(*n.tab));
	if (!n.tab)
		return -1;
	for (uint64_t i = 0; i < ps->cap; i++) {
		struct chunk *c = &ps->tab[i];

		if (c->used)
			*find(&n, c->key, c->dev, c->pasid) = *c;
	}
	free(ps->tab);
	ps->tab = n.tab;
	ps->cap = n.cap;
	return 0;
}

static int pages_add(struct trace_pageset *ps, uint32_t dev, uint32_t pasid,
		     uint64_t first, uint64_t last)
{
	while (first <= last) {
		uint64_t key = first >> (CHUNK_SHIFT - PAGE_SHIFT);
		uint64_t end = (key + 1) * PAGES_PER_CHUNK - 1;
		struct chunk *c;

		if (end > last)
			end = last;
		if ((ps->used + 1) * 4 > ps->cap * 3 && grow(ps))
			return -1;
		c = find(ps, key, dev, pasid);
		if (!c->used) {
			c->used = true;
			c->key = key;
			c->dev = dev;
			c->pasid = pasid;
			ps->used++;
		}
		for (uint64_t p = first; p <= end; p++) {
			unsigned b = p % PAGES_PER_CHUNK;
			uint64_t m = 1ULL << (b % 64);

			if (!(c->bits[b / 64] & m)) {
				c->bits[b / 64] |= m;
				ps->pages++;
			}
		}
		if (end == UINT64_MAX >> PAGE_SHIFT)
			break;
		first = end + 1;
	}
	return 0;
}

void trace_stats_init(struct trace_stats *st)
{
	memset(st, 0, sizeof(*st));
}

static int add_dev(struct trace_stats *st, uint32_t dev)
{
	uint64_t lo = 0, hi = st->devices;

	while (lo < hi) {
		uint64_t mid = (lo + hi) / 2;

		if (st->devs[mid] == dev)
			return 0;
		if (st->devs[mid] < dev)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (st->devices == st->devs_cap) {
		uint64_t cap = st->devs_cap ? st->devs_cap * 2 : 16;
		uint32_t *n = realloc(st->devs, cap * sizeof(*n));

		if (!n)
			return -1;
		st->devs = n;
		st->devs_cap = cap;
	}
	memmove(st->devs + lo + 1, st->devs + lo, (st->devices - lo) * sizeof(*st->devs));
	st->devs[lo] = dev;
	st->devices++;
	return 0;
}

int trace_stats_add(struct trace_stats *st, const struct trace_event *ev)
{
	if (!st->pages) {
		st->pages = calloc(1, sizeof(*st->pages));
		if (!st->pages)
			return -1;
	}
	if (!st->events)
		st->t_first = ev->time;
	st->t_last = ev->time;
	st->events++;
	if ((unsigned)ev->kind < TRACE_KIND_COUNT)
		st->count[ev->kind]++;
	switch (ev->kind) {
	case TRACE_DMA:
		st->dma_bytes += ev->size;
		if (st->count[TRACE_DMA] == 1 || ev->size < st->dma_min_size)
			st->dma_min_size = ev->size;
		if (ev->size > st->dma_max_size)
			st->dma_max_size = ev->size;
		if (ev->access & XLATE_READ) {
			st->read_count++;
			st->read_bytes += ev->size;
		}
		if (ev->access & XLATE_WRITE) {
			st->write_count++;
			st->write_bytes += ev->size;
		}
		if (ev->access & XLATE_EXEC) {
			st->exec_count++;
			st->exec_bytes += ev->size;
		}
		if (add_dev(st, ev->dev))
			return -1;
		return pages_add(st->pages, ev->dev,
				 ev->has_pasid ? ev->pasid | 1u << 31 : 0,
				 ev->iova >> PAGE_SHIFT,
				 (ev->iova + ev->size - 1) >> PAGE_SHIFT);
	case TRACE_MAP:
		st->mapped_bytes += ev->size;
		break;
	case TRACE_UNMAP:
		st->unmapped_bytes += ev->size;
		break;
	default:
		break;
	}
	return 0;
}

uint64_t trace_stats_distinct_pages(const struct trace_stats *st)
{
	return st->pages ? st->pages->pages : 0;
}

static double pct(uint64_t part, uint64_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

void trace_stats_print(const struct trace_stats *st, FILE *out)
{
	uint64_t dmas = st->count[TRACE_DMA];
	sim_time_t span = st->t_last - st->t_first;

	fprintf(out, "events            %" PRIu64 "\n", st->events);
	for (int k = 0; k < TRACE_KIND_COUNT; k++)
		fprintf(out, "  %-15s %" PRIu64 "\n", trace_kind_name(k), st->count[k]);
	fprintf(out, "dma bytes         %" PRIu64 "\n", st->dma_bytes);
	if (dmas)
		fprintf(out, "dma size          min %" PRIu64 " max %" PRIu64 " mean %.1f\n",
			st->dma_min_size, st->dma_max_size,
			(double)st->dma_bytes / (double)dmas);
	fprintf(out, "reads             %" PRIu64 " (%.1f%% of dma), %" PRIu64 " bytes\n",
		st->read_count, pct(st->read_count, dmas), st->read_bytes);
	fprintf(out, "writes            %" PRIu64 " (%.1f%% of dma), %" PRIu64 " bytes\n",
		st->write_count, pct(st->write_count, dmas), st->write_bytes);
	if (st->exec_count)
		fprintf(out, "exec              %" PRIu64 " (%.1f%% of dma), %" PRIu64 " bytes\n",
			st->exec_count, pct(st->exec_count, dmas), st->exec_bytes);
	fprintf(out, "devices           %" PRIu64 "\n", st->devices);
	fprintf(out, "distinct pages    %" PRIu64 " (4 KiB, per device and PASID)\n",
		trace_stats_distinct_pages(st));
	fprintf(out, "mapped bytes      %" PRIu64 "\n", st->mapped_bytes);
	fprintf(out, "unmapped bytes    %" PRIu64 "\n", st->unmapped_bytes);
	fprintf(out, "time first        %" PRIu64 ".%03u ns\n",
		(uint64_t)(st->t_first / SIM_PS_PER_NS), (unsigned)(st->t_first % SIM_PS_PER_NS));
	fprintf(out, "time last         %" PRIu64 ".%03u ns\n",
		(uint64_t)(st->t_last / SIM_PS_PER_NS), (unsigned)(st->t_last % SIM_PS_PER_NS));
	fprintf(out, "time span         %" PRIu64 ".%03u ns\n",
		(uint64_t)(span / SIM_PS_PER_NS), (unsigned)(span % SIM_PS_PER_NS));
	if (span)
		fprintf(out, "dma bandwidth     %.1f MB/s over the span\n",
			(double)st->dma_bytes * 1e6 / (double)span);
}

void trace_stats_free(struct trace_stats *st)
{
	if (st->pages)
		free(st->pages->tab);
	free(st->pages);
	free(st->devs);
	memset(st, 0, sizeof(*st));
}

int trace_stat_file(const char *path, FILE *out, struct trace_err *err)
{
	struct trace_reader *r = trace_reader_open(path, err);
	struct trace_stats st;
	struct trace_event ev;
	int rc;

	if (!r)
		return -1;
	trace_stats_init(&st);
	while ((rc = trace_reader_next(r, &ev, err)) == 1)
		if (trace_stats_add(&st, &ev)) {
			trace_err_set(err, "%s: out of memory", path);
			rc = -1;
			break;
		}
	trace_reader_close(r);
	if (rc == 0) {
		fprintf(out, "trace             %s\n", path);
		trace_stats_print(&st, out);
	}
	trace_stats_free(&st);
	return rc;
}
