// SPDX-License-Identifier: GPL-2.0-only
/*
 * Paging domains: stage 1 behind an IOAS, DMA into the user's buffer,
 * unmap invalidating the TLB, HTTU dirty tracking, GET_HW_INFO.
 */
#include <errno.h>
#include <string.h>

#include "sdrv_vm.h"
#include "simtest.h"

#define IOVA 0x40000000ULL
#define NPAGES 16

TEST(SimsmmuPaging, Stage1DmaAndUnmap)
{
	const struct iommusim_hw_info *hw = sdrv_hw();
	int fd = iut_open(), dev;
	uint8_t *buf = iut_buffer(NPAGES * 4096);
	uint32_t ioas, devid, pt = 0, v = 0xfeedf00d;
	uint64_t iova = IOVA, unmapped = 0;
	struct xlate_res res;

	ASSERT_GE(fd, 0);
	dev = sdrv_dev_open(hw, 5);
	ASSERT_GE(dev, 0);
	ASSERT_OK(sdrv_bind(dev, fd, &devid));
	/* Bound but not attached: the device is blocked (abort, no event) */
	res = sdrv_xlate(hw, 5, IOVA, false);
	EXPECT_EQ(res.status, XLATE_FAULT);
	EXPECT_EQ(res.fault_code, 0);
	ASSERT_OK(iut_ioas_alloc(fd, &ioas));
	ASSERT_OK(iut_ioas_map(fd, ioas, buf, NPAGES * 4096, &iova, IOMMU_IOAS_MAP_FIXED_IOVA));
	ASSERT_OK(sdrv_attach(dev, ioas, &pt));
	EXPECT_NE(pt, ioas);    /* the automatic (stage-1) HWPT */
	for (unsigned int p = 0; p < NPAGES; p++) {
		uint32_t w = v + p;

		ASSERT_OK(sdrv_dma(hw, 5, IOVA + p * 4096 + 8 * p, &w, 4, true));
		EXPECT_MEMEQ(buf + p * 4096 + 8 * p, &w, 4);
	}
	res = sdrv_xlate(hw, 5, IOVA + 4096, true);
	EXPECT_TRUE(res.tlb_hit);
	EXPECT_EQ(res.page_shift, 12);
	/* Unmap: the cached translation goes with it (TLBI_NH_VA + CMD_SYNC) */
	ASSERT_OK(iut_ioas_unmap(fd, ioas, IOVA, NPAGES * 4096, &unmapped));
	EXPECT_EQ(unmapped, NPAGES * 4096);
	res = sdrv_xlate(hw, 5, IOVA + 4096, true);
	EXPECT_EQ(res.status, XLATE_FAULT);
	EXPECT_EQ(res.fault_code, 0x10);        /* F_TRANSLATION */
	iommusim_close(dev);
	iommusim_close(fd);
	iut_buffer_free(buf, NPAGES * 4096);
}

TEST(SimsmmuPaging, ReadOnlyMappingRefusesWrites)
{
	const struct iommusim_hw_info *hw = sdrv_hw();
	int fd = iut_open(), dev;
	uint8_t *buf = iut_buffer(4096);
	uint32_t ioas, devid, v = 1;
	struct iommu_ioas_map map = { .size = sizeof(map),
				      .flags = IOMMU_IOAS_MAP_FIXED_IOVA | IOMMU_IOAS_MAP_READABLE,
				      .user_va = (uintptr_t)buf, .length = 4096, .iova = IOVA };
	struct xlate_res res;

	dev = sdrv_dev_open(hw, 5);
	ASSERT_OK(sdrv_bind(dev, fd, &devid));
	ASSERT_OK(iut_ioas_alloc(fd, &ioas));
	map.ioas_id = ioas;
	ASSERT_OK(iommusim_ioctl(fd, IOMMU_IOAS_MAP, &map));
	ASSERT_OK(sdrv_attach(dev, ioas, NULL));
	buf[0] = 0x42;
	ASSERT_OK(sdrv_dma(hw, 5, IOVA, &v, 1, false));
	EXPECT_EQ(v & 0xff, 0x42);
	res = sdrv_xlate(hw, 5, IOVA, true);
	EXPECT_EQ(res.status, XLATE_FAULT);
	EXPECT_EQ(res.fault_code, 0x13);        /* F_PERMISSION */
	iommusim_close(dev);
	iommusim_close(fd);
	iut_buffer_free(buf, 4096);
}

