// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "iommusim_kernel.h"
#include "iommusim_pmem.h"
#include "pmem.h"
#include "simtest.h"
#include "vdrv_util.h"
#include "vtd_test_cfg.h"

/* The driver: simvtd, or Linux's Intel driver (test_intel_driver). */
#ifndef VDRV_DRIVER
#define VDRV_DRIVER "simvtd"
#endif

static unsigned int next_sid = 0x100;   /* each model gets fresh requester ids */
static unsigned int units_added;        /* since the kernel booted */
static unsigned int live;               /* set up and not torn down */

int vdrv_setup(struct vdrv *t, const struct vtd_config *cfg, unsigned int ndev,
	       unsigned int pasid_bits)
{
	int rc = vdrv_setup_at(t, cfg, ndev, pasid_bits, next_sid);

	next_sid += 0x10;
	return rc;
}

static void kernel_log_dump(void)
{
	for (unsigned long long i = 0; i < iommusim_kernel_log_count(); i++)
		fprintf(stderr, "kernel: %s\n", iommusim_kernel_log_line(i));
}

/* A unit's devices, each bound to one new iommufd of its own. */
static int vdrv_bind(struct vdrv *t)
{
	t->fd = iut_open();
	if (t->fd < 0)
		return -1;
	for (unsigned int i = 0; i < t->ndev; i++) {
		char path[64];
		struct vfio_device_bind_iommufd bind = {
			.argsz = sizeof(bind),
			.iommufd = t->fd,
		};

		snprintf(path, sizeof(path), "/dev/vfio/devices/vfio%u", t->info.vfio_first + i);
		t->devfd[i] = iommusim_open(path, O_RDWR);
		if (t->devfd[i] < 0)
			return -1;
		if (iommusim_ioctl(t->devfd[i], VFIO_DEVICE_BIND_IOMMUFD, &bind))
			return -1;
		t->devid[i] = bind.out_devid;
	}
	return 0;
}

/*
 * n units at once. Linux's Intel driver finds its units at boot, so
 * there they are the machine the kernel boots with: a test whose earlier
 * units are all torn down gets a new machine (a reboot) rather than a
 * hot-added unit, which 6.12 refuses (vdrv_util.h).
 */
static int vdrv_setup_units(struct vdrv **t, const struct vtd_config *const *cfg,
			    unsigned int n, unsigned int ndev, unsigned int pasid_bits,
			    unsigned int first_sid)
{
	struct iommusim_hw hw[2];
	struct iommusim_hw_info info[2];
	bool intel = vdrv_linux_driver();

	if (ndev > 4 || n > 2)
		return -1;
	for (unsigned int u = 0; u < n; u++) {
		memset(t[u], 0, sizeof(*t[u]));
		t[u]->fd = -1;
		vtd_test_config(&t[u]->cfg, cfg[u]);
		hw[u] = (struct iommusim_hw){
			.kind = "vtd",
			.driver = VDRV_DRIVER,
			.config = cfg[u],
			.devices = ndev,
			.pasid_bits = pasid_bits,
			.first_sid = first_sid + u * 0x10,
		};
	}
	if (intel && units_added && !live) {
		iut_reboot();
		units_added = 0;
	}
	/* Linux's Intel driver finds its units at boot: the units come first. */
	if (intel && iommusim_hw_add_machine(hw, n, info)) {
		/* A unit after boot comes by DMAR hotplug, which 6.12 refuses. */
		if (errno == EFAULT && units_added)
			return VDRV_UNIT_REFUSED;
		kernel_log_dump();
		return -1;
	}
	iut_boot_with(intel ? 0 : 4);
	if (!intel && iommusim_hw_add_machine(hw, n, info)) {
		kernel_log_dump();
		return -1;
	}
	units_added += n;
	for (unsigned int u = 0; u < n; u++) {
		t[u]->info = info[u];
		t[u]->ndev = ndev;
		live++;
		if (vdrv_bind(t[u]))
			return -1;
	}
	return 0;
}

int vdrv_setup_at(struct vdrv *t, const struct vtd_config *cfg, unsigned int ndev,
		  unsigned int pasid_bits, unsigned int first_sid)
{
	return vdrv_setup_units(&t, &cfg, 1, ndev, pasid_bits, first_sid);
}

int vdrv_setup_two(struct vdrv *a, struct vdrv *b, unsigned int ndev)
{
	struct vdrv *t[2] = { a, b };
	const struct vtd_config *cfg[2] = { NULL, NULL };
	int rc = vdrv_setup_units(t, cfg, 2, ndev, 0, next_sid);

	next_sid += 0x20;
	return rc;
}

bool vdrv_linux_driver(void)
{
	return !strcmp(VDRV_DRIVER, "intel");
}

unsigned int vdrv_paging_aw(unsigned int sagaw)
{
	if (vdrv_linux_driver() && (sagaw & VTD_SAGAW_57))
		return 3;
	return 2;
}

void vdrv_teardown(struct vdrv *t)
{
	if (live)
		live--;
	for (unsigned int i = 0; i < t->ndev; i++)
		if (t->devfd[i] > 0)
			iommusim_close(t->devfd[i]);
	if (t->fd >= 0)
		iommusim_close(t->fd);
}

