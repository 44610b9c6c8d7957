// SPDX-License-Identifier: GPL-2.0-only
/*
 * smmu_caches.c - the SMMU's caches on models/common/cache.h: STE and CD
 * configuration caches, the TLB of combined translations (tagged with
 * kind, VMID, ASID and size), the two walk caches and the device ATC; and
 * the invalidation scopes the command queue applies to them.
 *
 * Entries of several sizes share the TLB: the key is the input address
 * shifted by the entry's size, so a lookup probes each size the TLB may
 * hold (a bit mask kept on fill), smallest first.
 */
#include <stdio.h>
#include <string.h>

#include "smmu_priv.h"

int smmu_caches_create(struct smmu *s)
{
	const struct smmu_config *c = &s->cfg;

	s->ste_cache = cache_create("ste_cache", &c->ste_cache, sizeof(struct smmu_ste), c->seed);
	s->cd_cache = cache_create("cd_cache", &c->cd_cache, sizeof(struct smmu_cd), c->seed + 1);
	s->tlb = cache_create("tlb", &c->tlb, sizeof(struct smmu_tlb_entry), c->seed + 2);
	s->s1_walk = cache_create("walk_s1", &c->s1_walk, sizeof(struct smmu_walk_entry),
				  c->seed + 3);
	s->s2_walk = cache_create("walk_s2", &c->s2_walk, sizeof(struct smmu_walk_entry),
				  c->seed + 4);
	s->atc = cache_create("atc", &c->atc, sizeof(struct smmu_tlb_entry), c->seed + 5);
	if (!s->ste_cache || !s->cd_cache || !s->tlb || !s->s1_walk || !s->s2_walk || !s->atc)
		return -1;
	/* What a soft error in each data array can change (cache_flip). */
	{
		const struct cache_layout ste = { offsetof(struct smmu_ste, s1ctxptr), true, 0, 0 };
		const struct cache_layout cd = { offsetof(struct smmu_cd, tt), true, 0, 0 };
		const struct cache_layout tlb = { offsetof(struct smmu_tlb_entry, oa), true,
						  offsetof(struct smmu_tlb_entry, perm_priv), 2 };
		const struct cache_layout walk = { offsetof(struct smmu_walk_entry, next_pa), true,
						   0, 0 };

		cache_set_layout(s->ste_cache, &ste);
		cache_set_layout(s->cd_cache, &cd);
		cache_set_layout(s->tlb, &tlb);
		cache_set_layout(s->s1_walk, &walk);
		cache_set_layout(s->s2_walk, &walk);
		cache_set_layout(s->atc, &tlb);
	}
	return 0;
}

/* Every cache, in the order their statistics are reported. */
#define SMMU_CACHES(s) { (s)->ste_cache, (s)->cd_cache, (s)->tlb, \
			 (s)->s1_walk, (s)->s2_walk, (s)->atc }
#define SMMU_NR_CACHES 6

void smmu_caches_destroy(struct smmu *s)
{
	struct cache *all[SMMU_NR_CACHES] = SMMU_CACHES(s);

	for (unsigned i = 0; i < SMMU_NR_CACHES; i++)
		cache_destroy(all[i]);
}

/*
 * Probe each size present; count one lookup (hit or miss) per request.
 * Two sizes both holding the address is a TLB conflict (*conflict).
 * Both tags carry the page shift in bits 5:0; ctx_tag has them clear.
 */
static inline struct smmu_tlb_entry *multi_find(struct cache *c, uint64_t shifts, uint64_t ia,
						uint64_t ctx_tag, bool *conflict)
{
	uint64_t m = shifts;

	while (m) {
		unsigned sh = __builtin_ctzll(m);

		m &= m - 1;
		if (cache_peek(c, ia >> sh, ctx_tag | sh)) {
			struct smmu_tlb_entry *e = cache_use_peeked(c);

			while (conflict && m) {
				unsigned o = __builtin_ctzll(m);

				m &= m - 1;
				if (cache_peek(c, ia >> o, ctx_tag | o))
					*conflict = true;
			}
			return e;
		}
	}
	cache_lookup(c, ia >> 12, ctx_tag | 12 | (1ULL << 63)); /* counted miss */
	return NULL;
}

