/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * trace_gen.h - synthetic DMA traffic, deterministic from a seed. Each
 * generator writes through a struct trace_writer: first an attach and the
 * map events its DMA needs, then the traffic. Parameters are a struct per
 * generator, with defaults, and a "key=value,key=value" parser for the
 * command line.
 *
 * Time: each unit of work (a transfer, a packet, a command) starts no
 * earlier than gap_ns after the previous one started, and every dma event
 * occupies the link for size / bw_mbps (MB/s) before the next one begins.
 */
#ifndef TRACES_TRACE_GEN_H
#define TRACES_TRACE_GEN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "trace.h"

/* Fields every generator has. */
struct gen_common {
	uint64_t count;         /* units of work: transfers, packets, commands */
	uint32_t dev;           /* requester / stream id */
	int64_t pasid;          /* -1: requests without PASID */
	uint32_t as;            /* address space the device is attached to */
	uint64_t iova;          /* base of the generator's IOVA layout */
	uint64_t pa;            /* base of the physical pages it maps */
	uint64_t bw_mbps;       /* link bandwidth, 10^6 bytes per second */
	uint64_t gap_ns;        /* minimum time between unit starts */
};

enum gen_pattern { GEN_SEQ = 0, GEN_RAND };

/* pcie-bench-like: fixed-size transfers in a host window. */
struct gen_pciebench {
	struct gen_common c;
	uint64_t window;        /* bytes of host buffer (multiple of 4 KiB) */
	uint64_t xfer;          /* bytes per transfer */
	uint64_t offset;        /* start offset of every transfer in its slot */
	unsigned pattern;       /* enum gen_pattern */
	unsigned read_pct;      /* share of reads, percent */
	uint64_t map_chunk;     /* bytes per map event; 0: one for the window */
};

enum gen_nic_dir { GEN_NIC_RX = 0, GEN_NIC_TX };

/* A NIC descriptor ring: descriptor fetch, packet data, write-back. */
struct gen_nic {
	struct gen_common c;
	uint64_t ring;          /* descriptors in the ring */
	uint64_t desc;          /* bytes per descriptor */
	uint64_t buf;           /* bytes per packet buffer */
	uint64_t pkt_min;       /* packet length, uniform in [pkt_min, pkt_max] */
	uint64_t pkt_max;
	unsigned dir;           /* enum gen_nic_dir */
	uint64_t batch;         /* descriptors fetched by one read */
	bool churn;             /* map each buffer per packet, unmap + inval after */
	uint64_t flows;         /* receive/transmit queues, each a ring and its buffers */
};

/* An NVMe queue pair with random I/O buffers. */
struct gen_nvme {
	struct gen_common c;
	uint64_t qd;            /* entries in the SQ and the CQ */
	uint64_t bs;            /* bytes per I/O, a multiple of 4 KiB */
	unsigned read_pct;      /* share of read commands, percent */
	uint64_t data;          /* bytes of host memory buffers are drawn from */
	uint64_t inflight;      /* commands worked on at once (a unit of work) */
};

/* A streaming accelerator on large pages. */
struct gen_accel {
	struct gen_common c;
	uint64_t page;          /* mapping size: a power of two, e.g. 2M or 1G */
	uint64_t buf;           /* bytes per stream buffer */
	uint64_t chunk;         /* bytes per dma event */
	uint64_t in;            /* streams the device reads */
	uint64_t out;           /* streams the device writes */
};

/* --- the generic face used by the command line ------------------------ */

enum gen_ptype { GEN_P_U64, GEN_P_U32, GEN_P_PASID, GEN_P_ENUM, GEN_P_BOOL };

struct gen_param {
	const char *key;
	enum gen_ptype type;
	size_t off;             /* offset in the generator's struct */
	uint64_t min, max;
	const char *const *names;       /* GEN_P_ENUM: NULL-terminated */
	const char *help;
};

struct trace_gen {
	const char *name;
	const char *summary;
	size_t params_size;
	const struct gen_param *params; /* terminated by a NULL key */
	void (*defaults)(void *params);
	/* 0, or -1 with a message naming the parameters in conflict. */
	int (*check)(const void *params, struct trace_err *err);
	int (*run)(const void *params, uint64_t seed, struct trace_writer *w,
		   struct trace_err *err);
};

extern const struct trace_gen gen_pciebench_desc, gen_nic_desc, gen_nvme_desc,
	gen_accel_desc;

/* NULL-terminated list of every generator. */
extern const struct trace_gen *const trace_gens[];
const struct trace_gen *trace_gen_find(const char *name);

/*
 * Apply "key=value[,key=value...]" to params (already holding defaults).
 * Numbers take 0x and K/M/G/T suffixes; pasid takes "-". -1 with err set.
 */
int trace_gen_set(const struct trace_gen *g, void *params, const char *kv,
		  struct trace_err *err);
/* Print the parameters with their current values and help. */
void trace_gen_describe(const struct trace_gen *g, const void *params, FILE *out);
/* Check then run; a convenience for callers holding a descriptor. */
int trace_gen_run(const struct trace_gen *g, const void *params, uint64_t seed,
		  struct trace_writer *w, struct trace_err *err);

/* Typed entry points (defaults, then run with a seed). */
void gen_pciebench_defaults(struct gen_pciebench *p);
int gen_pciebench_run(const struct gen_pciebench *p, uint64_t seed,
		      struct trace_writer *w, struct trace_err *err);
void gen_nic_defaults(struct gen_nic *p);
int gen_nic_run(const struct gen_nic *p, uint64_t seed, struct trace_writer *w,
		struct trace_err *err);
void gen_nvme_defaults(struct gen_nvme *p);
int gen_nvme_run(const struct gen_nvme *p, uint64_t seed, struct trace_writer *w,
		 struct trace_err *err);
void gen_accel_defaults(struct gen_accel *p);
int gen_accel_run(const struct gen_accel *p, uint64_t seed, struct trace_writer *w,
		  struct trace_err *err);

#endif /* TRACES_TRACE_GEN_H */
