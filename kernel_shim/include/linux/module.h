/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_MODULE_H
#define _SHIM_LINUX_MODULE_H

#include <linux/export.h>
#include <linux/init.h>
#include <linux/kernel.h>

struct module {
	const char *name;
};
#define THIS_MODULE ((struct module *)0)
#define MODULE_LICENSE(x)
#define MODULE_DESCRIPTION(x)
#define MODULE_AUTHOR(x)
#define MODULE_ALIAS(x)
#define MODULE_ALIAS_MISCDEV(x)
#define MODULE_IMPORT_NS(x)
#define MODULE_SOFTDEP(x)
#define MODULE_DEVICE_TABLE(t, n)
#define module_param(n, t, p)
#define module_param_named(n, v, t, p)
#define MODULE_PARM_DESC(n, d)
#define try_module_get(m) true
#define is_module_address(a) false
#define module_put(m) do { } while (0)
#define __module_get(m) do { } while (0)

#endif
