// SPDX-License-Identifier: GPL-2.0-only
/* The VFIO cdev front door: what a VMM does with a device. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "iommufd_util.h"
#include "simtest.h"

#define LEN (8 * 4096)

static int vfio_bind(int devfd, int iommufd, uint32_t *devid)
{
	struct vfio_device_bind_iommufd bind = {
		.argsz = sizeof(bind),
		.iommufd = iommufd,
	};
	int rc = iommusim_ioctl(devfd, VFIO_DEVICE_BIND_IOMMUFD, &bind);

	if (!rc)
		*devid = bind.out_devid;
	return rc;
}

static int vfio_attach(int devfd, uint32_t *pt_id)
{
	struct vfio_device_attach_iommufd_pt attach = {
		.argsz = sizeof(attach),
		.pt_id = *pt_id,
	};
	int rc = iommusim_ioctl(devfd, VFIO_DEVICE_ATTACH_IOMMUFD_PT, &attach);

	if (!rc)
		*pt_id = attach.pt_id;
	return rc;
}

static int vfio_detach(int devfd)
{
	struct vfio_device_detach_iommufd_pt detach = { .argsz = sizeof(detach) };

	return iommusim_ioctl(devfd, VFIO_DEVICE_DETACH_IOMMUFD_PT, &detach);
}

TEST(VfioCdev, BindAttachDmaDetach)
{
	int fd = iut_open(), dev;
	uint32_t ioas, devid, pt;
	unsigned char *ram = iut_buffer(LEN);
	uint64_t iova = MOCK_APERTURE_START;
	char v = 'D';

	ASSERT_GE(fd, 0);
	dev = iommusim_open("/dev/vfio/devices/vfio0", O_RDWR);
	ASSERT_GE(dev, 0);
	ASSERT_OK(vfio_bind(dev, fd, &devid));
	EXPECT_NE(devid, 0);
	ASSERT_OK(iut_ioas_alloc(fd, &ioas));
	ASSERT_OK(iut_ioas_map_fixed(fd, ioas, ram, LEN, iova));
	pt = ioas;
	ASSERT_OK(vfio_attach(dev, &pt));
	/* Attaching to an IOAS returns the automatic HWPT it made. */
	EXPECT_NE(pt, ioas);
	ASSERT_OK(iommusim_mock_dma(fd, pt, iova + 4096 + 3, &v, 1, true));
	EXPECT_EQ(ram[4096 + 3], 'D');
	/* The bound device id is usable for HWPT allocation. */
	EXPECT_OK(iut_hwpt_alloc(fd, devid, ioas, IOMMU_HWPT_ALLOC_NEST_PARENT, 0, 0, NULL, 0,
				 &pt));
	EXPECT_OK(vfio_attach(dev, &pt));       /* a replace */
	EXPECT_OK(vfio_detach(dev));
	EXPECT_ERRNO(vfio_detach(dev), EINVAL);
	iommusim_close(dev);
	iommusim_close(fd);
	iut_buffer_free(ram, LEN);
}

TEST(VfioCdev, BindRules)
{
	int fd = iut_open(), fd2, dev, dev2;
	uint32_t devid, pt = 0;
	struct vfio_device_bind_iommufd bind = { .argsz = sizeof(bind), .flags = 1 };

	ASSERT_GE(fd, 0);
	dev = iommusim_open("/dev/vfio/devices/vfio1", O_RDWR);
	ASSERT_GE(dev, 0);
	bind.iommufd = fd;
	EXPECT_ERRNO(iommusim_ioctl(dev, VFIO_DEVICE_BIND_IOMMUFD, &bind), EINVAL);
	bind.flags = 0;
	bind.argsz = 8;
	EXPECT_ERRNO(iommusim_ioctl(dev, VFIO_DEVICE_BIND_IOMMUFD, &bind), EINVAL);
	/* Not an iommufd: the device's own fd. */
	EXPECT_ERRNO(vfio_bind(dev, dev, &devid), EBADFD);
	EXPECT_ERRNO(vfio_bind(dev, 1000000, &devid), EBADF);
	/* Attach before bind. */
	EXPECT_ERRNO(vfio_attach(dev, &pt), EINVAL);
	ASSERT_OK(vfio_bind(dev, fd, &devid));
	EXPECT_ERRNO(vfio_bind(dev, fd, &devid), EINVAL);
	/* A second open cannot take the device into another context: the DMA
	 * owner differs (iommu_device_claim_dma_owner -> EPERM). */
	fd2 = iut_open();
	dev2 = iommusim_open("/dev/vfio/devices/vfio1", O_RDWR);
	ASSERT_GE(dev2, 0);
	EXPECT_ERRNO(vfio_bind(dev2, fd2, &devid), EPERM);
	iommusim_close(dev2);
	iommusim_close(fd2);
	/* Closing the device file unbinds it. */
	iommusim_close(dev);
	dev = iommusim_open("/dev/vfio/devices/vfio1", O_RDWR);
	EXPECT_OK(vfio_bind(dev, fd, &devid));
	iommusim_close(dev);
	iommusim_close(fd);
}
