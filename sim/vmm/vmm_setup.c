// SPDX-License-Identifier: GPL-2.0-only
/*
 * vmm_setup.c - the "kernel" software set-up: everything goes through the
 * real iommufd in user space (the front door) and the simvtd/simsmmu
 * driver under it, as a VMM and its guest would do it.
 *
 *   stage2: each trace address space is an IOAS; map/unmap are
 *           IOMMU_IOAS_MAP/UNMAP of host memory (the driver invalidates);
 *           attach is VFIO_DEVICE_ATTACH_IOMMUFD_PT to the IOAS.
 *   nested: guest RAM is one IOAS under a NEST_PARENT HWPT (stage 2).
 *           Each trace address space is a guest stage-1 table the guest
 *           writes in its RAM (VT-d: x86 first-stage format; SMMUv3:
 *           a CD and VMSAv8-64 tables) under a nested HWPT
 *           (IOMMU_HWPT_DATA_VTD_S1 / _ARM_SMMUV3); the guest's
 *           invalidations are IOMMU_HWPT_INVALIDATE.
 *           SMMUv3 PASIDs (SubstreamIDs) are the guest's alone: a device
 *           with PASID traffic gets a CD table of its own in guest RAM
 *           (its vSTE's S1CDMax > 0) and each PASID is a CD there.
 *
 * Guest RAM is mmap()ed with MAP_NORESERVE and mapped into the IOAS (and
 * so pinned) lazily, one software.map_chunk at a time, when a guest page
 * table or a trace's map first touches it: host memory grows with the
 * touched chunks, never with guest_ram.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <linux/iommufd.h>
#include <linux/vfio.h>

#include "iommusim_hw.h"
#include "iommusim_kernel.h"
#include "iommusim_pmem.h"
#include "guest_inval.h"
#include "pt_format.h"
#include "kernel_version.h"
#include "smmu.h"
#include "sw.h"
#include "vtd.h"
#include "uapi/iommusim_smmuv3.h"

/* The kernel source this binary compiled, for --version and reports. */
const char vmm_setup_kernel_version[] = IOMMUSIM_KERNEL_VERSION;

#define MAX_ATTACH 16
/* SMMUv3 nested: a device's own CD table, one guest page of 64 CDs */
#define CDTAB_BITS 6
/* A nested map larger than this is pinned at first DMA, chunk by chunk. */
#define LAZY_MAP_BYTES (64ULL << 20)

/* A mapping the guest makes only when a page request asks for it. */
struct pending {
	uint64_t iova, size, gpa;
	uint8_t prot;
};

struct vas {
	unsigned dev;
	uint32_t as;
	uint32_t ioas;                  /* stage2: its IOAS */
	uint32_t hwpt;                  /* nested: its nested HWPT (0: not yet) */
	uint32_t via;                   /* SMMUv3: a CD-table HWPT using it (0: none) */
	uint64_t root_gpa, cd_gpa;      /* nested: guest stage-1 root (and CD) */
	uint16_t asid;
	bool tables_freed;              /* since its last invalidation */
	unsigned nattach;
	uint32_t att[MAX_ATTACH];       /* device indexes attached */
	struct pending *pend;           /* demand paging: mapped on request */
	unsigned npend, pend_cap;
	struct pending *lazy;           /* large maps: pinned at first DMA */
	unsigned nlazy, lazy_cap;
};

struct vmm {
	struct sim_sw sw;
	const struct scenario *sc;
	bool smmu;
	struct iommusim_hw_info info;
	int fd;
	int devfd[SCEN_MAX_DEVICES];
	uint32_t devid[SCEN_MAX_DEVICES];
	uint32_t attached[SCEN_MAX_DEVICES];    /* pt each device is attached to */
	int dev_as[SCEN_MAX_DEVICES];           /* index of the space it uses; -1 none */
	/* guest RAM (nested) / host buffers (stage 2) */
	uint8_t *ram;
	uint64_t ram_len;
	uint8_t *chunk_mapped;          /* nested: one bit per map_chunk */
	uint32_t ioas, parent;
	uint32_t fault_id;              /* demand paging: the fault queue */
	int fault_fd;
	uint64_t gpa_table_next;
	uint64_t *table_free;           /* guest table pages an unmap freed */
	unsigned ntable_free, table_free_cap;
	uint64_t tables_freed;          /* table pages unmaps have freed */
	bool ril;                       /* the vSMMU has range invalidation */
	unsigned ssid_bits;             /* the vSMMU's SubstreamID bits (IDR1.SSIDSIZE) */
	/* SMMUv3 nested, devices with PASID traffic: their CD tables */
	uint64_t cdtab[SCEN_MAX_DEVICES];       /* its GPA (0: none, one CD per space) */
	uint32_t cdtab_hwpt[SCEN_MAX_DEVICES];  /* the nested HWPT of its vSTE */
	int ssid_as[SCEN_MAX_DEVICES][1 << CDTAB_BITS]; /* the space of each CD; -1 */
	struct sim_err table_err;       /* why the last guest table could not be made */
	struct vas *as;
	unsigned nas, as_cap;
};

static struct vmm *to_vmm(struct sim_sw *sw)
{
	return (struct vmm *)sw;
}

static bool nested(const struct vmm *v)
{
	return v->sc->setup == SCEN_SETUP_NESTED;
}

static int fail_errno(struct sim_err *err, const char *what)
{
	sim_err_set(err, "%s: %s", what, strerror(errno));
	return -1;
}

/* ---- invalidation cost, read from the model ------------------------------ */

/* When the model finished its last invalidation work (ps). */
static sim_time_t inval_mark(struct vmm *v)
{
	return v->smmu ? smmu_cmdq_done_time(v->sw.model) : vtd_qi_done_time(v->sw.model);
}

