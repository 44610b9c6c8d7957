// SPDX-License-Identifier: GPL-2.0-only
/* The kernel side boots and /dev/iommu behaves like a character device. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include "iommufd_util.h"
#include "kernel_version.h"
#include "simtest.h"

TEST(Boot, OpenIommuGivesARealFd)
{
	int fd = iut_open();

	ASSERT_GE(fd, 0);
	/* A real fd number: the host knows it, and it is not stdin/out/err. */
	EXPECT_GT(fd, 2);
	EXPECT_OK(fcntl(fd, F_GETFD) >= 0 ? 0 : -1);
	EXPECT_TRUE(iommusim_owns_fd(fd));
	EXPECT_OK(iommusim_close(fd));
	EXPECT_FALSE(iommusim_owns_fd(fd));
	EXPECT_ERRNO(iommusim_close(fd), EBADF);
}

TEST(Boot, UnknownPathIsENOENT)
{
	iut_boot();
	EXPECT_ERRNO(iommusim_open("/dev/not-an-iommu", O_RDWR), ENOENT);
	EXPECT_ERRNO(iommusim_open("/dev/vfio/devices/vfio63", O_RDWR), ENODEV);
}

TEST(Boot, UnknownIoctlIsENOTTY)
{
	int fd = iut_open();

	ASSERT_GE(fd, 0);
	/* iommufd returns -ENOIOCTLCMD; vfs_ioctl turns it into ENOTTY. */
	EXPECT_ERRNO(iommusim_ioctl(fd, _IO(IOMMUFD_TYPE, 0x7f), NULL), ENOTTY);
	EXPECT_ERRNO(iommusim_ioctl(fd, _IO('x', 1), NULL), ENOTTY);
	iommusim_close(fd);
}

TEST(Boot, BadUserPointerIsEFAULT)
{
	int fd = iut_open();

	ASSERT_GE(fd, 0);
	EXPECT_ERRNO(iommusim_ioctl(fd, IOMMU_IOAS_ALLOC, (void *)16), EFAULT);
	EXPECT_ERRNO(iommusim_ioctl(fd, IOMMU_IOAS_ALLOC, (void *)-4096L), EFAULT);
	iommusim_close(fd);
}

TEST(Boot, KernelVersionIsRecorded)
{
	int sub = IOMMUSIM_KERNEL_SUBLEVEL;

	EXPECT_EQ(strncmp(IOMMUSIM_KERNEL_VERSION, "6.12.", 5), 0);
	EXPECT_GE(sub, 117);
}
