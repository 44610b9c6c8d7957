// SPDX-License-Identifier: GPL-2.0-only
/*
 * vtd_qi.c - queued invalidation (spec 6.5.2): fetch descriptors from
 * IQH up to IQT, carry each out against the caches, and stop with IQE in
 * FSTS (IQH left on the offending descriptor) on a malformed one. The
 * queue resumes when software clears IQE. Each descriptor costs
 * inv_desc_cycles, a wait descriptor inv_sync_cycles plus its status
 * write; the engine's busy time is tracked in qi_time.
 */
#include "vtd_internal.h"

static unsigned desc_type(uint64_t qw0)
{
	return (unsigned)(VTD_FIELD(qw0, 3, 0) | VTD_FIELD(qw0, 11, 9) << 4);
}

/* Bits a descriptor may have set in qw0/qw1; anything else is reserved. */
struct desc_layout {
	uint64_t qw0, qw1;
};

static const struct desc_layout layouts[] = {
	[VTD_INV_CC] = { (VTD_GENMASK(11, 0) & ~VTD_GENMASK(8, 6)) | VTD_GENMASK(49, 16), 0 },
	[VTD_INV_IOTLB] = { VTD_GENMASK(31, 16) | VTD_GENMASK(11, 9) | VTD_GENMASK(7, 0),
			    VTD_GENMASK(63, 12) | VTD_GENMASK(6, 0) },
	[VTD_INV_DEVTLB] = { VTD_GENMASK(63, 52) | VTD_GENMASK(47, 32) | VTD_GENMASK(20, 12) |
			     VTD_GENMASK(11, 9) | VTD_GENMASK(3, 0),
			     VTD_GENMASK(63, 12) | VTD_BIT(0) },
	[VTD_INV_IEC] = { ~0ULL, ~0ULL },
	[VTD_INV_WAIT] = { VTD_GENMASK(63, 32) | VTD_GENMASK(11, 9) | VTD_GENMASK(7, 0),
			   VTD_GENMASK(63, 2) },
	[VTD_INV_PIOTLB] = { VTD_GENMASK(51, 32) | VTD_GENMASK(31, 16) | VTD_GENMASK(11, 9) |
			     VTD_GENMASK(5, 0), VTD_GENMASK(63, 12) | VTD_GENMASK(6, 0) },
	[VTD_INV_PC] = { VTD_GENMASK(51, 32) | VTD_GENMASK(31, 16) | VTD_GENMASK(11, 9) |
			 VTD_GENMASK(5, 0), 0 },
	[VTD_INV_PDEVTLB] = { VTD_GENMASK(63, 52) | VTD_GENMASK(51, 32) | VTD_GENMASK(31, 16) |
			      VTD_GENMASK(15, 12) | VTD_GENMASK(11, 9) | VTD_GENMASK(8, 4) |
			      VTD_GENMASK(3, 0),
			      VTD_GENMASK(63, 12) | VTD_BIT(11) | VTD_BIT(0) },
	[VTD_INV_PGRP_RESP] = { VTD_GENMASK(51, 32) | VTD_GENMASK(31, 16) | VTD_GENMASK(15, 12) |
				VTD_GENMASK(11, 9) | VTD_GENMASK(4, 0),
				VTD_GENMASK(11, 2) },
};

