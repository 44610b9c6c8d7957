// SPDX-License-Identifier: GPL-2.0-only
/*
 * simsmmu_ste.c - the stream table (linear, 5.1), the STEs and CDs the
 * driver builds (5.2, 5.4), and the update sequence for a live STE.
 *
 * The SMMU may fetch an STE at any moment and reads each 64-bit word
 * single-copy atomically, but not the 64 bytes as a whole (3.21.3). So
 * an update must never let a fetch combine words of two configurations.
 * The driver knows which bits each configuration makes the SMMU read
 * ("used" bits, deliberately a superset). An update then goes:
 *   1. store the target value of every bit the current entry does not
 *      use (invisible to a fetch), then CFGI_STE + CMD_SYNC;
 *   2. if the used bits now differ in only one word, store that word:
 *      one atomic step from the old configuration to the new one;
 *   3. otherwise break: make the entry abort (V=1, Config=0, which uses
 *      no other bit), sync, store the other words, sync, store word 0.
 * A fetch therefore sees the old entry, the new entry or a legal abort,
 * never a torn or ILLEGAL one.
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>

#include "simsmmu.h"
#include "simsmmu_test.h"

static simsmmu_ste_hook_fn ste_hook;
static void *ste_hook_ctx;

void simsmmu_set_ste_hook(simsmmu_ste_hook_fn fn, void *ctx)
{
	ste_hook = fn;
	ste_hook_ctx = ctx;
}

int simsmmu_strtab_init(struct simsmmu_device *smmu)
{
	unsigned int bytes;
	struct page *pg;

	/* Sized by the caller (strtab_log2); every STE starts as abort */
	bytes = SSM_STE_WORDS * 8u << smmu->strtab_log2;
	smmu->strtab_order = get_order(bytes);
	pg = alloc_pages(GFP_KERNEL | __GFP_ZERO, smmu->strtab_order);
	if (!pg)
		return -ENOMEM;
	smmu->strtab = page_address(pg);
	smmu->strtab_pa = virt_to_phys(smmu->strtab);
	for (unsigned int sid = 0; sid < (1u << smmu->strtab_log2); sid++)
		simsmmu_ste_abort(smmu->strtab + SSM_STE_WORDS * sid);
	simsmmu_write(smmu, SSM_STRTAB_BASE, SSM_STRTAB_BASE_RA |
		      (smmu->strtab_pa & SSM_STRTAB_BASE_ADDR), 8);
	simsmmu_write(smmu, SSM_STRTAB_BASE_CFG,
		      SSM_SET(SSM_STRTAB_CFG_FMT, 0) |
		      SSM_SET(SSM_STRTAB_CFG_LOG2SIZE, smmu->strtab_log2), 4);
	return 0;
}

void simsmmu_strtab_free(struct simsmmu_device *smmu)
{
	if (smmu->strtab)
		free_pages((unsigned long)smmu->strtab, smmu->strtab_order);
	smmu->strtab = NULL;
}

void simsmmu_ste_abort(u64 *ste)
{
	memset(ste, 0, SSM_STE_WORDS * 8);
	ste[0] = SSM_STE0_V | SSM_SET(SSM_STE0_CONFIG, SSM_CFG_ABORT);
}

void simsmmu_ste_bypass(u64 *ste)
{
	memset(ste, 0, SSM_STE_WORDS * 8);
	ste[0] = SSM_STE0_V | SSM_SET(SSM_STE0_CONFIG, SSM_CFG_BYPASS);
	ste[1] = SSM_SET(SSM_STE1_SHCFG, SSM_SHCFG_INCOMING);
}

void simsmmu_ste_s1(struct simsmmu_master *m, u64 *ste, phys_addr_t cdtab)
{
	memset(ste, 0, SSM_STE_WORDS * 8);
	/* One CD (S1CDMax = 0): no substreams */
	ste[0] = SSM_STE0_V | SSM_SET(SSM_STE0_CONFIG, SSM_CFG_S1) |
		 (cdtab & SSM_STE0_S1CTXPTR);
	ste[1] = SSM_SET(SSM_STE1_S1CIR, SSM_WBRA) | SSM_SET(SSM_STE1_S1COR, SSM_WBRA) |
		 SSM_SET(SSM_STE1_S1CSH, SSM_ISH) | SSM_SET(SSM_STE1_SHCFG, SSM_SHCFG_INCOMING);
	/* Faults terminate: no stall unless the SMMU forces it (S1STALLD RES0 then) */
	if (SSM_GET(SSM_IDR0_STALL_MODEL, m->smmu->idr[0]) == 0)
		ste[1] |= SSM_STE1_S1STALLD;
	/* S2VMID 0 tags these stage-1 entries (TLBI_NH_* then name VMID 0) */
}

void simsmmu_ste_s2(struct simsmmu_domain *s2, u64 *ste)
{
	const struct simsmmu_pgtable *p = &s2->pgt;
	/* SL0 for a 4 KiB granule: 2 = level 0, 1 = level 1, 0 = level 2 */
	unsigned int sl0 = 2 - p->start_level;

	memset(ste, 0, SSM_STE_WORDS * 8);
	ste[0] = SSM_STE0_V | SSM_SET(SSM_STE0_CONFIG, SSM_CFG_S2);
	ste[1] = SSM_SET(SSM_STE1_SHCFG, SSM_SHCFG_INCOMING);
	ste[2] = SSM_SET(SSM_STE2_S2VMID, s2->vmid) | SSM_SET(SSM_STE2_S2T0SZ, 64 - p->ia_bits) |
		 SSM_SET(SSM_STE2_S2SL0, sl0) | SSM_SET(SSM_STE2_S2IR0, SSM_WBRA) |
		 SSM_SET(SSM_STE2_S2OR0, SSM_WBRA) | SSM_SET(SSM_STE2_S2SH0, SSM_ISH) |
		 SSM_SET(SSM_STE2_S2TG, 0) |
		 SSM_SET(SSM_STE2_S2PS, SSM_GET(SSM_IDR5_OAS, s2->smmu->idr[5])) |
		 SSM_STE2_S2AA64 | SSM_STE2_S2R;
	ste[3] = p->root_pa & SSM_STE3_S2TTB;
}