static int get_dirty(int fd, uint32_t hwpt, uint64_t iova, uint64_t len, uint64_t *bitmap,
		     uint32_t flags)
{
	struct iommu_hwpt_get_dirty_bitmap cmd = {
		.size = sizeof(cmd), .hwpt_id = hwpt, .flags = flags,
		.iova = iova, .length = len, .page_size = 4096, .data = (uintptr_t)bitmap,
	};

	*bitmap = 0;
	return iommusim_ioctl(fd, IOMMU_HWPT_GET_DIRTY_BITMAP, &cmd);
}

static int set_dirty(int fd, uint32_t hwpt, bool on)
{
	struct iommu_hwpt_set_dirty_tracking cmd = {
		.size = sizeof(cmd), .hwpt_id = hwpt,
		.flags = on ? IOMMU_HWPT_DIRTY_TRACKING_ENABLE : 0,
	};

	return iommusim_ioctl(fd, IOMMU_HWPT_SET_DIRTY_TRACKING, &cmd);
}

TEST(SimsmmuPaging, DirtyTrackingWithHttu)
{
	const struct iommusim_hw_info *hw = sdrv_hw();
	int fd = iut_open(), dev;
	uint8_t *buf = iut_buffer(NPAGES * 4096);
	uint32_t ioas, devid, hwpt, other, v = 7;
	uint64_t iova = IOVA;
	/* The bitmap in its own page, as iommufd pins it (not on the stack) */
	uint64_t *bmp = iut_buffer(4096);
#define bm (*bmp)

	dev = sdrv_dev_open(hw, 6);
	ASSERT_OK(sdrv_bind(dev, fd, &devid));
	ASSERT_OK(iut_ioas_alloc(fd, &ioas));
	ASSERT_OK(iut_ioas_map(fd, ioas, buf, NPAGES * 4096, &iova, IOMMU_IOAS_MAP_FIXED_IOVA));
	/* Dirty tracking is for stage-1 tables; a nest parent cannot have it */
	EXPECT_ERRNO(iut_hwpt_alloc(fd, devid, ioas, IOMMU_HWPT_ALLOC_DIRTY_TRACKING |
				    IOMMU_HWPT_ALLOC_NEST_PARENT, 0, 0, NULL, 0, &other),
		     EOPNOTSUPP);
	ASSERT_OK(iut_hwpt_alloc(fd, devid, ioas, IOMMU_HWPT_ALLOC_DIRTY_TRACKING, 0, 0, NULL, 0,
				 &hwpt));
	ASSERT_OK(sdrv_attach(dev, hwpt, NULL));
	ASSERT_OK(set_dirty(fd, hwpt, true));
	ASSERT_OK(get_dirty(fd, hwpt, IOVA, NPAGES * 4096, bmp, 0));
	EXPECT_EQ(bm, 0);
	/* Writes to pages 3 and 9 dirty them; a read of page 5 does not */
	ASSERT_OK(sdrv_dma(hw, 6, IOVA + 3 * 4096, &v, 4, true));
	ASSERT_OK(sdrv_dma(hw, 6, IOVA + 9 * 4096 + 100, &v, 4, true));
	ASSERT_OK(sdrv_dma(hw, 6, IOVA + 5 * 4096, &v, 4, false));
	EXPECT_EQ(*(uint32_t *)(buf + 3 * 4096), 7);
	ASSERT_OK(get_dirty(fd, hwpt, IOVA, NPAGES * 4096, bmp, IOMMU_HWPT_GET_DIRTY_BITMAP_NO_CLEAR));
	EXPECT_EQ(bm, (1ULL << 3) | (1ULL << 9));
	/* NO_CLEAR left them dirty; this read clears them */
	ASSERT_OK(get_dirty(fd, hwpt, IOVA, NPAGES * 4096, bmp, 0));
	EXPECT_EQ(bm, (1ULL << 3) | (1ULL << 9));
	ASSERT_OK(get_dirty(fd, hwpt, IOVA, NPAGES * 4096, bmp, 0));
	EXPECT_EQ(bm, 0);
	/* A write after clearing is seen again: the TLB entry that had the
	 * page writable-dirty was invalidated when the bit was cleared */
	ASSERT_OK(sdrv_dma(hw, 6, IOVA + 3 * 4096 + 4, &v, 4, true));
	ASSERT_OK(get_dirty(fd, hwpt, IOVA, NPAGES * 4096, bmp, 0));
	EXPECT_EQ(bm, 1ULL << 3);
	ASSERT_OK(set_dirty(fd, hwpt, false));
	iommusim_close(dev);
	iommusim_close(fd);
	iut_buffer_free(buf, NPAGES * 4096);
	iut_buffer_free(bmp, 4096);
#undef bm
}

