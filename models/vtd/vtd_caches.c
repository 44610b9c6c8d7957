// SPDX-License-Identifier: GPL-2.0-only
/*
 * vtd_caches.c - the model's translation caches (spec 6.2) and what each
 * invalidation request removes from them (spec 6.5).
 *
 *   context cache   addr = source id                 payload vtd_context_entry
 *   PASID cache     addr = PASID, tag = source id    payload vtd_pasid_entry (DID inside)
 *   IOTLB           addr = iova >> page shift,       payload vtd_iotlb_entry
 *                   tag = DID | PASID | page shift
 *   FS PSC          addr = va >> level shift,        payload vtd_psc_entry
 *                   tag = DID | PASID | level
 *   SS PSC          addr = gpa >> level shift, tag = DID | level
 *   device TLB      addr = iova >> 12, tag = SID | PASID | PASID-present
 */
#include "vtd_internal.h"

static const char *const cache_names[VTD_CACHE_COUNT] = {
	"context_cache", "pasid_cache", "iotlb", "fs_psc", "ss_psc", "devtlb",
};

int vtd_caches_create(struct vtd *v)
{
	const struct cache_config *geo[VTD_CACHE_COUNT] = {
		&v->cfg.context_cache, &v->cfg.pasid_cache, &v->cfg.iotlb,
		&v->cfg.fs_psc, &v->cfg.ss_psc, &v->cfg.devtlb,
	};
	const size_t psz[VTD_CACHE_COUNT] = {
		sizeof(struct vtd_context_entry), sizeof(struct vtd_pasid_entry),
		sizeof(struct vtd_iotlb_entry), sizeof(struct vtd_psc_entry),
		sizeof(struct vtd_psc_entry), sizeof(struct vtd_devtlb_entry),
	};
	/* What a soft error in each data array can change (cache_flip). */
	const struct cache_layout layout[VTD_CACHE_COUNT] = {
		{ offsetof(struct vtd_context_entry, pasid_dir), true, 0, 0 },
		{ offsetof(struct vtd_pasid_entry, ssptptr), true, 0, 0 },
		{ offsetof(struct vtd_iotlb_entry, pa_base), true,
		  offsetof(struct vtd_iotlb_entry, rights), sizeof(((struct vtd_iotlb_entry *)0)->rights) },
		{ offsetof(struct vtd_psc_entry, next), true, 0, 0 },
		{ offsetof(struct vtd_psc_entry, next), true, 0, 0 },
		{ offsetof(struct vtd_devtlb_entry, pa), true, offsetof(struct vtd_devtlb_entry, perm), 1 },
	};
	struct cache_config off = { 0, 0, CACHE_REPL_LRU };

	for (int i = 0; i < VTD_CACHE_COUNT; i++) {
		/* No device TLB without ECAP.DT. */
		const struct cache_config *g = (i == VTD_CACHE_DEVTLB && !v->cfg.caps.dt) ?
					       &off : geo[i];

		v->cc[i] = cache_create(cache_names[i], g, psz[i], v->cfg.seed + i);
		if (!v->cc[i])
			return -1;
		cache_set_layout(v->cc[i], &layout[i]);
	}
	return 0;
}

void vtd_caches_destroy(struct vtd *v)
{
	for (int i = 0; i < VTD_CACHE_COUNT; i++) {
		cache_destroy(v->cc[i]);
		v->cc[i] = NULL;
	}
}

struct vtd_iotlb_entry *vtd_iotlb_lookup_sizes(struct vtd *v, uint16_t did, uint32_t pasid,
					       uint64_t iova)
{
	struct cache *c = v->cc[VTD_CACHE_IOTLB];
	static const uint8_t shifts[] = { 21, 30 };

	if (cache_peek(c, iova >> 12, vtd_iotlb_tag(did, pasid, 12)))
		return cache_use_peeked(c);
	for (unsigned i = 0; i < 2; i++) {
		unsigned s = shifts[i];

		if (cache_peek(c, iova >> s, vtd_iotlb_tag(did, pasid, s)))
			return cache_use_peeked(c);
	}
	return cache_lookup(c, iova >> 12, vtd_iotlb_tag(did, pasid, 12));     /* a counted miss */
}

void vtd_iotlb_insert(struct vtd *v, uint16_t did, uint32_t pasid, uint64_t iova,
		      const struct vtd_iotlb_entry *e)
{
	struct vtd_iotlb_entry *p = cache_insert(v->cc[VTD_CACHE_IOTLB], iova >> e->shift,
						 vtd_iotlb_tag(did, pasid, e->shift));

	if (!p)
		return;
	*p = *e;
	if (e->shift > 12)
		v->iotlb_has_large = true;
}

