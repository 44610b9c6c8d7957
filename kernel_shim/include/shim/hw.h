/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * How a simulated IOMMU driver plugs into the front door, and the
 * interrupt and time plumbing between models and drivers.
 */
#ifndef SHIM_HW_H
#define SHIM_HW_H

#include "../../frontdoor/iommusim_hw.h"

struct shim_hw_backend {
	const char *kind;
	const char *driver;     /* its name in iommusim_hw.driver */
	bool kind_default;      /* the driver of its kind when none is named */
	/* Create the model, probe it, add devices; fill info. 0 or -errno. */
	int (*add)(const struct iommusim_hw *hw, struct iommusim_hw_info *info);
	/* Tear down every instance (at shutdown). */
	void (*remove_all)(void);
};

void shim_hw_backend_register(const struct shim_hw_backend *b);
/* Whether hw asks for backend b: its kind, and its driver or the kind's default. */
bool shim_hw_backend_wants(const struct shim_hw_backend *b, const struct iommusim_hw *hw);
/*
 * A PCI IOMMU's devices (VT-d): requester ids in one segment (16 bits),
 * PASIDs of at most 20 bits (PCIe).
 */
static inline bool shim_hw_pci_request_ok(const struct iommusim_hw *hw)
{
	return hw->first_sid + hw->devices <= 0x10000 && hw->pasid_bits <= 20;
}
int shim_sys_hw_add(const struct iommusim_hw *hw, struct iommusim_hw_info *info);
void shim_sys_hw_remove_all(void);
/*
 * The hardware the machine boots with (iommusim_hw_add_machine() before
 * the kernel booted), *n units of it: what a backend whose driver probes
 * at boot builds in its initcall. NULL (and *n 0) outside shim_boot().
 */
void shim_sys_hw_set_boot_machine(const struct iommusim_hw *hw, unsigned int n);
const struct iommusim_hw *shim_hw_boot_machine(unsigned int *n);

struct device;
struct fwnode_handle;

/*
 * What firmware (DMAR/IORT/DT tables) says of a device behind an IOMMU:
 * dev is translated by the IOMMU of fwnode with requester/StreamID sid.
 * Taken under the probe lock, as the firmware glue does. 0 or -errno.
 */
int shim_hw_fw_bind(struct device *dev, struct fwnode_handle *fwnode, uint32_t sid);
/*
 * Device i of an instance becomes a VFIO cdev; info gets its sid, and
 * vfio_first at i == 0: -EBUSY if the indices are not consecutive, as the
 * front door promises.
 */
int shim_hw_vfio_add(struct device *dev, unsigned int i, uint32_t sid,
		     struct iommusim_hw_info *info);

/* Every entry into the kernel: the soft-lockup watchdog starts again (core/clock.c). */
void shim_watchdog_touch(void);

/* Simulated time for MMIO (host side keeps it; safe from any thread). */
uint64_t shim_now(void);
/* A driver about to submit a batch of invalidations: true, leave them out. */
bool shim_hw_skip_invalidation(void);

/*
 * Interrupt lines: a driver registers a handler and gets a line number;
 * a model's raise callback (any thread, no kernel lock) marks the line
 * pending; handlers run under the kernel lock at delivery.
 */
int shim_irq_request(void (*handler)(void *data, unsigned int vector), void *data);
void shim_irq_free(int line);
void shim_irq_raise(int line, unsigned int vector);
void shim_irq_deliver(void);

#endif
