// SPDX-License-Identifier: GPL-2.0-only
/*
 * smmu_cd.c - context descriptor lookup (5.3: linear and 2-level CD
 * tables, substreams) and CD decode with the ILLEGAL-CD rules of 5.4.
 * With stage 2 enabled, S1ContextPtr and L2Ptr are IPAs: every CD table
 * access goes through stage 2 (faults reported with CLASS=CD).
 */
#include <string.h>

#include "smmu_priv.h"

/* Physical address of an IPA (or PA when stage 2 is off) for a CD access. */
static int cd_addr(struct smmu_walk *w, const struct smmu_ste *ste, uint64_t addr,
		   uint64_t *pa)
{
	struct smmu_tlb_entry e;
	int r;

	if (!ste->s2) {
		*pa = addr;
		return 0;
	}
	w->in_cfg = true;
	r = smmu_s2_translate(w, addr, XLATE_READ, SMMU_CLASS_CD, &e);
	w->in_cfg = false;
	if (r)
		return r;
	*pa = e.oa | (addr & ((1ULL << e.shift) - 1));
	return 0;
}

static int cd_read(struct smmu_walk *w, enum inj_table t, uint64_t pa, void *dst, size_t len)
{
	struct smmu *s = w->s;

	w->cfg_refs++;
	s->st.cd_refs++;
	w->t += s->pipe.lat.rd;
	if (inj_table_read(s->base.inj, s->pm, t, -1, pa, len) || pmem_read(s->pm, pa, dst, len)) {
		memset(&w->fault, 0, sizeof(w->fault));
		w->fault.id = EVT_F_CD_FETCH;
		w->fault.fetch_addr = pa;
		return -1;
	}
	return 0;
}

int smmu_cd_fetch(struct smmu *s, struct smmu_walk *w, const struct smmu_ste *ste,
		  uint32_t ssid, uint64_t raw[8])
{
	uint64_t addr = ste->s1ctxptr, pa;

	if (ste->s1fmt != SMMU_S1FMT_LINEAR) {
		unsigned split = ste->s1fmt == SMMU_S1FMT_4K_L2 ? 6 : 10;
		uint64_t l1;

		if (cd_addr(w, ste, addr + (uint64_t)(ssid >> split) * 8, &pa) ||
		    cd_read(w, INJ_TBL_CD_L1, pa, &l1, sizeof(l1)))
			return -1;
		if (!(l1 & SMMU_L1CD_V)) {
			/* An invalid L1CD makes the substream out of range */
			memset(&w->fault, 0, sizeof(w->fault));
			w->fault.id = EVT_C_BAD_SUBSTREAMID;
			return -1;
		}
		addr = (l1 & SMMU_L1CD_L2PTR) + (uint64_t)(ssid & ((1u << split) - 1)) * SMMU_CD_SIZE;
	} else {
		addr += (uint64_t)ssid * SMMU_CD_SIZE;
	}
	if (cd_addr(w, ste, addr, &pa) || cd_read(w, INJ_TBL_CD, pa, raw, SMMU_CD_SIZE))
		return -1;
	return 0;
}

static bool granule_ok(const struct smmu *s, unsigned g)
{
	return (g == 12 && s->cfg.gran4k) || (g == 14 && s->cfg.gran16k) ||
	       (g == 16 && s->cfg.gran64k);
}

static bool decode_tt(const struct smmu *s, struct smmu_tt *tt, unsigned g, unsigned tsz,
		      uint64_t ttb, bool epd, unsigned oa_bits)
{
	memset(tt, 0, sizeof(*tt));
	tt->disabled = epd;
	if (epd)
		return true;    /* fields of a disabled half are ignored */
	if (!granule_ok(s, g) || tsz < 16 || tsz > 39)
		return false;
	tt->gshift = g;
	tt->ia_bits = 64 - tsz;
	tt->oa_bits = oa_bits;
	tt->start_level = vmsa_s1_start_level(g, tt->ia_bits);
	/* TTB is aligned to the size of the starting table (low bits RES0) */
	tt->ttb = ttb & ~((1ULL << (tt->ia_bits - vmsa_level_shift(g, tt->start_level) + 3)) - 1);
	return true;
}

int smmu_cd_decode(const struct smmu *s, const uint64_t raw[8], struct smmu_cd *cd)
{
	uint64_t d0 = raw[0];
	unsigned ips = smmu_ps_bits(SMMU_GET(SMMU_CD0_IPS, d0));
	unsigned oa = ips < smmu_oas_bits(s) ? ips : smmu_oas_bits(s);

	memset(cd, 0, sizeof(*cd));
	if (!(d0 & SMMU_CD0_V) || !(d0 & SMMU_CD0_AA64) || (d0 & SMMU_CD0_ENDI))
		return -1;
	if (!decode_tt(s, &cd->tt[0], vmsa_granule_shift_tg0(SMMU_GET(SMMU_CD0_TG0, d0)),
		       SMMU_GET(SMMU_CD0_T0SZ, d0), raw[1] & SMMU_CD1_TTB0,
		       d0 & SMMU_CD0_EPD0, oa))
		return -1;
	if (!decode_tt(s, &cd->tt[1], vmsa_granule_shift_tg1(SMMU_GET(SMMU_CD0_TG1, d0)),
		       SMMU_GET(SMMU_CD0_T1SZ, d0), raw[2] & SMMU_CD2_TTB1,
		       d0 & SMMU_CD0_EPD1, oa))
		return -1;
	cd->asid = SMMU_GET(SMMU_CD0_ASID, d0) & (s->cfg.asid16 ? 0xffff : 0xff);
	cd->affd = d0 & SMMU_CD0_AFFD;
	smmu_httu(s, d0 & SMMU_CD0_HA, d0 & SMMU_CD0_HD, &cd->ha, &cd->hd);
	cd->wxn = d0 & SMMU_CD0_WXN;
	cd->uwxn = d0 & SMMU_CD0_UWXN;
	cd->r = d0 & SMMU_CD0_R;
	cd->a = d0 & SMMU_CD0_A;
	cd->stall = d0 & SMMU_CD0_S;
	if (cd->stall && s->cfg.stall_model == SMMU_STALL_MODEL_TERM)
		return -1;
	if (s->cfg.stall_model == SMMU_STALL_MODEL_STALL_FORCE)
		cd->stall = true;
	return 0;
}