/* An invalidation requested at now, the queue done at before until then. */
static void charge(struct vmm *v, sim_time_t now, sim_time_t before)
{
	sw_inval_charge(&v->sw.st, now, before, inval_mark(v));
}

/* ---- guest RAM ----------------------------------------------------------------- */

static int ioas_map(struct vmm *v, uint32_t ioas, void *va, uint64_t len, uint64_t iova,
		    uint8_t prot, struct sim_err *err)
{
	struct iommu_ioas_map cmd = {
		.size = sizeof(cmd),
		.flags = IOMMU_IOAS_MAP_FIXED_IOVA |
			 (prot & XLATE_READ ? IOMMU_IOAS_MAP_READABLE : 0) |
			 (prot & XLATE_WRITE ? IOMMU_IOAS_MAP_WRITEABLE : 0),
		.ioas_id = ioas,
		.user_va = (uintptr_t)va,
		.length = len,
		.iova = iova,
	};

	if (iommusim_ioctl(v->fd, IOMMU_IOAS_MAP, &cmd))
		return fail_errno(err, "IOMMU_IOAS_MAP");
	return 0;
}

/* Nested: guest RAM [gpa, gpa + len) gets its stage-2 mapping (and pins). */
static int touch(struct vmm *v, uint64_t gpa, uint64_t len, struct sim_err *err)
{
	unsigned sh = v->sc->map_chunk_shift;

	for (uint64_t c = gpa >> sh; c <= (gpa + len - 1) >> sh; c++) {
		if (v->chunk_mapped[c >> 3] & (1u << (c & 7)))
			continue;
		if (ioas_map(v, v->ioas, v->ram + (c << sh), 1ULL << sh, c << sh,
			     XLATE_READ | XLATE_WRITE, err))
			return -1;
		v->chunk_mapped[c >> 3] |= (uint8_t)(1u << (c & 7));
		v->sw.st.pinned_bytes += 1ULL << sh;
	}
	return 0;
}

/* A zeroed guest page for a table: its GPA, or 0. */
static uint64_t guest_table(struct vmm *v, struct sim_err *err)
{
	uint64_t gpa = v->gpa_table_next;

	if (v->ntable_free) {
		gpa = v->table_free[--v->ntable_free];
		memset(v->ram + gpa, 0, PMEM_PAGE_SIZE);
		return gpa;
	}
	if (gpa < PMEM_PAGE_SIZE) {
		sim_err_set(err, "guest RAM is full of page tables");
		return 0;
	}
	v->gpa_table_next -= PMEM_PAGE_SIZE;
	if (touch(v, gpa, PMEM_PAGE_SIZE, err))
		return 0;
	memset(v->ram + gpa, 0, PMEM_PAGE_SIZE);
	v->sw.st.table_pages++;
	return gpa;
}

static uint64_t *gword(struct vmm *v, uint64_t gpa)
{
	return (uint64_t *)(v->ram + gpa);
}

/*
 * The guest's stage-1 tables, in its RAM (pt_format.h's writer). A table
 * address beyond guest RAM (a corrupted entry: fault injection) reads as
 * zero and takes no write, as memory that is not there.
 */
static uint64_t guest_rd(void *ctx, uint64_t gpa)
{
	struct vmm *v = ctx;

	return gpa < v->ram_len && !(gpa & 7) ? *gword(v, gpa) : 0;
}

static void guest_wr(void *ctx, uint64_t gpa, uint64_t val)
{
	struct vmm *v = ctx;

	if (gpa < v->ram_len && !(gpa & 7))
		*gword(v, gpa) = val;
}

static int guest_new_table(void *ctx, uint64_t *entry, uint64_t *gpa)
{
	struct vmm *v = ctx;

	*entry = *gpa = guest_table(v, &v->table_err);
	return *gpa ? 0 : -ENOMEM;
}

/* An unmap freed a table page: the guest reuses it for the next table. */
static void guest_free_table(void *ctx, uint64_t gpa)
{
	struct vmm *v = ctx;

	uint64_t *n = sw_grow(v->table_free, v->ntable_free, &v->table_free_cap, sizeof(*n), 64);

	v->tables_freed++;
	if (!n)
		return;         /* the page is lost to tables, not to correctness */
	v->table_free = n;
	v->table_free[v->ntable_free++] = gpa;
}

/*
 * x86 first stage (VT-d, 4 or 5 levels) or VMSAv8-64 stage 1 with a
 * 4 KiB granule, 48-bit VA, start level 0.
 */
static void guest_tree(struct vmm *v, const struct pt_fmt **f, struct pt_mem *m,
		       unsigned *levels)
{
	*f = v->smmu ? &pt_vmsa : &pt_x86_fs;
	*levels = v->smmu ? 4 : v->sc->s1_levels;
	*m = (struct pt_mem){ .ctx = v, .rd = guest_rd, .wr = guest_wr,
			      .new_table = guest_new_table, .free_table = guest_free_table };
}

/* The guest maps [va, va + size) to gpa, with the largest leaves that fit. */
static int guest_map(struct vmm *v, struct vas *a, uint64_t va, uint64_t gpa, uint64_t size,
		     uint8_t prot, struct sim_err *err)
{
	const struct pt_fmt *f;
	struct pt_mem m;
	unsigned levels;

	guest_tree(v, &f, &m, &levels);
	v->table_err.msg[0] = 0;
	return pt_map_range_err(f, &m, a->root_gpa, levels, va, gpa, size,
				v->smmu ? pt_vmsa_s1_leaf(prot) : pt_x86_fs_leaf(prot), true, true,
				a->as, v->table_err.msg, err);
}

