// SPDX-License-Identifier: GPL-2.0-only
/*
 * vtd_tb.c - the VT-d test bench (see vtd_tb.h). Written from the spec's
 * structure formats, separately from the model, so that a shared
 * misreading would have to be made twice.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "vtd_tb.h"
#include "vtd_test_cfg.h"

#define TB_MEM (64ULL << 20)

static void tb_irq(void *ctx, unsigned data)
{
	struct tb *tb = ctx;

	if (tb->irqs < 32)
		tb->irq_data[tb->irqs] = data;
	tb->irqs++;
	if (tb->on_irq)
		tb->on_irq(tb, data);
}

int tb_init_bare(struct tb *tb, const struct vtd_config *cfg)
{
	struct iommu_irq irq = { tb_irq, tb };

	memset(tb, 0, sizeof(*tb));
	vtd_test_config(&tb->cfg, cfg);
	tb->pm = pmem_create();
	tb->host = mmap(NULL, TB_MEM, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!tb->pm || tb->host == MAP_FAILED)
		return -1;
	tb->host_len = TB_MEM;
	if (pmem_map(tb->pm, PMEM_KERNEL_BASE, tb->host, TB_MEM))
		return -1;
	tb->next = PMEM_KERNEL_BASE;
	tb->next_gpa = 0x10000000;
	tb->m = vtd_create(&tb->cfg, tb->pm, &irq);
	return tb->m ? 0 : -1;
}

int tb_init(struct tb *tb, const struct vtd_config *cfg)
{
	if (tb_init_bare(tb, cfg))
		return -1;
	tb->root = tb_page(tb);
	tb->iq = tb_page(tb);
	tb->status = tb_page(tb);
	tb->pq = tb_page(tb);
	tb_mmio_wr(tb, VTD_FEDATA_REG, TB_FEDATA, 4);
	tb_mmio_wr(tb, VTD_IEDATA_REG, TB_IEDATA, 4);
	tb_mmio_wr(tb, VTD_PEDATA_REG, TB_PEDATA, 4);
	tb_mmio_wr(tb, VTD_FECTL_REG, 0, 4);
	tb_mmio_wr(tb, VTD_IECTL_REG, 0, 4);
	tb_mmio_wr(tb, VTD_PECTL_REG, 0, 4);
	tb_mmio_wr(tb, VTD_RTADDR_REG, tb->root | (uint64_t)VTD_TTM_SCALABLE << 10, 8);
	tb_gcmd(tb, VTD_GCMD_SRTP, 0);
	tb_mmio_wr(tb, VTD_IQT_REG, 0, 8);
	tb_mmio_wr(tb, VTD_IQA_REG, tb->iq | VTD_IQA_DW, 8);
	tb_gcmd(tb, VTD_GCMD_QIE, 0);
	tb_mmio_wr(tb, VTD_PQH_REG, 0, 8);
	tb_mmio_wr(tb, VTD_PQA_REG, tb->pq, 8);
	tb_gcmd(tb, VTD_GCMD_TE, 0);
	return 0;
}

uint64_t tb_init_dev(struct tb *tb, const struct vtd_config *cfg, uint16_t sid,
		     uint64_t ctx_flags, uint32_t rid_pasid)
{
	uint64_t dir;

	if (tb_init(tb, cfg))
		return 0;
	dir = tb_pasid_dir(tb);
	tb_context(tb, sid, dir, 0, ctx_flags, rid_pasid);
	return dir;
}

void tb_fini(struct tb *tb)
{
	if (tb->m)
		tb->m->ops->destroy(tb->m);
	pmem_destroy(tb->pm);
	if (tb->host && tb->host != MAP_FAILED)
		munmap(tb->host, tb->host_len);
	memset(tb, 0, sizeof(*tb));
}

uint64_t tb_page(struct tb *tb)
{
	uint64_t pa = tb->next;

	tb->next += 4096;
	if (tb->next > PMEM_KERNEL_BASE + tb->host_len)
		abort();
	memset(tb_host(tb, pa), 0, 4096);
	return pa;
}

void *tb_host(struct tb *tb, uint64_t pa)
{
	return (char *)tb->host + (pa - PMEM_KERNEL_BASE);
}

uint64_t tb_rd64(struct tb *tb, uint64_t pa)
{
	uint64_t v;

	memcpy(&v, tb_host(tb, pa), 8);
	return v;
}

void tb_wr64(struct tb *tb, uint64_t pa, uint64_t val)
{
	memcpy(tb_host(tb, pa), &val, 8);
}

uint64_t tb_mmio_rd(struct tb *tb, uint64_t off, unsigned size)
{
	return tb->m->ops->mmio_read(tb->m, off, size, tb->now);
}

void tb_mmio_wr(struct tb *tb, uint64_t off, uint64_t val, unsigned size)
{
	tb->m->ops->mmio_write(tb->m, off, val, size, tb->now);
}

void tb_gcmd(struct tb *tb, uint32_t set, uint32_t clear)
{
	uint32_t sts = tb_mmio_rd(tb, VTD_GSTS_REG, 4);
	uint32_t keep = sts & (VTD_GSTS_TES | VTD_GSTS_QIES | VTD_GSTS_IRES);

	tb_mmio_wr(tb, VTD_GCMD_REG, (keep | set) & ~clear, 4);
}

static uint64_t *ctx_slot(struct tb *tb, uint16_t sid)
{
	unsigned bus = sid >> 8, devfn = sid & 0xff;

	return devfn < 128 ? &tb->ctx_table[bus] : &tb->ctx_table_hi[bus];
}

uint64_t tb_context_pa(struct tb *tb, uint16_t sid)
{
	return *ctx_slot(tb, sid) + (sid & 127) * 32;
}

void tb_context(struct tb *tb, uint16_t sid, uint64_t pasid_dir, unsigned pdts,
		uint64_t flags, uint32_t rid_pasid)
{
	uint64_t *slot = ctx_slot(tb, sid);
	uint64_t re = tb->root + (sid >> 8) * 16 + ((sid & 0xff) < 128 ? 0 : 8), ce;

	if (!*slot) {
		*slot = tb_page(tb);
		tb_wr64(tb, re, *slot | 1);
	}
	ce = tb_context_pa(tb, sid);
	tb_wr64(tb, ce, pasid_dir | (uint64_t)pdts << 9 | flags | 1);
	tb_wr64(tb, ce + 8, rid_pasid);
	tb_wr64(tb, ce + 16, 0);
	tb_wr64(tb, ce + 24, 0);
}

uint64_t tb_pasid_dir(struct tb *tb)
{
	return tb_page(tb);
}

uint64_t tb_pasid_entry_pa(struct tb *tb, uint64_t dir, uint32_t pasid)
{
	uint64_t de = dir + (pasid >> 6) * 8, d = tb_rd64(tb, de);

	if (!(d & 1)) {
		d = tb_page(tb) | 1;
		tb_wr64(tb, de, d);
	}
	return (d & ~0xfffULL) + (pasid & 63) * 64;
}

void tb_pasid_entry(struct tb *tb, uint64_t dir, uint32_t pasid, const uint64_t e[8])
{
	uint64_t pa = tb_pasid_entry_pa(tb, dir, pasid);

	for (int i = 0; i < 8; i++)
		tb_wr64(tb, pa + i * 8, e[i]);
}

static bool pt_present(const struct tb_pt *pt, uint64_t e)
{
	return pt->fs ? (e & 1) : (e & 3);
}

/* Host address of a table the entry points to. */
static uint64_t pt_next_hpa(struct tb *tb, const struct tb_pt *pt, uint64_t e)
{
	uint64_t a = e & 0x000ffffffffff000ULL;

	return (pt->fs && pt->ss) ? ref_ss(tb, pt->ss, a) : a;
}

