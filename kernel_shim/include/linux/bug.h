/* SPDX-License-Identifier: GPL-2.0-only */
/* BUG aborts; WARN is counted (a WARN fails the test that caused it). */
#ifndef _SHIM_LINUX_BUG_H
#define _SHIM_LINUX_BUG_H

#include <linux/build_bug.h>
#include <linux/compiler.h>
#include <linux/printk.h>

#define BUG() host_bug(__FILE__, __LINE__, "BUG()")
#define BUG_ON(cond) do { if (unlikely(cond)) host_bug(__FILE__, __LINE__, #cond); } while (0)

#define WARN_ON(cond) ({ \
	int __ret_warn_on = !!(cond); \
	if (unlikely(__ret_warn_on)) \
		host_warn(__FILE__, __LINE__, #cond); \
	unlikely(__ret_warn_on); })
#define WARN(cond, fmt...) ({ \
	int __ret_warn_on = !!(cond); \
	if (unlikely(__ret_warn_on)) { \
		printk(KERN_WARNING fmt); \
		host_warn(__FILE__, __LINE__, #cond); \
	} \
	unlikely(__ret_warn_on); })
#define WARN_ON_ONCE(cond) WARN_ON(cond)
#define WARN_ONCE(cond, fmt...) WARN(cond, fmt)
#define WARN_TAINT(cond, taint, fmt...) WARN(cond, fmt)
#define VM_BUG_ON(cond) BUG_ON(cond)
#define VM_WARN_ON(cond) WARN_ON(cond)
#define VM_WARN_ON_ONCE(cond) WARN_ON(cond)
#define MAYBE_BUILD_BUG_ON(cond) ((void)sizeof(char[1 - 2 * !!(cond)]))

#endif
