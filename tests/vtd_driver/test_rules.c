// SPDX-License-Identifier: GPL-2.0-only
/*
 * HWPT allocation, attach and invalidation rules of the simvtd driver
 * under the real iommufd core (the rules Linux's Intel driver applies,
 * see drivers/simvtd/simvtd_domain.c and simvtd_nested.c).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "simtest.h"
#include "vdrv_guest.h"

static int alloc_parent(struct vdrv *t, uint32_t ioas, uint32_t *parent)
{
	return iut_hwpt_alloc(t->fd, t->devid[0], ioas, IOMMU_HWPT_ALLOC_NEST_PARENT, 0,
			      IOMMU_HWPT_DATA_NONE, NULL, 0, parent);
}

static int alloc_nested(struct vdrv *t, uint32_t parent, struct iommu_hwpt_vtd_s1 *s1,
			uint32_t len, uint32_t *id)
{
	return iut_hwpt_alloc(t->fd, t->devid[0], parent, 0, 0, IOMMU_HWPT_DATA_VTD_S1,
			      s1, len, id);
}

TEST(VtdDriverRules, PagingAllocation)
{
	struct vdrv t, m;
	struct vtd_config minimal;
	struct iommu_hwpt_vtd_s1 s1 = guest_s1(0, 48);
	uint32_t ioas, ioas_m, id;

	VDRV_SETUP(&t, NULL, 1, 0);
	ASSERT_OK(iut_ioas_alloc(t.fd, &ioas));
	/* Driver data on a paging allocation is not supported. */
	EXPECT_ERRNO(iut_hwpt_alloc(t.fd, t.devid[0], ioas, 0, 0, IOMMU_HWPT_DATA_VTD_S1,
				    &s1, sizeof(s1), &id), EOPNOTSUPP);
	EXPECT_OK(iut_hwpt_alloc(t.fd, t.devid[0], ioas, IOMMU_HWPT_ALLOC_NEST_PARENT |
				 IOMMU_HWPT_ALLOC_DIRTY_TRACKING, 0, IOMMU_HWPT_DATA_NONE,
				 NULL, 0, &id));
	EXPECT_OK(iut_destroy(t.fd, id));
	vdrv_teardown(&t);

	/* The minimal preset has neither ECAP.NEST nor ECAP.SSADS. */
	vtd_config_preset(&minimal, VTD_PRESET_MINIMAL);
	VDRV_SETUP(&m, &minimal, 1, 0);
	ASSERT_OK(iut_ioas_alloc(m.fd, &ioas_m));
	EXPECT_ERRNO(iut_hwpt_alloc(m.fd, m.devid[0], ioas_m, IOMMU_HWPT_ALLOC_NEST_PARENT, 0,
				    IOMMU_HWPT_DATA_NONE, NULL, 0, &id), EOPNOTSUPP);
	EXPECT_ERRNO(iut_hwpt_alloc(m.fd, m.devid[0], ioas_m, IOMMU_HWPT_ALLOC_DIRTY_TRACKING, 0,
				    IOMMU_HWPT_DATA_NONE, NULL, 0, &id), EOPNOTSUPP);
	EXPECT_OK(iut_hwpt_alloc(m.fd, m.devid[0], ioas_m, 0, 0, IOMMU_HWPT_DATA_NONE,
				 NULL, 0, &id));
	vdrv_teardown(&m);
}

TEST(VtdDriverRules, NestedAllocation)
{
	struct vdrv t;
	struct iommu_hwpt_vtd_s1 s1[2];
	struct iommu_hwpt_selftest st = { .iotlb = IOMMU_TEST_IOTLB_DEFAULT };
	uint32_t ioas, parent, plain, id;

	memset(s1, 0, sizeof(s1));
	s1[0] = guest_s1(0, 48);
	VDRV_SETUP(&t, NULL, 1, 0);
	ASSERT_OK(iut_ioas_alloc(t.fd, &ioas));
	ASSERT_OK(alloc_parent(&t, ioas, &parent));
	/* Another data type: not this driver's. */
	EXPECT_ERRNO(iut_hwpt_alloc(t.fd, t.devid[0], parent, 0, 0, IOMMU_HWPT_DATA_SELFTEST,
				    &st, sizeof(st), &id), EOPNOTSUPP);
	/* struct iommu_hwpt_vtd_s1 is exactly 24 bytes: shorter or longer is EINVAL. */
	EXPECT_EQ(sizeof(s1[0]), 24u);
	EXPECT_ERRNO(alloc_nested(&t, parent, s1, 16, &id), EINVAL);
	EXPECT_ERRNO(alloc_nested(&t, parent, s1, 32, &id), EINVAL);
	EXPECT_OK(alloc_nested(&t, parent, s1, 24, &id));
	EXPECT_OK(iut_destroy(t.fd, id));
	/* A parent that is no nest parent. */
	ASSERT_OK(iut_hwpt_alloc(t.fd, t.devid[0], ioas, 0, 0, IOMMU_HWPT_DATA_NONE, NULL, 0,
				 &plain));
	EXPECT_ERRNO(alloc_nested(&t, plain, s1, 24, &id), EINVAL);
	/* A nested HWPT is no parent either. */
	ASSERT_OK(alloc_nested(&t, parent, s1, 24, &id));
	EXPECT_ERRNO(alloc_nested(&t, id, s1, 24, &(uint32_t){ 0 }), EINVAL);
	EXPECT_OK(iut_destroy(t.fd, id));
	/* Flags on a nested allocation are refused by the driver. */
	EXPECT_ERRNO(iut_hwpt_alloc(t.fd, t.devid[0], parent, IOMMU_HWPT_ALLOC_DIRTY_TRACKING,
				    0, IOMMU_HWPT_DATA_VTD_S1, s1, 24, &id), EOPNOTSUPP);
	vdrv_teardown(&t);
}

