// SPDX-License-Identifier: GPL-2.0-only
/* The tests' table builder, MMIO driver and reference walker (smmu_tb.h). */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "model_stat.h"
#include "simtest.h"
#include "smmu_tb.h"

#define TB_MEM_SIZE (64ULL << 20)

static void tb_irq(void *ctx, unsigned vector)
{
	struct tb *tb = ctx;

	if (vector < 8)
		tb->irqs[vector]++;
}

int tb_init(struct tb *tb, const struct smmu_config *cfg)
{
	struct iommu_irq irq;

	memset(tb, 0, sizeof(*tb));
	tb->cfg = *cfg;
	tb->pm = pmem_create();
	if (!tb->pm)
		return -1;
	tb->host = mmap(NULL, TB_MEM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);
	if (tb->host == MAP_FAILED)
		return -1;
	tb->base = PMEM_DEVICE_BASE;
	tb->next = tb->base + 0x10000;  /* PA DEVICE_BASE..+64K stays unused */
	tb->end = tb->base + TB_MEM_SIZE;
	if (pmem_map(tb->pm, tb->base, tb->host, TB_MEM_SIZE))
		return -1;
	tb->guest_off = PMEM_DEVICE_BASE - (1ULL << 30);
	irq.raise = tb_irq;
	irq.ctx = tb;
	tb->m = smmu_create(cfg, tb->pm, &irq);
	return tb->m ? 0 : -1;
}

int tb_init_preset(struct tb *tb, const char *preset)
{
	struct smmu_config cfg;

	smmu_config_preset(&cfg, preset);
	return tb_init(tb, &cfg);
}

int tb_start(struct tb *tb, const struct smmu_config *cfg)
{
	if (tb_init(tb, cfg))
		return -1;
	tb_enable(tb, false, 6, 6, 6);
	return 0;
}

int tb_start_preset(struct tb *tb, const char *preset)
{
	struct smmu_config cfg;

	smmu_config_preset(&cfg, preset);
	return tb_start(tb, &cfg);
}

void tb_config_nocache(struct smmu_config *cfg)
{
	struct cache_config off = { 0, 0, CACHE_REPL_LRU };

	cfg->ste_cache = cfg->cd_cache = cfg->tlb = cfg->s1_walk = cfg->s2_walk = cfg->atc = off;
}

void tb_fini(struct tb *tb)
{
	if (tb->m)
		tb->m->ops->destroy(tb->m);
	if (tb->pm)
		pmem_destroy(tb->pm);
	if (tb->host && tb->host != MAP_FAILED)
		munmap(tb->host, TB_MEM_SIZE);
	memset(tb, 0, sizeof(*tb));
}

uint64_t tb_alloc(struct tb *tb, uint64_t size, uint64_t align)
{
	uint64_t pa;

	if (align < 64)
		align = 64;
	pa = (tb->next + align - 1) & ~(align - 1);
	if (pa + size > tb->end)
		abort();        /* a test asked for more than the arena */
	tb->next = pa + size;
	return pa;
}

void tb_w64(struct tb *tb, uint64_t pa, uint64_t v)
{
	if (pmem_write64(tb->pm, pa, v))
		abort();
}

uint64_t tb_r64(struct tb *tb, uint64_t pa)
{
	uint64_t v = 0;

	if (pmem_read64(tb->pm, pa, &v))
		abort();
	return v;
}

void tb_set_bits(struct tb *tb, uint64_t pa, uint64_t clear, uint64_t set)
{
	tb_w64(tb, pa, (tb_r64(tb, pa) & ~clear) | set);
}

uint32_t tb_rd32(struct tb *tb, uint64_t off)
{
	return (uint32_t)tb->m->ops->mmio_read(tb->m, off, 4, tb->now);
}

uint64_t tb_rd64(struct tb *tb, uint64_t off)
{
	return tb->m->ops->mmio_read(tb->m, off, 8, tb->now);
}

void tb_wr32(struct tb *tb, uint64_t off, uint32_t v)
{
	tb->m->ops->mmio_write(tb->m, off, v, 4, tb->now);
}

void tb_wr64(struct tb *tb, uint64_t off, uint64_t v)
{
	tb->m->ops->mmio_write(tb->m, off, v, 8, tb->now);
}