/* A new table page; returns the address that goes into the entry. */
static uint64_t pt_new_table(struct tb *tb, struct tb_pt *pt, uint64_t *hpa)
{
	uint64_t gpa;

	*hpa = tb_page(tb);
	if (!(pt->fs && pt->ss))
		return *hpa;
	gpa = tb->next_gpa;
	tb->next_gpa += 4096;
	tb_map(tb, pt->ss, gpa, *hpa, 12, VTD_SS_R | VTD_SS_W);
	return gpa;
}

void tb_pt_init(struct tb *tb, struct tb_pt *pt, bool fs, unsigned levels, struct tb_pt *ss)
{
	memset(pt, 0, sizeof(*pt));
	pt->fs = fs;
	pt->levels = levels;
	pt->ss = ss;
	pt->root = pt_new_table(tb, pt, &pt->root_hpa);
}

int tb_map(struct tb *tb, struct tb_pt *pt, uint64_t va, uint64_t out, unsigned shift,
	   uint64_t flags)
{
	uint64_t table = pt->root_hpa;
	uint64_t nonleaf = pt->fs ? (VTD_FS_P | VTD_FS_RW | VTD_FS_US)
				  : (VTD_SS_R | VTD_SS_W | VTD_SS_X);

	for (unsigned level = pt->levels; level >= 1; level--) {
		unsigned ls = 12 + 9 * (level - 1);
		uint64_t epa = table + ((va >> ls) & 511) * 8, e;

		if (ls == shift) {
			tb_wr64(tb, epa, out | flags | (level > 1 ? VTD_BIT(7) : 0));
			return 0;
		}
		e = tb_rd64(tb, epa);
		if (!pt_present(pt, e)) {
			uint64_t hpa, a = pt_new_table(tb, pt, &hpa);

			e = a | nonleaf;
			tb_wr64(tb, epa, e);
		} else if (e & VTD_BIT(7)) {
			return -1;
		}
		table = pt_next_hpa(tb, pt, e);
	}
	return -1;
}

