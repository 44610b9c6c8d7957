// SPDX-License-Identifier: GPL-2.0-only
/*
 * gen_pciebench.c - the access patterns of pcie-bench (Neugebauer et al.,
 * SIGCOMM 2018): transfers of one size into a host window, walked
 * sequentially or at random slots, with a chosen share of reads.
 */
#include "gen_internal.h"

static const char *const pattern_names[] = { "seq", "rand", NULL };

static const struct gen_param pciebench_params[] = {
	GEN_COMMON_PARAMS(struct gen_pciebench),
	GEN_U64(struct gen_pciebench, window, TRACE_PAGE_SIZE, 1ULL << 40,
		"bytes of host buffer (multiple of 4 KiB)"),
	GEN_U64(struct gen_pciebench, xfer, 1, TRACE_DMA_SIZE_MAX, "bytes per transfer"),
	GEN_U64(struct gen_pciebench, offset, 0, 1ULL << 40,
		"start offset of every transfer within its slot"),
	GEN_ENUM(struct gen_pciebench, pattern, pattern_names, "slot order"),
	GEN_PCT(struct gen_pciebench, read_pct, "percent of transfers that are reads"),
	GEN_U64(struct gen_pciebench, map_chunk, 0, 1ULL << 40,
		"bytes per map event, 0 for one map of the window"),
	GEN_END
};

void gen_pciebench_defaults(struct gen_pciebench *p)
{
	*p = (struct gen_pciebench){
		.c = {
			.count = 10000, .dev = 0x100, .pasid = -1, .as = 1,
			.iova = 0x40000000, .pa = 0x100000000, .bw_mbps = 16000,
		},
		.window = 8 << 20,
		.xfer = 64,
		.pattern = GEN_SEQ,
		.read_pct = 50,
	};
}

static int pciebench_check(const void *params, struct trace_err *err)
{
	const struct gen_pciebench *p = params;

	if (gen_common_check(&p->c, "pciebench", err))
		return -1;
	if (p->window % TRACE_PAGE_SIZE || p->map_chunk % TRACE_PAGE_SIZE) {
		trace_err_set(err, "pciebench: window and map_chunk must be multiples of 4 KiB");
		return -1;
	}
	if (p->xfer == 0 || p->xfer > TRACE_DMA_SIZE_MAX || p->offset >= p->window ||
	    p->xfer > p->window - p->offset) {
		trace_err_set(err, "pciebench: offset + xfer must fit in the window");
		return -1;
	}
	return 0;
}

int gen_pciebench_run(const struct gen_pciebench *p, uint64_t seed,
		      struct trace_writer *w, struct trace_err *err)
{
	uint64_t chunk = p->map_chunk ? p->map_chunk : p->window;
	uint64_t slots = (p->window - p->offset) / p->xfer;
	struct rng addr, rw;
	struct gen_ctx g;

	if (pciebench_check(p, err))
		return -1;
	rng_seed(&addr, seed, GEN_STREAM_ADDR);
	rng_seed(&rw, seed, GEN_STREAM_RW);
	gen_ctx_init(&g, &p->c, w, err);
	if (gen_attach(&g))
		return -1;
	for (uint64_t off = 0; off < p->window; off += chunk) {
		uint64_t n = p->window - off < chunk ? p->window - off : chunk;

		if (gen_map(&g, p->c.iova + off, n, p->c.pa + off, XLATE_READ | XLATE_WRITE))
			return -1;
	}
	for (uint64_t i = 0; i < p->c.count; i++) {
		uint64_t slot = p->pattern == GEN_RAND ? rng_below(&addr, slots) : i % slots;
		bool read = rng_below(&rw, 100) < p->read_pct;

		gen_unit(&g);
		if (gen_dma(&g, p->c.iova + p->offset + slot * p->xfer, p->xfer,
			    read ? XLATE_READ : XLATE_WRITE))
			return -1;
	}
	return 0;
}

GEN_DESCRIBE(pciebench, "pcie-bench-like transfers in a host window (seq/rand, read/write mix)");
