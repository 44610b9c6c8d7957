/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * trace_internal.h - pieces shared by the trace library's files; not for
 * use outside traces/.
 */
#ifndef TRACES_TRACE_INTERNAL_H
#define TRACES_TRACE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "trace.h"

/* --- numbers and access letters (trace_text.c) -------------------------- */

/*
 * Decimal or 0x-hex; suffix: also K, M, G, T (binary multiples).
 * 0 ok, -1 not a number, -2 does not fit in 64 bits.
 */
int trace_parse_u64(const char *s, uint64_t *out, bool suffix);
/*
 * A device: a number, or PCI "[seg:]bus:dev.fn" (hex) as the requester id
 * seg << 16 | bus << 8 | dev << 3 | fn. 0 ok, -1 bad number, -2 too
 * large, -3 bad PCI name.
 */
int trace_parse_dev(const char *s, uint32_t *out);
/* "r", "w", "x" each at most once, in any order; -1 otherwise. */
int trace_parse_access(const char *s, uint8_t *out);
void trace_format_access(uint8_t acc, char out[4]);

/* --- binary records (trace_bin.c) ------------------------------------- */

#define TRACE_BIN_MAGIC "\x89IOTRC\r\n"
#define TRACE_BIN_MAGIC_LEN 8
#define TRACE_BIN_HDR_LEN 12
#define TRACE_BIN_FLAG_ZSTD 0x01
#define TRACE_BIN_REC_MAX 64    /* longest encoded record */

/* Record tag: kind in bits 0-2, kind-specific flags in bits 3-7. */
enum trace_bin_tag {
	BIN_END = 0,
	BIN_DMA,
	BIN_MAP,
	BIN_UNMAP,
	BIN_INVAL,
	BIN_ATTACH,
	BIN_FAULT,
};

#define BIN_DMA_SAME_DEV    0x08
#define BIN_DMA_HAS_PASID   0x10
#define BIN_DMA_SAME_PASID  0x20
#define BIN_DMA_SAME_SIZE   0x40
#define BIN_DMA_SAME_ACCESS 0x80
#define BIN_PROT_SHIFT      3       /* map: prot in bits 3-5 */
#define BIN_INVAL_ALL       0x08
#define BIN_HAS_PASID       0x08    /* attach, fault */
#define BIN_FAULT_ACC_SHIFT 4       /* fault: access in bits 4-6 */

/* What the encoder and decoder predict from the records before. */
struct trace_bin_state {
	sim_time_t time;
	uint32_t dev;
	uint32_t pasid;
	uint64_t next_iova;     /* previous dma's iova + size */
	uint64_t size;
	uint8_t access;
};

void trace_bin_header(uint8_t hdr[TRACE_BIN_HDR_LEN], bool zstd);
/* Encode ev (already checked, time >= st->time); returns the length. */
size_t trace_bin_encode(struct trace_bin_state *st, const struct trace_event *ev,
			uint8_t out[TRACE_BIN_REC_MAX]);
size_t trace_bin_encode_end(uint64_t count, uint8_t out[TRACE_BIN_REC_MAX]);

enum {
	BIN_DEC_EVENT = 1,
	BIN_DEC_END = 0,
	BIN_DEC_ERROR = -1,
	BIN_DEC_SHORT = -2,     /* record continues past avail */
};

/*
 * Decode one record from p[0..avail). On BIN_DEC_EVENT fills *ev; on
 * BIN_DEC_END fills *count; *used is the record length. On BIN_DEC_ERROR
 * the reason is in why.
 */
int trace_bin_decode(struct trace_bin_state *st, const uint8_t *p, size_t avail,
		     struct trace_event *ev, uint64_t *count, size_t *used,
		     char *why, size_t whylen);

/* --- atomic output files (trace_atomic.c) ------------------------------ */

struct atomic_file {
	char *path;             /* final name */
	char *tmp;              /* temporary name in the same directory */
	FILE *fp;
};

/* Create the temporary file; -1 with err set. */
int atomic_open(struct atomic_file *af, const char *path, struct trace_err *err);
/* Flush, fsync, close, rename over path, fsync the directory. */
int atomic_commit(struct atomic_file *af, struct trace_err *err);
/* Close and remove the temporary file. */
void atomic_abort(struct atomic_file *af);

#endif /* TRACES_TRACE_INTERNAL_H */
