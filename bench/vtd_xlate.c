// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench_vtd - translations per second of the VT-d model, single thread:
 *   (a) every request hits the IOTLB,
 *   (b) every request misses the IOTLB (disabled) but hits the first- and
 *       second-stage paging-structure caches,
 *   (c) every request is a full nested 4x4 walk (all caches disabled).
 * The model is programmed through MMIO and tables in simulated memory,
 * like a driver would. Wall-clock time is measured here only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "bench_clock.h"
#include "vtd.h"

#define MEM (64ULL << 20)
#define SID 0x0100
#define PASID 1
#define GPA_DATA (1ULL << 40)

struct bench {
	struct pmem *pm;
	struct iommu_model *m;
	char *host;
	uint64_t next, next_gpa;
	uint64_t ss_root, fs_root_gpa, fs_root_hpa;
};

static uint64_t page(struct bench *b)
{
	uint64_t pa = b->next;

	b->next += 4096;
	if (b->next > PMEM_KERNEL_BASE + MEM) {
		fprintf(stderr, "bench_vtd: out of table memory\n");
		exit(1);
	}
	return pa;
}

static uint64_t *host64(struct bench *b, uint64_t pa)
{
	return (uint64_t *)(b->host + (pa - PMEM_KERNEL_BASE));
}

/* Second stage: gpa -> hpa, 4 levels, 4K leaf. */
static void ss_map(struct bench *b, uint64_t gpa, uint64_t hpa)
{
	uint64_t table = b->ss_root;

	for (int level = 4; level > 1; level--) {
		uint64_t *e = host64(b, table + ((gpa >> (12 + 9 * (level - 1))) & 511) * 8);

		if (!(*e & 3))
			*e = page(b) | VTD_SS_R | VTD_SS_W | VTD_SS_X;
		table = *e & VTD_SS_ADDR_MASK;
	}
	*host64(b, table + ((gpa >> 12) & 511) * 8) = hpa | VTD_SS_R | VTD_SS_W;
}

static uint64_t ss_lookup(struct bench *b, uint64_t gpa)
{
	uint64_t table = b->ss_root;

	for (int level = 4; level >= 1; level--) {
		uint64_t e = *host64(b, table + ((gpa >> (12 + 9 * (level - 1))) & 511) * 8);

		table = e & VTD_SS_ADDR_MASK;
	}
	return table | (gpa & 0xfff);
}

/* A guest table page: host page plus a GPA the second stage maps. */
static uint64_t guest_table(struct bench *b, uint64_t *hpa)
{
	uint64_t gpa = b->next_gpa;

	*hpa = page(b);
	b->next_gpa += 4096;
	ss_map(b, gpa, *hpa);
	return gpa;
}

/* First stage (nested): va -> gpa, 4 levels, A/D preset. */
static void fs_map(struct bench *b, uint64_t va, uint64_t gpa)
{
	uint64_t table = b->fs_root_hpa;

	for (int level = 4; level > 1; level--) {
		uint64_t *e = host64(b, table + ((va >> (12 + 9 * (level - 1))) & 511) * 8);

		if (!(*e & VTD_FS_P)) {
			uint64_t hpa, g = guest_table(b, &hpa);

			*e = g | VTD_FS_P | VTD_FS_RW | VTD_FS_US | VTD_FS_A;
		}
		table = ss_lookup(b, *e & VTD_FS_ADDR_MASK);
	}
	*host64(b, table + ((va >> 12) & 511) * 8) =
		gpa | VTD_FS_P | VTD_FS_RW | VTD_FS_US | VTD_FS_A | VTD_FS_D;
}

static void wr(struct bench *b, uint64_t off, uint64_t val, unsigned size)
{
	b->m->ops->mmio_write(b->m, off, val, size, 0);
}

static void gcmd(struct bench *b, uint32_t bit)
{
	uint32_t sts = b->m->ops->mmio_read(b->m, VTD_GSTS_REG, 4, 0);

	wr(b, VTD_GCMD_REG, (sts & (VTD_GSTS_TES | VTD_GSTS_QIES)) | bit, 4);
}

