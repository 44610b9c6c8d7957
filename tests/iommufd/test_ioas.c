// SPDX-License-Identifier: GPL-2.0-only
/*
 * IOAS map/unmap/copy, with DMA by a mock device through its domain
 * reaching the user's own buffer, and the locked-memory limit.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "iommufd_util.h"
#include "simtest.h"

#define BUF_SIZE (64 * 1024)

struct dma_env {
	int fd;
	uint32_t ioas_id, stdev_id, hwpt_id, idev_id;
	unsigned char *buf;
};

static int dma_env_setup(struct dma_env *e)
{
	e->fd = iut_open();
	e->buf = iut_buffer(BUF_SIZE);
	if (e->fd < 0 || !e->buf || iut_ioas_alloc(e->fd, &e->ioas_id))
		return -1;
	return iut_mock_domain(e->fd, e->ioas_id, 0, &e->stdev_id, &e->hwpt_id, &e->idev_id);
}

static void dma_env_teardown(struct dma_env *e)
{
	iommusim_close(e->fd);
	iut_buffer_free(e->buf, BUF_SIZE);
}

TEST(Ioas, DmaWriteLandsInUserBuffer)
{
	struct dma_env e;
	uint64_t iova = MOCK_APERTURE_START;
	const char msg[] = "written by the device";
	char back[sizeof(msg)];

	ASSERT_OK(dma_env_setup(&e));
	ASSERT_OK(iut_ioas_map_fixed(e.fd, e.ioas_id, e.buf, BUF_SIZE, iova));
	/* Across a page boundary, 3 pages in. */
	ASSERT_OK(iommusim_mock_dma(e.fd, e.hwpt_id, iova + 3 * 4096 - 5, (void *)msg,
				    sizeof(msg), true));
	EXPECT_MEMEQ(e.buf + 3 * 4096 - 5, msg, sizeof(msg));
	/* And the CPU's writes are what a DMA read sees. */
	memcpy(e.buf + 100, "cpu", 4);
	ASSERT_OK(iommusim_mock_dma(e.fd, e.hwpt_id, iova + 100, back, 4, false));
	EXPECT_STREQ(back, "cpu");
	dma_env_teardown(&e);
}

TEST(Ioas, UnmappedIovaFaults)
{
	struct dma_env e;
	uint64_t iova = MOCK_APERTURE_START, unmapped;
	char byte = 1;

	ASSERT_OK(dma_env_setup(&e));
	ASSERT_OK(iut_ioas_map_fixed(e.fd, e.ioas_id, e.buf, BUF_SIZE, iova));
	ASSERT_OK(iommusim_mock_dma(e.fd, e.hwpt_id, iova, &byte, 1, true));
	ASSERT_OK(iut_ioas_unmap(e.fd, e.ioas_id, iova, BUF_SIZE, &unmapped));
	EXPECT_EQ(unmapped, BUF_SIZE);
	EXPECT_ERRNO(iommusim_mock_dma(e.fd, e.hwpt_id, iova, &byte, 1, true), EFAULT);
	/* Below the aperture there never was a mapping. */
	EXPECT_ERRNO(iommusim_mock_dma(e.fd, e.hwpt_id, 0x1000, &byte, 1, false), EFAULT);
	dma_env_teardown(&e);
}

TEST(Ioas, AutoIovaAndPartialUnmap)
{
	struct dma_env e;
	uint64_t iova = 0, unmapped = 0;

	ASSERT_OK(dma_env_setup(&e));
	ASSERT_OK(iut_ioas_map(e.fd, e.ioas_id, e.buf, BUF_SIZE, &iova, 0));
	EXPECT_GE(iova, (uint64_t)MOCK_APERTURE_START);
	EXPECT_EQ(iova % 4096, 0);
	/* Unmapping part of a mapping that was made as one is refused. */
	EXPECT_ERRNO(iut_ioas_unmap(e.fd, e.ioas_id, iova, 4096, &unmapped), ENOENT);
	ASSERT_OK(iut_ioas_unmap(e.fd, e.ioas_id, iova, BUF_SIZE, &unmapped));
	EXPECT_EQ(unmapped, BUF_SIZE);
	dma_env_teardown(&e);
}

TEST(Ioas, CopyBetweenIoasesSharesPages)
{
	struct dma_env e;
	uint32_t ioas2, stdev2, hwpt2;
	uint64_t src = MOCK_APERTURE_START, dst = MOCK_APERTURE_START + 0x100000;
	struct iommu_ioas_copy copy;
	char c = 'X';

	ASSERT_OK(dma_env_setup(&e));
	ASSERT_OK(iut_ioas_alloc(e.fd, &ioas2));
	ASSERT_OK(iut_mock_domain(e.fd, ioas2, 0, &stdev2, &hwpt2, NULL));
	ASSERT_OK(iut_ioas_map_fixed(e.fd, e.ioas_id, e.buf, BUF_SIZE, src));
	memset(&copy, 0, sizeof(copy));
	copy.size = sizeof(copy);
	copy.flags = IOMMU_IOAS_MAP_FIXED_IOVA | IOMMU_IOAS_MAP_WRITEABLE | IOMMU_IOAS_MAP_READABLE;
	copy.dst_ioas_id = ioas2;
	copy.src_ioas_id = e.ioas_id;
	copy.length = BUF_SIZE;
	copy.dst_iova = dst;
	copy.src_iova = src;
	ASSERT_OK(iommusim_ioctl(e.fd, IOMMU_IOAS_COPY, &copy));
	/* The second device's DMA reaches the same user page. */
	ASSERT_OK(iommusim_mock_dma(e.fd, hwpt2, dst + 4096 * 2 + 7, &c, 1, true));
	EXPECT_EQ(e.buf[4096 * 2 + 7], 'X');
	dma_env_teardown(&e);
}