int vdrv_attach(struct vdrv *t, unsigned int i, uint32_t *pt_id)
{
	struct vfio_device_attach_iommufd_pt attach = {
		.argsz = sizeof(attach),
		.pt_id = *pt_id,
	};
	int rc = iommusim_ioctl(t->devfd[i], VFIO_DEVICE_ATTACH_IOMMUFD_PT, &attach);

	if (!rc)
		*pt_id = attach.pt_id;
	return rc;
}

int vdrv_detach(struct vdrv *t, unsigned int i)
{
	struct vfio_device_detach_iommufd_pt detach = { .argsz = sizeof(detach) };

	return iommusim_ioctl(t->devfd[i], VFIO_DEVICE_DETACH_IOMMUFD_PT, &detach);
}

int vdrv_dma(struct vdrv *t, unsigned int i, uint64_t iova, void *buf, uint32_t len,
	     bool write, struct vdrv_dma *opt)
{
	struct iommu_model *m = t->info.model;
	struct vdrv_dma none = { 0 };
	struct xlate_req req = {
		.sid = t->info.sid[i],
		.access = write ? XLATE_WRITE : XLATE_READ,
		.iova = iova,
		.len = len,
		.t_issue = iommusim_get_time(),
	};
	int rc;

	if (!opt)
		opt = &none;
	req.has_pasid = opt->has_pasid;
	req.pasid = opt->pasid;
	req.pri = opt->pri;
	req.priv = opt->priv;
	m->ops->translate(m, &req, &opt->res);
	/* Simulated time moves on with the device, as on a platform. */
	if (opt->res.t_done > req.t_issue)
		iommusim_set_time(opt->res.t_done);
	if (opt->res.status != XLATE_OK)
		return (int)opt->res.status;
	rc = write ? pmem_write(iommusim_pmem(), opt->res.pa, buf, len)
		   : pmem_read(iommusim_pmem(), opt->res.pa, buf, len);
	return rc ? -EFAULT : 0;
}

static int rd64(uint64_t pa, uint64_t *v)
{
	return pmem_read64(iommusim_pmem(), pa, v);
}

int vdrv_pasid_entry(struct vdrv *t, unsigned int i, uint64_t pe[8])
{
	struct iommu_model *m = t->info.model;
	uint64_t rta = m->ops->mmio_read(m, VTD_RTADDR_REG, 8, 0);
	uint32_t sid = t->info.sid[i];
	unsigned int bus = sid >> 8, devfn = sid & 0xff;
	uint64_t re, ce0, pde;

	/* Root entry (spec 9.2): lower qword for devfn < 128, upper otherwise. */
	if (rd64((rta & VTD_RTADDR_RTA_MASK) + bus * 16 + (devfn >= 128 ? 8 : 0), &re) ||
	    !(re & 1))
		return -1;
	/* Scalable-mode context entry (9.4): 32 bytes, 128 per table. */
	if (rd64((re & VTD_SM_ROOT_LCTP_MASK) + (devfn % 128) * 32, &ce0) ||
	    !(ce0 & VTD_SM_CTX_P))
		return -1;
	/* PASID 0: directory entry 0, table entry 0. */
	if (rd64(ce0 & VTD_SM_CTX_PASIDDIRPTR_MASK, &pde) || !(pde & VTD_PDE_P))
		return -1;
	for (int q = 0; q < 8; q++)
		if (rd64((pde & VTD_PDE_SMPTBLPTR_MASK) + q * 8, &pe[q]))
			return -1;
	return 0;
}

int vdrv_ss_leaf(const uint64_t pe[8], uint64_t iova, uint64_t *leaf, unsigned int *level)
{
	unsigned int aw = (pe[0] & VTD_PTE0_AW_MASK) >> VTD_PTE0_AW_SHIFT;
	uint64_t table = pe[0] & VTD_PTE0_SSPTPTR_MASK;

	for (unsigned int l = aw + 2; l >= 1; l--) {
		uint64_t e;
		unsigned int shift = 12 + 9 * (l - 1);

		if (rd64(table + ((iova >> shift) & 511) * 8, &e))
			return -1;
		if (!(e & (VTD_SS_R | VTD_SS_W)))
			return -1;
		if (l == 1 || (e & VTD_SS_PS)) {
			*leaf = e;
			*level = l;
			return 0;
		}
		table = e & VTD_SS_ADDR_MASK;
	}
	return -1;
}

void vdrv_frcd(struct vdrv *t, unsigned int i, uint64_t *lo, uint64_t *hi)
{
	struct iommu_model *m = t->info.model;
	uint64_t cap = m->ops->mmio_read(m, VTD_CAP_REG, 8, 0);
	uint64_t fro = ((cap & VTD_CAP_FRO_MASK) >> VTD_CAP_FRO_SHIFT) * 16;

	*lo = m->ops->mmio_read(m, VTD_FRCD_REG(fro, i), 8, 0);
	*hi = m->ops->mmio_read(m, VTD_FRCD_REG(fro, i) + 8, 8, 0);
}
