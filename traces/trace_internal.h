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

/*
 * The decoder's state: the prediction, and the last dma event whole, so
 * that a record repeating all but its time, iova and access costs a few
 * instructions (trace_bin_decode_fast()).
 */
struct trace_bin_dec {
	struct trace_bin_state st;
	struct trace_event dma;         /* last dma event (time, iova, access: stale) */
	uint8_t fast_tag;               /* the tag repeating it, SAME_ACCESS set; 0: none */
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
int trace_bin_decode(struct trace_bin_dec *dec, const uint8_t *p, size_t avail,
		     struct trace_event *ev, uint64_t *count, size_t *used,
		     char *why, size_t whylen);

static inline uint64_t trace_bin_unzigzag(uint64_t z)
{
	return (z >> 1) ^ (uint64_t)-(int64_t)(z & 1);
}

/* A varint of at most 9 bytes (< 2^63: no overflow, no range error); else NULL. */
static inline const uint8_t *trace_bin_varint9(const uint8_t *p, uint64_t *v)
{
	uint64_t x = 0;

	for (unsigned shift = 0; shift < 63; shift += 7) {
		uint8_t b = *p++;

		x |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*v = x;
			return p;
		}
	}
	return NULL;
}

/*
 * The common dma record: same dev, size and PASID (or none, as before) as
 * the last dma, a new access byte or the same, varints short enough not
 * to overflow. Everything but time, iova and access was checked on the
 * last dma, so only the checks those can fail are made here; anything
 * else (an error included) returns NULL and goes to trace_bin_decode(),
 * which gives the same event or the error with its message. p must hold
 * TRACE_BIN_REC_MAX bytes. Returns the end of the record, *ev filled.
 */
static inline const uint8_t *trace_bin_decode_fast(struct trace_bin_dec *dec,
						   const uint8_t *p, struct trace_event *ev)
{
	const uint8_t *q = p + 1;
	uint64_t dt, z, iova, size = dec->dma.size;
	uint8_t tag = p[0], acc = dec->st.access, new_acc;

	if ((uint8_t)(tag | BIN_DMA_SAME_ACCESS) != dec->fast_tag)
		return NULL;
	if (!((p[1] | p[2]) & 0x80)) {
		dt = p[1];
		z = p[2];
		q = p + 3;
	} else {
		q = trace_bin_varint9(q, &dt);
		if (q)
			q = trace_bin_varint9(q, &z);
		if (!q)
			return NULL;
	}
	iova = dec->st.next_iova + trace_bin_unzigzag(z);
	/* size is 1..1 GiB: the last byte must not wrap; nor may time */
	if (iova + (size - 1) < iova || dt > UINT64_MAX - dec->st.time)
		return NULL;
	/*
	 * A new access byte or not: reads and writes mix at random, so no
	 * branch on it. The kept access was checked, so only a new one fails.
	 */
	new_acc = *q;
	acc = (tag & BIN_DMA_SAME_ACCESS) ? acc : new_acc;
	if (!acc || (acc & ~(XLATE_READ | XLATE_WRITE | XLATE_EXEC)))
		return NULL;
	q += !(tag & BIN_DMA_SAME_ACCESS);
	dec->st.access = acc;
	dec->st.time += dt;
	dec->st.next_iova = iova + size;
	/* no store into dec->dma here: a narrow one would stall this wide copy */
	*ev = dec->dma;
	ev->time = dec->st.time;
	ev->iova = iova;
	ev->access = acc;
	return q;
}

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
