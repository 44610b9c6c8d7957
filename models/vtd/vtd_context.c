// SPDX-License-Identifier: GPL-2.0-only
/*
 * vtd_context.c - scalable-mode root, context, PASID-directory and
 * PASID-table entries (spec 9.2, 9.4, 9.5, 9.6): fetch, check, decode,
 * and keep the result in the context and PASID caches.
 */
#include "vtd_internal.h"

static uint8_t read_entry(struct vtd *v, enum inj_table t, uint64_t pa, void *buf, size_t len,
			  uint8_t abort_reason, struct vtd_walk_acct *acct)
{
	acct->cfg_reads++;
	v->cnt.cfg_refs++;
	if (inj_table_read(v->base.inj, v->pm, t, -1, pa, len) || pmem_read(v->pm, pa, buf, len))
		return abort_reason;
	return 0;
}

/* Root and context entry fetch on a context-cache miss. */
static uint8_t context_fetch(struct vtd *v, uint16_t sid, struct vtd_context_entry *ce,
			     struct vtd_walk_acct *acct, bool *fpd)
{
	uint64_t rta = v->rtaddr_latched & VTD_RTADDR_RTA_MASK;
	uint8_t bus = sid >> 8, devfn = sid & 0xff;
	uint64_t root[2], ctx[4], half, ctp;
	uint8_t fr;

	fr = read_entry(v, INJ_TBL_ROOT, rta + bus * VTD_SM_ROOT_SIZE, root, sizeof(root),
			VTD_FR_SM_ROOT_ACCESS, acct);
	if (fr)
		return fr;
	half = devfn < VTD_SM_CTX_PER_TABLE ? root[0] : root[1];
	if (!(half & VTD_SM_ROOT_LP))
		return VTD_FR_SM_ROOT_NP;
	ctp = half & VTD_SM_ROOT_LCTP_MASK;
	if ((half & VTD_SM_ROOT_RSVD) || (ctp & ~v->haw_mask))
		return VTD_FR_SM_ROOT_RSVD;

	fr = read_entry(v, INJ_TBL_CONTEXT, ctp + (devfn & 0x7f) * VTD_SM_CTX_SIZE, ctx, sizeof(ctx),
			VTD_FR_SM_CTX_ACCESS, acct);
	if (fr)
		return fr;
	if (!(ctx[0] & VTD_SM_CTX_P))
		return VTD_FR_SM_CTX_NP;
	/* FPD applies from here on, even to faults on this entry (spec 7.1.2). */
	*fpd = ctx[0] & VTD_SM_CTX_FPD;
	if ((ctx[0] & VTD_SM_CTX_RSVD0) || (ctx[1] & VTD_SM_CTX_RSVD1) || ctx[2] || ctx[3] ||
	    ((ctx[0] & VTD_SM_CTX_PASIDDIRPTR_MASK) & ~v->haw_mask))
		return VTD_FR_SM_CTX_RSVD;
	if ((ctx[0] & VTD_SM_CTX_DTE) && !v->cfg.caps.dt)
		return VTD_FR_SM_CTX_RSVD;
	if ((ctx[0] & VTD_SM_CTX_PRE) && !v->cfg.caps.prs)
		return VTD_FR_SM_CTX_RSVD;
	ce->pasid_dir = ctx[0] & VTD_SM_CTX_PASIDDIRPTR_MASK;
	ce->pdts = VTD_FIELD(ctx[0], 11, 9);
	ce->fpd = ctx[0] & VTD_SM_CTX_FPD;
	ce->dte = ctx[0] & VTD_SM_CTX_DTE;
	ce->paside = ctx[0] & VTD_SM_CTX_PASIDE;
	ce->pre = ctx[0] & VTD_SM_CTX_PRE;
	ce->rid_pasid = ctx[1] & VTD_SM_CTX_RID_PASID_MASK;
	if (ce->rid_pasid >= v->max_pasid)
		return VTD_FR_SM_CTX_RID_PASID;
	return 0;
}

uint8_t vtd_context_miss(struct vtd *v, uint16_t sid, const struct vtd_context_entry **out,
			 struct vtd_walk_acct *acct, bool *fpd)
{
	struct vtd_context_entry *ce, tmp;
	uint8_t fr;

	fr = context_fetch(v, sid, &tmp, acct, fpd);
	if (fr)
		return fr;
	/* Only well-formed present entries are cached (spec 6.2.1). */
	ce = cache_insert(v->cc[VTD_CACHE_CONTEXT], sid, 0);
	if (!ce) {
		/* Cache disabled: the caller gets a per-request copy. */
		v->ctx_scratch = tmp;
		*out = &v->ctx_scratch;
		return 0;
	}
	*ce = tmp;
	*out = ce;
	return 0;
}

static bool aw_supported(const struct vtd *v, unsigned aw)
{
	return aw >= 1 && aw <= 3 && (v->cfg.caps.sagaw & (1u << aw));
}

static uint8_t pasid_fetch(struct vtd *v, const struct vtd_context_entry *ce, uint32_t pasid,
			   struct vtd_pasid_entry *pe, struct vtd_walk_acct *acct, bool *fpd)
{
	const struct vtd_caps *k = &v->cfg.caps;
	uint64_t pde, e[8], ptbl;
	uint32_t dir_idx = pasid >> VTD_PASID_DIR_SHIFT;
	uint8_t fr;
	unsigned aw, flpm;

