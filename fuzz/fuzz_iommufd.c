// SPDX-License-Identifier: GPL-2.0-only
/*
 * Harness 1: programs of system calls into the real iommufd, through the
 * in-process front door, in the syzkaller style.
 *
 * Input: a header byte (bits 0-1: which IOMMU the devices sit behind:
 * 0 the kernel's mock driver, 1 the VT-d model, 2 simsmmu over the SMMUv3
 * model, 3 all three; bit 2: the VT-d model's driver is Linux's Intel
 * driver, not simvtd, on a machine of its own: no mock devices, no
 * SMMUv3), then calls, each an opcode byte and
 * its operands, until the input ends. Ids the kernel returned (IOAS, HWPT,
 * device, fault queue) are kept in order and an operand names one by its
 * index, or gives a raw number; fds likewise. Sizes, flags, IOVAs and
 * driver data come from the input; user pointers are into the harness's
 * own buffer (whose end runs into an inaccessible guard page), or bad:
 * NULL, low, non-canonical.
 *
 * Every input boots a fresh kernel and tears it down after (all files
 * closed, devices and IOMMUs removed, iommusim_kernel_shutdown): libFuzzer's
 * leak check then sees every kernel object that was not freed, and a WARN
 * fired in the kernel side is a failure, as it is in the tests.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ioctl.h>
#include <linux/iommufd.h>
#include <linux/vfio.h>

#include "iommufd_test.h"
#include "iommu_model.h"
#include "iommusim_hw.h"
#include "iommusim_kernel.h"

#define BUF_PAGES 64
#define BUF_SIZE  (BUF_PAGES * 4096UL)
#define MAX_IDS   64
#define MAX_FDS   16
#define MAX_DEVS  8

struct prog {
	const uint8_t *p;
	size_t n;
	uint32_t ids[MAX_IDS];
	unsigned nids;
	int iommufds[MAX_FDS], niommufds;
	int devfds[MAX_DEVS], ndevfds;
	int faultfds[MAX_FDS], nfaultfds;
	char devpath[MAX_DEVS][48];
	unsigned ndevpaths;
	struct iommusim_hw_info hw[2];
	unsigned nhw;
};

static uint8_t *buf;    /* BUF_SIZE bytes, then a PROT_NONE page */
static int verbose;     /* FUZZ_VERBOSE=1: each call and its result on stderr */

static uint8_t u8(struct prog *g)
{
	if (!g->n)
		return 0;
	g->n--;
	return *g->p++;
}

static uint16_t u16(struct prog *g)
{
	return (uint16_t)(u8(g) | u8(g) << 8);
}

static uint32_t u32(struct prog *g)
{
	return u16(g) | (uint32_t)u16(g) << 16;
}

static uint64_t u64(struct prog *g)
{
	return u32(g) | (uint64_t)u32(g) << 32;
}

static void keep_id(struct prog *g, uint32_t id)
{
	if (g->nids < MAX_IDS)
		g->ids[g->nids++] = id;
}

/* An object id: one the kernel gave out (most often), 0, or any number. */
static uint32_t id(struct prog *g)
{
	uint8_t b = u8(g);

	if (b < 0xf0)
		return g->nids ? g->ids[g->nids - 1 - b % g->nids] : 0;
	if (b == 0xf0)
		return 0;
	return u32(g);
}

static int pick_fd(struct prog *g, const int *fds, int n)
{
	uint8_t b = u8(g);

	if (b == 0xff)
		return -1;              /* a bad fd */
	return n ? fds[b % n] : -1;
}

static int iommufd(struct prog *g)
{
	return pick_fd(g, g->iommufds, g->niommufds);
}

/* Length: small, page multiples, or any. */
static uint64_t len(struct prog *g)
{
	uint8_t b = u8(g);

	switch (b & 3) {
	case 0:
		return (uint64_t)(b >> 2) * 4096;
	case 1:
		return u16(g);
	case 2:
		return (uint64_t)u8(g) << (12 + (b >> 2) % 20);
	default:
		return u64(g);
	}
}

