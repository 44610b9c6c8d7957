// SPDX-License-Identifier: GPL-2.0-only
/* direct_host.c - memory and page tables of the direct set-ups (direct_host.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "direct_host.h"

#define CHUNK (2ULL << 20)

void direct_host_init(struct direct_host *h, struct pmem *pm, uint64_t guest_ram,
		      uint64_t *pages)
{
	*h = (struct direct_host){
		.pm = pm, .pages = pages,
		.kpa_next = PMEM_KERNEL_BASE, .kpa_end = PMEM_KERNEL_BASE,
		.guest_hpa = PMEM_DEVICE_BASE,
		.gpa_table_next = guest_ram - PMEM_PAGE_SIZE,
		.last_s2_page = ~0ULL,
		.next_tag = 1,
	};
}

int direct_host_guest_s2(struct direct_host *h, const struct direct_pt_fmt *fmt,
			 unsigned levels, unsigned shift, uint64_t leaf)
{
	h->s2_fmt = fmt;
	h->s2_levels = levels;
	h->s2_shift = shift;
	h->s2_leaf = leaf;
	h->s2_root = direct_kpage(h);
	return h->s2_root ? 0 : -1;
}

void direct_host_fini(struct direct_host *h)
{
	for (unsigned i = 0; i < h->nchunks; i++)
		munmap(h->chunks[i], CHUNK);
	free(h->chunks);
	free(h->as);
	h->chunks = NULL;
	h->as = NULL;
	h->nchunks = h->chunk_cap = h->nas = h->as_cap = 0;
}

static void *new_chunk(struct direct_host *h)
{
	void *p;

	if (h->nchunks == h->chunk_cap) {
		unsigned cap = h->chunk_cap ? h->chunk_cap * 2 : 16;
		void **n = realloc(h->chunks, cap * sizeof(*n));

		if (!n)
			return NULL;
		h->chunks = n;
		h->chunk_cap = cap;
	}
	p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	h->chunks[h->nchunks++] = p;
	return p;
}

uint64_t direct_kpage(struct direct_host *h)
{
	uint64_t pa;

	if (h->kpa_next == h->kpa_end) {
		void *c = new_chunk(h);

		if (!c || pmem_map(h->pm, h->kpa_end, c, CHUNK))
			return 0;
		h->kpa_end += CHUNK;
	}
	pa = h->kpa_next;
	h->kpa_next += PMEM_PAGE_SIZE;
	(*h->pages)++;
	return pa;
}

uint64_t direct_kpages(struct direct_host *h, uint64_t n)
{
	uint64_t first = direct_kpage(h);

	for (uint64_t i = 1; first && i < n; i++)
		if (!direct_kpage(h))
			return 0;
	return first;
}

/* Back the guest page at gpa with a fresh zeroed host page. */
static int gpage_back(struct direct_host *h, uint64_t gpa)
{
	if (!h->gchunk || h->gchunk_used == CHUNK) {
		h->gchunk = new_chunk(h);
		h->gchunk_used = 0;
		if (!h->gchunk)
			return -1;
	}
	if (pmem_map(h->pm, h->guest_hpa + gpa, h->gchunk + h->gchunk_used, PMEM_PAGE_SIZE))
		return -1;
	h->gchunk_used += PMEM_PAGE_SIZE;
	(*h->pages)++;
	return 0;
}

int direct_guest_s2_touch(struct direct_host *h, uint64_t gpa)
{
	uint64_t page = gpa >> h->s2_shift << h->s2_shift;
	int rc;

	if (!h->s2_root || page == h->last_s2_page)
		return 0;
	rc = direct_pt_map(h, h->s2_fmt, false, h->s2_root, h->s2_levels, page,
			   h->guest_hpa + page, h->s2_shift, h->s2_leaf);
	if (rc && rc != -EEXIST)
		return rc;
	h->last_s2_page = page;
	return 0;
}

