// SPDX-License-Identifier: GPL-2.0-only
/*
 * Physical addresses for kernel memory that is not from the page
 * allocator. In Linux every kmalloc()ed object has one, and drivers hand
 * them to hardware: the VT-d driver's invalidation wait descriptors name
 * a status word in a kcalloc()ed array (qi->desc_status) for the IOMMU
 * to write. Here the kernel heap is the host's, so virt_to_phys() of
 * such an address aliases the host page that holds it into simulated
 * memory, in a window of its own, on first use. The alias goes when an
 * object overlapping the page is freed (kfree calls host_heap_unalias),
 * before the host may give the page back. Alias frames are handed out in
 * call order, reused last-freed first: deterministic.
 */
#include <stdint.h>
#include <string.h>

#include "host.h"
#include "pmem.h"

#define ALIAS_BASE (PMEM_KERNEL_BASE + (64ULL << 30))   /* above the page allocator's span */
#define ALIAS_SLOTS 4096

struct heap_alias {
	uintptr_t page;         /* host page address; 0: slot free */
};

static struct heap_alias aliases[ALIAS_SLOTS];
static unsigned int nlive, high;

static uintptr_t page_of(const void *addr)
{
	return (uintptr_t)addr & ~(uintptr_t)(PMEM_PAGE_SIZE - 1);
}

unsigned long long host_heap_virt_to_phys(const void *addr)
{
	uintptr_t page = page_of(addr);
	unsigned int slot = ALIAS_SLOTS;

	for (unsigned int i = 0; i < high; i++) {
		if (aliases[i].page == page)
			return ALIAS_BASE + (uint64_t)i * PMEM_PAGE_SIZE + ((uintptr_t)addr - page);
		if (!aliases[i].page && slot == ALIAS_SLOTS)
			slot = i;
	}
	if (slot == ALIAS_SLOTS) {
		if (high == ALIAS_SLOTS)
			return 0;
		slot = high++;
	}
	if (pmem_map(host_pmem(), ALIAS_BASE + (uint64_t)slot * PMEM_PAGE_SIZE, (void *)page,
		     PMEM_PAGE_SIZE))
		return 0;
	aliases[slot].page = page;
	nlive++;
	return ALIAS_BASE + (uint64_t)slot * PMEM_PAGE_SIZE + ((uintptr_t)addr - page);
}

void *host_heap_phys_to_virt(unsigned long long pa)
{
	uint64_t i = (pa - ALIAS_BASE) / PMEM_PAGE_SIZE;

	if (pa < ALIAS_BASE || i >= high || !aliases[i].page)
		return NULL;
	return (void *)(aliases[i].page + (pa & (PMEM_PAGE_SIZE - 1)));
}

void host_heap_unalias(const void *obj, size_t size)
{
	uintptr_t first = page_of(obj), last = page_of((const char *)obj + (size ? size - 1 : 0));

	if (!nlive)
		return;
	for (unsigned int i = 0; i < high; i++) {
		if (aliases[i].page && aliases[i].page >= first && aliases[i].page <= last) {
			pmem_unmap(host_pmem(), ALIAS_BASE + (uint64_t)i * PMEM_PAGE_SIZE,
				   PMEM_PAGE_SIZE);
			aliases[i].page = 0;
			nlive--;
		}
	}
	while (high && !aliases[high - 1].page)
		high--;
}

/* At shutdown, with the pmem that holds the aliases. */
void host_heap_alias_shutdown(void)
{
	memset(aliases, 0, sizeof(aliases));
	nlive = high = 0;
}