TEST(SimsmmuPaging, HwInfoIsTheIdRegisters)
{
	const struct iommusim_hw_info *hw = sdrv_hw();
	int fd = iut_open(), dev;
	uint32_t devid;
	struct iommu_hw_info_arm_smmuv3 info;
	struct iommu_hw_info cmd = { .size = sizeof(cmd), .data_len = sizeof(info),
				     .data_uptr = (uintptr_t)&info };
	uint32_t small[2] = { 0xaaaaaaaa, 0xbbbbbbbb };

	dev = sdrv_dev_open(hw, 7);
	ASSERT_OK(sdrv_bind(dev, fd, &devid));
	cmd.dev_id = devid;
	memset(&info, 0xff, sizeof(info));
	ASSERT_OK(iommusim_ioctl(fd, IOMMU_GET_HW_INFO, &cmd));
	EXPECT_EQ(cmd.out_data_type, IOMMU_HW_INFO_TYPE_ARM_SMMUV3);
	EXPECT_EQ(cmd.data_len, sizeof(info));
	EXPECT_EQ(info.flags, 0);
	EXPECT_EQ(info.__reserved, 0);
	/* The same values the registers give (read here from the model) */
	for (int i = 0; i < 6; i++)
		EXPECT_EQ(info.idr[i], (uint32_t)hw->model->ops->mmio_read(hw->model, 4 * i, 4, 0));
	EXPECT_EQ(info.iidr, (uint32_t)hw->model->ops->mmio_read(hw->model, 0x18, 4, 0));
	EXPECT_EQ(info.aidr, (uint32_t)hw->model->ops->mmio_read(hw->model, 0x1c, 4, 0));
	EXPECT_TRUE(info.idr[0] & 3);   /* S1P and S2P in the full preset */
	/* HTTU A+D: dirty tracking is offered */
	EXPECT_TRUE(cmd.out_capabilities & IOMMU_HW_CAP_DIRTY_TRACKING);
	/* A short buffer gets the first bytes; data_len says the full size */
	cmd.data_len = 4;
	cmd.data_uptr = (uintptr_t)small;
	ASSERT_OK(iommusim_ioctl(fd, IOMMU_GET_HW_INFO, &cmd));
	EXPECT_EQ(cmd.data_len, sizeof(info));
	EXPECT_EQ(small[0], 0);         /* flags */
	EXPECT_EQ(small[1], 0xbbbbbbbb);
	iommusim_close(dev);
	iommusim_close(fd);
}

TEST(SimsmmuPaging, FeaturesFollowTheIdRegisters)
{
	const struct iommusim_hw_info *hw = sdrv_hw_s1only();
	int fd = iut_open(), dev;
	uint8_t *buf = iut_buffer(4096);
	uint32_t ioas, devid, id, v = 0x600d;
	uint64_t iova = IOVA;
	struct iommu_hw_info_arm_smmuv3 info;
	struct iommu_hw_info cmd = { .size = sizeof(cmd), .data_len = sizeof(info),
				     .data_uptr = (uintptr_t)&info };

	dev = sdrv_dev_open(hw, 0);
	ASSERT_OK(sdrv_bind(dev, fd, &devid));
	cmd.dev_id = devid;
	ASSERT_OK(iommusim_ioctl(fd, IOMMU_GET_HW_INFO, &cmd));
	EXPECT_EQ(info.idr[0] & 3, 2);          /* S1P only */
	EXPECT_EQ((info.idr[0] >> 6) & 3, 0);   /* no HTTU */
	EXPECT_FALSE(cmd.out_capabilities & IOMMU_HW_CAP_DIRTY_TRACKING);
	ASSERT_OK(iut_ioas_alloc(fd, &ioas));
	ASSERT_OK(iut_ioas_map(fd, ioas, buf, 4096, &iova, IOMMU_IOAS_MAP_FIXED_IOVA));
	/* No stage 2: no nest parent. No HTTU: the core refuses dirty tracking */
	EXPECT_ERRNO(iut_hwpt_alloc(fd, devid, ioas, IOMMU_HWPT_ALLOC_NEST_PARENT, 0, 0, NULL, 0,
				    &id), EOPNOTSUPP);
	EXPECT_ERRNO(iut_hwpt_alloc(fd, devid, ioas, IOMMU_HWPT_ALLOC_DIRTY_TRACKING, 0, 0, NULL,
				    0, &id), EOPNOTSUPP);
	/* Stage 1 works as on the full SMMU */
	ASSERT_OK(sdrv_attach(dev, ioas, NULL));
	ASSERT_OK(sdrv_dma(hw, 0, IOVA + 0x30, &v, 4, true));
	EXPECT_MEMEQ(buf + 0x30, &v, 4);
	iommusim_close(dev);
	iommusim_close(fd);
	iut_buffer_free(buf, 4096);
}

