/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Small helpers over the iommufd uAPI for tests: each issues exactly one
 * ioctl through the front door and returns its result, so a test can
 * check both success values and errnos.
 */
#ifndef TESTS_IOMMUFD_UTIL_H
#define TESTS_IOMMUFD_UTIL_H

#include <stdint.h>
#include <linux/iommufd.h>
#include <linux/vfio.h>

#include "iommufd_test.h"
#include "iommusim_kernel.h"

/* Boot the kernel side (once per process) with n mock VFIO devices. */
void iut_boot(void);
/*
 * The same with n mock devices (iut_boot: 4); 0 on a machine whose
 * IOMMU driver registered first (the Intel driver), where the iommu core
 * would offer the mock devices to it.
 */
void iut_boot_with(unsigned int mock_devices);
/*
 * Every kernel fd closed and the kernel shut down: the next front-door
 * call that needs it (iommusim_hw_add() for one) boots it afresh.
 */
void iut_reboot(void);
int iut_open(void);

int iut_ioas_alloc(int fd, uint32_t *ioas_id);
int iut_ioas_map(int fd, uint32_t ioas_id, void *buf, uint64_t len,
		 uint64_t *iova, uint32_t flags);
int iut_ioas_map_fixed(int fd, uint32_t ioas_id, void *buf, uint64_t len,
		       uint64_t iova);
int iut_ioas_unmap(int fd, uint32_t ioas_id, uint64_t iova, uint64_t len,
		   uint64_t *unmapped);
int iut_destroy(int fd, uint32_t id);

/* IOMMU_TEST_OP_MOCK_DOMAIN(_FLAGS): a mock device bound and attached. */
int iut_mock_domain(int fd, uint32_t pt_id, uint32_t dev_flags,
		    uint32_t *stdev_id, uint32_t *hwpt_id, uint32_t *idev_id);

int iut_hwpt_alloc(int fd, uint32_t dev_id, uint32_t pt_id, uint32_t flags,
		   uint32_t fault_id, uint32_t data_type, void *data,
		   uint32_t data_len, uint32_t *out_hwpt_id);
/* A paging HWPT that can be a nest parent (IOMMU_HWPT_ALLOC_NEST_PARENT). */
int iut_hwpt_alloc_parent(int fd, uint32_t dev_id, uint32_t pt_id, uint32_t *out_hwpt_id);
/* A nested selftest HWPT (IOMMU_HWPT_DATA_SELFTEST, iotlb = seed). */
int iut_hwpt_alloc_nested(int fd, uint32_t dev_id, uint32_t parent_id,
			  uint32_t flags, uint32_t fault_id, uint32_t *out_hwpt_id);
int iut_mock_attach(int fd, uint32_t stdev_id, uint32_t pt_id);
int iut_fault_alloc(int fd, uint32_t *fault_id, int *fault_fd);

/*
 * An iommufd with an IOAS and a mock device attached to it (its automatic
 * HWPT in hwpt_id); iut_mock_open_parent also allocates a nest parent HWPT
 * of the device over the IOAS. 0, or the first failing call's -1.
 */
struct iut_mock {
	int fd;
	uint32_t ioas_id, stdev_id, hwpt_id, idev_id, parent_id;
};
int iut_mock_open(struct iut_mock *m);
int iut_mock_open_parent(struct iut_mock *m);

/* A page-aligned anonymous buffer, zeroed. */
void *iut_buffer(size_t len);
void iut_buffer_free(void *buf, size_t len);

#endif