static int guest_unmap(struct vmm *v, struct vas *a, uint64_t va, uint64_t size,
		       struct sim_err *err)
{
	const struct pt_fmt *f;
	struct pt_mem m;
	unsigned levels;

	uint64_t before = v->tables_freed;

	guest_tree(v, &f, &m, &levels);
	if (pt_unmap_range_err(f, &m, a->root_gpa, levels, va, size, err))
		return -1;
	if (v->tables_freed != before)
		a->tables_freed = true;
	return 0;
}

/* ---- address spaces ---------------------------------------------------------------- */

static struct vas *find_as(struct vmm *v, unsigned dev, uint32_t as)
{
	for (unsigned i = 0; i < v->nas; i++)
		if (v->as[i].dev == dev && v->as[i].as == as)
			return &v->as[i];
	return NULL;
}

/* An address space unmap and inval name: it must exist; the clock moves to now. */
static struct vas *used_as(struct vmm *v, unsigned dev, uint32_t as, sim_time_t now,
			   struct sim_err *err)
{
	struct vas *a = find_as(v, dev, as);

	if (!a) {
		sim_err_set(err, "address space %u of device %u was never used", as, dev);
		return NULL;
	}
	iommusim_set_time(now);
	return a;
}

static struct vas *new_as(struct vmm *v, unsigned dev, uint32_t as, struct sim_err *err)
{
	struct vas *a = sw_grow(v->as, v->nas, &v->as_cap, sizeof(*a), 8);

	if (!a) {
		sim_err_set(err, "out of memory");
		return NULL;
	}
	v->as = a;
	a = &v->as[v->nas];
	memset(a, 0, sizeof(*a));
	a->dev = dev;
	a->as = as;
	a->asid = (uint16_t)(v->nas + 1);
	if (nested(v)) {
		a->root_gpa = guest_table(v, err);
		if (!a->root_gpa)
			return NULL;
		if (v->smmu) {
			uint64_t *cd;

			a->cd_gpa = guest_table(v, err);
			if (!a->cd_gpa)
				return NULL;
			/* CD (IHI 0070 5.4): T0SZ 16, EPD1, IPS 48 bits, AA64, R, A, V, ASID */
			cd = gword(v, a->cd_gpa);
			cd[1] = a->root_gpa;
			cd[0] = 16 | 1ULL << 30 | 1ULL << 31 | 5ULL << 32 | 1ULL << 41 |
				1ULL << 45 | 1ULL << 46 | (uint64_t)a->asid << 48;
		}
	} else {
		struct iommu_ioas_alloc cmd = { .size = sizeof(cmd) };

		if (iommusim_ioctl(v->fd, IOMMU_IOAS_ALLOC, &cmd)) {
			fail_errno(err, "IOMMU_IOAS_ALLOC");
			return NULL;
		}
		a->ioas = cmd.out_ioas_id;
	}
	v->nas++;
	return a;
}

/* attach and map: the address space, made at its first use */
static struct vas *get_as(struct vmm *v, unsigned dev, uint32_t as, struct sim_err *err)
{
	struct vas *a = find_as(v, dev, as);

	return a ? a : new_as(v, dev, as, err);
}

static int add_range(struct pending **list, unsigned *n, unsigned *cap, struct pending p,
		     struct sim_err *err)
{
	struct pending *nl = sw_grow(*list, *n, cap, sizeof(*nl), 8);

	if (!nl) {
		sim_err_set(err, "out of memory");
		return -1;
	}
	*list = nl;
	nl[(*n)++] = p;
	return 0;
}

static void drop_ranges(struct pending *list, unsigned *n, uint64_t iova, uint64_t size)
{
	for (unsigned i = 0; i < *n;)
		if (list[i].iova < iova + size && iova < list[i].iova + list[i].size)
			list[i] = list[--*n];
		else
			i++;
}

/* Nested HWPT over the guest's table, allocated for the first device attaching. */
static int nested_hwpt(struct vmm *v, struct vas *a, unsigned dev, struct sim_err *err)
{
	struct iommu_hwpt_vtd_s1 vtd = {
		.pgtbl_addr = a->root_gpa,
		.addr_width = v->sc->s1_levels == 5 ? 57 : 48,
	};
	struct iommu_hwpt_arm_smmuv3 smmu = {
		/* V, Config = stage 1 translate, S1ContextPtr = the CD's IPA */
		.ste = { 1 | 5ULL << 1 | a->cd_gpa, 0 },
	};
	struct iommu_hwpt_alloc cmd = {
		.size = sizeof(cmd),
		.flags = v->sc->demand_paging ? IOMMU_HWPT_FAULT_ID_VALID : 0,
		.fault_id = v->fault_id,
		.dev_id = v->devid[dev],
		.pt_id = v->parent,
		.data_type = v->smmu ? IOMMU_HWPT_DATA_ARM_SMMUV3 : IOMMU_HWPT_DATA_VTD_S1,
		.data_len = v->smmu ? sizeof(smmu) : sizeof(vtd),
		.data_uptr = v->smmu ? (uintptr_t)&smmu : (uintptr_t)&vtd,
	};

	if (a->hwpt)
		return 0;
	if (iommusim_ioctl(v->fd, IOMMU_HWPT_ALLOC, &cmd))
		return fail_errno(err, "IOMMU_HWPT_ALLOC (nested)");
	a->hwpt = cmd.out_hwpt_id;
	return 0;
}

