// SPDX-License-Identifier: GPL-2.0-only
/*
 * One kernel, one VT-d and one SMMUv3 instance, each under its own driver.
 * The same IOAS attached to a device of each must give the same physical
 * addresses through both models, and the real iommufd must refuse a
 * nested HWPT whose parent belongs to the other IOMMU driver.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "iommu_model.h"
#include "iommufd_util.h"
#include "iommusim_hw.h"
#include "iommusim_pmem.h"
#include "pmem.h"
#include "simtest.h"
#include "uapi/iommusim_smmuv3.h"

#define RAM (256 * 1024)

struct cross {
	int fd, dev_vtd, dev_smmu;
	struct iommusim_hw_info vtd, smmu;
	uint32_t id_vtd, id_smmu;
};

static int bind(int fd, unsigned int vfio, int *devfd, uint32_t *devid)
{
	char path[64];
	struct vfio_device_bind_iommufd b = { .argsz = sizeof(b), .iommufd = fd };

	snprintf(path, sizeof(path), "/dev/vfio/devices/vfio%u", vfio);
	*devfd = iommusim_open(path, O_RDWR);
	if (*devfd < 0 || iommusim_ioctl(*devfd, VFIO_DEVICE_BIND_IOMMUFD, &b))
		return -1;
	*devid = b.out_devid;
	return 0;
}

static int attach(int devfd, uint32_t pt)
{
	struct vfio_device_attach_iommufd_pt a = { .argsz = sizeof(a), .pt_id = pt };

	return iommusim_ioctl(devfd, VFIO_DEVICE_ATTACH_IOMMUFD_PT, &a);
}

static int cross_setup(struct cross *c)
{
	struct iommusim_hw vtd = { .kind = "vtd", .driver = "simvtd", .devices = 1, .first_sid = 0x300 };
	struct iommusim_hw smmu = { .kind = "smmuv3", .devices = 1, .first_sid = 0x40 };

	c->fd = iut_open();
	if (c->fd < 0 || iommusim_hw_add(&vtd, &c->vtd) || iommusim_hw_add(&smmu, &c->smmu))
		return -1;
	if (bind(c->fd, c->vtd.vfio_first, &c->dev_vtd, &c->id_vtd) ||
	    bind(c->fd, c->smmu.vfio_first, &c->dev_smmu, &c->id_smmu))
		return -1;
	return 0;
}

static void cross_teardown(struct cross *c)
{
	iommusim_close(c->dev_vtd);
	iommusim_close(c->dev_smmu);
	iommusim_close(c->fd);
}

/* A device read of one byte at iova: the physical address, or 0 on a fault. */
static uint64_t translate(struct iommusim_hw_info *hw, uint64_t iova, uint8_t access)
{
	struct xlate_req req = {
		.sid = hw->sid[0], .access = access, .iova = iova, .len = 1,
		.t_issue = iommusim_get_time(),
	};
	struct xlate_res res;

	hw->model->ops->translate(hw->model, &req, &res);
	return res.status == XLATE_OK ? res.pa : 0;
}

TEST(CrossModel, SameIoasGivesSamePhysicalAddresses)
{
	struct cross c;
	uint32_t ioas;
	uint64_t iova = 0x10000000;
	unsigned char *ram = iut_buffer(RAM);

	ASSERT_TRUE(ram != NULL);
	ASSERT_OK(cross_setup(&c));
	ASSERT_OK(iut_ioas_alloc(c.fd, &ioas));
	ASSERT_OK(iut_ioas_map_fixed(c.fd, ioas, ram, RAM, iova));
	ASSERT_OK(attach(c.dev_vtd, ioas));
	ASSERT_OK(attach(c.dev_smmu, ioas));

	for (uint64_t off = 0; off < RAM; off += 4096 + 123) {
		uint64_t pa_vtd = translate(&c.vtd, iova + off, XLATE_WRITE);
		uint64_t pa_smmu = translate(&c.smmu, iova + off, XLATE_WRITE);
		unsigned char v = (unsigned char)(off * 7 + 1);

		ASSERT_NE(pa_vtd, 0);
		EXPECT_EQ(pa_vtd, pa_smmu);
		/* ... and that address is the user's byte. */
		ASSERT_OK(pmem_write(iommusim_pmem(), pa_vtd, &v, 1));
		EXPECT_EQ(ram[off], v);
	}
	/* Outside the mapping both fault. */
	EXPECT_EQ(translate(&c.vtd, iova + RAM, XLATE_READ), 0);
	EXPECT_EQ(translate(&c.smmu, iova + RAM, XLATE_READ), 0);
	cross_teardown(&c);
	iut_buffer_free(ram, RAM);
}

TEST(CrossModel, NestedParentFromTheOtherDriverIsEINVAL)
{
	struct cross c;
	uint32_t ioas, vtd_parent, smmu_parent, nested;
	struct iommu_hwpt_arm_smmuv3 ste = { .ste = { 1 /* V=1, Config=abort */, 0 } };
	struct iommu_hwpt_vtd_s1 s1 = { .addr_width = 48 };

	ASSERT_OK(cross_setup(&c));
	ASSERT_OK(iut_ioas_alloc(c.fd, &ioas));
	ASSERT_OK(iut_hwpt_alloc(c.fd, c.id_vtd, ioas, IOMMU_HWPT_ALLOC_NEST_PARENT, 0, 0,
				 NULL, 0, &vtd_parent));
	ASSERT_OK(iut_hwpt_alloc(c.fd, c.id_smmu, ioas, IOMMU_HWPT_ALLOC_NEST_PARENT, 0, 0,
				 NULL, 0, &smmu_parent));

	/* Each driver's own parent works ... */
	EXPECT_OK(iut_hwpt_alloc(c.fd, c.id_smmu, smmu_parent, 0, 0, IOMMU_HWPT_DATA_ARM_SMMUV3,
				 &ste, sizeof(ste), &nested));
	EXPECT_OK(iut_hwpt_alloc(c.fd, c.id_vtd, vtd_parent, 0, 0, IOMMU_HWPT_DATA_VTD_S1,
				 &s1, sizeof(s1), &nested));
	/* ... the other driver's is refused by the core (domain->owner differs). */
	EXPECT_ERRNO(iut_hwpt_alloc(c.fd, c.id_smmu, vtd_parent, 0, 0, IOMMU_HWPT_DATA_ARM_SMMUV3,
				    &ste, sizeof(ste), &nested), EINVAL);
	EXPECT_ERRNO(iut_hwpt_alloc(c.fd, c.id_vtd, smmu_parent, 0, 0, IOMMU_HWPT_DATA_VTD_S1,
				    &s1, sizeof(s1), &nested), EINVAL);
	cross_teardown(&c);
}
