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

int direct_host_guest_s2(struct direct_host *h, const struct pt_fmt *fmt,
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
	void **chunks = sw_grow(h->chunks, h->nchunks, &h->chunk_cap, sizeof(*chunks), 16);
	void *p;

	if (!chunks)
		return NULL;
	h->chunks = chunks;
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

static struct pt_mem tree_mem(struct direct_host *h, bool guest);

int direct_guest_s2_touch(struct direct_host *h, uint64_t gpa)
{
	uint64_t page = gpa >> h->s2_shift << h->s2_shift;
	int rc;

	if (!h->s2_root || page == h->last_s2_page)
		return 0;
	{
		struct pt_mem m = tree_mem(h, false);

		rc = pt_map(h->s2_fmt, &m, h->s2_root, h->s2_levels, page, h->guest_hpa + page,
			    h->s2_shift, h->s2_leaf);
	}
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

static uint64_t mem_rd(void *ctx, uint64_t pa)
{
	return direct_rd64(ctx, pa);
}

static void mem_wr(void *ctx, uint64_t pa, uint64_t v)
{
	direct_wr64(ctx, pa, v);
}

static int host_table(void *ctx, uint64_t *entry, uint64_t *hpa)
{
	*hpa = *entry = direct_kpage(ctx);
	return *hpa ? 0 : -ENOMEM;
}

static int guest_table(void *ctx, uint64_t *entry, uint64_t *hpa)
{
	return direct_gpages(ctx, 1, entry, hpa) ? -ENOMEM : 0;
}

/* The guest pages a guest leaf points at get their stage-2 mapping. */
static int guest_leaf_target(void *ctx, uint64_t gpa, uint64_t size)
{
	struct direct_host *h = ctx;
	int rc = 0;

	for (uint64_t g = gpa; !rc && g < gpa + size; g += 1ULL << h->s2_shift)
		rc = direct_guest_s2_touch(h, g);
	return rc;
}

/* A tree in simulated memory: the host's, or the guest's (GPAs in it). */
static struct pt_mem tree_mem(struct direct_host *h, bool guest)
{
	return (struct pt_mem){
		.ctx = h, .rd = mem_rd, .wr = mem_wr,
		.new_table = guest ? guest_table : host_table,
		.base = guest ? h->guest_hpa : 0,
		.leaf_target = guest ? guest_leaf_target : NULL,
	};
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
	a = sw_grow(h->as, h->nas, &h->as_cap, sizeof(*a), 8);
	if (!a)
		goto oom;
	h->as = a;
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

void direct_sw_init(struct direct_sw *d, const struct sim_sw_ops *ops,
		    const struct direct_sw_ops *base_ops, const struct scenario *sc)
{
	d->sw.ops = ops;
	d->ops = base_ops;
	d->sw.kernel_version = "none";
	d->sc = sc;
	d->guest = sc->setup == SCEN_SETUP_NESTED;
	direct_host_init(&d->host, NULL, sc->guest_ram, &d->sw.st.table_pages);
}

int direct_sw_adopt(struct direct_sw *d, struct iommu_model *m, const char *iommu,
		    struct sim_err *err)
{
	if (!m) {
		sim_err_set(err, "%s: the %s configuration was refused (cache geometry?)",
			    d->sc->path, iommu);
		return -1;
	}
	d->m = d->sw.model = m;
	for (unsigned i = 0; i < d->sc->ndev; i++)
		d->sw.sid[i] = d->sc->dev[i].sid;
	return 0;
}

int direct_sw_map(struct direct_sw *d, struct direct_as *a, uint32_t as, uint64_t iova,
		  uint64_t size, uint64_t pa, uint64_t leaf, bool big_2m, bool big_1g,
		  struct sim_err *err)
{
	struct pt_mem m = tree_mem(&d->host, d->guest);

	if (d->guest && (pa >= d->sc->guest_ram || size > d->sc->guest_ram - pa)) {
		sim_err_set(err, "map: guest-physical 0x%llx+0x%llx is beyond guest RAM (%llu bytes)",
			    (unsigned long long)pa, (unsigned long long)size,
			    (unsigned long long)d->sc->guest_ram);
		return -1;
	}
	if (pt_map_range_err(d->fmt, &m, a->root_hpa, d->levels, iova, pa, size, leaf, big_2m,
			     big_1g, as, "out of memory for page tables", err))
		return -1;
	d->sw.st.maps++;
	d->sw.st.map_bytes += size;
	return 0;
}

int direct_sw_attached(struct direct_sw *d, struct direct_as *a, uint32_t sid, uint32_t pasid,
		       struct sim_err *err)
{
	if (direct_as_attach(&d->host, a, sid, pasid, err))
		return -1;
	d->sw.st.attaches++;
	return 0;
}

/* The set-up's invalidation, unless fault injection makes the driver forget it. */
static int inval(struct direct_sw *d, struct direct_as *a, uint64_t iova, uint64_t size,
		 sim_time_t now, struct sim_err *err)
{
	if (sw_skip_inval(&d->sw)) {
		d->sw.st.invals++;
		return 0;
	}
	return d->ops->inval_as(d, a, iova, size, now, err);
}

int direct_sw_unmap(struct sim_sw *sw, unsigned dev, uint32_t as, uint64_t iova,
		    uint64_t size, sim_time_t now, struct sim_err *err)
{
	struct direct_sw *d = (struct direct_sw *)sw;
	struct direct_as *a = d->ops->find_as(d, dev, as, false, err);
	struct pt_mem m = tree_mem(&d->host, d->guest);

	if (!a || pt_unmap_range_err(d->fmt, &m, a->root_hpa, d->levels, iova, size, err))
		return -1;
	sw->st.unmaps++;
	sw->st.unmap_bytes += size;
	/*
	 * Stage 2 belongs to the host driver, which invalidates on unmap; a
	 * guest's stage 1 is invalidated by the guest (the trace's inval).
	 */
	return d->guest ? 0 : inval(d, a, iova, size, now, err);
}

int direct_sw_inval(struct sim_sw *sw, unsigned dev, uint32_t as, uint64_t iova,
		    uint64_t size, sim_time_t now, struct sim_err *err)
{
	struct direct_sw *d = (struct direct_sw *)sw;
	struct direct_as *a = d->ops->find_as(d, dev, as, false, err);

	return a ? inval(d, a, iova, size, now, err) : -1;
}

bool direct_sw_trace_pa(struct sim_sw *sw, uint64_t hpa, uint64_t *tpa)
{
	struct direct_sw *d = (struct direct_sw *)sw;

	if (!d->guest) {
		*tpa = hpa;     /* a host driver maps the trace's addresses as they are */
		return true;
	}
	if (hpa - d->host.guest_hpa >= d->sc->guest_ram)
		return false;
	*tpa = hpa - d->host.guest_hpa;
	return true;
}

void direct_sw_destroy(struct sim_sw *sw)
{
	struct direct_sw *d = (struct direct_sw *)sw;

	if (d->m)
		d->m->ops->destroy(d->m);
	if (d->pm)
		pmem_destroy(d->pm);
	direct_host_fini(&d->host);
	free(d);
}
