/* SPDX-License-Identifier: GPL-2.0-only */
/* kmalloc & co. on the host heap (so ASan sees every object), with the
 * fail-nth fault injection of the selftest honoured on each allocation. */
#ifndef _SHIM_LINUX_SLAB_H
#define _SHIM_LINUX_SLAB_H

#include <linux/gfp.h>
#include <linux/overflow.h>
#include <linux/types.h>
#include <linux/cleanup.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/rcupdate.h>

#define SLAB_HWCACHE_ALIGN 0x2000u
#define SLAB_PANIC 0x40000u
#define SLAB_RECLAIM_ACCOUNT 0x20000u
#define SLAB_ACCOUNT 0x4000000u
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)
#define ARCH_KMALLOC_MINALIGN 8
#define KMALLOC_MAX_SIZE (1UL << 30)

void *kmalloc(size_t size, gfp_t flags);
void *krealloc(const void *p, size_t new_size, gfp_t flags);
void kfree(const void *p);
size_t ksize(const void *p);
void kvfree(const void *p);
void kfree_sensitive(const void *p);
void *kvrealloc(const void *p, size_t size, gfp_t flags);

static inline void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (check_mul_overflow(n, size, &bytes))
		return NULL;
	return kmalloc(bytes, flags);
}

static inline void *krealloc_array(void *p, size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (check_mul_overflow(n, size, &bytes))
		return NULL;
	return krealloc(p, bytes, flags);
}

#define kcalloc(n, size, flags) kmalloc_array(n, size, (flags) | __GFP_ZERO)
#define kmalloc_node(size, flags, node) kmalloc(size, flags)
#define kzalloc_node(size, flags, node) kzalloc(size, flags)
#define kvmalloc(size, flags) kmalloc(size, flags)
#define kvzalloc(size, flags) kzalloc(size, flags)
#define kvmalloc_array(n, size, flags) kmalloc_array(n, size, flags)
#define kvcalloc(n, size, flags) kcalloc(n, size, flags)
#define kvzalloc_node(size, flags, node) kzalloc(size, flags)
#define kzalloc_obj(p, flags) kzalloc(sizeof(p), flags)

struct kmem_cache {
	const char *name;
	size_t size;
	size_t align;
	void (*ctor)(void *);
	long live;      /* objects allocated and not yet freed */
};

struct list_lru;
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags);
void *kmem_cache_alloc_lru(struct kmem_cache *s, struct list_lru *lru, gfp_t flags);
void kmem_cache_free(struct kmem_cache *s, void *objp);
#define kmem_cache_zalloc(s, f) kmem_cache_alloc(s, (f) | __GFP_ZERO)
#define KMEM_CACHE(s, flags) kmem_cache_create(#s, sizeof(struct s), __alignof__(struct s), flags, NULL)

DEFINE_FREE(kfree, void *, if (!IS_ERR_OR_NULL(_T)) kfree(_T))
DEFINE_FREE(kvfree, void *, if (!IS_ERR_OR_NULL(_T)) kvfree(_T))

#endif
