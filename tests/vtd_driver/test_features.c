// SPDX-License-Identifier: GPL-2.0-only
/*
 * Driver features seen through iommufd and the hardware: enforced cache
 * coherency (snoop bits the driver writes), dirty tracking (second-stage
 * D bits), page requests into iommufd's fault queue and the response back
 * to the hardware, and second-stage 2 MiB pages.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "kernel_behaviour.h"
#include "simtest.h"
#include "vdrv_guest.h"

/*
 * A coherency-enforcing device (ECAP.SC: IOMMU_CAP_ENFORCE_CACHE_COHERENCY)
 * makes iommufd enforce coherency on every paging HWPT it allocates for
 * it; a nested HWPT is never asked. Linux's rules for the bits: a
 * second-stage table gets SNP in its leaves (spec 9.8) and no PGSNP in
 * an SS-only PASID entry; a nested entry gets PGSNP when its parent
 * enforces coherency.
 */
static void coherency_case(bool sc)
{
	struct vtd_config cfg;
	struct vdrv t;
	struct vdrv_guest g;
	struct iommu_hwpt_vtd_s1 s1 = guest_s1(0, 48);
	uint64_t pe[8], leaf;
	unsigned int level;

	vtd_config_preset(&cfg, VTD_PRESET_SPR);
	cfg.caps.sc = sc;
	VDRV_SETUP(&t, &cfg, 1, 0);
	ASSERT_OK(guest_ram(&t, &g));
	ASSERT_OK(iut_hwpt_alloc(t.fd, t.devid[0], g.ioas, IOMMU_HWPT_ALLOC_NEST_PARENT, 0,
				 IOMMU_HWPT_DATA_NONE, NULL, 0, &g.parent));
	ASSERT_OK(vdrv_attach(&t, 0, &(uint32_t){ g.parent }));
	ASSERT_OK(vdrv_pasid_entry(&t, 0, pe));
	EXPECT_EQ((pe[0] & VTD_PTE0_PGTT_MASK) >> VTD_PTE0_PGTT_SHIFT, (uint64_t)VTD_PGTT_SS);
	EXPECT_FALSE(pe[1] & VTD_PTE1_PGSNP);
	ASSERT_OK(vdrv_ss_leaf(pe, GUEST_DATA_A, &leaf, &level));
	EXPECT_EQ(!!(leaf & VTD_SS_SNP), sc);
	ASSERT_OK(vdrv_ss_leaf(pe, 0x1000, &leaf, &level));
	EXPECT_EQ(!!(leaf & VTD_SS_SNP), sc);

	ASSERT_OK(iut_hwpt_alloc(t.fd, t.devid[0], g.parent, 0, 0, IOMMU_HWPT_DATA_VTD_S1,
				 &s1, sizeof(s1), &g.nested));
	ASSERT_OK(vdrv_attach(&t, 0, &(uint32_t){ g.nested }));
	ASSERT_OK(vdrv_pasid_entry(&t, 0, pe));
	EXPECT_EQ((pe[0] & VTD_PTE0_PGTT_MASK) >> VTD_PTE0_PGTT_SHIFT,
		  (uint64_t)VTD_PGTT_NESTED);
	EXPECT_EQ(!!(pe[1] & VTD_PTE1_PGSNP), sc);

	EXPECT_OK(guest_teardown(&t, &g));
}

TEST(VtdDriverFeatures, EnforceCoherencyOnPagingNotNested)
{
	coherency_case(true);
	coherency_case(false);
}

static int set_dirty(int fd, uint32_t hwpt, bool on)
{
	struct iommu_hwpt_set_dirty_tracking cmd = {
		.size = sizeof(cmd),
		.flags = on ? IOMMU_HWPT_DIRTY_TRACKING_ENABLE : 0,
		.hwpt_id = hwpt,
	};

	return iommusim_ioctl(fd, IOMMU_HWPT_SET_DIRTY_TRACKING, &cmd);
}

