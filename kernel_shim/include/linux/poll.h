/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_POLL_H
#define _SHIM_LINUX_POLL_H

#include <linux/fs.h>
#include <linux/wait.h>

#define EPOLLIN 0x00000001
#define EPOLLPRI 0x00000002
#define EPOLLOUT 0x00000004
#define EPOLLERR 0x00000008
#define EPOLLHUP 0x00000010
#define EPOLLRDNORM 0x00000040
#define EPOLLWRNORM 0x00000100

typedef struct poll_table_struct {
	int unused;
} poll_table;

static inline void poll_wait(struct file *f, wait_queue_head_t *wq, poll_table *p)
{
}

#endif
