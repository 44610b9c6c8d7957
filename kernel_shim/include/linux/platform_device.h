/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_PLATFORM_DEVICE_H
#define _SHIM_LINUX_PLATFORM_DEVICE_H

#include <linux/device.h>

struct resource;
struct platform_device {
	const char *name;
	int id;
	struct device dev;
};

struct platform_device_info {
	struct device *parent;
	struct fwnode_handle *fwnode;
	const char *name;
	int id;
	const void *data;
	size_t size_data;
	u64 dma_mask;
};

#define to_platform_device(x) container_of((x), struct platform_device, dev)
#define PLATFORM_DEVID_NONE (-1)
#define PLATFORM_DEVID_AUTO (-2)

struct platform_device *platform_device_register_simple(const char *name, int id,
							const struct resource *res,
							unsigned int num);
struct platform_device *platform_device_register_full(const struct platform_device_info *info);
struct platform_device *platform_device_alloc(const char *name, int id);
int platform_device_add(struct platform_device *pdev);
void platform_device_put(struct platform_device *pdev);
void platform_device_del(struct platform_device *pdev);
void platform_device_unregister(struct platform_device *pdev);

#endif
