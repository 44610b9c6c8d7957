// SPDX-License-Identifier: GPL-2.0-only
/* copy_{from,to}_user: every user pointer checked by the host; fail-nth. */
#include <linux/uaccess.h>
#include <shim/fail_nth.h>

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left;

	if (shim_fail_nth_hit()) {
		memset(to, 0, n);
		return n;
	}
	left = host_copy_from_user(to, (const void *)from, n);
	if (left)       /* the kernel zeroes what it could not copy */
		memset((char *)to + (n - left), 0, left);
	return left;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (shim_fail_nth_hit())
		return n;
	return host_copy_to_user((void *)to, from, n);
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	return host_clear_user((void *)to, n);
}

int check_zeroed_user(const void __user *from, size_t size)
{
	unsigned char buf[64];

	while (size) {
		size_t chunk = min(size, sizeof(buf));

		if (host_copy_from_user(buf, (const void *)from, chunk))
			return -EFAULT;
		if (memchr_inv(buf, 0, chunk))
			return 0;
		from = (const char __user *)from + chunk;
		size -= chunk;
	}
	return 1;
}
