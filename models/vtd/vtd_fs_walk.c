// SPDX-License-Identifier: GPL-2.0-only
/*
 * vtd_fs_walk.c - first-stage translation (spec 3.6, 9.7): IA-32e
 * 4- or 5-level paging (FLPM), 4K/2M/1G pages (1G with CAP.FL1GP),
 * R/W, U/S and XD rights with SRE/WPE semantics, accessed/dirty updates
 * (and the extended-accessed flag with EAFE). With nesting every table
 * address is a GPA translated through vtd_nested.c. Non-leaf entries are
 * cached in the FS paging-structure cache tagged by DID, PASID and level,
 * holding the host address of the next table.
 */
#include "vtd_internal.h"

uint8_t vtd_fs_perm(const struct vtd_pasid_entry *pe, const struct xlate_req *req,
		    bool rw, bool us, bool xd)
{
	/* Requests without PASID are user requests (spec 3.6.2). */
	bool priv = req->has_pasid && req->priv;

	if (!priv && !us)
		return VTD_FR_SM_US;
	/* Supervisor writes honour R/W only with WPE, like CR0.WP. */
	if ((req->access & XLATE_WRITE) && !rw && (!priv || pe->wpe))
		return VTD_FR_SM_WRITE;
	if ((req->access & XLATE_EXEC) && xd)
		return VTD_FR_SM_EXEC;
	return 0;
}

struct fs_step {
	uint64_t epa;           /* host address of the entry */
	uint64_t e;             /* its value */
	uint64_t table_gpa;     /* the table's address as the first stage sees it */
	struct vtd_ss_result ss;/* nested: SS translation of that table */
	bool have_ss;
};

static bool fs_ps_allowed(const struct vtd *v, unsigned level)
{
	return level == 2 || (level == 3 && v->cfg.caps.fl1gp);
}

uint8_t vtd_fs_walk(struct vtd *v, const struct vtd_pasid_entry *pe, uint32_t pasid,
		    const struct xlate_req *req, struct vtd_fs_result *r,
		    struct vtd_walk_acct *acct)
{
	struct cache *psc = v->cc[VTD_CACHE_FS_PSC];
	unsigned levels = pe->fs_levels, level = levels, width = levels == 5 ? 57 : 48;
	uint64_t iova = req->iova, va = iova & ((1ULL << width) - 1);
	uint64_t table_gpa = pe->fsptptr, table_hpa;
	struct fs_step step[VTD_MAX_LEVELS];
	unsigned nsteps = 0;
	bool rw = true, us = true, xd = false, from_psc = false;
	/* RW and US granted by every level, XD set by any: as bit masks. */
	uint64_t grant, deny = 0;
	int64_t top = (int64_t)iova >> (width - 1);
	struct vtd_ss_result ss = { 0 };
	uint8_t fr;

	if (top != 0 && top != -1)
		return VTD_FR_SM_NON_CANONICAL;
	if (cache_enabled(psc)) {
		unsigned l;
		const struct vtd_psc_entry *hit = vtd_psc_probe(v, true, va, pe->did, pasid, levels,
								acct, &l);

		if (hit) {
			table_hpa = hit->next;
			table_gpa = hit->next_gpa;
			rw = hit->rw;
			us = hit->us;
			xd = hit->xd;
			level = l - 1;
			from_psc = true;
		}
	}
	if (!from_psc) {
		fr = vtd_nested_table(v, pe, table_gpa, true, &ss, acct);
		if (fr)
			return fr;
		table_hpa = ss.hpa;
	}

	grant = (rw ? VTD_FS_RW : 0) | (us ? VTD_FS_US : 0);
	deny = xd ? VTD_FS_XD : 0;
	for (;; level--) {
		unsigned shift = vtd_level_shift(level);
		struct fs_step *st = &step[nsteps++];
		uint64_t e, addr;

		st->epa = table_hpa + ((va >> shift) & 511) * 8;
		st->table_gpa = table_gpa;
		st->ss = ss;
		st->have_ss = !from_psc || nsteps > 1;
		acct->reads++;
		acct->fs_refs[level]++;
		if (inj_table_read(v->base.inj, v->pm, INJ_TBL_PT_S1, (int)level, st->epa, 8) ||
		    pmem_read64(v->pm, st->epa, &e))
			return level == levels ? VTD_FR_SM_FSPTR_ACCESS : VTD_FR_SM_FS_ACCESS;
		st->e = e;
		if (!(e & VTD_FS_P))
			return VTD_FR_SM_FS_NP;
		addr = e & VTD_FS_ADDR_MASK;
		if (pe->pgtt != VTD_PGTT_NESTED && (addr & ~v->haw_mask))
			return VTD_FR_SM_FS_RSVD;
		if ((e & VTD_FS_PS) && level > 1) {
			/* Bit 12 of a large-page entry is PAT; the rest must be 0. */
			if (!fs_ps_allowed(v, level) ||
			    (addr & ((1ULL << shift) - 1) & ~(1ULL << 12)))
				return VTD_FR_SM_FS_RSVD;
			addr &= ~((1ULL << shift) - 1);
		}
		grant &= e;
		deny |= e;
		if (level == 1 || (e & VTD_FS_PS)) {
			r->out = addr | (iova & ((1ULL << shift) - 1));
			r->shift = shift;
			break;
		}
		table_gpa = addr;
		fr = vtd_nested_table(v, pe, table_gpa, false, &ss, acct);
		if (fr)
			return fr;
		table_hpa = ss.hpa;
		rw = grant & VTD_FS_RW;
		us = grant & VTD_FS_US;
		xd = deny & VTD_FS_XD;
		if (cache_enabled(psc)) {
			struct vtd_psc_entry *p = cache_insert(psc, va >> shift,
							       vtd_psc_tag(pe->did, pasid, level));

			p->next = table_hpa;
			p->next_gpa = table_gpa;
			p->pgtt = pe->pgtt;
			p->rw = rw;
			p->us = us;
			p->xd = xd;
		}
	}

	rw = grant & VTD_FS_RW;
	us = grant & VTD_FS_US;
	xd = deny & VTD_FS_XD;
	fr = vtd_fs_perm(pe, req, rw, us, xd);
	if (fr)
		return fr;
	/* Accessed flags on every entry used, dirty on the leaf (spec 3.6.4). */
	for (unsigned i = 0; i < nsteps; i++) {
		struct fs_step *st = &step[i];
		uint64_t want = VTD_FS_A;

		if (pe->eafe)
			want |= VTD_FS_EA;
		if (i == nsteps - 1 && (req->access & XLATE_WRITE))
			want |= VTD_FS_D;
		if ((st->e & want) == want)
			continue;
		fr = vtd_nested_table_write(v, pe, st->table_gpa, &st->ss, st->have_ss, acct);
		if (fr)
			return fr;
		vtd_entry_set(v, st->epa, st->e, want, acct);
		st->e |= want;
	}
	r->rw = rw;
	r->us = us;
	r->xd = xd;
	r->dirty = step[nsteps - 1].e & VTD_FS_D;
	return 0;
}
