/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rtl_cache.h - the C face of the verilated translation cache
 * (iommu_tcache.sv): one clock cycle per call, requests in, responses out
 * in request order. The models and tests stay in C; the C++ behind it is
 * the thin harness in rtl_cache.cc.
 *
 * SystemVerilog parameters are fixed when Verilator runs, so the library
 * holds a list of verilated variants (models/rtl/CMakeLists.txt); open one
 * by name, or find the one whose geometry and policy a C cache has.
 */
#ifndef MODELS_RTL_RTL_CACHE_H
#define MODELS_RTL_RTL_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "cache.h"

#ifdef __cplusplus
extern "C" {
#endif

/* iommu_tcache_pkg's operation codes */
enum rtl_op {
	RTL_OP_LOOKUP,          /* counted probe: a hit is touched */
	RTL_OP_PEEK,            /* probe, no replacement update */
	RTL_OP_FILL,            /* insert, or refresh a present key */
	RTL_OP_INV_KEY,         /* remove one key */
	RTL_OP_INV_ALL,         /* remove everything (one cycle) */
	RTL_OP_INV_SEL,         /* by domain / PASID / range, one set per cycle */
};

/* RTL_OP_INV_SEL selectors: which of the tag's fields must match */
enum {
	RTL_SEL_DOMAIN = 1,     /* VT-d DID / SMMUv3 VMID */
	RTL_SEL_PASID = 2,      /* VT-d PASID / SMMUv3 ASID */
	RTL_SEL_RANGE = 4,      /* the entry's span meets [lo, hi] */
};

struct rtl_cache_req {
	enum rtl_op op;
	unsigned sel;
	uint64_t addr, tag, data;
	uint64_t lo, hi;        /* RTL_SEL_RANGE, bytes, inclusive */
};

struct rtl_cache_resp {
	enum rtl_op op;
	bool hit;               /* key present (probe, fill, invalidate-one) */
	bool evict;             /* a fill displaced a valid entry */
	unsigned set, way;      /* way hit, filled or removed */
	uint64_t old_addr, old_tag; /* the displaced entry */
	uint64_t data;          /* translation of a hit */
	uint32_t count;         /* entries removed by an invalidation */
};

struct rtl_cache_line {
	bool valid;
	uint64_t addr, tag, data;
	uint64_t repl;          /* LRU/FIFO: the way's age; PLRU: the set's tree; random: s[0] */
};

struct rtl_cache_variant {
	const char *name;
	unsigned sets, ways;
	enum cache_repl repl;
	unsigned stages;        /* request to response, cycles */
	const char *layout;     /* "vtd" or "smmu": the tag's field positions */
	bool plru_bug;          /* the deliberate defect (tests only) */
};

const struct rtl_cache_variant *rtl_cache_variants(unsigned *n);
/* The non-test variant with this geometry, policy and layout; NULL if none. */
const struct rtl_cache_variant *rtl_cache_find(unsigned sets, unsigned ways,
					       enum cache_repl repl, const char *layout);
const struct rtl_cache_variant *rtl_cache_variant_named(const char *name);

struct rtl_cache;
/* Reset and ready; NULL if the name is unknown. */
struct rtl_cache *rtl_cache_open(const char *variant);
void rtl_cache_close(struct rtl_cache *r);
const struct rtl_cache_variant *rtl_cache_info(const struct rtl_cache *r);

/* Random replacement's generator state (struct rng's s[]), at the next edge. */
void rtl_cache_load_rng(struct rtl_cache *r, const uint64_t s[4]);

/*
 * One clock cycle. req (NULL: none) is presented; *taken says whether the
 * cache accepted it (req_ready). Returns true, with *resp, when a response
 * came out at this cycle's edge.
 */
bool rtl_cache_cycle(struct rtl_cache *r, const struct rtl_cache_req *req, bool *taken,
		     struct rtl_cache_resp *resp);
/* Cycles clocked since open. */
uint64_t rtl_cache_cycles(const struct rtl_cache *r);
/* The debug read port. */
void rtl_cache_read_line(struct rtl_cache *r, unsigned set, unsigned way, struct rtl_cache_line *l);

/* --coverage builds: write the coverage database (a no-op otherwise). */
bool rtl_cache_coverage_enabled(void);
void rtl_cache_coverage_write(const char *path);

#ifdef __cplusplus
}
#endif

#endif /* MODELS_RTL_RTL_CACHE_H */
