// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench_smmuv3 - single-threaded translations per second of the SMMUv3
 * model for three request streams:
 *   tlb-hit      stage 1, 64 pages cycled, every request a TLB hit
 *   walk-cache   stage 1, TLB disabled, the stage-1 walk cache gives the
 *                level-3 table: one table read per request
 *   nested-walk  stage 1 + stage 2, 4 levels each, TLB and walk caches
 *                disabled: a full 24-reference two-dimensional walk
 * Tables are programmed in simulated memory and the SMMU through MMIO, as
 * a driver would. Wall-clock time is used for the printed rate only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "bench_clock.h"
#include "smmu.h"

#define MEM_BASE  PMEM_DEVICE_BASE
#define MEM_SIZE  (32ULL << 20)
#define GUEST_OFF (PMEM_DEVICE_BASE - (1ULL << 30))     /* PA = IPA + GUEST_OFF */

struct bench {
	struct pmem *pm;
	struct iommu_model *m;
	void *host;
	uint64_t next;
};

static uint64_t alloc(struct bench *b, uint64_t size)
{
	uint64_t pa = (b->next + 4095) & ~4095ULL;

	b->next = pa + size;
	if (b->next > MEM_BASE + MEM_SIZE) {
		fprintf(stderr, "bench_smmuv3: arena exhausted\n");
		exit(1);
	}
	return pa;
}

static void w64(struct bench *b, uint64_t pa, uint64_t v)
{
	pmem_write64(b->pm, pa, v);
}

static uint64_t r64(struct bench *b, uint64_t pa)
{
	uint64_t v = 0;

	pmem_read64(b->pm, pa, &v);
	return v;
}

/* 4K granule, 48-bit input, 4 levels. ipa_tables: tables live in IPA space. */
struct pt {
	uint64_t root;          /* as the walker sees it */
	bool ipa_tables;
	struct pt *s2;
	uint64_t leaf_attrs;
};

static void pt_map(struct bench *b, struct pt *pt, uint64_t va, uint64_t oa);

static uint64_t pt_table(struct bench *b, struct pt *pt)
{
	uint64_t pa = alloc(b, 4096);

	if (!pt->ipa_tables)
		return pa;
	pt_map(b, pt->s2, pa - GUEST_OFF, pa);
	return pa - GUEST_OFF;
}

static void pt_map(struct bench *b, struct pt *pt, uint64_t va, uint64_t oa)
{
	uint64_t table = pt->root;
	uint64_t off = pt->ipa_tables ? GUEST_OFF : 0;

	for (int l = 0; l < 3; l++) {
		uint64_t dpa = table + off + 8 * ((va >> (39 - 9 * l)) & 511);
		uint64_t d = r64(b, dpa);

		if ((d & 3) != 3) {
			d = pt_table(b, pt) | 3;
			w64(b, dpa, d);
		}
		table = d & 0x0000fffffffff000ULL;
	}
	w64(b, table + off + 8 * ((va >> 12) & 511), (oa & ~0xfffULL) | pt->leaf_attrs | 3);
}

static void mmio(struct bench *b, uint64_t off, uint64_t v, unsigned size)
{
	b->m->ops->mmio_write(b->m, off, v, size, 0);
}

/* SMMU with a linear stream table; one stream, sid 1. */
static void bench_init(struct bench *b, struct smmu_config *cfg)
{
	uint64_t strtab;

	memset(b, 0, sizeof(*b));
	b->pm = pmem_create();
	b->host = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!b->pm || b->host == MAP_FAILED || pmem_map(b->pm, MEM_BASE, b->host, MEM_SIZE)) {
		fprintf(stderr, "bench_smmuv3: memory set-up failed\n");
		exit(1);
	}
	b->next = MEM_BASE;
	b->m = smmu_create(cfg, b->pm, NULL);
	if (!b->m) {
		fprintf(stderr, "bench_smmuv3: smmu_create failed\n");
		exit(1);
	}
	strtab = alloc(b, 64 * 64);
	mmio(b, 0x88, 6, 4);                    /* STRTAB_BASE_CFG: linear, 64 STEs */
	mmio(b, 0x80, strtab, 8);
	mmio(b, 0x20, 1, 4);                    /* CR0.SMMUEN */
}

static void bench_fini(struct bench *b)
{
	b->m->ops->destroy(b->m);
	pmem_destroy(b->pm);
	munmap(b->host, MEM_SIZE);
}

static uint64_t cd_word0(unsigned asid)
{
	return 16 | 1ULL << 30 | 1ULL << 31 | 5ULL << 32 | 1ULL << 41 | 1ULL << 45 |
	       1ULL << 46 | (uint64_t)asid << 48;
}

struct totals {
	uint64_t refs, fails;
};

/*
 * The measured loop, kept out of line so that callgrind can count it
 * alone (bench/callgrind.sh: --toggle-collect=bench_measure).
 */
