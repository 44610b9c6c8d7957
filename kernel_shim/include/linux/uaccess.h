/* SPDX-License-Identifier: GPL-2.0-only */
/* User memory is reached only through the host, which checks every user
 * pointer: a bad one is -EFAULT, never a crash. Fail-nth applies. */
#ifndef _SHIM_LINUX_UACCESS_H
#define _SHIM_LINUX_UACCESS_H

#include <linux/kernel.h>
#include <linux/sched.h>

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long clear_user(void __user *to, unsigned long n);
#define __copy_from_user copy_from_user
#define __copy_to_user copy_to_user
#define access_ok(addr, size) true
/* Zero check of user memory: 1 all zero, 0 not, -EFAULT. */
int check_zeroed_user(const void __user *from, size_t size);

#define get_user(x, ptr) ({ \
	typeof(*(ptr)) __gu_val; \
	int __gu_err = copy_from_user(&__gu_val, (ptr), sizeof(__gu_val)) ? -EFAULT : 0; \
	(x) = __gu_err ? (typeof(*(ptr)))0 : __gu_val; \
	__gu_err; })
#define put_user(x, ptr) ({ \
	typeof(*(ptr)) __pu_val = (x); \
	copy_to_user((ptr), &__pu_val, sizeof(__pu_val)) ? -EFAULT : 0; })

static __always_inline __must_check int
copy_struct_from_user(void *dst, size_t ksize, const void __user *src, size_t usize)
{
	size_t size = min(ksize, usize);
	size_t rest = max(ksize, usize) - size;

	if (usize < ksize) {
		memset((char *)dst + size, 0, rest);
	} else if (usize > ksize) {
		int ret = check_zeroed_user((const char __user *)src + size, rest);

		if (ret <= 0)
			return ret ?: -E2BIG;
	}
	if (copy_from_user(dst, src, size))
		return -EFAULT;
	return 0;
}

#endif
