/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small PCI core (core/pci.c): one segment, buses and functions that
 * the simulated platform creates, each with a 4 KiB configuration space
 * holding the capabilities an IOMMU driver reads (PCI Express, ATS, PRI,
 * PASID; PCIe 6.0 chapter 7 and 10). Functions on pci_bus_type reach the
 * iommu core's bus notifier as on a real kernel. No enumeration, no BARs,
 * no drivers bind.
 */
#ifndef _SHIM_LINUX_PCI_H
#define _SHIM_LINUX_PCI_H

#include <linux/device.h>
#include <linux/list.h>
#include <uapi/linux/pci_regs.h>

#define PCI_VENDOR_ID_INTEL 0x8086
#define PCI_DEVICE_ID_INTEL_IOAT_SNB 0x3c20
#define PCI_ANY_ID (~0)
#define PCI_BASE_CLASS_DISPLAY 0x03
#define PCI_BASE_CLASS_BRIDGE 0x06
#define PCI_CLASS_BRIDGE_ISA 0x0601
#define PCI_CLASS_SERIAL_USB 0x0c03
#define PCI_CFG_SPACE_SIZE 256
#define PCI_CFG_SPACE_EXP_SIZE 4096
#define PCIBIOS_SUCCESSFUL 0x00
#define PCIBIOS_DEVICE_NOT_FOUND 0x86
#define PCIBIOS_BAD_REGISTER_NUMBER 0x87

struct resource {
	resource_size_t start, end;
	const char *name;
	unsigned long flags;
};

struct pci_bus {
	struct list_head node;          /* in the segment's list of buses */
	struct pci_bus *parent;
	struct pci_dev *self;           /* the bridge above; NULL: root bus */
	unsigned char number;
	struct resource busn_res;       /* secondary..subordinate bus numbers */
	int domain_nr;
};

struct pci_dev {
	struct device dev;
	struct pci_bus *bus;
	struct pci_bus *subordinate;    /* a bridge's secondary bus */
	unsigned int devfn;
	unsigned short vendor, device;
	unsigned int class;             /* base, sub, prog-if: 24 bits */
	u8 hdr_type;
	u8 pcie_cap;
	u16 pcie_flags_reg;
	u16 ats_cap, pri_cap, pasid_cap;
	u8 ats_stu;
	unsigned int multifunction:1;
	unsigned int is_virtfn:1;
	unsigned int is_physfn:1;
	unsigned int untrusted:1;
	unsigned int external_facing:1;
	unsigned int ats_enabled:1;
	unsigned int pri_enabled:1;
	unsigned int pasid_enabled:1;
	unsigned int pasid_required:1;
	unsigned int is_added:1;
	u16 pasid_features;
	u32 pri_reqs_alloc;
	u8 *cfg;                        /* configuration space, PCI_CFG_SPACE_EXP_SIZE */
};

extern const struct bus_type pci_bus_type;

#define to_pci_dev(d) container_of(d, struct pci_dev, dev)
#define dev_is_pci(d) ((d)->bus == &pci_bus_type)
#define PCI_DEVFN(slot, func) ((((slot) & 0x1f) << 3) | ((func) & 0x07))
#define PCI_SLOT(devfn) (((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn) ((devfn) & 0x07)
#define PCI_DEVID(bus, devfn) ((((u16)(bus)) << 8) | (devfn))
#define PCI_BUS_NUM(x) (((x) >> 8) & 0xff)
#define for_each_pci_dev(d) while ((d = pci_get_device(PCI_ANY_ID, PCI_ANY_ID, d)) != NULL)
#define pci_is_root_bus(b) (!(b)->parent)
#define pci_name(pdev) dev_name(&(pdev)->dev)
#define pci_info(pdev, fmt, ...) dev_info(&(pdev)->dev, fmt, ##__VA_ARGS__)
#define pci_warn(pdev, fmt, ...) dev_warn(&(pdev)->dev, fmt, ##__VA_ARGS__)
#define pci_err(pdev, fmt, ...) dev_err(&(pdev)->dev, fmt, ##__VA_ARGS__)
#define pci_dbg(pdev, fmt, ...) dev_dbg(&(pdev)->dev, fmt, ##__VA_ARGS__)

