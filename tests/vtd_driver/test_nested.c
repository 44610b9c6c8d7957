// SPDX-License-Identifier: GPL-2.0-only
/*
 * The full nested path as a VMM drives it: guest RAM in an IOAS, a
 * NEST_PARENT HWPT, a nested VTD_S1 HWPT over guest-written first-stage
 * tables, a device attached through its VFIO cdev, and device DMA that
 * lands in the right bytes of the user's buffer. Then the IOTLB rules:
 * a stage-1 change without invalidation keeps the old translation until
 * IOMMU_HWPT_INVALIDATE; an IOAS unmap (stage 2) takes effect at once.
 */
#include <stdio.h>
#include <string.h>

#include "simtest.h"
#include "iommusim_kernel.h"
#include "vdrv_guest.h"

static int nested_setup(struct vdrv *t, struct vdrv_guest *g)
{
	if (guest_ram(t, g))
		return -1;
	guest_fs_map(g, GUEST_GIOVA, GUEST_DATA_A);
	if (guest_hwpts(t, g, 0))
		return -1;
	return vdrv_attach(t, 0, &(uint32_t){ g->nested });
}

TEST(VtdDriverNested, DmaLandsInGuestRam)
{
	struct vdrv t;
	struct vdrv_guest g;
	unsigned char data[96], back[96];
	uint64_t pe[8];
	struct vdrv_dma d = { 0 };

	VDRV_SETUP(&t, NULL, 1, 0);
	ASSERT_OK(nested_setup(&t, &g));

	ASSERT_OK(vdrv_pasid_entry(&t, 0, pe));
	EXPECT_EQ((pe[0] & VTD_PTE0_PGTT_MASK) >> VTD_PTE0_PGTT_SHIFT, (uint64_t)VTD_PGTT_NESTED);
	EXPECT_EQ(pe[2] & VTD_PTE2_FSPTPTR_MASK, GUEST_PML4);
	EXPECT_EQ((pe[2] & VTD_PTE2_FLPM_MASK) >> VTD_PTE2_FLPM_SHIFT, 0u);

	for (unsigned int i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 7 + 1);
	ASSERT_OK(vdrv_dma(&t, 0, GUEST_GIOVA + 0x340, data, sizeof(data), true, &d));
	EXPECT_FALSE(d.res.tlb_hit);
	/* A nested walk: at least the four first-stage tables were read. */
	EXPECT_GE(d.res.walk_refs, 4);
	EXPECT_MEMEQ(g.ram + GUEST_DATA_A + 0x340, data, sizeof(data));
	/* Nothing else of the user's buffer was touched around it. */
	EXPECT_EQ(g.ram[GUEST_DATA_A + 0x33f], 0);
	EXPECT_EQ(g.ram[GUEST_DATA_A + 0x340 + sizeof(data)], 0);
	/* A read back through the same path, now from the IOTLB. */
	ASSERT_OK(vdrv_dma(&t, 0, GUEST_GIOVA + 0x340, back, sizeof(back), false, &d));
	EXPECT_TRUE(d.res.tlb_hit);
	EXPECT_MEMEQ(back, data, sizeof(data));

	EXPECT_OK(guest_teardown(&t, &g));
}

TEST(VtdDriverNested, StaleStage1UntilInvalidate)
{
	struct vdrv t;
	struct vdrv_guest g;
	uint32_t v1 = 0x11111111, v2 = 0x22222222, v3 = 0x33333333, done = 99;
	struct iommu_hwpt_vtd_s1_invalidate inv = { .addr = GUEST_GIOVA, .npages = 1 };

	VDRV_SETUP(&t, NULL, 1, 0);
	ASSERT_OK(nested_setup(&t, &g));
	ASSERT_OK(vdrv_dma(&t, 0, GUEST_GIOVA, &v1, 4, true, NULL));
	EXPECT_EQ(*(uint32_t *)(g.ram + GUEST_DATA_A), v1);

	/* The guest remaps the page without telling the IOMMU. */
	guest_fs_map(&g, GUEST_GIOVA, GUEST_DATA_B);
	ASSERT_OK(vdrv_dma(&t, 0, GUEST_GIOVA, &v2, 4, true, NULL));
	EXPECT_EQ(*(uint32_t *)(g.ram + GUEST_DATA_A), v2);     /* stale translation */
	EXPECT_EQ(*(uint32_t *)(g.ram + GUEST_DATA_B), 0u);

	ASSERT_OK(guest_invalidate(t.fd, g.nested, &inv, 1, &done));
	EXPECT_EQ(done, 1u);
	ASSERT_OK(vdrv_dma(&t, 0, GUEST_GIOVA, &v3, 4, true, NULL));
	EXPECT_EQ(*(uint32_t *)(g.ram + GUEST_DATA_B), v3);     /* new translation */
	EXPECT_EQ(*(uint32_t *)(g.ram + GUEST_DATA_A), v2);

	/* Back to A, flushed with the "all" form this time. */
	guest_fs_map(&g, GUEST_GIOVA, GUEST_DATA_A);
	inv = (struct iommu_hwpt_vtd_s1_invalidate){ .addr = 0, .npages = UINT64_MAX };
	ASSERT_OK(guest_invalidate(t.fd, g.nested, &inv, 1, &done));
	EXPECT_EQ(done, 1u);
	ASSERT_OK(vdrv_dma(&t, 0, GUEST_GIOVA + 8, &v1, 4, true, NULL));
	EXPECT_EQ(*(uint32_t *)(g.ram + GUEST_DATA_A + 8), v1);

	EXPECT_OK(guest_teardown(&t, &g));
}

