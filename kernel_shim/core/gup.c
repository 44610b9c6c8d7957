// SPDX-License-Identifier: GPL-2.0-only
/*
 * get_user_pages / pin_user_pages over host process memory. Each user
 * page has a stable frame (host_user_frames); while any reference or pin
 * is held the frame is backed in pmem by the user's page itself, so a
 * DMA the IOMMU translates lands in the user's buffer. A pin adds
 * GUP_PIN_COUNTING_BIAS to the page's count, as in the kernel.
 *
 * With the kernel shared across fork, an mm may be another process's:
 * pin_user_pages_remote() on it faults its pages in by reading them
 * (process_vm_readv) and fails with EFAULT once that process has exited,
 * as GUP on an mm without users does. Its pages are backed in pmem only
 * where they were pinned by their own process.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/kthread.h>

struct page *shim_user_page(unsigned long pfn);
bool shim_other_processes(void);

/* Is the user page's memory the caller's own (reachable at page->private)? */
static bool user_page_local(const struct page *page)
{
	return page->user_mm == current->mm;
}

static void page_ref_add(struct page *page, int n)
{
	if (atomic_fetch_add(n, &page->_refcount) == 0 && page->user && user_page_local(page))
		WARN_ON(host_user_page_map(page->pfn, page->private));
}

static void page_ref_sub(struct page *page, int n)
{
	int left = atomic_sub_return(n, &page->_refcount);

	WARN_ON(left < 0);
	if (left == 0 && page->user) {
		host_user_page_unmap(page->pfn);
		if (page->user_mm) {
			list_del_init(&page->user_link);
			mmdrop(page->user_mm);
			page->user_mm = NULL;
		}
		host_free(page->user_copy);
		page->user_copy = NULL;
	}
}

/* A reference to user page `page`, at uaddr of mm's process, taken now. */
static void user_page_get(struct page *page, int bias, struct mm_struct *mm,
			  unsigned long uaddr, const struct host_user_frame *fr)
{
	if (page->user_mm != mm) {
		if (page->user_mm) {
			list_del(&page->user_link);
			mmdrop(page->user_mm);
		}
		mmgrab(mm);
		page->user_mm = mm;
		list_add_tail(&page->user_link, &mm->user_pages);
	}
	page->private = uaddr;
	page->user_dev = fr->dev;
	page->user_ino = fr->ino;
	page->user_off = fr->off;
	page_ref_add(page, bias);
}

static long gup(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
		unsigned int gup_flags, struct page **pages, int bias)
{
	struct host_user_frame one, *fr = &one;
	bool local = mm == current->mm;
	int pid = local ? 0 : mm->owner_pid;
	unsigned long i, ok, nfr;

	start &= PAGE_MASK;     /* as real GUP: iova_bitmap.c relies on it */
	if (!local && !atomic_read(&mm->mm_users))
		return nr_pages ? -EFAULT : 0;  /* its process has exited */
	ok = host_user_range_ok_pid(pid, start, nr_pages, gup_flags & FOLL_WRITE);
	/* Not kmalloc: the fail-nth sites are the kernel's, not the shim's. */
	if (ok > 1 && !(fr = host_malloc(ok * sizeof(*fr))))
		return -ENOMEM;
	nfr = ok ? host_user_frames(pid, mm->id, start, ok, fr) : 0;
	for (i = 0; i < nfr; i++) {
		struct page *page = shim_user_page(fr[i].pfn);

		if (!page)
			break;
		user_page_get(page, bias, mm, start + i * PAGE_SIZE, &fr[i]);
		if (pages)
			pages[i] = page;
	}
	if (fr != &one)
		host_free(fr);
	if (i == 0 && nr_pages)
		return -EFAULT;
	return i;
}

long pin_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			 struct page **pages)
{
	return gup(current->mm, start, nr_pages, gup_flags, pages, GUP_PIN_COUNTING_BIAS);
}

long pin_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages)
{
	return gup(current->mm, start, nr_pages, gup_flags, pages, GUP_PIN_COUNTING_BIAS);
}

long pin_user_pages_remote(struct mm_struct *mm, unsigned long start,
			   unsigned long nr_pages, unsigned int gup_flags,
			   struct page **pages, int *locked)
{
	return gup(mm, start, nr_pages, gup_flags, pages, GUP_PIN_COUNTING_BIAS);
}

long get_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			 struct page **pages)
{
	return gup(current->mm, start, nr_pages, gup_flags, pages, 1);
}

/*
 * kmap of a user page another process pinned: its memory where this
 * process maps the same shared object, else a bounce page filled from
 * that process (zeros once it has exited) and written back at kunmap
 * where it changed.
 */
struct kmap_bounce {
	struct page *page;
	char *buf;              /* the page, then its contents as read */
	bool write_back;        /* to uaddr of process pid, where it changed */
	int pid;
	unsigned long uaddr;
};

