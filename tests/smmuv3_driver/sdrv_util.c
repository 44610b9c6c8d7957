// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sdrv_util.h"
#include "smmu.h"

/*
 * One SMMUv3 added to the machine on first use: the kind's default
 * configuration (preset NULL) or a preset, with its caches off if nocache.
 */
struct hw_once {
	struct iommusim_hw_info info;
	struct smmu_config cfg;
	bool added;
};

static const struct iommusim_hw_info *hw_add_once(struct hw_once *h, const char *preset,
						  bool nocache, unsigned int devices,
						  unsigned int first_sid)
{
	struct iommusim_hw req = { .kind = "smmuv3", .config = preset ? &h->cfg : NULL,
				   .devices = devices, .first_sid = first_sid };

	iut_boot();
	if (h->added)
		return &h->info;
	if (preset)
		smmu_config_preset(&h->cfg, preset);
	if (nocache) {
		memset(&h->cfg.ste_cache, 0, sizeof(h->cfg.ste_cache));
		memset(&h->cfg.cd_cache, 0, sizeof(h->cfg.cd_cache));
		memset(&h->cfg.tlb, 0, sizeof(h->cfg.tlb));
		memset(&h->cfg.s1_walk, 0, sizeof(h->cfg.s1_walk));
		memset(&h->cfg.s2_walk, 0, sizeof(h->cfg.s2_walk));
	}
	if (iommusim_hw_add(&req, &h->info))
		abort();
	h->added = true;
	return &h->info;
}

const struct iommusim_hw_info *sdrv_hw(void)
{
	static struct hw_once h;

	return hw_add_once(&h, NULL, false, 8, 0x20);
}

const struct iommusim_hw_info *sdrv_hw_nocache(void)
{
	static struct hw_once h;

	return hw_add_once(&h, "full", true, 2, 0x100);
}

const struct iommusim_hw_info *sdrv_hw_s1only(void)
{
	static struct hw_once h;

	return hw_add_once(&h, "s1only", false, 1, 0x200);
}

int sdrv_dev_open(const struct iommusim_hw_info *hw, unsigned int i)
{
	char path[64];

	snprintf(path, sizeof(path), "/dev/vfio/devices/vfio%u", hw->vfio_first + i);
	return iommusim_open(path, O_RDWR);
}

int sdrv_bind(int devfd, int iommufd, uint32_t *devid)
{
	struct vfio_device_bind_iommufd bind = { .argsz = sizeof(bind), .iommufd = iommufd };
	int rc = iommusim_ioctl(devfd, VFIO_DEVICE_BIND_IOMMUFD, &bind);

	if (!rc)
		*devid = bind.out_devid;
	return rc;
}

int sdrv_attach(int devfd, uint32_t pt_id, uint32_t *out_pt)
{
	struct vfio_device_attach_iommufd_pt at = { .argsz = sizeof(at), .pt_id = pt_id };
	int rc = iommusim_ioctl(devfd, VFIO_DEVICE_ATTACH_IOMMUFD_PT, &at);

	if (!rc && out_pt)
		*out_pt = at.pt_id;
	return rc;
}

int sdrv_detach(int devfd)
{
	struct vfio_device_detach_iommufd_pt d = { .argsz = sizeof(d) };

	return iommusim_ioctl(devfd, VFIO_DEVICE_DETACH_IOMMUFD_PT, &d);
}

struct xlate_res sdrv_xlate(const struct iommusim_hw_info *hw, unsigned int i, uint64_t iova,
			    bool write)
{
	struct xlate_req req = {
		.sid = hw->sid[i],
		.access = write ? XLATE_WRITE : XLATE_READ,
		.iova = iova,
		.len = 4,
		.t_issue = iommusim_get_time(),
	};
	struct xlate_res res;

	hw->model->ops->translate(hw->model, &req, &res);
	/* Simulated time moves on with the device, as on a platform. */
	if (res.t_done > req.t_issue)
		iommusim_set_time(res.t_done);
	/* Event records raised by the request reach the driver */
	iommusim_service_irqs();
	return res;
}

