/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Creating the simulated PCI functions (core/pci.c): what a platform
 * backend puts behind an IOMMU before the driver enumerates it.
 */
#ifndef SHIM_PCI_H
#define SHIM_PCI_H

#include <linux/pci.h>

struct shim_pci_function {
	u16 rid;                /* bus << 8 | devfn, segment 0 */
	u16 vendor, device;
	u32 class;
	bool ats;               /* ATS extended capability */
	u8 ats_qdep;            /* invalidate queue depth; 0: 32 */
	bool pri;               /* PRI, with a PRG response that needs the PASID */
	u32 pri_max_reqs;
	u8 pasid_bits;          /* PASID capability of this width; 0: none */
};

/* A new function on the root bus of its number, not yet added. NULL: -ENOMEM or taken. */
struct pci_dev *shim_pci_alloc_function(const struct shim_pci_function *f);
/* device_add(): the bus notifiers (DMAR scope, iommu probe) see it. */
int shim_pci_add_function(struct pci_dev *pdev);
/* device_del() if added, and the last reference. */
void shim_pci_remove_function(struct pci_dev *pdev);

#endif
