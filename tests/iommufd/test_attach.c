// SPDX-License-Identifier: GPL-2.0-only
/* Attach and replace between paging and nested HWPTs. */
#include <errno.h>
#include <string.h>

#include "iommufd_util.h"
#include "simtest.h"

#define LEN (4 * 4096)

TEST(Attach, ReplaceBetweenPagingDomainsSwitchesTranslation)
{
	int fd = iut_open();
	uint32_t ioas_a, ioas_b, stdev, hwpt_a, hwpt_b, idev;
	unsigned char *a = iut_buffer(LEN), *b = iut_buffer(LEN);
	uint64_t iova = MOCK_APERTURE_START;
	char v = 'v';

	ASSERT_GE(fd, 0);
	ASSERT_OK(iut_ioas_alloc(fd, &ioas_a));
	ASSERT_OK(iut_ioas_alloc(fd, &ioas_b));
	ASSERT_OK(iut_ioas_map_fixed(fd, ioas_a, a, LEN, iova));
	ASSERT_OK(iut_ioas_map_fixed(fd, ioas_b, b, LEN, iova));
	ASSERT_OK(iut_mock_domain(fd, ioas_a, 0, &stdev, &hwpt_a, &idev));
	ASSERT_OK(iut_hwpt_alloc(fd, idev, ioas_b, 0, 0, 0, NULL, 0, &hwpt_b));

	ASSERT_OK(iommusim_mock_dma(fd, hwpt_a, iova + 1, &v, 1, true));
	EXPECT_EQ(a[1], 'v');
	ASSERT_OK(iut_mock_attach(fd, stdev, hwpt_b));
	v = 'w';
	ASSERT_OK(iommusim_mock_dma(fd, hwpt_b, iova + 1, &v, 1, true));
	EXPECT_EQ(b[1], 'w');
	EXPECT_EQ(a[1], 'v');
	/* Attached to B, A's HWPT can be destroyed; B's cannot. */
	EXPECT_ERRNO(iut_destroy(fd, hwpt_b), EBUSY);
	iommusim_close(fd);
	iut_buffer_free(a, LEN);
	iut_buffer_free(b, LEN);
}

TEST(Attach, ReplacePagingToNestedAndBack)
{
	struct iut_mock m;
	uint32_t nested;

	ASSERT_OK(iut_mock_open_parent(&m));
	ASSERT_OK(iut_hwpt_alloc_nested(m.fd, m.idev_id, m.parent_id, 0, 0, &nested));
	EXPECT_OK(iut_mock_attach(m.fd, m.stdev_id, nested));
	/* The nested HWPT is in use: it and its parent stay. */
	EXPECT_ERRNO(iut_destroy(m.fd, nested), EBUSY);
	EXPECT_ERRNO(iut_destroy(m.fd, m.parent_id), EBUSY);
	EXPECT_OK(iut_mock_attach(m.fd, m.stdev_id, m.parent_id));
	EXPECT_OK(iut_destroy(m.fd, nested));
	EXPECT_OK(iut_mock_attach(m.fd, m.stdev_id, m.ioas_id));
	EXPECT_OK(iut_destroy(m.fd, m.parent_id));
	/* A nested HWPT can not be an attach target once destroyed. */
	EXPECT_ERRNO(iut_mock_attach(m.fd, m.stdev_id, nested), ENOENT);
	iommusim_close(m.fd);
}
