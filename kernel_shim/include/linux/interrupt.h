/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupt lines (core/irq.c) over the shim's delivery (shim/hw.h): a
 * handler requested on an irq runs under the kernel lock when a model
 * raises its message; a threaded handler's thread function runs right
 * after its primary handler asks for it.
 */
#ifndef _SHIM_LINUX_INTERRUPT_H
#define _SHIM_LINUX_INTERRUPT_H

#include <linux/types.h>
#include <linux/irqreturn.h>

#define IRQF_SHARED 0x00000080
#define IRQF_ONESHOT 0x00002000
#define IRQF_NO_THREAD 0x00010000

typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

int request_threaded_irq(unsigned int irq, irq_handler_t handler, irq_handler_t thread_fn,
			 unsigned long flags, const char *name, void *dev_id);
static inline int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
			      const char *name, void *dev_id)
{
	return request_threaded_irq(irq, handler, NULL, flags, name, dev_id);
}
const void *free_irq(unsigned int irq, void *dev_id);
void disable_irq(unsigned int irq);
void enable_irq(unsigned int irq);

#endif