TEST(VtdDriverRules, ParentFromAnotherDriverIsEinval)
{
	struct vdrv t;
	struct iommu_hwpt_vtd_s1 s1 = guest_s1(0, 48);
	struct iommusim_hw smmu = { .kind = "smmuv3", .devices = 1, .first_sid = 0x7e0 };
	struct iommusim_hw_info smmu_info;
	struct vfio_device_bind_iommufd bind = { .argsz = sizeof(bind) };
	uint32_t ioas, smmu_parent, id;
	char path[64];
	int smmu_dev;

	/*
	 * A nest parent of another driver: an SMMUv3 unit's, beside the
	 * VT-d unit in one machine and one iommufd. (Not the selftest's mock:
	 * the iommu core offers a device without a fwspec to the first IOMMU
	 * registered without a fwnode, iommu.c's __iommu_probe_device(), and
	 * with Linux's Intel driver up that is the Intel unit.)
	 */
	VDRV_SETUP(&t, NULL, 1, 0);
	ASSERT_OK(iommusim_hw_add(&smmu, &smmu_info));
	snprintf(path, sizeof(path), "/dev/vfio/devices/vfio%u", smmu_info.vfio_first);
	smmu_dev = iommusim_open(path, O_RDWR);
	ASSERT_GE(smmu_dev, 0);
	bind.iommufd = t.fd;
	ASSERT_OK(iommusim_ioctl(smmu_dev, VFIO_DEVICE_BIND_IOMMUFD, &bind));
	ASSERT_OK(iut_ioas_alloc(t.fd, &ioas));
	ASSERT_OK(iut_hwpt_alloc(t.fd, bind.out_devid, ioas, IOMMU_HWPT_ALLOC_NEST_PARENT, 0,
				 IOMMU_HWPT_DATA_NONE, NULL, 0, &smmu_parent));
	/* The real iommufd core refuses a parent owned by another driver. */
	EXPECT_ERRNO(alloc_nested(&t, smmu_parent, &s1, sizeof(s1), &id), EINVAL);
	EXPECT_OK(iut_destroy(t.fd, smmu_parent));
	iommusim_close(smmu_dev);
	vdrv_teardown(&t);
}

/* Allocation succeeds; Linux checks the stage-1 format against CAP/ECAP at attach. */
static void attach_check(const struct vtd_config *cfg, uint64_t flags, uint32_t aw, int err)
{
	struct vdrv t;
	struct iommu_hwpt_vtd_s1 s1 = guest_s1(flags, aw);
	uint32_t ioas, parent, id, pt;
	uint64_t pe[8];

	VDRV_SETUP(&t, cfg, 1, 0);
	ASSERT_OK(iut_ioas_alloc(t.fd, &ioas));
	ASSERT_OK(alloc_parent(&t, ioas, &parent));
	ASSERT_OK(alloc_nested(&t, parent, &s1, sizeof(s1), &id));
	pt = id;
	if (err) {
		EXPECT_ERRNO(vdrv_attach(&t, 0, &pt), err);
	} else {
		ASSERT_OK(vdrv_attach(&t, 0, &pt));
		ASSERT_OK(vdrv_pasid_entry(&t, 0, pe));
		EXPECT_EQ((pe[2] & VTD_PTE2_FLPM_MASK) >> VTD_PTE2_FLPM_SHIFT, aw == 57 ? 1u : 0u);
		EXPECT_EQ(!!(pe[2] & VTD_PTE2_SRE), !!(flags & IOMMU_VTD_S1_SRE));
		EXPECT_EQ(!!(pe[2] & VTD_PTE2_WPE), !!(flags & IOMMU_VTD_S1_WPE));
		EXPECT_EQ(!!(pe[2] & VTD_PTE2_EAFE), !!(flags & IOMMU_VTD_S1_EAFE));
		EXPECT_OK(vdrv_detach(&t, 0));
	}
	vdrv_teardown(&t);
}

