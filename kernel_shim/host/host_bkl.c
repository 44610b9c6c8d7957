// SPDX-License-Identifier: GPL-2.0-only
/*
 * The big kernel lock: one recursive mutex around every entry into the
 * kernel side, so the real iommufd code, written for a preemptive SMP
 * kernel, runs one thread at a time here and its results never depend on
 * host thread scheduling. When the kernel is shared across fork (see
 * host_share.c) the lock lives in shared memory and is process-shared,
 * so it serialises the threads of every process that uses the kernel.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>

#include "host.h"
#include "shim_host_state.h"

static pthread_mutex_t bkl = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static __thread int depth;

void host_bkl_lock(void)
{
	int rc = pthread_mutex_lock(&bkl);

	if (rc == EOWNERDEAD) {
		/* A process died inside the kernel: what it was changing may
		 * be half done. Say so (a WARN) and carry on. */
		pthread_mutex_consistent(&bkl);
		host_warn(__FILE__, __LINE__, "a process died inside the simulated kernel");
	}
	depth++;
}

void host_bkl_unlock(void)
{
	depth--;
	pthread_mutex_unlock(&bkl);
}

/*
 * Shared across processes: process-shared, and robust, so that a process
 * killed while it held the lock does not stop every other one.
 */
void host_bkl_make_shared(void)
{
	pthread_mutexattr_t attr;

	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
	pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&bkl, &attr);
	pthread_mutexattr_destroy(&attr);
}

/*
 * In a fork()ed child whose kernel is a copy: a fresh, unlocked mutex.
 * The parent's may have been held (by the forking thread, or one that
 * does not exist here), and a recursive mutex cannot be unlocked by the
 * child's new thread id. With a shared kernel the lock is the parent's
 * to release: the child only forgets that its thread held it.
 */
void host_bkl_after_fork(void)
{
	pthread_mutex_t fresh = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;

	depth = 0;
	if (host_shared())
		return;
	bkl = fresh;
}

int host_bkl_held(void)
{
	return depth;
}