void tb_enable(struct tb *tb, bool st_2lvl, unsigned st_log2, unsigned cmdq_log2,
	       unsigned evtq_log2)
{
	uint64_t sz;

	tb->st_2lvl = st_2lvl;
	tb->st_log2 = st_log2;
	tb->st_split = 8;
	if (st_2lvl) {
		sz = 8ULL << (st_log2 > tb->st_split ? st_log2 - tb->st_split : 0);
		tb->strtab = tb_alloc(tb, sz, sz);
		tb_wr32(tb, R_STRTAB_BASE_CFG, (1u << 16) | (tb->st_split << 6) | st_log2);
	} else {
		sz = 64ULL << st_log2;
		tb->strtab = tb_alloc(tb, sz, sz);
		tb_wr32(tb, R_STRTAB_BASE_CFG, st_log2);
	}
	tb_wr64(tb, R_STRTAB_BASE, tb->strtab);
	tb->cmdq_log2 = cmdq_log2;
	tb->cmdq = tb_alloc(tb, 16ULL << cmdq_log2, 16ULL << cmdq_log2);
	tb_wr64(tb, R_CMDQ_BASE, tb->cmdq | cmdq_log2);
	tb_wr32(tb, R_CMDQ_PROD, 0);
	tb_wr32(tb, R_CMDQ_CONS, 0);
	tb->cmdq_prod = 0;
	tb->evtq_log2 = evtq_log2;
	tb->evtq = tb_alloc(tb, 32ULL << evtq_log2, 32ULL << evtq_log2);
	tb_wr64(tb, R_EVTQ_BASE, tb->evtq | evtq_log2);
	tb_wr32(tb, R_EVTQ_PROD, 0);
	tb_wr32(tb, R_EVTQ_CONS, 0);
	tb_wr32(tb, R_IRQ_CTRL, 0x5);   /* GERROR_IRQEN | EVTQ_IRQEN */
	tb_wr32(tb, R_CR0, CR0_CMDQEN | CR0_EVTQEN);
	tb_wr32(tb, R_CR0, CR0_CMDQEN | CR0_EVTQEN | CR0_SMMUEN);
}

uint64_t tb_ste_addr(struct tb *tb, uint32_t sid)
{
	uint64_t l1pa, l1;

	if (!tb->st_2lvl)
		return tb->strtab + 64ULL * sid;
	l1pa = tb->strtab + 8ULL * (sid >> tb->st_split);
	l1 = tb_r64(tb, l1pa);
	if (!l1) {
		uint64_t l2 = tb_alloc(tb, 64ULL << tb->st_split, 64ULL << tb->st_split);

		l1 = l2 | (tb->st_split + 1);   /* Span = SPLIT + 1: full L2 table */
		tb_w64(tb, l1pa, l1);
	}
	return (l1 & 0x000fffffffffffc0ULL) + 64ULL * (sid & ((1u << tb->st_split) - 1));
}

void tb_set_ste(struct tb *tb, uint32_t sid, const uint64_t ste[8])
{
	uint64_t pa = tb_ste_addr(tb, sid);

	for (int i = 0; i < 8; i++)
		tb_w64(tb, pa + 8 * i, ste[i]);
}

void ste_init(uint64_t ste[8], unsigned config)
{
	memset(ste, 0, 64);
	ste[0] = 1 | (uint64_t)config << 1;
}

void ste_set_s1(uint64_t ste[8], uint64_t ctxptr, unsigned cdmax, unsigned fmt, unsigned dss)
{
	ste[0] |= (uint64_t)fmt << 4 | (ctxptr & 0x000fffffffffffc0ULL) | (uint64_t)cdmax << 59;
	ste[1] |= dss;
}

static unsigned tg0_of(unsigned g)
{
	return g == 12 ? 0 : g == 16 ? 1 : 2;
}

unsigned tb_sl0(unsigned g, int start)
{
	if (g == 12)
		return (unsigned)(2 - start);
	return (unsigned)(3 - start);
}

void ste_set_s2(uint64_t ste[8], const struct tb_pt *pt, unsigned vmid, unsigned sl0)
{
	ste[2] = vmid | (uint64_t)(64 - pt->ia_bits) << 32 | (uint64_t)sl0 << 38 |
		 (uint64_t)tg0_of(pt->g) << 46 | 5ULL << 48 /* 48-bit */ |
		 1ULL << 51 /* S2AA64 */ | 1ULL << 58 /* S2R */;
	ste[3] = pt->root & 0x000ffffffffffff0ULL;
}

