// SPDX-License-Identifier: GPL-2.0-only
/* IOMMU_HWPT_INVALIDATE: only nested HWPTs; array checks; entry_num. */
#include <errno.h>
#include <string.h>

#include "iommufd_util.h"
#include "simtest.h"

struct inv_env {
	struct iut_mock m;
	uint32_t nested;
};

static int inv_setup(struct inv_env *e)
{
	if (iut_mock_open_parent(&e->m))
		return -1;
	return iut_hwpt_alloc_nested(e->m.fd, e->m.idev_id, e->m.parent_id, 0, 0, &e->nested);
}

static int invalidate(int fd, uint32_t hwpt, void *data, uint32_t type, uint32_t entry_len,
		      uint32_t *entry_num)
{
	struct iommu_hwpt_invalidate cmd = {
		.size = sizeof(cmd),
		.hwpt_id = hwpt,
		.data_uptr = (uintptr_t)data,
		.data_type = type,
		.entry_len = entry_len,
		.entry_num = *entry_num,
	};
	int rc = iommusim_ioctl(fd, IOMMU_HWPT_INVALIDATE, &cmd);

	*entry_num = cmd.entry_num;
	return rc;
}

/* The mock nested domain's IOTLB entry id holds val? (selftest check op) */
static int iotlb_is(int fd, uint32_t hwpt, uint32_t id, uint32_t val)
{
	struct iommu_test_cmd cmd = {
		.size = sizeof(cmd),
		.op = IOMMU_TEST_OP_MD_CHECK_IOTLB,
		.id = hwpt,
		.check_iotlb = { .id = id, .iotlb = val },
	};

	return iommusim_ioctl(fd, IOMMU_TEST_CMD, &cmd);
}

TEST(HwptInvalidate, OnlyNestedHwpt)
{
	struct inv_env e;
	struct iommu_hwpt_invalidate_selftest inv = { .iotlb_id = 0 };
	uint32_t n = 1;

	ASSERT_OK(inv_setup(&e));
	EXPECT_ERRNO(invalidate(e.m.fd, e.m.parent_id, &inv, IOMMU_HWPT_INVALIDATE_DATA_SELFTEST,
				sizeof(inv), &n), ENOENT);
	EXPECT_EQ(n, 0);
	n = 1;
	EXPECT_ERRNO(invalidate(e.m.fd, e.m.ioas_id, &inv, IOMMU_HWPT_INVALIDATE_DATA_SELFTEST,
				sizeof(inv), &n), ENOENT);
	n = 1;
	EXPECT_OK(invalidate(e.m.fd, e.nested, &inv, IOMMU_HWPT_INVALIDATE_DATA_SELFTEST,
			     sizeof(inv), &n));
	EXPECT_EQ(n, 1);
	iommusim_close(e.m.fd);
}

TEST(HwptInvalidate, ArrayChecks)
{
	struct inv_env e;
	struct iommu_hwpt_invalidate_selftest inv[2] = { { 0 } };
	uint32_t n;

	ASSERT_OK(inv_setup(&e));
	n = 1;  /* entry_len 0 with entries */
	EXPECT_ERRNO(invalidate(e.m.fd, e.nested, inv, IOMMU_HWPT_INVALIDATE_DATA_SELFTEST, 0, &n),
		     EINVAL);
	EXPECT_EQ(n, 0);
	n = 1;  /* no array */
	EXPECT_ERRNO(invalidate(e.m.fd, e.nested, NULL, IOMMU_HWPT_INVALIDATE_DATA_SELFTEST,
				sizeof(inv[0]), &n), EINVAL);
	n = 1;  /* an entry longer than a page */
	EXPECT_ERRNO(invalidate(e.m.fd, e.nested, inv, IOMMU_HWPT_INVALIDATE_DATA_SELFTEST, 8192,
				&n), EINVAL);
	n = 1;  /* the wrong data type */
	EXPECT_ERRNO(invalidate(e.m.fd, e.nested, inv, IOMMU_HWPT_DATA_SELFTEST,
				sizeof(inv[0]), &n), EINVAL);
	EXPECT_EQ(n, 0);
	n = 0;  /* zero entries: nothing to do, and no array needed */
	EXPECT_OK(invalidate(e.m.fd, e.nested, NULL, IOMMU_HWPT_INVALIDATE_DATA_SELFTEST, 0, &n));
	EXPECT_EQ(n, 0);
	iommusim_close(e.m.fd);
}

TEST(HwptInvalidate, EntryNumIsProcessedCountAlsoOnError)
{
	struct inv_env e;
	struct iommu_hwpt_invalidate_selftest inv[3] = {
		{ .iotlb_id = 1 },
		{ .iotlb_id = 2 },
		{ .iotlb_id = MOCK_NESTED_DOMAIN_IOTLB_ID_MAX + 1 },   /* bad */
	};
	uint32_t n = 3;

	ASSERT_OK(inv_setup(&e));
	EXPECT_OK(iotlb_is(e.m.fd, e.nested, 1, IOMMU_TEST_IOTLB_DEFAULT));
	EXPECT_ERRNO(invalidate(e.m.fd, e.nested, inv, IOMMU_HWPT_INVALIDATE_DATA_SELFTEST,
				sizeof(inv[0]), &n), EINVAL);
	EXPECT_EQ(n, 2);
	/* The two good entries took effect; entry 3 and 0 did not. */
	EXPECT_OK(iotlb_is(e.m.fd, e.nested, 1, 0));
	EXPECT_OK(iotlb_is(e.m.fd, e.nested, 2, 0));
	EXPECT_OK(iotlb_is(e.m.fd, e.nested, 0, IOMMU_TEST_IOTLB_DEFAULT));
	EXPECT_OK(iotlb_is(e.m.fd, e.nested, 3, IOMMU_TEST_IOTLB_DEFAULT));

	/* Unknown flags stop at the first entry. */
	inv[0].flags = 1u << 7;
	n = 2;
	EXPECT_ERRNO(invalidate(e.m.fd, e.nested, inv, IOMMU_HWPT_INVALIDATE_DATA_SELFTEST,
				sizeof(inv[0]), &n), EOPNOTSUPP);
	EXPECT_EQ(n, 0);
	/* "All" clears every entry. */
	inv[0].flags = IOMMU_TEST_INVALIDATE_FLAG_ALL;
	n = 1;
	EXPECT_OK(invalidate(e.m.fd, e.nested, inv, IOMMU_HWPT_INVALIDATE_DATA_SELFTEST,
			     sizeof(inv[0]), &n));
	EXPECT_EQ(n, 1);
	EXPECT_OK(iotlb_is(e.m.fd, e.nested, 0, 0));
	EXPECT_OK(iotlb_is(e.m.fd, e.nested, 3, 0));
	iommusim_close(e.m.fd);
}
