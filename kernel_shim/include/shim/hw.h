/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * How a simulated IOMMU driver plugs into the front door, and the
 * interrupt and time plumbing between models and drivers.
 */
#ifndef SHIM_HW_H
#define SHIM_HW_H

#include "../../frontdoor/iommusim_hw.h"

struct shim_hw_backend {
	const char *kind;
	/* Create the model, probe it, add devices; fill info. 0 or -errno. */
	int (*add)(const struct iommusim_hw *hw, struct iommusim_hw_info *info);
	/* Tear down every instance (at shutdown). */
	void (*remove_all)(void);
};

void shim_hw_backend_register(const struct shim_hw_backend *b);
int shim_sys_hw_add(const struct iommusim_hw *hw, struct iommusim_hw_info *info);
void shim_sys_hw_remove_all(void);

/* Simulated time for MMIO (host side keeps it; safe from any thread). */
uint64_t shim_now(void);

/*
 * Interrupt lines: a driver registers a handler and gets a line number;
 * a model's raise callback (any thread, no kernel lock) marks the line
 * pending; handlers run under the kernel lock at delivery.
 */
int shim_irq_request(void (*handler)(void *data, unsigned int vector), void *data);
void shim_irq_free(int line);
void shim_irq_raise(int line, unsigned int vector);
void shim_irq_deliver(void);

#endif
