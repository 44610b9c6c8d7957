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

#include "direct_host.h"
#include "guest_inval.h"
#include "pmem.h"
#include "sw.h"
#include "vtd.h"

#define PDTS 0                          /* 128 directory entries: PASID < 8192 */
#define MAX_PASID (128u * VTD_PASID_PER_TABLE)

struct dvtd {
	struct direct_sw base;          /* first: the software, memory, model */
	/* hardware structures */
	uint64_t root, iq, iq_tail, status;
	uint32_t wait_seq;
	uint64_t ctx[256][2];
	uint64_t pasid_dir[256 * 256];  /* by sid; 0 if none yet */
};

static struct dvtd *to_dv(struct sim_sw *sw)
{
	return (struct dvtd *)sw;
}

/* ---- registers ----------------------------------------------------------- */

static void mmio_wr(struct dvtd *d, uint64_t off, uint64_t v, unsigned size, sim_time_t now)
{
	d->base.m->ops->mmio_write(d->base.m, off, v, size, now);
}

static uint64_t mmio_rd(struct dvtd *d, uint64_t off, unsigned size, sim_time_t now)
{
	return d->base.m->ops->mmio_read(d->base.m, off, size, now);
}

/* ---- queued invalidation ------------------------------------------- */

static void qi_put(struct dvtd *d, uint64_t qw0, uint64_t qw1)
{
	uint64_t a = d->iq + d->iq_tail;

	direct_wr64(&d->base.host, a, qw0);
	direct_wr64(&d->base.host, a + 8, qw1);
	direct_wr64(&d->base.host, a + 16, 0);
	direct_wr64(&d->base.host, a + 24, 0);
	d->iq_tail = (d->iq_tail + 32) % PMEM_PAGE_SIZE;
}

/*
 * Submit what was queued with a wait descriptor behind it, as a driver
 * does, and charge the time the queue took to the invalidation cost.
 */
static int qi_submit(struct dvtd *d, sim_time_t now, bool charge, struct sim_err *err)
{
	uint32_t seq = ++d->wait_seq, got = 0;
	sim_time_t before = vtd_qi_done_time(d->base.m);

	qi_put(d, VTD_INV_WAIT | VTD_INV_WAIT_SW | (uint64_t)seq << VTD_INV_WAIT_SDATA_SHIFT,
	       d->status);
	mmio_wr(d, VTD_IQT_REG, d->iq_tail, 8, now);
	pmem_read(d->base.pm, d->status, &got, 4);
	if (got != seq) {
		uint64_t fsts = mmio_rd(d, VTD_FSTS_REG, 4, now);

		sim_err_set(err, "vtd: invalidation queue did not complete (FSTS 0x%llx)",
			    (unsigned long long)fsts);
		return -1;
	}
	if (charge)
		sw_inval_charge(&d->base.sw.st, now, before, vtd_qi_done_time(d->base.m));
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
	return d->base.sc->setup == SCEN_SETUP_NESTED;
}

/* The two table formats (spec 9.7, 9.8); first-stage tables are the guest's when nested. */
/* ---- address spaces ------------------------------------------------------ */

static struct direct_as *find_as(struct direct_sw *b, unsigned dev, uint32_t as, bool create,
				 struct sim_err *err)
{
	struct dvtd *d = (struct dvtd *)b;

	/* DIDs from 1 up to 2^(4 + 2 CAP.ND) - 2 */
	return direct_as_find(&d->base.host, dev, as, create, nested(d),
			      (1u << (4 + 2 * d->base.sc->vtd.caps.nd)) - 2, "vtd: out of domain ids", err);
}