TEST(Ioas, MappingPinsPagesAndUnmapReleases)
{
	struct dma_env e;
	uint64_t iova = MOCK_APERTURE_START;
	struct iommu_test_cmd check = {
		.size = sizeof(check),
		.op = IOMMU_TEST_OP_MD_CHECK_REFS,
	};

	ASSERT_OK(dma_env_setup(&e));
	check.check_refs.length = BUF_SIZE;
	check.check_refs.uptr = (uintptr_t)e.buf;
	check.check_refs.refs = 0;
	EXPECT_OK(iommusim_ioctl(e.fd, IOMMU_TEST_CMD, &check));
	ASSERT_OK(iut_ioas_map_fixed(e.fd, e.ioas_id, e.buf, BUF_SIZE, iova));
	/* One pin per page while mapped into a domain. */
	check.check_refs.refs = 1;
	EXPECT_OK(iommusim_ioctl(e.fd, IOMMU_TEST_CMD, &check));
	check.check_refs.refs = 0;
	EXPECT_ERRNO(iommusim_ioctl(e.fd, IOMMU_TEST_CMD, &check), EIO);
	ASSERT_OK(iut_ioas_unmap(e.fd, e.ioas_id, iova, BUF_SIZE, NULL));
	EXPECT_OK(iommusim_ioctl(e.fd, IOMMU_TEST_CMD, &check));
	dma_env_teardown(&e);
}

TEST(Ioas, LockedMemoryLimitIsEnforced)
{
	struct dma_env e;
	struct rlimit old, small = { 16 * 4096, 16 * 4096 };
	uint64_t iova = MOCK_APERTURE_START;

	ASSERT_OK(dma_env_setup(&e));
	ASSERT_OK(getrlimit(RLIMIT_MEMLOCK, &old));
	ASSERT_OK(setrlimit(RLIMIT_MEMLOCK, &small));
	iommusim_set_privileged(false);
	/* 16 pages may be locked, the buffer has 16: fits; twice: does not. */
	EXPECT_OK(iut_ioas_map_fixed(e.fd, e.ioas_id, e.buf, BUF_SIZE, iova));
	EXPECT_ERRNO(iut_ioas_map_fixed(e.fd, e.ioas_id, e.buf, BUF_SIZE, iova + BUF_SIZE),
		     ENOMEM);
	EXPECT_OK(iut_ioas_unmap(e.fd, e.ioas_id, iova, BUF_SIZE, NULL));
	EXPECT_OK(iut_ioas_map_fixed(e.fd, e.ioas_id, e.buf, BUF_SIZE, iova + BUF_SIZE));
	iommusim_set_privileged(true);
	setrlimit(RLIMIT_MEMLOCK, &old);
	dma_env_teardown(&e);
}

TEST(Ioas, ReservedRegionsAreNotMappable)
{
	struct dma_env e;
	struct iommu_test_cmd rsv = {
		.size = sizeof(rsv),
		.op = IOMMU_TEST_OP_ADD_RESERVED,
	};
	struct {
		struct iommu_ioas_iova_ranges cmd;
		struct iommu_iova_range range[4];
	} ranges;
	uint64_t hole = MOCK_APERTURE_START + 0x100000;

	ASSERT_OK(dma_env_setup(&e));
	rsv.id = e.ioas_id;
	rsv.add_reserved.start = hole;
	rsv.add_reserved.length = 0x10000;
	ASSERT_OK(iommusim_ioctl(e.fd, IOMMU_TEST_CMD, &rsv));
	/* io_pagetable.c iopt_check_iova(): reserved -> EINVAL, mapped -> EEXIST */
	EXPECT_ERRNO(iut_ioas_map_fixed(e.fd, e.ioas_id, e.buf, BUF_SIZE, hole), EINVAL);
	EXPECT_ERRNO(iut_ioas_map_fixed(e.fd, e.ioas_id, e.buf, BUF_SIZE, hole - 0x1000),
		     EINVAL);
	EXPECT_OK(iut_ioas_map_fixed(e.fd, e.ioas_id, e.buf, BUF_SIZE, hole + 0x10000));
	EXPECT_ERRNO(iut_ioas_map_fixed(e.fd, e.ioas_id, e.buf, BUF_SIZE, hole + 0x11000),
		     EEXIST);
	/* Reserving over a mapping is refused too. */
	rsv.add_reserved.start = hole + 0x10000;
	rsv.add_reserved.length = 0x1000;
	EXPECT_ERRNO(iommusim_ioctl(e.fd, IOMMU_TEST_CMD, &rsv), EADDRINUSE);

	/* The usable ranges: the mock aperture, less the hole. */
	memset(&ranges, 0, sizeof(ranges));
	ranges.cmd.size = sizeof(ranges.cmd);
	ranges.cmd.ioas_id = e.ioas_id;
	ranges.cmd.num_iovas = 4;
	ranges.cmd.allowed_iovas = (uintptr_t)ranges.range;
	ASSERT_OK(iommusim_ioctl(e.fd, IOMMU_IOAS_IOVA_RANGES, &ranges.cmd));
	ASSERT_EQ(ranges.cmd.num_iovas, 2);
	EXPECT_EQ(ranges.range[0].start, (uint64_t)MOCK_APERTURE_START);
	EXPECT_EQ(ranges.range[0].last, hole - 1);
	EXPECT_EQ(ranges.range[1].start, hole + 0x10000);
	/* (the mapping at hole + 0x10000 does not cut the usable ranges) */
	EXPECT_EQ(ranges.range[1].last, (uint64_t)MOCK_APERTURE_LAST);
	dma_env_teardown(&e);
}