TEST(SimsmmuPaging, FaultsReachTheEventQueue)
{
	const struct iommusim_hw_info *hw = sdrv_hw();
	int fd = iut_open(), dev;
	uint8_t *buf = iut_buffer(4096);
	uint32_t ioas, devid;
	uint64_t iova = IOVA;
	struct simsmmu_counters c0, c1;
	struct xlate_res res;

	dev = sdrv_dev_open(hw, 7);
	ASSERT_OK(sdrv_bind(dev, fd, &devid));
	ASSERT_OK(iut_ioas_alloc(fd, &ioas));
	ASSERT_OK(iut_ioas_map(fd, ioas, buf, 4096, &iova, IOMMU_IOAS_MAP_FIXED_IOVA));
	ASSERT_OK(sdrv_attach(dev, ioas, NULL));
	ASSERT_OK(simsmmu_get_counters(hw->name, &c0));
	/* Three unmapped pages: three F_TRANSLATION records, drained by the
	 * driver's event-queue interrupt handler */
	for (int i = 1; i <= 3; i++) {
		res = sdrv_xlate(hw, 7, IOVA + i * 4096, false);
		EXPECT_EQ(res.fault_code, 0x10);
	}
	ASSERT_OK(simsmmu_get_counters(hw->name, &c1));
	EXPECT_EQ(c1.events - c0.events, 3);
	EXPECT_EQ(c1.cmd_errors, 0);
	/* A blocked stream aborts without a record */
	ASSERT_OK(sdrv_detach(dev));
	res = sdrv_xlate(hw, 7, IOVA, false);
	EXPECT_EQ(res.status, XLATE_FAULT);
	ASSERT_OK(simsmmu_get_counters(hw->name, &c0));
	EXPECT_EQ(c0.events, c1.events);
	iommusim_close(dev);
	iommusim_close(fd);
	iut_buffer_free(buf, 4096);
}

/* 4 MiB of user memory on a 2 MiB boundary: the shim gives each 2 MiB of
 * user space one aligned 2 MiB physical chunk, so iommufd maps blocks. */
static uint8_t *huge_buffer(void **raw)
{
	uint8_t *p = iut_buffer(8 << 20);

	*raw = p;
	return p ? (uint8_t *)(((uintptr_t)p + (2 << 20) - 1) & ~(uintptr_t)((2 << 20) - 1)) : NULL;
}

