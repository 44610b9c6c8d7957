// SPDX-License-Identifier: GPL-2.0-only
/*
 * struct page and the page allocator over simulated physical memory
 * (host side: host_pages_*). One struct page per frame ever used, in a
 * two-level table indexed by frame number, created on first use.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <models_pmem_layout.h>
#include <shim/fail_nth.h>

#define PAGE_TABLE_L2_BITS 15   /* 32768 struct page per leaf */
#define PAGE_TABLE_L1_SIZE (1u << (SHIM_PFN_BITS - PAGE_TABLE_L2_BITS))

static struct page **page_table[PAGE_TABLE_L1_SIZE];

static struct page *page_slot(unsigned long pfn, bool create)
{
	unsigned long hi = pfn >> PAGE_TABLE_L2_BITS;
	unsigned long lo = pfn & ((1u << PAGE_TABLE_L2_BITS) - 1);
	struct page *p;

	if (hi >= PAGE_TABLE_L1_SIZE)
		return NULL;
	if (!page_table[hi]) {
		if (!create)
			return NULL;
		page_table[hi] = host_zalloc(sizeof(struct page *) << PAGE_TABLE_L2_BITS);
		if (!page_table[hi])
			return NULL;
	}
	p = page_table[hi][lo];
	if (!p && create) {
		p = host_zalloc(sizeof(*p));
		if (!p)
			return NULL;
		p->pfn = pfn;
		INIT_LIST_HEAD(&p->lru);
		INIT_LIST_HEAD(&p->user_link);
		page_table[hi][lo] = p;
	}
	return p;
}

/*
 * Shutdown: every struct page goes, with the table. A kernel booted again
 * starts from nothing, instead of finding stale struct pages of frames
 * handed out anew, and a fresh frame per pinned user page per boot no
 * longer grows the table without end (fuzz/fuzz_iommufd boots a kernel
 * per input).
 */
void shim_pages_fini(void)
{
	for (unsigned long hi = 0; hi < PAGE_TABLE_L1_SIZE; hi++) {
		if (!page_table[hi])
			continue;
		for (unsigned long lo = 0; lo < (1ul << PAGE_TABLE_L2_BITS); lo++) {
			struct page *p = page_table[hi][lo];

			if (!p)
				continue;
			if (!list_empty(&p->user_link))
				list_del_init(&p->user_link);
			host_free(p);
		}
		host_free(page_table[hi]);
		page_table[hi] = NULL;
	}
}

struct page *pfn_to_page(unsigned long pfn)
{
	return page_slot(pfn, false);
}

/* For the GUP code: the struct page of a user frame, created on demand. */
struct page *shim_user_page(unsigned long pfn)
{
	struct page *p = page_slot(pfn, true);

	if (p)
		p->user = true;
	return p;
}

void *shim_user_page_address(const struct page *page);

void *page_address(const struct page *page)
{
	if (page->user)         /* the user's mapping, if this process has one */
		return shim_user_page_address(page);
	return host_kernel_phys_to_virt(PFN_PHYS(page->pfn));
}

struct page *virt_to_page(const void *addr)
{
	if (!host_is_kernel_page(addr))
		return NULL;
	return pfn_to_page(host_kernel_virt_to_phys(addr) >> PAGE_SHIFT);
}

bool virt_addr_valid(const void *addr)
{
	return host_is_kernel_page(addr);
}

phys_addr_t virt_to_phys(const volatile void *addr)
{
	const void *a = (const void *)addr;

	unsigned long long pa;

	if (host_is_kernel_page(a))
		return host_kernel_virt_to_phys(a);
	/* kmalloc()ed or static: the host page gets a physical alias. */
	pa = host_heap_virt_to_phys(a);
	WARN(!pa, "virt_to_phys(%p): no physical alias left\n", a);
	return pa;
}

void *phys_to_virt(phys_addr_t pa)
{
	void *va = host_kernel_phys_to_virt(pa);

	return va ? va : host_heap_phys_to_virt(pa);
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	unsigned long pfn;
	void *va;

	/* fail_page_alloc: a fail-nth site like kmalloc (fault-inject.h). */
	if (!(gfp & __GFP_NOFAIL) && shim_fail_nth_hit())
		return NULL;
	va = host_pages_alloc(order);
	if (!va)
		return NULL;
	pfn = host_kernel_virt_to_phys(va) >> PAGE_SHIFT;
	for (unsigned long i = 0; i < (1UL << order); i++) {
		struct page *p = page_slot(pfn + i, true);

		if (!p) {
			host_pages_free(va, order);
			return NULL;
		}
		atomic_set(&p->_refcount, i ? 0 : 1);
		p->flags = 0;
		p->order = order;
	}
	return pfn_to_page(pfn);
}

struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order)
{
	return alloc_pages(gfp, order);
}

void __free_pages(struct page *page, unsigned int order)
{
	if (!page)
		return;
	if (WARN_ON(page->user))
		return;
	host_pages_free(page_address(page), order);
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *p = alloc_pages(gfp, order);

	return p ? (unsigned long)page_address(p) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}
