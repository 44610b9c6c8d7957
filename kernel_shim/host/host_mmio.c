// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host range ioremap() hands out (core/mmio.c): reserved once,
 * inaccessible, so that a driver dereferencing an __iomem pointer
 * instead of calling readl() faults at once. Made before any fork, it
 * is at the same address in every process sharing the kernel.
 */
#include <stddef.h>
#include <sys/mman.h>

#include "host.h"

void *host_mmio_window(size_t size)
{
	static void *window;
	void *p;

	if (window)
		return window;
	p = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	window = p;
	return window;
}