/* The guest's CFGI_CD for CD ssid of the device, through the VMM. */
static int guest_cfgi_cd(struct vmm *v, unsigned dev, uint32_t ssid, struct sim_err *err)
{
	struct iommu_hwpt_arm_smmuv3_invalidate c;
	struct iommu_hwpt_invalidate cmd = {
		.size = sizeof(cmd), .hwpt_id = v->cdtab_hwpt[dev],
		.data_type = IOMMU_HWPT_INVALIDATE_DATA_ARM_SMMUV3,
		.entry_len = sizeof(c), .entry_num = 1, .data_uptr = (uintptr_t)&c,
	};
	uint64_t w[2];

	/* 6.12 has no vDEVICE: the command names the physical StreamID */
	guest_smmu_cfgi_cd_encode(v->sw.sid[dev], ssid, w);
	c.cmd[0] = w[0];
	c.cmd[1] = w[1];
	if (iommusim_ioctl(v->fd, IOMMU_HWPT_INVALIDATE, &cmd))
		return fail_errno(err, "IOMMU_HWPT_INVALIDATE (CFGI_CD)");
	return 0;
}

/*
 * SMMUv3 nested: the guest owns the CD table its vSTE points at, so
 * SubstreamIDs need no PASID attach (which 6.12's VFIO uAPI lacks). At
 * a device's first PASID the guest gives it a CD table of its own (CD 0:
 * the space it used without a PASID, S1DSS = SSID0) and the VMM
 * attaches the device to a nested HWPT of that vSTE (S1CDMax > 0). Each
 * attach after that, with a PASID or without (CD 0), is the guest
 * rewriting one CD and invalidating it (CFGI_CD), as Linux's
 * arm-smmu-v3 driver does in a guest.
 */
static int guest_cd_attach(struct vmm *v, unsigned dev, uint32_t ssid, struct vas *a,
			   struct sim_err *err)
{
	unsigned bits = v->ssid_bits < CDTAB_BITS ? v->ssid_bits : CDTAB_BITS;
	bool fresh = !v->cdtab[dev];

	if (ssid >> bits) {
		sim_err_set(err, "attach with PASID %u: the guest's CD table holds SubstreamIDs "
			    "0..%u (the vSMMU has %u SubstreamID bits)", ssid, (1u << bits) - 1,
			    v->ssid_bits);
		return -1;
	}
	if (fresh) {
		struct iommu_hwpt_arm_smmuv3 vste = {
			/* V, Config = S1 translate, S1ContextPtr, S1CDMax; S1DSS = SSID0 */
			.ste = { 1 | 5ULL << 1 | (uint64_t)bits << 59, 2 },
		};
		struct iommu_hwpt_alloc ha = {
			.size = sizeof(ha),
			.flags = v->sc->demand_paging ? IOMMU_HWPT_FAULT_ID_VALID : 0,
			.fault_id = v->fault_id, .dev_id = v->devid[dev], .pt_id = v->parent,
			.data_type = IOMMU_HWPT_DATA_ARM_SMMUV3, .data_len = sizeof(vste),
			.data_uptr = (uintptr_t)&vste,
		};
		struct vfio_device_attach_iommufd_pt at = { .argsz = sizeof(at) };

		v->cdtab[dev] = guest_table(v, err);
		if (!v->cdtab[dev])
			return -1;
		vste.ste[0] |= v->cdtab[dev];
		if (v->dev_as[dev] >= 0) {
			/* the space it used without a PASID stays its CD 0 */
			memcpy(gword(v, v->cdtab[dev]), gword(v, v->as[v->dev_as[dev]].cd_gpa), 64);
			v->ssid_as[dev][0] = v->dev_as[dev];
		}
		memcpy(gword(v, v->cdtab[dev] + 64ULL * ssid), gword(v, a->cd_gpa), 64);
		if (iommusim_ioctl(v->fd, IOMMU_HWPT_ALLOC, &ha))
			return fail_errno(err, "IOMMU_HWPT_ALLOC (nested, CD table)");
		v->cdtab_hwpt[dev] = at.pt_id = ha.out_hwpt_id;
		if (iommusim_ioctl(v->devfd[dev], VFIO_DEVICE_ATTACH_IOMMUFD_PT, &at))
			return fail_errno(err, "VFIO_DEVICE_ATTACH_IOMMUFD_PT");
		v->attached[dev] = at.pt_id;
		if (v->dev_as[dev] >= 0)
			v->as[v->dev_as[dev]].via = at.pt_id;
	} else {
		memcpy(gword(v, v->cdtab[dev] + 64ULL * ssid), gword(v, a->cd_gpa), 64);
		if (guest_cfgi_cd(v, dev, ssid, err))
			return -1;
	}
	a->via = v->cdtab_hwpt[dev];
	v->ssid_as[dev][ssid] = (int)(a - v->as);
	if (!ssid)
		v->dev_as[dev] = (int)(a - v->as);
	v->sw.st.attaches++;
	iommusim_service_irqs();
	return 0;
}

