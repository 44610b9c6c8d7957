/* SPDX-License-Identifier: GPL-2.0-only */
/* No device tree. */
#ifndef _SHIM_LINUX_OF_H
#define _SHIM_LINUX_OF_H

#include <linux/fwnode.h>
#include <linux/types.h>

#define MAX_PHANDLE_ARGS 16
struct device_node {
	struct fwnode_handle fwnode;
	const char *name;
};
struct of_phandle_args {
	struct device_node *np;
	int args_count;
	uint32_t args[MAX_PHANDLE_ARGS];
};
#define of_node_get(n) (n)
#define of_node_put(n) do { } while (0)
#define of_fwnode_handle(node) ((node) ? &(node)->fwnode : NULL)
#define to_of_node(fw) ((struct device_node *)NULL)
#define is_of_node(fw) false
#define of_match_ptr(p) NULL

#endif
