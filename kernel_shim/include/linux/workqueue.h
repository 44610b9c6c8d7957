/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Work items run deferred but deterministically: queued work runs in
 * queueing order when the current kernel entry leaves the big lock, or at
 * a flush. No worker threads, so no scheduling order can reach results.
 */
#ifndef _SHIM_LINUX_WORKQUEUE_H
#define _SHIM_LINUX_WORKQUEUE_H

#include <linux/list.h>
#include <linux/types.h>

struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

struct work_struct {
	struct list_head entry;
	work_func_t func;
	bool pending;
};

struct delayed_work {
	struct work_struct work;
};

struct workqueue_struct {
	const char *name;
};

#define INIT_WORK(w, f) do { INIT_LIST_HEAD(&(w)->entry); (w)->func = (f); (w)->pending = false; } while (0)
#define INIT_DELAYED_WORK(w, f) INIT_WORK(&(w)->work, f)
#define DECLARE_WORK(n, f) struct work_struct n = { LIST_HEAD_INIT(n.entry), f, false }

#define WQ_UNBOUND 0x2
#define WQ_HIGHPRI 0x10
#define WQ_MEM_RECLAIM 0x8
#define WQ_SYSFS 0x40

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max_active, ...);
#define alloc_ordered_workqueue(fmt, flags, args...) alloc_workqueue(fmt, flags, 1, ##args)
void destroy_workqueue(struct workqueue_struct *wq);
bool queue_work(struct workqueue_struct *wq, struct work_struct *work);
bool schedule_work(struct work_struct *work);
void flush_workqueue(struct workqueue_struct *wq);
bool flush_work(struct work_struct *work);
bool cancel_work_sync(struct work_struct *work);
bool cancel_work(struct work_struct *work);
/* Run every queued work item now (the kernel's workers, made synchronous). */
void shim_run_deferred(void);

extern struct workqueue_struct *system_wq;

#endif
