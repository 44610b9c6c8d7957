// SPDX-License-Identifier: GPL-2.0-only
/*
 * gen_accel.c - a streaming accelerator on large pages: in + out stream
 * buffers, each mapped with page-sized map events (2 MiB, 1 GiB...), read
 * or written sequentially chunk by chunk, streams taking turns, each
 * wrapping to its start when the next chunk would pass its end.
 *
 * Layout: stream s at iova + s * round_up(buf, page), the same from pa.
 */
#include "gen_internal.h"

#define ACCEL_MAX_STREAMS 64
#define ACCEL_MAX_MAPS (1u << 20)

static const struct gen_param accel_params[] = {
	GEN_COMMON_PARAMS(struct gen_accel),
	GEN_U64(struct gen_accel, page, TRACE_PAGE_SIZE, 1ULL << 39,
		"bytes per map event (power of two)"),
	GEN_U64(struct gen_accel, buf, 1, 1ULL << 44, "bytes per stream buffer"),
	GEN_U64(struct gen_accel, chunk, 1, TRACE_DMA_SIZE_MAX, "bytes per dma"),
	GEN_U64(struct gen_accel, in, 0, ACCEL_MAX_STREAMS, "streams the device reads"),
	GEN_U64(struct gen_accel, out, 0, ACCEL_MAX_STREAMS, "streams the device writes"),
	GEN_END
};

void gen_accel_defaults(struct gen_accel *p)
{
	*p = (struct gen_accel){
		.c = {
			.count = 10000, .dev = 0x400, .pasid = 1, .as = 1,
			.iova = 0x40000000, .pa = 0x100000000, .bw_mbps = 32000,
		},
		.page = 2 << 20,
		.buf = 64 << 20,
		.chunk = 4096,
		.in = 1,
		.out = 1,
	};
}

static int accel_check(const void *params, struct trace_err *err)
{
	const struct gen_accel *p = params;
	uint64_t streams = p->in + p->out;

	if (gen_common_check(&p->c, "accel", err))
		return -1;
	if (p->page & (p->page - 1)) {
		trace_err_set(err, "accel: page must be a power of two");
		return -1;
	}
	if (p->c.iova % p->page || p->c.pa % p->page) {
		trace_err_set(err, "accel: iova and pa must be aligned to page");
		return -1;
	}
	if (streams < 1 || streams > ACCEL_MAX_STREAMS) {
		trace_err_set(err, "accel: need 1 to %d streams (in + out)", ACCEL_MAX_STREAMS);
		return -1;
	}
	if (p->chunk > p->buf) {
		trace_err_set(err, "accel: chunk must not exceed buf");
		return -1;
	}
	if (gen_round_up(p->buf, p->page) / p->page * streams > ACCEL_MAX_MAPS) {
		trace_err_set(err, "accel: more than %u map events; use a larger page",
			      ACCEL_MAX_MAPS);
		return -1;
	}
	return 0;
}

int gen_accel_run(const struct gen_accel *p, uint64_t seed, struct trace_writer *w,
		  struct trace_err *err)
{
	uint64_t pos[ACCEL_MAX_STREAMS] = { 0 };
	uint64_t span, streams = p->in + p->out;
	struct gen_ctx g;

	(void)seed;     /* streaming is fully determined by the parameters */
	if (accel_check(p, err))
		return -1;
	span = gen_round_up(p->buf, p->page);
	gen_ctx_init(&g, &p->c, w, err);
	if (gen_attach(&g))
		return -1;
	for (uint64_t s = 0; s < streams; s++)
		for (uint64_t off = 0; off < span; off += p->page)
			if (gen_map(&g, p->c.iova + s * span + off, p->page,
				    p->c.pa + s * span + off,
				    s < p->in ? XLATE_READ : XLATE_WRITE))
				return -1;
	for (uint64_t i = 0; i < p->c.count; i++) {
		uint64_t s = i % streams;

		if (pos[s] + p->chunk > p->buf)
			pos[s] = 0;
		gen_unit(&g);
		if (gen_dma(&g, p->c.iova + s * span + pos[s], p->chunk,
			    s < p->in ? XLATE_READ : XLATE_WRITE))
			return -1;
		pos[s] += p->chunk;
	}
	return 0;
}

GEN_DESCRIBE(accel, "streaming accelerator on large pages (long sequential in/out streams)");
