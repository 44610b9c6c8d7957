// SPDX-License-Identifier: GPL-2.0-only
/*
 * smmu_irq.c - how the SMMU signals software (3.18): a wired interrupt
 * line, or an MSI written to memory when SMMU_IDR0.MSI is set and the
 * source's IRQ_CFG0 holds an address; and the global errors of GERROR
 * (6.3.19), active while GERROR and GERRORN differ in a bit. The queues
 * (events, page requests, CMD_SYNC) and the register file raise through
 * here, so no queue depends on the register file.
 */
#include "smmu_priv.h"

void smmu_signal(struct smmu *s, unsigned vector, uint64_t msi_cfg0, uint32_t msi_data)
{
	uint64_t addr = msi_cfg0 & SMMU_MSI_CFG0_ADDR;

	if (s->cfg.msi && addr) {
		/* An MSI is a 32-bit write of the data to the address */
		pmem_write(s->pm, addr, &msi_data, sizeof(msi_data));
		return;
	}
	if (s->irq.raise)
		s->irq.raise(s->irq.ctx, vector);
}

void smmu_gerror_raise(struct smmu *s, uint32_t bit)
{
	/* An error is active while GERROR and GERRORN differ in its bit */
	if ((s->gerror ^ s->gerrorn) & bit)
		return;
	s->gerror ^= bit;
	if (s->irq_ctrl & SMMU_IRQ_CTRL_GERROR_IRQEN)
		smmu_signal(s, SMMU_IRQ_GERROR, s->gerror_irq_cfg0, s->gerror_irq_cfg1);
}
