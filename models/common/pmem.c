// SPDX-License-Identifier: GPL-2.0-only
/*
 * pmem.c - sparse simulated physical memory: a 4-level radix over the
 * 40-bit page frame number (10 bits a level), host pages at the leaves.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pmem.h"

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
	       "descriptors are little-endian; a big-endian host needs swaps");

#define RADIX_BITS   10
#define RADIX_FANOUT (1u << RADIX_BITS)
#define RADIX_LEVELS 4
#define PFN_BITS     (PMEM_PA_BITS - PMEM_PAGE_SHIFT)

_Static_assert(RADIX_BITS * RADIX_LEVELS == PFN_BITS, "radix covers the PFN");

struct radix_node {
	void *slot[RADIX_FANOUT];
	unsigned used;
};

struct pmem {
	struct pmem_head head;          /* first: the inline accessors' view */
	struct radix_node root;
};

#define ST(pm) ((pm)->head.st)

static unsigned radix_index(uint64_t pfn, int level)
{
	return (pfn >> (RADIX_BITS * (RADIX_LEVELS - 1 - level))) &
	       (RADIX_FANOUT - 1);
}

struct pmem *pmem_create(void)
{
	struct pmem *pm = calloc(1, sizeof(*pm));

	if (pm)
		for (unsigned i = 0; i < PMEM_TC_ENTRIES; i++)
			pm->head.tc[i].pfn = UINT64_MAX;
	return pm;
}

static void radix_free(struct radix_node *n, int level)
{
	if (level == RADIX_LEVELS - 1)
		return;
	for (unsigned i = 0; i < RADIX_FANOUT; i++) {
		if (n->slot[i]) {
			radix_free(n->slot[i], level + 1);
			free(n->slot[i]);
		}
	}
}

void pmem_destroy(struct pmem *pm)
{
	if (!pm)
		return;
	radix_free(&pm->root, 0);
	free(pm);
}

static void *lookup(const struct pmem *pm, uint64_t pfn)
{
	const struct radix_node *n = &pm->root;

	if (pfn >> PFN_BITS)
		return NULL;
	for (int level = 0; level < RADIX_LEVELS - 1; level++) {
		n = n->slot[radix_index(pfn, level)];
		if (!n)
			return NULL;
	}
	return n->slot[radix_index(pfn, RADIX_LEVELS - 1)];
}

static void *lookup_cached(const struct pmem *cpm, uint64_t pfn)
{
	struct pmem *pm = (struct pmem *)cpm;
	struct pmem_tc *e = &pm->head.tc[pfn & (PMEM_TC_ENTRIES - 1)];
	void *host;

	if (pfn == e->pfn)
		return e->host;
	host = lookup(pm, pfn);
	if (host) {
		e->pfn = pfn;
		e->host = host;
	}
	return host;
}

/* Returns the leaf node for pfn, allocating the path when create is set. */
static struct radix_node *leaf_node(struct pmem *pm, uint64_t pfn, bool create)
{
	struct radix_node *n = &pm->root;

	for (int level = 0; level < RADIX_LEVELS - 1; level++) {
		unsigned i = radix_index(pfn, level);

		if (!n->slot[i]) {
			if (!create)
				return NULL;
			n->slot[i] = calloc(1, sizeof(struct radix_node));
			if (!n->slot[i])
				return NULL;
			n->used++;
			ST(pm).radix_nodes++;
		}
		n = n->slot[i];
	}
	return n;
}

int pmem_map(struct pmem *pm, uint64_t pa, void *host, size_t len)
{
	uint64_t first = pa >> PMEM_PAGE_SHIFT;
	uint64_t n = len >> PMEM_PAGE_SHIFT;

	if ((pa | len | (uintptr_t)host) & ~PMEM_PAGE_MASK || !len)
		return -EINVAL;
	if ((first + n - 1) >> PFN_BITS || first + n < first)
		return -EINVAL;
	for (uint64_t i = 0; i < n; i++)
		if (lookup(pm, first + i))
			return -EEXIST;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t pfn = first + i;
		struct radix_node *leaf = leaf_node(pm, pfn, true);

		if (!leaf) {
			pmem_unmap(pm, pa, i << PMEM_PAGE_SHIFT);
			return -ENOMEM;
		}
		leaf->slot[radix_index(pfn, RADIX_LEVELS - 1)] =
			(char *)host + (i << PMEM_PAGE_SHIFT);
		leaf->used++;
		ST(pm).pages_mapped++;
	}
	return 0;
}

