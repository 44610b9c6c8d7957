// SPDX-License-Identifier: GPL-2.0-only
#include <stdlib.h>
#include <string.h>

#include "host.h"

void *host_malloc(size_t size)
{
	return malloc(size ? size : 1);
}

void *host_zalloc(size_t size)
{
	return calloc(1, size ? size : 1);
}

void *host_realloc(void *p, size_t size)
{
	return realloc(p, size ? size : 1);
}

void *host_aligned_alloc(size_t align, size_t size)
{
	void *p = NULL;

	if (align < sizeof(void *))
		align = sizeof(void *);
	if (posix_memalign(&p, align, size ? size : 1))
		return NULL;
	return p;
}

void host_free(void *p)
{
	free(p);
}
