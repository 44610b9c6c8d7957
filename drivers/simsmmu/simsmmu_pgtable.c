// SPDX-License-Identifier: GPL-2.0-only
/*
 * simsmmu_pgtable.c - VMSAv8-64 translation tables with the 4 KiB granule
 * (Arm ARM D8.2/D8.3), stage 1 (CD.TTB0) and stage 2 (STE.S2TTB).
 *
 * Levels 0-3 resolve 9 bits each above the 12-bit page offset; the
 * starting level follows from the input size (stage 1: T0SZ; stage 2:
 * T0SZ and SL0). Leaves are 4 KiB pages (level 3), 2 MiB blocks (level 2)
 * and 1 GiB blocks (level 1). Unmapping part of a block first splits it
 * into a table of the next level with the same attributes; the caller
 * then invalidates the whole block's range. Tables stay until the domain
 * is freed, so a leaf-only TLB invalidation is always enough.
 */
#include <linux/gfp.h>
#include <linux/iommu.h>
#include <linux/mm.h>

#include "simsmmu.h"

#define LEVEL_SHIFT(l)  (12 + 9 * (3 - (l)))
#define LEVEL_SIZE(l)   (1ULL << LEVEL_SHIFT(l))

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

static bool is_table(u64 d, int level)
{
	return (d & SSM_PTE_VALID) && level < 3 && (d & SSM_PTE_TABLE);
}

static u64 *next_table(u64 d)
{
	return phys_to_virt(d & SSM_PTE_ADDR);
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
	for (int i = 0; i < 512; i++)
		if (is_table(t[i], level))
			table_free(next_table(t[i]), level + 1);
	free_page((unsigned long)t);
}

void simsmmu_pgt_free(struct simsmmu_pgtable *p)
{
	if (p->root)
		table_free(p->root, p->start_level);
	p->root = NULL;
}

