// SPDX-License-Identifier: GPL-2.0-only
/*
 * Attach, replace and detach through the VFIO cdev, as the hardware sees
 * them: each attach rewrites the RID_PASID entry (old one torn down and
 * flushed first), a detach leaves the device blocked, and one HWPT can
 * serve devices behind two different VT-d units.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "simtest.h"
#include "vdrv_guest.h"

TEST(VtdDriverAttach, ReplaceNestedByPagingThenDetach)
{
	struct vdrv t;
	struct vdrv_guest g;
	uint32_t v = 0x0f0f1234, pt;
	uint64_t pe[8];
	struct vdrv_dma d = { 0 };

	VDRV_SETUP(&t, NULL, 1, 0);
	ASSERT_OK(guest_ram(&t, &g));
	guest_fs_map(&g, GUEST_GIOVA, GUEST_DATA_A);
	ASSERT_OK(guest_hwpts(&t, &g, 0));
	pt = g.nested;
	ASSERT_OK(vdrv_attach(&t, 0, &pt));
	ASSERT_OK(vdrv_dma(&t, 0, GUEST_GIOVA, &v, 4, true, NULL));
	EXPECT_EQ(*(uint32_t *)(g.ram + GUEST_DATA_A), v);

	/* Replace with the parent alone: GPA = IOVA now, no first stage. */
	pt = g.parent;
	ASSERT_OK(vdrv_attach(&t, 0, &pt));
	ASSERT_OK(vdrv_pasid_entry(&t, 0, pe));
	EXPECT_EQ((pe[0] & VTD_PTE0_PGTT_MASK) >> VTD_PTE0_PGTT_SHIFT, (uint64_t)VTD_PGTT_SS);
	EXPECT_EQ(pe[2], 0u);
	/* The nested translation of GUEST_GIOVA is gone from the IOTLB. */
	EXPECT_EQ(vdrv_dma(&t, 0, GUEST_GIOVA, &v, 4, true, &d), (int)XLATE_FAULT);
	v = 0x44332211;
	ASSERT_OK(vdrv_dma(&t, 0, GUEST_DATA_B + 0x20, &v, 4, true, NULL));
	EXPECT_EQ(*(uint32_t *)(g.ram + GUEST_DATA_B + 0x20), v);

	/* Detached: the device is blocked (PASID entry not present). */
	ASSERT_OK(vdrv_detach(&t, 0));
	ASSERT_OK(vdrv_pasid_entry(&t, 0, pe));
	EXPECT_FALSE(pe[0] & VTD_PTE0_P);
	EXPECT_EQ(vdrv_dma(&t, 0, GUEST_DATA_B + 0x20, &v, 4, false, &d), (int)XLATE_FAULT);
	EXPECT_EQ(d.res.fault_code, (uint32_t)VTD_FR_SM_PTE_NP);
	iommusim_service_irqs();

	iut_destroy(t.fd, g.nested);
	iut_destroy(t.fd, g.parent);
	vdrv_teardown(&t);
	guest_ram_free(&g);
}