/* ---- invalidation ------------------------------------------------------ */

struct inv_arg {
	unsigned g;
	uint16_t did, sid, sid_mask;
	uint32_t pasid;
	uint64_t lo, hi;        /* inclusive address range */
	bool by_addr, pasid_sel, all_pasids, type6;
};

static bool overlap(uint64_t base, unsigned shift, const struct inv_arg *a)
{
	uint64_t end = base + (1ULL << shift) - 1;

	return base <= a->hi && end >= a->lo;
}

static bool match_ctx(uint64_t addr, uint64_t tag, const void *payload, const void *arg)
{
	const struct inv_arg *a = arg;

	return a->g != VTD_INV_CC_G_DEVICE || ((addr ^ a->sid) & ~a->sid_mask & 0xffff) == 0;
}

void vtd_inv_context(struct vtd *v, unsigned g, uint16_t sid, unsigned fm)
{
	static const uint16_t fm_mask[4] = { 0, 0x4, 0x6, 0x7 };
	struct inv_arg a = { .g = g, .sid = sid, .sid_mask = fm_mask[fm & 3] };

	/*
	 * Scalable-mode context entries carry no DID, so a domain-selective
	 * request cannot be narrowed and is performed as global (6.5.2.1).
	 */
	cache_invalidate(v->cc[VTD_CACHE_CONTEXT], match_ctx, &a);
}

static bool match_pc(uint64_t addr, uint64_t tag, const void *payload, const void *arg)
{
	const struct inv_arg *a = arg;
	const struct vtd_pasid_entry *pe = payload;

	switch (a->g) {
	case VTD_INV_PC_G_DOMAIN:
		return pe->did == a->did;
	case VTD_INV_PC_G_PASID:
		return pe->did == a->did && addr == a->pasid;
	default:
		return true;
	}
}

void vtd_inv_pasid_cache(struct vtd *v, unsigned g, uint16_t did, uint32_t pasid)
{
	struct inv_arg a = { .g = g, .did = did, .pasid = pasid };

	cache_invalidate(v->cc[VTD_CACHE_PASID], match_pc, &a);
}

static void set_range(struct inv_arg *a, uint64_t addr, unsigned am)
{
	uint64_t size;

	a->by_addr = true;
	if (12 + am >= 64) {
		a->lo = 0;
		a->hi = UINT64_MAX;
		return;
	}
	size = 1ULL << (12 + am);
	a->lo = addr & ~(size - 1);
	a->hi = a->lo + size - 1;
}

/*
 * IOTLB entries. Type 2 (IOTLB invalidate) covers second-stage, pass-
 * through and nested entries of a domain; page-selective type 2 names
 * GPAs, which cannot be mapped back to the input address of a nested
 * entry, so every nested entry of the domain goes (spec 6.5.2.3). Type 6
 * (PASID-based) covers first-stage and nested entries of DID+PASID only.
 */
static bool match_iotlb(uint64_t addr, uint64_t tag, const void *payload, const void *arg)
{
	const struct inv_arg *a = arg;
	const struct vtd_iotlb_entry *e = payload;
	uint16_t did = tag & 0xffff;
	uint32_t pasid = (tag >> 16) & 0xfffff;

	if (a->g == VTD_INV_IOTLB_G_GLOBAL && !a->type6)
		return true;
	if (did != a->did)
		return false;
	if (a->type6) {
		if (pasid != a->pasid || (e->pgtt != VTD_PGTT_FS && e->pgtt != VTD_PGTT_NESTED))
			return false;
		return !a->by_addr || overlap(addr << e->shift, e->shift, a);
	}
	if (!a->by_addr)
		return true;
	if (e->pgtt == VTD_PGTT_NESTED)
		return true;
	if (e->pgtt == VTD_PGTT_FS)
		return false;
	return overlap(addr << e->shift, e->shift, a);
}

