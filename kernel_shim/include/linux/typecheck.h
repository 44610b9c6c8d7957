/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_TYPECHECK_H
#define _SHIM_LINUX_TYPECHECK_H

/* 1, with a compiler warning when x is not of type t. */
#define typecheck(type, x) \
	({ type __dummy; typeof(x) __dummy2; (void)(&__dummy == &__dummy2); 1; })
#define typecheck_fn(type, function) ({ typeof(type) __tmp = function; (void)__tmp; })
#define typecheck_pointer(x) ({ typeof(x) __dummy; (void)sizeof(*__dummy); 1; })

#endif
