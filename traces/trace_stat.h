/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * trace_stat.h - statistics of a trace: counts by kind, bytes, the
 * read/write mix, distinct pages touched and the time span.
 */
#ifndef TRACES_TRACE_STAT_H
#define TRACES_TRACE_STAT_H

#include <stdint.h>
#include <stdio.h>

#include "trace.h"

struct trace_pageset;

struct trace_stats {
	uint64_t events;
	uint64_t count[TRACE_KIND_COUNT];
	uint64_t dma_bytes;
	uint64_t read_count, write_count, exec_count;   /* dma; rw counts in both */
	uint64_t read_bytes, write_bytes, exec_bytes;
	uint64_t dma_min_size, dma_max_size;
	uint64_t mapped_bytes, unmapped_bytes;
	uint64_t devices;               /* distinct dev of dma events */
	sim_time_t t_first, t_last;
	/* distinct (dev, pasid, 4 KiB IOVA page) touched by dma */
	struct trace_pageset *pages;
	/* distinct devices, small sorted array */
	uint32_t *devs;
	uint64_t devs_cap;
};

void trace_stats_init(struct trace_stats *st);
/* 0, or -1 if out of memory. */
int trace_stats_add(struct trace_stats *st, const struct trace_event *ev);
uint64_t trace_stats_distinct_pages(const struct trace_stats *st);
void trace_stats_print(const struct trace_stats *st, FILE *out);
void trace_stats_free(struct trace_stats *st);

/* Read path and print its statistics to out. */
int trace_stat_file(const char *path, FILE *out, struct trace_err *err);

#endif /* TRACES_TRACE_STAT_H */
