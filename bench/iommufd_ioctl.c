// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench_iommufd: ioctl rates of the real iommufd through the in-process
 * front door, on devices behind the mock driver. Wall-clock time is
 * measured here, in bench/, and nowhere else.
 *
 *   bench_iommufd [seconds-per-case]   (default 1.0)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <linux/iommufd.h>

#include "bench_clock.h"
#include "iommufd_test.h"
#include "iommusim_kernel.h"
#include "kernel_version.h"

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static int fd;
static uint32_t ioas, stdev, idev, hwpt_a, hwpt_b;

static void setup(void)
{
	struct iommusim_kernel_opts opts = { 0 };
	struct iommu_ioas_alloc alloc = { .size = sizeof(alloc) };
	struct iommu_test_cmd mock = {
		.size = sizeof(mock),
		.op = IOMMU_TEST_OP_MOCK_DOMAIN,
	};
	struct iommu_hwpt_alloc h = { .size = sizeof(h) };

	if (iommusim_kernel_boot(&opts))
		die("boot");
	fd = iommusim_open("/dev/iommu", O_RDWR);
	if (fd < 0 || iommusim_ioctl(fd, IOMMU_IOAS_ALLOC, &alloc))
		die("ioas");
	ioas = alloc.out_ioas_id;
	mock.id = ioas;
	if (iommusim_ioctl(fd, IOMMU_TEST_CMD, &mock))
		die("mock domain");
	stdev = mock.mock_domain.out_stdev_id;
	idev = mock.mock_domain.out_idev_id;
	hwpt_a = mock.mock_domain.out_hwpt_id;
	h.dev_id = idev;
	h.pt_id = ioas;
	if (iommusim_ioctl(fd, IOMMU_HWPT_ALLOC, &h))
		die("hwpt");
	hwpt_b = h.out_hwpt_id;
	/* Two manual HWPTs: the automatic one goes away once replaced. */
	if (iommusim_ioctl(fd, IOMMU_HWPT_ALLOC, &h))
		die("hwpt");
	hwpt_a = h.out_hwpt_id;
}

typedef void (*op_fn)(void *arg);

static void run(const char *name, op_fn fn, void *arg, double secs)
{
	double t0 = bench_now_s(), t;
	unsigned long n = 0;

	do {
		for (int i = 0; i < 64; i++)
			fn(arg);
		n += 64;
		t = bench_now_s() - t0;
	} while (t < secs);
	printf("%-32s %12.0f /s  (%lu in %.2f s)\n", name, n / t, n, t);
}

static void hwpt_alloc_destroy(void *arg)
{
	struct iommu_hwpt_alloc h = { .size = sizeof(h), .dev_id = idev, .pt_id = ioas };
	struct iommu_destroy d = { .size = sizeof(d) };

	if (iommusim_ioctl(fd, IOMMU_HWPT_ALLOC, &h))
		die("HWPT_ALLOC");
	d.id = h.out_hwpt_id;
	if (iommusim_ioctl(fd, IOMMU_DESTROY, &d))
		die("DESTROY");
}

struct map_arg {
	void *buf;
	uint64_t len;
};

static void map_unmap(void *p)
{
	struct map_arg *a = p;
	struct iommu_ioas_map m = {
		.size = sizeof(m),
		.flags = IOMMU_IOAS_MAP_FIXED_IOVA | IOMMU_IOAS_MAP_READABLE |
			 IOMMU_IOAS_MAP_WRITEABLE,
		.ioas_id = ioas,
		.user_va = (uintptr_t)a->buf,
		.length = a->len,
		.iova = MOCK_APERTURE_START,
	};
	struct iommu_ioas_unmap u = {
		.size = sizeof(u), .ioas_id = ioas, .iova = MOCK_APERTURE_START, .length = a->len,
	};

	if (iommusim_ioctl(fd, IOMMU_IOAS_MAP, &m))
		die("IOAS_MAP");
	if (iommusim_ioctl(fd, IOMMU_IOAS_UNMAP, &u))
		die("IOAS_UNMAP");
}

static void replace(void *arg)
{
	static int flip;
	struct iommu_test_cmd r = {
		.size = sizeof(r),
		.op = IOMMU_TEST_OP_MOCK_DOMAIN_REPLACE,
		.id = stdev,
	};

	r.mock_domain_replace.pt_id = (flip ^= 1) ? hwpt_b : hwpt_a;
	if (iommusim_ioctl(fd, IOMMU_TEST_CMD, &r))
		die("replace");
}

int main(int argc, char **argv)
{
	double secs = argc > 1 ? atof(argv[1]) : 1.0;
	struct map_arg small, huge;

	setup();
	small.len = 4096;
	small.buf = mmap(NULL, small.len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	huge.len = 2 << 20;
	huge.buf = mmap(NULL, 2 * huge.len, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (small.buf == MAP_FAILED || huge.buf == MAP_FAILED)
		die("mmap");
	huge.buf = (void *)(((uintptr_t)huge.buf + huge.len - 1) & ~(huge.len - 1));
	madvise(huge.buf, huge.len, MADV_HUGEPAGE);

	printf("iommufd ioctl rates (Linux %s iommufd, mock driver, in-process)\n",
	       IOMMUSIM_KERNEL_VERSION);
	run("HWPT_ALLOC + DESTROY", hwpt_alloc_destroy, NULL, secs);
	run("IOAS_MAP + UNMAP 4 KiB", map_unmap, &small, secs);
	run("IOAS_MAP + UNMAP 2 MiB", map_unmap, &huge, secs);
	run("attach/replace (mock device)", replace, NULL, secs);
	iommusim_close(fd);
	iommusim_kernel_shutdown();
	return 0;
}
