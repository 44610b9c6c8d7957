// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simvtd driver brought up under the real iommu core: probe, hw_info,
 * a paging HWPT over an IOAS with device DMA landing in the user's buffer,
 * and IOAS unmap making DMA fault, read back from the fault records.
 */
#include <string.h>

#include "simtest.h"
#include "vdrv_util.h"

#define LEN (16 * 4096)

TEST(VtdDriver, HwInfoIsTheModelsCapEcap)
{
	struct vdrv t;
	struct iommu_hw_info_vtd vtd = { 0 };
	struct iommu_hw_info cmd = {
		.size = sizeof(cmd),
		.data_len = sizeof(vtd),
		.data_uptr = (uintptr_t)&vtd,
	};

	VDRV_SETUP(&t, NULL, 2, 0);
	EXPECT_EQ(t.info.ndevices, 2u);
	EXPECT_EQ(t.info.sid[1], t.info.sid[0] + 1);
	EXPECT_EQ(strncmp(t.info.name, vdrv_linux_driver() ? "dmar" : "simvtd",
			  vdrv_linux_driver() ? 4 : 6), 0);
	cmd.dev_id = t.devid[1];
	ASSERT_OK(iommusim_ioctl(t.fd, IOMMU_GET_HW_INFO, &cmd));
	EXPECT_EQ(cmd.out_data_type, (uint32_t)IOMMU_HW_INFO_TYPE_INTEL_VTD);
	EXPECT_EQ(cmd.data_len, (uint32_t)sizeof(vtd));
	EXPECT_EQ(vtd.cap_reg, vtd_config_cap(&t.cfg));
	EXPECT_EQ(vtd.ecap_reg, vtd_config_ecap(&t.cfg));
	/* The dirty-tracking capability follows ECAP.SSADS (spr has it). */
	EXPECT_TRUE(cmd.out_capabilities & IOMMU_HW_CAP_DIRTY_TRACKING);
	vdrv_teardown(&t);
}

