// SPDX-License-Identifier: GPL-2.0-only
/*
 * sw_direct_vtd.c - the "direct" software set-up for VT-d: the simulator
 * plays a minimal bare-metal driver (and, nested, the guest's driver),
 * writing scalable-mode structures into simulated memory and invalidating
 * through the invalidation queue, exactly the interface silicon offers.
 * No kernel is involved; this is what runs while, or where, the simvtd
 * driver under the real iommufd is not available.
 *
 * Memory: host pages are spent only on structures and page tables. Guest
 * RAM in the nested set-up is a guest-physical range whose stage-2
 * mapping is written lazily, one stage2_page at a time, on first touch
 * (by a guest page table page or a trace's map); data pages are never
 * backed, because device DMA here is timed, not copied.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "pmem.h"
#include "sw.h"
#include "vtd.h"

#define CHUNK (2ULL << 20)
#define PDTS 0                          /* 128 directory entries: PASID < 8192 */
#define MAX_PASID (128u * VTD_PASID_PER_TABLE)
#define MAX_ATTACH 16

struct dv_attach {
	uint32_t sid, pasid;
};

struct dv_as {
	unsigned dev;
	uint32_t as;
	uint16_t did;
	uint64_t root_hpa;              /* stage 2: SS root; nested: FS root (host) */
	uint64_t root;                  /* what the PASID entry holds (GPA if nested FS) */
	unsigned nattach;
	struct dv_attach att[MAX_ATTACH];
};

struct dvtd {
	struct sim_sw sw;
	const struct scenario *sc;
	struct pmem *pm;
	struct iommu_model *m;
	/* host memory */
	void **chunks;
	unsigned nchunks, chunk_cap;
	uint64_t kpa_next, kpa_end;     /* kernel window: structures, SS tables */
	char *gchunk;                   /* current chunk for guest table pages */
	uint64_t gchunk_used;
	/* nested guest */
	uint64_t guest_hpa;             /* HPA of GPA 0 */
	uint64_t gpa_table_next;        /* guest page tables, top of RAM down */
	uint64_t ss_guest_root;
	uint64_t last_s2_page;          /* ~0: none */
	/* hardware structures */
	uint64_t root, iq, iq_tail, status;
	uint32_t wait_seq;
	uint64_t ctx[256][2];
	uint64_t pasid_dir[256 * 256];  /* by sid; 0 if none yet */
	struct dv_as *as;
	unsigned nas, as_cap;
	uint16_t next_did;
};

static struct dvtd *to_dv(struct sim_sw *sw)
{
	return (struct dvtd *)sw;
}

/* ---- host memory ------------------------------------------------------ */

static void *new_chunk(struct dvtd *d)
{
	void *p;

	if (d->nchunks == d->chunk_cap) {
		unsigned cap = d->chunk_cap ? d->chunk_cap * 2 : 16;
		void **n = realloc(d->chunks, cap * sizeof(*n));

		if (!n)
			return NULL;
		d->chunks = n;
		d->chunk_cap = cap;
	}
	p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	d->chunks[d->nchunks++] = p;
	return p;
}

/* A zeroed page in the kernel window (structures, stage-2 tables). */
static uint64_t kpage(struct dvtd *d)
{
	uint64_t pa;

	if (d->kpa_next == d->kpa_end) {
		void *c = new_chunk(d);

		if (!c || pmem_map(d->pm, d->kpa_end, c, CHUNK))
			return 0;
		d->kpa_end += CHUNK;
	}
	pa = d->kpa_next;
	d->kpa_next += PMEM_PAGE_SIZE;
	d->sw.st.table_pages++;
	return pa;
}

