// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel's heap: the host's malloc, or, when the kernel is shared
 * across fork (host_share.c), the shared arena (host_arena.c).
 */
#define _GNU_SOURCE
#include <stdlib.h>

#include "host.h"
#include "shim_host_state.h"

void *host_malloc(size_t size)
{
	if (host_arena_active())
		return host_arena_malloc(size);
	return malloc(size ? size : 1);
}

void *host_zalloc(size_t size)
{
	if (host_arena_active())
		return host_arena_zalloc(size);
	return calloc(1, size ? size : 1);
}

void *host_realloc(void *p, size_t size)
{
	/* Allocated before the kernel was shared, a block moves over. */
	if (host_arena_active())
		return host_arena_realloc_any(p, size, free);
	return realloc(p, size ? size : 1);
}

void *host_aligned_alloc(size_t align, size_t size)
{
	void *p = NULL;

	if (align < sizeof(void *))
		align = sizeof(void *);
	if (host_arena_active())
		return host_arena_memalign(align, size);
	if (posix_memalign(&p, align, size ? size : 1))
		return NULL;
	return p;
}

void host_free(void *p)
{
	if (host_arena_owns(p))
		host_arena_free(p);
	else
		free(p);
}
