// SPDX-License-Identifier: GPL-2.0-only
/*
 * smmu_mmio.c - the SMMUv3 register file (6.3). Every register is a
 * 32-bit word or a 64-bit pair of them; 64-bit accesses are split into
 * their halves, so either width reaches any register. Enables are
 * acknowledged at once (CR0ACK, IRQ_CTRLACK). Base registers ignore writes
 * while the block they configure is enabled, as the spec permits.
 */
#include "smmu_priv.h"

#define CR0_BITS (SMMU_CR0_SMMUEN | SMMU_CR0_PRIQEN | SMMU_CR0_EVTQEN | SMMU_CR0_CMDQEN | \
		  SMMU_CR0_ATSCHK | SMMU_CR0_VMW)
#define IRQ_CTRL_BITS (SMMU_IRQ_CTRL_GERROR_IRQEN | SMMU_IRQ_CTRL_PRIQ_IRQEN | \
		       SMMU_IRQ_CTRL_EVTQ_IRQEN)
#define Q_PTR_BITS   0x000fffffu        /* index + wrap for up to 2^19 entries */

static uint32_t half(uint64_t v, uint64_t off)
{
	return (off & 4) ? (uint32_t)(v >> 32) : (uint32_t)v;
}

static void set_half(uint64_t *r, uint64_t off, uint32_t v)
{
	if (off & 4)
		*r = (*r & 0xffffffffULL) | (uint64_t)v << 32;
	else
		*r = (*r & ~0xffffffffULL) | v;
}

/*
 * EVTQ and PRIQ (6.3) have the same registers at different offsets: both
 * go through these accessors, each with its own offsets.
 */
struct outq_regs {
	uint64_t base, prod, cons, irq_cfg0, irq_cfg1, irq_cfg2;
};

static const struct outq_regs evtq_regs = {
	SMMU_EVTQ_BASE, SMMU_EVTQ_PROD, SMMU_EVTQ_CONS,
	SMMU_EVTQ_IRQ_CFG0, SMMU_EVTQ_IRQ_CFG1, SMMU_EVTQ_IRQ_CFG2,
};

static const struct outq_regs priq_regs = {
	SMMU_PRIQ_BASE, SMMU_PRIQ_PROD, SMMU_PRIQ_CONS,
	SMMU_PRIQ_IRQ_CFG0, SMMU_PRIQ_IRQ_CFG1, SMMU_PRIQ_IRQ_CFG2,
};

/* off is the 64-bit register at reg, either half */
static bool is64(uint64_t off, uint64_t reg)
{
	return off == reg || off == reg + 4;
}

static bool outq_read(const struct smmu_queue *q, const struct outq_regs *r, uint64_t off,
		      uint32_t *v)
{
	if (is64(off, r->base))
		*v = half(q->base, off);
	else if (off == r->prod)
		*v = q->prod;
	else if (off == r->cons)
		*v = q->cons;
	else if (is64(off, r->irq_cfg0))
		*v = half(q->irq_cfg0, off);
	else if (off == r->irq_cfg1)
		*v = q->irq_cfg1;
	else if (off == r->irq_cfg2)
		*v = q->irq_cfg2;
	else
		return false;
	return true;
}

/* Base and PROD (the SMMU's side) are fixed while the queue is enabled. */
static bool outq_write(struct smmu_queue *q, const struct outq_regs *r, bool enabled,
		       uint64_t off, uint32_t v)
{
	if (is64(off, r->base)) {
		if (!enabled)
			set_half(&q->base, off, v);
	} else if (off == r->prod) {
		if (!enabled)
			q->prod = v & (Q_PTR_BITS | SMMU_Q_OVFLG);
	} else if (off == r->cons) {
		q->cons = v & (Q_PTR_BITS | SMMU_Q_OVFLG);
	} else if (is64(off, r->irq_cfg0)) {
		set_half(&q->irq_cfg0, off, v);
	} else if (off == r->irq_cfg1) {
		q->irq_cfg1 = v;
	} else if (off == r->irq_cfg2) {
		q->irq_cfg2 = v;
	} else {
		return false;
	}
	return true;
}