/* The bitmap lives in its own mapping: iommufd pins the pages it writes. */
static uint64_t get_dirty(int fd, uint32_t hwpt, uint64_t iova, uint64_t len)
{
	uint64_t *bitmap = iut_buffer(4096), bits;
	struct iommu_hwpt_get_dirty_bitmap cmd = {
		.size = sizeof(cmd),
		.hwpt_id = hwpt,
		.iova = iova,
		.length = len,
		.page_size = 4096,
		.data = (uintptr_t)bitmap,
	};

	if (!bitmap)
		return ~0ULL - 1;
	bits = iommusim_ioctl(fd, IOMMU_HWPT_GET_DIRTY_BITMAP, &cmd) ? ~0ULL : bitmap[0];
	iut_buffer_free(bitmap, 4096);
	return bits;
}

TEST(VtdDriverFeatures, DirtyTrackingCycle)
{
	struct vdrv t;
	const uint64_t iova = 0x100000, len = 16 * 4096;
	unsigned char *buf = iut_buffer(len);
	uint32_t ioas, hwpt, plain, v = 0x12345678;
	uint64_t pe[8], leaf;
	unsigned int level;

	VDRV_SETUP(&t, NULL, 1, 0);
	ASSERT_OK(iut_ioas_alloc(t.fd, &ioas));
	ASSERT_OK(iut_ioas_map_fixed(t.fd, ioas, buf, len, iova));
	ASSERT_OK(iut_hwpt_alloc(t.fd, t.devid[0], ioas, IOMMU_HWPT_ALLOC_DIRTY_TRACKING, 0,
				 IOMMU_HWPT_DATA_NONE, NULL, 0, &hwpt));
	/* A HWPT allocated without the flag has no dirty ops. */
	ASSERT_OK(iut_hwpt_alloc(t.fd, t.devid[0], ioas, 0, 0, IOMMU_HWPT_DATA_NONE, NULL, 0,
				 &plain));
	EXPECT_ERRNO(set_dirty(t.fd, plain, true), EOPNOTSUPP);
	ASSERT_OK(vdrv_attach(&t, 0, &(uint32_t){ hwpt }));
	ASSERT_OK(vdrv_pasid_entry(&t, 0, pe));
	EXPECT_FALSE(pe[0] & VTD_PTE0_SSADE);

	ASSERT_OK(set_dirty(t.fd, hwpt, true));
	ASSERT_OK(vdrv_pasid_entry(&t, 0, pe));
	EXPECT_TRUE(pe[0] & VTD_PTE0_SSADE);
	ASSERT_OK(vdrv_dma(&t, 0, iova + 3 * 4096 + 8, &v, 4, true, NULL));
	ASSERT_OK(vdrv_dma(&t, 0, iova + 7 * 4096, &v, 4, true, NULL));
	ASSERT_OK(vdrv_dma(&t, 0, iova + 5 * 4096, &v, 4, false, NULL));
	EXPECT_EQ(get_dirty(t.fd, hwpt, iova, len), (1ULL << 3) | (1ULL << 7));
	/* Read and cleared: nothing new is dirty. */
	EXPECT_EQ(get_dirty(t.fd, hwpt, iova, len), 0u);
	/*
	 * A new write to a page whose D was cleared must set it again: the
	 * IOTLB entry (filled by a write) was flushed with the clear.
	 */
	ASSERT_OK(vdrv_dma(&t, 0, iova + 3 * 4096 + 16, &v, 4, true, NULL));
	ASSERT_OK(vdrv_dma(&t, 0, iova + 15 * 4096, &v, 4, true, NULL));
	EXPECT_EQ(get_dirty(t.fd, hwpt, iova, len), (1ULL << 3) | (1ULL << 15));

	ASSERT_OK(set_dirty(t.fd, hwpt, false));
	ASSERT_OK(vdrv_pasid_entry(&t, 0, pe));
	EXPECT_FALSE(pe[0] & VTD_PTE0_SSADE);
	/*
	 * Tracking off (SSADE clear, IOTLB flushed): a write leaves no D in
	 * the leaf. Reading the bitmap now is the driver's EINVAL, which
	 * 6.12.117 dropped (an empty bitmap and success) and 6.12.118 passes
	 * to user space (kernel_behaviour.h).
	 */
	ASSERT_OK(vdrv_dma(&t, 0, iova + 9 * 4096, &v, 4, true, NULL));
	ASSERT_OK(vdrv_ss_leaf(pe, iova + 9 * 4096, &leaf, &level));
	EXPECT_FALSE(leaf & VTD_SS_D);
	if (KB_DIRTY_READ_PASSES_DRIVER_ERROR) {
		EXPECT_EQ(get_dirty(t.fd, hwpt, iova, len), ~0ULL);
		EXPECT_EQ(errno, EINVAL);
	} else {
		EXPECT_EQ(get_dirty(t.fd, hwpt, iova, len), 0u);
	}
	ASSERT_OK(set_dirty(t.fd, hwpt, true));
	EXPECT_EQ(get_dirty(t.fd, hwpt, iova, len), 0u);
	ASSERT_OK(vdrv_dma(&t, 0, iova + 9 * 4096, &v, 4, true, NULL));
	ASSERT_OK(vdrv_ss_leaf(pe, iova + 9 * 4096, &leaf, &level));
	EXPECT_TRUE(leaf & VTD_SS_D);
	EXPECT_EQ(get_dirty(t.fd, hwpt, iova, len), 1ULL << 9);

	vdrv_detach(&t, 0);
	iut_destroy(t.fd, hwpt);
	iut_destroy(t.fd, plain);
	vdrv_teardown(&t);
	iut_buffer_free(buf, len);
}

