// SPDX-License-Identifier: GPL-2.0-only
/*
 * vtd_fault.c - primary fault logging (spec 7.2.1) into the fault
 * recording registers, and the three MSI-style event sources (fault,
 * invalidation completion, page request) with their IM/IP semantics
 * (spec 7.3).
 */
#include "vtd_internal.h"

bool vtd_ppf(const struct vtd *v)
{
	for (unsigned i = 0; i < v->cfg.caps.nfr; i++)
		if (v->frcd[i][1] & VTD_FRCD_F)
			return true;
	return false;
}

/*
 * Deliver an interrupt, or hold it while the invalidation queue runs: a
 * handler that touches the registers from inside the callback must not
 * re-enter the queue half-way through a descriptor.
 */
static void deliver(struct vtd *v, uint32_t data)
{
	if (!v->have_irq)
		return;
	if (v->irq_defer) {
		if (v->irq_held < VTD_IRQ_HOLD)
			v->irq_hold[v->irq_held++] = data;
		return;
	}
	v->irq.raise(v->irq.ctx, data);
}

void vtd_irq_release(struct vtd *v)
{
	unsigned n = v->irq_held;
	uint32_t held[VTD_IRQ_HOLD];

	memcpy(held, v->irq_hold, sizeof(held));
	v->irq_held = 0;
	for (unsigned i = 0; i < n; i++)
		deliver(v, held[i]);
}

/*
 * An interrupt condition: IP set while pending; sent at once unless
 * masked, in which case it goes out when software clears IM.
 */
void vtd_raise(struct vtd *v, uint32_t *ectl, uint32_t data)
{
	if (*ectl & VTD_ECTL_IP)
		return;
	*ectl |= VTD_ECTL_IP;
	if (*ectl & VTD_ECTL_IM)
		return;
	*ectl &= ~VTD_ECTL_IP;
	deliver(v, data);
}

void vtd_event_unmask(struct vtd *v, uint32_t *ectl, uint32_t old, uint32_t data)
{
	if ((old & VTD_ECTL_IM) && !(*ectl & VTD_ECTL_IM) && (*ectl & VTD_ECTL_IP)) {
		*ectl &= ~VTD_ECTL_IP;
		deliver(v, data);
	}
}

/* Any fault status pending (spec 7.3: events only from the all-clear state). */
bool vtd_fsts_pending(const struct vtd *v)
{
	return (v->fsts & (VTD_FSTS_PFO | VTD_FSTS_IQE | VTD_FSTS_ICE | VTD_FSTS_ITE)) ||
	       vtd_ppf(v);
}

void vtd_fault_event(struct vtd *v)
{
	vtd_raise(v, &v->fectl, v->fedata);
}

void vtd_fault_record(struct vtd *v, const struct xlate_req *req, uint8_t reason,
		      sim_time_t now)
{
	unsigned nfr = v->cfg.caps.nfr;
	uint64_t hi;
	bool was_ppf, pending;

	/* While PFO is set nothing more is recorded (spec 7.2.1). */
	if (v->fsts & VTD_FSTS_PFO) {
		v->cnt.faults_suppressed++;
		return;
	}
	if ((v->frcd[v->fri][1] & VTD_FRCD_F) || inj_queue_full(v->base.inj, INJ_Q_FAULT, now)) {
		/* PPF is necessarily set here: no new fault event. */
		v->fsts |= VTD_FSTS_PFO;
		v->cnt.faults_suppressed++;
		return;
	}
	was_ppf = vtd_ppf(v);
	pending = vtd_fsts_pending(v);
	hi = (req->sid & VTD_FRCD_SID_MASK) |
	     ((uint64_t)reason << VTD_FRCD_FR_SHIFT) | VTD_FRCD_F;
	if (req->has_pasid) {
		hi |= VTD_FRCD_PP | ((uint64_t)(req->pasid & 0xfffff) << VTD_FRCD_PV_SHIFT);
		if (req->priv)
			hi |= VTD_FRCD_PRIV;
	}
	if (req->access & XLATE_EXEC)
		hi |= VTD_FRCD_EXE;
	if (!(req->access & XLATE_WRITE))
		hi |= VTD_FRCD_T1;
	if (req->ats_translated)
		hi |= 2ULL << VTD_FRCD_AT_SHIFT;
	v->frcd[v->fri][0] = req->iova & VTD_FRCD_FI_MASK;
	v->frcd[v->fri][1] = hi;
	if (!was_ppf) {
		v->fsts = (v->fsts & ~(uint32_t)VTD_FSTS_FRI_MASK) |
			  (v->fri << VTD_FSTS_FRI_SHIFT);
	}
	v->fri = (v->fri + 1) % nfr;
	if (!pending)
		vtd_fault_event(v);
}
