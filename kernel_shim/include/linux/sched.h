/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `current` is the simulated task of the calling host process: one task
 * (with its mm and fd table) per process that uses the kernel, more than
 * one when the kernel is shared across fork (core/sched.c).
 */
#ifndef _SHIM_LINUX_SCHED_H
#define _SHIM_LINUX_SCHED_H

#include <linux/atomic.h>
#include <linux/refcount.h>
#include <linux/rwsem.h>
#include <linux/jiffies.h>
#include <linux/list.h>
#include <linux/types.h>

#define TASK_COMM_LEN 16
#define RLIMIT_MEMLOCK 8
#define RLIM_INFINITY (~0UL)
#define CAP_IPC_LOCK 14
#define CAP_SYS_RAWIO 17
#define CAP_SYS_ADMIN 21
#define CAP_SYS_RESOURCE 24
#define TASK_UNINTERRUPTIBLE 2
#define TASK_INTERRUPTIBLE 1
#define TASK_RUNNING 0

struct mm_struct {
	atomic_t mm_users;      /* 0 once its process has exited */
	atomic_t mm_count;
	atomic64_t pinned_vm;
	unsigned long locked_vm;
	struct rw_semaphore mmap_lock;
	/* shim: the host process whose address space this is */
	int owner_pid;
	unsigned long long id;  /* never reused: keys its private frames */
	bool is_static;
	struct list_head user_pages;    /* referenced user pages it backs */
};

struct user_struct {
	refcount_t __count;
	atomic_long_t locked_vm;
};

struct shim_files;

struct task_struct {
	refcount_t usage;
	pid_t pid, tgid;
	struct mm_struct *mm;
	struct task_struct *group_leader;
	char comm[TASK_COMM_LEN];
	/* shim: one task per host process */
	struct shim_files *files;       /* its kernel fds */
	struct list_head tasks;         /* in the list of processes (shared kernel) */
	int live_fd;                    /* its liveness lock's fd, in that process */
	unsigned int live_slot;
	bool is_static;
};

struct task_struct *shim_current(void);
#define current shim_current()

struct user_struct *current_user(void);
static inline struct user_struct *get_uid(struct user_struct *u)
{
	refcount_inc(&u->__count);
	return u;
}
void free_uid(struct user_struct *u);

static inline void get_task_struct(struct task_struct *t)
{
	refcount_inc(&t->usage);
}
void put_task_struct(struct task_struct *t);

unsigned long task_rlimit(const struct task_struct *task, unsigned int limit);
static inline unsigned long rlimit(unsigned int limit)
{
	return task_rlimit(current, limit);
}
bool capable(int cap);
static inline pid_t task_pid_nr(struct task_struct *t) { return t->pid; }
static inline pid_t task_tgid_nr(struct task_struct *t) { return t->tgid; }
static inline bool fatal_signal_pending(struct task_struct *t) { return false; }
static inline bool signal_pending(struct task_struct *t) { return false; }
#define set_current_state(s) do { } while (0)
#define __set_current_state(s) do { } while (0)
static inline long schedule_timeout(long t) { return 0; }
static inline void schedule(void) { }

#endif
