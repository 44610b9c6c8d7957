// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interrupt numbers, their handlers and their chips. request_irq()
 * starts an irq as the x86 vector domain does an MSI: the chip writes
 * the message (address: the local APIC window; data: the irq number) and
 * unmasks it. A threaded handler's thread runs right after its primary
 * handler returns IRQ_WAKE_THREAD, under the same kernel lock: handlers
 * run one at a time, in the order the hardware raised them.
 */
#include <linux/errno.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <shim/irq.h>

#define NR_SHIM_IRQS 64
#define MSI_ADDR_LAPIC 0xfee00000u

struct shim_irq_desc {
	const struct shim_irq_chip *chip;
	struct irq_data data;
	irq_handler_t handler, thread_fn;
	void *dev_id;
	const char *name;
	unsigned int disable_depth;
};

/* irq 0 is never handed out: drivers treat it as "none". */
static struct shim_irq_desc irqs[NR_SHIM_IRQS];

static struct shim_irq_desc *desc(unsigned int irq)
{
	return irq && irq < NR_SHIM_IRQS && irqs[irq].chip ? &irqs[irq] : NULL;
}

int shim_irq_alloc(const struct shim_irq_chip *chip, void *handler_data)
{
	for (unsigned int i = 1; i < NR_SHIM_IRQS; i++) {
		if (!irqs[i].chip) {
			irqs[i] = (struct shim_irq_desc){ .chip = chip };
			irqs[i].data.irq = i;
			irqs[i].data.handler_data = handler_data;
			return i;
		}
	}
	return -ENOSPC;
}

void shim_irq_release(unsigned int irq)
{
	struct shim_irq_desc *d = desc(irq);

	if (d) {
		WARN(d->handler, "irq %u released with a handler\n", irq);
		*d = (struct shim_irq_desc){ 0 };
	}
}

int irq_set_handler_data(unsigned int irq, void *data)
{
	struct shim_irq_desc *d = desc(irq);

	if (!d)
		return -EINVAL;
	d->data.handler_data = data;
	return 0;
}

void *irq_get_handler_data(unsigned int irq)
{
	struct shim_irq_desc *d = desc(irq);

	return d ? d->data.handler_data : NULL;
}

int request_threaded_irq(unsigned int irq, irq_handler_t handler, irq_handler_t thread_fn,
			 unsigned long flags, const char *name, void *dev_id)
{
	struct shim_irq_desc *d = desc(irq);
	struct msi_msg msg = { .address_lo = MSI_ADDR_LAPIC, .data = irq };

	if (!d || (!handler && !thread_fn))
		return -EINVAL;
	if (d->handler || d->thread_fn)
		return -EBUSY;
	d->handler = handler;
	d->thread_fn = thread_fn;
	d->dev_id = dev_id;
	d->name = name;
	d->disable_depth = 0;
	if (d->chip->write_msg)
		d->chip->write_msg(irq, &msg);
	if (d->chip->unmask)
		d->chip->unmask(&d->data);
	return 0;
}

const void *free_irq(unsigned int irq, void *dev_id)
{
	struct shim_irq_desc *d = desc(irq);
	const char *name;

	if (!d || d->dev_id != dev_id) {
		WARN(1, "free_irq(%u): not requested with that dev_id\n", irq);
		return NULL;
	}
	if (d->chip->mask)
		d->chip->mask(&d->data);
	name = d->name;
	d->handler = d->thread_fn = NULL;
	d->dev_id = NULL;
	d->name = NULL;
	return name;
}

void disable_irq(unsigned int irq)
{
	struct shim_irq_desc *d = desc(irq);

	if (d && !d->disable_depth++ && d->chip->mask)
		d->chip->mask(&d->data);
}

void enable_irq(unsigned int irq)
{
	struct shim_irq_desc *d = desc(irq);

	if (d && d->disable_depth && !--d->disable_depth && d->chip->unmask)
		d->chip->unmask(&d->data);
}

void shim_handle_irq(unsigned int irq)
{
	struct shim_irq_desc *d = desc(irq);
	irqreturn_t ret = IRQ_WAKE_THREAD;

	if (!d || (!d->handler && !d->thread_fn)) {
		pr_warn("irq %u: nobody cared\n", irq);
		return;
	}
	if (d->disable_depth)
		return;
	if (d->handler)
		ret = d->handler(irq, d->dev_id);
	if (ret == IRQ_WAKE_THREAD && d->thread_fn)
		d->thread_fn(irq, d->dev_id);
}

/* Shutdown: every irq goes, as a reboot finds none allocated. */
void shim_irqs_fini(void)
{
	memset(irqs, 0, sizeof(irqs));
}
