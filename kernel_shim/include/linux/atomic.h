/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_ATOMIC_H
#define _SHIM_LINUX_ATOMIC_H

#include <linux/compiler.h>
#include <linux/types.h>

#define ATOMIC_INIT(i) { (i) }
#define ATOMIC64_INIT(i) { (i) }
#define ATOMIC_LONG_INIT(i) ATOMIC64_INIT(i)

#define SHIM_ATOMIC_OPS(pfx, atype, vtype)                                          \
static inline vtype pfx##_read(const atype *v) { return __atomic_load_n(&v->counter, __ATOMIC_RELAXED); } \
static inline void pfx##_set(atype *v, vtype i) { __atomic_store_n(&v->counter, i, __ATOMIC_RELAXED); } \
static inline void pfx##_add(vtype i, atype *v) { __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline void pfx##_sub(vtype i, atype *v) { __atomic_fetch_sub(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline void pfx##_inc(atype *v) { pfx##_add(1, v); }                        \
static inline void pfx##_dec(atype *v) { pfx##_sub(1, v); }                        \
static inline vtype pfx##_add_return(vtype i, atype *v) { return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline vtype pfx##_sub_return(vtype i, atype *v) { return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline vtype pfx##_fetch_add(vtype i, atype *v) { return __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline vtype pfx##_fetch_sub(vtype i, atype *v) { return __atomic_fetch_sub(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline vtype pfx##_inc_return(atype *v) { return pfx##_add_return(1, v); } \
static inline vtype pfx##_dec_return(atype *v) { return pfx##_sub_return(1, v); } \
static inline bool pfx##_dec_and_test(atype *v) { return pfx##_sub_return(1, v) == 0; } \
static inline bool pfx##_inc_and_test(atype *v) { return pfx##_add_return(1, v) == 0; } \
static inline bool pfx##_sub_and_test(vtype i, atype *v) { return pfx##_sub_return(i, v) == 0; } \
static inline vtype pfx##_xchg(atype *v, vtype n) { return __atomic_exchange_n(&v->counter, n, __ATOMIC_SEQ_CST); } \
static inline vtype pfx##_cmpxchg(atype *v, vtype o, vtype n) { __atomic_compare_exchange_n(&v->counter, &o, n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return o; } \
static inline bool pfx##_try_cmpxchg(atype *v, vtype *o, vtype n) { return __atomic_compare_exchange_n(&v->counter, o, n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); } \
static inline bool pfx##_add_unless(atype *v, vtype a, vtype u) { vtype c = pfx##_read(v); do { if (c == u) return false; } while (!pfx##_try_cmpxchg(v, &c, c + a)); return true; } \
static inline bool pfx##_inc_not_zero(atype *v) { return pfx##_add_unless(v, 1, 0); } \
static inline void pfx##_or(vtype i, atype *v) { __atomic_fetch_or(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline void pfx##_and(vtype i, atype *v) { __atomic_fetch_and(&v->counter, i, __ATOMIC_SEQ_CST); }

SHIM_ATOMIC_OPS(atomic, atomic_t, int)
SHIM_ATOMIC_OPS(atomic64, atomic64_t, s64)
SHIM_ATOMIC_OPS(atomic_long, atomic_long_t, long)

#define xchg(ptr, v) __atomic_exchange_n(ptr, v, __ATOMIC_SEQ_CST)
#define cmpxchg(ptr, o, n) ({ typeof(*(ptr)) __o = (o); \
	__atomic_compare_exchange_n(ptr, &__o, n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); __o; })
#define try_cmpxchg(ptr, po, n) \
	__atomic_compare_exchange_n(ptr, po, n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)
#define cmpxchg64 cmpxchg
#define try_cmpxchg64 try_cmpxchg
#define try_cmpxchg64_local try_cmpxchg
#define cmpxchg_relaxed cmpxchg
#define cmpxchg128 cmpxchg

#endif