/* A descriptor's effect on the caches (CC, IOTLB, PIOTLB, PC, (P)DEVTLB). */
static void qi_apply(struct vtd *v, const uint64_t *d)
{
	unsigned g = VTD_FIELD(d[0], 5, 4);
	uint16_t did = VTD_FIELD(d[0], 31, 16);
	uint32_t pasid = VTD_FIELD(d[0], 51, 32);
	uint64_t addr = d[1] & VTD_INV_ADDR_MASK;
	unsigned am = d[1] & VTD_INV_AM_MASK;
	bool ih = d[1] & VTD_INV_IH;

	switch (desc_type(d[0])) {
	case VTD_INV_CC:
		vtd_inv_context(v, g, VTD_FIELD(d[0], 47, 32), VTD_FIELD(d[0], 49, 48));
		break;
	case VTD_INV_IOTLB:
		vtd_inv_iotlb(v, g, did, addr, am, ih);
		break;
	case VTD_INV_PIOTLB:
		vtd_inv_piotlb(v, g, did, pasid, addr, am, ih);
		break;
	case VTD_INV_PC:
		vtd_inv_pasid_cache(v, g, did, pasid);
		break;
	case VTD_INV_DEVTLB:
		vtd_inv_devtlb(v, VTD_FIELD(d[0], 47, 32), false, false, 0, d[1],
			       d[1] & VTD_INV_DEVTLB_S);
		break;
	case VTD_INV_PDEVTLB:
		vtd_inv_devtlb(v, VTD_FIELD(d[0], 31, 16), true, d[1] & VTD_INV_PDEVTLB_G,
			       pasid, d[1], d[1] & VTD_INV_PDEVTLB_S);
		break;
	}
}

/* An injected invalidation fault held this one back until now (inject.h). */
void vtd_inj_due(struct vtd *v)
{
	v->base.inj->pending = false;
	qi_apply(v, v->base.inj->desc);
}

/* Carry out one descriptor; false if it is malformed (IQE). */
static bool qi_exec(struct vtd *v, const uint64_t *d, bool wide, sim_time_t *t)
{
	const struct vtd_caps *k = &v->cfg.caps;
	unsigned type = desc_type(d[0]);
	unsigned g = VTD_FIELD(d[0], 5, 4);
	unsigned am = d[1] & VTD_INV_AM_MASK;
	sim_time_t start = *t;
	enum inj_inval cls = INJ_INV_TLB;

	if (type == 0 || type >= sizeof(layouts) / sizeof(layouts[0]))
		return false;
	if ((d[0] & ~layouts[type].qw0) || (d[1] & ~layouts[type].qw1))
		return false;
	/* Upper 128 bits are reserved except for response private data. */
	if (wide && type != VTD_INV_PGRP_RESP && (d[2] || d[3]))
		return false;

	v->cnt.qi_desc++;
	*t += v->pipe.lat.inv_desc;
	switch (type) {
	case VTD_INV_CC:
		if (!g)
			return false;
		cls = INJ_INV_CFG;
		break;
	case VTD_INV_IOTLB:
		if (!g || (g == VTD_INV_IOTLB_G_PAGE && (!k->psi || am > k->mamv)))
			return false;
		break;
	case VTD_INV_PIOTLB:
		/*
		 * CAP.MAMV bounds AM for second-stage (IOTLB) invalidation
		 * only (VT-d 11.4.2): a PASID-based page-selective one may
		 * mask up to all 52 page-number bits, as Linux's cache.c
		 * sends for a first-stage "flush everything" range.
		 */
		if (g != VTD_INV_PIOTLB_G_PASID && g != VTD_INV_PIOTLB_G_PAGE)
			return false;
		break;
	case VTD_INV_PC:
		if (g == 2)
			return false;
		cls = INJ_INV_CFG;
		break;
	case VTD_INV_DEVTLB:
	case VTD_INV_PDEVTLB:
		if (!k->dt)
			return false;
		*t += v->ps_ats_rtt;
		cls = INJ_INV_DEVTLB;
		break;
	case VTD_INV_IEC:
		return true;    /* interrupt remapping is not modeled */
	case VTD_INV_PGRP_RESP:
		if (!k->prs)
			return false;
		vtd_prq_response(v, d[0], d[1]);
		return true;
	case VTD_INV_WAIT: {
		uint64_t saddr = d[1] & VTD_INV_WAIT_SADDR_MASK;
		uint32_t sdata = (uint32_t)(d[0] >> VTD_INV_WAIT_SDATA_SHIFT);

		v->cnt.qi_wait++;
		*t += v->pipe.lat.inv_sync;
		if (d[0] & VTD_INV_WAIT_SW) {
			if (pmem_write(v->pm, saddr, &sdata, sizeof(sdata))) {
				v->iqercd = VTD_IQEI_WAIT_ADDR;
				return false;
			}
			*t += v->pipe.lat.wr;
		}
		if (d[0] & VTD_INV_WAIT_IF) {
			if (!(v->ics & VTD_ICS_IWC)) {
				v->ics |= VTD_ICS_IWC;
				vtd_raise(v, &v->iectl, v->iedata);
			}
		}
		return true;
	}
	default:
		return false;
	}
	if (!inj_inval(v->base.inj, cls, d, 4, start, *t))
		qi_apply(v, d);
	return true;
}

