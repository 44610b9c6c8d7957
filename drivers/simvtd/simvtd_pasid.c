// SPDX-License-Identifier: GPL-2.0-only
/*
 * simvtd_pasid.c - scalable-mode root, context and PASID structures
 * (VT-d spec 9.2, 9.4-9.6). Each device gets a context entry at probe
 * that points at a one-page PASID directory; only the RID_PASID entry
 * (PASID 0) is used for domain attachment. Changes follow the spec's
 * "Guidance to Software for Invalidations" (6.5.3): a present entry is
 * torn down and its caches invalidated before it is rewritten.
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "simvtd.h"

/* PASID directory: one page of 8-byte entries = 512 entries = 2^(PDTS+7). */
#define PASID_DIR_ENTRIES       (PAGE_SIZE / VTD_PASID_DIR_SIZE)
#define PASID_DIR_PDTS          2

int simvtd_root_init(struct simvtd *v)
{
	v->root = (uint64_t *)get_zeroed_page(GFP_KERNEL);
	if (!v->root)
		return -ENOMEM;
	simvtd_wr64(v, VTD_RTADDR_REG, virt_to_phys(v->root) |
		    ((uint64_t)VTD_TTM_SCALABLE << VTD_RTADDR_TTM_SHIFT));
	return simvtd_gcmd(v, VTD_GCMD_SRTP, VTD_GSTS_RTPS);
}

void simvtd_root_fini(struct simvtd *v)
{
	for (int bus = 0; bus < 256; bus++) {
		for (int half = 0; half < 2; half++) {
			if (v->ctx[bus][half])
				free_page((unsigned long)v->ctx[bus][half]);
			v->ctx[bus][half] = NULL;
		}
	}
	if (v->root)
		free_page((unsigned long)v->root);
	v->root = NULL;
}

/* The 256-bit context entry of sid, allocating its table on first use. */
static uint64_t *context_entry(struct simvtd *v, uint16_t sid, bool alloc)
{
	unsigned int bus = sid >> 8, devfn = sid & 0xff, half = devfn >= 128;
	void *table = v->ctx[bus][half];

	if (!table) {
		if (!alloc)
			return NULL;
		table = (void *)get_zeroed_page(GFP_KERNEL);
		if (!table)
			return NULL;
		v->ctx[bus][half] = table;
		/* Root entry: lower qword for devfn 0-127, upper for 128-255. */
		WRITE_ONCE(v->root[bus * 2 + half], virt_to_phys(table) |
			   (half ? VTD_SM_ROOT_UP : VTD_SM_ROOT_LP));
	}
	return (uint64_t *)((char *)table + (devfn % 128) * VTD_SM_CTX_SIZE);
}

uint64_t *simvtd_pasid_entry(struct simvtd_dev *info, uint32_t pasid)
{
	if (pasid >= VTD_PASID_PER_TABLE || !info->pasid_table)
		return NULL;
	return (uint64_t *)((char *)info->pasid_table + pasid * VTD_PASID_ENTRY_SIZE);
}

static uint64_t context_qw0(struct simvtd_dev *info, bool pre)
{
	uint64_t qw0 = virt_to_phys(info->pasid_dir) |
		       ((uint64_t)PASID_DIR_PDTS << VTD_SM_CTX_PDTS_SHIFT) | VTD_SM_CTX_P;

	/* Requests with PASID are allowed only for PASID-capable devices. */
	if (info->pasid_bits)
		qw0 |= VTD_SM_CTX_PASIDE;
	if (pre)
		qw0 |= VTD_SM_CTX_PRE;
	return qw0;
}

int simvtd_context_setup(struct simvtd_dev *info)
{
	struct simvtd *v = info->vtd;
	uint64_t *ce;

	info->pasid_dir = (uint64_t *)get_zeroed_page(GFP_KERNEL);
	info->pasid_table = (void *)get_zeroed_page(GFP_KERNEL);
	ce = context_entry(v, info->sid, true);
	if (!info->pasid_dir || !info->pasid_table || !ce)
		return -ENOMEM;
	if (READ_ONCE(ce[0]) & VTD_SM_CTX_P)
		return -EBUSY;
	/* PASIDs 0-63 live in the first PASID table. */
	info->pasid_dir[0] = virt_to_phys(info->pasid_table) | VTD_PDE_P;
	ce[1] = SIMVTD_RID_PASID;       /* RID_PASID; RID_PRIV = 0 */
	ce[2] = 0;
	ce[3] = 0;
	WRITE_ONCE(ce[0], context_qw0(info, false));
	/* Not present -> present: flushing is harmless and covers any stale copy. */
	return simvtd_flush_context_dev(v, info->sid);
}

