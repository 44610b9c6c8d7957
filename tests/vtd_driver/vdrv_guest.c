// SPDX-License-Identifier: GPL-2.0-only
#include <string.h>

#include "vdrv_guest.h"

/* A (and D on leaves) preset, so walks write nothing into guest tables. */
#define FS_TABLE_BITS (VTD_FS_P | VTD_FS_RW | VTD_FS_US | VTD_FS_A)

int guest_ram(struct vdrv *t, struct vdrv_guest *g)
{
	memset(g, 0, sizeof(*g));
	g->ram = iut_buffer(GUEST_RAM);
	if (!g->ram || iut_ioas_alloc(t->fd, &g->ioas))
		return -1;
	if (iut_ioas_map_fixed(t->fd, g->ioas, g->ram, GUEST_TABLES, 0) ||
	    iut_ioas_map_fixed(t->fd, g->ioas, g->ram + GUEST_TABLES, GUEST_RAM - GUEST_TABLES,
			       GUEST_TABLES))
		return -1;
	return 0;
}

void guest_ram_free(struct vdrv_guest *g)
{
	if (g->ram)
		iut_buffer_free(g->ram, GUEST_RAM);
}

int guest_hwpts(struct vdrv *t, struct vdrv_guest *g, uint32_t parent_flags)
{
	struct iommu_hwpt_vtd_s1 s1 = guest_s1(0, 48);

	if (iut_hwpt_alloc(t->fd, t->devid[0], g->ioas,
			   IOMMU_HWPT_ALLOC_NEST_PARENT | parent_flags, 0, IOMMU_HWPT_DATA_NONE,
			   NULL, 0, &g->parent))
		return -1;
	return iut_hwpt_alloc(t->fd, t->devid[0], g->parent, 0, 0, IOMMU_HWPT_DATA_VTD_S1,
			      &s1, sizeof(s1), &g->nested);
}

int guest_teardown(struct vdrv *t, struct vdrv_guest *g)
{
	int rc = vdrv_detach(t, 0);

	rc |= iut_destroy(t->fd, g->nested);
	rc |= iut_destroy(t->fd, g->parent);
	vdrv_teardown(t);
	guest_ram_free(g);
	return rc ? -1 : 0;
}

static uint64_t *entry(struct vdrv_guest *g, uint64_t table_gpa, unsigned int idx)
{
	return (uint64_t *)(g->ram + table_gpa) + idx;
}

void guest_fs_map(struct vdrv_guest *g, uint64_t giova, uint64_t gpa)
{
	uint64_t table = GUEST_PML4;

	/* PML4 at 0x1000, PDPT 0x2000, PD 0x3000, PT 0x4000. */
	for (unsigned int l = 4; l > 1; l--) {
		unsigned int idx = (giova >> (12 + 9 * (l - 1))) & 511;

		*entry(g, table, idx) = (table + 0x1000) | FS_TABLE_BITS;
		table += 0x1000;
	}
	*entry(g, table, (giova >> 12) & 511) = gpa ? (gpa | FS_TABLE_BITS | VTD_FS_D) : 0;
}

uint64_t *guest_fs_pte(struct vdrv_guest *g)
{
	return entry(g, GUEST_PML4 + 0x3000, (GUEST_GIOVA >> 12) & 511);
}

struct iommu_hwpt_vtd_s1 guest_s1(uint64_t flags, uint32_t addr_width)
{
	return (struct iommu_hwpt_vtd_s1){
		.flags = flags,
		.pgtbl_addr = GUEST_PML4,
		.addr_width = addr_width,
	};
}

int guest_invalidate(int fd, uint32_t hwpt, struct iommu_hwpt_vtd_s1_invalidate *e,
		     uint32_t n, uint32_t *done)
{
	struct iommu_hwpt_invalidate cmd = {
		.size = sizeof(cmd),
		.hwpt_id = hwpt,
		.data_uptr = (uintptr_t)e,
		.data_type = IOMMU_HWPT_INVALIDATE_DATA_VTD_S1,
		.entry_len = sizeof(*e),
		.entry_num = n,
	};
	int rc = iommusim_ioctl(fd, IOMMU_HWPT_INVALIDATE, &cmd);

	if (done)
		*done = cmd.entry_num;
	return rc;
}