void cd_init(uint64_t cd[8], const struct tb_pt *pt, unsigned asid)
{
	memset(cd, 0, 64);
	cd[0] = (uint64_t)(64 - pt->ia_bits) | (uint64_t)tg0_of(pt->g) << 6 |
		1ULL << 30 /* EPD1 */ | 1ULL << 31 /* V */ | 5ULL << 32 /* IPS 48 */ |
		1ULL << 41 /* AA64 */ | 1ULL << 45 /* R */ | 1ULL << 46 /* A */ |
		(uint64_t)asid << 48;
	cd[1] = pt->root & 0x000ffffffffffff0ULL;
}

void tb_write_cd(struct tb *tb, uint64_t pa, const uint64_t cd[8])
{
	for (int i = 0; i < 8; i++)
		tb_w64(tb, pa + 8 * i, cd[i]);
}

/* ---- page tables ---------------------------------------------------- */

static unsigned lvl_shift(unsigned g, int level)
{
	return g + (unsigned)(3 - level) * (g - 3);
}

static unsigned idx_of(const struct tb_pt *pt, uint64_t va, int level)
{
	unsigned sh = lvl_shift(pt->g, level);
	unsigned bits = level == pt->start ? pt->ia_bits - sh : pt->g - 3;

	return (unsigned)((va >> sh) & ((1ULL << bits) - 1));
}

static uint64_t to_pa(const struct tb_pt *pt, uint64_t addr)
{
	return pt->s2 ? addr + pt->tb->guest_off : addr;
}

uint64_t tb_pt_alloc(struct tb_pt *pt, uint64_t size, uint64_t *pa)
{
	struct tb *tb = pt->tb;
	uint64_t align = size < 4096 ? 4096 : size;
	uint64_t p, ipa;

	if (pt->s2 && align < (1ULL << pt->s2->g))
		align = 1ULL << pt->s2->g;
	p = tb_alloc(tb, size < align ? align : size, align);
	*pa = p;
	if (!pt->s2)
		return p;
	ipa = p - tb->guest_off;
	/* The table's IPA page must be mapped at stage 2 */
	for (uint64_t o = 0; o < (size < align ? align : size); o += 1ULL << pt->s2->g)
		tb_pt_map(pt->s2, ipa + o, p + o, 3, S2_RW);
	return ipa;
}

void tb_pt_init(struct tb *tb, struct tb_pt *pt, unsigned g, unsigned ia_bits, int start,
		struct tb_pt *s2)
{
	uint64_t pa;

	memset(pt, 0, sizeof(*pt));
	pt->tb = tb;
	pt->g = g;
	pt->ia_bits = ia_bits;
	pt->start = start;
	pt->s2 = s2;
	pt->root = tb_pt_alloc(pt, 8ULL << (ia_bits - lvl_shift(g, start)), &pa);
}

static uint64_t oa_mask(unsigned lo)
{
	return (0x0000ffffffffffffULL >> lo) << lo;
}

void tb_pt_map(struct tb_pt *pt, uint64_t va, uint64_t oa, int leaf_level, uint64_t attrs)
{
	struct tb *tb = pt->tb;
	uint64_t table = pt->root;

	for (int l = pt->start; l < leaf_level; l++) {
		uint64_t dpa = to_pa(pt, table) + 8ULL * idx_of(pt, va, l);
		uint64_t d = tb_r64(tb, dpa);

		if ((d & 3) != 3) {
			uint64_t pa, next = tb_pt_alloc(pt, 1ULL << pt->g, &pa);

			d = next | 3;
			tb_w64(tb, dpa, d);
		}
		table = d & oa_mask(pt->g);
	}
	tb_w64(tb, to_pa(pt, table) + 8ULL * idx_of(pt, va, leaf_level),
	       (oa & oa_mask(lvl_shift(pt->g, leaf_level))) | attrs | (leaf_level == 3 ? 3 : 1));
}

