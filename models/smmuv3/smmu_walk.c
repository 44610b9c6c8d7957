// SPDX-License-Identifier: GPL-2.0-only
/*
 * smmu_walk.c - the VMSAv8-64 stage-1 and stage-2 table walkers and the
 * nested (two-dimensional) walk: with stage 2 enabled, every stage-1 table
 * address and the stage-1 output are IPAs that go through stage 2.
 *
 * Walk caches hold table descriptors keyed by the input-address prefix
 * they cover; stage-1 entries hold the next table's physical address (after
 * stage 2), so a hit skips both dimensions. Probes go from the deepest
 * table level (2) up to the starting level and stop at the first hit.
 *
 * Fault priority per Arm ARM D8.15: translation, address size, access
 * flag, permission. With HA, AF is set only by an access that passes the
 * permission check; with HD, a write to a writable-clean (DBM) page clears
 * AP[2] (stage 1) or sets S2AP[1] (stage 2).
 */
#include <errno.h>
#include <string.h>

#include "smmu_priv.h"

static int walk_fault(struct smmu_walk *w, uint8_t id, bool s2, uint8_t class,
		      uint64_t ipa, uint64_t fetch, bool ttrnw)
{
	struct smmu_fault *f = &w->fault;

	f->id = id;
	f->s2 = s2;
	f->class = class;
	f->ttrnw = ttrnw;
	f->input_addr = w->iova;
	f->ipa = ipa;
	f->fetch_addr = fetch;
	return -1;
}

static void count_ref(struct smmu_walk *w, int stage, int level)
{
	if (w->quiet)
		return;
	w->s->st.walk_refs[stage - 1][level & 3]++;
	if (w->in_cfg) {
		w->cfg_refs++;
		w->s->st.cd_s2_refs++;
	} else {
		w->walk_refs++;
	}
	w->t += w->s->pipe.lat.rd;
}

int smmu_walk_read(struct smmu_walk *w, int stage, int level, uint64_t pa, uint64_t *val)
{
	count_ref(w, stage, level);
	if (inj_table_read(w->s->base.inj, w->s->pm, stage == 1 ? INJ_TBL_PT_S1 : INJ_TBL_PT_S2,
			   level, pa, 8))
		return -EFAULT;
	return pmem_read64(w->s->pm, pa, val);
}

/* Hardware update of a descriptor (AF, dirty state): one atomic write. */
static int walk_update(struct smmu_walk *w, int stage, uint64_t pa, uint64_t old, uint64_t new)
{
	uint64_t seen;

	w->s->st.walk_writes[stage - 1]++;
	w->t += w->s->pipe.lat.wr;
	return pmem_cmpxchg64(w->s->pm, pa, old, new, &seen);
}

static void wc_fill(struct cache *c, uint64_t key, uint64_t tag, const struct smmu_walk_entry *src)
{
	struct smmu_walk_entry *e = cache_insert(c, key, tag);

	if (e)
		*e = *src;
}

/* Deepest cached table for this input; returns the level to walk next. */
static int wc_probe(struct smmu_walk *w, struct cache *c, const struct smmu_tt *tt,
		    unsigned stage, unsigned half, unsigned vmid, unsigned asid, uint64_t ia,
		    uint64_t *table, struct smmu_walk_entry *attrs)
{
	if (!cache_enabled(c))
		return tt->start_level;
	w->s->st.wc_probes[stage - 1]++;
	for (int l = 2; l >= tt->start_level; l--) {
		uint64_t key = ia >> vmsa_level_shift(tt->gshift, l);
		struct smmu_walk_entry *e;

		w->t += w->s->pipe.lat.walk_cache;
		e = cache_lookup(c, key, smmu_walk_tag(stage, l, tt->gshift, half, vmid, asid));
		if (e) {
			w->s->st.wc_hits[stage - 1][l]++;
			w->wc_hits[stage - 1][l]++;
			*table = e->next_pa;
			*attrs = *e;
			return l + 1;
		}
	}
	return tt->start_level;
}

