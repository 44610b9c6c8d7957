// SPDX-License-Identifier: GPL-2.0-only
/*
 * gen_nic.c - a NIC descriptor ring. Per packet the device fetches
 * descriptors (batch at a time), moves the packet to (rx) or from (tx) the
 * slot's buffer, and writes the descriptor back. With churn, each buffer
 * is mapped just before use and unmapped and invalidated after, as the
 * Linux DMA API does per packet in strict mode.
 *
 * Layout from iova (and the same offsets from pa): the ring, rounded up to
 * 4 KiB, then ring buffers of buf bytes (rounded to 4 KiB with churn, so
 * each buffer has pages of its own).
 */
#include "gen_internal.h"

static const char *const dir_names[] = { "rx", "tx", NULL };

static const struct gen_param nic_params[] = {
	GEN_COMMON_PARAMS(struct gen_nic),
	GEN_U64(struct gen_nic, ring, 1, 1 << 20, "descriptors in the ring"),
	GEN_U64(struct gen_nic, desc, 1, 4096, "bytes per descriptor"),
	GEN_U64(struct gen_nic, buf, 1, 1 << 20, "bytes per packet buffer"),
	GEN_U64(struct gen_nic, pkt_min, 1, 1 << 20, "shortest packet, bytes"),
	GEN_U64(struct gen_nic, pkt_max, 1, 1 << 20, "longest packet, bytes"),
	GEN_ENUM(struct gen_nic, dir, dir_names, "direction"),
	GEN_U64(struct gen_nic, batch, 1, 1 << 20, "descriptors fetched by one read"),
	GEN_BOOL(struct gen_nic, churn, "map/unmap+inval every buffer per packet"),
	GEN_END
};

void gen_nic_defaults(struct gen_nic *p)
{
	*p = (struct gen_nic){
		.c = {
			.count = 1000, .dev = 0x200, .pasid = -1, .as = 1,
			.iova = 0x40000000, .pa = 0x100000000, .bw_mbps = 16000,
			.gap_ns = 0,
		},
		.ring = 256,
		.desc = 16,
		.buf = 2048,
		.pkt_min = 64,
		.pkt_max = 1500,
		.dir = GEN_NIC_RX,
		.batch = 4,
		.churn = false,
	};
}

static int nic_check(const void *params, struct trace_err *err)
{
	const struct gen_nic *p = params;

	if (gen_common_check(&p->c, "nic", err))
		return -1;
	if (p->pkt_min > p->pkt_max || p->pkt_max > p->buf) {
		trace_err_set(err, "nic: need pkt_min <= pkt_max <= buf");
		return -1;
	}
	if (p->batch > p->ring || p->batch * p->desc > TRACE_DMA_SIZE_MAX) {
		trace_err_set(err, "nic: batch must not exceed ring, nor batch * desc 1 GiB");
		return -1;
	}
	return 0;
}

int gen_nic_run(const struct gen_nic *p, uint64_t seed, struct trace_writer *w,
		struct trace_err *err)
{
	uint64_t ring_bytes, stride, bufs, fetched_end = 0;
	uint8_t data_acc, buf_prot;
	struct gen_ctx g;
	struct rng len;

	if (nic_check(p, err))
		return -1;
	rng_seed(&len, seed, GEN_STREAM_LEN);
	ring_bytes = gen_round_up(p->ring * p->desc, TRACE_PAGE_SIZE);
	stride = p->churn ? gen_round_up(p->buf, TRACE_PAGE_SIZE) : p->buf;
	bufs = ring_bytes;      /* offset of buffer 0 */
	/* rx: the device writes packets (DMA_FROM_DEVICE maps write-only). */
	data_acc = p->dir == GEN_NIC_RX ? XLATE_WRITE : XLATE_READ;
	buf_prot = data_acc;

	gen_ctx_init(&g, &p->c, w, err);
	if (gen_attach(&g) ||
	    gen_map(&g, p->c.iova, ring_bytes, p->c.pa, XLATE_READ | XLATE_WRITE))
		return -1;
	if (!p->churn &&
	    gen_map(&g, p->c.iova + bufs, gen_round_up(p->ring * stride, TRACE_PAGE_SIZE),
		    p->c.pa + bufs, buf_prot))
		return -1;

	for (uint64_t i = 0; i < p->c.count; i++) {
		uint64_t slot = i % p->ring;
		uint64_t desc = p->c.iova + slot * p->desc;
		uint64_t boff = bufs + slot * stride;
		uint64_t pkt = p->pkt_min + rng_below(&len, p->pkt_max - p->pkt_min + 1);

		gen_unit(&g);
		if (p->churn && gen_map(&g, p->c.iova + boff, stride, p->c.pa + boff, buf_prot))
			return -1;
		if (i >= fetched_end) {
			uint64_t n = p->batch < p->ring - slot ? p->batch : p->ring - slot;

			if (gen_dma(&g, desc, n * p->desc, XLATE_READ))
				return -1;
			fetched_end = i + n;
		}
		if (gen_dma(&g, p->c.iova + boff, pkt, data_acc) ||
		    gen_dma(&g, desc, p->desc, XLATE_WRITE))
			return -1;
		if (p->churn && (gen_unmap(&g, p->c.iova + boff, stride) ||
				 gen_inval(&g, p->c.iova + boff, stride)))
			return -1;
	}
	return 0;
}

GEN_DESCRIBE(nic, "NIC descriptor ring: descriptor reads, packet buffers, write-back");
