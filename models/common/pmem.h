/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pmem.h - the simulated physical address space.
 *
 * One map owns every byte the simulated hardware can reach. A page of
 * physical address space is either unbacked (an access is an external
 * abort for the model that made it) or backed by a page of host memory
 * owned by whoever mapped it: the kernel shim's page allocator, or a user
 * page pinned by GUP (so that DMA lands in the user's own buffer).
 *
 * The space is sparse: a 4-level radix over the page frame number, so
 * memory grows with the pages mapped, never with the address range.
 *
 * Layout of the physical address map (all regions below 2^39, so that the
 * narrowest preset, 39-bit, can reach every byte):
 *   PMEM_MMIO_BASE    IOMMU register files (not backed here; drivers reach
 *                     them through the model's MMIO entry points)
 *   PMEM_KERNEL_BASE  pages handed out by the shim's page allocator
 *                     (page tables, root/context/PASID tables, STEs, CDs,
 *                     queues)
 *   PMEM_USER_BASE    user pages pinned by pin_user_pages*()
 *   PMEM_DEVICE_BASE  memory a test or platform maps directly (device
 *                     buffers, guest RAM of a model-only test)
 */
#ifndef MODELS_COMMON_PMEM_H
#define MODELS_COMMON_PMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PMEM_PAGE_SHIFT 12
#define PMEM_PAGE_SIZE  (1ULL << PMEM_PAGE_SHIFT)
#define PMEM_PAGE_MASK  (~(PMEM_PAGE_SIZE - 1))
#define PMEM_PA_BITS    52

#define PMEM_MMIO_BASE   0x00fe000000ULL
#define PMEM_KERNEL_BASE 0x0100000000ULL /*   4 GiB, 252 GiB long */
#define PMEM_USER_BASE   0x4000000000ULL /* 256 GiB, 128 GiB long */
#define PMEM_DEVICE_BASE 0x6000000000ULL /* 384 GiB, 128 GiB long */
#define PMEM_TOP         0x8000000000ULL /* 512 GiB = 2^39 */

struct pmem;

struct pmem_stats {
	uint64_t reads, writes;        /* accesses through pmem_read/write */
	uint64_t aborts;               /* accesses that hit unbacked space */
	uint64_t pages_mapped;         /* pages backed right now */
	uint64_t radix_nodes;          /* host memory spent on the map itself */
};

/*
 * What the inline accessors below see of a struct pmem (its first
 * member): a direct-mapped cache of page translations, so that a walk's
 * reads, which hop between a few table pages, skip the radix. Only
 * pmem.c fills it; pmem_unmap drops what it unmaps.
 */
#define PMEM_TC_ENTRIES 64
struct pmem_tc {
	uint64_t pfn;                   /* UINT64_MAX: empty */
	char *host;
};
struct pmem_head {
	struct pmem_tc tc[PMEM_TC_ENTRIES];
	struct pmem_stats st;
};

static inline char *pmem_tc_host(struct pmem *pm, uint64_t pa)
{
	struct pmem_head *h = (struct pmem_head *)pm;
	const struct pmem_tc *e = &h->tc[(pa >> PMEM_PAGE_SHIFT) & (PMEM_TC_ENTRIES - 1)];

	return e->pfn == pa >> PMEM_PAGE_SHIFT ? e->host + (pa & ~PMEM_PAGE_MASK) : NULL;
}

struct pmem *pmem_create(void);
void pmem_destroy(struct pmem *pm);

/*
 * Back [pa, pa + len) with host memory at host. pa, host and len must be
 * page aligned. Fails with -EEXIST if any page is already backed (nothing
 * is changed then), -EINVAL on misalignment or a pa beyond PMEM_PA_BITS.
 */
int pmem_map(struct pmem *pm, uint64_t pa, void *host, size_t len);
/* Remove the backing of [pa, pa + len); unbacked pages are ignored. */
void pmem_unmap(struct pmem *pm, uint64_t pa, size_t len);

/* Host address of pa, or NULL when pa is unbacked. */
void *pmem_host(const struct pmem *pm, uint64_t pa);
/*
 * Host address of [pa, pa + len) when the whole range lies in one backed
 * page, else NULL. The fast path for naturally aligned descriptors.
 */
void *pmem_ptr(const struct pmem *pm, uint64_t pa, size_t len);

/*
 * Copy to/from physical memory, across pages. Return 0, or -EFAULT when
 * any byte is unbacked (nothing is written then): the caller reports the
 * architectural external abort.
 */
int pmem_read(struct pmem *pm, uint64_t pa, void *dst, size_t len);
int pmem_write(struct pmem *pm, uint64_t pa, const void *src, size_t len);

/* Little-endian 64-bit accessors; pa must be 8-byte aligned. */
int pmem_read64_slow(struct pmem *pm, uint64_t pa, uint64_t *val);
int pmem_write64_slow(struct pmem *pm, uint64_t pa, uint64_t val);

static inline int pmem_read64(struct pmem *pm, uint64_t pa, uint64_t *val)
{
	char *p = (pa & 7) ? NULL : pmem_tc_host(pm, pa);

	if (!p)
		return pmem_read64_slow(pm, pa, val);
	((struct pmem_head *)pm)->st.reads++;
	*val = __atomic_load_n((uint64_t *)p, __ATOMIC_RELAXED);
	return 0;
}

static inline int pmem_write64(struct pmem *pm, uint64_t pa, uint64_t val)
{
	char *p = (pa & 7) ? NULL : pmem_tc_host(pm, pa);

	if (!p)
		return pmem_write64_slow(pm, pa, val);
	((struct pmem_head *)pm)->st.writes++;
	__atomic_store_n((uint64_t *)p, val, __ATOMIC_RELAXED);
	return 0;
}
/*
 * Atomic compare-and-exchange of a 64-bit word, as a walker does to set
 * access/dirty bits: writes new only if the word still holds old. Returns
 * 0 and sets *seen to the value found; -EFAULT when unbacked.
 */
int pmem_cmpxchg64(struct pmem *pm, uint64_t pa, uint64_t old, uint64_t new_val,
		   uint64_t *seen);

void pmem_get_stats(const struct pmem *pm, struct pmem_stats *st);

#endif /* MODELS_COMMON_PMEM_H */
