// SPDX-License-Identifier: GPL-2.0-only
/*
 * get_user_pages / pin_user_pages over the host process's own memory.
 * Each user page has a stable frame (host_user_pfn); while any reference
 * or pin is held the frame is backed in pmem by the user's page itself,
 * so a DMA the IOMMU translates lands in the user's buffer. A pin adds
 * GUP_PIN_COUNTING_BIAS to the page's count, as in the kernel.
 */
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/kthread.h>

struct page *shim_user_page(unsigned long pfn);

static void page_ref_add(struct page *page, int n)
{
	if (atomic_fetch_add(n, &page->_refcount) == 0 && page->user)
		WARN_ON(host_user_page_map(page->pfn, page->private));
}

static void page_ref_sub(struct page *page, int n)
{
	int left = atomic_sub_return(n, &page->_refcount);

	WARN_ON(left < 0);
	if (left == 0 && page->user)
		host_user_page_unmap(page->pfn);
}

static long gup(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		struct page **pages, int bias)
{
	unsigned long i, ok;

	start &= PAGE_MASK;     /* as real GUP: iova_bitmap.c relies on it */
	ok = host_user_range_ok(start, nr_pages, gup_flags & FOLL_WRITE);
	for (i = 0; i < ok; i++) {
		unsigned long uaddr = start + i * PAGE_SIZE;
		unsigned long long pfn;
		struct page *page;

		pfn = host_user_pfn(uaddr);
		page = pfn ? shim_user_page(pfn) : NULL;
		if (!page)
			break;
		page->private = uaddr;
		page_ref_add(page, bias);
		if (pages)
			pages[i] = page;
	}
	if (i == 0 && nr_pages)
		return -EFAULT;
	return i;
}

long pin_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			 struct page **pages)
{
	return gup(start, nr_pages, gup_flags, pages, GUP_PIN_COUNTING_BIAS);
}

long pin_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages)
{
	return gup(start, nr_pages, gup_flags, pages, GUP_PIN_COUNTING_BIAS);
}

long pin_user_pages_remote(struct mm_struct *mm, unsigned long start,
			   unsigned long nr_pages, unsigned int gup_flags,
			   struct page **pages, int *locked)
{
	/* One process: the remote mm is our own. */
	return gup(start, nr_pages, gup_flags, pages, GUP_PIN_COUNTING_BIAS);
}

long get_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			 struct page **pages)
{
	return gup(start, nr_pages, gup_flags, pages, 1);
}

void get_page(struct page *page)
{
	page_ref_add(page, 1);
}

void put_page(struct page *page)
{
	page_ref_sub(page, 1);
}

void unpin_user_page(struct page *page)
{
	page_ref_sub(page, GUP_PIN_COUNTING_BIAS);
}

void unpin_user_pages(struct page **pages, unsigned long npages)
{
	for (unsigned long i = 0; i < npages; i++)
		unpin_user_page(pages[i]);
}

bool set_page_dirty_lock(struct page *page)
{
	SetPageDirty(page);
	return true;
}

void unpin_user_pages_dirty_lock(struct page **pages, unsigned long npages, bool make_dirty)
{
	for (unsigned long i = 0; i < npages; i++) {
		if (make_dirty)
			SetPageDirty(pages[i]);
		unpin_user_page(pages[i]);
	}
}

void unpin_user_page_range_dirty_lock(struct page *page, unsigned long npages,
				      bool make_dirty)
{
	/* A range of physically contiguous frames, one struct page each. */
	for (unsigned long i = 0; i < npages; i++) {
		struct page *p = pfn_to_page(page->pfn + i);

		if (WARN_ON(!p))
			return;
		if (make_dirty)
			SetPageDirty(p);
		unpin_user_page(p);
	}
}

int __account_locked_vm(struct mm_struct *mm, unsigned long pages, bool inc,
			struct task_struct *task, bool bypass_rlim)
{
	unsigned long limit;

	if (!inc) {
		WARN_ON(mm->locked_vm < pages);
		mm->locked_vm -= pages;
		return 0;
	}
	limit = task_rlimit(task, RLIMIT_MEMLOCK) >> PAGE_SHIFT;
	if (!bypass_rlim && mm->locked_vm + pages > limit)
		return -ENOMEM;
	mm->locked_vm += pages;
	return 0;
}

int account_locked_vm(struct mm_struct *mm, unsigned long pages, bool inc)
{
	return __account_locked_vm(mm, pages, inc, current, capable(CAP_IPC_LOCK));
}

void kthread_use_mm(struct mm_struct *mm)
{
}

void kthread_unuse_mm(struct mm_struct *mm)
{
}