/* Insert e at its own size, and note the size for multi_find() to probe. */
static void multi_fill(struct cache *c, uint64_t *shifts, uint64_t ia, uint64_t tag,
		       const struct smmu_tlb_entry *e)
{
	struct smmu_tlb_entry *d = cache_insert(c, ia >> e->shift, tag);

	if (!d)
		return;
	*d = *e;
	*shifts |= 1ULL << e->shift;
}

struct smmu_tlb_entry *smmu_tlb_find(struct smmu *s, uint64_t iova, unsigned kind,
				     unsigned vmid, unsigned asid, bool *conflict)
{
	if (!cache_enabled(s->tlb))
		return NULL;
	return multi_find(s->tlb, s->tlb_shifts, iova, smmu_tlb_tag(kind, vmid, asid, 0),
			  conflict);
}

void smmu_tlb_fill(struct smmu *s, uint64_t iova, unsigned kind, unsigned vmid,
		   unsigned asid, const struct smmu_tlb_entry *e)
{
	multi_fill(s->tlb, &s->tlb_shifts, iova, smmu_tlb_tag(kind, vmid, asid, e->shift), e);
}

static uint64_t atc_tag(uint32_t sid, uint32_t ssid, bool ssv, unsigned shift)
{
	if (!ssv)
		ssid = 0;
	return (uint64_t)sid << 27 | (uint64_t)ssv << 26 | (uint64_t)ssid << 6 | shift;
}

struct smmu_tlb_entry *smmu_atc_find(struct smmu *s, uint32_t sid, uint32_t ssid, bool ssv,
				     uint64_t iova)
{
	if (!cache_enabled(s->atc))
		return NULL;
	return multi_find(s->atc, s->atc_shifts, iova, atc_tag(sid, ssid, ssv, 0), NULL);
}

void smmu_atc_fill(struct smmu *s, uint32_t sid, uint32_t ssid, bool ssv, uint64_t iova,
		   const struct smmu_tlb_entry *e)
{
	multi_fill(s->atc, &s->atc_shifts, iova, atc_tag(sid, ssid, ssv, e->shift), e);
}

/* ---- invalidation --------------------------------------------------- */

static bool overlaps(uint64_t base, unsigned shift, uint64_t a, uint64_t end)
{
	uint64_t lo = base << shift;
	uint64_t hi = lo + ((1ULL << shift) - 1);

	return lo < end && hi >= a;
}

static bool tlb_match(uint64_t addr, uint64_t tag, const void *payload, const void *arg)
{
	const struct smmu_inv *inv = arg;
	const struct smmu_tlb_entry *e = payload;
	unsigned kind = SMMU_TAG_KIND(tag);

	if (kind == SMMU_KIND_S2 ? !inv->stage2 : !inv->stage1)
		return false;
	if (inv->by_vmid && SMMU_TAG_VMID(tag) != inv->vmid)
		return false;
	if (inv->by_asid && SMMU_TAG_ASID(tag) != inv->asid)
		return false;
	if (inv->by_addr && !overlaps(addr, SMMU_TAG_SHIFT(tag), inv->addr, inv->end))
		return false;
	if (inv->ttl_shift &&
	    (kind == SMMU_KIND_S2 ? e->s2_shift : e->s1_shift) != inv->ttl_shift)
		return false;
	return true;
}

struct walk_match {
	const struct smmu_inv *inv;
	bool stage2;
};

static bool walk_match(uint64_t addr, uint64_t tag, const void *payload, const void *arg)
{
	const struct walk_match *wm = arg;
	const struct smmu_inv *inv = wm->inv;

	if (inv->by_vmid && SMMU_WTAG_VMID(tag) != inv->vmid)
		return false;
	if (!wm->stage2 && inv->by_asid && SMMU_WTAG_ASID(tag) != inv->asid)
		return false;
	if (inv->by_addr &&
	    !overlaps(addr, vmsa_level_shift(SMMU_WTAG_GSHIFT(tag), SMMU_WTAG_LEVEL(tag)),
		      inv->addr, inv->end))
		return false;
	return true;
}

