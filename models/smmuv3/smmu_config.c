// SPDX-License-Identifier: GPL-2.0-only
/*
 * smmu_config.c - configuration presets of the SMMUv3 model and the ID
 * registers (IDR0-IDR5, IIDR, AIDR) they imply.
 */
#include <errno.h>
#include <string.h>

#include "smmu_priv.h"

static void preset_full(struct smmu_config *c)
{
	memset(c, 0, sizeof(*c));
	c->s1p = c->s2p = true;
	c->ats = c->pri = true;
	c->httu_a = c->httu_d = true;
	c->msi = c->sev = true;
	c->asid16 = c->vmid16 = true;
	c->cd2l = c->st_2lvl = true;
	c->ril = true;
	c->stall_model = SMMU_STALL_MODEL_STALL_TERM;
	c->sidsize = 20;
	c->ssidsize = 20;
	c->oas = SMMU_PS_48;
	c->gran4k = c->gran16k = c->gran64k = true;
	c->cmdqs = 19;
	c->evtqs = 19;
	c->priqs = 19;
	c->stall_max = 64;
	c->iidr = 0x0000043b;   /* implementer JEP106 0x43b (Arm), product 0 */
	c->ste_cache = (struct cache_config){ 16, 4, CACHE_REPL_LRU };
	c->cd_cache = (struct cache_config){ 16, 4, CACHE_REPL_LRU };
	c->tlb = (struct cache_config){ 256, 4, CACHE_REPL_LRU };
	c->s1_walk = (struct cache_config){ 64, 4, CACHE_REPL_LRU };
	c->s2_walk = (struct cache_config){ 64, 4, CACHE_REPL_LRU };
	c->atc = (struct cache_config){ 16, 4, CACHE_REPL_LRU };
	c->miss_slots = 16;
	c->seed = 1;
	timing_params_default(&c->timing);
}

int smmu_config_preset(struct smmu_config *cfg, const char *name)
{
	preset_full(cfg);
	if (!name || !strcmp(name, "full"))
		return 0;
	if (!strcmp(name, "s1only")) {
		cfg->s2p = false;
		cfg->ats = cfg->pri = false;
		cfg->httu_a = cfg->httu_d = false;
		cfg->cd2l = cfg->st_2lvl = false;
		cfg->ril = false;
		cfg->asid16 = cfg->vmid16 = false;
		cfg->stall_model = SMMU_STALL_MODEL_TERM;
		cfg->sidsize = 16;
		cfg->ssidsize = 0;
		cfg->oas = SMMU_PS_44;
		cfg->gran16k = false;
		cfg->atc = (struct cache_config){ 0, 0, CACHE_REPL_LRU };
		cfg->s2_walk = (struct cache_config){ 0, 0, CACHE_REPL_LRU };
		return 0;
	}
	return -EINVAL;
}

const char *smmu_config_doc(void)
{
	return
	"smmu preset full: S1P+S2P (nesting), ATS, PRI, HTTU A+D, MSI, SEV, 16-bit ASID/VMID,\n"
	"  2-level STE/CD tables, range TLBI, stall+terminate, SIDSIZE=20 SSIDSIZE=20,\n"
	"  OAS 48 bits, 4K/16K/64K granules: the feature set of a current server SMMUv3.1\n"
	"  (e.g. Arm CoreLink MMU-600/700 as described in their TRMs)\n"
	"smmu preset s1only: stage 1 only, linear tables, no ATS/PRI/HTTU, terminate model,\n"
	"  8-bit ASID, SIDSIZE=16, no substreams, OAS 44, 4K/64K: a minimal SMMUv3.0\n"
	"ste_cache=16x4, cd_cache=16x4: configuration caches of tens of entries (MMU-600\n"
	"  TCU config cache order of magnitude)\n"
	"tlb=256x4: a TCU/TBU main TLB of about a thousand combined entries\n"
	"s1_walk=64x4, s2_walk=64x4: walk caches of a few hundred table entries per stage\n"
	"atc=16x4: a device ATC of 64 entries (PCIe endpoint order of magnitude)\n"
	"miss_slots=16: outstanding misses the TCU tracks for merging\n"
	"cmd_cycles[op]=0: every command costs timing.inv_desc_cycles, CMD_SYNC\n"
	"  timing.inv_sync_cycles plus its completion write\n";
}

static bool cache_ok(const struct cache_config *c)
{
	if (!c->sets || !c->ways)
		return true;
	return !(c->sets & (c->sets - 1));
}

