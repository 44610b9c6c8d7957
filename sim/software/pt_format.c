// SPDX-License-Identifier: GPL-2.0-only
/* pt_format.c - the formats of pt_format.h and their radix writer. */
#include <errno.h>

#include "pt_format.h"
#include "xlate.h"

const struct pt_fmt pt_x86_fs = {
	.present = PT_X86_P, .kind = PT_X86_PS, .kind_is_table = false,
	.table = PT_X86_P | PT_X86_RW | PT_X86_US | PT_X86_A, .addr = PT_X86_ADDR,
};

const struct pt_fmt pt_vtd_ss = {
	.present = PT_VTD_SS_R | PT_VTD_SS_W | PT_VTD_SS_X, .kind = PT_VTD_SS_PS,
	.kind_is_table = false,
	.table = PT_VTD_SS_R | PT_VTD_SS_W | PT_VTD_SS_X, .addr = PT_X86_ADDR,
};

const struct pt_fmt pt_vmsa = {
	.present = PT_VMSA_VALID, .kind = PT_VMSA_TABLE, .kind_is_table = true,
	.page = PT_VMSA_TABLE, .table = PT_VMSA_TABLE | PT_VMSA_VALID, .addr = PT_VMSA_ADDR,
};

uint64_t pt_x86_fs_leaf(uint8_t prot)
{
	return PT_X86_P | PT_X86_US | PT_X86_A | PT_X86_D | (prot & XLATE_WRITE ? PT_X86_RW : 0);
}

uint64_t pt_vtd_ss_leaf(uint8_t prot)
{
	return (prot & XLATE_READ ? PT_VTD_SS_R : 0) | (prot & XLATE_WRITE ? PT_VTD_SS_W : 0) |
	       (prot & XLATE_EXEC ? PT_VTD_SS_X : 0);
}

uint64_t pt_vmsa_s1_leaf(uint8_t prot)
{
	return PT_VMSA_VALID | PT_VMSA_AF | PT_VMSA_AP1 | (prot & XLATE_WRITE ? 0 : PT_VMSA_AP2);
}

uint64_t pt_vmsa_s2_leaf(uint8_t prot)
{
	return PT_VMSA_VALID | PT_VMSA_AF | PT_VMSA_SH_IS | PT_VMSA_S2_WB |
	       (prot & XLATE_READ ? PT_VMSA_S2AP_R : 0) | (prot & XLATE_WRITE ? PT_VMSA_S2AP_W : 0) |
	       (prot & XLATE_EXEC ? 0 : PT_VMSA_UXN);
}

/* Above level 1: whether a present entry points to a table. */
static bool is_table(const struct pt_fmt *f, uint64_t e)
{
	return !!(e & f->kind) == f->kind_is_table;
}

static uint64_t entry_at(uint64_t table, uint64_t va, unsigned ls)
{
	return table + ((va >> ls) & 511) * 8;
}

int pt_map(const struct pt_fmt *f, const struct pt_mem *m, uint64_t root, unsigned levels,
	   uint64_t va, uint64_t out, unsigned shift, uint64_t leaf)
{
	uint64_t table = root;

	for (unsigned level = levels; level >= 1; level--) {
		unsigned ls = 12 + 9 * (level - 1);
		uint64_t epa = entry_at(table, va, ls), e = m->rd(m->ctx, epa);

		if (ls == shift) {
			if (e & f->present)
				return (level > 1 && is_table(f, e)) ? -EAGAIN : -EEXIST;
			if (level == 1)
				leaf |= f->page;
			else if (!f->kind_is_table)
				leaf |= f->kind;
			m->wr(m->ctx, epa, out | leaf);
			return 0;
		}
		if (!(e & f->present)) {
			uint64_t entry;

			if (m->new_table(m->ctx, &entry, &table))
				return -ENOMEM;
			m->wr(m->ctx, epa, entry | f->table);
			continue;
		}
		if (!is_table(f, e))
			return -EEXIST;         /* a large leaf covers va */
		table = (e & f->addr) + m->base;
	}
	return -EINVAL;
}

/* Hand the table at addr (an entry's address field) and those below it
 * (level: the table's) to m->free_table. */
