/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_NUMA_H
#define _SHIM_LINUX_NUMA_H
#include <linux/gfp.h>          /* NUMA_NO_NODE */
#define MAX_NUMNODES 1
#endif
