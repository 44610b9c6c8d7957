// SPDX-License-Identifier: GPL-2.0-only
/*
 * gen_nvme.c - an NVMe I/O queue pair (NVMe base spec 2.0, 4.1 queues,
 * 4.3 PRPs) running random I/O: per command the controller reads the
 * 64-byte SQ entry, the PRP list when the transfer spans more than two
 * pages, moves the data one 4 KiB PRP page at a time (a read command
 * writes host memory), and writes the 16-byte CQ entry. With inflight > 1
 * the controller takes that many commands at once: their SQE (and PRP
 * list) reads, then their data pages taking turns, then their CQEs.
 *
 * Layout from iova (same offsets from pa): SQ, CQ, one PRP-list page per
 * slot (only when bs > 8 KiB), then the data region at a 2 MiB boundary;
 * each command's buffer is bs bytes at a random 4 KiB-aligned offset in it.
 */
#include "gen_internal.h"

#define NVME_SQE_BYTES 64
#define NVME_CQE_BYTES 16
#define NVME_PRP_ENTRY 8
#define NVME_MAX_INFLIGHT 256

struct nvme_cmd {
	uint64_t slot;
	uint64_t buf;
	bool read;
};

static const struct gen_param nvme_params[] = {
	GEN_COMMON_PARAMS(struct gen_nvme),
	GEN_U64(struct gen_nvme, qd, 2, 65536, "entries in the SQ and the CQ"),
	GEN_U64(struct gen_nvme, bs, TRACE_PAGE_SIZE, 1 << 21,
		"bytes per I/O (multiple of 4 KiB)"),
	GEN_PCT(struct gen_nvme, read_pct, "percent of read commands"),
	GEN_U64(struct gen_nvme, data, TRACE_PAGE_SIZE, 1ULL << 40,
		"bytes of host memory the buffers come from"),
	GEN_U64(struct gen_nvme, inflight, 1, NVME_MAX_INFLIGHT,
		"commands the controller works on at once"),
	GEN_END
};

void gen_nvme_defaults(struct gen_nvme *p)
{
	*p = (struct gen_nvme){
		.c = {
			.count = 1000, .dev = 0x300, .pasid = -1, .as = 1,
			.iova = 0x40000000, .pa = 0x100000000, .bw_mbps = 8000,
		},
		.qd = 64,
		.bs = 4096,
		.read_pct = 70,
		.data = 1 << 30,
		.inflight = 1,
	};
}

static int nvme_check(const void *params, struct trace_err *err)
{
	const struct gen_nvme *p = params;

	if (gen_common_check(&p->c, "nvme", err))
		return -1;
	if (p->bs % TRACE_PAGE_SIZE || p->data % TRACE_PAGE_SIZE) {
		trace_err_set(err, "nvme: bs and data must be multiples of 4 KiB");
		return -1;
	}
	if (p->inflight < 1 || p->inflight > NVME_MAX_INFLIGHT || p->inflight > p->qd) {
		trace_err_set(err, "nvme: need 1 <= inflight <= qd (and <= %d)",
			      NVME_MAX_INFLIGHT);
		return -1;
	}
	if (p->bs > p->data) {
		trace_err_set(err, "nvme: bs must not exceed data");
		return -1;
	}
	return 0;
}

int gen_nvme_run(const struct gen_nvme *p, uint64_t seed, struct trace_writer *w,
		 struct trace_err *err)
{
	uint64_t pages = p->bs / TRACE_PAGE_SIZE;
	uint64_t sq = 0;
	uint64_t cq = gen_round_up(p->qd * NVME_SQE_BYTES, TRACE_PAGE_SIZE);
	uint64_t prp = cq + gen_round_up(p->qd * NVME_CQE_BYTES, TRACE_PAGE_SIZE);
	bool prp_list = pages > 2;
	uint64_t data = gen_round_up(prp + (prp_list ? p->qd * TRACE_PAGE_SIZE : 0), 2 << 20);
	uint64_t starts = (p->data - p->bs) / TRACE_PAGE_SIZE + 1;
	struct rng addr, rw;
	struct gen_ctx g;

	if (nvme_check(p, err))
		return -1;
	rng_seed(&addr, seed, GEN_STREAM_ADDR);
	rng_seed(&rw, seed, GEN_STREAM_RW);
	gen_ctx_init(&g, &p->c, w, err);
	/* The controller only reads the SQ and PRP lists, only writes the CQ. */
	if (gen_attach(&g) ||
	    gen_map(&g, p->c.iova + sq, cq - sq, p->c.pa + sq, XLATE_READ) ||
	    gen_map(&g, p->c.iova + cq, prp - cq, p->c.pa + cq, XLATE_WRITE) ||
	    (prp_list && gen_map(&g, p->c.iova + prp, p->qd * TRACE_PAGE_SIZE,
				 p->c.pa + prp, XLATE_READ)) ||
	    gen_map(&g, p->c.iova + data, p->data, p->c.pa + data, XLATE_READ | XLATE_WRITE))
		return -1;

	for (uint64_t i = 0; i < p->c.count; i += p->inflight) {
		uint64_t n = p->c.count - i < p->inflight ? p->c.count - i : p->inflight;
		struct nvme_cmd cmd[NVME_MAX_INFLIGHT];

		for (uint64_t k = 0; k < n; k++) {
			cmd[k].slot = (i + k) % p->qd;
			cmd[k].buf = data + rng_below(&addr, starts) * TRACE_PAGE_SIZE;
			cmd[k].read = rng_below(&rw, 100) < p->read_pct;
		}
		gen_unit(&g);
		for (uint64_t k = 0; k < n; k++) {
			if (gen_dma(&g, p->c.iova + sq + cmd[k].slot * NVME_SQE_BYTES,
				    NVME_SQE_BYTES, XLATE_READ))
				return -1;
			/* PRP1 names the first page, the list the remaining ones. */
			if (prp_list &&
			    gen_dma(&g, p->c.iova + prp + cmd[k].slot * TRACE_PAGE_SIZE,
				    (pages - 1) * NVME_PRP_ENTRY, XLATE_READ))
				return -1;
		}
		/* Commands in flight share the link page by page. */
		for (uint64_t pg = 0; pg < pages; pg++)
			for (uint64_t k = 0; k < n; k++)
				if (gen_dma(&g, p->c.iova + cmd[k].buf + pg * TRACE_PAGE_SIZE,
					    TRACE_PAGE_SIZE,
					    cmd[k].read ? XLATE_WRITE : XLATE_READ))
					return -1;
		for (uint64_t k = 0; k < n; k++)
			if (gen_dma(&g, p->c.iova + cq + cmd[k].slot * NVME_CQE_BYTES,
				    NVME_CQE_BYTES, XLATE_WRITE))
				return -1;
	}
	return 0;
}

GEN_DESCRIBE(nvme, "NVMe SQ/CQ pair with random 4 KiB I/O (SQE read, PRP data, CQE write)");
