/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * RCU for a kernel that runs under one big lock: there are no concurrent
 * readers, so a grace period ends as soon as the calling thread leaves
 * its outermost read-side section. Callbacks queued by call_rcu() run
 * then, in queueing order (deterministic), or at synchronize_rcu().
 */
#ifndef _SHIM_LINUX_RCUPDATE_H
#define _SHIM_LINUX_RCUPDATE_H

#include <linux/compiler.h>
#include <linux/types.h>

void rcu_read_lock(void);
void rcu_read_unlock(void);
void call_rcu(struct rcu_head *head, rcu_callback_t func);
void synchronize_rcu(void);
void rcu_barrier(void);
int rcu_read_lock_held(void);

#define rcu_read_lock_bh rcu_read_lock
#define rcu_read_unlock_bh rcu_read_unlock
#define rcu_read_lock_sched rcu_read_lock
#define rcu_read_unlock_sched rcu_read_unlock
#define synchronize_rcu_expedited synchronize_rcu
#define rcu_dereference(p) READ_ONCE(p)
#define rcu_dereference_raw(p) READ_ONCE(p)
#define rcu_dereference_check(p, c) READ_ONCE(p)
#define rcu_dereference_protected(p, c) (p)
#define rcu_access_pointer(p) READ_ONCE(p)
#define rcu_assign_pointer(p, v) smp_store_release(&(p), (typeof(p))(v))
#define RCU_INIT_POINTER(p, v) WRITE_ONCE(p, v)
#define RCU_INITIALIZER(v) (typeof(*(v)) *)(v)
#define rcu_replace_pointer(rcu_ptr, ptr, c) ({ typeof(ptr) __tmp = (rcu_ptr); \
	rcu_assign_pointer((rcu_ptr), (ptr)); __tmp; })
#define kfree_rcu(ptr, rhf...) kfree(ptr)
#define kfree_rcu_mightsleep(ptr) kfree(ptr)
#define init_rcu_head(h) do { } while (0)
#define destroy_rcu_head(h) do { } while (0)

#endif