/* Back the guest page at gpa with a fresh zeroed host page. */
static int gpage_back(struct dvtd *d, uint64_t gpa)
{
	if (!d->gchunk || d->gchunk_used == CHUNK) {
		d->gchunk = new_chunk(d);
		d->gchunk_used = 0;
		if (!d->gchunk)
			return -1;
	}
	if (pmem_map(d->pm, d->guest_hpa + gpa, d->gchunk + d->gchunk_used, PMEM_PAGE_SIZE))
		return -1;
	d->gchunk_used += PMEM_PAGE_SIZE;
	d->sw.st.table_pages++;
	return 0;
}

static uint64_t rd64(struct dvtd *d, uint64_t pa)
{
	uint64_t v = 0;

	pmem_read64(d->pm, pa, &v);
	return v;
}

static void wr64(struct dvtd *d, uint64_t pa, uint64_t v)
{
	pmem_write64(d->pm, pa, v);
}

static void mmio_wr(struct dvtd *d, uint64_t off, uint64_t v, unsigned size, sim_time_t now)
{
	d->m->ops->mmio_write(d->m, off, v, size, now);
}

static uint64_t mmio_rd(struct dvtd *d, uint64_t off, unsigned size, sim_time_t now)
{
	return d->m->ops->mmio_read(d->m, off, size, now);
}

/* ---- queued invalidation ------------------------------------------- */

static void qi_put(struct dvtd *d, uint64_t qw0, uint64_t qw1)
{
	uint64_t a = d->iq + d->iq_tail;

	wr64(d, a, qw0);
	wr64(d, a + 8, qw1);
	wr64(d, a + 16, 0);
	wr64(d, a + 24, 0);
	d->iq_tail = (d->iq_tail + 32) % PMEM_PAGE_SIZE;
}

/*
 * Submit what was queued with a wait descriptor behind it, as a driver
 * does, and charge the time the queue took to the invalidation cost.
 */
static int qi_submit(struct dvtd *d, sim_time_t now, bool charge, struct sim_err *err)
{
	uint32_t seq = ++d->wait_seq, got = 0;
	sim_time_t done;

	qi_put(d, VTD_INV_WAIT | VTD_INV_WAIT_SW | (uint64_t)seq << VTD_INV_WAIT_SDATA_SHIFT,
	       d->status);
	mmio_wr(d, VTD_IQT_REG, d->iq_tail, 8, now);
	pmem_read(d->pm, d->status, &got, 4);
	if (got != seq) {
		uint64_t fsts = mmio_rd(d, VTD_FSTS_REG, 4, now);

		sim_err_set(err, "vtd: invalidation queue did not complete (FSTS 0x%llx)",
			    (unsigned long long)fsts);
		return -1;
	}
	done = vtd_qi_done_time(d->m);
	if (charge && done > now)
		d->sw.st.inval_cost_ps += done - now;
	return 0;
}

/* The smallest aligned block (2^am pages) holding [iova, iova + size). */
static unsigned addr_mask(uint64_t iova, uint64_t size)
{
	uint64_t first = iova >> 12, last = (iova + size - 1) >> 12;
	unsigned am = 0;

	while ((first >> am) != (last >> am))
		am++;
	return am;
}

/* ---- page tables -------------------------------------------------------- */

static bool nested(const struct dvtd *d)
{
	return d->sc->setup == SCEN_SETUP_NESTED;
}

static int ss_map_page(struct dvtd *d, uint64_t root, unsigned levels, uint64_t gpa,
		       uint64_t hpa, unsigned shift, uint64_t leaf);

/* Nested: make sure the guest page holding gpa has a stage-2 mapping. */
static int ss_guest_touch(struct dvtd *d, uint64_t gpa)
{
	unsigned sh = d->sc->s2_page_shift;
	uint64_t page = gpa >> sh << sh;
	int rc;

	if (page == d->last_s2_page)
		return 0;
	rc = ss_map_page(d, d->ss_guest_root, d->sc->s2_levels, page, d->guest_hpa + page, sh,
			 VTD_SS_R | VTD_SS_W | VTD_SS_X);
	if (rc && rc != -EEXIST)
		return rc;
	d->last_s2_page = page;
	return 0;
}