#define KMAP_NEST 16
static __thread struct kmap_bounce kmap_bounces[KMAP_NEST];

static void *user_page_alias(const struct page *page)
{
	return page->user_ino ? host_user_alias(page->user_dev, page->user_ino, page->user_off,
						page->private) : NULL;
}

void *shim_user_page_address(const struct page *page)
{
	if (page->user_copy)
		return page->user_copy;
	if (user_page_local(page))
		return (void *)page->private;
	return user_page_alias(page);
}

void *shim_kmap(struct page *page)
{
	struct mm_struct *mm = page->user_mm;
	struct kmap_bounce *b = NULL;
	void *p;

	if (!page->user || page->user_copy || user_page_local(page))
		return page_address(page);
	p = user_page_alias(page);
	if (p)
		return p;
	for (unsigned int i = 0; i < KMAP_NEST && !b; i++)
		if (!kmap_bounces[i].page)
			b = &kmap_bounces[i];
	if (!b)
		host_bug(__FILE__, __LINE__, "kmap nested too deep");
	/* Page aligned: kunmap is given any address inside the page. */
	b->buf = host_aligned_alloc(PAGE_SIZE, 2 * PAGE_SIZE);
	if (!b->buf)
		host_bug(__FILE__, __LINE__, "no memory for a kmap bounce page");
	b->page = page;
	b->pid = mm ? mm->owner_pid : 0;
	b->uaddr = page->private;
	b->write_back = mm && atomic_read(&mm->mm_users) &&
			!host_user_rw_pid(b->pid, b->uaddr, b->buf, PAGE_SIZE, 0);
	if (!b->write_back)
		memset(b->buf, 0, PAGE_SIZE);   /* its process is gone, and its page */
	memcpy(b->buf + PAGE_SIZE, b->buf, PAGE_SIZE);
	return b->buf;
}

static void kunmap_bounce(struct kmap_bounce *b)
{
	size_t lo = 0, hi = PAGE_SIZE;

	if (b->write_back) {
		while (lo < hi && b->buf[lo] == b->buf[PAGE_SIZE + lo])
			lo++;
		while (hi > lo && b->buf[hi - 1] == b->buf[PAGE_SIZE + hi - 1])
			hi--;
		if (hi > lo)
			host_user_rw_pid(b->pid, b->uaddr + lo, b->buf + lo, hi - lo, 1);
	}
	host_free(b->buf);
	b->buf = NULL;
	b->page = NULL;
}

void shim_kunmap(const void *addr)
{
	uintptr_t base = (uintptr_t)addr & PAGE_MASK;

	for (unsigned int i = 0; i < KMAP_NEST; i++)
		if (kmap_bounces[i].page && (uintptr_t)kmap_bounces[i].buf == base) {
			kunmap_bounce(&kmap_bounces[i]);
			return;
		}
}

void shim_kunmap_page(struct page *page)
{
	for (unsigned int i = KMAP_NEST; i-- > 0;)
		if (kmap_bounces[i].page == page) {
			kunmap_bounce(&kmap_bounces[i]);
			return;
		}
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
	/*
	 * A range of physically contiguous frames, one struct page each. No
	 * page: the frame came from a corrupted IOMMU table (fault injection,
	 * sim/inject), where a kernel would find a bad page.
	 */
	if (WARN_ON(!page))
		return;
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

/*
 * The calling process is exiting, and other processes share the kernel:
 * its private pages still referenced (pinned for a domain, an access)
 * must outlive it, as a pinned page does on a real kernel. Each becomes a
 * copy in kernel memory, what kmap and the hardware (pmem) reach from
 * now on. Pages of shared mappings live on in their object. (A process
 * killed without running its exit handlers cannot do this: its private
 * pages read as zeros from then on.)
 */
void shim_keep_pinned_pages(void)
{
	struct mm_struct *mm = current->mm;
	struct page *page;

	if (!shim_other_processes())
		return;         /* nobody is left to reach them */
	list_for_each_entry(page, &mm->user_pages, user_link) {
		void *copy;

		if (page->user_ino || page->user_copy)
			continue;
		copy = host_aligned_alloc(PAGE_SIZE, PAGE_SIZE);
		if (!copy)
			continue;
		if (host_user_rw_pid(0, page->private, copy, PAGE_SIZE, 0))
			memset(copy, 0, PAGE_SIZE);
		page->user_copy = copy;
		host_user_page_unmap(page->pfn);
		WARN_ON(host_user_page_map(page->pfn, (unsigned long)copy));
	}
}

/* User copies reach mm's process until kthread_unuse_mm(). */
void kthread_use_mm(struct mm_struct *mm)
{
	if (mm != current->mm)
		host_uaccess_set_pid(mm->owner_pid);
}

void kthread_unuse_mm(struct mm_struct *mm)
{
	host_uaccess_set_pid(0);
}
