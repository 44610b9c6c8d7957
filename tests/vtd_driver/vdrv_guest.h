/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A guest for nested tests: guest RAM (a user buffer mapped in an IOAS
 * at GPA 0), a NEST_PARENT HWPT over it and a nested VTD_S1 HWPT whose
 * first-stage tables (x86 IA-32e format, VT-d spec 9.7) the test writes
 * into guest RAM, as a guest OS would.
 */
#ifndef TESTS_VTD_DRIVER_VDRV_GUEST_H
#define TESTS_VTD_DRIVER_VDRV_GUEST_H

#include "vdrv_util.h"

#define GUEST_RAM       (4ULL << 20)
#define GUEST_TABLES    (1ULL << 20)    /* GPA [0, 1M): FS tables; then data */
#define GUEST_PML4      0x1000ULL
#define GUEST_GIOVA     0x8040201000ULL /* index 1 at every level */
#define GUEST_DATA_A    0x100000ULL
#define GUEST_DATA_B    0x180000ULL

struct vdrv_guest {
	unsigned char *ram;
	uint32_t ioas, parent, nested;
};

/* Guest RAM mapped at GPA 0 in two areas: tables [0, 1M) and data [1M, 4M). */
int guest_ram(struct vdrv *t, struct vdrv_guest *g);
void guest_ram_free(struct vdrv_guest *g);
/*
 * For device 0: the NEST_PARENT HWPT over the guest's IOAS (more alloc
 * flags in parent_flags) and a nested VTD_S1 HWPT on it over the guest's
 * PML4 (48-bit); nothing attached. 0, or -1 with errno.
 */
int guest_hwpts(struct vdrv *t, struct vdrv_guest *g, uint32_t parent_flags);
/*
 * Detach device 0, destroy the nested and parent HWPTs, tear t down and
 * free the guest RAM; 0, or -1 if the detach or a destroy failed.
 */
int guest_teardown(struct vdrv *t, struct vdrv_guest *g);
/* First-stage chain PML4 -> PDPT -> PD -> PT for giova to gpa (present if gpa != 0). */
void guest_fs_map(struct vdrv_guest *g, uint64_t giova, uint64_t gpa);
uint64_t *guest_fs_pte(struct vdrv_guest *g);
/* VTD_S1 data for the guest's PML4. */
struct iommu_hwpt_vtd_s1 guest_s1(uint64_t flags, uint32_t addr_width);
int guest_invalidate(int fd, uint32_t hwpt, struct iommu_hwpt_vtd_s1_invalidate *e,
		     uint32_t n, uint32_t *done);

#endif
