// SPDX-License-Identifier: GPL-2.0-only
/*
 * smmu_ste.c - stream table lookup (5.1: linear and 2-level) and STE
 * decode with the ILLEGAL-STE rules of 5.2 that this model implements.
 */
#include <string.h>

#include "smmu_priv.h"

static void fault(struct smmu_fault *f, uint8_t id, uint64_t fetch)
{
	memset(f, 0, sizeof(*f));
	f->id = id;
	f->fetch_addr = fetch;
}

int smmu_ste_fetch(struct smmu *s, uint32_t sid, uint64_t raw[8], uint16_t *refs,
		   struct smmu_fault *f)
{
	uint64_t base = s->strtab_base & SMMU_STRTAB_BASE_ADDR;
	unsigned log2size = SMMU_GET(SMMU_STRTAB_BASE_CFG_LOG2SIZE, s->strtab_base_cfg);
	unsigned fmt = SMMU_GET(SMMU_STRTAB_BASE_CFG_FMT, s->strtab_base_cfg);
	uint64_t ste_pa;

	*refs = 0;
	/* STRTAB_BASE_CFG.LOG2SIZE beyond IDR1.SIDSIZE behaves as SIDSIZE */
	if (log2size > s->cfg.sidsize)
		log2size = s->cfg.sidsize;
	if (log2size < 32 && (uint64_t)sid >> log2size) {
		fault(f, EVT_C_BAD_STREAMID, 0);
		return -1;
	}
	if (fmt == SMMU_STRTAB_FMT_2LVL && s->cfg.st_2lvl) {
		unsigned split = SMMU_GET(SMMU_STRTAB_BASE_CFG_SPLIT, s->strtab_base_cfg);
		uint64_t l1_pa, l1;
		unsigned span, l2idx;

		if (split != 6 && split != 8 && split != 10)
			split = 6;      /* reserved SPLIT values behave as 6 */
		l1_pa = base + (uint64_t)(sid >> split) * 8;
		(*refs)++;
		if (inj_table_read(s->base.inj, s->pm, INJ_TBL_STE_L1, -1, l1_pa, 8) ||
		    pmem_read64(s->pm, l1_pa, &l1)) {
			fault(f, EVT_F_STE_FETCH, l1_pa);
			return -1;
		}
		span = SMMU_GET(SMMU_L1STD_SPAN, l1);
		l2idx = sid & ((1u << split) - 1);
		/* Span 0 is an invalid descriptor; beyond SPLIT+1 is ILLEGAL */
		if (!span || span > split + 1 || l2idx >= (1u << (span - 1))) {
			fault(f, EVT_C_BAD_STREAMID, 0);
			return -1;
		}
		ste_pa = (l1 & SMMU_L1STD_L2PTR) + (uint64_t)l2idx * SMMU_STE_SIZE;
	} else {
		ste_pa = base + (uint64_t)sid * SMMU_STE_SIZE;
	}
	(*refs)++;
	if (inj_table_read(s->base.inj, s->pm, INJ_TBL_STE, -1, ste_pa, SMMU_STE_SIZE) ||
	    pmem_read(s->pm, ste_pa, raw, SMMU_STE_SIZE)) {
		fault(f, EVT_F_STE_FETCH, ste_pa);
		return -1;
	}
	return 0;
}

