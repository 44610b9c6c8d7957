/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * trace_import.h - Linux iommu tracepoints, as `perf script` and
 * `trace-cmd report` print them, turned into map/unmap control events and
 * fault records (FORMAT.md "Importing Linux traces").
 *
 * Times are rebased: the first iommu event is at 0, later ones keep their
 * distance from it. Every map/unmap goes to address space opts->as (the
 * tracepoints do not name a domain). Lines of other events are skipped
 * and counted; a malformed iommu line or an unrecognised line is a
 * "file:line: what" error.
 */
#ifndef TRACES_TRACE_IMPORT_H
#define TRACES_TRACE_IMPORT_H

#include <stdint.h>
#include <stdio.h>

#include "trace.h"

enum trace_import_fmt {
	TRACE_IMPORT_PERF,      /* perf script */
	TRACE_IMPORT_TRACE_CMD, /* trace-cmd report */
};

struct trace_import_opts {
	uint32_t as;            /* address space of the map/unmap events */
	/* Informational notes (device name ids); may be NULL. */
	void (*note)(void *ctx, const char *msg);
	void *note_ctx;
};

struct trace_import_stats {
	uint64_t lines;
	uint64_t maps, unmaps, faults;
	uint64_t skipped_other;         /* lines of other events */
	uint64_t skipped_header;        /* blank, comments, headers, callchains */
	uint64_t skipped_empty_unmap;   /* unmaps that removed nothing */
	uint64_t device_names;          /* non-PCI devices given ids */
};

/* Ids given to non-PCI device names, in order of first appearance. */
#define TRACE_IMPORT_NAMED_DEV_BASE 0xfff00000u
#define TRACE_IMPORT_NAMED_DEV_MAX  4096

int trace_import_parse_fmt(const char *name, enum trace_import_fmt *fmt);

int trace_import(enum trace_import_fmt fmt, const char *in_path,
		 struct trace_writer *w, const struct trace_import_opts *opts,
		 struct trace_import_stats *st, struct trace_err *err);
int trace_import_stream(enum trace_import_fmt fmt, FILE *in, const char *name,
			struct trace_writer *w, const struct trace_import_opts *opts,
			struct trace_import_stats *st, struct trace_err *err);

#endif /* TRACES_TRACE_IMPORT_H */
