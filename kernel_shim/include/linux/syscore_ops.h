/* SPDX-License-Identifier: GPL-2.0-only */
/* Suspend and resume never happen to the simulated machine. */
#ifndef _SHIM_LINUX_SYSCORE_OPS_H
#define _SHIM_LINUX_SYSCORE_OPS_H
#include <linux/list.h>
struct syscore_ops {
	struct list_head node;
	int (*suspend)(void);
	void (*resume)(void);
	void (*shutdown)(void);
};
static inline void register_syscore_ops(struct syscore_ops *ops) { }
static inline void unregister_syscore_ops(struct syscore_ops *ops) { }
#endif