static uint64_t pasid_entry_pa(struct dvtd *d, uint32_t sid, uint32_t pasid)
{
	uint64_t dir = d->pasid_dir[sid], de = dir + (pasid >> 6) * 8, e = direct_rd64(&d->base.host, de);

	if (!(e & VTD_PDE_P)) {
		uint64_t t = direct_kpage(&d->base.host);

		if (!t)
			return 0;
		e = t | VTD_PDE_P;
		direct_wr64(&d->base.host, de, e);
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
		d->ctx[bus][hi] = direct_kpage(&d->base.host);
		if (!d->ctx[bus][hi])
			return -1;
		direct_wr64(&d->base.host, d->root + bus * VTD_SM_ROOT_SIZE + hi * 8, d->ctx[bus][hi] | 1);
	}
	d->pasid_dir[sid] = direct_kpage(&d->base.host);
	if (!d->pasid_dir[sid])
		return -1;
	ce = d->ctx[bus][hi] + (devfn & 127) * VTD_SM_CTX_SIZE;
	direct_wr64(&d->base.host, ce + 8, 0);     /* RID_PASID 0: requests without a PASID use entry 0 */
	direct_wr64(&d->base.host, ce + 16, 0);
	direct_wr64(&d->base.host, ce + 24, 0);
	direct_wr64(&d->base.host, ce, d->pasid_dir[sid] | (uint64_t)PDTS << VTD_SM_CTX_PDTS_SHIFT |
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
	struct direct_as *a = find_as(&d->base, dev, as, true, err);
	uint32_t p = has_pasid ? pasid : 0;
	uint64_t pe, e[8] = { 0 }, old;
	unsigned s2l = d->base.sc->s2_levels;

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
		e[0] = d->base.host.s2_root | (uint64_t)(s2l - 2) << VTD_PTE0_AW_SHIFT |
		       (uint64_t)VTD_PGTT_NESTED << VTD_PTE0_PGTT_SHIFT | VTD_PTE0_P;
		e[2] = a->root | (d->base.sc->s1_levels == 5 ? 1ULL << VTD_PTE2_FLPM_SHIFT : 0);
	} else {
		e[0] = a->root | (uint64_t)(s2l - 2) << VTD_PTE0_AW_SHIFT |
		       (uint64_t)VTD_PGTT_SS << VTD_PTE0_PGTT_SHIFT | VTD_PTE0_P;
	}
	e[1] = a->tag;
	old = direct_rd64(&d->base.host, pe + 8) & VTD_PTE1_DID_MASK;
	/* Replace: clear P first, then the rest, then P (the order Linux keeps). */
	direct_wr64(&d->base.host, pe, 0);
	for (int i = 1; i < 8; i++)
		direct_wr64(&d->base.host, pe + i * 8, e[i]);
	direct_wr64(&d->base.host, pe, e[0]);
	qi_put(d, VTD_INV_PC | (uint64_t)VTD_INV_PC_G_PASID << VTD_INV_G_SHIFT |
		  (uint64_t)old << VTD_INV_DID_SHIFT | (uint64_t)p << VTD_INV_PASID_SHIFT, 0);
	qi_put(d, VTD_INV_PIOTLB | (uint64_t)VTD_INV_PIOTLB_G_PASID << VTD_INV_G_SHIFT |
		  (uint64_t)old << VTD_INV_DID_SHIFT | (uint64_t)p << VTD_INV_PASID_SHIFT, 0);
	if (qi_submit(d, now, false, err))
		return -1;
	return direct_sw_attached(&d->base, a, sid, p, err);
}

static int dv_map(struct sim_sw *sw, unsigned dev, uint32_t as, uint64_t iova,
		  uint64_t size, uint64_t pa, uint8_t prot, sim_time_t now, struct sim_err *err)
{
	struct dvtd *d = to_dv(sw);
	struct direct_as *a = find_as(&d->base, dev, as, true, err);
	bool fs = nested(d);
	const struct vtd_caps *k = &d->base.sc->vtd.caps;
	uint64_t leaf;

	if (!a)
		return -1;
	leaf = fs ? pt_x86_fs_leaf(prot) : pt_vtd_ss_leaf(prot);
	return direct_sw_map(&d->base, a, as, iova, size, pa, leaf, fs || k->sllps_2m,
			     fs ? k->fl1gp : k->sllps_1g, err);
}

/*
 * Invalidate [iova, iova + size) (size 0: all) for one address space: as
 * a host driver, a domain's page-selective or domain-selective IOTLB
 * invalidation; as the guest, software.guest_inval's PASID-based one per
 * attached PASID (guest_inval.h; this guest never frees a table, so
 * Linux's choice is always IH).
 */
