/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux interrupt numbers (core/irq.c). A platform allocates an irq with
 * the chip that programs its message (a VT-d unit's fault or page-request
 * MSI registers); the device's message data is the irq number, and the
 * platform hands a raised message to shim_handle_irq() at delivery.
 */
#ifndef SHIM_IRQ_H
#define SHIM_IRQ_H

#include <linux/irq.h>

struct shim_irq_chip {
	void (*write_msg)(int irq, struct msi_msg *msg);
	void (*unmask)(struct irq_data *d);
	void (*mask)(struct irq_data *d);
};

/* An irq number (>= 1), or -ENOSPC. */
int shim_irq_alloc(const struct shim_irq_chip *chip, void *handler_data);
void shim_irq_release(unsigned int irq);
/* The handler of irq, and its thread function if the handler asks. */
void shim_handle_irq(unsigned int irq);

#endif