/* A fresh entry for the leaf desc at level: its output and size; the size's shift. */
static unsigned leaf_out(struct smmu_tlb_entry *out, const struct smmu_tt *tt, int level,
			 uint64_t desc)
{
	unsigned lsb = vmsa_level_shift(tt->gshift, level);

	memset(out, 0, sizeof(*out));
	out->oa = desc & SMMU_MASK(47, lsb);
	out->shift = lsb;
	return lsb;
}

int smmu_s2_translate(struct smmu_walk *w, uint64_t ipa, uint8_t access, uint8_t class,
		      struct smmu_tlb_entry *out)
{
	struct smmu *s = w->s;
	const struct smmu_ste *ste = w->ste;
	const struct smmu_tt *tt = &ste->s2tt;
	struct smmu_walk_entry attrs;
	struct smmu_tlb_entry *hit;
	uint64_t table = tt->ttb, desc = 0, desc_pa = 0, ia = ipa;
	unsigned lsb, perm;
	int level;

	if (tt->ia_bits < 64 && ipa >> tt->ia_bits)
		return walk_fault(w, EVT_F_TRANSLATION, true, class, ipa, 0, true);
	/* Stage-2 translations of table and CD addresses are cached as S2 TLB entries */
	if (class != SMMU_CLASS_IN) {
		hit = smmu_tlb_find(s, ipa, SMMU_KIND_S2, ste->vmid, 0, NULL);
		w->t = xlate_pipe_tlb_done(&s->pipe, w->t);
		if (hit && (hit->perm_priv & access) == access) {
			*out = *hit;
			return 0;
		}
	}
	level = wc_probe(w, s->s2_walk, tt, 2, 0, ste->vmid, 0, ipa, &table, &attrs);
	if (table >> tt->oa_bits)
		return walk_fault(w, EVT_F_ADDR_SIZE, true, class, ipa, 0, true);
	for (;; level++) {
		desc_pa = table + 8ULL * vmsa_index(tt->gshift, level, tt->start_level,
						     tt->ia_bits, ia);
		if (smmu_walk_read(w, 2, level, desc_pa, &desc))
			return walk_fault(w, EVT_F_WALK_EABT, true, class, ipa, desc_pa, true);
		if (vmsa_is_table(desc, level)) {
			table = vmsa_next_table(desc, tt->gshift);
			if (table >> tt->oa_bits)
				return walk_fault(w, EVT_F_ADDR_SIZE, true, class, ipa, 0, true);
			if (cache_enabled(s->s2_walk)) {
				memset(&attrs, 0, sizeof(attrs));
				attrs.next_pa = table;
				attrs.level = level;
				wc_fill(s->s2_walk, ia >> vmsa_level_shift(tt->gshift, level),
					smmu_walk_tag(2, level, tt->gshift, 0, ste->vmid, 0),
					&attrs);
			}
			continue;
		}
		if (!vmsa_is_block_or_page(desc, level, tt->gshift))
			return walk_fault(w, EVT_F_TRANSLATION, true, class, ipa, 0, true);
		break;
	}
	if (vmsa_oa_too_wide(desc, tt->gshift, tt->oa_bits))
		return walk_fault(w, EVT_F_ADDR_SIZE, true, class, ipa, 0, true);
	if (!(desc & VMSA_AF) && !ste->s2ha && !ste->s2affd)
		return walk_fault(w, EVT_F_ACCESS, true, class, ipa, 0, true);
	perm = vmsa_s2_perm(desc, ste->s2hd);
	if ((perm & access) != access)
		return walk_fault(w, EVT_F_PERMISSION, true, class, ipa, 0, true);
	if (!(desc & VMSA_AF) && ste->s2ha) {
		uint64_t nd = desc | VMSA_AF;

		if (walk_update(w, 2, desc_pa, desc, nd))
			return walk_fault(w, EVT_F_WALK_EABT, true, class, ipa, desc_pa, false);
		desc = nd;
	}
	if ((access & XLATE_WRITE) && !(desc & VMSA_S2AP_W)) {
		uint64_t nd = desc | VMSA_S2AP_W;       /* writable-clean -> dirty */

		if (walk_update(w, 2, desc_pa, desc, nd))
			return walk_fault(w, EVT_F_WALK_EABT, true, class, ipa, desc_pa, false);
		desc = nd;
	}
	/* A clean page is cached without write: the first write walks again */
	if (!(desc & VMSA_S2AP_W))
		perm &= ~XLATE_WRITE;
	lsb = leaf_out(out, tt, level, desc);
	out->s2_shift = lsb;
	out->perm_priv = out->perm_user = perm;
	out->ipa = ipa & ~((1ULL << lsb) - 1);
	if (class != SMMU_CLASS_IN)
		smmu_tlb_fill(s, ipa, SMMU_KIND_S2, ste->vmid, 0, out);
	return 0;
}