static uint64_t iova(struct prog *g)
{
	uint8_t b = u8(g);

	switch (b & 3) {
	case 0:
		return MOCK_APERTURE_START + (uint64_t)u16(g) * 4096;
	case 1:
		return (uint64_t)u32(g) << 12;
	case 2:
		return (uint64_t)u16(g) << 21;
	default:
		return u64(g);
	}
}

/* A user pointer: into buf (maybe running into the guard page), or bad. */
static uint64_t uptr(struct prog *g)
{
	uint8_t b = u8(g);

	switch (b % 8) {
	case 0: case 1: case 2:
		return (uintptr_t)buf + (uint64_t)(u8(g) % BUF_PAGES) * 4096;
	case 3:
		return (uintptr_t)buf + u32(g) % (BUF_SIZE + 4096);
	case 4:
		return (uintptr_t)buf + BUF_SIZE;       /* the guard page */
	case 5:
		return 0;
	case 6:
		return u16(g);                          /* below mmap_min_addr */
	default:
		return u64(g) | 1ULL << 63;             /* never a user address */
	}
}

/* Bytes from the input into buf at off (driver data, invalidation entries). */
static void fill(struct prog *g, size_t off, size_t n)
{
	for (size_t i = 0; i < n && off + i < BUF_SIZE; i++)
		buf[off + i] = u8(g);
}

static uint32_t data_type(struct prog *g)
{
	static const uint32_t types[] = { 0, 1, 2, 3, IOMMU_HWPT_DATA_SELFTEST };
	uint8_t b = u8(g);

	return b < 0xf0 ? types[b % 5] : u32(g);
}

static uint32_t inval_type(struct prog *g)
{
	static const uint32_t types[] = { 0, 1, 2, IOMMU_HWPT_INVALIDATE_DATA_SELFTEST };
	uint8_t b = u8(g);

	return b < 0xf0 ? types[b % 4] : u32(g);
}

/* The ioctl, then the ids it handed out kept for later calls. */
static int call(int fd, unsigned long cmd, void *arg)
{
	int rc = iommusim_ioctl(fd, cmd, arg);

	if (verbose)
		fprintf(stderr, "  ioctl(%d, 0x%lx) = %d %s\n", fd, cmd, rc,
			rc ? strerror(errno) : "");
	return rc;
}

enum {
	C_OPEN_IOMMUFD, C_OPEN_DEV, C_BIND, C_IOAS_ALLOC, C_IOAS_MAP, C_IOAS_MAP2,
	C_IOAS_UNMAP, C_IOAS_COPY, C_IOVA_RANGES, C_ALLOW_IOVAS, C_OPTION,
	C_HWPT_ALLOC, C_HWPT_ALLOC2, C_ATTACH, C_DETACH, C_INVALIDATE,
	C_DIRTY_TRACKING, C_DIRTY_BITMAP, C_FAULT_ALLOC, C_FAULT_READ,
	C_FAULT_WRITE, C_DESTROY, C_HW_INFO, C_CLOSE, C_DMA, C_RAW, C_VFIO_IOAS,
	C_COUNT
};

