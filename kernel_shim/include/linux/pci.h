/* SPDX-License-Identifier: GPL-2.0-only */
/* No PCI core: simulated devices sit on the platform bus and their driver
 * knows their requester ID. iommu.c's PCI grouping code compiles against
 * these declarations but is never reached (dev_is_pci() is false). */
#ifndef _SHIM_LINUX_PCI_H
#define _SHIM_LINUX_PCI_H

#include <linux/device.h>

struct pci_bus {
	struct pci_bus *parent;
	struct pci_dev *self;
	unsigned char number;
};

struct pci_dev {
	struct device dev;
	struct pci_bus *bus;
	unsigned int devfn;
	unsigned int multifunction:1;
	unsigned int is_virtfn:1;
	unsigned int untrusted:1;
	unsigned short vendor, device;
};

#define to_pci_dev(d) container_of(d, struct pci_dev, dev)
#define dev_is_pci(d) ((void)(d), false)
#define PCI_DEVFN(slot, func) ((((slot) & 0x1f) << 3) | ((func) & 0x07))
#define PCI_SLOT(devfn) (((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn) ((devfn) & 0x07)
#define PCI_DEVID(bus, devfn) ((((u16)(bus)) << 8) | (devfn))
#define PCI_PASID_CTRL_ENABLE 0x01
#define PCI_PASID_CTRL_EXEC 0x02
#define PCI_PASID_CTRL_PRIV 0x04
#define PCI_ACS_SV 0x0001
#define PCI_ACS_RR 0x0004
#define PCI_ACS_CR 0x0008
#define PCI_ACS_UF 0x0010
#define for_each_pci_dev(d) while ((d = pci_get_device(0xffff, 0xffff, d)) != NULL)
#define pci_is_root_bus(b) (!(b)->parent)

struct pci_dev *pci_get_device(unsigned int vendor, unsigned int device, struct pci_dev *from);
static inline void pci_dev_put(struct pci_dev *dev) { }
static inline bool pci_acs_enabled(struct pci_dev *pdev, u16 acs_flags) { return true; }
static inline bool pci_acs_path_enabled(struct pci_dev *start, struct pci_dev *end, u16 acs_flags) { return true; }
static inline bool pci_devs_are_dma_aliases(struct pci_dev *a, struct pci_dev *b) { return false; }
int pci_for_each_dma_alias(struct pci_dev *pdev,
			   int (*fn)(struct pci_dev *pdev, u16 alias, void *data), void *data);
static inline bool pci_ats_supported(struct pci_dev *dev) { return false; }
static inline int pci_max_pasids(struct pci_dev *pdev) { return -EINVAL; }
static inline int pci_pasid_status(struct pci_dev *pdev) { return -EINVAL; }
static inline bool pci_pri_supported(struct pci_dev *pdev) { return false; }
static inline int pci_pasid_features(struct pci_dev *pdev) { return -EINVAL; }
static inline struct pci_dev *pci_physfn(struct pci_dev *dev) { return dev; }
static inline bool pci_is_pcie(struct pci_dev *dev) { return false; }

#endif