/* A new guest page-table page (nested stage 1): its GPA; *hpa for writing. */
static int gtable(struct dvtd *d, uint64_t *gpa, uint64_t *hpa)
{
	if (d->gpa_table_next < PMEM_PAGE_SIZE)
		return -ENOMEM;
	*gpa = d->gpa_table_next;
	d->gpa_table_next -= PMEM_PAGE_SIZE;
	if (gpage_back(d, *gpa) || ss_guest_touch(d, *gpa))
		return -ENOMEM;
	*hpa = d->guest_hpa + *gpa;
	return 0;
}

/*
 * Write one leaf of (1 << shift) at va in a table tree. fs: first-stage
 * format, whose next-level pointers are GPAs when nested. -EEXIST if a
 * leaf is already there, -EAGAIN if a table is where a large leaf should
 * go (the caller splits), -ENOMEM.
 */
static int pt_map(struct dvtd *d, bool fs, uint64_t root_hpa, unsigned levels, uint64_t va,
		  uint64_t out, unsigned shift, uint64_t leaf)
{
	uint64_t table = root_hpa;
	uint64_t present = fs ? VTD_FS_P : (VTD_SS_R | VTD_SS_W | VTD_SS_X);
	uint64_t nonleaf = fs ? (VTD_FS_P | VTD_FS_RW | VTD_FS_US | VTD_FS_A)
			      : (VTD_SS_R | VTD_SS_W | VTD_SS_X);
	uint64_t ps = fs ? VTD_FS_PS : VTD_SS_PS;

	for (unsigned level = levels; level >= 1; level--) {
		unsigned ls = 12 + 9 * (level - 1);
		uint64_t epa = table + ((va >> ls) & 511) * 8, e = rd64(d, epa);

		if (ls == shift) {
			if (e & present)
				return (level > 1 && !(e & ps)) ? -EAGAIN : -EEXIST;
			wr64(d, epa, out | leaf | (level > 1 ? ps : 0));
			return 0;
		}
		if (!(e & present)) {
			uint64_t a, hpa;

			if (fs && nested(d)) {
				if (gtable(d, &a, &hpa))
					return -ENOMEM;
			} else {
				hpa = a = kpage(d);
				if (!a)
					return -ENOMEM;
			}
			e = a | nonleaf;
			wr64(d, epa, e);
			table = hpa;
			continue;
		}
		if (level > 1 && (e & ps))
			return -EEXIST;
		table = e & VTD_FS_ADDR_MASK;
		if (fs && nested(d))
			table += d->guest_hpa;
	}
	return -EINVAL;
}

static int ss_map_page(struct dvtd *d, uint64_t root, unsigned levels, uint64_t gpa,
		       uint64_t hpa, unsigned shift, uint64_t leaf)
{
	return pt_map(d, false, root, levels, gpa, hpa, shift, leaf);
}

/*
 * Clear the leaf covering va; returns its size shift, 0 if nothing is
 * mapped there, -1 if a large leaf would have to be split.
 */
static int pt_unmap(struct dvtd *d, bool fs, uint64_t root_hpa, unsigned levels, uint64_t va,
		    uint64_t end)
{
	uint64_t table = root_hpa;
	uint64_t present = fs ? VTD_FS_P : (VTD_SS_R | VTD_SS_W | VTD_SS_X);
	uint64_t ps = fs ? VTD_FS_PS : VTD_SS_PS;

	for (unsigned level = levels; level >= 1; level--) {
		unsigned ls = 12 + 9 * (level - 1);
		uint64_t epa = table + ((va >> ls) & 511) * 8, e = rd64(d, epa);

		if (!(e & present))
			return 0;
		if (level == 1 || (e & ps)) {
			if ((va & ((1ULL << ls) - 1)) || end - va < (1ULL << ls))
				return -1;
			wr64(d, epa, 0);
			return (int)ls;
		}
		table = e & VTD_FS_ADDR_MASK;
		if (fs && nested(d))
			table += d->guest_hpa;
	}
	return 0;
}