static int vmm_attach(struct sim_sw *sw, unsigned dev, uint32_t sid, bool has_pasid,
		      uint32_t pasid, uint32_t as, sim_time_t now, struct sim_err *err)
{
	struct vmm *v = to_vmm(sw);
	struct vas *a;
	struct vfio_device_attach_iommufd_pt at = { .argsz = sizeof(at) };

	if (has_pasid && pasid && !v->smmu) {
		sim_err_set(err, "attach with PASID %u: the 6.12 VFIO uAPI attaches whole devices "
			    "only (use driver: direct for PASID traffic)", pasid);
		return -1;
	}
	if (has_pasid && pasid && !nested(v)) {
		sim_err_set(err, "attach with PASID %u: stage 2 has no SubstreamIDs (SMMUv3 "
			    "PASIDs need setup: nested, where the guest owns its CD table)", pasid);
		return -1;
	}
	iommusim_set_time(now);
	a = get_as(v, dev, as, err);
	if (!a)
		return -1;
	if (v->smmu && nested(v) && ((has_pasid && pasid) || v->cdtab[dev]))
		return guest_cd_attach(v, dev, has_pasid ? pasid : 0, a, err);
	if (nested(v) && nested_hwpt(v, a, dev, err))
		return -1;
	at.pt_id = nested(v) ? a->hwpt : a->ioas;
	/*
	 * A device's first fault-capable HWPT: the stage-2 parent goes first,
	 * as a VMM does. Linux's Intel driver turns ATS on only when a paging
	 * domain is attached, and enables IOPF only with ATS on
	 * (intel_iommu_enable_iopf()); a blocked device would refuse it.
	 */
	if (nested(v) && v->sc->demand_paging && !v->attached[dev]) {
		struct vfio_device_attach_iommufd_pt first = { .argsz = sizeof(first),
							       .pt_id = v->parent };

		if (iommusim_ioctl(v->devfd[dev], VFIO_DEVICE_ATTACH_IOMMUFD_PT, &first))
			return fail_errno(err, "VFIO_DEVICE_ATTACH_IOMMUFD_PT (stage-2 parent)");
	}
	/* A second attach of a bound device is a replace (hitless where it can be). */
	if (iommusim_ioctl(v->devfd[dev], VFIO_DEVICE_ATTACH_IOMMUFD_PT, &at))
		return fail_errno(err, "VFIO_DEVICE_ATTACH_IOMMUFD_PT");
	for (unsigned i = 0; i < v->nas; i++)
		for (unsigned j = 0; j < v->as[i].nattach; j++)
			if (v->as[i].att[j] == dev)
				v->as[i].att[j] = v->as[i].att[--v->as[i].nattach];
	if (a->nattach < MAX_ATTACH)
		a->att[a->nattach++] = dev;
	v->attached[dev] = at.pt_id;
	v->dev_as[dev] = (int)(a - v->as);
	sw->st.attaches++;
	iommusim_service_irqs();
	return 0;
}

static int vmm_map(struct sim_sw *sw, unsigned dev, uint32_t as, uint64_t iova,
		   uint64_t size, uint64_t pa, uint8_t prot, sim_time_t now, struct sim_err *err)
{
	struct vmm *v = to_vmm(sw);
	struct vas *a;

	if (pa >= v->ram_len || size > v->ram_len - pa) {
		sim_err_set(err, "map: 0x%llx+0x%llx is beyond the %s (%llu bytes)",
			    (unsigned long long)pa, (unsigned long long)size,
			    nested(v) ? "guest RAM" : "host memory (software.guest_ram)",
			    (unsigned long long)v->ram_len);
		return -1;
	}
	iommusim_set_time(now);
	a = get_as(v, dev, as, err);
	if (!a)
		return -1;
	if (!nested(v)) {
		/* Host memory at offset pa stands for the trace's physical pages. */
		if (ioas_map(v, a->ioas, v->ram + pa, size, iova, prot, err))
			return -1;
		sw->st.pinned_bytes += size;
	} else if (v->sc->demand_paging) {
		/* The guest maps on demand: remember, map when a page request comes. */
		if (add_range(&a->pend, &a->npend, &a->pend_cap,
			      (struct pending){ iova, size, pa, prot }, err))
			return -1;
	} else {
		if (size > LAZY_MAP_BYTES) {
			if (add_range(&a->lazy, &a->nlazy, &a->lazy_cap,
				      (struct pending){ iova, size, pa, prot }, err))
				return -1;
		} else if (touch(v, pa, size, err)) {
			return -1;
		}
		if (guest_map(v, a, iova, pa, size, prot, err))
			return -1;
	}
	sw->st.maps++;
	sw->st.map_bytes += size;
	iommusim_service_irqs();
	return 0;
}

/*
 * What the guest's driver learns of its vSMMU that shapes invalidation:
 * range invalidation (IDR3.RIL), from the host SMMU's ID registers as a
 * VMM reports them (IOMMU_GET_HW_INFO).
 */
static int vsmmu_probe(struct vmm *v, struct sim_err *err)
{
	struct iommu_hw_info_arm_smmuv3 idr = { 0 };
	struct iommu_hw_info hi = {
		.size = sizeof(hi), .dev_id = v->devid[0],
		.data_len = sizeof(idr), .data_uptr = (uintptr_t)&idr,
	};

	if (iommusim_ioctl(v->fd, IOMMU_GET_HW_INFO, &hi))
		return fail_errno(err, "IOMMU_GET_HW_INFO");
	v->ril = idr.idr[3] & (1u << 10);
	v->ssid_bits = (idr.idr[1] >> 6) & 0x1f;
	return 0;
}

/* One TLBI_NH_VA or TLBI_NH_ASID of the guest, as a vSMMU command. */
struct smmu_cmds {
	struct iommu_hwpt_arm_smmuv3_invalidate *cmd;
	unsigned n, cap;
	uint16_t asid;
};

static int smmu_cmd_put(void *ctx, const struct guest_smmu_tlbi *t)
{
	struct smmu_cmds *c = ctx;
	struct iommu_hwpt_arm_smmuv3_invalidate *e = sw_grow(c->cmd, c->n, &c->cap,
							       sizeof(*e), 16);
	uint64_t w[2];

	if (!e)
		return -1;
	c->cmd = e;
	e = &c->cmd[c->n++];
	/* ASID in bits 63:48; the host puts its own VMID in */
	guest_smmu_tlbi_encode(t, (uint64_t)c->asid << 48, w);
	e->cmd[0] = w[0];
	e->cmd[1] = w[1];
	return 0;
}

/*
 * The guest driver's invalidation after its unmaps of [iova, iova + size)
 * (size 0: everything), by software.guest_inval's rules (guest_inval.h),
 * passed on by the VMM as IOMMU_HWPT_INVALIDATE.
 */