void smmu_inv_tlb(struct smmu *s, const struct smmu_inv *inv)
{
	struct walk_match wm = { inv, false };

	cache_invalidate(s->tlb, tlb_match, inv);
	if (inv->leaf)
		return;         /* Leaf=1: walk caches may keep table entries */
	if (inv->stage1)
		cache_invalidate(s->s1_walk, walk_match, &wm);
	if (inv->stage2) {
		wm.stage2 = true;
		cache_invalidate(s->s2_walk, walk_match, &wm);
	}
	xlate_pipe_flush(&s->pipe);
}

struct sid_range {
	uint32_t first, last;
};

static bool ste_match(uint64_t addr, uint64_t tag, const void *payload, const void *arg)
{
	const struct sid_range *r = arg;

	return addr >= r->first && addr <= r->last;
}

void smmu_inv_cfg_ste(struct smmu *s, uint32_t first, uint32_t last)
{
	struct sid_range r = { first, last };

	cache_invalidate(s->ste_cache, ste_match, &r);
	/* CDs were located through the STE: they go with it */
	cache_invalidate(s->cd_cache, ste_match, &r);
}

struct cd_sel {
	uint32_t sid, ssid;
	bool all;
};

static bool cd_match(uint64_t addr, uint64_t tag, const void *payload, const void *arg)
{
	const struct cd_sel *c = arg;

	return addr == c->sid && (c->all || tag == c->ssid);
}

void smmu_inv_cfg_cd(struct smmu *s, uint32_t sid, uint32_t ssid, bool all)
{
	struct cd_sel c = { sid, ssid, all };

	cache_invalidate(s->cd_cache, cd_match, &c);
}

struct atc_sel {
	uint32_t sid, ssid;
	bool ssv, global;
	uint64_t addr, end;
};

static bool atc_match(uint64_t addr, uint64_t tag, const void *payload, const void *arg)
{
	const struct atc_sel *a = arg;
	bool e_ssv = (tag >> 26) & 1;
	uint32_t e_ssid = (tag >> 6) & 0xfffff;

	if ((tag >> 27) != a->sid)
		return false;
	/* SSV=0: untagged entries, and with Global=1 every substream too */
	if (a->ssv ? (!e_ssv || e_ssid != a->ssid) : (e_ssv && !a->global))
		return false;
	return overlaps(addr, tag & 0x3f, a->addr, a->end);
}

void smmu_inv_atc(struct smmu *s, uint32_t sid, uint32_t ssid, bool ssv, bool global,
		  uint64_t addr, uint64_t end)
{
	struct atc_sel a = { sid, ssid, ssv, global, addr, end };

	cache_invalidate(s->atc, atc_match, &a);
}

/* ---- statistics ------------------------------------------------------ */

static void cache_stats_emit(const struct cache *c, const struct stats_sink *sink)
{
	const struct cache_stats *st = cache_get_stats(c);
	char name[64];
	static const char *const f[] = { "lookups", "hits", "misses", "inserts", "evictions",
					 "invalidations" };
	const uint64_t v[] = { st->lookups, st->hits, st->misses, st->inserts, st->evictions,
			       st->invalidations };

	for (unsigned i = 0; i < 6; i++) {
		snprintf(name, sizeof(name), "%s.%s", cache_name(c), f[i]);
		sink->u64(sink->ctx, name, v[i]);
	}
	snprintf(name, sizeof(name), "%s.occupancy", cache_name(c));
	sink->u64(sink->ctx, name, cache_occupancy(c));
}

void smmu_caches_stats(struct smmu *s, const struct stats_sink *sink)
{
	struct cache *all[SMMU_NR_CACHES] = SMMU_CACHES(s);

	for (unsigned i = 0; i < SMMU_NR_CACHES; i++)
		cache_stats_emit(all[i], sink);
}

void smmu_caches_reset_stats(struct smmu *s)
{
	struct cache *all[SMMU_NR_CACHES] = SMMU_CACHES(s);

	for (unsigned i = 0; i < SMMU_NR_CACHES; i++)
		cache_reset_stats(all[i]);
}
