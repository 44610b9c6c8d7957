/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The per-irq data a remapping driver keeps (core/irq.c). An irq's chip
 * is the device's own MSI registers: the shim calls the chip's
 * write_msg, unmask and mask at request and free, as the x86 vector
 * domain does through the irq_chip of dmar_alloc_hwirq().
 */
#ifndef _SHIM_LINUX_IRQ_H
#define _SHIM_LINUX_IRQ_H

#include <linux/types.h>
#include <linux/interrupt.h>
#include <linux/msi.h>

struct irq_data {
	unsigned int irq;
	void *handler_data;
};

int irq_set_handler_data(unsigned int irq, void *data);
void *irq_get_handler_data(unsigned int irq);
static inline void *irq_data_get_irq_handler_data(struct irq_data *d) { return d->handler_data; }

#endif