TEST(VtdDriverAttach, OneHwptOnTwoUnits)
{
	struct vdrv a, b;
	const uint64_t iova = 0x800000, len = 8 * 4096;
	unsigned char *buf = iut_buffer(len);
	uint32_t ioas, hwpt, pt, v1 = 0xaaaa0001, v2 = 0xbbbb0002, devid_b;
	struct vfio_device_bind_iommufd bind = { .argsz = sizeof(bind) };
	struct vdrv_dma d = { 0 };
	char path[64];

	ASSERT_TRUE(buf != NULL);
	ASSERT_OK(vdrv_setup_two(&a, &b, 1));
	/* Unit b's device joins unit a's iommufd, as one VMM owning both. */
	iommusim_close(b.devfd[0]);
	snprintf(path, sizeof(path), "/dev/vfio/devices/vfio%u", b.info.vfio_first);
	b.devfd[0] = iommusim_open(path, O_RDWR);
	ASSERT_GE(b.devfd[0], 0);
	bind.iommufd = a.fd;
	ASSERT_OK(iommusim_ioctl(b.devfd[0], VFIO_DEVICE_BIND_IOMMUFD, &bind));
	devid_b = bind.out_devid;
	EXPECT_NE(devid_b, a.devid[0]);

	ASSERT_OK(iut_ioas_alloc(a.fd, &ioas));
	ASSERT_OK(iut_ioas_map_fixed(a.fd, ioas, buf, len, iova));
	ASSERT_OK(iut_hwpt_alloc(a.fd, a.devid[0], ioas, 0, 0, IOMMU_HWPT_DATA_NONE, NULL, 0,
				 &hwpt));
	pt = hwpt;
	ASSERT_OK(vdrv_attach(&a, 0, &pt));
	pt = hwpt;
	ASSERT_OK(vdrv_attach(&b, 0, &pt));
	EXPECT_EQ(pt, hwpt);
	ASSERT_OK(vdrv_dma(&a, 0, iova + 4096, &v1, 4, true, NULL));
	ASSERT_OK(vdrv_dma(&b, 0, iova + 2 * 4096, &v2, 4, true, NULL));
	EXPECT_EQ(*(uint32_t *)(buf + 4096), v1);
	EXPECT_EQ(*(uint32_t *)(buf + 2 * 4096), v2);
	/* An unmap must reach both units' IOTLBs. */
	ASSERT_OK(iut_ioas_unmap(a.fd, ioas, iova, len, NULL));
	EXPECT_EQ(vdrv_dma(&a, 0, iova + 4096, &v1, 4, true, &d), (int)XLATE_FAULT);
	EXPECT_EQ(vdrv_dma(&b, 0, iova + 2 * 4096, &v2, 4, true, &d), (int)XLATE_FAULT);
	iommusim_service_irqs();

	vdrv_detach(&a, 0);
	vdrv_detach(&b, 0);
	iut_destroy(a.fd, hwpt);
	vdrv_teardown(&b);
	vdrv_teardown(&a);
	iut_buffer_free(buf, len);
}

/*
 * Requester ids across both halves of a root entry (devfn < 128 uses the
 * lower context table, >= 128 the upper) and across a bus boundary: each
 * device's DMA goes through its own context entry to the shared HWPT.
 */
TEST(VtdDriverAttach, RequesterIdsAcrossRootEntryHalvesAndBuses)
{
	struct vdrv t;
	const uint64_t iova = 0x200000, len = 4 * 4096;
	unsigned char *buf = iut_buffer(len);
	uint32_t ioas, hwpt, pt;

	ASSERT_TRUE(buf != NULL);
	ASSERT_OK(vdrv_setup_at(&t, NULL, 4, 0, 0x9fe));       /* 09:1f.6 .. 0a:00.1 */
	EXPECT_EQ(t.info.sid[0], 0x9feu);
	EXPECT_EQ(t.info.sid[3], 0xa01u);
	ASSERT_OK(iut_ioas_alloc(t.fd, &ioas));
	ASSERT_OK(iut_ioas_map_fixed(t.fd, ioas, buf, len, iova));
	ASSERT_OK(iut_hwpt_alloc(t.fd, t.devid[0], ioas, 0, 0, IOMMU_HWPT_DATA_NONE, NULL, 0,
				 &hwpt));
	for (unsigned int i = 0; i < 4; i++) {
		uint32_t v = 0xd0d0d000 + i;

		pt = hwpt;
		ASSERT_OK(vdrv_attach(&t, i, &pt));
		ASSERT_OK(vdrv_dma(&t, i, iova + i * 4096 + 4 * i, &v, 4, true, NULL));
		EXPECT_EQ(*(uint32_t *)(buf + i * 4096 + 4 * i), v);
	}
	/* Device 2 leaves: only its requests fault, through its own entry. */
	ASSERT_OK(vdrv_detach(&t, 2));
	{
		struct vdrv_dma d = { 0 };
		uint32_t v = 1;

		EXPECT_EQ(vdrv_dma(&t, 2, iova, &v, 4, true, &d), (int)XLATE_FAULT);
		EXPECT_OK(vdrv_dma(&t, 1, iova, &v, 4, true, NULL));
		EXPECT_OK(vdrv_dma(&t, 3, iova, &v, 4, true, NULL));
		iommusim_service_irqs();
	}
	for (unsigned int i = 0; i < 4; i++)
		if (i != 2)
			vdrv_detach(&t, i);
	iut_destroy(t.fd, hwpt);
	vdrv_teardown(&t);
	iut_buffer_free(buf, len);
}
