// SPDX-License-Identifier: GPL-2.0-only
/*
 * preload_probe - a plain program for test_preload to run under the
 * preload with a given environment. Its exit status is the result:
 *
 *   preload_probe [PATH]        open PATH (default /dev/iommu): 0, or errno
 *   preload_probe PATH vmm      as a VMM does with a VFIO cdev: bind it to
 *                               an iommufd, attach it to an IOAS, map and
 *                               unmap a buffer; 0, or 100 + the failed step
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/iommufd.h>
#include <linux/vfio.h>

static int vmm(int dev)
{
	struct vfio_device_bind_iommufd bind = { .argsz = sizeof(bind) };
	struct vfio_device_attach_iommufd_pt attach = { .argsz = sizeof(attach) };
	struct iommu_ioas_alloc alloc = { .size = sizeof(alloc) };
	struct iommu_ioas_map map = { .size = sizeof(map) };
	struct iommu_ioas_unmap unmap = { .size = sizeof(unmap) };
	size_t len = 64 * 1024;
	void *buf = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int iommufd = open("/dev/iommu", O_RDWR);

	if (buf == MAP_FAILED || iommufd < 0)
		return 100;
	memset(buf, 1, len);
	bind.iommufd = iommufd;
	if (ioctl(dev, VFIO_DEVICE_BIND_IOMMUFD, &bind))
		return 101;
	if (ioctl(iommufd, IOMMU_IOAS_ALLOC, &alloc))
		return 102;
	attach.pt_id = alloc.out_ioas_id;
	if (ioctl(dev, VFIO_DEVICE_ATTACH_IOMMUFD_PT, &attach))
		return 103;
	map.flags = IOMMU_IOAS_MAP_READABLE | IOMMU_IOAS_MAP_WRITEABLE;
	map.ioas_id = alloc.out_ioas_id;
	map.user_va = (uintptr_t)buf;
	map.length = len;
	if (ioctl(iommufd, IOMMU_IOAS_MAP, &map))
		return 104;
	unmap.ioas_id = alloc.out_ioas_id;
	unmap.iova = map.iova;
	unmap.length = len;
	if (ioctl(iommufd, IOMMU_IOAS_UNMAP, &unmap) || unmap.length != len)
		return 105;
	if (close(dev) || close(iommufd))
		return 106;
	return 0;
}

int main(int argc, char **argv)
{
	int fd = open(argc > 1 ? argv[1] : "/dev/iommu", O_RDWR);

	if (fd < 0)
		return errno ? errno : 255;
	if (argc > 2 && !strcmp(argv[2], "vmm"))
		return vmm(fd);
	close(fd);
	return 0;
}