TEST(SimsmmuPaging, TwoMegabyteBlocks)
{
	const struct iommusim_hw_info *hw = sdrv_hw();
	int fd = iut_open(), dev;
	void *raw;
	uint8_t *buf = huge_buffer(&raw);
	uint32_t ioas, devid, hwpt, v = 0xb10cb10c;
	uint64_t iova = IOVA, unmapped;
	uint64_t *bm = iut_buffer(4096);
	struct iommu_hwpt_get_dirty_bitmap get = {
		.size = sizeof(get), .iova = IOVA, .length = 4 << 20, .page_size = 4096,
		.data = (uintptr_t)bm,
	};
	struct iommu_hwpt_set_dirty_tracking set = {
		.size = sizeof(set), .flags = IOMMU_HWPT_DIRTY_TRACKING_ENABLE,
	};
	struct xlate_res res;

	ASSERT_TRUE(buf != NULL);
	dev = sdrv_dev_open(hw, 6);
	ASSERT_OK(sdrv_bind(dev, fd, &devid));
	ASSERT_OK(iut_ioas_alloc(fd, &ioas));
	ASSERT_OK(iut_ioas_map(fd, ioas, buf, 4 << 20, &iova, IOMMU_IOAS_MAP_FIXED_IOVA));
	ASSERT_OK(iut_hwpt_alloc(fd, devid, ioas, IOMMU_HWPT_ALLOC_DIRTY_TRACKING, 0, 0, NULL, 0,
				 &hwpt));
	ASSERT_OK(sdrv_attach(dev, hwpt, NULL));
	/* Both halves are 2 MiB blocks, each reaching its own bytes */
	for (int half = 0; half < 2; half++) {
		uint64_t off = half * (2 << 20) + 0x1234 + 0x3000 * half;

		res = sdrv_xlate(hw, 6, IOVA + off, true);
		ASSERT_EQ(res.status, XLATE_OK);
		EXPECT_EQ(res.page_shift, 21);
		EXPECT_TRUE(pmem_host(iommusim_pmem(), res.pa) == buf + off);
	}
	/* Dirty tracking at block granularity: one write dirties 512 pages */
	set.hwpt_id = hwpt;
	ASSERT_OK(iommusim_ioctl(fd, IOMMU_HWPT_SET_DIRTY_TRACKING, &set));
	get.hwpt_id = hwpt;
	ASSERT_OK(iommusim_ioctl(fd, IOMMU_HWPT_GET_DIRTY_BITMAP, &get));
	ASSERT_OK(sdrv_dma(hw, 6, IOVA + (2 << 20) + 0x5000, &v, 4, true));
	EXPECT_EQ(*(uint32_t *)(buf + (2 << 20) + 0x5000), v);
	memset(bm, 0, 4096);
	ASSERT_OK(iommusim_ioctl(fd, IOMMU_HWPT_GET_DIRTY_BITMAP, &get));
	for (int w = 0; w < 16; w++)
		EXPECT_EQ(bm[w], w < 8 ? 0 : ~0ULL);
	/*
	 * Unmapping one page of a block (iommufd never does; the test hook
	 * calls the iommu core): the block is split, the page faults, its
	 * neighbours still reach their bytes, now as 4 KiB pages.
	 */
	sdrv_xlate(hw, 6, IOVA + 0x7000, false);                /* cache the block */
	res = sdrv_xlate(hw, 6, IOVA + 0x7000, false);
	EXPECT_TRUE(res.tlb_hit);
	EXPECT_EQ(res.page_shift, 21);
	EXPECT_EQ(simsmmu_test_unmap(hw->sid[6], IOVA + 0x7000, 4096), 4096);
	res = sdrv_xlate(hw, 6, IOVA + 0x7000, false);
	EXPECT_EQ(res.status, XLATE_FAULT);
	EXPECT_EQ(res.fault_code, 0x10);
	for (uint64_t off = 0x6000; off <= 0x8000; off += 0x2000) {
		res = sdrv_xlate(hw, 6, IOVA + off + 8, false);
		ASSERT_EQ(res.status, XLATE_OK);
		EXPECT_EQ(res.page_shift, 12);
		EXPECT_TRUE(pmem_host(iommusim_pmem(), res.pa) == buf + off + 8);
	}
	res = sdrv_xlate(hw, 6, IOVA + (2 << 20) + 8, false);  /* the other block */
	EXPECT_EQ(res.page_shift, 21);
	/* Put the page back where iommufd expects it */
	{
		struct xlate_res nb = sdrv_xlate(hw, 6, IOVA + 0x6000, false);

		ASSERT_OK(simsmmu_test_map(hw->sid[6], IOVA + 0x7000, nb.pa + 0x1000, 4096, 1));
		res = sdrv_xlate(hw, 6, IOVA + 0x7010, false);
		EXPECT_TRUE(pmem_host(iommusim_pmem(), res.pa) == buf + 0x7010);
	}
	/* Unmapping the area removes both blocks and their cached entries */
	ASSERT_OK(iut_ioas_unmap(fd, ioas, IOVA, 4 << 20, &unmapped));
	EXPECT_EQ(unmapped, 4 << 20);
	res = sdrv_xlate(hw, 6, IOVA + (2 << 20) + 0x5000, false);
	EXPECT_EQ(res.status, XLATE_FAULT);
	EXPECT_EQ(res.fault_code, 0x10);
	iommusim_close(dev);
	iommusim_close(fd);
	iut_buffer_free(raw, 8 << 20);
	iut_buffer_free(bm, 4096);
}