static bool match_fs_psc(uint64_t addr, uint64_t tag, const void *payload, const void *arg)
{
	const struct inv_arg *a = arg;
	const struct vtd_psc_entry *p = payload;
	uint16_t did = tag & 0xffff;
	uint32_t pasid = (tag >> 16) & 0xfffff;
	unsigned level = (tag >> 40) & 7;

	if (a->g == VTD_INV_IOTLB_G_GLOBAL && !a->type6)
		return true;
	if (did != a->did)
		return false;
	if (a->type6) {
		if (pasid != a->pasid)
			return false;
		return !a->by_addr || overlap(addr << vtd_level_shift(level),
					      vtd_level_shift(level), a);
	}
	/* Type 2: nested FS entries hold host addresses the SS produced. */
	return !a->by_addr || p->pgtt == VTD_PGTT_NESTED;
}

static bool match_ss_psc(uint64_t addr, uint64_t tag, const void *payload, const void *arg)
{
	const struct inv_arg *a = arg;
	unsigned level = (tag >> 40) & 7;

	if (a->g == VTD_INV_IOTLB_G_GLOBAL)
		return true;
	if ((tag & 0xffff) != a->did)
		return false;
	return !a->by_addr || overlap(addr << vtd_level_shift(level), vtd_level_shift(level), a);
}

static void iotlb_changed(struct vtd *v)
{
	/* In-flight walks may have read what was just invalidated. */
	xlate_pipe_flush(&v->pipe);
}

void vtd_inv_iotlb(struct vtd *v, unsigned g, uint16_t did, uint64_t addr, unsigned am,
		   bool ih)
{
	struct inv_arg a = { .g = g, .did = did };

	if (g == VTD_INV_IOTLB_G_PAGE)
		set_range(&a, addr, am);
	cache_invalidate(v->cc[VTD_CACHE_IOTLB], match_iotlb, &a);
	/* IH: only leaf entries changed; paging-structure caches stay (6.5.2.3). */
	if (!(g == VTD_INV_IOTLB_G_PAGE && ih)) {
		cache_invalidate(v->cc[VTD_CACHE_SS_PSC], match_ss_psc, &a);
		cache_invalidate(v->cc[VTD_CACHE_FS_PSC], match_fs_psc, &a);
	}
	if (g == VTD_INV_IOTLB_G_GLOBAL)
		v->iotlb_has_large = false;
	iotlb_changed(v);
}

void vtd_inv_piotlb(struct vtd *v, unsigned g, uint16_t did, uint32_t pasid, uint64_t addr,
		    unsigned am, bool ih)
{
	struct inv_arg a = { .g = g, .did = did, .pasid = pasid, .type6 = true };

	if (g == VTD_INV_PIOTLB_G_PAGE)
		set_range(&a, addr, am);
	cache_invalidate(v->cc[VTD_CACHE_IOTLB], match_iotlb, &a);
	if (!(g == VTD_INV_PIOTLB_G_PAGE && ih))
		cache_invalidate(v->cc[VTD_CACHE_FS_PSC], match_fs_psc, &a);
	iotlb_changed(v);
}

static bool match_devtlb(uint64_t addr, uint64_t tag, const void *payload, const void *arg)
{
	const struct inv_arg *a = arg;
	bool pp = (tag >> 36) & 1;
	uint32_t pasid = (tag >> 16) & 0xfffff;

	if ((tag & 0xffff) != a->sid)
		return false;
	if (a->pasid_sel) {
		if (!pp || (!a->all_pasids && pasid != a->pasid))
			return false;
	} else if (pp) {
		return false;
	}
	return overlap(addr << 12, 12, a);
}

/*
 * Device-TLB invalidation (spec 6.5.2.5/6.5.2.6): with S=1 the lowest
 * zero bit of the address above bit 12 gives the range, as in the PCIe
 * ATS invalidate request; S=0 is one 4K page.
 */
void vtd_inv_devtlb(struct vtd *v, uint16_t sid, bool pasid_sel, bool all_pasids,
		    uint32_t pasid, uint64_t addr, bool s)
{
	struct inv_arg a = { .sid = sid, .pasid = pasid, .pasid_sel = pasid_sel,
			     .all_pasids = all_pasids };
	unsigned ones = 0;

	addr &= VTD_INV_ADDR_MASK;
	if (s) {
		while (ones < 52 && (addr >> (12 + ones) & 1))
			ones++;
	}
	if (s && ones >= 51) {
		a.lo = 0;
		a.hi = UINT64_MAX;
	} else {
		uint64_t size = 1ULL << (12 + (s ? ones + 1 : 0));

		a.lo = addr & ~(size - 1);
		a.hi = a.lo + size - 1;
	}
	cache_invalidate(v->cc[VTD_CACHE_DEVTLB], match_devtlb, &a);
}
