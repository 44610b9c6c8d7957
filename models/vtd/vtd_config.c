// SPDX-License-Identifier: GPL-2.0-only
/*
 * vtd_config.c - configuration presets and the CAP/ECAP values they give.
 */
#include <string.h>

#include "vtd_internal.h"

static void caches_default(struct vtd_config *c, bool big)
{
	c->context_cache = (struct cache_config){ 16, 4, CACHE_REPL_LRU };
	c->pasid_cache = (struct cache_config){ 16, 4, CACHE_REPL_LRU };
	c->iotlb = (struct cache_config){ big ? 64 : 32, 8, CACHE_REPL_PLRU };
	c->fs_psc = (struct cache_config){ 8, 4, CACHE_REPL_LRU };
	c->ss_psc = (struct cache_config){ 8, 4, CACHE_REPL_LRU };
	c->devtlb = (struct cache_config){ big ? 16 : 0, 4, CACHE_REPL_LRU };
}

/*
 * What both presets have: scalable mode with first- and second-stage
 * translation, PASIDs and queued invalidation. The model reads memory
 * directly, so walks are coherent (ECAP.C: no clflush).
 */
#define VTD_CAPS_SCALABLE							\
	.version = 0x30, .nd = 6, .mamv = 9, .pss = 20, .psi = true,		\
	.coherent = true, .qi = true, .pt = true, .sc = true, .pasid = true,	\
	.smts = true, .fsts = true, .ssts = true, .srs = true, .sllps_2m = true

static const struct vtd_caps preset_caps[] = {
	[VTD_PRESET_MINIMAL] = {
		VTD_CAPS_SCALABLE,
		.mgaw = 39, .sagaw = VTD_SAGAW_39 | VTD_SAGAW_48, .nfr = 4,
	},
	[VTD_PRESET_SPR] = {
		VTD_CAPS_SCALABLE,
		.mgaw = 52, .sagaw = VTD_SAGAW_48 | VTD_SAGAW_57, .nfr = 8,
		.sllps_1g = true, .fl1gp = true, .fl5lp = true, .dt = true,
		.nest = true, .prs = true, .ers = true, .ssads = true, .eafs = true,
	},
};

void vtd_config_preset(struct vtd_config *cfg, enum vtd_preset p)
{
	bool minimal = p == VTD_PRESET_MINIMAL;    /* anything else is SPR */

	memset(cfg, 0, sizeof(*cfg));
	cfg->caps = preset_caps[minimal ? VTD_PRESET_MINIMAL : VTD_PRESET_SPR];
	timing_params_default(&cfg->timing);
	cfg->ats_rtt_ns = 500;
	cfg->miss_table_entries = 16;
	cfg->seed = 1;
	caches_default(cfg, !minimal);
}

int vtd_config_preset_name(struct vtd_config *cfg, const char *name)
{
	if (!name)
		return -1;
	if (!strcmp(name, "spr"))
		vtd_config_preset(cfg, VTD_PRESET_SPR);
	else if (!strcmp(name, "minimal"))
		vtd_config_preset(cfg, VTD_PRESET_MINIMAL);
	else
		return -1;
	return 0;
}