/* Page (level 3) or block descriptor; the TABLE bit marks a page. */
static u64 leaf_desc(const struct simsmmu_pgtable *p, phys_addr_t pa, int prot, int level)
{
	u64 d = (pa & SSM_PTE_ADDR) | SSM_PTE_VALID | SSM_PTE_AF | SSM_SET(SSM_PTE_SH, SSM_ISH);

	if (level == 3)
		d |= SSM_PTE_TABLE;
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

static u64 unmap_at(struct simsmmu_pgtable *p, u64 *t, int level, u64 iova, u64 end,
		    u64 inv[2]);

static int map_at(struct simsmmu_pgtable *p, u64 *t, int level, int target, u64 iova,
		  phys_addr_t pa, int prot, gfp_t gfp)
{
	u64 *slot = &t[index_of(p, level, iova)];
	u64 d = READ_ONCE(*slot);

	if (level == target) {
		if (!(d & SSM_PTE_VALID)) {
			WRITE_ONCE(*slot, leaf_desc(p, pa, prot, level));
			return 0;
		}
		if (!is_table(d, level))
			return -EEXIST;
		/* A table left by earlier smaller mappings: fill it instead */
		for (u64 off = 0; off < LEVEL_SIZE(level); off += LEVEL_SIZE(level + 1)) {
			int rc = map_at(p, next_table(d), level + 1, level + 1, iova + off,
					pa + off, prot, gfp);

			if (rc) {
				/* All or nothing: the caller counts whole units */
				u64 inv[2] = { ~0ULL, 0 };

				unmap_at(p, next_table(d), level + 1, iova, iova + off, inv);
				return rc;
			}
		}
		return 0;
	}
	if (!(d & SSM_PTE_VALID)) {
		phys_addr_t tpa;
		u64 *next = table_alloc(gfp, &tpa);

		if (!next)
			return -ENOMEM;
		/* The table is complete (zero) before it becomes reachable */
		d = (tpa & SSM_PTE_ADDR) | SSM_PTE_TABLE | SSM_PTE_VALID;
		WRITE_ONCE(*slot, d);
	} else if (!is_table(d, level)) {
		return -EEXIST; /* inside a block */
	}
	return map_at(p, next_table(d), level + 1, target, iova, pa, prot, gfp);
}

int simsmmu_pgt_map(struct simsmmu_pgtable *p, u64 iova, phys_addr_t pa, size_t size,
		    int prot, gfp_t gfp)
{
	int target = size == SZ_4K ? 3 : size == SZ_2M ? 2 : size == SZ_1G ? 1 : -1;

	if (target < p->start_level || (iova | pa) & (size - 1) || (iova >> p->ia_bits))
		return -EINVAL;
	return map_at(p, p->root, p->start_level, target, iova, pa, prot, gfp);
}

/* Replace the block at *slot by a table of next-level leaves, same attributes. */
static int split_block(u64 *slot, int level)
{
	u64 d = READ_ONCE(*slot), sub = LEVEL_SIZE(level + 1);
	u64 base = d & SSM_PTE_ADDR & ~(LEVEL_SIZE(level) - 1);
	u64 attrs = d & ~SSM_PTE_ADDR & ~SSM_PTE_TABLE;
	phys_addr_t tpa;
	u64 *t = table_alloc(GFP_ATOMIC, &tpa);

	if (!t)
		return -ENOMEM;
	for (int i = 0; i < 512; i++)
		t[i] = attrs | (base + i * sub) | (level + 1 == 3 ? SSM_PTE_TABLE : 0);
	WRITE_ONCE(*slot, (tpa & SSM_PTE_ADDR) | SSM_PTE_TABLE | SSM_PTE_VALID);
	return 0;
}

/*
 * Unmap [iova, end) within table t at level; returns the bytes unmapped
 * from iova on (stops at the first hole). A split block widens *inv.
 */
static u64 unmap_at(struct simsmmu_pgtable *p, u64 *t, int level, u64 iova, u64 end,
		    u64 inv[2])
{
	u64 done = 0;

	while (iova < end) {
		u64 *slot = &t[index_of(p, level, iova)];
		u64 d = READ_ONCE(*slot);
		u64 e_start = iova & ~(LEVEL_SIZE(level) - 1);
		u64 e_end = e_start + LEVEL_SIZE(level);
		u64 sub_end = min(end, e_end), got;

		if (!(d & SSM_PTE_VALID))
			return done;
		if (!is_table(d, level)) {
			if (iova == e_start && sub_end == e_end) {
				WRITE_ONCE(*slot, 0);
				done += LEVEL_SIZE(level);
				iova = e_end;
				continue;
			}
			if (split_block(slot, level))
				return done;
			inv[0] = min(inv[0], e_start);
			inv[1] = max(inv[1], e_end - 1);
			d = READ_ONCE(*slot);
		}
		got = unmap_at(p, next_table(d), level + 1, iova, sub_end, inv);
		done += got;
		if (got != sub_end - iova)
			return done;
		iova = sub_end;
	}
	return done;
}

size_t simsmmu_pgt_unmap(struct simsmmu_pgtable *p, u64 iova, size_t size, u64 inv[2])
{
	if ((iova >> p->ia_bits) || ((iova + size - 1) >> p->ia_bits))
		return 0;
	return unmap_at(p, p->root, p->start_level, iova, iova + size, inv);
}

u64 *simsmmu_pgt_leaf(struct simsmmu_pgtable *p, u64 iova, unsigned int *shift)
{
	u64 *t = p->root;

	if (iova >> p->ia_bits)
		return NULL;
	for (int level = p->start_level; level <= 3; level++) {
		u64 *slot = &t[index_of(p, level, iova)];
		u64 d = READ_ONCE(*slot);

		if (!(d & SSM_PTE_VALID))
			return NULL;
		if (!is_table(d, level)) {
			*shift = LEVEL_SHIFT(level);
			return slot;
		}
		t = next_table(d);
	}
	return NULL;
}

phys_addr_t simsmmu_pgt_iova_to_phys(struct simsmmu_pgtable *p, u64 iova)
{
	unsigned int shift;
	u64 *slot = simsmmu_pgt_leaf(p, iova, &shift);
	u64 mask;

	if (!slot)
		return 0;
	mask = (1ULL << shift) - 1;
	return (READ_ONCE(*slot) & SSM_PTE_ADDR & ~mask) | (iova & mask);
}
