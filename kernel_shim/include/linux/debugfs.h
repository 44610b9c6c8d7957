/* SPDX-License-Identifier: GPL-2.0-only */
/* No debugfs: the fail-nth knobs the selftest needs are served by the
 * preload's own /sys/kernel/debug emulation, not by dentries here. */
#ifndef _SHIM_LINUX_DEBUGFS_H
#define _SHIM_LINUX_DEBUGFS_H

#include <linux/fs.h>

struct dentry {
	const char *name;
};
#define debugfs_create_dir(name, parent) ((struct dentry *)NULL)
#define debugfs_remove_recursive(d) do { } while (0)
#define debugfs_create_file(n, m, p, d, f) ((struct dentry *)NULL)

#endif
