/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_CLEANUP_H
#define _SHIM_LINUX_CLEANUP_H

#include <linux/compiler.h>

#define DEFINE_FREE(_name, _type, _free) \
	static inline void __free_##_name(void *p) { _type _T = *(_type *)p; _free; }
#define __free(_name) __cleanup(__free_##_name)
#define no_free_ptr(p) ({ __auto_type __ptr = (p); (p) = NULL; __ptr; })
#define return_ptr(p) return no_free_ptr(p)
/* Scoped locks: guard(name)(args) holds the lock to the end of the scope. */
#define DEFINE_GUARD(_name, _type, _lock, _unlock) \
	typedef _type class_##_name##_t; \
	static inline void class_##_name##_destructor(_type *p) \
	{ _type _T = *p; if (_T) { _unlock; } } \
	static inline _type class_##_name##_constructor(_type _T) { _lock; return _T; }
#define guard(_name) \
	class_##_name##_t __UNIQUE_ID(guard) __cleanup(class_##_name##_destructor) = \
		class_##_name##_constructor
#define DEFINE_LOCK_GUARD_1(...)
#define DEFINE_CLASS(...)

#endif