TEST(VtdDriver, PagingDmaLandsInUserBufferAndUnmapFaults)
{
	struct vdrv t;
	unsigned char *buf = iut_buffer(LEN);
	uint32_t ioas, pt;
	uint64_t iova = 0x40000000, pe[8], leaf, lo, hi;
	unsigned int level;
	unsigned char data[64], back[64];
	struct vdrv_dma d = { 0 };

	ASSERT_TRUE(buf != NULL);
	VDRV_SETUP(&t, NULL, 1, 0);
	ASSERT_OK(iut_ioas_alloc(t.fd, &ioas));
	ASSERT_OK(iut_ioas_map_fixed(t.fd, ioas, buf, LEN, iova));
	pt = ioas;
	ASSERT_OK(vdrv_attach(&t, 0, &pt));
	EXPECT_NE(pt, ioas);    /* an automatic HWPT */

	/* The driver wrote a second-stage-only PASID entry. */
	ASSERT_OK(vdrv_pasid_entry(&t, 0, pe));
	EXPECT_TRUE(pe[0] & VTD_PTE0_P);
	EXPECT_EQ((pe[0] & VTD_PTE0_PGTT_MASK) >> VTD_PTE0_PGTT_SHIFT, (uint64_t)VTD_PGTT_SS);
	EXPECT_EQ((pe[0] & VTD_PTE0_AW_MASK) >> VTD_PTE0_AW_SHIFT,
		  vdrv_paging_aw(t.cfg.caps.sagaw));
	ASSERT_OK(vdrv_ss_leaf(pe, iova + 5 * 4096, &leaf, &level));
	EXPECT_EQ(level, 1u);
	EXPECT_TRUE((leaf & (VTD_SS_R | VTD_SS_W)) == (VTD_SS_R | VTD_SS_W));

	for (unsigned int i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(0x5a ^ i);
	ASSERT_OK(vdrv_dma(&t, 0, iova + 5 * 4096 + 0x123, data, sizeof(data), true, &d));
	EXPECT_MEMEQ(buf + 5 * 4096 + 0x123, data, sizeof(data));
	buf[9 * 4096 + 7] = 0xc3;
	ASSERT_OK(vdrv_dma(&t, 0, iova + 9 * 4096 + 7, back, 1, false, NULL));
	EXPECT_EQ(back[0], 0xc3);

	/* Unmap: the driver must invalidate, or the IOTLB would still translate. */
	ASSERT_OK(iut_ioas_unmap(t.fd, ioas, iova, LEN, NULL));
	EXPECT_EQ(vdrv_dma(&t, 0, iova + 5 * 4096 + 0x123, data, 8, true, &d), (int)XLATE_FAULT);
	EXPECT_EQ(d.res.fault_code, (uint32_t)VTD_FR_SM_SS_NP);
	/* The fault sits in record 0 until the driver's interrupt handler runs. */
	vdrv_frcd(&t, 0, &lo, &hi);
	EXPECT_TRUE(hi & VTD_FRCD_F);
	EXPECT_EQ(hi & VTD_FRCD_SID_MASK, (uint64_t)t.info.sid[0]);
	EXPECT_EQ((hi & VTD_FRCD_FR_MASK) >> VTD_FRCD_FR_SHIFT, (uint64_t)VTD_FR_SM_SS_NP);
	EXPECT_EQ(lo & VTD_FRCD_FI_MASK, iova + 5 * 4096);
	EXPECT_FALSE(hi & VTD_FRCD_T1);         /* a write */
	iommusim_service_irqs();
	vdrv_frcd(&t, 0, &lo, &hi);
	EXPECT_FALSE(hi & VTD_FRCD_F);          /* the driver took and cleared it */
	vdrv_teardown(&t);
	iut_buffer_free(buf, LEN);
}

/*
 * More faults than fault recording registers: the records fill, FSTS.PFO
 * is set; the driver's handler takes every record from FSTS.FRI on,
 * clears F in each and PFO, after which new faults are recorded again.
 */
TEST(VtdDriver, FaultRecordsOverflowAndRecover)
{
	struct vdrv t;
	struct iommu_model *m;
	uint32_t ioas, pt, v = 0;
	unsigned int nfr, pending = 0;
	uint64_t cap, lo, hi;

	VDRV_SETUP(&t, NULL, 1, 0);
	m = t.info.model;
	ASSERT_OK(iut_ioas_alloc(t.fd, &ioas));
	pt = ioas;
	ASSERT_OK(vdrv_attach(&t, 0, &pt));
	cap = m->ops->mmio_read(m, VTD_CAP_REG, 8, 0);
	nfr = ((cap & VTD_CAP_NFR_MASK) >> VTD_CAP_NFR_SHIFT) + 1;
	EXPECT_EQ(nfr, (unsigned int)t.cfg.caps.nfr);

	/* Nothing is mapped: every request faults at a distinct page. */
	for (unsigned int i = 0; i < nfr + 3; i++)
		EXPECT_EQ(vdrv_dma(&t, 0, 0x10000000 + i * 4096ULL, &v, 4, true, NULL),
			  (int)XLATE_FAULT);
	for (unsigned int i = 0; i < nfr; i++) {
		vdrv_frcd(&t, i, &lo, &hi);
		pending += !!(hi & VTD_FRCD_F);
	}
	EXPECT_EQ(pending, nfr);
	EXPECT_TRUE(m->ops->mmio_read(m, VTD_FSTS_REG, 4, 0) & VTD_FSTS_PFO);

	iommusim_service_irqs();
	for (unsigned int i = 0; i < nfr; i++) {
		vdrv_frcd(&t, i, &lo, &hi);
		EXPECT_FALSE(hi & VTD_FRCD_F);
	}
	EXPECT_EQ(m->ops->mmio_read(m, VTD_FSTS_REG, 4, 0) & (VTD_FSTS_PFO | VTD_FSTS_PPF), 0u);

	/* Recording works again, and the new fault raises a new event. */
	EXPECT_EQ(vdrv_dma(&t, 0, 0x20000000, &v, 4, false, NULL), (int)XLATE_FAULT);
	pending = 0;
	for (unsigned int i = 0; i < nfr; i++) {
		vdrv_frcd(&t, i, &lo, &hi);
		if (hi & VTD_FRCD_F) {
			pending++;
			EXPECT_EQ(lo & VTD_FRCD_FI_MASK, 0x20000000u);
			EXPECT_TRUE(hi & VTD_FRCD_T1);  /* a read */
		}
	}
	EXPECT_EQ(pending, 1u);
	iommusim_service_irqs();
	EXPECT_EQ(m->ops->mmio_read(m, VTD_FSTS_REG, 4, 0) & VTD_FSTS_PPF, 0u);
	vdrv_detach(&t, 0);
	vdrv_teardown(&t);
}
