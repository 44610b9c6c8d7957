// SPDX-License-Identifier: GPL-2.0-only
/*
 * The big kernel lock: one recursive mutex around every entry into the
 * kernel side, so the real iommufd code, written for a preemptive SMP
 * kernel, runs one thread at a time here and its results never depend on
 * host thread scheduling.
 */
#define _GNU_SOURCE
#include <pthread.h>

#include "host.h"

static pthread_mutex_t bkl = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static __thread int depth;

void host_bkl_lock(void)
{
	pthread_mutex_lock(&bkl);
	depth++;
}

void host_bkl_unlock(void)
{
	depth--;
	pthread_mutex_unlock(&bkl);
}

/*
 * In a fork()ed child: a fresh, unlocked mutex. The parent's may have
 * been held (by the forking thread, or one that does not exist here),
 * and a recursive mutex cannot be unlocked by the child's new thread id.
 */
void host_bkl_after_fork(void)
{
	pthread_mutex_t fresh = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;

	bkl = fresh;
	depth = 0;
}

int host_bkl_held(void)
{
	return depth;
}
