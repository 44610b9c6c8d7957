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
	int fd = iut_open(), fault_fd;
	uint32_t ioas, stdev, hwpt, idev, parent, plain, iopf, fault_id;

	ASSERT_GE(fd, 0);
	ASSERT_OK(iut_ioas_alloc(fd, &ioas));
	ASSERT_OK(iut_mock_domain(fd, ioas, 0, &stdev, &hwpt, &idev));
	ASSERT_OK(iut_hwpt_alloc(fd, idev, ioas, IOMMU_HWPT_ALLOC_NEST_PARENT, 0, 0, NULL, 0,
				 &parent));
	ASSERT_OK(iut_hwpt_alloc_nested(fd, idev, parent, 0, 0, &plain));
	/* The fault object and a HWPT that reports to it: both allowed. */
	ASSERT_OK(iut_fault_alloc(fd, &fault_id, &fault_fd));
	ASSERT_OK(iut_hwpt_alloc_nested(fd, idev, parent, IOMMU_HWPT_FAULT_ID_VALID, fault_id,
					&iopf));

	/* From the IOAS's domain (first attach of a fault HWPT) ... */
	EXPECT_ERRNO(iut_mock_attach(fd, stdev, iopf), ENODEV);
	/* ... and from a nested HWPT without one (the selftest's replace). */
	ASSERT_OK(iut_mock_attach(fd, stdev, plain));
	EXPECT_ERRNO(iut_mock_attach(fd, stdev, iopf), ENODEV);
	/* The failed replace left the device where it was. */
	EXPECT_ERRNO(iut_destroy(fd, plain), EBUSY);
	EXPECT_OK(iut_destroy(fd, iopf));

	EXPECT_OK(iut_mock_attach(fd, stdev, ioas));
	EXPECT_OK(iut_destroy(fd, plain));
	EXPECT_OK(iut_destroy(fd, parent));
	iommusim_close(fault_fd);
	iommusim_close(fd);
}
