/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Wait queues. Under the big kernel lock nothing else can make a
 * condition true while a caller waits, so a wait evaluates its condition
 * once: true proceeds, false times out (for the _timeout forms) or is
 * reported as a hang that would never end (for the others).
 */
#ifndef _SHIM_LINUX_WAIT_H
#define _SHIM_LINUX_WAIT_H

#include <linux/list.h>
#include <linux/spinlock.h>

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
	unsigned long wakeups;  /* poll state of files is re-read after these */
};
typedef struct wait_queue_head wait_queue_head_t;

struct wait_queue_entry {
	struct list_head entry;
};
typedef struct wait_queue_entry wait_queue_entry_t;

void init_waitqueue_head(struct wait_queue_head *wq);
void __wake_up(struct wait_queue_head *wq);
void shim_wait_forever(const char *file, int line, const char *cond);

#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = { .head = LIST_HEAD_INIT(name.head) }
#define wake_up(wq) __wake_up(wq)
#define wake_up_all(wq) __wake_up(wq)
#define wake_up_interruptible(wq) __wake_up(wq)
#define wake_up_interruptible_all(wq) __wake_up(wq)
#define wake_up_poll(wq, m) __wake_up(wq)
#define wake_up_interruptible_poll(wq, m) __wake_up(wq)
#define wq_has_sleeper(wq) false
#define waitqueue_active(wq) false

#define wait_event(wq, cond) do { \
	if (!(cond)) shim_wait_forever(__FILE__, __LINE__, #cond); } while (0)
#define wait_event_interruptible(wq, cond) ({ \
	int __r = 0; if (!(cond)) { shim_wait_forever(__FILE__, __LINE__, #cond); __r = -ERESTARTSYS; } __r; })
#define wait_event_killable wait_event_interruptible
#define wait_event_timeout(wq, cond, timeout) ((cond) ? ((timeout) ? (long)(timeout) : 1L) : 0L)
#define wait_event_interruptible_timeout wait_event_timeout

#endif
