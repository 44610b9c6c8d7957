/* SPDX-License-Identifier: GPL-2.0-only */
/* Attributes and sparse annotations; sparse is not run, so most are empty. */
#ifndef _SHIM_LINUX_COMPILER_TYPES_H
#define _SHIM_LINUX_COMPILER_TYPES_H

#define __user
#define __kernel
#define __iomem
#define __force
#define __rcu
#define __percpu
#define __private
#define __bitwise
#define __safe
#define __nocast
#define __must_hold(x)
#define __acquires(x)
#define __releases(x)
#define __acquire(x) (void)0
#define __release(x) (void)0
#define __cond_lock(x, c) (c)
#define ACCESS_PRIVATE(p, member) ((p)->member)

#define __always_inline inline __attribute__((__always_inline__))
#define noinline __attribute__((__noinline__))
#define __noinline_for_stack noinline
#define __cold __attribute__((__cold__))
#define __init
#define __ref
#define __exit
#define __initdata
#define __ro_after_init
#define __read_mostly
#define __maybe_unused __attribute__((__unused__))
#define __always_unused __attribute__((__unused__))
#define __used __attribute__((__used__))
#define __must_check __attribute__((__warn_unused_result__))
#define __packed __attribute__((__packed__))
#define __aligned(x) __attribute__((__aligned__(x)))
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#define __noreturn __attribute__((__noreturn__))
#define __weak __attribute__((__weak__))
#define __pure __attribute__((__pure__))
#define __malloc __attribute__((__malloc__))
#define __section(s) __attribute__((__section__(s)))
#define __counted_by(m)
#define __nonstring
#define __randomize_layout
#define __no_randomize_layout
#define __designated_init
#define __alloc_size(...)
#define __realloc_size(...)
#define __assume_aligned(a, ...)
#define __no_sanitize_address
#define __no_kcsan
#define __fallthrough __attribute__((__fallthrough__))
#define fallthrough __attribute__((__fallthrough__))
#define __compiletime_error(msg) __attribute__((__error__(msg)))
#define __cleanup(func) __attribute__((__cleanup__(func)))
#define notrace
#define __visible
#define __latent_entropy
#define __nocfi
#define __diag_push()
#define __diag_pop()
#define __diag_ignore_all(o, c)
#define __struct_group(TAG, NAME, ATTRS, MEMBERS...) \
	union { struct { MEMBERS } ATTRS; struct TAG { MEMBERS } ATTRS NAME; } ATTRS

#define __same_type(a, b) __builtin_types_compatible_p(typeof(a), typeof(b))
#define __scalar_type_to_expr_cases(type) \
		unsigned type: (unsigned type)0, signed type: (signed type)0
#define __unqual_scalar_typeof(x) typeof(				\
		_Generic((x),						\
			 char:	(char)0,				\
			 __scalar_type_to_expr_cases(char),		\
			 __scalar_type_to_expr_cases(short),		\
			 __scalar_type_to_expr_cases(int),		\
			 __scalar_type_to_expr_cases(long),		\
			 __scalar_type_to_expr_cases(long long),	\
			 default: (x)))
#define __native_word(t) \
	(sizeof(t) == sizeof(char) || sizeof(t) == sizeof(short) || \
	 sizeof(t) == sizeof(int) || sizeof(t) == sizeof(long))

#define compiletime_assert(condition, msg) _Static_assert(condition, msg)
#define compiletime_assert_atomic_type(t) \
	compiletime_assert(__native_word(t), "Need native word sized stores/loads for atomicity.")

#endif
