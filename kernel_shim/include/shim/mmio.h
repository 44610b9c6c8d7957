/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Register files on the simulated bus (core/mmio.c): a platform claims a
 * physical range for a device model; ioremap() of it gives the cookie
 * that readl()/writel() carry back to the model, with the current
 * simulated time.
 */
#ifndef SHIM_MMIO_H
#define SHIM_MMIO_H

#include <linux/types.h>

struct shim_mmio_ops {
	u64 (*read)(void *ctx, u64 off, unsigned int size);
	void (*write)(void *ctx, u64 off, u64 val, unsigned int size);
};

/* 0, or -ENOSPC (too many regions), -EINVAL (size over 1 MiB), -EBUSY (overlap). */
int shim_mmio_add(phys_addr_t base, u64 size, const struct shim_mmio_ops *ops, void *ctx);
/* Accesses through old cookies WARN and read all-ones from then on. */
void shim_mmio_remove(phys_addr_t base);

#endif
