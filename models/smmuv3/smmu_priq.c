// SPDX-License-Identifier: GPL-2.0-only
/*
 * smmu_priq.c - the PRI queue (8.x): a PCIe page request from an ATS/PRI
 * device whose translation failed recoverably is written as a 16-byte
 * record at PRIQ_BASE and PRIQ_PROD advanced; a full queue discards it and
 * toggles PRIQ_PROD.OVFLG once per overflow episode, as the event queue.
 */
#include "smmu_priv.h"

int smmu_priq_record(struct smmu *s, const struct smmu_walk *w, sim_time_t now)
{
	struct smmu_queue *q = &s->priq;
	unsigned l2 = SMMU_GET(SMMU_Q_BASE_LOG2SIZE, q->base);
	uint32_t mask, wrap, prod, cons;
	uint64_t rec[2], pa;

	if (!(s->cr0 & SMMU_CR0_PRIQEN))
		return -1;
	if (l2 > s->cfg.priqs)
		l2 = s->cfg.priqs;
	mask = (1u << l2) - 1;
	wrap = 1u << l2;
	prod = q->prod & (mask | wrap);
	cons = q->cons & (mask | wrap);
	if (((prod & mask) == (cons & mask) && (prod & wrap) != (cons & wrap)) ||
	    inj_queue_full(s->base.inj, INJ_Q_PAGE_REQ, now)) {
		s->st.pri_full++;
		if ((q->prod & SMMU_Q_OVFLG) == (q->cons & SMMU_Q_OVFLG))
			q->prod ^= SMMU_Q_OVFLG;
		return -1;
	}
	/* One request per page request group, so each is the last of its PRG */
	rec[0] = SMMU_PREP(SMMU_PRIQ0_SID, w->sid) | SMMU_PRIQ0_PRG_LAST;
	if (w->ssv)
		rec[0] |= SMMU_PRIQ0_SSID_V | SMMU_PREP(SMMU_PRIQ0_SSID, w->ssid);
	if (w->priv)
		rec[0] |= SMMU_PRIQ0_PERM_PRIV;
	if (w->access & XLATE_EXEC)
		rec[0] |= SMMU_PRIQ0_PERM_EXEC;
	if (w->access & (XLATE_READ | XLATE_EXEC))
		rec[0] |= SMMU_PRIQ0_PERM_READ;
	if (w->access & XLATE_WRITE)
		rec[0] |= SMMU_PRIQ0_PERM_WRITE;
	rec[1] = SMMU_PREP(SMMU_PRIQ1_PRG_INDEX, s->prg_next) | (w->iova & SMMU_PRIQ1_ADDR);
	s->prg_next = (s->prg_next + 1) & 0x1ff;
	pa = (q->base & SMMU_Q_BASE_ADDR) + (uint64_t)(prod & mask) * SMMU_PRIQ_ENT_SIZE;
	if (pmem_write(s->pm, pa, rec, sizeof(rec))) {
		smmu_gerror_raise(s, SMMU_GERROR_PRIQ_ABT_ERR);
		return -1;
	}
	s->st.pri_requests++;
	q->prod = (q->prod & SMMU_Q_OVFLG) | ((prod + 1) & (mask | wrap));
	if (s->irq_ctrl & SMMU_IRQ_CTRL_PRIQ_IRQEN)
		smmu_signal(s, SMMU_IRQ_PRIQ, q->irq_cfg0, q->irq_cfg1);
	return 0;
}
