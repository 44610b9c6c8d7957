/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_PROPERTY_H
#define _SHIM_LINUX_PROPERTY_H

#include <linux/fwnode.h>

struct device;
/* Firmware properties: only "pasid-num-bits", from the simulated device. */
int device_property_read_u32(const struct device *dev, const char *name, u32 *val);
#define dev_fwnode(dev) ((dev)->fwnode)
#define fwnode_handle_get(f) (f)
#define fwnode_handle_put(f) do { } while (0)
#define device_match_fwnode(dev, fw) ((dev)->fwnode == (fw))

#endif
