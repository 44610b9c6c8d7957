/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Initcalls run once, level by level, at the shim's boot (shim_boot()).
 * Exit calls run at shim_shutdown(), in reverse order, so that LSan sees
 * every kernel object freed.
 */
#ifndef _SHIM_LINUX_INIT_H
#define _SHIM_LINUX_INIT_H

#include <linux/compiler.h>

typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

struct shim_initcall {
	int level;
	const char *name;
	initcall_t fn;
};

struct shim_exitcall {
	const char *name;
	exitcall_t fn;
};

#define __shim_initcall(fn, lvl) \
	static const struct shim_initcall __UNIQUE_ID(initcall) \
	__attribute__((used, section("shim_initcalls"), aligned(8))) = { lvl, #fn, fn }

#define pure_initcall(fn) __shim_initcall(fn, 0)
#define core_initcall(fn) __shim_initcall(fn, 1)
#define postcore_initcall(fn) __shim_initcall(fn, 2)
#define arch_initcall(fn) __shim_initcall(fn, 3)
#define subsys_initcall(fn) __shim_initcall(fn, 4)
#define fs_initcall(fn) __shim_initcall(fn, 5)
#define rootfs_initcall(fn) __shim_initcall(fn, 5)
#define device_initcall(fn) __shim_initcall(fn, 6)
#define module_init(fn) __shim_initcall(fn, 6)
#define late_initcall(fn) __shim_initcall(fn, 7)
#define late_initcall_sync(fn) __shim_initcall(fn, 7)
#define module_exit(fn) \
	static const struct shim_exitcall __UNIQUE_ID(exitcall) \
	__attribute__((used, section("shim_exitcalls"), aligned(8))) = { #fn, fn }
#define __setup(str, fn)
#define early_param(str, fn)

#endif