/*
 * Dirty tracking on a nest parent reaches the nested PASID entries built
 * on it (SSADE), and a device write through the nested translation marks
 * the guest-physical page in the parent's bitmap.
 */
TEST(VtdDriverFeatures, DirtyTrackingThroughNestedParent)
{
	struct vdrv t;
	struct vdrv_guest g;
	uint64_t *bitmap = iut_buffer(4096), pe[8];
	struct iommu_hwpt_get_dirty_bitmap cmd = {
		.size = sizeof(cmd), .iova = 0, .length = GUEST_RAM, .page_size = 4096,
		.data = (uintptr_t)bitmap,
	};
	uint32_t v = 0x600dd1e7;

	ASSERT_TRUE(bitmap != NULL);
	VDRV_SETUP(&t, NULL, 1, 0);
	ASSERT_OK(guest_ram(&t, &g));
	guest_fs_map(&g, GUEST_GIOVA, GUEST_DATA_B);
	ASSERT_OK(guest_hwpts(&t, &g, IOMMU_HWPT_ALLOC_DIRTY_TRACKING));
	ASSERT_OK(vdrv_attach(&t, 0, &(uint32_t){ g.nested }));
	ASSERT_OK(vdrv_pasid_entry(&t, 0, pe));
	EXPECT_FALSE(pe[0] & VTD_PTE0_SSADE);
	ASSERT_OK(set_dirty(t.fd, g.parent, true));
	ASSERT_OK(vdrv_pasid_entry(&t, 0, pe));
	EXPECT_TRUE(pe[0] & VTD_PTE0_SSADE);
	EXPECT_EQ((pe[0] & VTD_PTE0_PGTT_MASK) >> VTD_PTE0_PGTT_SHIFT,
		  (uint64_t)VTD_PGTT_NESTED);

	ASSERT_OK(vdrv_dma(&t, 0, GUEST_GIOVA + 0x80, &v, 4, true, NULL));
	cmd.hwpt_id = g.parent;
	ASSERT_OK(iommusim_ioctl(t.fd, IOMMU_HWPT_GET_DIRTY_BITMAP, &cmd));
	/* Exactly the data page (the guest tables had A/D preset: no table writes). */
	for (unsigned int w = 0; w < GUEST_RAM / 4096 / 64; w++)
		EXPECT_EQ(bitmap[w], w == GUEST_DATA_B / 4096 / 64 ?
				     1ULL << ((GUEST_DATA_B / 4096) % 64) : 0);
	ASSERT_OK(set_dirty(t.fd, g.parent, false));
	ASSERT_OK(vdrv_pasid_entry(&t, 0, pe));
	EXPECT_FALSE(pe[0] & VTD_PTE0_SSADE);

	EXPECT_OK(guest_teardown(&t, &g));
	iut_buffer_free(bitmap, 4096);
}

