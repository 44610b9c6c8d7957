// SPDX-License-Identifier: GPL-2.0-only
/*
 * vtd_ss_walk.c - second-stage translation (spec 3.7, 9.8): 3-, 4- or
 * 5-level tables, 2M/1G leaves when CAP.SLLPS allows, R/W/X rights, and
 * accessed/dirty tracking when the PASID entry sets SSADE (3.7.3).
 * Non-leaf entries are cached in the SS paging-structure cache, tagged by
 * domain id and level.
 */
#include "vtd_internal.h"

static bool ss_ps_allowed(const struct vtd *v, unsigned level)
{
	if (level == 2)
		return v->cfg.caps.sllps_2m;
	if (level == 3)
		return v->cfg.caps.sllps_1g;
	return false;
}

uint8_t vtd_ss_walk(struct vtd *v, const struct vtd_pasid_entry *pe, uint64_t gpa,
		    struct vtd_ss_result *r, struct vtd_walk_acct *acct)
{
	struct cache *psc = v->cc[VTD_CACHE_SS_PSC];
	unsigned levels = pe->ss_levels, level = levels;
	uint64_t table = pe->ssptptr;
	/* R, W, X granted by every level so far; X counts only with SSEE. */
	uint64_t rights = VTD_SS_R | VTD_SS_W | VTD_SS_X;
	const uint64_t x_ignored = pe->ssee ? 0 : VTD_SS_X;

	if (gpa >> vtd_level_shift(levels + 1))
		return VTD_FR_SM_AW;
	if (cache_enabled(psc)) {
		unsigned l;
		const struct vtd_psc_entry *hit = vtd_psc_probe(v, false, gpa, pe->did, 0, levels,
								acct, &l);

		if (hit) {
			table = hit->next;
			rights = (hit->rw ? VTD_SS_R : 0) | (hit->us ? VTD_SS_W : 0) |
				 (hit->xd ? VTD_SS_X : 0);
			level = l - 1;
		}
	}

	for (;; level--) {
		unsigned shift = vtd_level_shift(level);
		uint64_t epa = table + ((gpa >> shift) & 511) * 8, e, addr;
		bool leaf;

		acct->reads++;
		acct->ss_refs[level]++;
		if (inj_table_read(v->base.inj, v->pm, INJ_TBL_PT_S2, (int)level, epa, 8) ||
		    pmem_read64(v->pm, epa, &e))
			return VTD_FR_SM_SS_ACCESS;
		if (!(e & (VTD_SS_R | VTD_SS_W)))
			return VTD_FR_SM_SS_NP;
		addr = e & VTD_SS_ADDR_MASK;
		leaf = level == 1 || (e & VTD_SS_PS);
		if (addr & ~v->haw_mask)
			return VTD_FR_SM_SS_RSVD;
		if (level > 1 && (e & VTD_SS_PS) &&
		    (!ss_ps_allowed(v, level) || (addr & ((1ULL << shift) - 1))))
			return VTD_FR_SM_SS_RSVD;
		rights &= e | x_ignored;
		if (pe->ssade && !(e & VTD_SS_A)) {
			vtd_entry_set(v, epa, e, VTD_SS_A, acct);
			e |= VTD_SS_A;
		}
		if (leaf) {
			r->hpa = (addr & ~((1ULL << shift) - 1)) | (gpa & ((1ULL << shift) - 1));
			r->shift = shift;
			r->r = rights & VTD_SS_R;
			r->w = rights & VTD_SS_W;
			r->x = rights & VTD_SS_X;
			r->dirty = !pe->ssade || (e & VTD_SS_D);
			r->leaf_pa = epa;
			return 0;
		}
		if (cache_enabled(psc)) {
			struct vtd_psc_entry *p = cache_insert(psc, gpa >> shift,
							       vtd_psc_tag(pe->did, 0, level));

			p->next = addr;
			p->next_gpa = addr;
			p->pgtt = VTD_PGTT_SS;
			p->rw = rights & VTD_SS_R;
			p->us = rights & VTD_SS_W;
			p->xd = rights & VTD_SS_X;
		}
		table = addr;
	}
}

void vtd_ss_set_dirty(struct vtd *v, const struct vtd_pasid_entry *pe,
		      struct vtd_ss_result *r, struct vtd_walk_acct *acct)
{
	uint64_t e;

	if (!pe->ssade || r->dirty)
		return;
	if (!pmem_read64(v->pm, r->leaf_pa, &e))
		vtd_entry_set(v, r->leaf_pa, e, VTD_SS_A | VTD_SS_D, acct);
	r->dirty = true;
}
