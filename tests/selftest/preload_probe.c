// SPDX-License-Identifier: GPL-2.0-only
/*
 * preload_probe - a plain program for test_preload to run under the
 * preload with a given environment: opens /dev/iommu (or argv[1]) and
 * reports the result as its exit status: 0 opened, else the errno.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int fd = open(argc > 1 ? argv[1] : "/dev/iommu", O_RDWR);

	if (fd < 0)
		return errno ? errno : 255;
	close(fd);
	return 0;
}