static void free_tables(const struct pt_fmt *f, const struct pt_mem *m, uint64_t addr,
			unsigned level)
{
	for (unsigned i = 0; level > 1 && i < 512; i++) {
		uint64_t e = m->rd(m->ctx, addr + m->base + i * 8);

		if ((e & f->present) && is_table(f, e))
			free_tables(f, m, e & f->addr, level - 1);
	}
	m->free_table(m->ctx, addr);
}

int pt_unmap(const struct pt_fmt *f, const struct pt_mem *m, uint64_t root, unsigned levels,
	     uint64_t va, uint64_t end)
{
	uint64_t table = root;

	for (unsigned level = levels; level >= 1; level--) {
		unsigned ls = 12 + 9 * (level - 1);
		uint64_t epa = entry_at(table, va, ls), e = m->rd(m->ctx, epa);
		bool covered = !(va & ((1ULL << ls) - 1)) && end - va >= (1ULL << ls);

		if (!(e & f->present))
			return 0;
		if (level > 1 && is_table(f, e) && covered && m->free_table) {
			m->wr(m->ctx, epa, 0);
			free_tables(f, m, e & f->addr, level - 1);
			return (int)ls;
		}
		if (level == 1 || !is_table(f, e)) {
			if (!covered)
				return -1;
			m->wr(m->ctx, epa, 0);
			return (int)ls;
		}
		table = (e & f->addr) + m->base;
	}
	return 0;
}

static unsigned leaf_shift(uint64_t va, uint64_t out, uint64_t left, bool big_2m, bool big_1g)
{
	if (!((va | out) & ((1ULL << 30) - 1)) && left >= (1ULL << 30) && big_1g)
		return 30;
	if (!((va | out) & ((1ULL << 21) - 1)) && left >= (1ULL << 21) && big_2m)
		return 21;
	return 12;
}

int pt_map_range(const struct pt_fmt *f, const struct pt_mem *m, uint64_t root,
		 unsigned levels, uint64_t va, uint64_t out, uint64_t size, uint64_t leaf,
		 bool big_2m, bool big_1g, uint64_t *at)
{
	for (uint64_t off = 0; off < size;) {
		uint64_t v = va + off, o = out + off;
		unsigned shift = leaf_shift(v, o, size - off, big_2m, big_1g);
		int rc = m->leaf_target ? m->leaf_target(m->ctx, o, 1ULL << shift) : 0;

		while (!rc && (rc = pt_map(f, m, root, levels, v, o, shift, leaf)) == -EAGAIN &&
		       shift > 12) {
			shift -= 9;
			rc = 0;
		}
		if (rc) {
			*at = v;
			return rc;
		}
		off += 1ULL << shift;
	}
	return 0;
}

int pt_unmap_range(const struct pt_fmt *f, const struct pt_mem *m, uint64_t root,
		   unsigned levels, uint64_t va, uint64_t size)
{
	for (uint64_t v = va, end = va + size; v < end;) {
		int ls = pt_unmap(f, m, root, levels, v, end);

		if (ls < 0)
			return -1;
		v += ls ? 1ULL << ls : 4096;
	}
	return 0;
}

int pt_map_range_err(const struct pt_fmt *f, const struct pt_mem *m, uint64_t root,
		     unsigned levels, uint64_t va, uint64_t out, uint64_t size, uint64_t leaf,
		     bool big_2m, bool big_1g, uint32_t as, const char *no_table,
		     struct sim_err *err)
{
	uint64_t at;
	int rc = pt_map_range(f, m, root, levels, va, out, size, leaf, big_2m, big_1g, &at);

	if (rc == -EEXIST)
		sim_err_set(err, "map: iova 0x%llx of address space %u is already mapped",
			    (unsigned long long)at, as);
	else if (rc)
		sim_err_set(err, "%s", no_table);
	return rc ? -1 : 0;
}

int pt_unmap_range_err(const struct pt_fmt *f, const struct pt_mem *m, uint64_t root,
		       unsigned levels, uint64_t va, uint64_t size, struct sim_err *err)
{
	if (pt_unmap_range(f, m, root, levels, va, size)) {
		sim_err_set(err, "unmap: 0x%llx+0x%llx would split a large page",
			    (unsigned long long)va, (unsigned long long)size);
		return -1;
	}
	return 0;
}