TEST(VtdDriverRules, Stage1FormatCheckedAtAttach)
{
	struct vtd_config spr, lim;

	vtd_config_preset(&spr, VTD_PRESET_SPR);
	lim = spr;
	lim.caps.fl5lp = false;
	lim.caps.srs = false;
	lim.caps.eafs = false;

	attach_check(&spr, 0, 48, 0);
	attach_check(&spr, 0, 57, 0);
	attach_check(&spr, 0, 39, EINVAL);
	attach_check(&spr, 0, 0, EINVAL);
	attach_check(&spr, IOMMU_VTD_S1_SRE | IOMMU_VTD_S1_WPE | IOMMU_VTD_S1_EAFE, 48, 0);
	attach_check(&lim, 0, 57, EINVAL);
	attach_check(&lim, IOMMU_VTD_S1_SRE, 48, EINVAL);
	attach_check(&lim, IOMMU_VTD_S1_EAFE, 48, EINVAL);
	attach_check(&lim, 0, 48, 0);
}

TEST(VtdDriverRules, InvalidateEntries)
{
	struct vdrv t;
	struct vdrv_guest g;
	struct iommu_hwpt_vtd_s1 s1 = guest_s1(0, 48);
	struct iommu_hwpt_vtd_s1_invalidate e[3];
	struct iommu_hwpt_invalidate cmd;
	uint32_t done;

	VDRV_SETUP(&t, NULL, 1, 0);
	ASSERT_OK(guest_ram(&t, &g));
	ASSERT_OK(alloc_parent(&t, g.ioas, &g.parent));
	ASSERT_OK(alloc_nested(&t, g.parent, &s1, sizeof(s1), &g.nested));
	ASSERT_OK(vdrv_attach(&t, 0, &(uint32_t){ g.nested }));

	memset(e, 0, sizeof(e));
	e[0] = (struct iommu_hwpt_vtd_s1_invalidate){ .addr = 0x1000, .npages = 4,
						      .flags = IOMMU_VTD_INV_FLAGS_LEAF };
	e[1] = (struct iommu_hwpt_vtd_s1_invalidate){ .addr = 0, .npages = UINT64_MAX };
	e[2] = (struct iommu_hwpt_vtd_s1_invalidate){ .addr = 0x2800, .npages = 1 };
	/* The third is not 4 KiB aligned: two processed, then EINVAL. */
	EXPECT_ERRNO(guest_invalidate(t.fd, g.nested, e, 3, &done), EINVAL);
	EXPECT_EQ(done, 2u);
	EXPECT_OK(guest_invalidate(t.fd, g.nested, e, 2, &done));
	EXPECT_EQ(done, 2u);
	/* "All" is only addr 0 with npages U64_MAX. */
	e[0] = (struct iommu_hwpt_vtd_s1_invalidate){ .addr = 0x1000, .npages = UINT64_MAX };
	EXPECT_ERRNO(guest_invalidate(t.fd, g.nested, e, 1, &done), EINVAL);
	EXPECT_EQ(done, 0u);
	/* Unknown flags and reserved fields: EOPNOTSUPP. */
	e[0] = (struct iommu_hwpt_vtd_s1_invalidate){ .addr = 0x1000, .npages = 1, .flags = 2 };
	EXPECT_ERRNO(guest_invalidate(t.fd, g.nested, e, 1, &done), EOPNOTSUPP);
	EXPECT_EQ(done, 0u);
	e[0] = (struct iommu_hwpt_vtd_s1_invalidate){ .addr = 0x1000, .npages = 1,
						      .__reserved = 1 };
	EXPECT_ERRNO(guest_invalidate(t.fd, g.nested, e, 1, &done), EOPNOTSUPP);
	/* Another invalidation data type: EINVAL, nothing processed. */
	e[0] = (struct iommu_hwpt_vtd_s1_invalidate){ .addr = 0x1000, .npages = 1 };
	cmd = (struct iommu_hwpt_invalidate){
		.size = sizeof(cmd), .hwpt_id = g.nested, .data_uptr = (uintptr_t)e,
		.data_type = IOMMU_HWPT_INVALIDATE_DATA_SELFTEST, .entry_len = sizeof(e[0]),
		.entry_num = 1,
	};
	EXPECT_ERRNO(iommusim_ioctl(t.fd, IOMMU_HWPT_INVALIDATE, &cmd), EINVAL);
	EXPECT_EQ(cmd.entry_num, 0u);
	/* Each processed entry reached the hardware's queue as a descriptor. */
	{
		uint64_t before = vtd_get_counters(t.info.model)->qi_desc;

		e[0] = (struct iommu_hwpt_vtd_s1_invalidate){ .addr = 0x10000, .npages = 8 };
		e[1] = (struct iommu_hwpt_vtd_s1_invalidate){ .addr = 0x40000, .npages = 1 };
		EXPECT_OK(guest_invalidate(t.fd, g.nested, e, 2, &done));
		/* One PASID-based IOTLB descriptor and one wait per entry. */
		EXPECT_EQ(vtd_get_counters(t.info.model)->qi_desc - before, 4u);
	}
	EXPECT_OK(guest_teardown(&t, &g));
}
