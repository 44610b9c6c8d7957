/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gen_internal.h - what the generators share: a clock that models the
 * link, event helpers, and parameter-table macros.
 */
#ifndef TRACES_GEN_INTERNAL_H
#define TRACES_GEN_INTERNAL_H

#include <stddef.h>

#include "rng.h"
#include "trace_gen.h"

/* rng stream ids: one per purpose, so e.g. read_pct never moves addresses. */
enum gen_stream {
	GEN_STREAM_ADDR = 1,
	GEN_STREAM_RW,
	GEN_STREAM_LEN,
};

struct gen_ctx {
	struct trace_writer *w;
	struct trace_err *err;
	const struct gen_common *c;
	sim_time_t now;         /* when the link is next free */
	sim_time_t unit_start;  /* when the current unit started */
	bool started;
};

void gen_ctx_init(struct gen_ctx *g, const struct gen_common *c,
		  struct trace_writer *w, struct trace_err *err);
/* Start a unit of work: no earlier than gap_ns after the previous one. */
void gen_unit(struct gen_ctx *g);
int gen_attach(struct gen_ctx *g);
int gen_map(struct gen_ctx *g, uint64_t iova, uint64_t size, uint64_t pa, uint8_t prot);
int gen_unmap(struct gen_ctx *g, uint64_t iova, uint64_t size);
int gen_inval(struct gen_ctx *g, uint64_t iova, uint64_t size);
/* A dma at the current time; the link is then busy for size / bw. */
int gen_dma(struct gen_ctx *g, uint64_t iova, uint64_t size, uint8_t access);

/* Checks every generator makes on struct gen_common. */
int gen_common_check(const struct gen_common *c, const char *gen,
		     struct trace_err *err);

static inline uint64_t gen_round_up(uint64_t v, uint64_t align)
{
	return (v + align - 1) / align * align;
}

#define GEN_COMMON_PARAMS(st)                                                  \
	{ "count", GEN_P_U64, offsetof(st, c.count), 0, 1ULL << 40, NULL,      \
	  "units of work to generate" },                                       \
	{ "dev", GEN_P_U32, offsetof(st, c.dev), 0, UINT32_MAX, NULL,          \
	  "requester/stream id (number or [seg:]bus:dev.fn)" },                \
	{ "pasid", GEN_P_PASID, offsetof(st, c.pasid), 0, TRACE_PASID_MAX,     \
	  NULL, "PASID of every request, or - for none" },                     \
	{ "as", GEN_P_U32, offsetof(st, c.as), 0, UINT32_MAX, NULL,            \
	  "address space id the device attaches to" },                         \
	{ "iova", GEN_P_U64, offsetof(st, c.iova), 0, 1ULL << 56, NULL,        \
	  "base IOVA of the layout" },                                         \
	{ "pa", GEN_P_U64, offsetof(st, c.pa), 0, 1ULL << 52, NULL,            \
	  "base physical address of the mapped pages" },                       \
	{ "bw", GEN_P_U64, offsetof(st, c.bw_mbps), 1, 1000000000, NULL,       \
	  "link bandwidth in MB/s (10^6 bytes/s)" },                           \
	{ "gap", GEN_P_U64, offsetof(st, c.gap_ns), 0, 1000000000000ULL, NULL, \
	  "minimum ns between the starts of two units" }

#define GEN_U64(st, f, lo, hi, h) { #f, GEN_P_U64, offsetof(st, f), lo, hi, NULL, h }
#define GEN_ENUM(st, f, names, h) { #f, GEN_P_ENUM, offsetof(st, f), 0, 0, names, h }
#define GEN_PCT(st, f, h)         { #f, GEN_P_U32, offsetof(st, f), 0, 100, NULL, h }
#define GEN_BOOL(st, f, h)        { #f, GEN_P_BOOL, offsetof(st, f), 0, 1, NULL, h }
#define GEN_END                   { NULL, 0, 0, 0, 0, NULL, NULL }

/*
 * The generator's descriptor (gen_<name>_desc), with the untyped
 * defaults/run entry points over its typed gen_<name>_defaults/_run and
 * its <name>_params table and <name>_check.
 */
#define GEN_DESCRIBE(nm, summ)                                                 \
	static void nm##_defaults(void *params)                                \
	{                                                                      \
		gen_##nm##_defaults(params);                                   \
	}                                                                      \
	static int nm##_run(const void *params, uint64_t seed,                 \
			    struct trace_writer *w, struct trace_err *err)     \
	{                                                                      \
		return gen_##nm##_run(params, seed, w, err);                   \
	}                                                                      \
	const struct trace_gen gen_##nm##_desc = {                             \
		.name = #nm,                                                   \
		.summary = summ,                                               \
		.params_size = sizeof(struct gen_##nm),                        \
		.params = nm##_params,                                         \
		.defaults = nm##_defaults,                                     \
		.check = nm##_check,                                           \
		.run = nm##_run,                                               \
	}

#endif /* TRACES_GEN_INTERNAL_H */