TEST(VtdDriverFeatures, PageRequestThroughFaultQueue)
{
	struct vdrv t;
	struct vdrv_guest g;
	struct iommu_hwpt_vtd_s1 s1 = guest_s1(0, 48);
	struct iommu_hwpt_pgfault pf;
	struct iommu_hwpt_page_response resp;
	struct vdrv_dma d = { .has_pasid = true, .pasid = 0, .pri = true };
	uint32_t fault_id, v = 0xfeedbeef;
	int fault_fd;

	VDRV_SETUP(&t, NULL, 1, 20);
	ASSERT_OK(guest_ram(&t, &g));
	guest_fs_map(&g, GUEST_GIOVA, 0);       /* tables present, the page not */
	ASSERT_OK(iut_fault_alloc(t.fd, &fault_id, &fault_fd));
	ASSERT_OK(iut_hwpt_alloc(t.fd, t.devid[0], g.ioas, IOMMU_HWPT_ALLOC_NEST_PARENT, 0,
				 IOMMU_HWPT_DATA_NONE, NULL, 0, &g.parent));
	ASSERT_OK(iut_hwpt_alloc(t.fd, t.devid[0], g.parent, IOMMU_HWPT_FAULT_ID_VALID,
				 fault_id, IOMMU_HWPT_DATA_VTD_S1, &s1, sizeof(s1), &g.nested));
	/*
	 * The parent first, as a VMM does: Linux 6.12 turns ATS on only when
	 * a paging domain is attached (intel/iommu.c, iommu_enable_pci_caps()
	 * from dmar_domain_attach_device()), off when the device is blocked
	 * (device_block_translation()), and enables IOPF only with ATS on
	 * (intel_iommu_enable_iopf(): -ENODEV): a fault-capable nested HWPT
	 * cannot be attached straight to a blocked device.
	 */
	ASSERT_OK(vdrv_attach(&t, 0, &(uint32_t){ g.parent }));
	ASSERT_OK(vdrv_attach(&t, 0, &(uint32_t){ g.nested }));

	EXPECT_EQ(vdrv_dma(&t, 0, GUEST_GIOVA + 0x10, &v, 4, true, &d), (int)XLATE_STALLED);
	EXPECT_EQ(vtd_prq_outstanding(t.info.model), 1u);
	/* The page request interrupt reaches the driver, which reports it. */
	iommusim_service_irqs();
	ASSERT_EQ(iommusim_read(fault_fd, &pf, sizeof(pf)), (ssize_t)sizeof(pf));
	EXPECT_EQ(pf.dev_id, t.devid[0]);
	EXPECT_EQ(pf.addr, GUEST_GIOVA);
	EXPECT_EQ(pf.pasid, 0u);
	EXPECT_EQ(pf.perm, (uint32_t)IOMMU_PGFAULT_PERM_WRITE);
	/* iommufd passes the core's flags on (NEEDS_PASID, bit 2, included). */
	EXPECT_EQ(pf.flags & (IOMMU_PGFAULT_FLAGS_PASID_VALID | IOMMU_PGFAULT_FLAGS_LAST_PAGE),
		  (uint32_t)(IOMMU_PGFAULT_FLAGS_PASID_VALID | IOMMU_PGFAULT_FLAGS_LAST_PAGE));
	/* The guest maps the page and answers; the answer reaches the hardware. */
	guest_fs_map(&g, GUEST_GIOVA, GUEST_DATA_A);
	resp = (struct iommu_hwpt_page_response){ .cookie = pf.cookie,
						  .code = IOMMUFD_PAGE_RESP_SUCCESS };
	ASSERT_EQ(iommusim_write(fault_fd, &resp, sizeof(resp)), (ssize_t)sizeof(resp));
	EXPECT_EQ(vtd_prq_outstanding(t.info.model), 0u);
	EXPECT_EQ(vtd_get_counters(t.info.model)->prq_responses, 1u);
	EXPECT_EQ(vtd_get_counters(t.info.model)->prq_bad_responses, 0u);
	/* The device retries and its write lands. */
	ASSERT_OK(vdrv_dma(&t, 0, GUEST_GIOVA + 0x10, &v, 4, true, &d));
	EXPECT_EQ(*(uint32_t *)(g.ram + GUEST_DATA_A + 0x10), v);

	/*
	 * A page request without a PASID: Linux's rule is to answer it
	 * "invalid" in the driver; nothing reaches the fault queue.
	 */
	guest_fs_map(&g, GUEST_GIOVA + 0x1000, 0);
	d = (struct vdrv_dma){ .pri = true };
	EXPECT_EQ(vdrv_dma(&t, 0, GUEST_GIOVA + 0x1000, &v, 4, false, &d), (int)XLATE_STALLED);
	EXPECT_EQ(vtd_prq_outstanding(t.info.model), 1u);
	iommusim_service_irqs();
	EXPECT_EQ(vtd_prq_outstanding(t.info.model), 0u);
	EXPECT_EQ(vtd_get_counters(t.info.model)->prq_responses, 2u);
	EXPECT_EQ(vtd_get_counters(t.info.model)->prq_bad_responses, 0u);

	vdrv_detach(&t, 0);
	iut_destroy(t.fd, g.nested);
	iut_destroy(t.fd, g.parent);
	iommusim_close(fault_fd);
	iut_destroy(t.fd, fault_id);
	vdrv_teardown(&t);
	guest_ram_free(&g);
}