void vtd_caps_regs(const struct vtd_config *cfg, uint64_t *cap, uint64_t *ecap)
{
	const struct vtd_caps *k = &cfg->caps;
	uint64_t c = 0, e = 0;
	unsigned nfr = k->nfr ? k->nfr : 1;

	c |= k->nd & VTD_CAP_ND_MASK;
	c |= ((uint64_t)k->sagaw << VTD_CAP_SAGAW_SHIFT) & VTD_CAP_SAGAW_MASK;
	c |= ((uint64_t)(k->mgaw - 1) << VTD_CAP_MGAW_SHIFT) & VTD_CAP_MGAW_MASK;
	c |= ((uint64_t)(VTD_FRO_OFFSET / 16) << VTD_CAP_FRO_SHIFT) & VTD_CAP_FRO_MASK;
	c |= (uint64_t)((k->sllps_2m ? VTD_SLLPS_2M : 0) |
			(k->sllps_1g ? VTD_SLLPS_1G : 0)) << VTD_CAP_SLLPS_SHIFT;
	if (k->psi)
		c |= VTD_CAP_PSI;
	c |= ((uint64_t)(nfr - 1) << VTD_CAP_NFR_SHIFT) & VTD_CAP_NFR_MASK;
	c |= ((uint64_t)k->mamv << VTD_CAP_MAMV_SHIFT) & VTD_CAP_MAMV_MASK;
	c |= VTD_CAP_DWD | VTD_CAP_DRD;
	if (k->fl1gp)
		c |= VTD_CAP_FL1GP;
	if (k->fl5lp)
		c |= VTD_CAP_FL5LP;

	if (k->coherent)
		e |= VTD_ECAP_C;
	if (k->qi)
		e |= VTD_ECAP_QI;
	if (k->dt)
		e |= VTD_ECAP_DT;
	if (k->pt)
		e |= VTD_ECAP_PT;
	if (k->sc)
		e |= VTD_ECAP_SC;
	e |= ((uint64_t)(VTD_IRO_OFFSET / 16) << VTD_ECAP_IRO_SHIFT) & VTD_ECAP_IRO_MASK;
	e |= VTD_ECAP_MHMV_MASK;        /* any handle mask (IR not modeled) */
	if (k->nest)
		e |= VTD_ECAP_NEST;
	/*
	 * Page requests reach the page request queue as the request is
	 * translated, so a wait descriptor with PD (page-request drain,
	 * VT-d 6.5.2.9) finds them drained: PDS comes with PRS. Linux uses
	 * PRI only where both are set (intel/iommu.c, probe_device).
	 */
	if (k->prs)
		e |= VTD_ECAP_PRS | VTD_ECAP_PDS;
	if (k->ers)
		e |= VTD_ECAP_ERS;
	if (k->srs)
		e |= VTD_ECAP_SRS;
	if (k->eafs)
		e |= VTD_ECAP_EAFS;
	if (k->pasid) {
		e |= VTD_ECAP_PASID;
		e |= ((uint64_t)(k->pss - 1) << VTD_ECAP_PSS_SHIFT) & VTD_ECAP_PSS_MASK;
	}
	if (k->smts)
		e |= VTD_ECAP_SMTS;
	/*
	 * Scalable-mode walks read simulated memory directly, coherent with
	 * the CPU as ECAP.C says for legacy mode (VT-d 11.4.3, SMPWC): Linux
	 * requires it for second-stage dirty tracking (ssads_supported()).
	 */
	if (k->smts && k->coherent)
		e |= VTD_ECAP_SMPWCS;
	if (k->ssads)
		e |= VTD_ECAP_SSADS;
	if (k->ssts)
		e |= VTD_ECAP_SSTS;
	if (k->fsts)
		e |= VTD_ECAP_FSTS;
	*cap = c;
	*ecap = e;
}

uint64_t vtd_config_cap(const struct vtd_config *cfg)
{
	uint64_t c, e;

	vtd_caps_regs(cfg, &c, &e);
	return c;
}

uint64_t vtd_config_ecap(const struct vtd_config *cfg)
{
	uint64_t c, e;

	vtd_caps_regs(cfg, &c, &e);
	return e;
}

const char *vtd_config_doc(void)
{
	return
	"VT-d model configuration (struct vtd_config)\n"
	"caps (spr): VT-d 3.0 scalable mode, MGAW 52, SAGAW 48/57-bit, FS 4/5-level\n"
	"  with 1G pages, SS 2M/1G, nesting, PASID 20 bits, PRS, ERS, SRS, SSADS,\n"
	"  EAFS, device TLB, 8 fault records: the feature set Linux 6.12 reports\n"
	"  for Sapphire Rapids-class parts (a configuration, not a datasheet).\n"
	"caps (minimal): scalable mode with FS 4-level and SS 3/4-level only,\n"
	"  MGAW 39, 2M SS pages, no nesting/PRS/DT/SSADS, 4 fault records.\n"
	"caches: context 16x4 LRU, PASID 16x4 LRU, IOTLB 64x8 PLRU (spr) / 32x8,\n"
	"  FS and SS paging-structure caches 8x4 LRU, device TLB 16x4 (spr only):\n"
	"  sizes of the order published for server IOMMUs (hundreds of IOTLB\n"
	"  entries, tens of context/PASID entries); all are knobs.\n"
	"ats_rtt_ns=500: PCIe request/completion round trip through a root port,\n"
	"  a few hundred ns on Gen4/Gen5 links; paid per ATS translation request and\n"
	"  per device-TLB invalidation.\n"
	"miss_table_entries=16: in-flight walks that later misses can join.\n"
	"timing: see timing_params_doc().\n";
}