int direct_gpages(struct direct_host *h, unsigned n, uint64_t *gpa, uint64_t *hpa)
{
	uint64_t first;

	if (h->gpa_table_next < n * PMEM_PAGE_SIZE)
		return -ENOMEM;
	first = h->gpa_table_next - (n - 1) * PMEM_PAGE_SIZE;
	for (unsigned i = 0; i < n; i++)
		if (gpage_back(h, first + i * PMEM_PAGE_SIZE) ||
		    direct_guest_s2_touch(h, first + i * PMEM_PAGE_SIZE))
			return -ENOMEM;
	h->gpa_table_next = first - PMEM_PAGE_SIZE;
	*gpa = first;
	*hpa = h->guest_hpa + first;
	return 0;
}

uint64_t direct_rd64(struct direct_host *h, uint64_t pa)
{
	uint64_t v = 0;

	pmem_read64(h->pm, pa, &v);
	return v;
}

void direct_wr64(struct direct_host *h, uint64_t pa, uint64_t v)
{
	pmem_write64(h->pm, pa, v);
}

/* Above level 1: whether a present entry points to a table. */
static bool is_table(const struct direct_pt_fmt *f, uint64_t e)
{
	return !!(e & f->kind) == f->kind_is_table;
}

int direct_pt_map(struct direct_host *h, const struct direct_pt_fmt *f, bool guest,
		  uint64_t root_hpa, unsigned levels, uint64_t va, uint64_t out,
		  unsigned shift, uint64_t leaf)
{
	uint64_t table = root_hpa;

	for (unsigned level = levels; level >= 1; level--) {
		unsigned ls = 12 + 9 * (level - 1);
		uint64_t epa = table + ((va >> ls) & 511) * 8, e = direct_rd64(h, epa);

		if (ls == shift) {
			if (e & f->present)
				return (level > 1 && is_table(f, e)) ? -EAGAIN : -EEXIST;
			if (level == 1)
				leaf |= f->page;
			else if (!f->kind_is_table)
				leaf |= f->kind;
			direct_wr64(h, epa, out | leaf);
			return 0;
		}
		if (!(e & f->present)) {
			uint64_t a, hpa;

			if (guest) {
				if (direct_gpages(h, 1, &a, &hpa))
					return -ENOMEM;
			} else {
				hpa = a = direct_kpage(h);
				if (!a)
					return -ENOMEM;
			}
			direct_wr64(h, epa, a | f->table);
			table = hpa;
			continue;
		}
		if (!is_table(f, e))
			return -EEXIST;         /* a large leaf covers va */
		table = (e & f->addr) + (guest ? h->guest_hpa : 0);
	}
	return -EINVAL;
}

int direct_pt_unmap(struct direct_host *h, const struct direct_pt_fmt *f, bool guest,
		    uint64_t root_hpa, unsigned levels, uint64_t va, uint64_t end)
{
	uint64_t table = root_hpa;

	for (unsigned level = levels; level >= 1; level--) {
		unsigned ls = 12 + 9 * (level - 1);
		uint64_t epa = table + ((va >> ls) & 511) * 8, e = direct_rd64(h, epa);

		if (!(e & f->present))
			return 0;
		if (level == 1 || !is_table(f, e)) {
			if ((va & ((1ULL << ls) - 1)) || end - va < (1ULL << ls))
				return -1;
			direct_wr64(h, epa, 0);
			return (int)ls;
		}
		table = (e & f->addr) + (guest ? h->guest_hpa : 0);
	}
	return 0;
}