static int inval_as(struct direct_sw *b, struct direct_as *a, uint64_t iova, uint64_t size,
		    sim_time_t now, struct sim_err *err)
{
	struct dvtd *d = (struct dvtd *)b;
	const struct vtd_caps *k = &d->base.sc->vtd.caps;

	if (!nested(d)) {
		unsigned am = size ? addr_mask(iova, size) : 0;
		bool page = size && k->psi && am <= k->mamv;
		uint64_t addr = page ? (iova >> 12 >> am << am << 12) | am : 0;

		qi_put(d, VTD_INV_IOTLB | VTD_INV_IOTLB_DR | VTD_INV_IOTLB_DW |
			  (uint64_t)(page ? VTD_INV_IOTLB_G_PAGE : VTD_INV_IOTLB_G_DOMAIN)
				<< VTD_INV_G_SHIFT |
			  (uint64_t)a->tag << VTD_INV_DID_SHIFT, addr);
	} else {
		struct guest_vtd_inval g;
		unsigned am;
		bool page;

		guest_vtd_inval(d->base.sc->guest_inval, iova, size, false, &g);
		am = g.npages == UINT64_MAX ? 0 : (unsigned)__builtin_ctzll(g.npages);
		/* PIOTLB's address mask goes up to MAMV; past it, the whole PASID */
		page = g.npages != UINT64_MAX && am <= k->mamv;
		for (unsigned i = 0; i < a->nattach; i++)
			qi_put(d, VTD_INV_PIOTLB |
				  (uint64_t)(page ? VTD_INV_PIOTLB_G_PAGE : VTD_INV_PIOTLB_G_PASID)
					<< VTD_INV_G_SHIFT |
				  (uint64_t)a->tag << VTD_INV_DID_SHIFT |
				  (uint64_t)a->att[i].pasid << VTD_INV_PASID_SHIFT,
			       page ? g.addr | (g.leaf ? VTD_INV_IH : 0) | am : 0);
	}
	d->base.sw.st.invals++;
	if (qi_submit(d, now, true, err))
		return -1;
	if (nested(d))
		sw_guest_inval_trap(&d->base.sw.st, d->base.sc->guest_inval_trap_ns);
	return 0;
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

static const struct direct_sw_ops dv_base_ops = {
	.find_as = find_as,
	.inval_as = inval_as,
};

static const struct sim_sw_ops dv_ops = {
	.name = "direct-vtd",
	.attach = dv_attach,
	.map = dv_map,
	.unmap = direct_sw_unmap,
	.inval = direct_sw_inval,
	.fault_irq = dv_fault_irq,
	.trace_pa = direct_sw_trace_pa,
	.destroy = direct_sw_destroy,
};

/* Bring-up as a driver does it: root table, queued invalidation, TE. */
static int bring_up(struct dvtd *d, struct sim_err *err)
{
	uint32_t sts;

	d->root = direct_kpage(&d->base.host);
	d->iq = direct_kpage(&d->base.host);
	d->status = direct_kpage(&d->base.host);
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
	direct_sw_init(&d->base, &dv_ops, &dv_base_ops, sc);
	d->base.fmt = d->base.guest ? &pt_x86_fs : &pt_vtd_ss;
	d->base.levels = d->base.guest ? sc->s1_levels : sc->s2_levels;
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
	if (nested(d) && d->base.host.guest_hpa + sc->guest_ram > (1ULL << k->mgaw)) {
		sim_err_set(err, "%s: software.guest_ram does not fit the %u-bit host address width",
			    sc->path, k->mgaw);
		goto fail;
	}
	d->base.pm = d->base.host.pm = pmem_create();
	if (direct_sw_adopt(&d->base, d->base.pm ? vtd_create(&sc->vtd, d->base.pm, NULL) : NULL,
			    "VT-d", err))
		goto fail;
	if (nested(d)) {
		if (direct_host_guest_s2(&d->base.host, &pt_vtd_ss, sc->s2_levels, sc->s2_page_shift,
					 pt_vtd_ss_leaf(XLATE_READ | XLATE_WRITE | XLATE_EXEC)))
			goto oom;
	}
	if (bring_up(d, err))
		goto fail;
	return &d->base.sw;
oom:
	sim_err_set(err, "out of memory");
fail:
	direct_sw_destroy(&d->base.sw);
	return NULL;
}