int sdrv_dma(const struct iommusim_hw_info *hw, unsigned int i, uint64_t iova, void *buf,
	     size_t len, bool write)
{
	struct xlate_res r = sdrv_xlate(hw, i, iova, write);

	if (r.status != XLATE_OK)
		return -1;
	return write ? pmem_write(iommusim_pmem(), r.pa, buf, len)
		     : pmem_read(iommusim_pmem(), r.pa, buf, len);
}

int sdrv_invalidate(int fd, uint32_t hwpt, const uint64_t (*cmds)[2], uint32_t *num)
{
	struct iommu_hwpt_invalidate cmd = {
		.size = sizeof(cmd),
		.hwpt_id = hwpt,
		.data_uptr = (uintptr_t)cmds,
		.data_type = IOMMU_HWPT_INVALIDATE_DATA_ARM_SMMUV3,
		.entry_len = sizeof(struct iommu_hwpt_arm_smmuv3_invalidate),
		.entry_num = *num,
	};
	int rc = iommusim_ioctl(fd, IOMMU_HWPT_INVALIDATE, &cmd);

	*num = cmd.entry_num;
	return rc;
}

int sdrv_nested_alloc(int fd, uint32_t devid, uint32_t parent, uint64_t ste0, uint64_t ste1,
		      uint32_t *out)
{
	struct iommu_hwpt_arm_smmuv3 data = { .ste = { ste0, ste1 } };

	return iut_hwpt_alloc(fd, devid, parent, 0, 0, IOMMU_HWPT_DATA_ARM_SMMUV3, &data,
			      sizeof(data), out);
}

/* ---- guest tables: VMSAv8-64, 4 KiB granule, 48-bit VA, start level 0 ---- */

#define D_VALID  (1ULL << 0)
#define D_TABLE  (1ULL << 1)
#define D_AP1    (1ULL << 6)    /* EL0 (unprivileged) access */
#define D_AF     (1ULL << 10)
#define D_ADDR   0x0000fffffffff000ULL

void guest_init(struct guest *g, size_t pages, uint64_t gpa, unsigned int first_table_page)
{
	g->len = pages * 4096;
	g->ram = iut_buffer(g->len);
	g->gpa = gpa;
	g->next_table = first_table_page;
}

void guest_free(struct guest *g)
{
	iut_buffer_free(g->ram, g->len);
}

static uint64_t *guest_word(struct guest *g, uint64_t gpa)
{
	if (gpa < g->gpa || gpa + 8 > g->gpa + g->len)
		abort();
	return (uint64_t *)(g->ram + (gpa - g->gpa));
}

static uint64_t *walk(struct guest *g, unsigned int root, uint64_t va, bool alloc)
{
	uint64_t table = guest_pa(g, root);

	for (int level = 0; level < 3; level++) {
		unsigned int shift = 39 - 9 * level;
		uint64_t *d = guest_word(g, table + ((va >> shift) & 511) * 8);

		if (!(*d & D_VALID)) {
			if (!alloc)
				return NULL;
			*d = guest_pa(g, g->next_table++) | D_TABLE | D_VALID;
		}
		table = *d & D_ADDR;
	}
	return guest_word(g, table + ((va >> 12) & 511) * 8);
}

void guest_map(struct guest *g, unsigned int root, uint64_t va, unsigned int data_page)
{
	*walk(g, root, va, true) = guest_pa(g, data_page) | D_AF | D_AP1 | D_TABLE | D_VALID;
}

uint64_t *guest_pte(struct guest *g, unsigned int root, uint64_t va)
{
	return walk(g, root, va, false);
}

void guest_cd(struct guest *g, unsigned int cd_page, uint16_t asid, unsigned int root)
{
	uint64_t *cd = guest_word(g, guest_pa(g, cd_page));

	memset(cd, 0, 64);
	cd[1] = guest_pa(g, root);                      /* TTB0 */
	cd[0] = 16                                      /* T0SZ: 48-bit VA */
		| (1ULL << 30)                          /* EPD1 */
		| (1ULL << 41)                          /* AA64 */
		| (5ULL << 32)                          /* IPS 48 bits */
		| (1ULL << 45) | (1ULL << 46)           /* R, A */
		| ((uint64_t)asid << 48)
		| (1ULL << 31);                         /* V, last */
}

uint64_t guest_ste0_s1(const struct guest *g, unsigned int cd_page)
{
	return G_STE0_V | G_STE0_CFG(G_CFG_S1) | guest_pa(g, cd_page);
}