uint64_t tb_pt_desc_pa(struct tb_pt *pt, uint64_t va, int level)
{
	uint64_t table = pt->root;

	for (int l = pt->start; l <= level; l++) {
		uint64_t dpa = to_pa(pt, table) + 8ULL * idx_of(pt, va, l);
		uint64_t d;

		if (l == level)
			return dpa;
		d = tb_r64(pt->tb, dpa);
		if ((d & 3) != 3)
			return 0;
		table = d & oa_mask(pt->g);
	}
	return 0;
}

uint64_t tb_ref_walk(struct tb_pt *pt, uint64_t va, int *leaf_level, unsigned *refs)
{
	uint64_t table = pt->root;

	if (va >> pt->ia_bits)
		return ~0ULL;
	for (int l = pt->start; l <= 3; l++) {
		uint64_t addr = table + 8ULL * idx_of(pt, va, l), pa, d;
		unsigned sh = lvl_shift(pt->g, l);

		if (pt->s2) {
			int dummy;

			pa = tb_ref_walk(pt->s2, addr, &dummy, refs);
			if (pa == ~0ULL)
				return ~0ULL;
		} else {
			pa = addr;
		}
		d = tb_r64(pt->tb, pa);
		(*refs)++;
		if (!(d & 1))
			return ~0ULL;
		if (l < 3 && (d & 3) == 3) {
			table = d & oa_mask(pt->g);
			continue;
		}
		if (l == 3 && (d & 3) != 3)
			return ~0ULL;
		if (l < 3 && !(pt->g == 12 ? (l == 1 || l == 2) : l == 2))
			return ~0ULL;
		*leaf_level = l;
		return (d & oa_mask(sh)) | (va & ((1ULL << sh) - 1));
	}
	return ~0ULL;
}

/* ---- queues ----------------------------------------------------------- */

void tb_cmd(struct tb *tb, uint64_t c0, uint64_t c1)
{
	uint32_t mask = (1u << tb->cmdq_log2) - 1;
	uint64_t pa = tb->cmdq + 16ULL * (tb->cmdq_prod & mask);

	tb_w64(tb, pa, c0);
	tb_w64(tb, pa + 8, c1);
	tb->cmdq_prod = (tb->cmdq_prod + 1) & ((2u << tb->cmdq_log2) - 1);
	tb_wr32(tb, R_CMDQ_PROD, tb->cmdq_prod);
}

void tb_cmd_batch(struct tb *tb, const uint64_t (*cmds)[2], unsigned n)
{
	uint32_t mask = (1u << tb->cmdq_log2) - 1;

	for (unsigned i = 0; i < n; i++) {
		uint64_t pa = tb->cmdq + 16ULL * (tb->cmdq_prod & mask);

		tb_w64(tb, pa, cmds[i][0]);
		tb_w64(tb, pa + 8, cmds[i][1]);
		tb->cmdq_prod = (tb->cmdq_prod + 1) & ((2u << tb->cmdq_log2) - 1);
	}
	tb_wr32(tb, R_CMDQ_PROD, tb->cmdq_prod);
}

void tb_sync(struct tb *tb)
{
	tb_cmd(tb, OP_SYNC, 0);
}

bool tb_evt_pop(struct tb *tb, uint64_t rec[4])
{
	uint32_t ptr = (2u << tb->evtq_log2) - 1, mask = (1u << tb->evtq_log2) - 1;
	uint32_t prod = tb_rd32(tb, R_EVTQ_PROD), cons = tb_rd32(tb, R_EVTQ_CONS);
	uint64_t pa;

	if ((prod & ptr) == (cons & ptr))
		return false;
	pa = tb->evtq + 32ULL * (cons & mask);
	for (int i = 0; i < 4; i++)
		rec[i] = tb_r64(tb, pa + 8 * i);
	cons = (cons & 0x80000000u) | (((cons & ptr) + 1) & ptr);
	tb_wr32(tb, R_EVTQ_CONS, cons);
	return true;
}

unsigned tb_evt_drain(struct tb *tb)
{
	uint64_t rec[4];
	unsigned n = 0;

	while (tb_evt_pop(tb, rec))
		n++;
	return n;
}

struct xlate_res tb_xlate(struct tb *tb, uint32_t sid, bool ssv, uint32_t ssid, uint64_t iova,
			  uint8_t access, bool priv)
{
	struct xlate_req req = { 0 };
	struct xlate_res res;

	req.sid = sid;
	req.has_pasid = ssv;
	req.pasid = ssid;
	req.iova = iova;
	req.access = access;
	req.priv = priv;
	req.len = 4;
	req.t_issue = tb->now;
	iommu_translate(tb->m, &req, &res);
	/* One request at a time: the next is issued when this one is done. */
	tb->now = res.t_done;
	return res;
}

