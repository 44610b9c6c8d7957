// SPDX-License-Identifier: GPL-2.0-only
/*
 * The rules of IOMMU_HWPT_ALLOC (drivers/iommu/iommufd/hw_pagetable.c),
 * each through the ioctl front door on devices behind the mock driver.
 */
#include <errno.h>
#include <string.h>

#include "iommufd_util.h"
#include "simtest.h"

TEST(HwptAlloc, ReservedFieldIsEOPNOTSUPP)
{
	struct iut_mock e;
	struct iommu_hwpt_alloc cmd;

	ASSERT_OK(iut_mock_open(&e));
	memset(&cmd, 0, sizeof(cmd));
	cmd.size = sizeof(cmd);
	cmd.dev_id = e.idev_id;
	cmd.pt_id = e.ioas_id;
	cmd.__reserved = 1;
	EXPECT_ERRNO(iommusim_ioctl(e.fd, IOMMU_HWPT_ALLOC, &cmd), EOPNOTSUPP);
	cmd.__reserved = 0;
	EXPECT_OK(iommusim_ioctl(e.fd, IOMMU_HWPT_ALLOC, &cmd));
	iommusim_close(e.fd);
}

TEST(HwptAlloc, DataTypeAndLengthMustAgree)
{
	struct iut_mock e;
	struct iommu_hwpt_selftest data = { .iotlb = IOMMU_TEST_IOTLB_DEFAULT };
	uint32_t id;

	ASSERT_OK(iut_mock_open(&e));
	/* NONE with a length, and a type without one. */
	EXPECT_ERRNO(iut_hwpt_alloc(e.fd, e.idev_id, e.ioas_id, 0, 0,
				    IOMMU_HWPT_DATA_NONE, &data, sizeof(data), &id), EINVAL);
	EXPECT_ERRNO(iut_hwpt_alloc(e.fd, e.idev_id, e.ioas_id, 0, 0,
				    IOMMU_HWPT_DATA_SELFTEST, &data, 0, &id), EINVAL);
	EXPECT_OK(iut_hwpt_alloc(e.fd, e.idev_id, e.ioas_id, 0, 0,
				 IOMMU_HWPT_DATA_NONE, NULL, 0, &id));
	iommusim_close(e.fd);
}

TEST(HwptAlloc, UnknownDevIsENOENTAndUnknownPtIsEINVAL)
{
	struct iut_mock e;
	uint32_t id;

	ASSERT_OK(iut_mock_open(&e));
	EXPECT_ERRNO(iut_hwpt_alloc(e.fd, 9999, e.ioas_id, 0, 0, 0, NULL, 0, &id), ENOENT);
	/* An IOAS id given as the device: exists, but is not a device. */
	EXPECT_ERRNO(iut_hwpt_alloc(e.fd, e.ioas_id, e.ioas_id, 0, 0, 0, NULL, 0, &id), ENOENT);
	EXPECT_ERRNO(iut_hwpt_alloc(e.fd, e.idev_id, 9999, 0, 0, 0, NULL, 0, &id), EINVAL);
	iommusim_close(e.fd);
}

TEST(HwptAlloc, PtMustBeIoasOrPagingHwpt)
{
	struct iut_mock e;
	uint32_t id;

	ASSERT_OK(iut_mock_open(&e));
	/* The device object itself, and the selftest object, are neither. */
	EXPECT_ERRNO(iut_hwpt_alloc(e.fd, e.idev_id, e.idev_id, 0, 0, 0, NULL, 0, &id), EINVAL);
	EXPECT_ERRNO(iut_hwpt_alloc(e.fd, e.idev_id, e.stdev_id, 0, 0, 0, NULL, 0, &id), EINVAL);
	iommusim_close(e.fd);
}

TEST(HwptAlloc, PagingUnknownFlagsAreEOPNOTSUPP)
{
	struct iut_mock e;
	uint32_t id;

	ASSERT_OK(iut_mock_open(&e));
	EXPECT_ERRNO(iut_hwpt_alloc(e.fd, e.idev_id, e.ioas_id, 1u << 31, 0, 0, NULL, 0, &id),
		     EOPNOTSUPP);
	EXPECT_ERRNO(iut_hwpt_alloc(e.fd, e.idev_id, e.ioas_id, 1u << 3, 0, 0, NULL, 0, &id),
		     EOPNOTSUPP);
	iommusim_close(e.fd);
}

TEST(HwptAlloc, DirtyTrackingNeedsTheCapability)
{
	struct iut_mock e;
	uint32_t stdev, hwpt, idev_nodirty, id;

	ASSERT_OK(iut_mock_open(&e));
	ASSERT_OK(iut_mock_domain(e.fd, e.ioas_id, MOCK_FLAGS_DEVICE_NO_DIRTY,
				  &stdev, &hwpt, &idev_nodirty));
	EXPECT_ERRNO(iut_hwpt_alloc(e.fd, idev_nodirty, e.ioas_id,
				    IOMMU_HWPT_ALLOC_DIRTY_TRACKING, 0, 0, NULL, 0, &id),
		     EOPNOTSUPP);
	EXPECT_OK(iut_hwpt_alloc(e.fd, e.idev_id, e.ioas_id,
				 IOMMU_HWPT_ALLOC_DIRTY_TRACKING, 0, 0, NULL, 0, &id));
	iommusim_close(e.fd);
}