static int guest_inval(struct vmm *v, struct vas *a, uint64_t iova, uint64_t size,
		       sim_time_t now, struct sim_err *err)
{
	/* any nested HWPT of the guest carries its TLBIs: the ASID selects */
	struct iommu_hwpt_invalidate cmd = { .size = sizeof(cmd),
					     .hwpt_id = a->hwpt ? a->hwpt : a->via };
	struct guest_vtd_inval g;
	struct iommu_hwpt_vtd_s1_invalidate vi;
	struct smmu_cmds sc = { .asid = a->asid };
	sim_time_t before;
	int rc;

	if (!cmd.hwpt_id)
		return 0;       /* never attached: nothing can be cached */
	if (sw_skip_inval(&v->sw))
		return 0;       /* injected: the guest's driver forgot this one */
	if (v->smmu) {
		if (guest_smmu_inval(v->sc->guest_inval, iova, size, a->tables_freed, v->ril,
				     smmu_cmd_put, &sc) < 0) {
			free(sc.cmd);
			sim_err_set(err, "out of memory");
			return -1;
		}
		cmd.data_type = IOMMU_HWPT_INVALIDATE_DATA_ARM_SMMUV3;
		cmd.entry_len = sizeof(*sc.cmd);
		cmd.data_uptr = (uintptr_t)sc.cmd;
		cmd.entry_num = sc.n;
	} else {
		guest_vtd_inval(v->sc->guest_inval, iova, size, a->tables_freed, &g);
		vi = (struct iommu_hwpt_vtd_s1_invalidate){
			.addr = g.addr, .npages = g.npages,
			.flags = g.leaf ? IOMMU_VTD_INV_FLAGS_LEAF : 0,
		};
		cmd.data_type = IOMMU_HWPT_INVALIDATE_DATA_VTD_S1;
		cmd.entry_len = sizeof(vi);
		cmd.data_uptr = (uintptr_t)&vi;
		cmd.entry_num = 1;
	}
	before = inval_mark(v);
	rc = iommusim_ioctl(v->fd, IOMMU_HWPT_INVALIDATE, &cmd);
	free(sc.cmd);
	if (rc)
		return fail_errno(err, "IOMMU_HWPT_INVALIDATE");
	a->tables_freed = false;
	charge(v, now, before);
	sw_guest_inval_trap(&v->sw.st, v->sc->guest_inval_trap_ns);
	return 0;
}

/* Stage 2: IOMMU_IOAS_UNMAP, the driver's own invalidation included. */
static int host_unmap(struct vmm *v, struct vas *a, uint64_t iova, uint64_t size,
		      sim_time_t now, struct sim_err *err)
{
	struct iommu_ioas_unmap cmd = {
		.size = sizeof(cmd), .ioas_id = a->ioas, .iova = iova, .length = size,
	};
	sim_time_t before = inval_mark(v);
	int rc;

	/* Injected: the host driver forgets the flush of this unmap. */
	if (v->sw.skip_inval)
		iommusim_skip_invalidations(1);
	rc = iommusim_ioctl(v->fd, IOMMU_IOAS_UNMAP, &cmd);
	if (v->sw.skip_inval) {
		if (!iommusim_skip_invalidations_left()) {
			v->sw.skip_inval = false;
			v->sw.invals_skipped++;
		}
		iommusim_skip_invalidations(0);
	}
	if (rc)
		return fail_errno(err, "IOMMU_IOAS_UNMAP");
	v->sw.st.pinned_bytes -= cmd.length;
	v->sw.st.invals++;
	charge(v, now, before);
	return 0;
}

static int vmm_unmap(struct sim_sw *sw, unsigned dev, uint32_t as, uint64_t iova,
		     uint64_t size, sim_time_t now, struct sim_err *err)
{
	struct vmm *v = to_vmm(sw);
	struct vas *a = used_as(v, dev, as, now, err);

	if (!a)
		return -1;
	if (!nested(v)) {
		if (host_unmap(v, a, iova, size, now, err))
			return -1;
	} else {
		/* The guest edits its table; its invalidation comes as an inval event. */
		if (guest_unmap(v, a, iova, size, err))
			return -1;
		drop_ranges(a->pend, &a->npend, iova, size);
		drop_ranges(a->lazy, &a->nlazy, iova, size);
	}
	sw->st.unmaps++;
	sw->st.unmap_bytes += size;
	iommusim_service_irqs();
	return 0;
}

static int vmm_inval(struct sim_sw *sw, unsigned dev, uint32_t as, uint64_t iova,
		     uint64_t size, sim_time_t now, struct sim_err *err)
{
	struct vmm *v = to_vmm(sw);
	struct vas *a = used_as(v, dev, as, now, err);

	/* Stage 2 is the kernel's: IOAS unmap already invalidated. */
	if (!a || (nested(v) && guest_inval(v, a, iova, size, now, err)))
		return -1;
	sw->st.invals++;
	iommusim_service_irqs();
	return 0;
}

/* The fault interrupt reaches simvtd/simsmmu, which drains its records. */
static void vmm_fault_irq(struct sim_sw *sw, sim_time_t now)
{
	iommusim_set_time(now);
	iommusim_service_irqs();
}

/* Pin the guest RAM under a large mapping at its first DMA (untimed). */
static void vmm_prepare_dma(struct sim_sw *sw, unsigned dev, const struct xlate_req *req)
{
	struct vmm *v = to_vmm(sw);
	struct vas *a;
	struct sim_err err;
	int idx = v->dev_as[dev];

	if (v->cdtab[dev] && req->has_pasid && req->pasid < (1u << CDTAB_BITS))
		idx = v->ssid_as[dev][req->pasid];
	if (idx < 0)
		return;
	a = &v->as[idx];
	for (unsigned i = 0; i < a->nlazy; i++) {
		const struct pending *p = &a->lazy[i];

		if (req->iova - p->iova < p->size) {
			/* a failure shows as the device's fault, as it would */
			touch(v, p->gpa + (req->iova - p->iova), req->len ? req->len : 1, &err);
			return;
		}
	}
}

