/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * iommusim_hw.h - putting simulated IOMMU hardware under the kernel.
 *
 * iommusim_hw_add() instantiates a hardware model (VT-d or SMMUv3), lets
 * its driver (simvtd / simsmmu, on the kernel shim) probe it exactly as it
 * would probe silicon, and creates the devices behind it, each reachable
 * as a VFIO cdev. The caller gets the model, to send device DMA to, and
 * the device ids the model sees. Plain C types: both the kernel side and
 * user space include this header.
 */
#ifndef IOMMUSIM_HW_H
#define IOMMUSIM_HW_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define IOMMUSIM_HW_MAX_DEVICES 64

struct iommu_model;

struct iommusim_hw {
	const char *kind;       /* "vtd" or "smmuv3" */
	/*
	 * The kernel driver that programs it; NULL: the kind's default.
	 * vtd: "intel" (Linux's drivers/iommu/intel, the default) or
	 * "simvtd"; smmuv3: "simsmmu". Linux's Intel driver finds its
	 * units at boot: add them (iommusim_hw_add_machine()) before any
	 * other front-door call. A unit added later is hot-added.
	 */
	const char *driver;
	/*
	 * The model's configuration: a struct vtd_config * or a
	 * struct smmu_config *; NULL for the kind's default preset.
	 */
	const void *config;
	unsigned int devices;   /* devices behind this IOMMU (>= 1) */
	unsigned int pasid_bits;/* PASID/SubstreamID width of each device; 0: none */
	unsigned int first_sid; /* requester id / StreamID of device 0 (then +1 each) */
};

struct iommusim_hw_info {
	struct iommu_model *model;      /* owned by the driver; valid until shutdown */
	unsigned int vfio_first;        /* device i is /dev/vfio/devices/vfio<vfio_first + i> */
	unsigned int ndevices;
	uint32_t sid[IOMMUSIM_HW_MAX_DEVICES];
	char name[32];                  /* the IOMMU instance, e.g. "simvtd0" */
};

/* 0, or -1 with errno (ENOENT: no driver for kind; EINVAL: bad request). */
int iommusim_hw_add(const struct iommusim_hw *hw, struct iommusim_hw_info *info);
/*
 * The n units hw[0..n-1], in order, info[i] for hw[i]. Before the kernel
 * boots they are the machine it boots with, all described by firmware at
 * once (one DMAR table for every VT-d unit), as a server with several
 * units is; after boot, each is added as by iommusim_hw_add(). A failure
 * leaves the units before it in place.
 */
int iommusim_hw_add_machine(const struct iommusim_hw *hw, unsigned int n,
			    struct iommusim_hw_info *info);

/*
 * Simulated time seen by drivers for their register accesses (picoseconds).
 * The platform advances it; MMIO a driver issues carries it to the model.
 */
void iommusim_set_time(uint64_t now_ps);
uint64_t iommusim_get_time(void);

/*
 * Fault injection (sim/inject), a driver-side fault: the next n batches
 * of invalidations the drivers would submit are left out, as by a driver
 * that forgot a flush (the wait or sync that ends a batch still goes).
 * _left: how many of them are still to come.
 */
void iommusim_skip_invalidations(unsigned int n);
unsigned int iommusim_skip_invalidations_left(void);

/*
 * Interrupts a model raised since the last call are delivered to their
 * drivers (under the kernel lock), as a CPU taking them would. Every
 * front-door call also delivers pending interrupts on the way out.
 */
void iommusim_service_irqs(void);

#ifdef __cplusplus
}
#endif

#endif
