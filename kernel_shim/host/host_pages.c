// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel's page allocator over simulated physical memory. One host
 * range is reserved up front; a page's physical address is its offset in
 * that range plus PMEM_KERNEL_BASE, so virt_to_phys() is arithmetic and
 * physical addresses depend only on the order of allocations, never on
 * where the host put the range. Pages are backed in pmem while allocated:
 * hardware that touches a freed table page gets an external abort.
 */
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "host.h"
#include "pmem.h"
#include "shim_host_state.h"

#define KERNEL_SPAN (64ULL << 30)       /* of the 252 GiB kernel region */
#define KERNEL_SPAN_MIN (1ULL << 30)
#define MAX_ORDER 11

static struct pmem *the_pmem;
static char *base;
static uint64_t span;                   /* reserved at base */
static uint64_t bump;                   /* bytes handed out from the top */
/* LIFO free lists per order: reuse is deterministic. */
static void *free_list[MAX_ORDER];

struct pmem *host_pmem(void)
{
	if (!the_pmem)
		the_pmem = pmem_create();
	return the_pmem;
}

int host_phys_rw(unsigned long long pa, void *buf, size_t len, int write)
{
	return (write ? pmem_write(host_pmem(), pa, buf, len)
		      : pmem_read(host_pmem(), pa, buf, len)) ? -1 : 0;
}

/*
 * The window: 64 GiB if the host gives it, else the largest power of two
 * down to 1 GiB it does (valgrind's address space holds no 64 GiB range).
 * Addresses depend on the order of allocations, not on the window's size.
 */
static int reserve(void)
{
	if (base)
		return 0;
	for (span = KERNEL_SPAN; span >= KERNEL_SPAN_MIN; span /= 2) {
		/* Shared across fork (host_share.c): the same pages in every process. */
		void *p = mmap(NULL, span, PROT_READ | PROT_WRITE,
			       (host_shared() ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS |
			       MAP_NORESERVE, -1, 0);

		if (p != MAP_FAILED) {
			base = p;
			return 0;
		}
	}
	span = 0;
	return -1;
}

void *host_pages_alloc(unsigned int order)
{
	uint64_t size = PMEM_PAGE_SIZE << order;
	char *p;

	if (order >= MAX_ORDER || reserve())
		return NULL;
	if (free_list[order]) {
		p = free_list[order];
		memcpy(&free_list[order], p, sizeof(void *));
	} else {
		bump = (bump + size - 1) & ~(size - 1);
		if (bump + size > span)
			return NULL;
		p = base + bump;
		bump += size;
	}
	memset(p, 0, size);
	if (pmem_map(host_pmem(), PMEM_KERNEL_BASE + (uint64_t)(p - base), p, size)) {
		memcpy(p, &free_list[order], sizeof(void *));
		free_list[order] = p;
		return NULL;
	}
	return p;
}

void host_pages_free(void *addr, unsigned int order)
{
	char *p = addr;

	pmem_unmap(host_pmem(), PMEM_KERNEL_BASE + (uint64_t)(p - base),
		   PMEM_PAGE_SIZE << order);
	memcpy(p, &free_list[order], sizeof(void *));
	free_list[order] = p;
}

int host_is_kernel_page(const void *addr)
{
	const char *p = addr;

	return base && p >= base && p < base + span;
}

unsigned long long host_kernel_virt_to_phys(const void *addr)
{
	return PMEM_KERNEL_BASE + (uint64_t)((const char *)addr - base);
}

void *host_kernel_phys_to_virt(unsigned long long pa)
{
	if (!base || pa < PMEM_KERNEL_BASE || pa >= PMEM_KERNEL_BASE + span)
		return NULL;
	return base + (pa - PMEM_KERNEL_BASE);
}

void host_pages_shutdown(void)
{
	if (base)
		munmap(base, span);
	base = NULL;
	bump = 0;
	memset(free_list, 0, sizeof(free_list));
	host_user_pages_shutdown();
	host_heap_alias_shutdown();
	pmem_destroy(the_pmem);
	the_pmem = NULL;
}