	if (dir_idx >= (1u << (ce->pdts + 7)))
		return VTD_FR_SM_CTX_PASID_MAX;
	fr = read_entry(v, INJ_TBL_PASID_DIR, ce->pasid_dir + dir_idx * VTD_PASID_DIR_SIZE, &pde, sizeof(pde),
			VTD_FR_SM_PDE_ACCESS, acct);
	if (fr)
		return fr;
	if (!(pde & VTD_PDE_P))
		return VTD_FR_SM_PDE_NP;
	*fpd = *fpd || (pde & VTD_PDE_FPD);
	ptbl = pde & VTD_PDE_SMPTBLPTR_MASK;
	if ((pde & VTD_PDE_RSVD) || (ptbl & ~v->haw_mask))
		return VTD_FR_SM_PDE_RSVD;

	fr = read_entry(v, INJ_TBL_PASID, ptbl + (pasid & (VTD_PASID_PER_TABLE - 1)) * VTD_PASID_ENTRY_SIZE,
			e, sizeof(e), VTD_FR_SM_PTE_ACCESS, acct);
	if (fr)
		return fr;
	if (!(e[0] & VTD_PTE0_P))
		return VTD_FR_SM_PTE_NP;
	*fpd = *fpd || (e[0] & VTD_PTE0_FPD);
	pe->fpd = e[0] & VTD_PTE0_FPD;
	pe->pgtt = VTD_FIELD(e[0], 8, 6);
	pe->did = e[1] & VTD_PTE1_DID_MASK;
	pe->ssptptr = e[0] & VTD_PTE0_SSPTPTR_MASK;
	pe->fsptptr = e[2] & VTD_PTE2_FSPTPTR_MASK;
	pe->ssade = e[0] & VTD_PTE0_SSADE;
	pe->ssee = e[0] & VTD_PTE0_SSEE;
	pe->sre = e[2] & VTD_PTE2_SRE;
	pe->ere = e[2] & VTD_PTE2_ERE;
	pe->wpe = e[2] & VTD_PTE2_WPE;
	pe->eafe = e[2] & VTD_PTE2_EAFE;
	pe->pgsnp = e[1] & VTD_PTE1_PGSNP;
	aw = VTD_FIELD(e[0], 4, 2);
	flpm = VTD_FIELD(e[2], 3, 2);

	if ((e[0] & VTD_PTE0_RSVD) || (e[1] & VTD_PTE1_RSVD) ||
	    (e[2] & (VTD_PTE2_RSVD | VTD_PTE2_RSVD2)) ||
	    e[3] || e[4] || e[5] || e[6] || e[7])
		return VTD_FR_SM_PTE_RSVD;
	/* Fields that depend on an absent capability are reserved (9.6). */
	if ((pe->ssade && !k->ssads) || (pe->eafe && !k->eafs) ||
	    (pe->sre && !k->srs) || (pe->ere && !k->ers) || pe->did >= v->ndoms)
		return VTD_FR_SM_PTE_RSVD;

	switch (pe->pgtt) {
	case VTD_PGTT_FS:
		if (!k->fsts)
			return VTD_FR_SM_PTE_INVALID;
		break;
	case VTD_PGTT_SS:
		if (!k->ssts)
			return VTD_FR_SM_PTE_INVALID;
		break;
	case VTD_PGTT_NESTED:
		if (!k->nest || !k->fsts || !k->ssts)
			return VTD_FR_SM_PTE_INVALID;
		break;
	case VTD_PGTT_PT:
		if (!k->pt)
			return VTD_FR_SM_PTE_INVALID;
		break;
	default:
		return VTD_FR_SM_PTE_INVALID;
	}
	if (pe->pgtt == VTD_PGTT_SS || pe->pgtt == VTD_PGTT_NESTED) {
		if (!aw_supported(v, aw))
			return VTD_FR_SM_PTE_INVALID;
		pe->ss_levels = aw + 2;
		if (pe->ssptptr & ~v->haw_mask)
			return VTD_FR_SM_SSPTR_INVALID;
	}
	if (pe->pgtt == VTD_PGTT_FS || pe->pgtt == VTD_PGTT_NESTED) {
		if (flpm > 1 || (flpm == 1 && !k->fl5lp))
			return VTD_FR_SM_PTE_INVALID;
		pe->fs_levels = flpm ? 5 : 4;
		if (pe->pgtt == VTD_PGTT_FS && (pe->fsptptr & ~v->haw_mask))
			return VTD_FR_SM_PTE_RSVD;
	}
	return 0;
}

uint8_t vtd_pasid_miss(struct vtd *v, uint16_t sid, const struct vtd_context_entry *ce,
		       uint32_t pasid, const struct vtd_pasid_entry **out,
		       struct vtd_walk_acct *acct, bool *fpd)
{
	struct vtd_pasid_entry *pe, tmp = { 0 };
	uint8_t fr;

	fr = pasid_fetch(v, ce, pasid, &tmp, acct, fpd);
	if (fr)
		return fr;
	pe = cache_insert(v->cc[VTD_CACHE_PASID], pasid, sid);
	if (!pe) {
		v->pe_scratch = tmp;
		*out = &v->pe_scratch;
		return 0;
	}
	*pe = tmp;
	*out = pe;
	return 0;
}