int smmu_config_check(const struct smmu_config *c)
{
	if (!c->s1p && !c->s2p)
		return -EINVAL;
	if (!c->gran4k && !c->gran16k && !c->gran64k)
		return -EINVAL;
	if (c->sidsize > 32 || c->ssidsize > 20 || c->oas > SMMU_PS_52)
		return -EINVAL;
	if (c->cmdqs > 19 || c->evtqs > 19 || c->priqs > 19)
		return -EINVAL;
	if (c->stall_model > SMMU_STALL_MODEL_STALL_FORCE)
		return -EINVAL;
	if (!c->timing.clock_mhz)
		return -EINVAL;
	if (!cache_ok(&c->ste_cache) || !cache_ok(&c->cd_cache) || !cache_ok(&c->tlb) ||
	    !cache_ok(&c->s1_walk) || !cache_ok(&c->s2_walk) || !cache_ok(&c->atc))
		return -EINVAL;
	return 0;
}

void smmu_config_idregs(struct smmu *s)
{
	const struct smmu_config *c = &s->cfg;
	uint32_t httu = c->httu_d ? SMMU_IDR0_HTTU_AD : c->httu_a ? SMMU_IDR0_HTTU_A : 0;
	uint32_t idr0 = 0, idr1 = 0, idr3 = 0, idr5 = 0;

	if (c->s2p)
		idr0 |= SMMU_IDR0_S2P;
	if (c->s1p)
		idr0 |= SMMU_IDR0_S1P;
	idr0 |= SMMU_PREP(SMMU_IDR0_TTF, SMMU_IDR0_TTF_AARCH64);
	idr0 |= SMMU_IDR0_COHACC;
	idr0 |= SMMU_PREP(SMMU_IDR0_HTTU, httu);
	if (c->hyp)
		idr0 |= SMMU_IDR0_HYP;
	if (c->ats)
		idr0 |= SMMU_IDR0_ATS;
	if (c->asid16)
		idr0 |= SMMU_IDR0_ASID16;
	if (c->msi)
		idr0 |= SMMU_IDR0_MSI;
	if (c->sev)
		idr0 |= SMMU_IDR0_SEV;
	if (c->pri)
		idr0 |= SMMU_IDR0_PRI;
	if (c->vmid16)
		idr0 |= SMMU_IDR0_VMID16;
	if (c->cd2l)
		idr0 |= SMMU_IDR0_CD2L;
	idr0 |= SMMU_PREP(SMMU_IDR0_TTENDIAN, SMMU_IDR0_TTENDIAN_LE);
	idr0 |= SMMU_PREP(SMMU_IDR0_STALL_MODEL, c->stall_model);
	if (c->st_2lvl)
		idr0 |= SMMU_PREP(SMMU_IDR0_ST_LEVEL, SMMU_IDR0_ST_LEVEL_2LVL);

	idr1 |= SMMU_PREP(SMMU_IDR1_SIDSIZE, c->sidsize);
	idr1 |= SMMU_PREP(SMMU_IDR1_SSIDSIZE, c->ssidsize);
	idr1 |= SMMU_PREP(SMMU_IDR1_PRIQS, c->pri ? c->priqs : 0);
	idr1 |= SMMU_PREP(SMMU_IDR1_EVTQS, c->evtqs);
	idr1 |= SMMU_PREP(SMMU_IDR1_CMDQS, c->cmdqs);

	if (c->ril)
		idr3 |= SMMU_IDR3_RIL;

	idr5 |= SMMU_PREP(SMMU_IDR5_OAS, c->oas);
	if (c->gran4k)
		idr5 |= SMMU_IDR5_GRAN4K;
	if (c->gran16k)
		idr5 |= SMMU_IDR5_GRAN16K;
	if (c->gran64k)
		idr5 |= SMMU_IDR5_GRAN64K;
	if (c->stall_model != SMMU_STALL_MODEL_TERM)
		idr5 |= SMMU_PREP(SMMU_IDR5_STALL_MAX, c->stall_max);

	s->idr[0] = idr0;
	s->idr[1] = idr1;
	s->idr[2] = 0;
	s->idr[3] = idr3;
	s->idr[4] = 0;
	s->idr[5] = idr5;
	s->iidr = c->iidr;
	s->aidr = SMMU_PREP(SMMU_AIDR_ARCHMINORREV, 1); /* SMMUv3.1 */
}