/* ---- address spaces ------------------------------------------------------ */

static struct dv_as *find_as(struct dvtd *d, unsigned dev, uint32_t as, bool create,
			     struct sim_err *err)
{
	struct dv_as *a;

	for (unsigned i = 0; i < d->nas; i++)
		if (d->as[i].dev == dev && d->as[i].as == as)
			return &d->as[i];
	if (!create) {
		sim_err_set(err, "address space %u of device %u was never used", as, dev);
		return NULL;
	}
	if (d->nas == d->as_cap) {
		unsigned cap = d->as_cap ? d->as_cap * 2 : 8;
		struct dv_as *n = realloc(d->as, cap * sizeof(*n));

		if (!n)
			goto oom;
		d->as = n;
		d->as_cap = cap;
	}
	if (d->next_did >= (1u << (4 + 2 * d->sc->vtd.caps.nd)) - 1) {
		sim_err_set(err, "vtd: out of domain ids");
		return NULL;
	}
	a = &d->as[d->nas];
	memset(a, 0, sizeof(*a));
	a->dev = dev;
	a->as = as;
	a->did = d->next_did++;
	if (nested(d)) {
		if (gtable(d, &a->root, &a->root_hpa))
			goto oom;
	} else {
		a->root = a->root_hpa = kpage(d);
		if (!a->root)
			goto oom;
	}
	d->nas++;
	return a;
oom:
	sim_err_set(err, "out of memory for address space %u", as);
	return NULL;
}

static uint64_t pasid_entry_pa(struct dvtd *d, uint32_t sid, uint32_t pasid)
{
	uint64_t dir = d->pasid_dir[sid], de = dir + (pasid >> 6) * 8, e = rd64(d, de);

	if (!(e & VTD_PDE_P)) {
		uint64_t t = kpage(d);

		if (!t)
			return 0;
		e = t | VTD_PDE_P;
		wr64(d, de, e);
	}
	return (e & VTD_PDE_SMPTBLPTR_MASK) + (pasid & 63) * VTD_PASID_ENTRY_SIZE;
}

/* Root and context entries for sid, pointing at its PASID directory. */
static int context_for(struct dvtd *d, uint32_t sid, sim_time_t now)
{
	unsigned bus = (sid >> 8) & 0xff, devfn = sid & 0xff, hi = devfn >= 128;
	uint64_t ce;

	if (d->pasid_dir[sid])
		return 0;
	if (!d->ctx[bus][hi]) {
		d->ctx[bus][hi] = kpage(d);
		if (!d->ctx[bus][hi])
			return -1;
		wr64(d, d->root + bus * VTD_SM_ROOT_SIZE + hi * 8, d->ctx[bus][hi] | 1);
	}
	d->pasid_dir[sid] = kpage(d);
	if (!d->pasid_dir[sid])
		return -1;
	ce = d->ctx[bus][hi] + (devfn & 127) * VTD_SM_CTX_SIZE;
	wr64(d, ce + 8, 0);     /* RID_PASID 0: requests without a PASID use entry 0 */
	wr64(d, ce + 16, 0);
	wr64(d, ce + 24, 0);
	wr64(d, ce, d->pasid_dir[sid] | (uint64_t)PDTS << VTD_SM_CTX_PDTS_SHIFT |
		    VTD_SM_CTX_PASIDE | VTD_SM_CTX_P);
	/* A context entry that was not present may still be cached as such. */
	qi_put(d, VTD_INV_CC | (uint64_t)VTD_INV_CC_G_DEVICE << VTD_INV_G_SHIFT |
		  (uint64_t)sid << VTD_INV_CC_SID_SHIFT, 0);
	return 0;
}

