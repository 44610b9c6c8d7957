// SPDX-License-Identifier: GPL-2.0-only
/*
 * What x86's arch code gives drivers/iommu/intel: the IOMMU globals of
 * arch/x86/kernel/pci-dma.c, and the fault and page-request interrupts
 * of a DMAR unit, which the vector domain makes MSIs programmed through
 * the unit's own registers by dmar.c's dmar_msi_write/mask/unmask.
 */
#include <linux/dmar.h>
#include <linux/irq.h>
#include <asm/iommu.h>
#include <shim/irq.h>

int force_iommu, no_iommu, iommu_detected;

static const struct shim_irq_chip dmar_msi_chip = {
	.write_msg = dmar_msi_write,
	.unmask = dmar_msi_unmask,
	.mask = dmar_msi_mask,
};

int dmar_alloc_hwirq(int id, int node, void *arg)
{
	int irq = shim_irq_alloc(&dmar_msi_chip, arg);

	return irq < 0 ? 0 : irq;
}

void dmar_free_hwirq(int irq)
{
	shim_irq_release(irq);
}
