// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace_bin.c - binary record encoding (FORMAT.md "Binary format"): a tag
 * byte, LEB128 varints, and delta coding against the previous records so
 * that a sequential DMA stream costs about three bytes an event before
 * compression.
 */
#include <stdio.h>
#include <string.h>

#include "trace_internal.h"

void trace_bin_header(uint8_t hdr[TRACE_BIN_HDR_LEN], bool zstd)
{
	memcpy(hdr, TRACE_BIN_MAGIC, TRACE_BIN_MAGIC_LEN);
	hdr[8] = TRACE_VERSION;
	hdr[9] = zstd ? TRACE_BIN_FLAG_ZSTD : 0;
	hdr[10] = 0;
	hdr[11] = 0;
}

static size_t put_varint(uint8_t *out, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		out[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	out[n++] = (uint8_t)v;
	return n;
}

/* Signed difference, zigzag folded so small steps either way stay short. */
static uint64_t zigzag(uint64_t diff)
{
	return (diff << 1) ^ (uint64_t)((int64_t)diff >> 63);
}

/* iova and size, as they stand in MAP, UNMAP and a ranged INVAL. */
static size_t put_range(uint8_t *out, const struct trace_event *ev)
{
	size_t n = put_varint(out, ev->iova);

	return n + put_varint(out + n, ev->size);
}

/* dev, and the PASID behind BIN_HAS_PASID: ATTACH and FAULT. */
static size_t put_requester(uint8_t *out, const struct trace_event *ev, uint8_t *tag)
{
	size_t n = put_varint(out, ev->dev);

	if (ev->has_pasid) {
		*tag |= BIN_HAS_PASID;
		n += put_varint(out + n, ev->pasid);
	}
	return n;
}

size_t trace_bin_encode(struct trace_bin_state *st, const struct trace_event *ev,
			uint8_t out[TRACE_BIN_REC_MAX])
{
	size_t n = 1;
	uint8_t tag;

	n += put_varint(out + n, ev->time - st->time);
	st->time = ev->time;

	switch (ev->kind) {
	case TRACE_DMA:
		tag = BIN_DMA;
		if (ev->dev == st->dev)
			tag |= BIN_DMA_SAME_DEV;
		else
			n += put_varint(out + n, ev->dev);
		if (ev->has_pasid) {
			tag |= BIN_DMA_HAS_PASID;
			if (ev->pasid == st->pasid)
				tag |= BIN_DMA_SAME_PASID;
			else
				n += put_varint(out + n, ev->pasid);
			st->pasid = ev->pasid;
		}
		n += put_varint(out + n, zigzag(ev->iova - st->next_iova));
		if (ev->size == st->size)
			tag |= BIN_DMA_SAME_SIZE;
		else
			n += put_varint(out + n, ev->size);
		if (ev->access == st->access)
			tag |= BIN_DMA_SAME_ACCESS;
		else
			out[n++] = ev->access;
		st->dev = ev->dev;
		st->next_iova = ev->iova + ev->size;
		st->size = ev->size;
		st->access = ev->access;
		break;
	case TRACE_MAP:
		tag = BIN_MAP | (uint8_t)(ev->access << BIN_PROT_SHIFT);
		n += put_varint(out + n, ev->as);
		n += put_range(out + n, ev);
		n += put_varint(out + n, ev->pa);
		break;
	case TRACE_UNMAP:
		tag = BIN_UNMAP;
		n += put_varint(out + n, ev->as);
		n += put_range(out + n, ev);
		break;
	case TRACE_INVAL:
		tag = BIN_INVAL;
		n += put_varint(out + n, ev->as);
		if (ev->size == 0)
			tag |= BIN_INVAL_ALL;
		else
			n += put_range(out + n, ev);
		break;
	case TRACE_ATTACH:
		tag = BIN_ATTACH;
		n += put_requester(out + n, ev, &tag);
		n += put_varint(out + n, ev->as);
		break;
	case TRACE_FAULT:
	default:
		tag = BIN_FAULT | (uint8_t)(ev->access << BIN_FAULT_ACC_SHIFT);
		n += put_requester(out + n, ev, &tag);
		n += put_varint(out + n, ev->iova);
		break;
	}
	out[0] = tag;
	return n;
}

size_t trace_bin_encode_end(uint64_t count, uint8_t out[TRACE_BIN_REC_MAX])
{
	out[0] = BIN_END;
	return 1 + put_varint(out + 1, count);
}

/* --- decoding ---------------------------------------------------------- */

struct dec {
	const uint8_t *p;
	size_t avail;
	size_t pos;
	int rc;                 /* BIN_DEC_ERROR / BIN_DEC_SHORT once failed */
	char *why;
	size_t whylen;
};

static uint64_t get_varint_slow(struct dec *d, const char *field, uint64_t max)
{
	uint64_t v = 0;
	unsigned shift = 0;

	if (d->rc)
		return 0;
	for (;;) {
		uint8_t b;

		if (d->pos >= d->avail) {
			d->rc = BIN_DEC_SHORT;
			return 0;
		}
		b = d->p[d->pos++];
		/* The tenth byte may only hold the 64th bit. */
		if (shift == 63 && b > 1) {
			snprintf(d->why, d->whylen, "varint for %s overflows 64 bits", field);
			d->rc = BIN_DEC_ERROR;
			return 0;
		}
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			break;
		shift += 7;
	}
	if (v > max) {
		snprintf(d->why, d->whylen, "%s %llu out of range", field,
			 (unsigned long long)v);
		d->rc = BIN_DEC_ERROR;
		return 0;
	}
	return v;
}

/* Most fields are deltas and small ids: one byte, decoded inline. */
static inline uint64_t get_varint(struct dec *d, const char *field, uint64_t max)
{
	if (!d->rc && d->pos < d->avail && !(d->p[d->pos] & 0x80) && d->p[d->pos] <= max)
		return d->p[d->pos++];
	return get_varint_slow(d, field, max);
}

static uint8_t get_byte(struct dec *d)
{
	if (d->rc)
		return 0;
	if (d->pos >= d->avail) {
		d->rc = BIN_DEC_SHORT;
		return 0;
	}
	return d->p[d->pos++];
}

/* The fields put_range() and put_requester() write. */
static void get_range(struct dec *d, struct trace_event *e)
{
	e->iova = get_varint(d, "iova", UINT64_MAX);
	e->size = get_varint(d, "size", UINT64_MAX);
}

static void get_requester(struct dec *d, uint8_t flags, struct trace_event *e)
{
	e->dev = (uint32_t)get_varint(d, "dev", UINT32_MAX);
	if (flags & BIN_HAS_PASID) {
		e->has_pasid = true;
		e->pasid = (uint32_t)get_varint(d, "pasid", UINT32_MAX);
	}
}

static int reserved(struct dec *d, uint8_t tag)
{
	snprintf(d->why, d->whylen, "record tag 0x%02x has reserved bits set", tag);
	return BIN_DEC_ERROR;
}

int trace_bin_decode(struct trace_bin_dec *dec, const uint8_t *p, size_t avail,
		     struct trace_event *ev, uint64_t *count, size_t *used,
		     char *why, size_t whylen)
{
	struct trace_bin_state *st = &dec->st;
	struct dec d = { .p = p, .avail = avail, .why = why, .whylen = whylen };
	struct trace_event e = { 0 };
	uint8_t tag, flags;
	uint64_t dt;

	if (!avail)
		return BIN_DEC_SHORT;
	tag = p[d.pos++];
	flags = tag & 0xf8;
	if (tag == BIN_END) {
		*count = get_varint(&d, "event count", UINT64_MAX);
		*used = d.pos;
		return d.rc ? d.rc : BIN_DEC_END;
	}
	dt = get_varint(&d, "time delta", UINT64_MAX);
	if (!d.rc && dt > UINT64_MAX - st->time) {
		snprintf(why, whylen, "time overflows 64 bits");
		return BIN_DEC_ERROR;
	}
	e.time = st->time + dt;

	switch (tag & 7) {
	case BIN_DMA:
		e.kind = TRACE_DMA;
		e.dev = (flags & BIN_DMA_SAME_DEV) ? st->dev
			: (uint32_t)get_varint(&d, "dev", UINT32_MAX);
		if (flags & BIN_DMA_HAS_PASID) {
			e.has_pasid = true;
			e.pasid = (flags & BIN_DMA_SAME_PASID) ? st->pasid
				: (uint32_t)get_varint(&d, "pasid", UINT32_MAX);
		} else if (flags & BIN_DMA_SAME_PASID) {
			return reserved(&d, tag);
		}
		e.iova = st->next_iova + trace_bin_unzigzag(get_varint(&d, "iova", UINT64_MAX));
		e.size = (flags & BIN_DMA_SAME_SIZE) ? st->size
			: get_varint(&d, "size", UINT64_MAX);
		e.access = (flags & BIN_DMA_SAME_ACCESS) ? st->access : get_byte(&d);
		break;
	case BIN_MAP:
		if (flags & 0xc0)
			return reserved(&d, tag);
		e.kind = TRACE_MAP;
		e.access = flags >> BIN_PROT_SHIFT;
		e.as = (uint32_t)get_varint(&d, "as", UINT32_MAX);
		get_range(&d, &e);
		e.pa = get_varint(&d, "pa", UINT64_MAX);
		break;
	case BIN_UNMAP:
		if (flags)
			return reserved(&d, tag);
		e.kind = TRACE_UNMAP;
		e.as = (uint32_t)get_varint(&d, "as", UINT32_MAX);
		get_range(&d, &e);
		break;
	case BIN_INVAL:
		if (flags & ~BIN_INVAL_ALL)
			return reserved(&d, tag);
		e.kind = TRACE_INVAL;
		e.as = (uint32_t)get_varint(&d, "as", UINT32_MAX);
		if (!(flags & BIN_INVAL_ALL)) {
			get_range(&d, &e);
			if (!d.rc && e.size == 0) {
				snprintf(why, whylen, "inval: size is 0 without the all flag");
				return BIN_DEC_ERROR;
			}
		}
		break;
	case BIN_ATTACH:
		if (flags & ~BIN_HAS_PASID)
			return reserved(&d, tag);
		e.kind = TRACE_ATTACH;
		get_requester(&d, flags, &e);
		e.as = (uint32_t)get_varint(&d, "as", UINT32_MAX);
		break;
	case BIN_FAULT:
		if (flags & 0x80)
			return reserved(&d, tag);
		e.kind = TRACE_FAULT;
		e.access = (flags >> BIN_FAULT_ACC_SHIFT) & 7;
		get_requester(&d, flags, &e);
		e.iova = get_varint(&d, "iova", UINT64_MAX);
		break;
	default:
		snprintf(why, whylen, "unknown record kind %u", tag & 7);
		return BIN_DEC_ERROR;
	}
	if (d.rc)
		return d.rc;
	if (trace_event_check(&e, why, whylen))
		return BIN_DEC_ERROR;

	st->time = e.time;
	if (e.kind == TRACE_DMA) {
		st->dev = e.dev;
		if (e.has_pasid)
			st->pasid = e.pasid;
		st->next_iova = e.iova + e.size;
		st->size = e.size;
		st->access = e.access;
		/* what trace_bin_decode_fast() repeats */
		dec->dma = e;
		dec->fast_tag = BIN_DMA | BIN_DMA_SAME_DEV | BIN_DMA_SAME_SIZE |
				BIN_DMA_SAME_ACCESS |
				(e.has_pasid ? BIN_DMA_HAS_PASID | BIN_DMA_SAME_PASID : 0);
	}
	*ev = e;
	*used = d.pos;
	return BIN_DEC_EVENT;
}