__attribute__((noinline)) void bench_measure(struct bench *b, struct xlate_req *req,
					     uint64_t base, unsigned pages, unsigned n,
					     sim_time_t step, struct totals *tot)
{
	struct xlate_res res;

	for (unsigned i = 0; i < n; i++) {
		req->iova = base + (uint64_t)(i % pages) * 4096 + (i & 63) * 64;
		req->t_issue += step;
		b->m->ops->translate(b->m, req, &res);
		tot->refs += res.walk_refs;
		tot->fails += res.status != XLATE_OK;
	}
}

/* Only the case named on the command line, if one was (with its count). */
static const char *only;
static unsigned only_n;

static void run(struct bench *b, const char *name, uint64_t base, unsigned pages, unsigned n,
		sim_time_t step)
{
	struct xlate_req req = { 0 };
	struct totals tot = { 0 }, warm = { 0 };
	double t0, t1;

	if (only && strcmp(only, name))
		return;
	if (only && only_n)
		n = only_n;
	req.sid = 1;
	req.access = XLATE_READ;
	req.len = 64;
	/* warm up: one pass over the pages */
	bench_measure(b, &req, base, pages, pages, step, &warm);
	t0 = bench_now_s();
	bench_measure(b, &req, base, pages, n, step, &tot);
	t1 = bench_now_s();
	printf("%-12s %10u requests  %8.2f M translations/s  %5.2f walk refs/request%s\n",
	       name, n, n / (t1 - t0) / 1e6, (double)tot.refs / n,
	       tot.fails + warm.fails ? "  (FAULTS!)" : "");
}

static void s1_stream(struct bench *b, unsigned pages)
{
	struct pt pt = { 0 };
	uint64_t cd = alloc(b, 64), ste = MEM_BASE + 64;

	pt.leaf_attrs = 1ULL << 10 | 1ULL << 6;
	pt.root = alloc(b, 4096);
	for (unsigned i = 0; i < pages; i++)
		pt_map(b, &pt, 0x7f0000000000ULL + i * 4096ULL, 0x100000000ULL + i * 4096ULL);
	w64(b, cd, cd_word0(1));
	w64(b, cd + 8, pt.root);
	w64(b, ste, 1 | 5 << 1 | (cd & 0x000fffffffffffc0ULL));
}

int main(int argc, char **argv)
{
	struct smmu_config cfg;
	struct bench b;
	struct cache_config off = { 0, 0, CACHE_REPL_LRU };
	unsigned scale = argc > 1 ? (unsigned)atoi(argv[1]) : 1;

	/* bench_smmuv3 [scale] [case [requests]]: one case, e.g. for callgrind */
	only = argc > 2 ? argv[2] : NULL;
	only_n = argc > 3 ? (unsigned)atoi(argv[3]) : 0;
	if (!scale)
		scale = 1;
	/* 1: all TLB hits */
	smmu_config_preset(&cfg, "full");
	bench_init(&b, &cfg);
	s1_stream(&b, 64);
	run(&b, "tlb-hit", 0x7f0000000000ULL, 64, 4000000 * scale, 1000);
	bench_fini(&b);

	/* 2: TLB off, stage-1 walk cache on */
	smmu_config_preset(&cfg, "full");
	cfg.tlb = off;
	bench_init(&b, &cfg);
	s1_stream(&b, 64);
	run(&b, "walk-cache", 0x7f0000000000ULL, 64, 2000000 * scale, 1000000);
	bench_fini(&b);

	/* 3: nested, every cache but the STE/CD caches off */
	smmu_config_preset(&cfg, "full");
	cfg.tlb = cfg.s1_walk = cfg.s2_walk = cfg.atc = off;
	bench_init(&b, &cfg);
	{
		struct pt s2 = { 0 }, s1 = { 0 };
		uint64_t cd_pa, ste = MEM_BASE + 64;

		s2.leaf_attrs = 1ULL << 10 | 3ULL << 6;
		s2.root = alloc(&b, 4096);
		s1.leaf_attrs = 1ULL << 10 | 1ULL << 6;
		s1.ipa_tables = true;
		s1.s2 = &s2;
		s1.root = pt_table(&b, &s1);
		cd_pa = alloc(&b, 4096);
		pt_map(&b, &s2, cd_pa - GUEST_OFF, cd_pa);
		for (unsigned i = 0; i < 64; i++) {
			pt_map(&b, &s1, 0x7f0000000000ULL + i * 4096ULL, 0x80000000ULL + i * 4096ULL);
			pt_map(&b, &s2, 0x80000000ULL + i * 4096ULL, 0x100000000ULL + i * 4096ULL);
		}
		w64(&b, cd_pa, cd_word0(1));
		w64(&b, cd_pa + 8, s1.root);
		w64(&b, ste, 1 | 7 << 1 | ((cd_pa - GUEST_OFF) & 0x000fffffffffffc0ULL));
		w64(&b, ste + 16, 1 | 16ULL << 32 | 2ULL << 38 | 5ULL << 48 | 1ULL << 51 |
			1ULL << 58);
		w64(&b, ste + 24, s2.root);
		run(&b, "nested-walk", 0x7f0000000000ULL, 64, 500000 * scale, 1000000);
	}
	bench_fini(&b);
	return 0;
}
