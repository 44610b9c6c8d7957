// SPDX-License-Identifier: GPL-2.0-only
/*
 * simvtd_pgtable.c - second-stage page tables (VT-d spec 9.8) in
 * simulated memory: 4-level (48-bit) or 5-level (57-bit) tables of
 * 512 8-byte entries, 4 KiB leaves plus 2 MiB/1 GiB leaves (PS=1) where
 * CAP.SLLPS allows. Non-leaf entries grant R and W; the leaf decides.
 * Tables are freed with the domain (an unmap only clears leaves, so the
 * paging-structure caches never see a table page reused).
 */
#include <linux/gfp.h>
#include <linux/mm.h>

#include "simvtd.h"

#define LVL_SHIFT(l)    (12 + 9 * ((l) - 1))
#define LVL_INDEX(a, l) (((a) >> LVL_SHIFT(l)) & 511)

static bool ss_present(uint64_t e)
{
	return e & (VTD_SS_R | VTD_SS_W);
}

static bool ss_leaf(uint64_t e, unsigned int level)
{
	return level == 1 || (e & VTD_SS_PS);
}

static uint64_t *ss_table(uint64_t e)
{
	return phys_to_virt(e & VTD_SS_ADDR_MASK);
}

int simvtd_pgtable_init(struct simvtd_domain *d)
{
	d->pgd = (uint64_t *)get_zeroed_page(GFP_KERNEL);
	return d->pgd ? 0 : -ENOMEM;
}

static void free_table(uint64_t *t, unsigned int level)
{
	if (level > 1) {
		for (int i = 0; i < 512; i++)
			if (ss_present(t[i]) && !ss_leaf(t[i], level))
				free_table(ss_table(t[i]), level - 1);
	}
	free_page((unsigned long)t);
}

void simvtd_pgtable_free(struct simvtd_domain *d)
{
	if (d->pgd)
		free_table(d->pgd, d->levels);
	d->pgd = NULL;
}

static bool table_empty(uint64_t *t, unsigned int level)
{
	for (int i = 0; i < 512; i++) {
		if (!ss_present(t[i]))
			continue;
		if (ss_leaf(t[i], level) || !table_empty(ss_table(t[i]), level - 1))
			return false;
	}
	return true;
}

static unsigned int pgsize_level(size_t pgsize)
{
	switch (pgsize) {
	case 1UL << 12:
		return 1;
	case 1UL << 21:
		return 2;
	case 1UL << 30:
		return 3;
	default:
		return 0;
	}
}

int simvtd_pgtable_map(struct simvtd_domain *d, uint64_t iova, uint64_t pa,
		       size_t pgsize, uint64_t attr)
{
	unsigned int target = pgsize_level(pgsize);
	uint64_t *t = d->pgd;
	bool stale_table = false;
	uint64_t *slot;

	if (!target || (iova | pa) & (pgsize - 1) || iova >> LVL_SHIFT(d->levels + 1))
		return -EINVAL;
	for (unsigned int l = d->levels; l > target; l--) {
		uint64_t *e = &t[LVL_INDEX(iova, l)];

		if (!ss_present(*e)) {
			uint64_t *nt = (uint64_t *)get_zeroed_page(GFP_KERNEL);

			if (!nt)
				return -ENOMEM;
			WRITE_ONCE(*e, virt_to_phys(nt) | VTD_SS_R | VTD_SS_W);
		} else if (ss_leaf(*e, l)) {
			return -EBUSY;
		}
		t = ss_table(*e);
	}
	slot = &t[LVL_INDEX(iova, target)];
	if (ss_present(*slot)) {
		/* An emptied table where a large page goes: retire it. */
		if (ss_leaf(*slot, target) || !table_empty(ss_table(*slot), target - 1))
			return -EBUSY;
		free_table(ss_table(*slot), target - 1);
		stale_table = true;
	}
	WRITE_ONCE(*slot, (pa & VTD_SS_ADDR_MASK) | attr | (target > 1 ? VTD_SS_PS : 0));
	if (stale_table)        /* the paging-structure caches may hold it */
		simvtd_domain_flush_range(d, iova, iova + pgsize - 1);
	return 0;
}

uint64_t *simvtd_pgtable_leaf(struct simvtd_domain *d, uint64_t iova, uint64_t *size)
{
	uint64_t *t = d->pgd;

	for (unsigned int l = d->levels; l >= 1; l--) {
		uint64_t *e = &t[LVL_INDEX(iova, l)];

		*size = 1ULL << LVL_SHIFT(l);
		if (!ss_present(*e))
			return NULL;
		if (ss_leaf(*e, l))
			return e;
		t = ss_table(*e);
	}
	return NULL;
}

size_t simvtd_pgtable_unmap(struct simvtd_domain *d, uint64_t iova, size_t pgsize)
{
	uint64_t size;
	uint64_t *leaf;

	if (iova >> LVL_SHIFT(d->levels + 1))
		return 0;
	leaf = simvtd_pgtable_leaf(d, iova, &size);
	if (!leaf)
		return pgsize;  /* nothing mapped here: nothing to clear */
	/* A large leaf goes as a whole, as the iommu core allows. */
	WRITE_ONCE(*leaf, 0);
	return size > pgsize ? size : pgsize;
}