void simsmmu_cd_build(struct simsmmu_domain *d, u64 *cd)
{
	struct simsmmu_device *smmu = d->smmu;

	memset(cd, 0, SSM_CD_WORDS * 8);
	cd[0] = SSM_SET(SSM_CD0_T0SZ, 64 - d->pgt.ia_bits) | SSM_SET(SSM_CD0_TG0, 0) |
		SSM_SET(SSM_CD0_IR0, SSM_WBRA) | SSM_SET(SSM_CD0_OR0, SSM_WBRA) |
		SSM_SET(SSM_CD0_SH0, SSM_ISH) | SSM_CD0_EPD1 | SSM_CD0_V |
		SSM_SET(SSM_CD0_IPS, SSM_GET(SSM_IDR5_OAS, smmu->idr[5])) |
		SSM_CD0_AA64 | SSM_CD0_R | SSM_CD0_A | SSM_CD0_ASET |
		SSM_SET(SSM_CD0_ASID, d->asid);
	if (smmu->httu_a)
		cd[0] |= SSM_CD0_HA;
	if (d->dirty_tracking)
		cd[0] |= SSM_CD0_HD;
	cd[1] = d->pgt.root_pa & SSM_CD1_TTB0;
	cd[3] = SSM_CD3_MAIR;
}

/* Bits of each word the SMMU reads for the configuration in ste (a superset). */
static void ste_used(const u64 *ste, u64 *used)
{
	memset(used, 0, SSM_STE_WORDS * 8);
	used[0] = SSM_STE0_V;
	if (!(ste[0] & SSM_STE0_V))
		return;
	used[0] |= SSM_STE0_CONFIG;
	switch (SSM_GET(SSM_STE0_CONFIG, ste[0])) {
	case SSM_CFG_ABORT:
		break;
	case SSM_CFG_BYPASS:
		used[1] = ~0ULL;
		break;
	case SSM_CFG_S1:
		used[0] = ~0ULL;
		used[1] = ~0ULL;
		used[2] = ~0ULL;        /* S2VMID tags stage-1 entries */
		break;
	case SSM_CFG_S2:
		used[1] = ~0ULL;
		used[2] = ~0ULL;
		used[3] = ~0ULL;
		break;
	default:                        /* nested, and reserved values */
		used[0] = used[1] = used[2] = used[3] = ~0ULL;
		break;
	}
}

static void ste_store(struct simsmmu_device *smmu, u32 sid, unsigned int w, u64 v)
{
	u64 *ste = smmu->strtab + SSM_STE_WORDS * sid;

	if (ste[w] == v)
		return;
	WRITE_ONCE(ste[w], v);
	smmu->ste_stores++;
	if (ste_hook)
		ste_hook(ste_hook_ctx, sid, w, v);
}

void simsmmu_ste_install(struct simsmmu_device *smmu, u32 sid, const u64 *target)
{
	u64 *ste = smmu->strtab + SSM_STE_WORDS * sid;
	u64 used[SSM_STE_WORDS];
	unsigned int ncrit = 0, crit = 0;
	bool stored = false;

	if (!memcmp(ste, target, SSM_STE_WORDS * 8))
		return;
	smmu->ste_updates++;
	ste_used(ste, used);
	/* 1: bits the current configuration ignores */
	for (unsigned int w = 0; w < SSM_STE_WORDS; w++) {
		u64 v = (ste[w] & used[w]) | (target[w] & ~used[w]);

		if (v != ste[w]) {
			ste_store(smmu, sid, w, v);
			stored = true;
		}
	}
	if (stored)
		simsmmu_cmd_cfgi_ste(smmu, sid);
	for (unsigned int w = 0; w < SSM_STE_WORDS; w++) {
		if (ste[w] != target[w]) {
			ncrit++;
			crit = w;
		}
	}
	if (!ncrit)
		return;
	if (ncrit == 1) {
		/* 2: one atomic store from the old configuration to the new */
		smmu->ste_hitless++;
		ste_store(smmu, sid, crit, target[crit]);
		simsmmu_cmd_cfgi_ste(smmu, sid);
		return;
	}
	/* 3: break before make through a legal abort entry */
	smmu->ste_breaks++;
	ste_store(smmu, sid, 0, (ste[0] & ~SSM_STE0_CONFIG) | SSM_STE0_V |
		  SSM_SET(SSM_STE0_CONFIG, SSM_CFG_ABORT));
	simsmmu_cmd_cfgi_ste(smmu, sid);
	for (unsigned int w = 1; w < SSM_STE_WORDS; w++)
		ste_store(smmu, sid, w, target[w]);
	simsmmu_cmd_cfgi_ste(smmu, sid);
	ste_store(smmu, sid, 0, target[0]);
	simsmmu_cmd_cfgi_ste(smmu, sid);
}