/* A 2 MiB-aligned user buffer (user memory is physically contiguous per 2 MiB). */
static unsigned char *aligned_buffer(size_t len, void **raw, size_t *rawlen)
{
	*rawlen = len + (2u << 20);
	*raw = iut_buffer(*rawlen);
	if (!*raw)
		return NULL;
	return (unsigned char *)(((uintptr_t)*raw + (2u << 20) - 1) & ~(uintptr_t)((2u << 20) - 1));
}

static void superpage_case(bool sllps_2m, unsigned int want_level)
{
	struct vtd_config cfg;
	struct vdrv t;
	const uint64_t iova = 0x40000000, len = 4u << 20;
	void *raw;
	size_t rawlen;
	unsigned char *buf = aligned_buffer(len, &raw, &rawlen);
	uint32_t ioas, pt, v = 0x2f2f2f2f;
	uint64_t pe[8], leaf;
	unsigned int level;
	struct vdrv_dma d = { 0 };

	ASSERT_TRUE(buf != NULL);
	vtd_config_preset(&cfg, VTD_PRESET_SPR);
	cfg.caps.sllps_2m = sllps_2m;
	/*
	 * Linux reads SLLPS as a count of levels, not a set of sizes
	 * (intel/iommu.c, iommu_superpage_capability(): fls(SLLPS)), so a
	 * unit with 1 GiB but no 2 MiB pages, which the spec allows (11.4.2),
	 * would get 2 MiB leaves from it and fault them. Real units have both
	 * or neither; so has the one Linux's driver is tested on here.
	 */
	if (vdrv_linux_driver() && !sllps_2m)
		cfg.caps.sllps_1g = false;
	VDRV_SETUP(&t, &cfg, 1, 0);
	ASSERT_OK(iut_ioas_alloc(t.fd, &ioas));
	ASSERT_OK(iut_ioas_map_fixed(t.fd, ioas, buf, len, iova));
	pt = ioas;
	ASSERT_OK(vdrv_attach(&t, 0, &pt));
	ASSERT_OK(vdrv_pasid_entry(&t, 0, pe));
	ASSERT_OK(vdrv_ss_leaf(pe, iova + 0x323456, &leaf, &level));
	EXPECT_EQ(level, want_level);
	EXPECT_EQ(!!(leaf & VTD_SS_PS), want_level > 1);
	ASSERT_OK(vdrv_dma(&t, 0, iova + 0x323456, &v, 4, true, &d));
	EXPECT_EQ(d.res.page_shift, want_level == 2 ? 21 : 12);
	EXPECT_EQ(*(uint32_t *)(buf + 0x323456), v);
	ASSERT_OK(iut_ioas_unmap(t.fd, ioas, iova, len, NULL));
	EXPECT_EQ(vdrv_dma(&t, 0, iova + 0x323456, &v, 4, true, &d), (int)XLATE_FAULT);
	iommusim_service_irqs();
	vdrv_teardown(&t);
	iut_buffer_free(raw, rawlen);
}