/* The guest's page-request handler: map what was asked for, answer. */
static int vmm_fault_service(struct sim_sw *sw, sim_time_t now, sim_time_t *done,
			     struct sim_err *err)
{
	struct vmm *v = to_vmm(sw);
	struct iommu_hwpt_pgfault pf[16];
	sim_time_t t = now + (sim_time_t)v->sc->fault_service_ns * SIM_PS_PER_NS;
	int any_ok = 0;
	ssize_t n;

	if (v->fault_fd < 0)
		return 0;
	iommusim_set_time(now);
	iommusim_service_irqs();        /* the page request interrupt */
	n = iommusim_read(v->fault_fd, pf, sizeof(pf));
	if (n < 0)
		return fail_errno(err, "read(fault queue)");
	iommusim_set_time(t);
	for (ssize_t i = 0; i < n / (ssize_t)sizeof(pf[0]); i++) {
		struct iommu_hwpt_page_response resp = {
			.cookie = pf[i].cookie, .code = IOMMUFD_PAGE_RESP_INVALID,
		};
		struct vas *a = NULL;

		sw->st.page_requests++;
		for (unsigned d = 0; d < v->sc->ndev && !a; d++) {
			if (v->devid[d] != pf[i].dev_id)
				continue;
			for (unsigned k = 0; k < v->nas && !a; k++)
				if (v->as[k].hwpt && v->as[k].hwpt == v->attached[d])
					a = &v->as[k];
		}
		for (unsigned k = 0; a && k < a->npend; k++) {
			const struct pending *p = &a->pend[k];
			uint64_t page = pf[i].addr & ~0xfffULL;

			if (page < p->iova || page - p->iova >= p->size)
				continue;
			if (!(pf[i].perm & IOMMU_PGFAULT_PERM_WRITE) || (p->prot & XLATE_WRITE)) {
				int rc = touch(v, p->gpa + (page - p->iova), PMEM_PAGE_SIZE, err);

				if (!rc)
					rc = guest_map(v, a, page, p->gpa + (page - p->iova),
						       PMEM_PAGE_SIZE, p->prot, err);

				/* already mapped (a request raced with another): fine */
				if (rc == 0 || strstr(err->msg, "already mapped"))
					resp.code = IOMMUFD_PAGE_RESP_SUCCESS;
			}
			break;
		}
		if (resp.code == IOMMUFD_PAGE_RESP_SUCCESS) {
			sw->st.page_responses_ok++;
			any_ok = 1;
		}
		/* only the last request of a group carries the response */
		if (!(pf[i].flags & IOMMU_PGFAULT_FLAGS_LAST_PAGE))
			continue;
		if (iommusim_write(v->fault_fd, &resp, sizeof(resp)) != (ssize_t)sizeof(resp))
			return fail_errno(err, "write(fault queue response)");
	}
	iommusim_service_irqs();
	*done = t;
	return any_ok;
}

static uint64_t vmm_log_count(struct sim_sw *sw)
{
	(void)sw;
	return iommusim_kernel_log_count();
}

static const char *vmm_log_line(struct sim_sw *sw, uint64_t i)
{
	(void)sw;
	return iommusim_kernel_log_line(i);
}

/* Guest RAM (nested) or host memory (stage 2) at offset tpa is what the trace names. */
static bool vmm_trace_pa(struct sim_sw *sw, uint64_t hpa, uint64_t *tpa)
{
	struct vmm *v = to_vmm(sw);
	uint8_t *host = pmem_host(iommusim_pmem(), hpa);

	if (!host || host < v->ram || (uint64_t)(host - v->ram) >= v->ram_len)
		return false;
	*tpa = (uint64_t)(host - v->ram);
	return true;
}

static void vmm_destroy(struct sim_sw *sw)
{
	struct vmm *v = to_vmm(sw);

	if (v->fault_fd >= 0)
		iommusim_close(v->fault_fd);
	for (unsigned i = 0; i < v->nas; i++) {
		free(v->as[i].pend);
		free(v->as[i].lazy);
	}
	for (unsigned i = 0; i < v->sc->ndev; i++)
		if (v->devfd[i] > 0)
			iommusim_close(v->devfd[i]);
	if (v->fd >= 0)
		iommusim_close(v->fd);
	iommusim_kernel_shutdown();
	if (v->ram && v->ram != MAP_FAILED)
		munmap(v->ram, v->ram_len);
	free(v->chunk_mapped);
	free(v->table_free);
	free(v->as);
	free(v);
}

static const struct sim_sw_ops vmm_ops = {
	.name = "kernel",
	.attach = vmm_attach,
	.map = vmm_map,
	.unmap = vmm_unmap,
	.inval = vmm_inval,
	.fault_service = vmm_fault_service,
	.prepare_dma = vmm_prepare_dma,
	.fault_irq = vmm_fault_irq,
	.trace_pa = vmm_trace_pa,
	.kernel_log_count = vmm_log_count,
	.kernel_log_line = vmm_log_line,
	.destroy = vmm_destroy,
};

struct sim_sw *vmm_setup_create(const struct scenario *sc, struct sim_err *err);

struct sim_sw *vmm_setup_create(const struct scenario *sc, struct sim_err *err)
{
	struct iommusim_kernel_opts opts = { .mock_devices = 0, .log_level = 3 };
	struct vmm *v = calloc(1, sizeof(*v));
	struct iommusim_hw hw = {
		.devices = sc->ndev,
		.first_sid = sc->dev[0].sid,
	};