static int dv_attach(struct sim_sw *sw, unsigned dev, uint32_t sid, bool has_pasid,
		     uint32_t pasid, uint32_t as, sim_time_t now, struct sim_err *err)
{
	struct dvtd *d = to_dv(sw);
	struct dv_as *a = find_as(d, dev, as, true, err);
	uint32_t p = has_pasid ? pasid : 0;
	uint64_t pe, e[8] = { 0 }, old;
	unsigned s2l = d->sc->s2_levels;

	if (!a)
		return -1;
	if (p >= MAX_PASID) {
		sim_err_set(err, "vtd direct set-up: PASID %u beyond %u", p, MAX_PASID - 1);
		return -1;
	}
	if (context_for(d, sid, now) || !(pe = pasid_entry_pa(d, sid, p))) {
		sim_err_set(err, "out of memory for the context of 0x%x", sid);
		return -1;
	}
	if (nested(d)) {
		e[0] = d->ss_guest_root | (uint64_t)(s2l - 2) << VTD_PTE0_AW_SHIFT |
		       (uint64_t)VTD_PGTT_NESTED << VTD_PTE0_PGTT_SHIFT | VTD_PTE0_P;
		e[2] = a->root | (d->sc->s1_levels == 5 ? 1ULL << VTD_PTE2_FLPM_SHIFT : 0);
	} else {
		e[0] = a->root | (uint64_t)(s2l - 2) << VTD_PTE0_AW_SHIFT |
		       (uint64_t)VTD_PGTT_SS << VTD_PTE0_PGTT_SHIFT | VTD_PTE0_P;
	}
	e[1] = a->did;
	old = rd64(d, pe + 8) & VTD_PTE1_DID_MASK;
	/* Replace: clear P first, then the rest, then P (the order Linux keeps). */
	wr64(d, pe, 0);
	for (int i = 1; i < 8; i++)
		wr64(d, pe + i * 8, e[i]);
	wr64(d, pe, e[0]);
	qi_put(d, VTD_INV_PC | (uint64_t)VTD_INV_PC_G_PASID << VTD_INV_G_SHIFT |
		  (uint64_t)old << VTD_INV_DID_SHIFT | (uint64_t)p << VTD_INV_PASID_SHIFT, 0);
	qi_put(d, VTD_INV_PIOTLB | (uint64_t)VTD_INV_PIOTLB_G_PASID << VTD_INV_G_SHIFT |
		  (uint64_t)old << VTD_INV_DID_SHIFT | (uint64_t)p << VTD_INV_PASID_SHIFT, 0);
	if (qi_submit(d, now, false, err))
		return -1;
	/* Forget an earlier attachment of this (sid, pasid) elsewhere. */
	for (unsigned i = 0; i < d->nas; i++)
		for (unsigned j = 0; j < d->as[i].nattach; j++)
			if (d->as[i].att[j].sid == sid && d->as[i].att[j].pasid == p)
				d->as[i].att[j] = d->as[i].att[--d->as[i].nattach];
	if (a->nattach == MAX_ATTACH) {
		sim_err_set(err, "more than %d attachments to one address space", MAX_ATTACH);
		return -1;
	}
	a->att[a->nattach++] = (struct dv_attach){ sid, p };
	sw->st.attaches++;
	return 0;
}

static bool fs_1g(const struct dvtd *d)
{
	return d->sc->vtd.caps.fl1gp;
}