int direct_map_range(struct direct_host *h, const struct direct_pt_fmt *f, bool guest,
		     uint64_t root_hpa, unsigned levels, uint64_t va, uint64_t out,
		     uint64_t size, uint64_t leaf, bool big_2m, bool big_1g, uint32_t as,
		     struct sim_err *err)
{
	for (uint64_t off = 0; off < size;) {
		uint64_t v = va + off, o = out + off, left = size - off;
		unsigned shift = 12;
		int rc = 0;

		if (!((v | o) & ((1ULL << 30) - 1)) && left >= (1ULL << 30) && big_1g)
			shift = 30;
		else if (!((v | o) & ((1ULL << 21) - 1)) && left >= (1ULL << 21) && big_2m)
			shift = 21;
		if (guest)
			for (uint64_t g = o; !rc && g < o + (1ULL << shift); g += 1ULL << h->s2_shift)
				rc = direct_guest_s2_touch(h, g);
		while (!rc && (rc = direct_pt_map(h, f, guest, root_hpa, levels, v, o, shift,
						  leaf)) == -EAGAIN && shift > 12) {
			shift -= 9;
			rc = 0;
		}
		if (rc == -EEXIST) {
			sim_err_set(err, "map: iova 0x%llx of address space %u is already mapped",
				    (unsigned long long)v, as);
			return -1;
		}
		if (rc) {
			sim_err_set(err, "out of memory for page tables");
			return -1;
		}
		off += 1ULL << shift;
	}
	return 0;
}

int direct_unmap_range(struct direct_host *h, const struct direct_pt_fmt *f, bool guest,
		       uint64_t root_hpa, unsigned levels, uint64_t va, uint64_t size,
		       struct sim_err *err)
{
	for (uint64_t v = va, end = va + size; v < end;) {
		int ls = direct_pt_unmap(h, f, guest, root_hpa, levels, v, end);

		if (ls < 0) {
			sim_err_set(err, "unmap: 0x%llx+0x%llx would split a large page",
				    (unsigned long long)va, (unsigned long long)size);
			return -1;
		}
		v += ls ? 1ULL << ls : PMEM_PAGE_SIZE;
	}
	return 0;
}

struct direct_as *direct_as_find(struct direct_host *h, unsigned dev, uint32_t as, bool create,
				 bool guest, unsigned max_tag, const char *full,
				 struct sim_err *err)
{
	struct direct_as *a;

	for (unsigned i = 0; i < h->nas; i++)
		if (h->as[i].dev == dev && h->as[i].as == as)
			return &h->as[i];
	if (!create) {
		sim_err_set(err, "address space %u of device %u was never used", as, dev);
		return NULL;
	}
	if (h->nas == h->as_cap) {
		unsigned cap = h->as_cap ? h->as_cap * 2 : 8;
		struct direct_as *n = realloc(h->as, cap * sizeof(*n));

		if (!n)
			goto oom;
		h->as = n;
		h->as_cap = cap;
	}
	if (h->next_tag > max_tag) {
		sim_err_set(err, "%s", full);
		return NULL;
	}
	a = &h->as[h->nas];
	memset(a, 0, sizeof(*a));
	a->dev = dev;
	a->as = as;
	a->tag = h->next_tag++;
	if (guest) {
		if (direct_gpages(h, 1, &a->root, &a->root_hpa))
			goto oom;
	} else {
		a->root = a->root_hpa = direct_kpage(h);
		if (!a->root)
			goto oom;
	}
	h->nas++;
	return a;
oom:
	sim_err_set(err, "out of memory for address space %u", as);
	return NULL;
}

int direct_as_attach(struct direct_host *h, struct direct_as *a, uint32_t sid, uint32_t pasid,
		     struct sim_err *err)
{
	for (unsigned i = 0; i < h->nas; i++)
		for (unsigned j = 0; j < h->as[i].nattach; j++)
			if (h->as[i].att[j].sid == sid && h->as[i].att[j].pasid == pasid)
				h->as[i].att[j] = h->as[i].att[--h->as[i].nattach];
	if (a->nattach == DIRECT_MAX_ATTACH) {
		sim_err_set(err, "more than %d attachments to one address space",
			    DIRECT_MAX_ATTACH);
		return -1;
	}
	a->att[a->nattach++] = (struct direct_attach){ sid, pasid };
	return 0;
}