void simvtd_context_teardown(struct simvtd_dev *info)
{
	struct simvtd *v = info->vtd;
	uint64_t *ce = context_entry(v, info->sid, false);

	if (ce && (READ_ONCE(ce[0]) & VTD_SM_CTX_P)) {
		WRITE_ONCE(ce[0], 0);
		simvtd_flush_context_dev(v, info->sid);
		simvtd_flush_pasid_cache_global(v);
		simvtd_flush_iotlb_global(v);
	}
	/* free_page() of NULL is a no-op, as in Linux. */
	free_page((unsigned long)info->pasid_table);
	free_page((unsigned long)info->pasid_dir);
	info->pasid_table = NULL;
	info->pasid_dir = NULL;
}

int simvtd_context_set_pre(struct simvtd_dev *info, bool pre)
{
	uint64_t *ce = context_entry(info->vtd, info->sid, false);

	if (!ce || !(READ_ONCE(ce[0]) & VTD_SM_CTX_P))
		return -ENODEV;
	WRITE_ONCE(ce[0], context_qw0(info, pre));
	/* A present context entry changed: device-selective context flush. */
	return simvtd_flush_context_dev(info->vtd, info->sid);
}

static unsigned int pe_pgtt(const uint64_t *pe)
{
	return (pe[0] & VTD_PTE0_PGTT_MASK) >> VTD_PTE0_PGTT_SHIFT;
}

/* Invalidate what hardware may hold of a PASID entry (spec table 25). */
static void flush_pasid_entry(struct simvtd *v, uint16_t did, unsigned int pgtt,
			      uint32_t pasid)
{
	simvtd_flush_pasid_cache(v, did, pasid);
	if (pgtt == VTD_PGTT_SS || pgtt == VTD_PGTT_NESTED)
		simvtd_flush_iotlb(v, did, 0, ~0ULL, false);
	else
		simvtd_flush_piotlb(v, did, pasid, 0, 0, false, true);
}

void simvtd_pasid_clear(struct simvtd_dev *info)
{
	uint64_t *pe = simvtd_pasid_entry(info, SIMVTD_RID_PASID);
	uint16_t did;
	unsigned int pgtt;

	if (!pe || !(READ_ONCE(pe[0]) & VTD_PTE0_P))
		return;
	did = pe[1] & VTD_PTE1_DID_MASK;
	pgtt = pe_pgtt(pe);
	WRITE_ONCE(pe[0], 0);
	flush_pasid_entry(info->vtd, did, pgtt, SIMVTD_RID_PASID);
}

int simvtd_pasid_install(struct simvtd_dev *info, const uint64_t src[8])
{
	uint64_t *pe = simvtd_pasid_entry(info, SIMVTD_RID_PASID);

	if (!pe)
		return -ENODEV;
	simvtd_pasid_clear(info);
	/* Everything but qword 0 first, then qword 0 with P. */
	for (int i = 7; i >= 1; i--)
		WRITE_ONCE(pe[i], src[i]);
	WRITE_ONCE(pe[0], src[0]);
	return simvtd_flush_pasid_cache(info->vtd, src[1] & VTD_PTE1_DID_MASK,
					SIMVTD_RID_PASID);
}

int simvtd_pasid_set_ssade(struct simvtd_dev *info, bool on)
{
	uint64_t *pe = simvtd_pasid_entry(info, SIMVTD_RID_PASID);
	uint64_t qw0;
	unsigned int pgtt;

	if (!pe || !(READ_ONCE(pe[0]) & VTD_PTE0_P))
		return -ENODEV;
	qw0 = READ_ONCE(pe[0]);
	pgtt = pe_pgtt(pe);
	if (pgtt != VTD_PGTT_SS && pgtt != VTD_PGTT_NESTED)
		return -EOPNOTSUPP;
	if (!!(qw0 & VTD_PTE0_SSADE) == on)
		return 0;
	WRITE_ONCE(pe[0], on ? qw0 | VTD_PTE0_SSADE : qw0 & ~VTD_PTE0_SSADE);
	flush_pasid_entry(info->vtd, pe[1] & VTD_PTE1_DID_MASK, pgtt, SIMVTD_RID_PASID);
	return 0;
}
