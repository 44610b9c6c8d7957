/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_MATH_H
#define _SHIM_LINUX_MATH_H

#include <linux/const.h>

#define DIV_ROUND_UP(n, d) __KERNEL_DIV_ROUND_UP(n, d)
#define DIV_ROUND_UP_ULL(ll, d) DIV_ROUND_UP((unsigned long long)(ll), (d))
#define DIV_ROUND_CLOSEST(x, d) (((x) + ((d) / 2)) / (d))
#define round_up(x, y) ((((x) - 1) | ((typeof(x))((y) - 1))) + 1)
#define round_down(x, y) ((x) & ~((typeof(x))((y) - 1)))
#define roundup(x, y) ({ typeof(y) __y = y; (((x) + (__y - 1)) / __y) * __y; })
#define rounddown(x, y) ({ typeof(x) __x = (x); __x - (__x % (y)); })
#define abs(x) ({ typeof(x) __ax = (x); __ax < 0 ? -__ax : __ax; })
#define do_div(n, base) ({ unsigned int __base = (base); unsigned int __rem; \
	__rem = ((u64)(n)) % __base; (n) = ((u64)(n)) / __base; __rem; })

static inline unsigned long long div_u64(unsigned long long dividend, unsigned int divisor)
{
	return dividend / divisor;
}

static inline unsigned long long div64_u64(unsigned long long dividend,
					   unsigned long long divisor)
{
	return dividend / divisor;
}

#endif
