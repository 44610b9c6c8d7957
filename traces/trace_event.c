// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace_event.c - the rules every event obeys, whichever format it came
 * from (FORMAT.md "Event rules").
 */
#include <stdarg.h>
#include <stdio.h>

#include "trace.h"

void trace_msg_vset(char *msg, size_t size, const char *fmt, va_list ap)
{
	if (msg)
		vsnprintf(msg, size, fmt, ap);
}

void trace_err_set(struct trace_err *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	trace_msg_vset(err ? err->msg : NULL, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

static const char *const kind_names[TRACE_KIND_COUNT] = {
	[TRACE_DMA] = "dma",
	[TRACE_MAP] = "map",
	[TRACE_UNMAP] = "unmap",
	[TRACE_INVAL] = "inval",
	[TRACE_ATTACH] = "attach",
	[TRACE_FAULT] = "fault",
};

const char *trace_kind_name(enum trace_kind kind)
{
	if ((unsigned)kind >= TRACE_KIND_COUNT)
		return "?";
	return kind_names[kind];
}

#define ACCESS_ALL (XLATE_READ | XLATE_WRITE | XLATE_EXEC)

/* base + size must not wrap: the range's last byte is base + size - 1. */
static bool range_wraps(uint64_t base, uint64_t size)
{
	return size && base + (size - 1) < base;
}

static int bad(char *why, size_t whylen, const char *msg)
{
	snprintf(why, whylen, "%s", msg);
	return -1;
}

static int check_aligned(const struct trace_event *ev, bool has_pa, char *why,
			 size_t whylen)
{
	if (ev->iova % TRACE_PAGE_SIZE) {
		snprintf(why, whylen, "%s: iova 0x%llx is not 4 KiB aligned",
			 trace_kind_name(ev->kind), (unsigned long long)ev->iova);
		return -1;
	}
	if (ev->size % TRACE_PAGE_SIZE) {
		snprintf(why, whylen, "%s: size %llu is not a multiple of 4 KiB",
			 trace_kind_name(ev->kind), (unsigned long long)ev->size);
		return -1;
	}
	if (has_pa && ev->pa % TRACE_PAGE_SIZE) {
		snprintf(why, whylen, "%s: pa 0x%llx is not 4 KiB aligned",
			 trace_kind_name(ev->kind), (unsigned long long)ev->pa);
		return -1;
	}
	return 0;
}

int trace_event_check(const struct trace_event *ev, char *why, size_t whylen)
{
	bool uses_pasid = ev->kind == TRACE_DMA || ev->kind == TRACE_ATTACH ||
			  ev->kind == TRACE_FAULT;

	if ((unsigned)ev->kind >= TRACE_KIND_COUNT)
		return bad(why, whylen, "unknown event kind");
	if (uses_pasid && ev->has_pasid && ev->pasid > TRACE_PASID_MAX) {
		snprintf(why, whylen, "pasid %u is wider than 20 bits", ev->pasid);
		return -1;
	}
	switch (ev->kind) {
	case TRACE_DMA:
		if (ev->size == 0)
			return bad(why, whylen, "dma: size is 0");
		if (ev->size > TRACE_DMA_SIZE_MAX)
			return bad(why, whylen, "dma: size is larger than 1 GiB");
		if (range_wraps(ev->iova, ev->size))
			return bad(why, whylen, "dma: iova + size overflows 64 bits");
		/* access rules are shared with fault */
		/* fallthrough */
	case TRACE_FAULT:
		if (!ev->access || (ev->access & ~ACCESS_ALL))
			return bad(why, whylen, "access must be a non-empty set of r, w, x");
		return 0;
	case TRACE_MAP:
		if (ev->size == 0)
			return bad(why, whylen, "map: size is 0");
		if (range_wraps(ev->iova, ev->size))
			return bad(why, whylen, "map: iova + size overflows 64 bits");
		if (range_wraps(ev->pa, ev->size))
			return bad(why, whylen, "map: pa + size overflows 64 bits");
		if (!ev->access || (ev->access & ~ACCESS_ALL))
			return bad(why, whylen, "map: prot must be a non-empty set of r, w, x");
		return check_aligned(ev, true, why, whylen);
	case TRACE_UNMAP:
		if (ev->size == 0)
			return bad(why, whylen, "unmap: size is 0");
		if (range_wraps(ev->iova, ev->size))
			return bad(why, whylen, "unmap: iova + size overflows 64 bits");
		return check_aligned(ev, false, why, whylen);
	case TRACE_INVAL:
		if (ev->size == 0) {
			if (ev->iova)
				return bad(why, whylen, "inval: whole-space invalidation with iova");
			return 0;
		}
		if (range_wraps(ev->iova, ev->size))
			return bad(why, whylen, "inval: iova + size overflows 64 bits");
		return check_aligned(ev, false, why, whylen);
	case TRACE_ATTACH:
		return 0;
	default:
		return bad(why, whylen, "unknown event kind");
	}
}

int trace_dma_next_req(const struct trace_event *ev, uint64_t *done,
		       struct xlate_req *req)
{
	uint64_t iova, room;

	if (ev->kind != TRACE_DMA || *done >= ev->size)
		return 0;
	iova = ev->iova + *done;
	room = TRACE_PAGE_SIZE - iova % TRACE_PAGE_SIZE;
	if (room > ev->size - *done)
		room = ev->size - *done;
	*req = (struct xlate_req){
		.sid = ev->dev,
		.pasid = ev->pasid,
		.has_pasid = ev->has_pasid,
		.access = ev->access,
		.iova = iova,
		.len = (uint32_t)room,
		.t_issue = ev->time,
	};
	*done += room;
	return 1;
}