/* Stage 2 regime from STE dword 2/3; false when ILLEGAL. */
static bool decode_s2(const struct smmu *s, const uint64_t raw[8], struct smmu_ste *ste)
{
	uint64_t d2 = raw[2];
	unsigned tg = SMMU_GET(SMMU_STE2_S2TG, d2);
	unsigned g = vmsa_granule_shift_tg0(tg);
	unsigned ia = 64 - SMMU_GET(SMMU_STE2_S2T0SZ, d2);
	unsigned ps = SMMU_GET(SMMU_STE2_S2PS, d2);
	unsigned oas = smmu_oas_bits(s);
	struct smmu_tt *tt = &ste->s2tt;
	int lvl;

	if (!(d2 & SMMU_STE2_S2AA64))
		return false;   /* TTF is AArch64 only */
	if (d2 & SMMU_STE2_S2ENDI)
		return false;   /* little-endian tables only (IDR0.TTENDIAN) */
	if (!g || (g == 12 && !s->cfg.gran4k) || (g == 14 && !s->cfg.gran16k) ||
	    (g == 16 && !s->cfg.gran64k))
		return false;
	/* The IPA size is limited by IAS (= OAS for AArch64-only SMMUs) */
	if (ia > oas || ia < 25)
		return false;
	if (!vmsa_s2_start_level(g, SMMU_GET(SMMU_STE2_S2SL0, d2), ia, oas, &lvl))
		return false;
	tt->gshift = g;
	tt->ia_bits = ia;
	tt->oa_bits = smmu_ps_bits(ps) < oas ? smmu_ps_bits(ps) : oas;
	tt->start_level = lvl;
	/* The concatenated starting table is aligned to its own size */
	tt->ttb = raw[3] & SMMU_STE3_S2TTB &
		  ~((1ULL << (ia - vmsa_level_shift(g, lvl) + 3)) - 1);
	tt->disabled = false;
	ste->vmid = SMMU_GET(SMMU_STE2_S2VMID, d2) & (s->cfg.vmid16 ? 0xffff : 0xff);
	ste->s2affd = d2 & SMMU_STE2_S2AFFD;
	smmu_httu(s, d2 & SMMU_STE2_S2HA, d2 & SMMU_STE2_S2HD, &ste->s2ha, &ste->s2hd);
	ste->s2s = d2 & SMMU_STE2_S2S;
	ste->s2r = d2 & SMMU_STE2_S2R;
	if (ste->s2s && s->cfg.stall_model == SMMU_STALL_MODEL_TERM)
		return false;
	return true;
}

int smmu_ste_decode(const struct smmu *s, const uint64_t raw[8], struct smmu_ste *ste)
{
	uint64_t d0 = raw[0], d1 = raw[1];

	memset(ste, 0, sizeof(*ste));
	if (!(d0 & SMMU_STE0_V))
		return -1;
	ste->config = SMMU_GET(SMMU_STE0_CONFIG, d0);
	switch (ste->config) {
	case SMMU_STE_CONFIG_ABORT:
	case SMMU_STE_CONFIG_BYPASS:
		return 0;
	case SMMU_STE_CONFIG_S1:
	case SMMU_STE_CONFIG_S2:
	case SMMU_STE_CONFIG_NESTED:
		break;
	default:
		return -1;      /* 0b001-0b011 reserved */
	}
	ste->s1 = ste->config & 1;
	ste->s2 = ste->config & 2;
	if ((ste->s1 && !s->cfg.s1p) || (ste->s2 && !s->cfg.s2p))
		return -1;
	ste->strw = SMMU_GET(SMMU_STE1_STRW, d1);
	if (ste->strw == 1 || ste->strw == 3 || (ste->strw == SMMU_STRW_EL2 && !s->cfg.hyp))
		return -1;
	ste->eats = SMMU_GET(SMMU_STE1_EATS, d1);
	if (!s->cfg.ats)
		ste->eats = SMMU_EATS_ABORT;    /* RES0 without ATS */
	else if (ste->eats == 3 || (ste->eats == SMMU_EATS_S1CHK && !ste->s2))
		return -1;
	if (ste->s2) {
		if (!decode_s2(s, raw, ste))
			return -1;
	} else if (s->cfg.s2p) {
		/* S2VMID still tags stage-1-only TLB entries when S2P == 1 */
		ste->vmid = SMMU_GET(SMMU_STE2_S2VMID, raw[2]) & (s->cfg.vmid16 ? 0xffff : 0xff);
	}
	if (ste->s1) {
		ste->s1fmt = SMMU_GET(SMMU_STE0_S1FMT, d0);
		ste->s1cdmax = SMMU_GET(SMMU_STE0_S1CDMAX, d0);
		ste->s1ctxptr = d0 & SMMU_STE0_S1CONTEXTPTR;
		ste->s1dss = SMMU_GET(SMMU_STE1_S1DSS, d1);
		ste->s1stalld = d1 & SMMU_STE1_S1STALLD;
		if (ste->s1cdmax > s->cfg.ssidsize)
			return -1;
		if (ste->s1cdmax) {
			if (ste->s1fmt == 3 || (ste->s1fmt && !s->cfg.cd2l))
				return -1;
			if (ste->s1dss == 3)
				return -1;
		} else {
			ste->s1fmt = SMMU_S1FMT_LINEAR; /* ignored with one CD */
		}
		if (ste->s1stalld && s->cfg.stall_model == SMMU_STALL_MODEL_STALL_FORCE)
			return -1;
	}
	return 0;
}
