// SPDX-License-Identifier: GPL-2.0-only
/*
 * The heap of everything linked into the preload library (-Wl,--wrap):
 * an allocation made inside the kernel (the calling thread holds the
 * kernel lock) comes from the kernel heap shared across fork
 * (host_arena.c) once the kernel is shared, so that the hardware models'
 * and the shim's own allocations are as shared as kmalloc's; any other
 * (the preload's own bookkeeping, or before sharing) from libc. A free
 * goes wherever the block came from.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "host.h"

/* Each wrapped function (-Wl,--wrap=name) and libc's behind it. */
#define WRAPPED(ret, name, params) ret __real_##name params; ret __wrap_##name params
WRAPPED(void *, malloc, (size_t size));
WRAPPED(void *, calloc, (size_t n, size_t size));
WRAPPED(void *, realloc, (void *p, size_t size));
WRAPPED(void, free, (void *p));
WRAPPED(int, posix_memalign, (void **out, size_t align, size_t size));
WRAPPED(void *, aligned_alloc, (size_t align, size_t size));

static int kernel_heap(void)
{
	return host_bkl_held() && host_arena_active();
}

void *__wrap_malloc(size_t size)
{
	if (kernel_heap())
		return host_arena_malloc(size);
	return __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
	size_t bytes;

	if (!kernel_heap())
		return __real_calloc(n, size);
	if (__builtin_mul_overflow(n, size, &bytes)) {
		errno = ENOMEM;
		return NULL;
	}
	return host_arena_zalloc(bytes);
}

void *__wrap_realloc(void *p, size_t size)
{
	if (host_arena_owns(p))
		return host_arena_realloc(p, size);
	if (!kernel_heap())
		return __real_realloc(p, size);
	/* A libc block the kernel grows: it moves to the kernel heap. */
	return host_arena_realloc_any(p, size, __real_free);
}

void __wrap_free(void *p)
{
	if (host_arena_owns(p))
		host_arena_free(p);
	else
		__real_free(p);
}

int __wrap_posix_memalign(void **out, size_t align, size_t size)
{
	void *p;

	if (!kernel_heap())
		return __real_posix_memalign(out, align, size);
	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	p = host_arena_memalign(align, size);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

void *__wrap_aligned_alloc(size_t align, size_t size)
{
	if (!kernel_heap())
		return __real_aligned_alloc(align, size);
	return host_arena_memalign(align, size);
}