uint64_t tb_entry_pa(struct tb *tb, struct tb_pt *pt, uint64_t va, unsigned level)
{
	uint64_t table = pt->root_hpa;

	for (unsigned l = pt->levels; l >= 1; l--) {
		uint64_t epa = table + ((va >> (12 + 9 * (l - 1))) & 511) * 8, e;

		if (l == level)
			return epa;
		e = tb_rd64(tb, epa);
		if (!pt_present(pt, e) || (e & VTD_BIT(7)))
			return 0;
		table = pt_next_hpa(tb, pt, e);
	}
	return 0;
}

void tb_pe_ss(uint64_t e[8], const struct tb_pt *ss, uint16_t did)
{
	memset(e, 0, 64);
	e[0] = ss->root | (uint64_t)(ss->levels - 2) << 2 | (uint64_t)VTD_PGTT_SS << 6 | 1;
	e[1] = did;
}

void tb_pe_fs(uint64_t e[8], const struct tb_pt *fs, uint16_t did)
{
	memset(e, 0, 64);
	e[0] = (uint64_t)VTD_PGTT_FS << 6 | 1;
	e[1] = did;
	e[2] = fs->root | (fs->levels == 5 ? 1ULL << 2 : 0);
}

void tb_pe_nested(uint64_t e[8], const struct tb_pt *fs, const struct tb_pt *ss, uint16_t did)
{
	memset(e, 0, 64);
	e[0] = ss->root | (uint64_t)(ss->levels - 2) << 2 | (uint64_t)VTD_PGTT_NESTED << 6 | 1;
	e[1] = did;
	e[2] = fs->root | (fs->levels == 5 ? 1ULL << 2 : 0);
}

void tb_pe_pt(uint64_t e[8], uint16_t did)
{
	memset(e, 0, 64);
	e[0] = (uint64_t)VTD_PGTT_PT << 6 | 1;
	e[1] = did;
}

void tb_qi(struct tb *tb, uint64_t qw0, uint64_t qw1)
{
	uint64_t d = tb->iq + tb->iq_tail;

	tb_wr64(tb, d, qw0);
	tb_wr64(tb, d + 8, qw1);
	tb_wr64(tb, d + 16, 0);
	tb_wr64(tb, d + 24, 0);
	tb->iq_tail = (tb->iq_tail + 32) % 4096;
	tb_mmio_wr(tb, VTD_IQT_REG, tb->iq_tail, 8);
}

