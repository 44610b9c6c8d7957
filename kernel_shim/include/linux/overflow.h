/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_OVERFLOW_H
#define _SHIM_LINUX_OVERFLOW_H

#include <linux/compiler.h>
#include <linux/limits.h>
#include <linux/types.h>

#define check_add_overflow(a, b, d) __builtin_add_overflow(a, b, d)
#define check_sub_overflow(a, b, d) __builtin_sub_overflow(a, b, d)
#define check_mul_overflow(a, b, d) __builtin_mul_overflow(a, b, d)
#define overflows_type(n, T) ({ typeof(T) __ot; __builtin_add_overflow(n, 0, &__ot); })

static inline size_t size_mul(size_t a, size_t b)
{
	size_t r;

	return check_mul_overflow(a, b, &r) ? SIZE_MAX : r;
}

static inline size_t size_add(size_t a, size_t b)
{
	size_t r;

	return check_add_overflow(a, b, &r) ? SIZE_MAX : r;
}

static inline size_t size_sub(size_t a, size_t b)
{
	size_t r;

	if (a == SIZE_MAX || b == SIZE_MAX || check_sub_overflow(a, b, &r))
		return SIZE_MAX;
	return r;
}

#define type_max(T) ((T)((((T)1 << (8 * sizeof(T) - 1 - is_signed_type(T))) - 1) * 2 + 1))
#define type_min(T) ((T)((T)-type_max(T) - (T)1))
#define array_size(a, b) size_mul(a, b)
#define array3_size(a, b, c) size_mul(size_mul(a, b), c)
#define flex_array_size(p, member, count) \
	size_mul(count, sizeof(*(p)->member))
#define struct_size(p, member, count) \
	size_add(sizeof(*(p)), flex_array_size(p, member, count))
#define struct_size_t(type, member, count) \
	struct_size((type *)NULL, member, count)

#endif
