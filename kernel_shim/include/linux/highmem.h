/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Temporary kernel mappings of pages. A kernel page is always mapped; a
 * user page is mapped where its process has it, which only that process
 * can reach directly. With the kernel shared across fork, another process
 * maps it through its own mapping of the same shared object, or else
 * through a bounce page copied from (and on unmap, back to) the page's
 * process (core/gup.c).
 */
#ifndef _SHIM_LINUX_HIGHMEM_H
#define _SHIM_LINUX_HIGHMEM_H

#include <linux/mm.h>

void *shim_kmap(struct page *page);
void shim_kunmap(const void *addr);
void shim_kunmap_page(struct page *page);

#define kmap_local_page(page) shim_kmap(page)
#define kmap_local_folio(f, off) ((char *)shim_kmap(&(f)->page) + (off))
#define kunmap_local(addr) shim_kunmap(addr)
#define kmap(page) shim_kmap(page)
#define kunmap(page) shim_kunmap_page(page)
#define kmap_atomic(page) shim_kmap(page)
#define kunmap_atomic(addr) shim_kunmap(addr)

static inline void memcpy_from_page(char *to, struct page *page, size_t offset, size_t len)
{
	char *p = shim_kmap(page);

	memcpy(to, p + offset, len);
	shim_kunmap(p);
}

static inline void memcpy_to_page(struct page *page, size_t offset, const char *from, size_t len)
{
	char *p = shim_kmap(page);

	memcpy(p + offset, from, len);
	shim_kunmap(p);
}

#endif
