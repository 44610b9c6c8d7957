// SPDX-License-Identifier: GPL-2.0-only
/*
 * Lock bookkeeping, RCU and wait queues for a kernel that runs under one
 * big lock (see linux/lockdep.h and linux/rcupdate.h).
 */
#include <linux/lockdep.h>
#include <linux/rcupdate.h>
#include <linux/wait.h>
#include <linux/kernel.h>

void shim_lock_acquire(struct lockdep_map *map, const char *file, int line)
{
	if (map->held || map->readers)
		host_bug(file, line, "self-deadlock: lock already held (nothing else can release it)");
	map->held = 1;
}

void shim_lock_release(struct lockdep_map *map, const char *file, int line)
{
	if (!map->held)
		host_bug(file, line, "releasing a lock that is not held");
	map->held = 0;
}

void shim_lock_acquire_read(struct lockdep_map *map, const char *file, int line)
{
	if (map->held)
		host_bug(file, line, "self-deadlock: read lock while write-held");
	map->readers++;
}

void shim_lock_release_read(struct lockdep_map *map, const char *file, int line)
{
	if (map->readers <= 0)
		host_bug(file, line, "releasing a read lock that is not held");
	map->readers--;
}

static int rcu_depth;
static struct rcu_head *rcu_pending, **rcu_tail = &rcu_pending;

static void rcu_run_callbacks(void)
{
	while (rcu_pending) {
		struct rcu_head *head = rcu_pending;

		rcu_pending = head->next;
		if (!rcu_pending)
			rcu_tail = &rcu_pending;
		head->func(head);
	}
}

void rcu_read_lock(void)
{
	rcu_depth++;
}

void rcu_read_unlock(void)
{
	if (WARN_ON(rcu_depth <= 0))
		return;
	if (--rcu_depth == 0)
		rcu_run_callbacks();
}

int rcu_read_lock_held(void)
{
	return rcu_depth > 0;
}

void call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	head->func = func;
	head->next = NULL;
	*rcu_tail = head;
	rcu_tail = &head->next;
	if (!rcu_depth)
		rcu_run_callbacks();
}

void synchronize_rcu(void)
{
	WARN_ON(rcu_depth);
	rcu_run_callbacks();
}

void rcu_barrier(void)
{
	rcu_run_callbacks();
}

void init_waitqueue_head(struct wait_queue_head *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->head);
	wq->wakeups = 0;
}

void __wake_up(struct wait_queue_head *wq)
{
	wq->wakeups++;
}

void shim_wait_forever(const char *file, int line, const char *cond)
{
	host_bug(file, line, "wait would never end: nothing can make this true");
}
