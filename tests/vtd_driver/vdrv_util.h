/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers for the simvtd driver tests: a VT-d model under its driver
 * (iommusim_hw_add), VFIO cdev bind/attach, device DMA through the model
 * into simulated memory, and an independent reader of the structures the
 * driver wrote (root -> context -> PASID entry -> second-stage leaf),
 * written from the spec, not from the driver.
 */
#ifndef TESTS_VTD_DRIVER_VDRV_UTIL_H
#define TESTS_VTD_DRIVER_VDRV_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "iommufd_util.h"
#include "iommusim_hw.h"
#include "vtd.h"

struct vdrv {
	struct iommusim_hw_info info;
	struct vtd_config cfg;
	int fd;                 /* /dev/iommu */
	int devfd[4];
	uint32_t devid[4];
	unsigned int ndev;
};

/*
 * A model (cfg NULL: spr preset) with ndev devices, each bound to a new
 * iommufd. Under Linux's Intel driver, which finds its units at boot, a
 * unit set up when every earlier one is torn down comes with a new
 * machine (a reboot, iut_reboot()). 0, -1, or VDRV_UNIT_REFUSED: a unit
 * set up beside a live one must join by DMAR hotplug, and 6.12 refuses
 * every hot-added unit: intel/cap_audit.h's MINIMAL_FEATURE_HOTPLUG
 * compares a CAP field still in place (masked) with the same field
 * shifted down, so any unit with a nonzero MAMV, NFR, SLLPS, FRO or
 * MGAW "mismatches" (-EFAULT). VDRV_SETUP() skips the rest of the test
 * then; two units at once come with vdrv_setup_two().
 */
#define VDRV_UNIT_REFUSED (-2)

/* Whether the tests run on Linux's Intel driver (test_intel_driver). */
bool vdrv_linux_driver(void);
/*
 * The AW of a new paging domain's PASID entry on a unit of SAGAW sagaw:
 * simvtd starts 4-level (48 bits) and grows; Linux 6.12 gives every
 * paging domain the unit's widest AGAW up to 57 bits at allocation
 * (intel/iommu.c, paging_domain_alloc(): domain->agaw = iommu->agaw).
 */
unsigned int vdrv_paging_aw(unsigned int sagaw);
#define VDRV_SETUP(t, cfg, ndev, pasid_bits)                                           \
	do {                                                                           \
		int vdrv_rc_ = vdrv_setup(t, cfg, ndev, pasid_bits);                   \
		if (vdrv_rc_ == VDRV_UNIT_REFUSED)                                     \
			SKIP("a second VT-d unit: Linux 6.12 refuses DMAR hotplug "   \
			     "(cap_audit.c MINIMAL_FEATURE_HOTPLUG)");                 \
		ASSERT_OK(vdrv_rc_);                                                   \
	} while (0)
int vdrv_setup(struct vdrv *t, const struct vtd_config *cfg, unsigned int ndev,
	       unsigned int pasid_bits);
/* The same with the requester id of device 0 chosen (vdrv_setup: 0x100 up). */
int vdrv_setup_at(struct vdrv *t, const struct vtd_config *cfg, unsigned int ndev,
		  unsigned int pasid_bits, unsigned int first_sid);
/* Two units (spr preset, ndev devices each) in one machine, both at boot. */
int vdrv_setup_two(struct vdrv *a, struct vdrv *b, unsigned int ndev);
void vdrv_teardown(struct vdrv *t);
int vdrv_attach(struct vdrv *t, unsigned int i, uint32_t *pt_id);
int vdrv_detach(struct vdrv *t, unsigned int i);

/* A device DMA of len bytes (within one page) at iova; 0 or the XLATE status. */
struct vdrv_dma {
	bool has_pasid, pri, priv;
	uint32_t pasid;
	struct xlate_res res;
};
int vdrv_dma(struct vdrv *t, unsigned int i, uint64_t iova, void *buf, uint32_t len,
	     bool write, struct vdrv_dma *opt);

/* The RID_PASID (PASID 0) entry of device i as the hardware finds it. */
int vdrv_pasid_entry(struct vdrv *t, unsigned int i, uint64_t pe[8]);
/* The second-stage leaf for iova under SSPTPTR/AW of pe; its level (1..5). */
int vdrv_ss_leaf(const uint64_t pe[8], uint64_t iova, uint64_t *leaf, unsigned int *level);

/* Fault record i from the register file: hi qword (F, FR, SID...) and lo. */
void vdrv_frcd(struct vdrv *t, unsigned int i, uint64_t *lo, uint64_t *hi);

#endif
