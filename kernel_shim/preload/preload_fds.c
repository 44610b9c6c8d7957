// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which fd numbers the preload serves. Read on every intercepted call, so
 * lock-free: one byte per fd number below PRELOAD_FD_TABLE_SIZE. Kernel
 * fds above it are rare; for those the kernel's own table is asked, under
 * its lock, and only once such an fd has existed.
 */
#define _GNU_SOURCE
#include <stdbool.h>

#include "iommusim_kernel.h"
#include "preload.h"

static unsigned char kinds[PRELOAD_FD_TABLE_SIZE];
static bool high_kernel_fds;    /* a kernel fd above the table was seen */

enum preload_fd_kind preload_fd_kind(int fd)
{
	if (fd < 0)
		return PRELOAD_FD_NONE;
	if (fd < PRELOAD_FD_TABLE_SIZE)
		return __atomic_load_n(&kinds[fd], __ATOMIC_ACQUIRE);
	if (__atomic_load_n(&high_kernel_fds, __ATOMIC_RELAXED) && iommusim_owns_fd(fd))
		return PRELOAD_FD_KERNEL;
	return PRELOAD_FD_NONE;
}

void preload_fd_mark(int fd, enum preload_fd_kind kind)
{
	if (fd < 0)
		return;
	if (fd < PRELOAD_FD_TABLE_SIZE)
		__atomic_store_n(&kinds[fd], (unsigned char)kind, __ATOMIC_RELEASE);
	else if (kind == PRELOAD_FD_KERNEL)
		__atomic_store_n(&high_kernel_fds, true, __ATOMIC_RELAXED);
}

void preload_fd_observer(int fd, int live)
{
	preload_fd_mark(fd, live ? PRELOAD_FD_KERNEL : PRELOAD_FD_NONE);
}