TEST(VtdDriverNested, Stage2UnmapTakesEffect)
{
	struct vdrv t;
	struct vdrv_guest g;
	uint32_t v = 0xabcdef01;
	struct vdrv_dma d = { 0 };
	uint64_t lo, hi;

	VDRV_SETUP(&t, NULL, 1, 0);
	ASSERT_OK(nested_setup(&t, &g));
	ASSERT_OK(vdrv_dma(&t, 0, GUEST_GIOVA + 4, &v, 4, true, NULL));
	EXPECT_EQ(*(uint32_t *)(g.ram + GUEST_DATA_A + 4), v);

	/* The VMM takes the data area away: stage 2 changes under the nest. */
	ASSERT_OK(iut_ioas_unmap(t.fd, g.ioas, GUEST_TABLES, GUEST_RAM - GUEST_TABLES, NULL));
	EXPECT_EQ(vdrv_dma(&t, 0, GUEST_GIOVA + 4, &v, 4, true, &d), (int)XLATE_FAULT);
	EXPECT_EQ(d.res.fault_code, (uint32_t)VTD_FR_SM_SS_NP);
	vdrv_frcd(&t, 0, &lo, &hi);
	EXPECT_TRUE(hi & VTD_FRCD_F);
	EXPECT_EQ(hi & VTD_FRCD_SID_MASK, (uint64_t)t.info.sid[0]);
	iommusim_service_irqs();
	vdrv_frcd(&t, 0, &lo, &hi);
	EXPECT_FALSE(hi & VTD_FRCD_F);

	/* Mapped again (new pages pinned), the guest's mapping works again. */
	ASSERT_OK(iut_ioas_map_fixed(t.fd, g.ioas, g.ram + GUEST_TABLES,
				     GUEST_RAM - GUEST_TABLES, GUEST_TABLES));
	v = 0x5555aaaa;
	ASSERT_OK(vdrv_dma(&t, 0, GUEST_GIOVA + 4, &v, 4, true, NULL));
	EXPECT_EQ(*(uint32_t *)(g.ram + GUEST_DATA_A + 4), v);

	EXPECT_OK(guest_teardown(&t, &g));
}

/*
 * A guest that writes garbage into its stage-1 table gets the
 * architectural fault (a reserved bit in a first-stage entry: the
 * first-stage reserved-field fault, VT-d 7.1.3), recorded, and reported
 * by the driver's fault handler: under Linux's driver, dmar_fault()
 * prints the reason code to the kernel log.
 */
TEST(VtdDriverNested, GuestStage1GarbageIsAnArchitecturalFault)
{
	struct vdrv t;
	struct vdrv_guest g;
	struct vdrv_dma d = { 0 };
	uint32_t v = 0x600dbad;
	unsigned long long before;
	char want[64];
	bool seen = false;
	uint64_t lo, hi;

	VDRV_SETUP(&t, NULL, 1, 0);
	ASSERT_OK(nested_setup(&t, &g));
	/* PS in a PML4 entry is reserved (VT-d 9.9, first-stage paging entries). */
	*(uint64_t *)(g.ram + GUEST_PML4 + 8 * ((GUEST_GIOVA >> 39) & 511)) |= 1ULL << 7;
	EXPECT_EQ(vdrv_dma(&t, 0, GUEST_GIOVA, &v, 4, true, &d), (int)XLATE_FAULT);
	EXPECT_EQ(d.res.fault_code, (uint32_t)VTD_FR_SM_FS_RSVD);
	vdrv_frcd(&t, 0, &lo, &hi);
	EXPECT_TRUE(hi & VTD_FRCD_F);
	EXPECT_EQ((hi & VTD_FRCD_FR_MASK) >> VTD_FRCD_FR_SHIFT, (uint64_t)VTD_FR_SM_FS_RSVD);
	before = iommusim_kernel_log_count();
	iommusim_service_irqs();
	snprintf(want, sizeof(want), "[fault reason 0x%02x]", VTD_FR_SM_FS_RSVD);
	for (unsigned long long i = before; i < iommusim_kernel_log_count(); i++) {
		const char *line = iommusim_kernel_log_line(i);

		seen |= line && strstr(line, want) != NULL;
	}
	if (vdrv_linux_driver())
		EXPECT_TRUE(seen);
	EXPECT_EQ(*(uint32_t *)(g.ram + GUEST_DATA_A), 0u);     /* nothing written */
	EXPECT_OK(guest_teardown(&t, &g));
}
