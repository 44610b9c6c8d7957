// SPDX-License-Identifier: GPL-2.0-only
/*
 * simvtd_qi.c - queued invalidation (VT-d spec 6.5.2): descriptors go
 * into a one-page ring in simulated memory, each batch ends with an
 * invalidation wait descriptor whose status write tells the driver the
 * hardware got through. An invalidation queue error (FSTS.IQE) is taken
 * out of the way by overwriting the bad descriptor with a harmless wait
 * and clearing IQE, so the queue keeps going (as Linux does).
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "simvtd.h"

#define IQ_BYTES        PAGE_SIZE
#define IQ_SLOTS        (IQ_BYTES / SIMVTD_IQ_DESC)

int simvtd_qi_init(struct simvtd *v)
{
	v->iq = (void *)get_zeroed_page(GFP_KERNEL);
	v->wait_status = (uint32_t *)get_zeroed_page(GFP_KERNEL);
	if (!v->iq || !v->wait_status)
		return -ENOMEM;
	v->iq_tail = 0;
	simvtd_wr64(v, VTD_IQT_REG, 0);
	/* QS = 0: one page; DW: 256-bit descriptors, required in scalable mode. */
	simvtd_wr64(v, VTD_IQA_REG, virt_to_phys(v->iq) | VTD_IQA_DW);
	return simvtd_gcmd(v, VTD_GCMD_QIE, VTD_GSTS_QIES);
}

void simvtd_qi_fini(struct simvtd *v)
{
	free_page((unsigned long)v->iq);
	free_page((unsigned long)v->wait_status);
	v->iq = NULL;
	v->wait_status = NULL;
}

/* The hardware stopped on a bad descriptor: replace it and resume. */
static void qi_recover(struct simvtd *v)
{
	uint64_t iqh = simvtd_rd64(v, VTD_IQH_REG) & VTD_IQ_QH_MASK;
	uint64_t iqercd = simvtd_rd64(v, VTD_IQERCD_REG);
	uint64_t *bad = (uint64_t *)((char *)v->iq + iqh);

	pr_err("%s: invalidation queue error at head 0x%llx (IQEI %llu)\n", v->name,
	       (unsigned long long)iqh,
	       (unsigned long long)(iqercd & VTD_IQERCD_IQEI_MASK));
	memset(bad, 0, SIMVTD_IQ_DESC);
	bad[0] = VTD_INV_WAIT;  /* no status write, no interrupt */
	simvtd_wr32(v, VTD_FSTS_REG, VTD_FSTS_IQE);
}

int simvtd_qi_submit(struct simvtd *v, const struct simvtd_desc *d, unsigned int n)
{
	uint64_t saddr = virt_to_phys(v->wait_status);
	uint32_t seq = ++v->wait_seq;
	int ret = 0;

	if (WARN_ON(n + 1 >= IQ_SLOTS))
		return -EINVAL;
	if (n && shim_hw_skip_invalidation())
		n = 0;          /* injected: a forgotten flush, its wait still sent */
	for (unsigned int i = 0; i <= n; i++) {
		uint64_t *slot = (uint64_t *)((char *)v->iq + v->iq_tail);

		if (i < n) {
			memcpy(slot, d[i].qw, sizeof(d[i].qw));
		} else {
			memset(slot, 0, SIMVTD_IQ_DESC);
			slot[0] = VTD_INV_WAIT | VTD_INV_WAIT_SW |
				  ((uint64_t)seq << VTD_INV_WAIT_SDATA_SHIFT);
			slot[1] = saddr & VTD_INV_WAIT_SADDR_MASK;
		}
		v->iq_tail = (v->iq_tail + SIMVTD_IQ_DESC) % IQ_BYTES;
	}
	/* The model runs the queue to the tail within this write. */
	simvtd_wr64(v, VTD_IQT_REG, v->iq_tail);
	for (int tries = 0; READ_ONCE(*v->wait_status) != seq; tries++) {
		if (!(simvtd_rd32(v, VTD_FSTS_REG) & VTD_FSTS_IQE) || tries > n + 1) {
			pr_err("%s: invalidation wait did not complete\n", v->name);
			return -ETIMEDOUT;
		}
		qi_recover(v);
		ret = -EIO;
	}
	return ret;
}

/* One descriptor (the upper 128 bits unused), submitted with its wait. */
static int qi_one(struct simvtd *v, uint64_t qw0, uint64_t qw1)
{
	struct simvtd_desc d = { .qw = { qw0, qw1, 0, 0 } };

	return simvtd_qi_submit(v, &d, 1);
}

int simvtd_flush_context_dev(struct simvtd *v, uint16_t sid)
{
	return qi_one(v, VTD_INV_CC | ((uint64_t)VTD_INV_CC_G_DEVICE << VTD_INV_G_SHIFT) |
		      ((uint64_t)sid << VTD_INV_CC_SID_SHIFT), 0);
}

