/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_FWNODE_H
#define _SHIM_LINUX_FWNODE_H

#include <linux/types.h>

struct fwnode_operations;
struct device;
struct fwnode_handle {
	const struct fwnode_operations *ops;
	struct device *dev;
};

#endif
