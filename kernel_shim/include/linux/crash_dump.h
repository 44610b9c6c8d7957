/* SPDX-License-Identifier: GPL-2.0-only */
/* The simulated kernel never boots as a kdump kernel. */
#ifndef _SHIM_LINUX_CRASH_DUMP_H
#define _SHIM_LINUX_CRASH_DUMP_H
#include <linux/types.h>
static inline bool is_kdump_kernel(void) { return false; }
#endif
