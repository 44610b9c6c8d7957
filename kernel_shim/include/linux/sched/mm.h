/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_SCHED_MM_H
#define _SHIM_LINUX_SCHED_MM_H

#include <linux/sched.h>
#include <linux/gfp.h>

/*
 * mm_users counts the users of the address space (its process, while it
 * lives); mm_count the references to the struct, freed at zero unless
 * static. mmget_not_zero() fails once the process has exited.
 */
static inline void mmgrab(struct mm_struct *mm) { atomic_inc(&mm->mm_count); }
void mmdrop(struct mm_struct *mm);
static inline void mmget(struct mm_struct *mm) { atomic_inc(&mm->mm_users); }
static inline bool mmget_not_zero(struct mm_struct *mm) { return atomic_inc_not_zero(&mm->mm_users); }
static inline void mmput(struct mm_struct *mm) { WARN_ON(atomic_dec_return(&mm->mm_users) < 0); }
static inline unsigned int memalloc_noio_save(void) { return 0; }
static inline void memalloc_noio_restore(unsigned int f) { }
static inline unsigned int memalloc_nofs_save(void) { return 0; }
static inline void memalloc_nofs_restore(unsigned int f) { }
static inline gfp_t current_gfp_context(gfp_t flags) { return flags; }
int __account_locked_vm(struct mm_struct *mm, unsigned long pages, bool inc,
			struct task_struct *task, bool bypass_rlim);
int account_locked_vm(struct mm_struct *mm, unsigned long pages, bool inc);

#define mmap_read_lock(mm) down_read(&(mm)->mmap_lock)
#define mmap_read_unlock(mm) up_read(&(mm)->mmap_lock)
#define mmap_write_lock(mm) down_write(&(mm)->mmap_lock)
#define mmap_write_unlock(mm) up_write(&(mm)->mmap_lock)
#define mmap_read_lock_killable(mm) (down_read(&(mm)->mmap_lock), 0)

#endif
