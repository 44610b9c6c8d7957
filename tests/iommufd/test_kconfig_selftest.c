// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel built as the iommufd selftest's reference kernel is (the
 * "selftest" profile, kernel_shim/CMakeLists.txt): nothing selects
 * CONFIG_IOMMU_IOPF, so iopf_queue_alloc() is iommu.h's stub returning
 * NULL, the mock driver has no IOPF queue, and its dev_enable_feat
 * (IOMMU_DEV_FEAT_IOPF) answers -ENODEV. iommufd turns IOPF on when a
 * device moves onto a HWPT with a fault queue, so that attach fails: the
 * failure the real kernel shows at iommufd.c:533 in alloc_hwpt_nested.
 * With the host profile the same steps succeed (FaultQueue.*).
 */
#include <errno.h>

#include "iommufd_util.h"
#include "simtest.h"

TEST(SelftestKconfig, FaultHwptAttachIsRefusedWithoutIopf)
{
	struct iut_mock m;
	uint32_t plain, iopf, fault_id;
	int fault_fd;

	ASSERT_OK(iut_mock_open_parent(&m));
	ASSERT_OK(iut_hwpt_alloc_nested(m.fd, m.idev_id, m.parent_id, 0, 0, &plain));
	/* The fault object and a HWPT that reports to it: both allowed. */
	ASSERT_OK(iut_fault_alloc(m.fd, &fault_id, &fault_fd));
	ASSERT_OK(iut_hwpt_alloc_nested(m.fd, m.idev_id, m.parent_id, IOMMU_HWPT_FAULT_ID_VALID,
					fault_id, &iopf));

	/* From the IOAS's domain (first attach of a fault HWPT) ... */
	EXPECT_ERRNO(iut_mock_attach(m.fd, m.stdev_id, iopf), ENODEV);
	/* ... and from a nested HWPT without one (the selftest's replace). */
	ASSERT_OK(iut_mock_attach(m.fd, m.stdev_id, plain));
	EXPECT_ERRNO(iut_mock_attach(m.fd, m.stdev_id, iopf), ENODEV);
	/* The failed replace left the device where it was. */
	EXPECT_ERRNO(iut_destroy(m.fd, plain), EBUSY);
	EXPECT_OK(iut_destroy(m.fd, iopf));

	EXPECT_OK(iut_mock_attach(m.fd, m.stdev_id, m.ioas_id));
	EXPECT_OK(iut_destroy(m.fd, plain));
	EXPECT_OK(iut_destroy(m.fd, m.parent_id));
	iommusim_close(fault_fd);
	iommusim_close(m.fd);
}
