// SPDX-License-Identifier: GPL-2.0-only
/*
 * fail-nth: the n-th fault-injection site a thread reaches fails, as the
 * kernel's /proc/self/task/N/fail-nth does (CONFIG_FAULT_INJECTION). The
 * preload library writes the countdown; kmalloc, copy_{to,from}_user and
 * should_fail() consult it.
 */
#include <linux/fault-inject.h>
#include <shim/fail_nth.h>

static __thread unsigned int fail_nth;  /* 0: off; n: the n-th site fails */

void shim_fail_nth_set(unsigned int n)
{
	fail_nth = n;
}

unsigned int shim_fail_nth_get(void)
{
	return fail_nth;
}

bool shim_fail_nth_hit(void)
{
	if (!fail_nth)
		return false;
	return --fail_nth == 0;
}

bool should_fail(struct fault_attr *attr, ssize_t size)
{
	return shim_fail_nth_hit();
}