static uint32_t read32(struct smmu *s, uint64_t off)
{
	uint32_t v;

	switch (off) {
	case SMMU_IDR0: case SMMU_IDR1: case SMMU_IDR2:
	case SMMU_IDR3: case SMMU_IDR4: case SMMU_IDR5:
		return s->idr[off / 4];
	case SMMU_IIDR:         return s->iidr;
	case SMMU_AIDR:         return s->aidr;
	case SMMU_CR0:
	case SMMU_CR0ACK:       return s->cr0;
	case SMMU_CR1:          return s->cr1;
	case SMMU_CR2:          return s->cr2;
	case SMMU_GBPA:         return s->gbpa;
	case SMMU_IRQ_CTRL:
	case SMMU_IRQ_CTRLACK:  return s->irq_ctrl;
	case SMMU_GERROR:       return s->gerror;
	case SMMU_GERRORN:      return s->gerrorn;
	case SMMU_GERROR_IRQ_CFG0:
	case SMMU_GERROR_IRQ_CFG0 + 4: return half(s->gerror_irq_cfg0, off);
	case SMMU_GERROR_IRQ_CFG1: return s->gerror_irq_cfg1;
	case SMMU_GERROR_IRQ_CFG2: return s->gerror_irq_cfg2;
	case SMMU_STRTAB_BASE:
	case SMMU_STRTAB_BASE + 4: return half(s->strtab_base, off);
	case SMMU_STRTAB_BASE_CFG: return s->strtab_base_cfg;
	case SMMU_CMDQ_BASE:
	case SMMU_CMDQ_BASE + 4: return half(s->cmdq.base, off);
	case SMMU_CMDQ_PROD:    return s->cmdq.prod;
	case SMMU_CMDQ_CONS:    return s->cmdq.cons;
	default:
		if (outq_read(&s->evtq, &evtq_regs, off, &v) ||
		    outq_read(&s->priq, &priq_regs, off, &v))
			return v;
		return 0;       /* RAZ */
	}
}

static void write32(struct smmu *s, uint64_t off, uint32_t v, sim_time_t now)
{
	bool smmuen = s->cr0 & SMMU_CR0_SMMUEN;
	bool cmdqen = s->cr0 & SMMU_CR0_CMDQEN;
	bool evtqen = s->cr0 & SMMU_CR0_EVTQEN;
	bool priqen = s->cr0 & SMMU_CR0_PRIQEN;

	switch (off) {
	case SMMU_CR0:
		s->cr0 = v & CR0_BITS;
		if (!s->cfg.pri)
			s->cr0 &= ~SMMU_CR0_PRIQEN;
		if (!cmdqen && (s->cr0 & SMMU_CR0_CMDQEN))
			smmu_cmdq_run(s, now);
		break;
	case SMMU_CR1:
		s->cr1 = v & 0xfff;
		break;
	case SMMU_CR2:
		s->cr2 = v & 7;
		break;
	case SMMU_GBPA:
		/* Takes effect only with Update set; Update then reads 0 at once */
		if (v & SMMU_GBPA_UPDATE)
			s->gbpa = v & ~(uint32_t)SMMU_GBPA_UPDATE;
		break;
	case SMMU_IRQ_CTRL:
		s->irq_ctrl = v & IRQ_CTRL_BITS;
		break;
	case SMMU_GERRORN:
		s->gerrorn = v & SMMU_GERROR_MASK;
		smmu_cmdq_run(s, now);  /* a CMDQ_ERR acknowledge restarts the queue */
		break;
	case SMMU_GERROR_IRQ_CFG0:
	case SMMU_GERROR_IRQ_CFG0 + 4:
		set_half(&s->gerror_irq_cfg0, off, v);
		break;
	case SMMU_GERROR_IRQ_CFG1:
		s->gerror_irq_cfg1 = v;
		break;
	case SMMU_GERROR_IRQ_CFG2:
		s->gerror_irq_cfg2 = v;
		break;
	case SMMU_STRTAB_BASE:
	case SMMU_STRTAB_BASE + 4:
		if (!smmuen)
			set_half(&s->strtab_base, off, v);
		break;
	case SMMU_STRTAB_BASE_CFG:
		if (!smmuen)
			s->strtab_base_cfg = v & (SMMU_STRTAB_BASE_CFG_LOG2SIZE |
						  SMMU_STRTAB_BASE_CFG_SPLIT |
						  SMMU_STRTAB_BASE_CFG_FMT);
		break;
	case SMMU_CMDQ_BASE:
	case SMMU_CMDQ_BASE + 4:
		if (!cmdqen)
			set_half(&s->cmdq.base, off, v);
		break;
	case SMMU_CMDQ_PROD:
		s->cmdq.prod = v & Q_PTR_BITS;
		smmu_cmdq_run(s, now);
		break;
	case SMMU_CMDQ_CONS:
		if (!cmdqen)
			s->cmdq.cons = v & (Q_PTR_BITS | SMMU_CMDQ_CONS_ERR);
		break;
	default:
		/* the queues' own registers, else read-only or reserved: WI */
		if (!outq_write(&s->evtq, &evtq_regs, evtqen, off, v))
			outq_write(&s->priq, &priq_regs, priqen, off, v);
		break;
	}
}

uint64_t smmu_mmio_read(struct iommu_model *m, uint64_t off, unsigned size, sim_time_t now)
{
	struct smmu *s = to_smmu(m);

	if (!iommu_mmio_ok(off, size, SMMU_REG_SPACE))
		return 0;
	if (size == 8)
		return read32(s, off) | (uint64_t)read32(s, off + 4) << 32;
	return read32(s, off);
}

void smmu_mmio_write(struct iommu_model *m, uint64_t off, uint64_t val, unsigned size,
		     sim_time_t now)
{
	struct smmu *s = to_smmu(m);

	if (!iommu_mmio_ok(off, size, SMMU_REG_SPACE))
		return;
	write32(s, off, (uint32_t)val, now);
	if (size == 8)
		write32(s, off + 4, (uint32_t)(val >> 32), now);
}
