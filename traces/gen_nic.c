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
 * each buffer has pages of its own). With flows, each flow is a queue of
 * its own (a ring and its buffers, laid out one after another, as RSS
 * spreads concurrent flows over queues); packet i belongs to flow
 * i % flows, so the flows' packets interleave.
 */
#include <stdlib.h>

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
	GEN_U64(struct gen_nic, flows, 1, 4096, "queues, each with its own ring and buffers"),
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
		.flows = 1,
	};
}

/* A flow's queue: its ring, then its buffers, each rounded to 4 KiB. */
static uint64_t nic_queue_bytes(const struct gen_nic *p)
{
	uint64_t stride = p->churn ? gen_round_up(p->buf, TRACE_PAGE_SIZE) : p->buf;

	return gen_round_up(p->ring * p->desc, TRACE_PAGE_SIZE) +
	       gen_round_up(p->ring * stride, TRACE_PAGE_SIZE);
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
	/* Each bound is at most 2^20, 4096 flows of the largest queue under 2^53:
	 * no overflow; the queues end where iova may (below 2^56). */
	if (p->c.iova + p->flows * nic_queue_bytes(p) > 1ULL << 56) {
		trace_err_set(err, "nic: iova + flows * (ring + buffers) must not pass 2^56");
		return -1;
	}
	return 0;
}

/* One flow's queue: where its ring and buffers are, and how far it fetched. */
struct nic_queue {
	uint64_t off;           /* from iova (and pa) */
	uint64_t fetched_end;   /* the flow's packets whose descriptors are read */
};

static int nic_map_queues(struct gen_ctx *g, const struct gen_nic *p, struct nic_queue *q,
			  uint64_t ring_bytes, uint64_t stride, uint8_t buf_prot)
{
	uint64_t bufs_bytes = gen_round_up(p->ring * stride, TRACE_PAGE_SIZE);

	for (uint64_t f = 0; f < p->flows; f++) {
		q[f].off = f * nic_queue_bytes(p);
		if (gen_map(g, p->c.iova + q[f].off, ring_bytes, p->c.pa + q[f].off,
			    XLATE_READ | XLATE_WRITE))
			return -1;
		if (!p->churn && gen_map(g, p->c.iova + q[f].off + ring_bytes, bufs_bytes,
					 p->c.pa + q[f].off + ring_bytes, buf_prot))
			return -1;
	}
	return 0;
}

int gen_nic_run(const struct gen_nic *p, uint64_t seed, struct trace_writer *w,
		struct trace_err *err)
{
	uint64_t ring_bytes, stride;
	uint8_t data_acc, buf_prot;
	struct nic_queue *q;
	struct gen_ctx g;
	struct rng len;
	int rc = -1;

	if (nic_check(p, err))
		return -1;
	q = calloc(p->flows, sizeof(*q));
	if (!q) {
		trace_err_set(err, "out of memory");
		return -1;
	}
	rng_seed(&len, seed, GEN_STREAM_LEN);
	ring_bytes = gen_round_up(p->ring * p->desc, TRACE_PAGE_SIZE);
	stride = p->churn ? gen_round_up(p->buf, TRACE_PAGE_SIZE) : p->buf;
	/* rx: the device writes packets (DMA_FROM_DEVICE maps write-only). */
	data_acc = p->dir == GEN_NIC_RX ? XLATE_WRITE : XLATE_READ;
	buf_prot = data_acc;

	gen_ctx_init(&g, &p->c, w, err);
	if (gen_attach(&g) || nic_map_queues(&g, p, q, ring_bytes, stride, buf_prot))
		goto out;

	for (uint64_t i = 0; i < p->c.count; i++) {
		struct nic_queue *fq = &q[i % p->flows];
		uint64_t n = i / p->flows;      /* the flow's own packet number */
		uint64_t slot = n % p->ring;
		uint64_t desc = p->c.iova + fq->off + slot * p->desc;
		uint64_t boff = fq->off + ring_bytes + slot * stride;
		uint64_t pkt = p->pkt_min + rng_below(&len, p->pkt_max - p->pkt_min + 1);

		gen_unit(&g);
		if (p->churn && gen_map(&g, p->c.iova + boff, stride, p->c.pa + boff, buf_prot))
			goto out;
		if (n >= fq->fetched_end) {
			uint64_t b = p->batch < p->ring - slot ? p->batch : p->ring - slot;

			if (gen_dma(&g, desc, b * p->desc, XLATE_READ))
				goto out;
			fq->fetched_end = n + b;
		}
		if (gen_dma(&g, p->c.iova + boff, pkt, data_acc) ||
		    gen_dma(&g, desc, p->desc, XLATE_WRITE))
			goto out;
		if (p->churn && (gen_unmap(&g, p->c.iova + boff, stride) ||
				 gen_inval(&g, p->c.iova + boff, stride)))
			goto out;
	}
	rc = 0;
out:
	free(q);
	return rc;
}

GEN_DESCRIBE(nic, "NIC descriptor ring: descriptor reads, packet buffers, write-back");
