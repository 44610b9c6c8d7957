// SPDX-License-Identifier: GPL-2.0-only
/*
 * simsmmu_pgtable.c - VMSAv8-64 translation tables with the 4 KiB granule
 * (Arm ARM D8.2/D8.3), stage 1 (CD.TTB0) and stage 2 (STE.S2TTB).
 *
 * Levels 0-3 resolve 9 bits each above the 12-bit page offset; the
 * starting level follows from the input size (stage 1: T0SZ; stage 2:
 * T0SZ and SL0). Only 4 KiB pages are mapped, so unmapping never has to
 * split a block. Tables stay until the domain is freed: an unmap clears
 * leaves only, and leaf-only TLB invalidation is then enough.
 */
#include <linux/gfp.h>
#include <linux/iommu.h>
#include <linux/mm.h>

#include "simsmmu.h"

#define LEVEL_SHIFT(l)  (12 + 9 * (3 - (l)))

static u64 *table_alloc(gfp_t gfp, phys_addr_t *pa)
{
	struct page *pg = alloc_page((gfp & ~__GFP_HIGHMEM) | __GFP_ZERO);
	u64 *va;

	if (!pg)
		return NULL;
	va = page_address(pg);
	*pa = virt_to_phys(va);
	return va;
}

static unsigned int index_of(const struct simsmmu_pgtable *p, int level, u64 iova)
{
	unsigned int width = level == p->start_level ?
			     p->ia_bits - LEVEL_SHIFT(level) : 9;

	return (iova >> LEVEL_SHIFT(level)) & ((1u << width) - 1);
}

int simsmmu_pgt_init(struct simsmmu_pgtable *p, bool s2, unsigned int ia_bits, bool dbm)
{
	p->s2 = s2;
	p->dbm = dbm;
	p->ia_bits = ia_bits;
	/* The starting level resolves 1..9 bits (no concatenation used) */
	p->start_level = ia_bits > 39 ? 0 : ia_bits > 30 ? 1 : 2;
	p->root = table_alloc(GFP_KERNEL, &p->root_pa);
	return p->root ? 0 : -ENOMEM;
}

static void table_free(u64 *t, int level)
{
	if (level < 3) {
		for (int i = 0; i < 512; i++) {
			u64 d = t[i];

			if ((d & SSM_PTE_VALID) && (d & SSM_PTE_TABLE))
				table_free(phys_to_virt(d & SSM_PTE_ADDR), level + 1);
		}
	}
	free_page((unsigned long)t);
}

void simsmmu_pgt_free(struct simsmmu_pgtable *p)
{
	if (p->root)
		table_free(p->root, p->start_level);
	p->root = NULL;
}

/* The level-3 table holding iova's entry; created on the way if alloc. */
static u64 *leaf_table(struct simsmmu_pgtable *p, u64 iova, bool alloc, gfp_t gfp)
{
	u64 *t = p->root;

	for (int level = p->start_level; level < 3; level++) {
		u64 *slot = &t[index_of(p, level, iova)];
		u64 d = READ_ONCE(*slot);

		if (!(d & SSM_PTE_VALID)) {
			phys_addr_t pa;
			u64 *next;

			if (!alloc)
				return NULL;
			next = table_alloc(gfp, &pa);
			if (!next)
				return NULL;
			/* The table is complete (zero) before it becomes reachable */
			WRITE_ONCE(*slot, (pa & SSM_PTE_ADDR) | SSM_PTE_TABLE | SSM_PTE_VALID);
			t = next;
		} else {
			t = phys_to_virt(d & SSM_PTE_ADDR);
		}
	}
	return t;
}

static u64 leaf_desc(const struct simsmmu_pgtable *p, phys_addr_t pa, int prot)
{
	u64 d = (pa & SSM_PTE_ADDR) | SSM_PTE_VALID | SSM_PTE_TABLE | SSM_PTE_AF |
		SSM_SET(SSM_PTE_SH, SSM_ISH);

	if (p->s2) {
		d |= SSM_SET(SSM_PTE_S2MEMATTR, (prot & IOMMU_CACHE) ? 0xf : 0x1);
		if (prot & IOMMU_READ)
			d |= SSM_PTE_S2AP_R;
		if (prot & IOMMU_WRITE)
			d |= SSM_PTE_S2AP_W;
		if (prot & IOMMU_NOEXEC)
			d |= SSM_PTE_XN;
		return d;
	}
	/* Stage 1: AttrIndx 1 (MAIR Attr1, write-back), unprivileged access
	 * allowed (AP[1]) since device requests are unprivileged. */
	d |= SSM_SET(SSM_PTE_ATTRINDX, (prot & IOMMU_CACHE) ? 1 : 0) | SSM_PTE_AP1 | SSM_PTE_NG;
	if (!(prot & IOMMU_WRITE))
		d |= SSM_PTE_AP2;
	else if (p->dbm)
		d |= SSM_PTE_AP2 | SSM_PTE_DBM;  /* writable-clean: HTTU marks it dirty */
	if (prot & IOMMU_NOEXEC)
		d |= SSM_PTE_XN | SSM_PTE_PXN;
	return d;
}

int simsmmu_pgt_map(struct simsmmu_pgtable *p, u64 iova, phys_addr_t pa, int prot, gfp_t gfp)
{
	u64 *t, *slot;

	if (iova >> p->ia_bits)
		return -ERANGE;
	t = leaf_table(p, iova, true, gfp);
	if (!t)
		return -ENOMEM;
	slot = &t[index_of(p, 3, iova)];
	if (READ_ONCE(*slot) & SSM_PTE_VALID)
		return -EEXIST;
	WRITE_ONCE(*slot, leaf_desc(p, pa, prot));
	return 0;
}

u64 *simsmmu_pgt_leaf(struct simsmmu_pgtable *p, u64 iova)
{
	u64 *t;

	if (iova >> p->ia_bits)
		return NULL;
	t = leaf_table(p, iova, false, 0);
	return t ? &t[index_of(p, 3, iova)] : NULL;
}

bool simsmmu_pgt_unmap(struct simsmmu_pgtable *p, u64 iova)
{
	u64 *slot = simsmmu_pgt_leaf(p, iova);

	if (!slot || !(READ_ONCE(*slot) & SSM_PTE_VALID))
		return false;
	WRITE_ONCE(*slot, 0);
	return true;
}

phys_addr_t simsmmu_pgt_iova_to_phys(struct simsmmu_pgtable *p, u64 iova)
{
	u64 *slot = simsmmu_pgt_leaf(p, iova);
	u64 d = slot ? READ_ONCE(*slot) : 0;

	if (!(d & SSM_PTE_VALID))
		return 0;
	return (d & SSM_PTE_ADDR) | (iova & 0xfff);
}