static int dv_map(struct sim_sw *sw, unsigned dev, uint32_t as, uint64_t iova,
		  uint64_t size, uint64_t pa, uint8_t prot, sim_time_t now, struct sim_err *err)
{
	struct dvtd *d = to_dv(sw);
	struct dv_as *a = find_as(d, dev, as, true, err);
	bool fs = nested(d);
	uint64_t off = 0;

	if (!a)
		return -1;
	if (fs && (pa >= d->sc->guest_ram || size > d->sc->guest_ram - pa)) {
		sim_err_set(err, "map: guest-physical 0x%llx+0x%llx is beyond guest RAM (%llu bytes)",
			    (unsigned long long)pa, (unsigned long long)size,
			    (unsigned long long)d->sc->guest_ram);
		return -1;
	}
	while (off < size) {
		uint64_t v = iova + off, o = pa + off, left = size - off, leaf;
		unsigned shift = 12;
		int rc;

		if (!((v | o) & ((1ULL << 30) - 1)) && left >= (1ULL << 30) &&
		    (fs ? fs_1g(d) : d->sc->vtd.caps.sllps_1g))
			shift = 30;
		else if (!((v | o) & ((1ULL << 21) - 1)) && left >= (1ULL << 21) &&
			 (fs || d->sc->vtd.caps.sllps_2m))
			shift = 21;
		if (fs) {
			leaf = VTD_FS_P | VTD_FS_US | VTD_FS_A | VTD_FS_D |
			       (prot & XLATE_WRITE ? VTD_FS_RW : 0);
			for (uint64_t g = o; g < o + (1ULL << shift); g += 1ULL << d->sc->s2_page_shift)
				if (ss_guest_touch(d, g))
					goto oom;
		} else {
			leaf = (prot & XLATE_READ ? VTD_SS_R : 0) | (prot & XLATE_WRITE ? VTD_SS_W : 0) |
			       (prot & XLATE_EXEC ? VTD_SS_X : 0);
		}
		while ((rc = pt_map(d, fs, a->root_hpa, fs ? d->sc->s1_levels : d->sc->s2_levels,
				    v, o, shift, leaf)) == -EAGAIN && shift > 12)
			shift -= 9;
		if (rc == -EEXIST) {
			sim_err_set(err, "map: iova 0x%llx of address space %u is already mapped",
				    (unsigned long long)v, as);
			return -1;
		}
		if (rc)
			goto oom;
		off += 1ULL << shift;
	}
	sw->st.maps++;
	sw->st.map_bytes += size;
	return 0;
oom:
	sim_err_set(err, "out of memory for page tables");
	return -1;
}

/* Invalidate [iova, iova + size) (size 0: all) for one address space. */
static int inval_as(struct dvtd *d, struct dv_as *a, uint64_t iova, uint64_t size,
		    sim_time_t now, struct sim_err *err)
{
	unsigned am = size ? addr_mask(iova, size) : 0;
	bool page = size && d->sc->vtd.caps.psi && am <= d->sc->vtd.caps.mamv;
	uint64_t addr = page ? (iova >> 12 >> am << am << 12) | am : 0;

	if (!nested(d)) {
		qi_put(d, VTD_INV_IOTLB | VTD_INV_IOTLB_DR | VTD_INV_IOTLB_DW |
			  (uint64_t)(page ? VTD_INV_IOTLB_G_PAGE : VTD_INV_IOTLB_G_DOMAIN)
				<< VTD_INV_G_SHIFT |
			  (uint64_t)a->did << VTD_INV_DID_SHIFT, addr);
	} else {
		for (unsigned i = 0; i < a->nattach; i++)
			qi_put(d, VTD_INV_PIOTLB |
				  (uint64_t)(page ? VTD_INV_PIOTLB_G_PAGE : VTD_INV_PIOTLB_G_PASID)
					<< VTD_INV_G_SHIFT |
				  (uint64_t)a->did << VTD_INV_DID_SHIFT |
				  (uint64_t)a->att[i].pasid << VTD_INV_PASID_SHIFT, addr);
	}
	d->sw.st.invals++;
	return qi_submit(d, now, true, err);
}

