/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_MM_TYPES_H
#define _SHIM_LINUX_MM_TYPES_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/types.h>

/*
 * One struct page per simulated page frame (kernel pages from the shim's
 * allocator, user pages pinned by GUP). The frame number is fixed; the
 * reference count follows the kernel's convention that each pin adds
 * GUP_PIN_COUNTING_BIAS, so the selftest's MD_CHECK_REFS is meaningful.
 */
struct page {
	unsigned long pfn;
	atomic_t _refcount;
	unsigned long flags;
	unsigned long private;
	struct list_head lru;
	bool user;              /* a pinned user page, not kernel memory */
	unsigned int order;     /* kernel allocation order of the head page */
	/*
	 * A user page in use (referenced): private is its address in
	 * user_mm's process, the one that took the reference last. A page
	 * of a shared mapping also records that mapping's object (user_ino
	 * != 0) and byte offset in it: where any process that maps the same
	 * object finds the page. A private page whose process has exited
	 * lives on in user_copy, taken as the process exited.
	 */
	struct mm_struct *user_mm;
	struct list_head user_link;     /* in user_mm->user_pages */
	unsigned long long user_dev, user_ino, user_off;
	void *user_copy;
};

struct folio {
	struct page page;
};

struct vm_area_struct {
	unsigned long vm_start, vm_end;
	unsigned long vm_flags;
	unsigned long vm_pgoff;
	struct file *vm_file;
	void *vm_private_data;
	const struct vm_operations_struct *vm_ops;
	struct mm_struct *vm_mm;
};

#endif