TEST(HwptAlloc, NestParentAcceptedAndNestedNeedsIt)
{
	struct iut_mock e;
	uint32_t plain, nested;

	ASSERT_OK(iut_mock_open_parent(&e));
	ASSERT_OK(iut_hwpt_alloc(e.fd, e.idev_id, e.ioas_id, 0, 0, 0, NULL, 0, &plain));
	EXPECT_ERRNO(iut_hwpt_alloc_nested(e.fd, e.idev_id, plain, 0, 0, &nested), EINVAL);
	EXPECT_OK(iut_hwpt_alloc_nested(e.fd, e.idev_id, e.parent_id, 0, 0, &nested));
	EXPECT_NE(nested, e.parent_id);
	iommusim_close(e.fd);
}

TEST(HwptAlloc, AutoDomainIsNotAParent)
{
	struct iut_mock e;
	uint32_t nested;

	ASSERT_OK(iut_mock_open(&e));
	/* hwpt_id came from attaching to the IOAS: an automatic domain. */
	EXPECT_ERRNO(iut_hwpt_alloc_nested(e.fd, e.idev_id, e.hwpt_id, 0, 0, &nested), EINVAL);
	iommusim_close(e.fd);
}

TEST(HwptAlloc, NestedOnNestedIsEINVAL)
{
	struct iut_mock e;
	uint32_t nested, nested2;

	ASSERT_OK(iut_mock_open_parent(&e));
	ASSERT_OK(iut_hwpt_alloc_nested(e.fd, e.idev_id, e.parent_id, 0, 0, &nested));
	EXPECT_ERRNO(iut_hwpt_alloc_nested(e.fd, e.idev_id, nested, 0, 0, &nested2), EINVAL);
	iommusim_close(e.fd);
}

TEST(HwptAlloc, NestedFlagsAndFaultId)
{
	struct iut_mock e;
	uint32_t nested, fault_id;
	int fault_fd;

	ASSERT_OK(iut_mock_open_parent(&e));
	EXPECT_ERRNO(iut_hwpt_alloc_nested(e.fd, e.idev_id, e.parent_id,
					   IOMMU_HWPT_ALLOC_NEST_PARENT, 0, &nested), EOPNOTSUPP);
	EXPECT_ERRNO(iut_hwpt_alloc_nested(e.fd, e.idev_id, e.parent_id,
					   IOMMU_HWPT_ALLOC_DIRTY_TRACKING, 0, &nested), EOPNOTSUPP);
	/* FAULT_ID_VALID with an id that is no fault queue. */
	EXPECT_ERRNO(iut_hwpt_alloc_nested(e.fd, e.idev_id, e.parent_id,
					   IOMMU_HWPT_FAULT_ID_VALID, 9999, &nested), ENOENT);
	EXPECT_ERRNO(iut_hwpt_alloc_nested(e.fd, e.idev_id, e.parent_id,
					   IOMMU_HWPT_FAULT_ID_VALID, e.parent_id, &nested), ENOENT);
	ASSERT_OK(iut_fault_alloc(e.fd, &fault_id, &fault_fd));
	EXPECT_OK(iut_hwpt_alloc_nested(e.fd, e.idev_id, e.parent_id,
					IOMMU_HWPT_FAULT_ID_VALID, fault_id, &nested));
	iommusim_close(fault_fd);
	iommusim_close(e.fd);
}

/* The extensible-struct rules of the ioctl (iommufd_fops_ioctl). */
TEST(HwptAlloc, StructSizeRules)
{
	struct iut_mock e;
	struct {
		struct iommu_hwpt_alloc cmd;
		uint64_t tail;
	} big;
	size_t min = offsetof(struct iommu_hwpt_alloc, __reserved) + sizeof(uint32_t);

	ASSERT_OK(iut_mock_open(&e));
	memset(&big, 0, sizeof(big));
	big.cmd.dev_id = e.idev_id;
	big.cmd.pt_id = e.ioas_id;

	/* Shorter than the last required field. */
	big.cmd.size = min - 4;
	EXPECT_ERRNO(iommusim_ioctl(e.fd, IOMMU_HWPT_ALLOC, &big), EINVAL);

	/* An older, shorter struct: missing fields read as zero. */
	big.cmd.size = min;
	big.cmd.out_hwpt_id = 0;
	EXPECT_OK(iommusim_ioctl(e.fd, IOMMU_HWPT_ALLOC, &big));
	EXPECT_NE(big.cmd.out_hwpt_id, 0);

	/* A longer struct with a zero tail works ... */
	big.cmd.size = sizeof(big);
	big.cmd.out_hwpt_id = 0;
	EXPECT_OK(iommusim_ioctl(e.fd, IOMMU_HWPT_ALLOC, &big));
	EXPECT_NE(big.cmd.out_hwpt_id, 0);

	/* ... and one with a non-zero tail is E2BIG. */
	big.tail = 1;
	EXPECT_ERRNO(iommusim_ioctl(e.fd, IOMMU_HWPT_ALLOC, &big), E2BIG);
	iommusim_close(e.fd);
}

TEST(HwptAlloc, ParentBusyWhileNestedHoldsIt)
{
	struct iut_mock e;
	uint32_t nested;

	ASSERT_OK(iut_mock_open_parent(&e));
	ASSERT_OK(iut_hwpt_alloc_nested(e.fd, e.idev_id, e.parent_id, 0, 0, &nested));
	EXPECT_ERRNO(iut_destroy(e.fd, e.parent_id), EBUSY);
	EXPECT_OK(iut_destroy(e.fd, nested));
	EXPECT_OK(iut_destroy(e.fd, e.parent_id));
	EXPECT_ERRNO(iut_destroy(e.fd, e.parent_id), ENOENT);
	iommusim_close(e.fd);
}
