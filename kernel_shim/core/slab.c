// SPDX-License-Identifier: GPL-2.0-only
/* kmalloc and kmem_cache on the host heap, with fail-nth injection. */
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <shim/fail_nth.h>

/*
 * A header before each object records its size for krealloc/ksize, and
 * links the objects allocated while the initcalls run: built-in code
 * keeps some for ever (iommu.c's bus notifier blocks), which a kernel
 * never frees but shim_shutdown() must, or every boot after a shutdown
 * leaks them (fuzz/fuzz_iommufd boots a kernel per input). 32 bytes: the
 * object stays 16-byte aligned.
 */
struct kmalloc_hdr {
	size_t size;
	size_t boot;                    /* linked in boot_objects */
	struct kmalloc_hdr *next, *prev;
};

static bool tracking_boot;
static struct kmalloc_hdr boot_objects = { .next = &boot_objects, .prev = &boot_objects };

void shim_slab_track_boot(bool on)
{
	tracking_boot = on;
}

/* At shutdown, after the exit calls: what initcalls allocated and nothing freed. */
void shim_slab_free_boot_objects(void)
{
	while (boot_objects.next != &boot_objects) {
		struct kmalloc_hdr *h = boot_objects.next;

		h->next->prev = h->prev;
		h->prev->next = h->next;
		host_free(h);
	}
}

void *kmalloc(size_t size, gfp_t flags)
{
	struct kmalloc_hdr *h;

	if (size > KMALLOC_MAX_SIZE)
		return NULL;
	if (!(flags & __GFP_NOFAIL) && shim_fail_nth_hit())
		return NULL;
	h = (flags & __GFP_ZERO) ? host_zalloc(sizeof(*h) + size) : host_malloc(sizeof(*h) + size);
	if (!h)
		return NULL;
	h->size = size;
	h->boot = tracking_boot;
	if (h->boot) {
		h->next = &boot_objects;
		h->prev = boot_objects.prev;
		boot_objects.prev->next = h;
		boot_objects.prev = h;
	}
	return h + 1;
}

static struct kmalloc_hdr *hdr_of(const void *p)
{
	return (struct kmalloc_hdr *)p - 1;
}

void kfree(const void *p)
{
	struct kmalloc_hdr *h;

	if (ZERO_OR_NULL_PTR(p))
		return;
	h = hdr_of(p);
	/* A page this object lies in may be aliased for DMA (virt_to_phys). */
	host_heap_unalias(p, h->size);
	if (h->boot) {
		h->next->prev = h->prev;
		h->prev->next = h->next;
	}
	host_free(h);
}

void kvfree(const void *p)
{
	kfree(p);
}

void kfree_sensitive(const void *p)
{
	if (!ZERO_OR_NULL_PTR(p))
		memset((void *)p, 0, hdr_of(p)->size);
	kfree(p);
}

size_t ksize(const void *p)
{
	return ZERO_OR_NULL_PTR(p) ? 0 : hdr_of(p)->size;
}

void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	void *n;
	size_t old;

	if (!p)
		return kmalloc(new_size, flags);
	old = ksize(p);
	if (new_size <= old)
		return (void *)p;
	n = kmalloc(new_size, flags);
	if (!n)
		return NULL;
	memcpy(n, p, old);
	if (flags & __GFP_ZERO)
		memset((char *)n + old, 0, new_size - old);
	kfree(p);
	return n;
}

void *kvrealloc(const void *p, size_t size, gfp_t flags)
{
	return krealloc(p, size, flags);
}

void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = kmalloc(len, gfp);

	if (p)
		memcpy(p, src, len);
	return p;
}

char *kstrdup(const char *s, gfp_t gfp)
{
	return s ? kmemdup(s, strlen(s) + 1, gfp) : NULL;
}

const char *kstrdup_const(const char *s, gfp_t gfp)
{
	return kstrdup(s, gfp);
}

void kfree_const(const void *x)
{
	kfree(x);
}

void *memdup_user(const void __user *src, size_t len)
{
	void *p = kmalloc(len, GFP_KERNEL);

	if (!p)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(p, src, len)) {
		kfree(p);
		return ERR_PTR(-EFAULT);
	}
	return p;
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *))
{
	struct kmem_cache *s = kzalloc(sizeof(*s), GFP_KERNEL | __GFP_NOFAIL);

	s->name = name;
	s->size = size;
	s->align = align;
	s->ctor = ctor;
	return s;
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	if (!s)
		return;
	WARN(s->live, "kmem_cache %s destroyed with %ld objects live\n", s->name, s->live);
	kfree(s);
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
	void *p = kmalloc(s->size, flags);

	if (!p)
		return NULL;
	if (s->ctor)
		s->ctor(p);
	s->live++;
	return p;
}

void *kmem_cache_alloc_lru(struct kmem_cache *s, struct list_lru *lru, gfp_t flags)
{
	return kmem_cache_alloc(s, flags);
}

void kmem_cache_free(struct kmem_cache *s, void *objp)
{
	if (!objp)
		return;
	s->live--;
	kfree(objp);
}