	if (!v) {
		sim_err_set(err, "out of memory");
		return NULL;
	}
	v->sw.ops = &vmm_ops;
	v->sw.kernel_version = vmm_setup_kernel_version;
	v->sc = sc;
	v->fd = -1;
	v->fault_fd = -1;
	for (unsigned i = 0; i < SCEN_MAX_DEVICES; i++) {
		v->dev_as[i] = -1;
		for (unsigned k = 0; k < 1u << CDTAB_BITS; k++)
			v->ssid_as[i][k] = -1;
	}
	v->smmu = sc->iommu == SCEN_IOMMU_SMMUV3;
	hw.kind = v->smmu ? "smmuv3" : "vtd";
	hw.driver = sc->kernel_driver;
	/* page requests from PRI devices travel with a PASID */
	hw.pasid_bits = sc->demand_paging ? 20 : 0;
	hw.config = v->smmu ? (const void *)&sc->smmu : (const void *)&sc->vtd;
	iommusim_set_time(0);
	/*
	 * The hardware first: the kernel boots with it (Linux's Intel driver
	 * finds its unit at boot), then the options apply.
	 */
	if (iommusim_hw_add(&hw, &v->info)) {
		sim_err_set(err, "%s: adding the %s hardware under the %s driver: %s%s", sc->path,
			    hw.kind, hw.driver, strerror(errno),
			    errno == ENOENT ? " (no such driver in this build; use driver: direct)" : "");
		goto fail;
	}
	if (iommusim_kernel_boot(&opts)) {
		fail_errno(err, "kernel boot");
		goto fail;
	}
	v->sw.model = v->info.model;
	v->fd = iommusim_open("/dev/iommu", O_RDWR);
	if (v->fd < 0) {
		fail_errno(err, "/dev/iommu");
		goto fail;
	}
	for (unsigned i = 0; i < sc->ndev; i++) {
		char path[64];
		struct vfio_device_bind_iommufd bind = { .argsz = sizeof(bind), .iommufd = v->fd };

		v->sw.sid[i] = v->info.sid[i];
		snprintf(path, sizeof(path), "/dev/vfio/devices/vfio%u", v->info.vfio_first + i);
		v->devfd[i] = iommusim_open(path, O_RDWR);
		if (v->devfd[i] < 0) {
			fail_errno(err, path);
			goto fail;
		}
		if (iommusim_ioctl(v->devfd[i], VFIO_DEVICE_BIND_IOMMUFD, &bind)) {
			fail_errno(err, "VFIO_DEVICE_BIND_IOMMUFD");
			goto fail;
		}
		v->devid[i] = bind.out_devid;
	}
	if (v->smmu && vsmmu_probe(v, err))
		goto fail;
	/*
	 * Guest RAM / host buffers: address space only, backed when touched.
	 * 2 MiB aligned: the shim gives user memory physical addresses whose
	 * offset in a 2 MiB chunk is the virtual one, so an aligned base makes
	 * the physical layout (and every result) independent of where mmap
	 * happened to put it.
	 */
	v->ram_len = sc->guest_ram;
	{
		const uint64_t align = 2ULL << 20;
		uint8_t *raw = mmap(NULL, v->ram_len + align, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		uint64_t head;

		if (raw == MAP_FAILED) {
			fail_errno(err, "guest RAM mmap");
			goto fail;
		}
		head = (align - ((uintptr_t)raw & (align - 1))) & (align - 1);
		if (head)
			munmap(raw, head);
		munmap(raw + head + v->ram_len, align - head);
		v->ram = raw + head;
	}
	if (nested(v)) {
		struct iommu_ioas_alloc ia = { .size = sizeof(ia) };
		struct iommu_hwpt_alloc ha = {
			.size = sizeof(ha),
			.flags = IOMMU_HWPT_ALLOC_NEST_PARENT,
			.dev_id = v->devid[0],
		};

		v->chunk_mapped = calloc((v->ram_len >> sc->map_chunk_shift) / 8 + 1, 1);
		v->gpa_table_next = v->ram_len - PMEM_PAGE_SIZE;
		if (!v->chunk_mapped) {
			sim_err_set(err, "out of memory");
			goto fail;
		}
		if (iommusim_ioctl(v->fd, IOMMU_IOAS_ALLOC, &ia)) {
			fail_errno(err, "IOMMU_IOAS_ALLOC");
			goto fail;
		}
		v->ioas = ia.out_ioas_id;
		ha.pt_id = v->ioas;
		if (sc->demand_paging) {
			struct iommu_fault_alloc fa = { .size = sizeof(fa) };

			if (iommusim_ioctl(v->fd, IOMMU_FAULT_QUEUE_ALLOC, &fa)) {
				fail_errno(err, "IOMMU_FAULT_QUEUE_ALLOC");
				goto fail;
			}
			v->fault_id = fa.out_fault_id;
			v->fault_fd = fa.out_fault_fd;
		}
		if (iommusim_ioctl(v->fd, IOMMU_HWPT_ALLOC, &ha)) {
			fail_errno(err, "IOMMU_HWPT_ALLOC (nest parent)");
			goto fail;
		}
		v->parent = ha.out_hwpt_id;
	}
	return &v->sw;
fail:
	vmm_destroy(&v->sw);
	return NULL;
}

/* The binaries that link the kernel side plug it in here (sw.h). */
void vmm_setup_plug(void)
{
	sim_sw_kernel_create = vmm_setup_create;
	sim_sw_kernel_version = vmm_setup_kernel_version;
	sim_sw_kernel_active = iommusim_in_kernel;
}