static void step(struct prog *g)
{
	uint8_t op = u8(g) % C_COUNT;
	int fd;

	if (verbose)
		fprintf(stderr, "call %u\n", op);

	switch (op) {
	case C_OPEN_IOMMUFD:
		if (g->niommufds < MAX_FDS) {
			fd = iommusim_open("/dev/iommu", O_RDWR);
			if (fd >= 0)
				g->iommufds[g->niommufds++] = fd;
		}
		break;
	case C_OPEN_DEV:
		if (g->ndevfds < MAX_DEVS && g->ndevpaths) {
			fd = iommusim_open(g->devpath[u8(g) % g->ndevpaths], O_RDWR);
			if (fd >= 0)
				g->devfds[g->ndevfds++] = fd;
		}
		break;
	case C_BIND: {
		struct vfio_device_bind_iommufd b = { .argsz = sizeof(b) };

		fd = pick_fd(g, g->devfds, g->ndevfds);
		b.flags = u8(g) == 0xff ? u32(g) : 0;
		b.iommufd = iommufd(g);
		if (!call(fd, VFIO_DEVICE_BIND_IOMMUFD, &b))
			keep_id(g, b.out_devid);
		break;
	}
	case C_IOAS_ALLOC: {
		struct iommu_ioas_alloc a = { .size = sizeof(a) };

		fd = iommufd(g);
		a.flags = u8(g) == 0xff ? u32(g) : 0;
		if (!call(fd, IOMMU_IOAS_ALLOC, &a))
			keep_id(g, a.out_ioas_id);
		break;
	}
	case C_IOAS_MAP:
	case C_IOAS_MAP2: {
		struct iommu_ioas_map m = { .size = sizeof(m) };

		fd = iommufd(g);
		m.flags = u8(g);        /* FIXED_IOVA, WRITEABLE, READABLE and junk */
		m.ioas_id = id(g);
		m.user_va = uptr(g);
		m.length = len(g);
		m.iova = iova(g);
		call(fd, IOMMU_IOAS_MAP, &m);
		break;
	}
	case C_IOAS_UNMAP: {
		struct iommu_ioas_unmap u = { .size = sizeof(u) };

		fd = iommufd(g);
		u.ioas_id = id(g);
		u.iova = iova(g);
		u.length = u8(g) == 0xff ? UINT64_MAX : len(g);
		call(fd, IOMMU_IOAS_UNMAP, &u);
		break;
	}
	case C_IOAS_COPY: {
		struct iommu_ioas_copy c = { .size = sizeof(c) };

		fd = iommufd(g);
		c.flags = u8(g);
		c.dst_ioas_id = id(g);
		c.src_ioas_id = id(g);
		c.length = len(g);
		c.dst_iova = iova(g);
		c.src_iova = iova(g);
		call(fd, IOMMU_IOAS_COPY, &c);
		break;
	}
	case C_IOVA_RANGES: {
		struct iommu_ioas_iova_ranges r = { .size = sizeof(r) };

		fd = iommufd(g);
		r.ioas_id = id(g);
		r.num_iovas = u8(g);
		r.allowed_iovas = uptr(g);
		call(fd, IOMMU_IOAS_IOVA_RANGES, &r);
		break;
	}
	case C_ALLOW_IOVAS: {
		struct iommu_ioas_allow_iovas a = { .size = sizeof(a) };

		fd = iommufd(g);
		a.ioas_id = id(g);
		a.num_iovas = u8(g) % 8;
		fill(g, 0, a.num_iovas * sizeof(struct iommu_iova_range));
		a.allowed_iovas = u8(g) & 1 ? (uintptr_t)buf : uptr(g);
		call(fd, IOMMU_IOAS_ALLOW_IOVAS, &a);
		break;
	}
	case C_OPTION: {
		struct iommu_option o = { .size = sizeof(o) };

		fd = iommufd(g);
		o.option_id = u8(g) % 4;
		o.op = u8(g) % 3;
		o.object_id = id(g);
		o.val64 = u8(g) & 1 ? u8(g) : u64(g);
		call(fd, IOMMU_OPTION, &o);
		break;
	}
	case C_HWPT_ALLOC:
	case C_HWPT_ALLOC2: {
		struct iommu_hwpt_alloc h = { .size = sizeof(h) };

		fd = iommufd(g);
		h.flags = u8(g);        /* NEST_PARENT, DIRTY_TRACKING, FAULT_ID_VALID, junk */
		h.dev_id = id(g);
		h.pt_id = id(g);
		h.fault_id = id(g);
		h.data_type = data_type(g);
		h.data_len = u8(g);
		fill(g, 0, h.data_len);
		h.data_uptr = u8(g) & 7 ? (uintptr_t)buf : uptr(g);
		if (!call(fd, IOMMU_HWPT_ALLOC, &h))
			keep_id(g, h.out_hwpt_id);
		break;
	}
	case C_ATTACH: {
		struct vfio_device_attach_iommufd_pt a = { .argsz = sizeof(a) };

		fd = pick_fd(g, g->devfds, g->ndevfds);
		a.pt_id = id(g);
		if (u8(g) == 0xff)
			a.flags = u32(g);
		if (!call(fd, VFIO_DEVICE_ATTACH_IOMMUFD_PT, &a))
			keep_id(g, a.pt_id);
		break;
	}
	case C_DETACH: {
		struct vfio_device_detach_iommufd_pt d = { .argsz = sizeof(d) };

		fd = pick_fd(g, g->devfds, g->ndevfds);
		if (u8(g) == 0xff)
			d.flags = u32(g);
		call(fd, VFIO_DEVICE_DETACH_IOMMUFD_PT, &d);
		break;
	}
	case C_INVALIDATE: {
		struct iommu_hwpt_invalidate v = { .size = sizeof(v) };

		fd = iommufd(g);
		v.hwpt_id = id(g);
		v.data_type = inval_type(g);
		v.entry_len = u8(g);
		v.entry_num = u8(g) % 8;
		fill(g, 0, (size_t)v.entry_len * v.entry_num);
		v.data_uptr = u8(g) & 7 ? (uintptr_t)buf : uptr(g);
		call(fd, IOMMU_HWPT_INVALIDATE, &v);
		break;
	}
	case C_DIRTY_TRACKING: {
		struct iommu_hwpt_set_dirty_tracking d = { .size = sizeof(d) };

		fd = iommufd(g);
		d.flags = u8(g);
		d.hwpt_id = id(g);
		call(fd, IOMMU_HWPT_SET_DIRTY_TRACKING, &d);
		break;
	}
	case C_DIRTY_BITMAP: {
		struct iommu_hwpt_get_dirty_bitmap d = { .size = sizeof(d) };

		fd = iommufd(g);
		d.hwpt_id = id(g);
		d.flags = u8(g);
		d.iova = iova(g);
		d.length = len(g);
		d.page_size = u8(g) & 1 ? 4096 : (uint64_t)1 << (u8(g) % 64);
		d.data = uptr(g);
		call(fd, IOMMU_HWPT_GET_DIRTY_BITMAP, &d);
		break;
	}
	case C_FAULT_ALLOC: {
		struct iommu_fault_alloc a = { .size = sizeof(a) };

		fd = iommufd(g);
		a.flags = u8(g) == 0xff ? u32(g) : 0;
		if (!call(fd, IOMMU_FAULT_QUEUE_ALLOC, &a)) {
			keep_id(g, a.out_fault_id);
			if (g->nfaultfds < MAX_FDS)
				g->faultfds[g->nfaultfds++] = (int)a.out_fault_fd;
			else
				iommusim_close((int)a.out_fault_fd);
		}
		break;
	}
	case C_FAULT_READ: {
		uint64_t p = uptr(g);
		size_t n = u8(g) & 1 ? sizeof(struct iommu_hwpt_pgfault) * (u8(g) % 8) : u16(g);

		fd = pick_fd(g, g->faultfds, g->nfaultfds);
		iommusim_read(fd, (void *)(uintptr_t)p, n);
		break;
	}
	case C_FAULT_WRITE: {
		size_t n = u8(g) & 1 ? sizeof(struct iommu_hwpt_page_response) * (u8(g) % 8)
				     : u16(g);

		fd = pick_fd(g, g->faultfds, g->nfaultfds);
		fill(g, 0, n < 256 ? n : 256);
		iommusim_write(fd, u8(g) & 7 ? buf : (void *)(uintptr_t)uptr(g), n);
		break;
	}
	case C_DESTROY: {
		struct iommu_destroy d = { .size = sizeof(d) };

		fd = iommufd(g);
		d.id = id(g);
		call(fd, IOMMU_DESTROY, &d);
		break;
	}
	case C_HW_INFO: {
		struct iommu_hw_info h = { .size = sizeof(h) };

		fd = iommufd(g);
		h.flags = u8(g) == 0xff ? u32(g) : 0;
		h.dev_id = id(g);
		h.data_len = u8(g);
		h.data_uptr = uptr(g);
		call(fd, IOMMU_GET_HW_INFO, &h);
		break;
	}
	case C_CLOSE: {
		/* Close any fd we hold: an iommufd, a device, a fault queue */
		uint8_t b = u8(g);
		int *fds = b % 3 == 0 ? g->iommufds : b % 3 == 1 ? g->devfds : g->faultfds;
		int *n = b % 3 == 0 ? &g->niommufds : b % 3 == 1 ? &g->ndevfds : &g->nfaultfds;

		if (*n) {
			unsigned i = (b / 3) % *n;

			iommusim_close(fds[i]);
			fds[i] = fds[--*n];
		}
		break;
	}
	case C_DMA: {
		/* Device DMA: the mock driver's, or a request through a model */
		uint8_t b = u8(g);

		if (!(b & 1) || !g->nhw) {
			uint8_t tmp[64];
			uint32_t hwpt = id(g);
			uint64_t va = iova(g);

			fill(g, 0, sizeof(tmp));
			memcpy(tmp, buf, sizeof(tmp));
			fd = iommufd(g);
			iommusim_mock_dma(fd, hwpt, va, tmp, 1 + u8(g) % sizeof(tmp), b & 2);
		} else {
			const struct iommusim_hw_info *h = &g->hw[(b >> 1) % g->nhw];
			struct xlate_req req = { 0 };
			struct xlate_res res;

			req.sid = h->sid[u8(g) % h->ndevices];
			req.has_pasid = b & 4;
			req.pasid = u32(g) & 0xfffff;
			req.access = (b & 8) ? XLATE_WRITE : XLATE_READ;
			req.iova = iova(g);
			req.len = 1;
			req.t_issue = 1000;
			iommu_translate(h->model, &req, &res);
			iommusim_service_irqs();
		}
		break;
	}
	case C_VFIO_IOAS: {
		struct iommu_vfio_ioas v = { .size = sizeof(v) };

		fd = iommufd(g);
		v.ioas_id = id(g);
		v.op = u8(g) % 4;
		if (!call(fd, IOMMU_VFIO_IOAS, &v) && v.op == IOMMU_VFIO_IOAS_GET)
			keep_id(g, v.ioas_id);
		break;
	}
	case C_RAW: {
		/* Any iommufd or VFIO ioctl with input bytes as its argument */
		static const unsigned long cmds[] = {
			IOMMU_DESTROY, IOMMU_IOAS_ALLOC, IOMMU_IOAS_ALLOW_IOVAS,
			IOMMU_IOAS_COPY, IOMMU_IOAS_IOVA_RANGES, IOMMU_IOAS_MAP,
			IOMMU_IOAS_UNMAP, IOMMU_OPTION, IOMMU_VFIO_IOAS, IOMMU_HWPT_ALLOC,
			IOMMU_GET_HW_INFO, IOMMU_HWPT_SET_DIRTY_TRACKING,
			IOMMU_HWPT_GET_DIRTY_BITMAP, IOMMU_HWPT_INVALIDATE,
			IOMMU_FAULT_QUEUE_ALLOC, VFIO_DEVICE_BIND_IOMMUFD,
			VFIO_DEVICE_ATTACH_IOMMUFD_PT, VFIO_DEVICE_DETACH_IOMMUFD_PT,
			_IO(IOMMUFD_TYPE, 0x8f), _IO(IOMMUFD_TYPE, 0x7f),
		};
		uint8_t b = u8(g);
		unsigned long cmd = cmds[b % (sizeof(cmds) / sizeof(cmds[0]))];
		size_t n = u8(g);

		fd = b & 0x80 ? pick_fd(g, g->devfds, g->ndevfds) : iommufd(g);
		fill(g, 0, n);
		call(fd, cmd, u8(g) & 7 ? buf : (void *)(uintptr_t)uptr(g));
		break;
	}
	}
}