/* Physical address of a stage-1 table access (an IPA when nested). */
static int s1_table_pa(struct smmu_walk *w, uint64_t addr, uint64_t *pa, uint8_t *s2perm)
{
	struct smmu_tlb_entry e;

	*s2perm = XLATE_READ | XLATE_WRITE;
	if (!w->ste->s2) {
		*pa = addr;
		return 0;
	}
	if (smmu_s2_translate(w, addr, XLATE_READ, SMMU_CLASS_TT, &e))
		return -1;
	*pa = e.oa | (addr & ((1ULL << e.shift) - 1));
	*s2perm = e.perm_priv;
	return 0;
}

static int s1_walk(struct smmu_walk *w, struct smmu_tlb_entry *out)
{
	struct smmu *s = w->s;
	const struct smmu_cd *cd = w->cd;
	const struct smmu_ste *ste = w->ste;
	uint64_t iova = w->iova, ia, table, table_ipa, desc = 0, desc_pa = 0, desc_ipa, ipa;
	const struct smmu_tt *tt;
	struct smmu_walk_entry attrs;
	unsigned half, lsb, pp, pu, req;
	uint8_t s2perm = XLATE_READ;
	int level;

	/* TTB0 covers addresses with zero top bits, TTB1 with all-ones (D8.2.4) */
	if (cd->tt[0].ia_bits && !(iova >> cd->tt[0].ia_bits) && !cd->tt[0].disabled) {
		half = 0;
	} else if (cd->tt[1].ia_bits && !(~iova >> cd->tt[1].ia_bits) && !cd->tt[1].disabled) {
		half = 1;
	} else {
		return walk_fault(w, EVT_F_TRANSLATION, false, SMMU_CLASS_IN, 0, 0, true);
	}
	tt = &cd->tt[half];
	ia = iova & ((1ULL << tt->ia_bits) - 1);
	memset(&attrs, 0, sizeof(attrs));
	table = tt->ttb;
	/* Stage-1 walk entries are keyed by the full VA, as TLBI addresses are */
	level = wc_probe(w, s->s1_walk, tt, 1, half, ste->vmid, cd->asid, iova, &table, &attrs);
	if (level == tt->start_level) {
		table_ipa = table;
		if (table >> tt->oa_bits)
			return walk_fault(w, EVT_F_ADDR_SIZE, false, SMMU_CLASS_TT, 0, 0, true);
		if (s1_table_pa(w, table, &table, &s2perm))
			return -1;
	} else {
		table_ipa = attrs.next_ipa;
		s2perm = attrs.s2perm;
	}
	for (;; level++) {
		unsigned idx = vmsa_index(tt->gshift, level, tt->start_level, tt->ia_bits, ia);

		desc_pa = table + 8ULL * idx;
		desc_ipa = table_ipa + 8ULL * idx;
		if (smmu_walk_read(w, 1, level, desc_pa, &desc))
			return walk_fault(w, EVT_F_WALK_EABT, false, SMMU_CLASS_TT, 0, desc_pa, true);
		if (vmsa_is_table(desc, level)) {
			uint64_t next = vmsa_next_table(desc, tt->gshift);

			attrs.ap_no_user |= !!(desc & VMSA_APTABLE0);
			attrs.ap_no_write |= !!(desc & VMSA_APTABLE1);
			attrs.uxn |= !!(desc & VMSA_UXNTABLE);
			attrs.pxn |= !!(desc & VMSA_PXNTABLE);
			if (next >> tt->oa_bits)
				return walk_fault(w, EVT_F_ADDR_SIZE, false, SMMU_CLASS_TT, 0, 0, true);
			if (s1_table_pa(w, next, &table, &s2perm))
				return -1;
			table_ipa = next;
			attrs.next_pa = table;
			attrs.next_ipa = next;
			attrs.s2perm = s2perm;
			attrs.level = level;
			if (cache_enabled(s->s1_walk))
				wc_fill(s->s1_walk, iova >> vmsa_level_shift(tt->gshift, level),
					smmu_walk_tag(1, level, tt->gshift, half, ste->vmid,
						      cd->asid), &attrs);
			continue;
		}
		if (!vmsa_is_block_or_page(desc, level, tt->gshift))
			return walk_fault(w, EVT_F_TRANSLATION, false, SMMU_CLASS_IN, 0, 0, true);
		break;
	}
	if (vmsa_oa_too_wide(desc, tt->gshift, tt->oa_bits))
		return walk_fault(w, EVT_F_ADDR_SIZE, false, SMMU_CLASS_IN, 0, 0, true);
	if (!(desc & VMSA_AF) && !cd->ha && !cd->affd)
		return walk_fault(w, EVT_F_ACCESS, false, SMMU_CLASS_IN, 0, 0, true);
	pp = vmsa_s1_perm(desc, true, attrs.ap_no_user, attrs.ap_no_write, attrs.pxn, attrs.uxn,
			  cd->wxn, cd->hd);
	pu = vmsa_s1_perm(desc, false, attrs.ap_no_user, attrs.ap_no_write, attrs.pxn, attrs.uxn,
			  cd->wxn, cd->hd);
	req = w->priv ? pp : pu;
	if ((req & w->access) != w->access)
		return walk_fault(w, EVT_F_PERMISSION, false, SMMU_CLASS_IN, 0, 0, true);
	if ((!(desc & VMSA_AF) && cd->ha) ||
	    ((w->access & XLATE_WRITE) && (desc & VMSA_AP2))) {
		uint64_t nd = desc | VMSA_AF;

		if (w->access & XLATE_WRITE)
			nd &= ~VMSA_AP2;        /* writable-clean -> dirty */
		/* The update writes the descriptor: stage 2 must allow it */
		if (ste->s2 && !(s2perm & XLATE_WRITE)) {
			struct smmu_tlb_entry e;

			if (smmu_s2_translate(w, desc_ipa, XLATE_WRITE, SMMU_CLASS_TT, &e)) {
				w->fault.ttrnw = false;
				return -1;
			}
		}
		if (walk_update(w, 1, desc_pa, desc, nd))
			return walk_fault(w, EVT_F_WALK_EABT, false, SMMU_CLASS_TT, 0, desc_pa,
					  false);
		desc = nd;
	}
	if (desc & VMSA_AP2) {          /* still read-only (or clean): no write cached */
		pp &= ~XLATE_WRITE;
		pu &= ~XLATE_WRITE;
	}
	lsb = leaf_out(out, tt, level, desc);
	out->s1_shift = lsb;
	out->perm_priv = pp;
	out->perm_user = pu;
	if (!ste->s2)
		return 0;

	/* Nested: the stage-1 output is an IPA */
	ipa = out->oa | (iova & ((1ULL << lsb) - 1));
	{
		struct smmu_tlb_entry s2;

		if (smmu_s2_translate(w, ipa, w->access, SMMU_CLASS_IN, &s2))
			return -1;
		if (s2.shift < out->shift)
			out->shift = s2.shift;
		out->s2_shift = s2.s2_shift;
		out->ipa = ipa & ~((1ULL << out->shift) - 1);
		out->oa = (s2.oa | (ipa & ((1ULL << s2.shift) - 1))) &
			  ~((1ULL << out->shift) - 1);
		out->perm_priv &= s2.perm_priv;
		out->perm_user &= s2.perm_user;
	}
	return 0;
}

int smmu_translate_walk(struct smmu_walk *w, uint64_t iova, struct smmu_tlb_entry *out)
{
	w->iova = iova;
	if (w->ste->s1)
		return s1_walk(w, out);
	return smmu_s2_translate(w, iova, w->access, SMMU_CLASS_IN, out);
}
