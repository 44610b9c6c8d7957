// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench_intel_inval: Linux's Intel driver's invalidation paths on the
 * VT-d model (issue 12), through the in-process front door:
 *   - IOMMU_IOAS_UNMAP of 4 KiB, 2 MiB and 1 GiB from a paging domain,
 *   - IOMMU_HWPT_INVALIDATE of one page, of 512 pages and of everything
 *     on a nested HWPT.
 * For each: the invalidation descriptors and waits the driver queued, the
 * simulated time from the doorbell to the last descriptor's completion
 * (the model's clock, deterministic), and the host's wall time per call
 * (bench/ is the only place it is read). Under callgrind with
 * --collect-atstart=no, only the measured ioctls are counted, and each
 * kind is dumped apart ("what|calls"): bench/intel_inval_callgrind.sh
 * turns that into instructions per call, the model's and the rest.
 *
 *   bench_intel_inval [rounds]   (default 200)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <linux/iommufd.h>
#include <linux/vfio.h>

#include <valgrind/callgrind.h>

#include "bench_clock.h"
#include "iommusim_hw.h"
#include "iommusim_kernel.h"
#include "kernel_version.h"
#include "vtd.h"

#define IOVA 0x40000000ULL

static struct iommusim_hw_info info;
static int fd, devfd;
static uint32_t devid, ioas;

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void ioctl_or_die(int f, unsigned long cmd, void *arg, const char *what)
{
	if (iommusim_ioctl(f, cmd, arg))
		die(what);
}

static void setup(void)
{
	struct iommusim_hw hw = { .kind = "vtd", .driver = "intel", .devices = 1,
				  .first_sid = 0x100 };
	struct iommu_ioas_alloc alloc = { .size = sizeof(alloc) };
	struct vfio_device_bind_iommufd bind = { .argsz = sizeof(bind) };
	char path[64];

	if (iommusim_hw_add(&hw, &info))
		die("iommusim_hw_add(vtd, intel)");
	fd = iommusim_open("/dev/iommu", O_RDWR);
	if (fd < 0)
		die("/dev/iommu");
	ioctl_or_die(fd, IOMMU_IOAS_ALLOC, &alloc, "IOMMU_IOAS_ALLOC");
	ioas = alloc.out_ioas_id;
	snprintf(path, sizeof(path), "/dev/vfio/devices/vfio%u", info.vfio_first);
	devfd = iommusim_open(path, O_RDWR);
	if (devfd < 0)
		die(path);
	bind.iommufd = fd;
	ioctl_or_die(devfd, VFIO_DEVICE_BIND_IOMMUFD, &bind, "VFIO_DEVICE_BIND_IOMMUFD");
	devid = bind.out_devid;
}

static void attach(uint32_t pt)
{
	struct vfio_device_attach_iommufd_pt at = { .argsz = sizeof(at), .pt_id = pt };

	ioctl_or_die(devfd, VFIO_DEVICE_ATTACH_IOMMUFD_PT, &at, "attach");
}

static void map(void *buf, uint64_t len)
{
	struct iommu_ioas_map m = {
		.size = sizeof(m), .ioas_id = ioas, .user_va = (uintptr_t)buf, .length = len,
		.iova = IOVA, .flags = IOMMU_IOAS_MAP_FIXED_IOVA | IOMMU_IOAS_MAP_READABLE |
				       IOMMU_IOAS_MAP_WRITEABLE,
	};

	ioctl_or_die(fd, IOMMU_IOAS_MAP, &m, "IOMMU_IOAS_MAP");
}

struct sample {
	uint64_t desc, waits, sim_ps;
	double host_s;
};

/* Around one call: what the queue did for it, in the model's time. */
static void begin(struct sample *s, uint64_t *t0)
{
	const struct vtd_counters *c = vtd_get_counters(info.model);

	*t0 = iommusim_get_time();
	s->desc -= c->qi_desc;
	s->waits -= c->qi_wait;
	s->host_s -= bench_now_s();
}

static void end(struct sample *s, uint64_t t0)
{
	const struct vtd_counters *c = vtd_get_counters(info.model);
	uint64_t done = vtd_qi_done_time(info.model);

	s->host_s += bench_now_s();
	s->desc += c->qi_desc;
	s->waits += c->qi_wait;
	s->sim_ps += done > t0 ? done - t0 : 0;
	/* The next call starts when the queue is idle again. */
	iommusim_set_time((done > t0 ? done : t0) + 1000000);
}

/* The measured call: the only code callgrind counts (--collect-atstart=no). */
static void measured_ioctl(int f, unsigned long cmd, void *arg, const char *what)
{
	int rc;

	CALLGRIND_TOGGLE_COLLECT;
	rc = iommusim_ioctl(f, cmd, arg);
	CALLGRIND_TOGGLE_COLLECT;
	if (rc)
		die(what);
}

static void report(const char *what, const struct sample *s, unsigned n)
{
	char dump[64];

	snprintf(dump, sizeof(dump), "%s|%u", what, n);
	CALLGRIND_DUMP_STATS_AT(dump);
	printf("%-34s %6.1f desc %5.1f waits %9.1f ns simulated %9.2f us host\n", what,
	       (double)s->desc / n, (double)s->waits / n, (double)s->sim_ps / n / 1000.0,
	       s->host_s / n * 1e6);
}

static void bench_unmap(uint64_t len, const char *what, unsigned rounds)
{
	void *buf = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	struct sample s = { 0 };

	if (buf == MAP_FAILED)
		die("mmap");
	CALLGRIND_ZERO_STATS;
	for (unsigned i = 0; i < rounds; i++) {
		struct iommu_ioas_unmap u = { .size = sizeof(u), .ioas_id = ioas, .iova = IOVA,
					      .length = len };
		uint64_t t0;

		map(buf, len);
		begin(&s, &t0);
		measured_ioctl(fd, IOMMU_IOAS_UNMAP, &u, "IOMMU_IOAS_UNMAP");
		end(&s, t0);
	}
	report(what, &s, rounds);
	munmap(buf, len);
}

static void bench_hwpt_invalidate(uint32_t nested, uint64_t addr, uint64_t npages,
				  const char *what, unsigned rounds)
{
	struct sample s = { 0 };

	CALLGRIND_ZERO_STATS;
	for (unsigned i = 0; i < rounds; i++) {
		struct iommu_hwpt_vtd_s1_invalidate e = { .addr = addr, .npages = npages };
		struct iommu_hwpt_invalidate inv = {
			.size = sizeof(inv), .hwpt_id = nested, .data_uptr = (uintptr_t)&e,
			.data_type = IOMMU_HWPT_INVALIDATE_DATA_VTD_S1,
			.entry_len = sizeof(e), .entry_num = 1,
		};
		uint64_t t0;

		begin(&s, &t0);
		measured_ioctl(fd, IOMMU_HWPT_INVALIDATE, &inv, "IOMMU_HWPT_INVALIDATE");
		end(&s, t0);
	}
	report(what, &s, rounds);
}

int main(int argc, char **argv)
{
	unsigned rounds = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 0) : 200;
	struct iommu_hwpt_alloc parent = { .size = sizeof(parent) }, nested = parent;
	struct iommu_hwpt_vtd_s1 s1 = { .pgtbl_addr = IOVA, .addr_width = 48 };
	void *ram;

	if (!rounds)
		rounds = 1;
	setup();
	printf("Linux %s, Intel driver on the VT-d model (spr), %u rounds each\n",
	       IOMMUSIM_KERNEL_VERSION, rounds);
	attach(ioas);
	bench_unmap(4096, "IOMMU_IOAS_UNMAP 4 KiB", rounds);
	bench_unmap(2ULL << 20, "IOMMU_IOAS_UNMAP 2 MiB", rounds);
	bench_unmap(1ULL << 30, "IOMMU_IOAS_UNMAP 1 GiB", rounds < 20 ? rounds : 20);

	/* A nested HWPT over a little guest RAM; invalidation walks no table. */
	ram = mmap(NULL, 2 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ram == MAP_FAILED)
		die("mmap");
	map(ram, 2 << 20);
	parent.dev_id = devid;
	parent.pt_id = ioas;
	parent.flags = IOMMU_HWPT_ALLOC_NEST_PARENT;
	ioctl_or_die(fd, IOMMU_HWPT_ALLOC, &parent, "IOMMU_HWPT_ALLOC (parent)");
	nested.dev_id = devid;
	nested.pt_id = parent.out_hwpt_id;
	nested.data_type = IOMMU_HWPT_DATA_VTD_S1;
	nested.data_len = sizeof(s1);
	nested.data_uptr = (uintptr_t)&s1;
	ioctl_or_die(fd, IOMMU_HWPT_ALLOC, &nested, "IOMMU_HWPT_ALLOC (nested)");
	attach(parent.out_hwpt_id);
	attach(nested.out_hwpt_id);
	bench_hwpt_invalidate(nested.out_hwpt_id, 0x200000, 1,
			      "IOMMU_HWPT_INVALIDATE 1 page", rounds);
	bench_hwpt_invalidate(nested.out_hwpt_id, 0x200000, 512,
			      "IOMMU_HWPT_INVALIDATE 512 pages", rounds);
	bench_hwpt_invalidate(nested.out_hwpt_id, 0, UINT64_MAX,
			      "IOMMU_HWPT_INVALIDATE all", rounds);
	iommusim_close(devfd);
	iommusim_close(fd);
	iommusim_kernel_shutdown();
	return 0;
}
