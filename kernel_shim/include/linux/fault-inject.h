/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fault injection: the per-thread fail-nth countdown of
 * /proc/self/task/N/fail-nth (served by the preload) that kmalloc,
 * copy_{to,from}_user and should_fail() honour, as the kernel's
 * CONFIG_FAULT_INJECTION does for the selftest's fail_nth tests.
 */
#ifndef _SHIM_LINUX_FAULT_INJECT_H
#define _SHIM_LINUX_FAULT_INJECT_H

#include <linux/types.h>
#include <linux/debugfs.h>

struct fault_attr {
	unsigned long probability;
	unsigned long interval;
	int times;
	unsigned long verbose;
	bool task_filter;
};

#define FAULT_ATTR_INITIALIZER { .interval = 1, .times = -1, .verbose = 2 }
#define DECLARE_FAULT_ATTR(name) struct fault_attr name = FAULT_ATTR_INITIALIZER

bool should_fail(struct fault_attr *attr, ssize_t size);
static inline struct dentry *fault_create_debugfs_attr(const char *name, struct dentry *parent,
						       struct fault_attr *attr)
{
	return NULL;
}

#endif
