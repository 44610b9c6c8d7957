// SPDX-License-Identifier: GPL-2.0-only
/* Deferred work, run in queueing order at the end of each kernel entry. */
#include <linux/slab.h>
#include <linux/workqueue.h>

static LIST_HEAD(pending);
static struct workqueue_struct system_wq_storage = { .name = "events" };
struct workqueue_struct *system_wq = &system_wq_storage;

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max_active, ...)
{
	struct workqueue_struct *wq = kzalloc(sizeof(*wq), GFP_KERNEL);

	if (wq)
		wq->name = fmt;
	return wq;
}

void destroy_workqueue(struct workqueue_struct *wq)
{
	shim_run_deferred();
	kfree(wq);
}

bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	if (work->pending)
		return false;
	work->pending = true;
	list_add_tail(&work->entry, &pending);
	return true;
}

bool schedule_work(struct work_struct *work)
{
	return queue_work(system_wq, work);
}

void shim_run_deferred(void)
{
	while (!list_empty(&pending)) {
		struct work_struct *work = list_first_entry(&pending, struct work_struct, entry);

		list_del_init(&work->entry);
		work->pending = false;
		work->func(work);
	}
}

void flush_workqueue(struct workqueue_struct *wq)
{
	shim_run_deferred();
}

bool flush_work(struct work_struct *work)
{
	bool was = work->pending;

	shim_run_deferred();
	return was;
}

bool cancel_work(struct work_struct *work)
{
	if (!work->pending)
		return false;
	list_del_init(&work->entry);
	work->pending = false;
	return true;
}

bool cancel_work_sync(struct work_struct *work)
{
	return cancel_work(work);
}