int simvtd_flush_context_global(struct simvtd *v)
{
	return qi_one(v, VTD_INV_CC | ((uint64_t)VTD_INV_CC_G_GLOBAL << VTD_INV_G_SHIFT), 0);
}

int simvtd_flush_pasid_cache(struct simvtd *v, uint16_t did, uint32_t pasid)
{
	return qi_one(v, VTD_INV_PC | ((uint64_t)VTD_INV_PC_G_PASID << VTD_INV_G_SHIFT) |
		      ((uint64_t)did << VTD_INV_DID_SHIFT) |
		      ((uint64_t)pasid << VTD_INV_PASID_SHIFT), 0);
}

int simvtd_flush_pasid_cache_global(struct simvtd *v)
{
	return qi_one(v, VTD_INV_PC | ((uint64_t)VTD_INV_PC_G_GLOBAL << VTD_INV_G_SHIFT), 0);
}

int simvtd_flush_iotlb_global(struct simvtd *v)
{
	return qi_one(v, VTD_INV_IOTLB | VTD_INV_IOTLB_DR | VTD_INV_IOTLB_DW |
		      ((uint64_t)VTD_INV_IOTLB_G_GLOBAL << VTD_INV_G_SHIFT), 0);
}

unsigned int simvtd_psi_mask(uint64_t start, uint64_t end, uint64_t *base)
{
	uint64_t s = start >> 12, e = end >> 12;
	unsigned int am = 0;

	/* Grow the naturally aligned block until it covers the last page. */
	while (am < 52 && ((s >> am) << am) + (1ULL << am) - 1 < e)
		am++;
	*base = ((s >> am) << am) << 12;
	return am;
}

int simvtd_flush_iotlb(struct simvtd *v, uint16_t did, uint64_t start, uint64_t end,
		       bool ih)
{
	unsigned int mamv = (v->cap & VTD_CAP_MAMV_MASK) >> VTD_CAP_MAMV_SHIFT;
	uint64_t qw0 = VTD_INV_IOTLB | VTD_INV_IOTLB_DR | VTD_INV_IOTLB_DW |
		       ((uint64_t)did << VTD_INV_DID_SHIFT);
	uint64_t base;
	unsigned int am = simvtd_psi_mask(start, end, &base);

	if (!(v->cap & VTD_CAP_PSI) || am > mamv)
		return qi_one(v, qw0 | ((uint64_t)VTD_INV_IOTLB_G_DOMAIN << VTD_INV_G_SHIFT), 0);
	return qi_one(v, qw0 | ((uint64_t)VTD_INV_IOTLB_G_PAGE << VTD_INV_G_SHIFT),
		      base | (ih ? VTD_INV_IH : 0) | am);
}

int simvtd_flush_piotlb(struct simvtd *v, uint16_t did, uint32_t pasid,
			uint64_t start, uint64_t end, bool ih, bool all)
{
	unsigned int mamv = (v->cap & VTD_CAP_MAMV_MASK) >> VTD_CAP_MAMV_SHIFT;
	uint64_t qw0 = VTD_INV_PIOTLB | ((uint64_t)did << VTD_INV_DID_SHIFT) |
		       ((uint64_t)pasid << VTD_INV_PASID_SHIFT);
	uint64_t base = 0;
	unsigned int am = all ? 0 : simvtd_psi_mask(start, end, &base);

	if (all || am > mamv)
		return qi_one(v, qw0 | ((uint64_t)VTD_INV_PIOTLB_G_PASID << VTD_INV_G_SHIFT), 0);
	return qi_one(v, qw0 | ((uint64_t)VTD_INV_PIOTLB_G_PAGE << VTD_INV_G_SHIFT),
		      base | (ih ? VTD_INV_IH : 0) | am);
}

int simvtd_page_group_response(struct simvtd *v, uint16_t rid, bool pasid_present,
			       uint32_t pasid, unsigned int prgi, bool lpig,
			       unsigned int code)
{
	return qi_one(v, VTD_INV_PGRP_RESP |
		      (pasid_present ? VTD_INV_PGRP_PP : 0) |
		      ((uint64_t)(code & 0xf) << VTD_INV_PGRP_RC_SHIFT) |
		      ((uint64_t)rid << VTD_INV_PGRP_RID_SHIFT) |
		      ((uint64_t)(pasid & 0xfffff) << VTD_INV_PASID_SHIFT),
		      (lpig ? VTD_INV_PGRP_LPIG : 0) |
		      (((uint64_t)prgi << VTD_INV_PGRP_PRGI_SHIFT) & VTD_INV_PGRP_PRGI_MASK));
}
