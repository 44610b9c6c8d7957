// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "iommufd_util.h"
#include "simtest.h"

static bool booted;
static unsigned int warns_before;

static void shutdown_at_exit(void)
{
	iommusim_kernel_shutdown();
}

void iut_boot_with(unsigned int mock_devices)
{
	struct iommusim_kernel_opts opts = { .mock_devices = mock_devices };
	static bool at_exit;

	if (booted)
		return;
	if (iommusim_kernel_boot(&opts))
		abort();
	booted = true;
	if (!at_exit)
		atexit(shutdown_at_exit);
	at_exit = true;
}

void iut_reboot(void)
{
	/* What exit does with the process's kernel fds, then the machine goes. */
	for (int fd = 0; fd < 4096; fd++)
		if (iommusim_owns_fd(fd))
			iommusim_close(fd);
	iommusim_kernel_shutdown();
	booted = false;
}

void iut_boot(void)
{
	iut_boot_with(4);
}

/* A WARN in the kernel side fails the test that caused it. */
static void warn_before(void)
{
	warns_before = iommusim_warn_count();
}

static void warn_after(void)
{
	unsigned int n = iommusim_warn_count() - warns_before;

	if (n)
		simtest_fail(__FILE__, __LINE__, "%u kernel WARN(s) fired during this test", n);
}

SIMTEST_HOOK(kernel_warn, warn_before, warn_after);

int iut_open(void)
{
	iut_boot();
	return iommusim_open("/dev/iommu", O_RDWR);
}

int iut_ioas_alloc(int fd, uint32_t *ioas_id)
{
	struct iommu_ioas_alloc cmd = { .size = sizeof(cmd) };
	int rc = iommusim_ioctl(fd, IOMMU_IOAS_ALLOC, &cmd);

	if (!rc)
		*ioas_id = cmd.out_ioas_id;
	return rc;
}

int iut_ioas_map(int fd, uint32_t ioas_id, void *buf, uint64_t len,
		 uint64_t *iova, uint32_t flags)
{
	struct iommu_ioas_map cmd = {
		.size = sizeof(cmd),
		.flags = flags | IOMMU_IOAS_MAP_READABLE | IOMMU_IOAS_MAP_WRITEABLE,
		.ioas_id = ioas_id,
		.user_va = (uintptr_t)buf,
		.length = len,
		.iova = iova ? *iova : 0,
	};
	int rc = iommusim_ioctl(fd, IOMMU_IOAS_MAP, &cmd);

	if (!rc && iova)
		*iova = cmd.iova;
	return rc;
}

int iut_ioas_map_fixed(int fd, uint32_t ioas_id, void *buf, uint64_t len,
		       uint64_t iova)
{
	return iut_ioas_map(fd, ioas_id, buf, len, &iova, IOMMU_IOAS_MAP_FIXED_IOVA);
}

int iut_ioas_unmap(int fd, uint32_t ioas_id, uint64_t iova, uint64_t len,
		   uint64_t *unmapped)
{
	struct iommu_ioas_unmap cmd = {
		.size = sizeof(cmd),
		.ioas_id = ioas_id,
		.iova = iova,
		.length = len,
	};
	int rc = iommusim_ioctl(fd, IOMMU_IOAS_UNMAP, &cmd);

	if (!rc && unmapped)
		*unmapped = cmd.length;
	return rc;
}

int iut_destroy(int fd, uint32_t id)
{
	struct iommu_destroy cmd = { .size = sizeof(cmd), .id = id };

	return iommusim_ioctl(fd, IOMMU_DESTROY, &cmd);
}