TEST(VtdDriverFeatures, SecondStage2MiBPagesWhereSllpsAllows)
{
	superpage_case(true, 2);
	superpage_case(false, 1);
}

/*
 * Second-stage tables start 4-level; on a unit with 57-bit SAGAW the
 * aperture reaches MGAW and the first map above 2^48 adds a fifth level,
 * rewriting the PASID entry (AW 48 -> 57) while old mappings keep working.
 */
TEST(VtdDriverFeatures, FifthLevelForAddressesAbove48Bits)
{
	struct vtd_config only48;
	struct vdrv t, u;
	const uint64_t low = 0x1000000, high = 1ULL << 50, len = 4 * 4096;
	unsigned char *buf = iut_buffer(len), *buf2 = iut_buffer(len);
	uint32_t ioas, ioas2, pt, v = 0x5151aaaa, w = 0x7e7e0101;
	uint64_t pe[8], leaf;
	unsigned int level;

	ASSERT_TRUE(buf && buf2);
	VDRV_SETUP(&t, NULL, 1, 0);
	ASSERT_OK(iut_ioas_alloc(t.fd, &ioas));
	ASSERT_OK(iut_ioas_map_fixed(t.fd, ioas, buf, len, low));
	pt = ioas;
	ASSERT_OK(vdrv_attach(&t, 0, &pt));
	ASSERT_OK(vdrv_pasid_entry(&t, 0, pe));
	EXPECT_EQ((pe[0] & VTD_PTE0_AW_MASK) >> VTD_PTE0_AW_SHIFT,
		  vdrv_paging_aw(t.cfg.caps.sagaw));
	ASSERT_OK(vdrv_dma(&t, 0, low + 4096, &v, 4, true, NULL));

	ASSERT_OK(iut_ioas_map_fixed(t.fd, ioas, buf2, len, high));
	ASSERT_OK(vdrv_pasid_entry(&t, 0, pe));
	EXPECT_EQ((pe[0] & VTD_PTE0_AW_MASK) >> VTD_PTE0_AW_SHIFT, 3u);
	ASSERT_OK(vdrv_ss_leaf(pe, high + 2 * 4096, &leaf, &level));
	EXPECT_EQ(level, 1u);
	ASSERT_OK(vdrv_dma(&t, 0, high + 2 * 4096 + 12, &w, 4, true, NULL));
	EXPECT_EQ(*(uint32_t *)(buf2 + 2 * 4096 + 12), w);
	/* The old mapping, now one level deeper, still translates. */
	v = 0x0badcafe;
	ASSERT_OK(vdrv_dma(&t, 0, low + 4096, &v, 4, true, NULL));
	EXPECT_EQ(*(uint32_t *)(buf + 4096), v);
	vdrv_teardown(&t);

	/*
	 * Without 57-bit SAGAW the aperture ends at 2^48: iommufd reserves the
	 * rest, and a fixed map into a reserved range is EINVAL (iopt_check_iova).
	 */
	vtd_config_preset(&only48, VTD_PRESET_SPR);
	only48.caps.sagaw = VTD_SAGAW_48;
	VDRV_SETUP(&u, &only48, 1, 0);
	ASSERT_OK(iut_ioas_alloc(u.fd, &ioas2));
	pt = ioas2;
	ASSERT_OK(vdrv_attach(&u, 0, &pt));
	EXPECT_ERRNO(iut_ioas_map_fixed(u.fd, ioas2, buf2, len, high), EINVAL);
	vdrv_teardown(&u);
	iut_buffer_free(buf, len);
	iut_buffer_free(buf2, len);
}
