/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_MISCDEVICE_H
#define _SHIM_LINUX_MISCDEVICE_H

#include <linux/fs.h>
#include <linux/list.h>

#define MISC_DYNAMIC_MINOR 255
#define IOMMUFD_MINOR 190
#define VFIO_MINOR 196

struct device;
struct miscdevice {
	int minor;
	const char *name;
	const struct file_operations *fops;
	struct list_head list;
	const char *nodename;
	umode_t mode;
};

int misc_register(struct miscdevice *misc);
void misc_deregister(struct miscdevice *misc);
/* The front door: open /dev/<name> as the kernel's misc core would. */
struct miscdevice *shim_misc_find(const char *name);

#endif
