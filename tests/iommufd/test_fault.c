// SPDX-License-Identifier: GPL-2.0-only
/* The fault queue: a mock page request read from the fault fd, answered. */
#include <errno.h>
#include <poll.h>
#include <string.h>

#include "iommufd_util.h"
#include "simtest.h"

static int readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

static int trigger_iopf(int fd, uint32_t idev, uint32_t grpid, uint64_t addr)
{
	struct iommu_test_cmd cmd = {
		.size = sizeof(cmd),
		.op = IOMMU_TEST_OP_TRIGGER_IOPF,
		.trigger_iopf = {
			.dev_id = idev,
			.pasid = 0x1,
			.grpid = grpid,
			.perm = IOMMU_PGFAULT_PERM_READ | IOMMU_PGFAULT_PERM_WRITE,
			.addr = addr,
		},
	};

	return iommusim_ioctl(fd, IOMMU_TEST_CMD, &cmd);
}

TEST(FaultQueue, PageRequestReadAndAnswered)
{
	struct iut_mock m;
	uint32_t nested, fault_id;
	int fault_fd;
	struct iommu_hwpt_pgfault pf;
	struct iommu_hwpt_page_response resp;

	ASSERT_OK(iut_mock_open_parent(&m));
	ASSERT_OK(iut_fault_alloc(m.fd, &fault_id, &fault_fd));
	ASSERT_OK(iut_hwpt_alloc_nested(m.fd, m.idev_id, m.parent_id, IOMMU_HWPT_FAULT_ID_VALID,
					fault_id, &nested));
	ASSERT_OK(iut_mock_attach(m.fd, m.stdev_id, nested));

	EXPECT_FALSE(readable(fault_fd));
	ASSERT_OK(trigger_iopf(m.fd, m.idev_id, 0x5, 0xdeadb000));
	/* The real fd became readable because a fault is queued. */
	EXPECT_TRUE(readable(fault_fd));

	memset(&pf, 0, sizeof(pf));
	ASSERT_EQ(iommusim_read(fault_fd, &pf, sizeof(pf)), (ssize_t)sizeof(pf));
	EXPECT_EQ(pf.dev_id, m.idev_id);
	EXPECT_EQ(pf.grpid, 0x5);
	EXPECT_EQ(pf.addr, 0xdeadb000);
	EXPECT_EQ(pf.pasid, 0x1);
	EXPECT_TRUE(pf.flags & IOMMU_PGFAULT_FLAGS_PASID_VALID);
	EXPECT_TRUE(pf.flags & IOMMU_PGFAULT_FLAGS_LAST_PAGE);
	EXPECT_EQ(pf.perm, IOMMU_PGFAULT_PERM_READ | IOMMU_PGFAULT_PERM_WRITE);
	EXPECT_FALSE(readable(fault_fd));

	/* A response for a cookie that was never handed out is refused. */
	resp.cookie = pf.cookie + 100;
	resp.code = IOMMUFD_PAGE_RESP_SUCCESS;
	EXPECT_ERRNO(iommusim_write(fault_fd, &resp, sizeof(resp)), EINVAL);
	resp.cookie = pf.cookie;
	EXPECT_EQ(iommusim_write(fault_fd, &resp, sizeof(resp)), (ssize_t)sizeof(resp));
	/* Answered once: the same cookie again is unknown. */
	EXPECT_ERRNO(iommusim_write(fault_fd, &resp, sizeof(resp)), EINVAL);

	EXPECT_OK(iut_mock_attach(m.fd, m.stdev_id, m.ioas_id));
	iommusim_close(fault_fd);
	iommusim_close(m.fd);
}

/* A read must be a whole number of fault records (fault.c: ESPIPE). */
TEST(FaultQueue, PartialRecordReadIsESPIPE)
{
	int fd = iut_open(), fault_fd;
	uint32_t fault_id;
	char small[8];

	ASSERT_GE(fd, 0);
	ASSERT_OK(iut_fault_alloc(fd, &fault_id, &fault_fd));
	EXPECT_ERRNO(iommusim_read(fault_fd, small, sizeof(small)), ESPIPE);
	iommusim_close(fault_fd);
	iommusim_close(fd);
}
