/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_MM_H
#define _SHIM_LINUX_MM_H

#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm_types.h>
#include <linux/sched/mm.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/bitmap.h>
#include <linux/export.h>
#include <asm/page.h>

#define GUP_PIN_COUNTING_BIAS (1U << 10)

/* gup flags */
#define FOLL_WRITE	0x01
#define FOLL_GET	0x04
#define FOLL_DUMP	0x08
#define FOLL_FORCE	0x10
#define FOLL_NOWAIT	0x20
#define FOLL_NOFAULT	0x80
#define FOLL_HWPOISON	0x100
#define FOLL_ANON	0x8000
#define FOLL_LONGTERM	0x10000
#define FOLL_SPLIT_PMD	0x20000
#define FOLL_PIN	0x40000
#define FOLL_FAST_ONLY	0x80000

#define VM_READ		0x00000001
#define VM_WRITE	0x00000002
#define VM_SHARED	0x00000008
#define VM_PFNMAP	0x00000400
#define VM_IO		0x00004000
#define VM_DONTEXPAND	0x00040000
#define VM_DONTDUMP	0x04000000

#define PG_dirty 4

struct page *pfn_to_page(unsigned long pfn);
static inline unsigned long page_to_pfn(const struct page *page)
{
	return page->pfn;
}
#define page_to_phys(page) ((phys_addr_t)page_to_pfn(page) << PAGE_SHIFT)
#define phys_to_page(pa) pfn_to_page((pa) >> PAGE_SHIFT)
#define PHYS_PFN(x) ((unsigned long)((x) >> PAGE_SHIFT))
#define PFN_PHYS(x) ((phys_addr_t)(x) << PAGE_SHIFT)
#define PFN_DOWN(x) ((x) >> PAGE_SHIFT)
#define PFN_UP(x) (((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
void *page_address(const struct page *page);
struct page *virt_to_page(const void *addr);
#define virt_to_folio(addr) ((struct folio *)virt_to_page(addr))
#define page_folio(p) ((struct folio *)(p))
#define folio_page(f, n) (&(f)->page + (n))
#define folio_address(f) page_address(&(f)->page)
bool virt_addr_valid(const void *addr);
#define pfn_valid(pfn) (pfn_to_page(pfn) != NULL)

static inline int page_ref_count(const struct page *page)
{
	return atomic_read(&page->_refcount);
}
static inline int page_count(const struct page *page)
{
	return page_ref_count(page);
}
void get_page(struct page *page);
void put_page(struct page *page);
#define PageCompound(p) 0
#define PageHuge(p) 0
#define PageReserved(p) 0
#define page_mapcount(p) 0
static inline void SetPageDirty(struct page *p) { p->flags |= 1UL << PG_dirty; }
static inline bool PageDirty(const struct page *p) { return p->flags & (1UL << PG_dirty); }
static inline void ClearPageDirty(struct page *p) { p->flags &= ~(1UL << PG_dirty); }
bool set_page_dirty_lock(struct page *page);
#define set_page_dirty(p) set_page_dirty_lock(p)

static inline unsigned int get_order(unsigned long size)
{
	unsigned int order = 0;

	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}

long pin_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			 struct page **pages);
long pin_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages);
long pin_user_pages_remote(struct mm_struct *mm, unsigned long start,
			   unsigned long nr_pages, unsigned int gup_flags,
			   struct page **pages, int *locked);
long get_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			 struct page **pages);
void unpin_user_page(struct page *page);
void unpin_user_pages(struct page **pages, unsigned long npages);
void unpin_user_pages_dirty_lock(struct page **pages, unsigned long npages, bool make_dirty);
void unpin_user_page_range_dirty_lock(struct page *page, unsigned long npages,
				      bool make_dirty);

#define offset_in_page(p) ((unsigned long)(p) & ~PAGE_MASK)
#define untagged_addr(addr) (addr)
#define totalram_pages() (1UL << 22)

#endif