/*
 * The dirty bitmap may live anywhere in user memory, the caller's stack
 * included: GUP must pin it without disturbing the live stack around it.
 */
TEST(Ioas, DirtyBitmapOnTheStack)
{
	struct dma_env e;
	uint64_t iova = MOCK_APERTURE_START;
	uint32_t hwpt;
	/* The mock domain marks in its own 2 KiB pages: 4 KiB pages 0 and 2. */
	uint64_t mark[1] = { 0x11 };
	uint64_t bitmap[1] = { 0 };
	struct iommu_test_cmd dirty = {
		.size = sizeof(dirty),
		.op = IOMMU_TEST_OP_DIRTY,
	};
	struct iommu_hwpt_set_dirty_tracking track = { .size = sizeof(track) };
	struct iommu_hwpt_get_dirty_bitmap get = { .size = sizeof(get) };

	ASSERT_OK(dma_env_setup(&e));
	ASSERT_OK(iut_hwpt_alloc(e.fd, e.idev_id, e.ioas_id, IOMMU_HWPT_ALLOC_DIRTY_TRACKING,
				 0, 0, NULL, 0, &hwpt));
	ASSERT_OK(iut_mock_attach(e.fd, e.stdev_id, hwpt));
	ASSERT_OK(iut_ioas_map_fixed(e.fd, e.ioas_id, e.buf, BUF_SIZE, iova));
	track.hwpt_id = hwpt;
	track.flags = IOMMU_HWPT_DIRTY_TRACKING_ENABLE;
	ASSERT_OK(iommusim_ioctl(e.fd, IOMMU_HWPT_SET_DIRTY_TRACKING, &track));

	dirty.id = hwpt;
	dirty.dirty.iova = iova;
	dirty.dirty.length = BUF_SIZE;
	dirty.dirty.page_size = 2048;   /* MOCK_IO_PAGE_SIZE */
	dirty.dirty.uptr = (uintptr_t)mark;
	ASSERT_OK(iommusim_ioctl(e.fd, IOMMU_TEST_CMD, &dirty));
	EXPECT_EQ(dirty.dirty.out_nr_dirty, 2);

	get.hwpt_id = hwpt;
	get.iova = iova;
	get.length = BUF_SIZE;
	get.page_size = 4096;
	get.data = (uintptr_t)bitmap;
	ASSERT_OK(iommusim_ioctl(e.fd, IOMMU_HWPT_GET_DIRTY_BITMAP, &get));
	EXPECT_EQ(bitmap[0], 0x5);
	dma_env_teardown(&e);
}

/* GUP refuses to pin read-only user memory for a writeable mapping. */
TEST(Ioas, ReadOnlyMemoryPinsOnlyReadOnly)
{
	struct dma_env e;
	uint64_t iova = MOCK_APERTURE_START;
	void *ro = mmap(NULL, BUF_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct iommu_ioas_map m = {
		.size = sizeof(m),
		.flags = IOMMU_IOAS_MAP_FIXED_IOVA | IOMMU_IOAS_MAP_READABLE,
		.user_va = (uintptr_t)ro,
		.length = BUF_SIZE,
		.iova = iova,
	};

	ASSERT_TRUE(ro != MAP_FAILED);
	ASSERT_OK(dma_env_setup(&e));
	m.ioas_id = e.ioas_id;
	EXPECT_ERRNO(iut_ioas_map_fixed(e.fd, e.ioas_id, ro, BUF_SIZE, iova), EFAULT);
	EXPECT_OK(iommusim_ioctl(e.fd, IOMMU_IOAS_MAP, &m));
	/* An unmapped user range cannot be pinned at all. */
	EXPECT_ERRNO(iut_ioas_map_fixed(e.fd, e.ioas_id, (char *)ro + (1ul << 40), 4096,
					iova + BUF_SIZE), EFAULT);
	dma_env_teardown(&e);
	munmap(ro, BUF_SIZE);
}