bool tb_qi_wait(struct tb *tb, uint32_t data)
{
	uint32_t got;

	memset(tb_host(tb, tb->status), 0, 4);
	tb_qi(tb, VTD_INV_WAIT | VTD_INV_WAIT_SW | (uint64_t)data << 32, tb->status);
	memcpy(&got, tb_host(tb, tb->status), 4);
	return got == data;
}

struct xlate_res tb_xlate_req(struct tb *tb, const struct xlate_req *req)
{
	struct xlate_res res;

	memset(&res, 0xa5, sizeof(res));
	tb->m->ops->translate(tb->m, req, &res);
	/* Functional tests issue requests one after another. */
	if (res.t_done >= tb->now)
		tb->now = res.t_done + 1;
	return res;
}

struct xlate_res tb_xlate(struct tb *tb, uint16_t sid, int pasid, uint64_t iova,
			  unsigned access)
{
	struct xlate_req req = {
		.sid = sid, .pasid = pasid < 0 ? 0 : (uint32_t)pasid,
		.has_pasid = pasid >= 0, .access = access, .iova = iova, .len = 4,
		.t_issue = tb->now,
	};

	return tb_xlate_req(tb, &req);
}

static uint64_t ref_walk(struct tb *tb, const struct tb_pt *pt, uint64_t va)
{
	uint64_t table = pt->root_hpa;

	for (unsigned l = pt->levels; l >= 1; l--) {
		unsigned ls = 12 + 9 * (l - 1);
		uint64_t e = tb_rd64(tb, table + ((va >> ls) & 511) * 8);
		uint64_t a = e & 0x000ffffffffff000ULL;

		if (!pt_present(pt, e))
			return ~0ULL;
		if (l == 1 || (e & VTD_BIT(7)))
			return (a & ~((1ULL << ls) - 1)) + (va & ((1ULL << ls) - 1));
		table = (pt->fs && pt->ss) ? ref_ss(tb, pt->ss, a) : a;
		if (table == ~0ULL)
			return ~0ULL;
	}
	return ~0ULL;
}

uint64_t ref_ss(struct tb *tb, const struct tb_pt *ss, uint64_t gpa)
{
	return ref_walk(tb, ss, gpa);
}

uint64_t ref_fs(struct tb *tb, const struct tb_pt *fs, uint64_t va)
{
	return ref_walk(tb, fs, va);
}

uint64_t ref_nested(struct tb *tb, const struct tb_pt *fs, uint64_t va)
{
	uint64_t gpa = ref_walk(tb, fs, va);

	return gpa == ~0ULL ? gpa : ref_ss(tb, fs->ss, gpa);
}

int tb_env_init(struct tb_env *v, const struct vtd_config *cfg, uint16_t sid,
		uint64_t ctx_flags, uint32_t rid_pasid, bool fs_nested)
{
	v->dir = tb_init_dev(&v->tb, cfg, sid, ctx_flags, rid_pasid);
	if (!v->dir)
		return -1;
	tb_pt_init(&v->tb, &v->ss, false, 4, NULL);
	tb_pt_init(&v->tb, &v->fs, true, 4, fs_nested ? &v->ss : NULL);
	return 0;
}

void tb_env_pe(const struct tb_env *v, unsigned pgtt, uint16_t did, uint64_t e[8])
{
	if (pgtt == VTD_PGTT_FS)
		tb_pe_fs(e, &v->fs, did);
	else if (pgtt == VTD_PGTT_SS)
		tb_pe_ss(e, &v->ss, did);
	else
		tb_pe_nested(e, &v->fs, &v->ss, did);
}

void tb_frcd(struct tb *tb, unsigned i, uint64_t *lo, uint64_t *hi)
{
	uint64_t cap = tb_mmio_rd(tb, VTD_CAP_REG, 8);
	uint64_t fro = VTD_FIELD(cap, 33, 24) * 16;

	*lo = tb_mmio_rd(tb, fro + i * 16, 8);
	*hi = tb_mmio_rd(tb, fro + i * 16 + 8, 8);
}