static int boot(struct prog *g, uint8_t hdr)
{
	struct iommusim_kernel_opts opts = { .log_level = 1 };
	static const char *const kinds[] = { "vtd", "smmuv3" };
	unsigned which = hdr & 3, n = 0;
	bool intel = (hdr & 4) && (which & 1);
	struct iommusim_hw hw[2];

	/*
	 * Linux's Intel driver runs on x86, where no SMMUv3 sits beside it:
	 * its machine is the VT-d unit alone. (Beside another driver, 6.12's
	 * iommu_replace_group_handle(), which unlike iommu_attach_group()
	 * does not check the domain's owner, hands it the other driver's
	 * domain: fuzz/known/iommufd/.) It finds its unit at boot, and the
	 * mock devices cannot probe beside it (the iommu core offers them to
	 * it first).
	 */
	if (intel)
		which = 1;

	for (unsigned k = 0; k < 2; k++)
		if (which == 3 || which == k + 1)
			hw[n++] = (struct iommusim_hw){
				.kind = kinds[k], .driver = k ? NULL : intel ? "intel" : "simvtd",
				.devices = 2, .pasid_bits = 8, .first_sid = 0x10,
			};
	opts.mock_devices = which == 0 || which == 3 ? 2 : 0;
	if (intel && iommusim_hw_add_machine(hw, n, g->hw))
		goto hw_failed;
	if (iommusim_kernel_boot(&opts))
		abort();
	for (int i = 0; i < opts.mock_devices; i++)
		snprintf(g->devpath[g->ndevpaths++], 48, "/dev/vfio/devices/vfio%d", i);
	if (!intel && n && iommusim_hw_add_machine(hw, n, g->hw))
		goto hw_failed;
	for (g->nhw = 0; g->nhw < n; g->nhw++) {
		const struct iommusim_hw_info *info = &g->hw[g->nhw];

		for (unsigned i = 0; i < info->ndevices && g->ndevpaths < MAX_DEVS; i++)
			snprintf(g->devpath[g->ndevpaths++], 48, "/dev/vfio/devices/vfio%u",
				 info->vfio_first + i);
	}
	return 0;
hw_failed:
	fprintf(stderr, "fuzz_iommufd: iommusim_hw_add_machine(%s): %s\n", hw[0].kind,
		strerror(errno));
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct prog *g;
	unsigned warns, steps = 0;

	if (!buf) {
		verbose = getenv("FUZZ_VERBOSE") != NULL;
		buf = mmap(NULL, BUF_SIZE + 4096, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (buf == MAP_FAILED || mprotect(buf + BUF_SIZE, 4096, PROT_NONE))
			abort();
	}
	memset(buf, 0, BUF_SIZE);
	g = calloc(1, sizeof(*g));
	if (!g)
		abort();
	g->p = data;
	g->n = size;
	boot(g, u8(g));
	warns = iommusim_warn_count();
	/* Every program starts from an open iommufd, as a VMM's does */
	g->iommufds[g->niommufds++] = iommusim_open("/dev/iommu", O_RDWR);
	while (g->n && steps++ < 512)
		step(g);
	/* Teardown: what exit does, then the kernel goes away */
	for (int i = 0; i < g->nfaultfds; i++)
		iommusim_close(g->faultfds[i]);
	for (int i = 0; i < g->ndevfds; i++)
		iommusim_close(g->devfds[i]);
	for (int i = 0; i < g->niommufds; i++)
		iommusim_close(g->iommufds[i]);
	/*
	 * And every fd the program got that the harness did not track: a raw
	 * ioctl can return one (IOMMU_FAULT_QUEUE_ALLOC's out_fault_fd), and
	 * its file keeps the iommufd context alive, as exit would not let it.
	 * A program of 512 calls holds fewer fds than this.
	 */
	for (int fd = 0; fd < 4096; fd++)
		if (iommusim_owns_fd(fd))
			iommusim_close(fd);
	iommusim_kernel_shutdown();
	if (iommusim_warn_count() != warns) {
		fprintf(stderr, "fuzz_iommufd: %u kernel WARN(s)\n", iommusim_warn_count() - warns);
		abort();
	}
	free(g);
	return 0;
}
