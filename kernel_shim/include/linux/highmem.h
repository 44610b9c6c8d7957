/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_HIGHMEM_H
#define _SHIM_LINUX_HIGHMEM_H

#include <linux/mm.h>

#define kmap_local_page(page) page_address(page)
#define kmap_local_folio(f, off) ((char *)page_address(&(f)->page) + (off))
#define kunmap_local(addr) ((void)(addr))
#define kmap(page) page_address(page)
#define kunmap(page) ((void)(page))
#define kmap_atomic(page) page_address(page)
#define kunmap_atomic(addr) ((void)(addr))

static inline void memcpy_from_page(char *to, struct page *page, size_t offset, size_t len)
{
	memcpy(to, (char *)page_address(page) + offset, len);
}

static inline void memcpy_to_page(struct page *page, size_t offset, const char *from, size_t len)
{
	memcpy((char *)page_address(page) + offset, from, len);
}

#endif
