// SPDX-License-Identifier: GPL-2.0-only
/*
 * smmu_evtq.c - the event queue (7.2, 7.3): records written to memory at
 * EVTQ_BASE, EVTQ_PROD advanced by the SMMU, overflow signalled by
 * toggling EVTQ_PROD.OVFLG (records are discarded while the queue is full;
 * a second overflow before software acknowledges with EVTQ_CONS.OVACKFLG
 * does not toggle again), and an interrupt per record.
 */
#include <string.h>

#include "smmu_priv.h"

static unsigned q_log2(const struct smmu_queue *q, unsigned max)
{
	unsigned l = SMMU_GET(SMMU_Q_BASE_LOG2SIZE, q->base);

	return l > max ? max : l;
}

void smmu_evtq_record(struct smmu *s, const uint64_t rec[4], sim_time_t now)
{
	struct smmu_queue *q = &s->evtq;
	unsigned l2 = q_log2(q, s->cfg.evtqs);
	uint32_t mask = (1u << l2) - 1, wrap = 1u << l2;
	uint32_t prod = q->prod & (mask | wrap), cons = q->cons & (mask | wrap);
	uint64_t pa;

	if (!(s->cr0 & SMMU_CR0_EVTQEN)) {
		s->st.events_off++;     /* queue disabled: events are lost silently */
		return;
	}
	if (((prod & mask) == (cons & mask) && (prod & wrap) != (cons & wrap)) ||
	    inj_queue_full(s->base.inj, INJ_Q_FAULT, now)) {
		s->st.events_full++;
		if ((q->prod & SMMU_Q_OVFLG) == (q->cons & SMMU_Q_OVFLG))
			q->prod ^= SMMU_Q_OVFLG;
		return;
	}
	pa = (q->base & SMMU_Q_BASE_ADDR) + (uint64_t)(prod & mask) * SMMU_EVT_SIZE;
	if (pmem_write(s->pm, pa, rec, SMMU_EVT_SIZE)) {
		smmu_gerror_raise(s, SMMU_GERROR_EVTQ_ABT_ERR);
		return;
	}
	s->st.events++;
	prod = (prod + 1) & (mask | wrap);
	q->prod = (q->prod & SMMU_Q_OVFLG) | prod;
	if (s->irq_ctrl & SMMU_IRQ_CTRL_EVTQ_IRQEN)
		smmu_signal(s, SMMU_IRQ_EVTQ, q->irq_cfg0, q->irq_cfg1);
}

static bool is_translation_fault(uint8_t id)
{
	return id == EVT_F_TRANSLATION || id == EVT_F_ADDR_SIZE || id == EVT_F_ACCESS ||
	       id == EVT_F_PERMISSION || id == EVT_F_WALK_EABT || id == EVT_F_TLB_CONFLICT;
}

void smmu_evtq_record_fault(struct smmu *s, const struct smmu_walk *w, bool stall,
			    uint16_t stag, sim_time_t now)
{
	const struct smmu_fault *f = &w->fault;
	uint64_t rec[4] = { 0, 0, 0, 0 };

	rec[0] = SMMU_PREP(SMMU_EVT0_ID, f->id) | SMMU_PREP(SMMU_EVT0_SID, w->sid);
	if (w->ssv)
		rec[0] |= SMMU_EVT0_SSV | SMMU_PREP(SMMU_EVT0_SSID, w->ssid);
	if (is_translation_fault(f->id)) {
		if (stall)
			rec[1] |= SMMU_EVT1_STALL | SMMU_PREP(SMMU_EVT1_STAG, stag);
		if (w->priv)
			rec[1] |= SMMU_EVT1_PNU;
		if (w->access & XLATE_EXEC)
			rec[1] |= SMMU_EVT1_IND;
		if (!(w->access & XLATE_WRITE))
			rec[1] |= SMMU_EVT1_RNW;
		if (f->s2)
			rec[1] |= SMMU_EVT1_S2;
		rec[1] |= SMMU_PREP(SMMU_EVT1_CLASS, f->class);
		if (f->ttrnw && f->class != SMMU_CLASS_IN)
			rec[1] |= SMMU_EVT1_TTRNW;
		rec[2] = f->input_addr;
		if (f->id == EVT_F_WALK_EABT)
			rec[3] = f->fetch_addr & SMMU_EVT3_FETCHADDR;
		else if (f->s2)
			rec[3] = f->ipa & SMMU_EVT3_IPA;
	} else if (f->id == EVT_F_STE_FETCH || f->id == EVT_F_CD_FETCH) {
		rec[3] = f->fetch_addr & SMMU_EVT3_FETCHADDR;
	}
	smmu_evtq_record(s, rec, now);
}