static int dv_unmap(struct sim_sw *sw, unsigned dev, uint32_t as, uint64_t iova,
		    uint64_t size, sim_time_t now, struct sim_err *err)
{
	struct dvtd *d = to_dv(sw);
	struct dv_as *a = find_as(d, dev, as, false, err);
	bool fs = nested(d);
	uint64_t v = iova, end = iova + size;

	if (!a)
		return -1;
	while (v < end) {
		int ls = pt_unmap(d, fs, a->root_hpa, fs ? d->sc->s1_levels : d->sc->s2_levels,
				  v, end);

		if (ls < 0) {
			sim_err_set(err, "unmap: 0x%llx+0x%llx would split a large page",
				    (unsigned long long)iova, (unsigned long long)size);
			return -1;
		}
		v += ls ? 1ULL << ls : PMEM_PAGE_SIZE;
	}
	sw->st.unmaps++;
	sw->st.unmap_bytes += size;
	/*
	 * Stage 2 belongs to the host driver, which invalidates on unmap; a
	 * guest's stage 1 is invalidated by the guest (the trace's inval).
	 */
	return fs ? 0 : inval_as(d, a, iova, size, now, err);
}

static int dv_inval(struct sim_sw *sw, unsigned dev, uint32_t as, uint64_t iova,
		    uint64_t size, sim_time_t now, struct sim_err *err)
{
	struct dvtd *d = to_dv(sw);
	struct dv_as *a = find_as(d, dev, as, false, err);

	return a ? inval_as(d, a, iova, size, now, err) : -1;
}

/* A minimal fault handler: read every pending record and clear it (RW1C). */
static void dv_fault_irq(struct sim_sw *sw, sim_time_t now)
{
	struct dvtd *d = to_dv(sw);
	uint64_t cap = mmio_rd(d, VTD_CAP_REG, 8, now);
	uint64_t fro = VTD_FIELD(cap, 33, 24) * 16;
	unsigned nfr = (unsigned)VTD_FIELD(cap, 47, 40) + 1;

	for (unsigned i = 0; i < nfr; i++) {
		uint64_t hi = mmio_rd(d, VTD_FRCD_REG(fro, i) + 8, 8, now);

		if (hi & VTD_FRCD_F)
			mmio_wr(d, VTD_FRCD_REG(fro, i) + 8, VTD_FRCD_F, 8, now);
	}
	mmio_wr(d, VTD_FSTS_REG, VTD_FSTS_PFO, 4, now);
}

static void dv_destroy(struct sim_sw *sw)
{
	struct dvtd *d = to_dv(sw);

	if (d->m)
		d->m->ops->destroy(d->m);
	if (d->pm)
		pmem_destroy(d->pm);
	for (unsigned i = 0; i < d->nchunks; i++)
		munmap(d->chunks[i], CHUNK);
	free(d->chunks);
	free(d->as);
	free(d);
}

static const struct sim_sw_ops dv_ops = {
	.name = "direct-vtd",
	.attach = dv_attach,
	.map = dv_map,
	.unmap = dv_unmap,
	.inval = dv_inval,
	.fault_irq = dv_fault_irq,
	.destroy = dv_destroy,
};

/* Bring-up as a driver does it: root table, queued invalidation, TE. */
static int bring_up(struct dvtd *d, struct sim_err *err)
{
	uint32_t sts;

	d->root = kpage(d);
	d->iq = kpage(d);
	d->status = kpage(d);
	if (!d->root || !d->iq || !d->status)
		return -1;
	mmio_wr(d, VTD_RTADDR_REG, d->root | (uint64_t)VTD_TTM_SCALABLE << VTD_RTADDR_TTM_SHIFT,
		8, 0);
	mmio_wr(d, VTD_GCMD_REG, VTD_GCMD_SRTP, 4, 0);
	mmio_wr(d, VTD_IQT_REG, 0, 8, 0);
	mmio_wr(d, VTD_IQA_REG, d->iq | VTD_IQA_DW, 8, 0);
	mmio_wr(d, VTD_GCMD_REG, VTD_GCMD_QIE, 4, 0);
	/* Global context, PASID and IOTLB flush before enabling, as Linux does. */
	qi_put(d, VTD_INV_CC | (uint64_t)VTD_INV_CC_G_GLOBAL << VTD_INV_G_SHIFT, 0);
	qi_put(d, VTD_INV_PC | (uint64_t)VTD_INV_PC_G_GLOBAL << VTD_INV_G_SHIFT, 0);
	qi_put(d, VTD_INV_IOTLB | (uint64_t)VTD_INV_IOTLB_G_GLOBAL << VTD_INV_G_SHIFT, 0);
	if (qi_submit(d, 0, false, err))
		return -1;
	mmio_wr(d, VTD_GCMD_REG, VTD_GCMD_QIE | VTD_GCMD_TE, 4, 0);
	sts = (uint32_t)mmio_rd(d, VTD_GSTS_REG, 4, 0);
	if (!(sts & VTD_GSTS_TES) || !(sts & VTD_GSTS_RTPS)) {
		sim_err_set(err, "vtd: translation did not enable (GSTS 0x%x)", sts);
		return -1;
	}
	return 0;
}

