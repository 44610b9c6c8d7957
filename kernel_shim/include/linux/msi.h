/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_MSI_H
#define _SHIM_LINUX_MSI_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/interrupt.h>   /* as the real one, through linux/irq.h */

struct device;

struct msi_msg {
	u32 address_lo;
	u32 address_hi;
	u32 data;
};

/*
 * The simulated machine remaps interrupts (VT-d IR / GICv3 ITS), so MSI
 * is isolated, as iommufd requires before it binds a device.
 */
static inline bool msi_device_has_isolated_msi(struct device *dev) { return true; }

struct msi_desc {
	struct device *dev;
	struct msi_msg msg;
	const void *iommu_cookie;
};

#endif