void pmem_unmap(struct pmem *pm, uint64_t pa, size_t len)
{
	uint64_t first = pa >> PMEM_PAGE_SHIFT;
	uint64_t n = (len + PMEM_PAGE_SIZE - 1) >> PMEM_PAGE_SHIFT;

	for (uint64_t i = 0; i < n; i++) {
		uint64_t pfn = first + i;
		struct radix_node *leaf;
		unsigned slot;

		if (pfn >> PFN_BITS)
			break;
		leaf = leaf_node(pm, pfn, false);
		slot = radix_index(pfn, RADIX_LEVELS - 1);
		if (!leaf || !leaf->slot[slot])
			continue;
		leaf->slot[slot] = NULL;
		leaf->used--;
		ST(pm).pages_mapped--;
		if (pm->head.tc[pfn & (PMEM_TC_ENTRIES - 1)].pfn == pfn)
			pm->head.tc[pfn & (PMEM_TC_ENTRIES - 1)].pfn = UINT64_MAX;
	}
	/* Interior nodes stay: a later map of the same region reuses them. */
}

void *pmem_host(const struct pmem *pm, uint64_t pa)
{
	char *page = lookup_cached(pm, pa >> PMEM_PAGE_SHIFT);

	return page ? page + (pa & ~PMEM_PAGE_MASK) : NULL;
}

void *pmem_ptr(const struct pmem *pm, uint64_t pa, size_t len)
{
	if (!len || ((pa & ~PMEM_PAGE_MASK) + len) > PMEM_PAGE_SIZE)
		return NULL;
	return pmem_host(pm, pa);
}

/* Check that every page of [pa, pa + len) is backed. */
static bool backed(const struct pmem *pm, uint64_t pa, size_t len)
{
	uint64_t end = pa + len;

	if (end < pa)
		return false;
	for (uint64_t p = pa & PMEM_PAGE_MASK; p < end; p += PMEM_PAGE_SIZE)
		if (!lookup_cached(pm, p >> PMEM_PAGE_SHIFT))
			return false;
	return true;
}

/*
 * Copy simulated memory at pa into dst (a read), or src into it (a write).
 * A range may cross pages that are not contiguous on the host, so it is
 * copied a page at a time; a range with any unbacked byte aborts before
 * anything is copied.
 */
static int pmem_copy(struct pmem *pm, uint64_t pa, char *dst, const char *src, size_t len,
		     bool write)
{
	char *p = pmem_ptr(pm, pa, len);

	if (!p && !backed(pm, pa, len)) {
		ST(pm).aborts++;
		return -EFAULT;
	}
	if (write)
		ST(pm).writes++;
	else
		ST(pm).reads++;
	if (p) {                /* within one backed page: most descriptors */
		if (write)
			memcpy(p, src, len);
		else
			memcpy(dst, p, len);
		return 0;
	}
	while (len) {
		size_t off = pa & ~PMEM_PAGE_MASK;
		size_t chunk = PMEM_PAGE_SIZE - off;

		if (chunk > len)
			chunk = len;
		if (write) {
			memcpy(pmem_host(pm, pa), src, chunk);
			src += chunk;
		} else {
			memcpy(dst, pmem_host(pm, pa), chunk);
			dst += chunk;
		}
		pa += chunk;
		len -= chunk;
	}
	return 0;
}

int pmem_read(struct pmem *pm, uint64_t pa, void *dst, size_t len)
{
	return pmem_copy(pm, pa, dst, NULL, len, false);
}

int pmem_write(struct pmem *pm, uint64_t pa, const void *src, size_t len)
{
	return pmem_copy(pm, pa, NULL, src, len, true);
}

/*
 * The host word behind an aligned 64-bit access, or an error (-EINVAL
 * misaligned, -EFAULT unbacked: counted as an abort).
 */
static int word_ptr(struct pmem *pm, uint64_t pa, uint64_t **p)
{
	if (pa & 7)
		return -EINVAL;
	*p = pmem_host(pm, pa);
	if (!*p) {
		ST(pm).aborts++;
		return -EFAULT;
	}
	return 0;
}

int pmem_read64_slow(struct pmem *pm, uint64_t pa, uint64_t *val)
{
	uint64_t *p;
	int rc = word_ptr(pm, pa, &p);

	if (rc)
		return rc;
	ST(pm).reads++;
	*val = __atomic_load_n(p, __ATOMIC_RELAXED);
	return 0;
}

int pmem_write64_slow(struct pmem *pm, uint64_t pa, uint64_t val)
{
	uint64_t *p;
	int rc = word_ptr(pm, pa, &p);

	if (rc)
		return rc;
	ST(pm).writes++;
	__atomic_store_n(p, val, __ATOMIC_RELAXED);
	return 0;
}

int pmem_cmpxchg64(struct pmem *pm, uint64_t pa, uint64_t old, uint64_t new_val,
		   uint64_t *seen)
{
	uint64_t *p;
	int rc = word_ptr(pm, pa, &p);

	if (rc)
		return rc;
	ST(pm).writes++;
	__atomic_compare_exchange_n(p, &old, new_val, false, __ATOMIC_SEQ_CST,
				    __ATOMIC_SEQ_CST);
	*seen = old;
	return 0;
}

void pmem_get_stats(const struct pmem *pm, struct pmem_stats *st)
{
	*st = ST(pm);
}