int iut_mock_domain(int fd, uint32_t pt_id, uint32_t dev_flags,
		    uint32_t *stdev_id, uint32_t *hwpt_id, uint32_t *idev_id)
{
	struct iommu_test_cmd cmd = {
		.size = sizeof(cmd),
		.op = dev_flags ? IOMMU_TEST_OP_MOCK_DOMAIN_FLAGS : IOMMU_TEST_OP_MOCK_DOMAIN,
		.id = pt_id,
		.mock_domain_flags = { .dev_flags = dev_flags },
	};
	int rc = iommusim_ioctl(fd, IOMMU_TEST_CMD, &cmd);

	if (rc)
		return rc;
	if (stdev_id)
		*stdev_id = cmd.mock_domain.out_stdev_id;
	if (hwpt_id)
		*hwpt_id = cmd.mock_domain.out_hwpt_id;
	if (idev_id)
		*idev_id = cmd.mock_domain.out_idev_id;
	return 0;
}

int iut_hwpt_alloc(int fd, uint32_t dev_id, uint32_t pt_id, uint32_t flags,
		   uint32_t fault_id, uint32_t data_type, void *data,
		   uint32_t data_len, uint32_t *out_hwpt_id)
{
	struct iommu_hwpt_alloc cmd = {
		.size = sizeof(cmd),
		.flags = flags,
		.dev_id = dev_id,
		.pt_id = pt_id,
		.data_type = data_type,
		.data_len = data_len,
		.data_uptr = (uintptr_t)data,
		.fault_id = fault_id,
	};
	int rc = iommusim_ioctl(fd, IOMMU_HWPT_ALLOC, &cmd);

	if (!rc && out_hwpt_id)
		*out_hwpt_id = cmd.out_hwpt_id;
	return rc;
}

int iut_hwpt_alloc_parent(int fd, uint32_t dev_id, uint32_t pt_id, uint32_t *out_hwpt_id)
{
	return iut_hwpt_alloc(fd, dev_id, pt_id, IOMMU_HWPT_ALLOC_NEST_PARENT, 0, 0, NULL, 0,
			      out_hwpt_id);
}

int iut_hwpt_alloc_nested(int fd, uint32_t dev_id, uint32_t parent_id,
			  uint32_t flags, uint32_t fault_id, uint32_t *out_hwpt_id)
{
	struct iommu_hwpt_selftest data = { .iotlb = IOMMU_TEST_IOTLB_DEFAULT };

	return iut_hwpt_alloc(fd, dev_id, parent_id, flags, fault_id,
			      IOMMU_HWPT_DATA_SELFTEST, &data, sizeof(data),
			      out_hwpt_id);
}

int iut_mock_attach(int fd, uint32_t stdev_id, uint32_t pt_id)
{
	struct iommu_test_cmd cmd = {
		.size = sizeof(cmd),
		.op = IOMMU_TEST_OP_MOCK_DOMAIN_REPLACE,
		.id = stdev_id,
		.mock_domain_replace = { .pt_id = pt_id },
	};

	return iommusim_ioctl(fd, IOMMU_TEST_CMD, &cmd);
}

int iut_fault_alloc(int fd, uint32_t *fault_id, int *fault_fd)
{
	struct iommu_fault_alloc cmd = { .size = sizeof(cmd) };
	int rc = iommusim_ioctl(fd, IOMMU_FAULT_QUEUE_ALLOC, &cmd);

	if (!rc) {
		*fault_id = cmd.out_fault_id;
		*fault_fd = cmd.out_fault_fd;
	}
	return rc;
}

int iut_mock_open(struct iut_mock *m)
{
	memset(m, 0, sizeof(*m));
	m->fd = iut_open();
	if (m->fd < 0 || iut_ioas_alloc(m->fd, &m->ioas_id))
		return -1;
	return iut_mock_domain(m->fd, m->ioas_id, 0, &m->stdev_id, &m->hwpt_id, &m->idev_id);
}

int iut_mock_open_parent(struct iut_mock *m)
{
	if (iut_mock_open(m))
		return -1;
	return iut_hwpt_alloc_parent(m->fd, m->idev_id, m->ioas_id, &m->parent_id);
}

void *iut_buffer(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

void iut_buffer_free(void *buf, size_t len)
{
	munmap(buf, len);
}
