// SPDX-License-Identifier: GPL-2.0-only
/*
 * guest_inval.c - the guest driver's invalidation choices (guest_inval.h
 * says whose rules they are).
 */
#include "guest_inval.h"
#include "smmu_regs.h"

#define PAGE_SHIFT      12
#define PFN_WIDTH       (64 - PAGE_SHIFT)       /* VT-d's widest address mask */

/* log2 of n rounded up to a power of two (n >= 1). */
static unsigned order_of(uint64_t n)
{
	return n > 1 ? 64 - (unsigned)__builtin_clzll(n - 1) : 0;
}

void guest_vtd_inval(enum scen_guest_inval policy, uint64_t iova, uint64_t size,
		     bool tables_freed, struct guest_vtd_inval *out)
{
	uint64_t first = iova >> PAGE_SHIFT, last;
	unsigned mask;

	*out = (struct guest_vtd_inval){ .npages = UINT64_MAX };
	if (!size || policy == SCEN_GUEST_INVAL_FLUSH_ALL)
		return;
	last = (iova + size - 1) >> PAGE_SHIFT;
	/*
	 * Page-selective invalidation names 2^mask pages at an address
	 * aligned to them: grow the mask from the page count's order until
	 * one aligned block holds the first and the last page.
	 */
	mask = order_of(last - first + 1);
	while (mask < PFN_WIDTH && first >> mask != last >> mask)
		mask++;
	if (mask >= PFN_WIDTH)
		return;         /* no block short of everything holds it */
	out->addr = first >> mask << mask << PAGE_SHIFT;
	out->npages = 1ULL << mask;
	out->leaf = policy == SCEN_GUEST_INVAL_LEAF_ALWAYS || !tables_freed;
}

long guest_smmu_inval(enum scen_guest_inval policy, uint64_t iova, uint64_t size,
		      bool tables_freed, bool ril, guest_smmu_emit_fn emit, void *ctx)
{
	struct guest_smmu_tlbi c = { .leaf = policy == SCEN_GUEST_INVAL_LEAF_ALWAYS ||
					     !tables_freed };
	uint64_t addr = iova >> PAGE_SHIFT << PAGE_SHIFT;
	uint64_t end = iova + size, pages;
	long n = 0;

	if (!size || policy == SCEN_GUEST_INVAL_FLUSH_ALL) {
		c = (struct guest_smmu_tlbi){ .asid_all = true };
		return emit(ctx, &c) ? -1 : 1;
	}
	pages = ((end + (1ULL << PAGE_SHIFT) - 1) >> PAGE_SHIFT) - (addr >> PAGE_SHIFT);
	if (ril) {
		c.tg = 1;       /* 4 KiB granule */
		if (c.leaf)
			c.ttl = 3;      /* the leaves are level-3 pages */
		else if ((pages & 31) == 1)
			pages++;        /* non-leaf: SCALE = NUM = 0 is not used */
	}
	while (addr < end) {
		uint64_t span = 1ULL << PAGE_SHIFT;

		if (ril) {
			/* The lowest set bit of the page count sets SCALE, the
			 * five bits from it NUM + 1; what is left goes next. */
			unsigned scale = (unsigned)__builtin_ctzll(pages);
			uint64_t num = (pages >> scale) & 31;

			c.scale = (uint8_t)scale;
			c.num = (uint8_t)(num - 1);
			span = num << (scale + PAGE_SHIFT);
			pages -= num << scale;
		}
		c.addr = addr;
		if (emit(ctx, &c))
			return -1;
		n++;
		addr += span;
	}
	return n;
}

void guest_smmu_tlbi_encode(const struct guest_smmu_tlbi *t, uint64_t tags, uint64_t cmd[2])
{
	if (t->asid_all) {
		cmd[0] = SMMU_PREP(SMMU_CMD0_OPCODE, CMD_TLBI_NH_ASID) | tags;
		cmd[1] = 0;
		return;
	}
	cmd[0] = SMMU_PREP(SMMU_CMD0_OPCODE, CMD_TLBI_NH_VA) | tags |
		 SMMU_PREP(SMMU_CMD0_NUM, t->num) | SMMU_PREP(SMMU_CMD0_SCALE, t->scale);
	cmd[1] = t->addr | (t->leaf ? SMMU_CMD1_LEAF : 0) | SMMU_PREP(SMMU_CMD1_TTL, t->ttl) |
		 SMMU_PREP(SMMU_CMD1_TG, t->tg);
}

void guest_smmu_cfgi_cd_encode(uint32_t sid, uint32_t ssid, uint64_t cmd[2])
{
	cmd[0] = SMMU_PREP(SMMU_CMD0_OPCODE, CMD_CFGI_CD) | SMMU_PREP(SMMU_CMD0_SID, sid) |
		 SMMU_PREP(SMMU_CMD0_SSID, ssid);
	cmd[1] = SMMU_CMD1_LEAF;
}