static inline u16 pci_dev_id(struct pci_dev *dev) { return PCI_DEVID(dev->bus->number, dev->devfn); }
static inline int pci_domain_nr(struct pci_bus *bus) { return bus->domain_nr; }
static inline bool pci_is_pcie(struct pci_dev *dev) { return dev->pcie_cap != 0; }
static inline int pci_pcie_type(const struct pci_dev *dev)
{
	return (dev->pcie_flags_reg & PCI_EXP_FLAGS_TYPE) >> 4;
}
static inline struct pci_dev *pci_physfn(struct pci_dev *dev) { return dev; }
static inline struct pci_dev *pci_real_dma_dev(struct pci_dev *dev) { return dev; }
static inline bool pci_device_is_present(struct pci_dev *pdev) { return true; }
static inline struct pci_dev *pci_dev_get(struct pci_dev *dev) { get_device(&dev->dev); return dev; }
static inline void pci_dev_put(struct pci_dev *dev) { if (dev) put_device(&dev->dev); }
static inline void pci_request_acs(void) { }
/* Every port of the simulated fabric implements ACS (PCIe 6.0 6.12). */
static inline bool pci_acs_enabled(struct pci_dev *pdev, u16 acs_flags) { return true; }
static inline bool pci_acs_path_enabled(struct pci_dev *start, struct pci_dev *end, u16 acs_flags) { return true; }
static inline bool pci_devs_are_dma_aliases(struct pci_dev *a, struct pci_dev *b) { return false; }

struct pci_dev *pci_get_device(unsigned int vendor, unsigned int device, struct pci_dev *from);
struct pci_dev *pci_get_domain_bus_and_slot(int domain, unsigned int bus, unsigned int devfn);
int pci_for_each_dma_alias(struct pci_dev *pdev,
			   int (*fn)(struct pci_dev *pdev, u16 alias, void *data), void *data);
int pci_bus_read_config_dword(struct pci_bus *bus, unsigned int devfn, int where, u32 *val);
int pci_read_config_byte(const struct pci_dev *dev, int where, u8 *val);
int pci_read_config_word(const struct pci_dev *dev, int where, u16 *val);
int pci_read_config_dword(const struct pci_dev *dev, int where, u32 *val);
int pci_write_config_word(const struct pci_dev *dev, int where, u16 val);
int pci_write_config_dword(const struct pci_dev *dev, int where, u32 val);
u16 pci_find_ext_capability(struct pci_dev *dev, int cap);

/* ATS, PRI, PASID (drivers/pci/ats.c's interface) */
bool pci_ats_supported(struct pci_dev *dev);
int pci_prepare_ats(struct pci_dev *dev, int ps);
int pci_enable_ats(struct pci_dev *dev, int ps);
void pci_disable_ats(struct pci_dev *dev);
int pci_ats_queue_depth(struct pci_dev *dev);
int pci_ats_page_aligned(struct pci_dev *dev);
bool pci_pri_supported(struct pci_dev *dev);
int pci_enable_pri(struct pci_dev *dev, u32 reqs);
void pci_disable_pri(struct pci_dev *dev);
int pci_reset_pri(struct pci_dev *dev);
int pci_prg_resp_pasid_required(struct pci_dev *dev);
int pci_enable_pasid(struct pci_dev *dev, int features);
void pci_disable_pasid(struct pci_dev *dev);
int pci_pasid_features(struct pci_dev *dev);
int pci_max_pasids(struct pci_dev *dev);
int pci_pasid_status(struct pci_dev *dev);


/* Header fixups: the simulated functions match none of the quirks. */
#define DECLARE_PCI_FIXUP_HEADER(vendor, device, hook) \
	static void (*const __UNIQUE_ID(pci_fixup_header))(struct pci_dev *) __maybe_unused = hook
#define DECLARE_PCI_FIXUP_FINAL DECLARE_PCI_FIXUP_HEADER
#define DECLARE_PCI_FIXUP_ENABLE DECLARE_PCI_FIXUP_HEADER
#define DECLARE_PCI_FIXUP_CLASS_FINAL(vendor, device, class, shift, hook) \
	DECLARE_PCI_FIXUP_HEADER(vendor, device, hook)

#endif