static void qi_error(struct vtd *v, unsigned iqei)
{
	bool pending = vtd_fsts_pending(v);

	v->cnt.qi_errors++;
	v->iqercd = (v->iqercd & ~VTD_IQERCD_IQEI_MASK) | iqei;
	v->fsts |= VTD_FSTS_IQE;
	if (!pending)
		vtd_fault_event(v);
}

static void qi_run(struct vtd *v, sim_time_t now);

void vtd_qi_process(struct vtd *v, sim_time_t now)
{
	/* A register write from an interrupt handler: the running loop sees it. */
	if (v->in_qi)
		return;
	v->in_qi = true;
	v->irq_defer = true;
	qi_run(v, now);
	v->irq_defer = false;
	v->in_qi = false;
	vtd_irq_release(v);
}

static void qi_run(struct vtd *v, sim_time_t now)
{
	bool wide = v->iqa & VTD_IQA_DW;
	unsigned dsz = wide ? 32 : 16;
	uint64_t qbytes = PMEM_PAGE_SIZE << (v->iqa & VTD_IQA_QS_MASK);
	uint64_t base = v->iqa & VTD_IQA_IQA_MASK;
	sim_time_t t = vtd_max_t(now, v->qi_time), t0 = t;

	if (inj_due(v->base.inj, t))
		vtd_inj_due(v);
	if (!(v->gsts & VTD_GSTS_QIES) || (v->fsts & VTD_FSTS_IQE) || v->iqh == v->iqt)
		return;
	/* An injected stall: the queue is not consumed, and fills. */
	if (inj_queue_full(v->base.inj, INJ_Q_CMD, t))
		return;
	if (wide && !v->cfg.caps.smts) {
		qi_error(v, VTD_IQEI_DW);
		return;
	}
	/* Scalable mode requires 256-bit descriptors (spec 6.5.2). */
	if (!wide && (v->rtaddr_latched & VTD_RTADDR_TTM_MASK) &&
	    (v->gsts & VTD_GSTS_RTPS)) {
		qi_error(v, VTD_IQEI_DW);
		return;
	}
	/* A head left misaligned by a change of DW could never meet the tail. */
	if (v->iqt >= qbytes || (v->iqt & (dsz - 1)) || (v->iqh & (dsz - 1))) {
		qi_error(v, VTD_IQEI_TAIL);
		return;
	}
	if (v->iqh >= qbytes)
		v->iqh = 0;     /* the queue shrank under the head */
	for (uint64_t budget = qbytes / dsz; v->iqh != v->iqt && budget; budget--) {
		uint64_t d[4] = { 0 };

		if (pmem_read(v->pm, base + v->iqh, d, dsz)) {
			qi_error(v, VTD_IQEI_FETCH);
			break;
		}
		v->iqercd &= ~VTD_IQERCD_IQEI_MASK;
		if (!qi_exec(v, d, wide, &t)) {
			qi_error(v, (v->iqercd & VTD_IQERCD_IQEI_MASK) ?
				    (unsigned)(v->iqercd & VTD_IQERCD_IQEI_MASK) : VTD_IQEI_INVALID);
			break;
		}
		v->iqh = (v->iqh + dsz) % qbytes;
	}
	v->qi_time = t;
	v->cnt.qi_busy_ps += t - t0;
}