struct sim_sw *sw_direct_vtd_create(const struct scenario *sc, struct sim_err *err)
{
	struct dvtd *d = calloc(1, sizeof(*d));
	const struct vtd_caps *k = &sc->vtd.caps;

	if (!d) {
		sim_err_set(err, "out of memory");
		return NULL;
	}
	d->sw.ops = &dv_ops;
	d->sw.kernel_version = "none";
	d->sc = sc;
	d->last_s2_page = ~0ULL;
	d->next_did = 1;
	d->kpa_next = d->kpa_end = PMEM_KERNEL_BASE;
	d->guest_hpa = PMEM_DEVICE_BASE;
	d->gpa_table_next = sc->guest_ram - PMEM_PAGE_SIZE;
	if (nested(d) && !(k->nest && k->fsts && k->ssts)) {
		sim_err_set(err, "%s: software.setup nested needs a VT-d with nesting "
			    "(preset '%s' has none)", sc->path, sc->preset);
		goto fail;
	}
	if (!(k->sagaw & (sc->s2_levels == 3 ? VTD_SAGAW_39 : sc->s2_levels == 4
			  ? VTD_SAGAW_48 : VTD_SAGAW_57))) {
		sim_err_set(err, "%s: software.stage2_levels %u is not supported by preset '%s'",
			    sc->path, sc->s2_levels, sc->preset);
		goto fail;
	}
	if (nested(d) && sc->s1_levels == 5 && !k->fl5lp) {
		sim_err_set(err, "%s: software.stage1_levels 5 needs first-stage 5-level paging",
			    sc->path);
		goto fail;
	}
	if (nested(d) && ((sc->s2_page_shift == 30 && !k->sllps_1g) ||
			  (sc->s2_page_shift == 21 && !k->sllps_2m))) {
		sim_err_set(err, "%s: software.stage2_page is larger than the preset supports",
			    sc->path);
		goto fail;
	}
	if (nested(d) && d->guest_hpa + sc->guest_ram > (1ULL << k->mgaw)) {
		sim_err_set(err, "%s: software.guest_ram does not fit the %u-bit host address width",
			    sc->path, k->mgaw);
		goto fail;
	}
	d->pm = pmem_create();
	d->m = d->pm ? vtd_create(&sc->vtd, d->pm, NULL) : NULL;
	if (!d->m) {
		sim_err_set(err, "%s: the VT-d configuration was refused (cache geometry?)",
			    sc->path);
		goto fail;
	}
	d->sw.model = d->m;
	for (unsigned i = 0; i < sc->ndev; i++)
		d->sw.sid[i] = sc->dev[i].sid;
	if (nested(d)) {
		d->ss_guest_root = kpage(d);
		if (!d->ss_guest_root)
			goto oom;
	}
	if (bring_up(d, err))
		goto fail;
	return &d->sw;
oom:
	sim_err_set(err, "out of memory");
fail:
	dv_destroy(&d->sw);
	return NULL;
}