static int setup(struct bench *b, const struct vtd_config *cfg, unsigned npages)
{
	uint64_t root, ctx, dir, ptbl, *pe;

	memset(b, 0, sizeof(*b));
	b->pm = pmem_create();
	b->host = mmap(NULL, MEM, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!b->pm || b->host == MAP_FAILED || pmem_map(b->pm, PMEM_KERNEL_BASE, b->host, MEM))
		return -1;
	b->next = PMEM_KERNEL_BASE;
	b->next_gpa = 0x10000000;
	b->m = vtd_create(cfg, b->pm, NULL);
	if (!b->m)
		return -1;
	root = page(b);
	ctx = page(b);
	dir = page(b);
	ptbl = page(b);
	b->ss_root = page(b);
	b->fs_root_gpa = guest_table(b, &b->fs_root_hpa);
	for (unsigned i = 0; i < npages; i++) {
		fs_map(b, 0x400000000ULL + i * 4096ULL, GPA_DATA + i * 4096ULL);
		ss_map(b, GPA_DATA + i * 4096ULL, 0x2000000000ULL + i * 4096ULL);
	}
	*host64(b, root + (SID >> 8) * 16) = ctx | VTD_SM_ROOT_LP;
	host64(b, ctx + (SID & 0x7f) * 32)[0] = dir | VTD_SM_CTX_PASIDE | VTD_SM_CTX_P;
	*host64(b, dir) = ptbl | VTD_PDE_P;
	pe = host64(b, ptbl + PASID * 64);
	pe[0] = b->ss_root | 2 << 2 | (uint64_t)VTD_PGTT_NESTED << 6 | VTD_PTE0_P;
	pe[1] = 1;
	pe[2] = b->fs_root_gpa;
	wr(b, VTD_RTADDR_REG, root | (uint64_t)VTD_TTM_SCALABLE << 10, 8);
	gcmd(b, VTD_GCMD_SRTP);
	gcmd(b, VTD_GCMD_TE);
	return 0;
}

static void teardown(struct bench *b)
{
	b->m->ops->destroy(b->m);
	pmem_destroy(b->pm);
	munmap(b->host, MEM);
}

struct totals {
	uint64_t refs, faults, lat, sum;
};

/*
 * The measured loop, kept out of line so that callgrind can count it
 * alone (bench/callgrind.sh: --toggle-collect=bench_measure).
 */
__attribute__((noinline)) void bench_measure(struct bench *b, struct xlate_req *q,
					     unsigned npages, uint64_t n, struct totals *tot)
{
	struct xlate_res r;

	for (uint64_t i = 0; i < n; i++) {
		q->iova = 0x400000000ULL + (i % npages) * 4096ULL + (i & 0xfc0);
		b->m->ops->translate(b->m, q, &r);
		tot->refs += r.walk_refs;
		tot->faults += r.status != XLATE_OK;
		tot->lat += r.t_done - q->t_issue;
		tot->sum += r.pa;
		q->t_issue += 1000000;  /* 1 us apart: no queueing */
	}
}

static void run(const char *name, const struct vtd_config *cfg, unsigned npages,
		uint64_t n)
{
	struct bench b;
	struct xlate_req q = { .sid = SID, .pasid = PASID, .has_pasid = true,
			       .access = XLATE_READ, .len = 64 };
	struct xlate_res r;
	struct totals tot = { 0 };
	double t0, t1;

	if (setup(&b, cfg, npages)) {
		fprintf(stderr, "bench_vtd: setup failed\n");
		exit(1);
	}
	/* warm up: one pass over the pages */
	for (unsigned i = 0; i < npages; i++) {
		q.iova = 0x400000000ULL + i * 4096ULL;
		b.m->ops->translate(b.m, &q, &r);
	}
	q.t_issue = 1000000000ULL;
	t0 = bench_now_s();
	bench_measure(&b, &q, npages, n, &tot);
	t1 = bench_now_s();
	printf("%-34s %8.2f M translations/s  %5.2f walk refs/req  %7.1f ns simulated latency%s\n",
	       name, n / (t1 - t0) / 1e6, (double)tot.refs / n, tot.lat / 1000.0 / n,
	       tot.faults ? "  (FAULTS!)" : "");
	if (tot.sum == 42)
		printf("\n");   /* keep the results live */
	teardown(&b);
}

/*
 * bench_vtd [millions] [a|b|c]: all three cases (b and c with a quarter
 * and a twentieth of the requests), or just the one named, with exactly
 * that many requests (what bench/callgrind.sh counts).
 */
int main(int argc, char **argv)
{
	double millions = argc > 1 ? atof(argv[1]) : 20;
	const char *only = argc > 2 ? argv[2] : NULL;
	uint64_t n = (uint64_t)(millions * 1e6);
	struct cache_config off = { 0, 0, CACHE_REPL_LRU };
	struct vtd_config cfg;

	if (n == 0)
		n = 1;
	/* (a) 256 pages, all in the 512-entry IOTLB */
	if (!only || !strcmp(only, "a")) {
		vtd_config_preset(&cfg, VTD_PRESET_SPR);
		run("(a) nested, all IOTLB hits", &cfg, 256, n);
	}
	/* (b) IOTLB off; 512 pages under one FS PDE and one SS PDE */
	if (!only || !strcmp(only, "b")) {
		vtd_config_preset(&cfg, VTD_PRESET_SPR);
		cfg.iotlb = off;
		run("(b) IOTLB miss, PSC hits", &cfg, 512, only ? n : n / 4);
	}
	/* (c) every cache off: 24 references a request */
	if (!only || !strcmp(only, "c")) {
		vtd_config_preset(&cfg, VTD_PRESET_SPR);
		cfg.iotlb = cfg.fs_psc = cfg.ss_psc = cfg.context_cache = cfg.pasid_cache = off;
		run("(c) full nested walk, caches off", &cfg, 256, only ? n : n / 20);
	}
	return 0;
}
