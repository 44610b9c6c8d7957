/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Processes of a kernel shared across fork (core/sched.c), in plain C
 * types for the front door. All under the kernel lock unless said.
 */
#ifndef SHIM_PROCS_H
#define SHIM_PROCS_H

struct task_struct;

/* The calling (first) process becomes the kernel's first task. 0 or -1. */
int shim_sched_share(void);
/* Undo shim_sched_share() (the rest of the sharing failed). */
void shim_sched_unshare(void);
/* Exit, for every task whose process has ended. */
void shim_reap_exited(void);
/* fork(): the child's task before the fork, or NULL (no memory, no slot). */
struct task_struct *shim_fork_prepare(void);
/* In the parent after fork() returned pid (< 0: failed). */
void shim_fork_parent(struct task_struct *child, int pid);
/* In the child, without the kernel lock: parent_live_fd is the parent's. */
void shim_fork_child(int parent_live_fd);
int shim_current_live_fd(void);
/* In any fork()ed child, first thing: which task is current is not known. */
void shim_sched_forget_current(void);
/* The calling process exits: its pinned private pages outlive it (copies). */
void shim_keep_pinned_pages(void);
/* A copy of the kernel in a fork()ed child: fresh accounting. */
void shim_sched_reset(void);

#endif
