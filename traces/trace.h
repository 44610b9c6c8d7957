/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * trace.h - device DMA traces: the event, and streaming readers and writers
 * for the text and binary formats (specified in traces/FORMAT.md).
 *
 * A reader yields one event at a time and holds a bounded amount of memory
 * whatever the trace length; the format is detected from the file's first
 * bytes. A writer checks every event (the same rules the reader enforces),
 * so no generator or importer can produce a trace a reader would reject.
 * Files are written atomically: nothing appears at the path until
 * trace_writer_close() succeeds.
 */
#ifndef TRACES_TRACE_H
#define TRACES_TRACE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "xlate.h"      /* sim_time_t (ps), enum xlate_access */

#define TRACE_TEXT_MAGIC   "#iommusim-trace"
#define TRACE_VERSION      1
#define TRACE_LINE_MAX     4096         /* text line limit, newline included */
#define TRACE_DMA_SIZE_MAX (1ULL << 30) /* one dma event moves at most 1 GiB */
#define TRACE_PASID_MAX    0xfffffu     /* 20-bit PASID / SubstreamID */
#define TRACE_PAGE_SIZE    4096ULL      /* map/unmap/inval granule */

enum trace_kind {
	TRACE_DMA = 0,  /* a device transfer (replay splits it into requests) */
	TRACE_MAP,      /* iova..iova+size -> pa..pa+size in address space as */
	TRACE_UNMAP,    /* remove iova..iova+size from address space as */
	TRACE_INVAL,    /* explicit IOTLB invalidation (size 0: whole as) */
	TRACE_ATTACH,   /* device (and PASID) now translates through as */
	TRACE_FAULT,    /* a fault the traced machine reported (for comparison) */
	TRACE_KIND_COUNT
};

struct trace_event {
	enum trace_kind kind;
	sim_time_t time;        /* picoseconds; non-decreasing along a trace */
	uint32_t dev;           /* dma, attach, fault: requester/stream id */
	uint32_t pasid;         /* dma, attach, fault: valid if has_pasid */
	bool has_pasid;
	uint32_t as;            /* map, unmap, inval, attach: address space id */
	uint64_t iova;
	uint64_t size;          /* bytes; inval: 0 means the whole as */
	uint64_t pa;            /* map: output (physical) address */
	uint8_t access;         /* dma/fault: access; map: permission;
				   both enum xlate_access bits */
};

/* Where an error message goes: "file:line: what", "file: offset N: what". */
struct trace_err {
	char msg[512];
};

void trace_err_set(struct trace_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* vsnprintf into msg[size], or nothing when msg is NULL; sim_err_set uses it too. */
void trace_msg_vset(char *msg, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

const char *trace_kind_name(enum trace_kind kind);

/*
 * Check one event against the format's rules (size, alignment, overflow,
 * access bits, PASID width). Returns 0, or -1 with the reason in why
 * (no location prefix: the caller knows the location).
 */
int trace_event_check(const struct trace_event *ev, char *why, size_t whylen);

/*
 * Split a dma event into the translation requests a replay issues: each
 * stays inside one 4 KiB page (xlate.h). Start with *done = 0; each call
 * fills *req (t_issue = ev->time, sid = dev) and returns 1, then 0 once
 * the whole transfer is covered.
 */
int trace_dma_next_req(const struct trace_event *ev, uint64_t *done,
		       struct xlate_req *req);

/* --- text form of a single event -------------------------------------- */

/*
 * Parse one event line (no header, no newline needed). Blank and comment
 * lines return 0 (nothing); an event returns 1; an error returns -1 with
 * the reason in why. Does not check time order.
 */
int trace_text_parse(const char *line, struct trace_event *ev, char *why, size_t whylen);
/* Canonical text line of ev with '\n'; returns its length (< TRACE_LINE_MAX). */
int trace_text_format(const struct trace_event *ev, char *buf, size_t len);

/* --- reading ---------------------------------------------------------- */

enum trace_format {
	TRACE_FMT_TEXT = 0,
	TRACE_FMT_BIN,          /* binary records, zstd-compressed */
	TRACE_FMT_BIN_RAW,      /* binary records, uncompressed (tests, debugging) */
};

struct trace_reader;

/* Open path ("-" is stdin); the format is detected from the first bytes. */
struct trace_reader *trace_reader_open(const char *path, struct trace_err *err);
/* Read from an open stream; name is used in messages; fp is not closed. */
struct trace_reader *trace_reader_open_stream(FILE *fp, const char *name,
					      struct trace_err *err);
/* 1: *ev filled; 0: end of trace; -1: error (message in err). */
int trace_reader_next(struct trace_reader *r, struct trace_event *ev,
		      struct trace_err *err);
enum trace_format trace_reader_format(const struct trace_reader *r);
/*
 * Where the last event returned came from, for a replay's own messages:
 * "file:line" (text) or "file: offset N" (binary). Returns buf.
 */
const char *trace_reader_where(const struct trace_reader *r, char *buf, size_t len);
/* Bytes the reader holds (its buffers and the zstd context): bounded. */
size_t trace_reader_mem(const struct trace_reader *r);
void trace_reader_close(struct trace_reader *r);

/* --- writing ---------------------------------------------------------- */

struct trace_writer;

/* Format from the name: .txt text; .bin or .zst binary; else -1. */
int trace_format_from_path(const char *path, enum trace_format *fmt);

/*
 * Write to path atomically: a temporary file next to it is renamed over
 * path by trace_writer_close() after fsync. "-" writes to stdout (not
 * atomic). On any error the temporary file is removed.
 */
struct trace_writer *trace_writer_open(const char *path, enum trace_format fmt,
				       struct trace_err *err);
/* Write to an open stream (not closed at the end). */
struct trace_writer *trace_writer_open_stream(FILE *fp, const char *name,
					      enum trace_format fmt,
					      struct trace_err *err);
/*
 * Hand every event to a function instead of a file (a replay running a
 * generator directly, statistics, tests). fn returns 0, or -1 to stop with
 * its own message in err.
 */
typedef int (*trace_event_fn)(void *ctx, const struct trace_event *ev,
			      struct trace_err *err);
struct trace_writer *trace_writer_open_fn(trace_event_fn fn, void *ctx);

/* Check and write one event; -1 on a bad event or I/O error. */
int trace_writer_put(struct trace_writer *w, const struct trace_event *ev,
		     struct trace_err *err);
uint64_t trace_writer_count(const struct trace_writer *w);
size_t trace_writer_mem(const struct trace_writer *w);
/* Finish (end record, flush, fsync, rename) and free; -1 on error. */
int trace_writer_close(struct trace_writer *w, struct trace_err *err);
/* Give up: free, remove any temporary file, leave path untouched. */
void trace_writer_abort(struct trace_writer *w);

/* Copy every event of in_path to out_path (format by out_path's name). */
int trace_convert(const char *in_path, const char *out_path, struct trace_err *err);

#endif /* TRACES_TRACE_H */