/* ---- streams ------------------------------------------------------------ */

uint64_t tb_stream_s1(struct tb *tb, uint32_t sid, struct tb_pt *pt, unsigned asid)
{
	uint64_t ste[8], cd[8];
	uint64_t cdpa = tb_alloc(tb, 64, 64);

	cd_init(cd, pt, asid);
	tb_write_cd(tb, cdpa, cd);
	ste_init(ste, 5);
	ste_set_s1(ste, cdpa, 0, 0, 0);
	tb_set_ste(tb, sid, ste);
	return cdpa;
}

uint64_t tb_stream_s1_4k(struct tb *tb, uint32_t sid, struct tb_pt *pt, unsigned asid)
{
	tb_pt_init(tb, pt, 12, 48, 0, NULL);
	return tb_stream_s1(tb, sid, pt, asid);
}

void tb_stream_s2(struct tb *tb, uint32_t sid, struct tb_pt *pt, unsigned vmid)
{
	uint64_t ste[8];

	ste_init(ste, 6);
	ste_set_s2(ste, pt, vmid, tb_sl0(pt->g, pt->start));
	tb_set_ste(tb, sid, ste);
}

int tb_start_s2(struct tb *tb, uint32_t sid, struct tb_pt *pt, unsigned vmid, unsigned g,
		unsigned ia_bits, int start)
{
	if (tb_start_preset(tb, "full"))
		return -1;
	tb_pt_init(tb, pt, g, ia_bits, start, NULL);
	tb_stream_s2(tb, sid, pt, vmid);
	return 0;
}

uint64_t tb_stream_nested(struct tb *tb, uint32_t sid, struct tb_pt *s1, struct tb_pt *s2,
			  unsigned asid, unsigned vmid)
{
	uint64_t ste[8], cd[8], pa;
	uint64_t cd_ipa = tb_pt_alloc(s1, 4096, &pa);

	cd_init(cd, s1, asid);
	tb_write_cd(tb, pa, cd);
	ste_init(ste, 7);
	ste_set_s1(ste, cd_ipa, 0, 0, 0);
	ste_set_s2(ste, s2, vmid, tb_sl0(s2->g, s2->start));
	tb_set_ste(tb, sid, ste);
	return pa;
}

uint64_t tb_stat(struct tb *tb, const char *name)
{
	uint64_t v;

	return model_stat_find(tb->m, name, &v) ? v : ~0ULL;
}

/* ---- checks ------------------------------------------------------------- */

/* EXPECT_EQ for the helpers below, which return a value (EXPECT_* may return). */
static void expect_u64(const char *what, uint64_t got, uint64_t want)
{
	if (got != want)
		ADD_FAILURE("%s: 0x%llx, expected 0x%llx", what, (unsigned long long)got,
			    (unsigned long long)want);
}

struct xlate_res tb_expect_ok(struct tb *tb, uint32_t sid, uint64_t iova, uint8_t access,
			      uint64_t pa)
{
	struct xlate_res res = tb_xlate(tb, sid, false, 0, iova, access, false);

	expect_u64("status", res.status, XLATE_OK);
	expect_u64("pa", res.pa, pa);
	return res;
}

bool tb_expect_fault(struct tb *tb, const struct xlate_res *res, unsigned id, uint64_t rec[4])
{
	expect_u64("status", res->status, XLATE_FAULT);
	expect_u64("fault_code", res->fault_code, id);
	if (!tb_evt_pop(tb, rec)) {
		ADD_FAILURE("no event record for event 0x%x", id);
		return false;
	}
	expect_u64("event record id", rec[0] & 0xff, id);
	return true;
}

void tb_expect_event(struct tb *tb, const struct xlate_res *res, unsigned id, uint32_t sid,
		     uint64_t rec[4])
{
	uint64_t next[4];

	if (!tb_expect_fault(tb, res, id, rec))
		return;
	EXPECT_EQ(rec[0] >> 32, sid);
	EXPECT_FALSE(tb_evt_pop(tb, next));
}
