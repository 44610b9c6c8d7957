// SPDX-License-Identifier: GPL-2.0-only
/*
 * The PCI core's share of what an IOMMU driver calls: functions on root
 * buses of segment 0, found by bus and devfn, each with a configuration
 * space in which the capabilities live where the driver looks for them,
 * and ATS, PRI and PASID enabled through their control registers as
 * drivers/pci/ats.c does (PCIe 6.0 10.5, 10.5.2, 10.5.3).
 */
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <shim/pci.h>

const struct bus_type pci_bus_type = { .name = "pci" };

static LIST_HEAD(pci_buses);
/* Every function, in creation order: for_each_pci_dev() is deterministic. */
static struct pci_dev **functions;
static unsigned int nfunctions;

/* ---- configuration space ------------------------------------------- */

static void cfg_put16(struct pci_dev *pdev, int where, u16 v)
{
	pdev->cfg[where] = v & 0xff;
	pdev->cfg[where + 1] = v >> 8;
}

static void cfg_put32(struct pci_dev *pdev, int where, u32 v)
{
	cfg_put16(pdev, where, v & 0xffff);
	cfg_put16(pdev, where + 2, v >> 16);
}

static u32 cfg_get(const struct pci_dev *pdev, int where, int size)
{
	u32 v = 0;

	for (int i = size - 1; i >= 0; i--)
		v = (v << 8) | pdev->cfg[where + i];
	return v;
}

static bool cfg_range_ok(int where, int size)
{
	return where >= 0 && where + size <= PCI_CFG_SPACE_EXP_SIZE && !(where & (size - 1));
}

int pci_read_config_byte(const struct pci_dev *dev, int where, u8 *val)
{
	if (!cfg_range_ok(where, 1))
		return PCIBIOS_BAD_REGISTER_NUMBER;
	*val = (u8)cfg_get(dev, where, 1);
	return 0;
}

int pci_read_config_word(const struct pci_dev *dev, int where, u16 *val)
{
	if (!cfg_range_ok(where, 2))
		return PCIBIOS_BAD_REGISTER_NUMBER;
	*val = (u16)cfg_get(dev, where, 2);
	return 0;
}

int pci_read_config_dword(const struct pci_dev *dev, int where, u32 *val)
{
	if (!cfg_range_ok(where, 4))
		return PCIBIOS_BAD_REGISTER_NUMBER;
	*val = cfg_get(dev, where, 4);
	return 0;
}

/* Only the control registers of the capabilities are writable. */
int pci_write_config_word(const struct pci_dev *dev, int where, u16 val)
{
	if (!cfg_range_ok(where, 2))
		return PCIBIOS_BAD_REGISTER_NUMBER;
	cfg_put16((struct pci_dev *)dev, where, val);
	return 0;
}

int pci_write_config_dword(const struct pci_dev *dev, int where, u32 val)
{
	if (!cfg_range_ok(where, 4))
		return PCIBIOS_BAD_REGISTER_NUMBER;
	cfg_put32((struct pci_dev *)dev, where, val);
	return 0;
}

u16 pci_find_ext_capability(struct pci_dev *dev, int cap)
{
	int pos = PCI_CFG_SPACE_SIZE;

	/* The list is built by shim_pci_alloc_function(): at most 4 entries. */
	for (int ttl = 0; pos && ttl < 16; ttl++) {
		u32 hdr = cfg_get(dev, pos, 4);

		if (!hdr)
			return 0;
		if (PCI_EXT_CAP_ID(hdr) == cap)
			return pos;
		pos = PCI_EXT_CAP_NEXT(hdr);
	}
	return 0;
}

/* ---- buses and functions ------------------------------------------- */

static struct pci_bus *pci_bus_get_or_add(u8 number)
{
	struct pci_bus *bus;

	list_for_each_entry(bus, &pci_buses, node)
		if (bus->number == number)
			return bus;
	bus = kzalloc(sizeof(*bus), GFP_KERNEL);
	if (!bus)
		return NULL;
	bus->number = number;
	bus->busn_res.start = bus->busn_res.end = number;
	list_add_tail(&bus->node, &pci_buses);
	return bus;
}

struct pci_dev *pci_get_domain_bus_and_slot(int domain, unsigned int busnr, unsigned int devfn)
{
	for (unsigned int i = 0; i < nfunctions; i++) {
		struct pci_dev *p = functions[i];

		if (domain == 0 && p->bus->number == busnr && p->devfn == devfn)
			return pci_dev_get(p);
	}
	return NULL;
}

static void pci_release_dev(struct device *dev)
{
	struct pci_dev *pdev = to_pci_dev(dev);

	kfree(pdev->cfg);
	kfree(pdev);
}

/* Chain one extended capability after the previous one at *last. */
static void add_ext_cap(struct pci_dev *pdev, int *last, int pos, u16 id)
{
	if (*last)
		cfg_put32(pdev, *last, cfg_get(pdev, *last, 4) | ((u32)pos << 20));
	cfg_put32(pdev, pos, PCI_EXT_CAP_ID(id) | (1u << 16));
	*last = pos;
}

struct pci_dev *shim_pci_alloc_function(const struct shim_pci_function *f)
{
	struct pci_dev *pdev, *taken, **grown;
	struct pci_bus *bus;
	int last = 0;
	u16 v;

	taken = pci_get_domain_bus_and_slot(0, PCI_BUS_NUM(f->rid), f->rid & 0xff);
	if (taken) {
		pci_dev_put(taken);
		return NULL;
	}
	bus = pci_bus_get_or_add(PCI_BUS_NUM(f->rid));
	pdev = kzalloc(sizeof(*pdev), GFP_KERNEL);
	if (!bus || !pdev)
		goto fail;
	pdev->cfg = kzalloc(PCI_CFG_SPACE_EXP_SIZE, GFP_KERNEL);
	if (!pdev->cfg)
		goto fail;
	device_initialize(&pdev->dev);
	pdev->dev.bus = &pci_bus_type;
	pdev->dev.release = pci_release_dev;
	pdev->dev.shim_pasid_bits = f->pasid_bits;
	pdev->bus = bus;
	pdev->devfn = f->rid & 0xff;
	pdev->vendor = f->vendor;
	pdev->device = f->device;
	pdev->class = f->class;
	pdev->hdr_type = PCI_HEADER_TYPE_NORMAL;
	if (dev_set_name(&pdev->dev, "0000:%02x:%02x.%d", bus->number,
			 PCI_SLOT(pdev->devfn), PCI_FUNC(pdev->devfn)))
		goto fail_put;

	cfg_put16(pdev, PCI_VENDOR_ID, f->vendor);
	cfg_put16(pdev, PCI_DEVICE_ID, f->device);
	cfg_put32(pdev, PCI_CLASS_REVISION, f->class << 8);
	cfg_put16(pdev, PCI_STATUS, PCI_STATUS_CAP_LIST);
	/* A PCI Express endpoint: the capability at 0x40, version 2. */
	pdev->pcie_cap = 0x40;
	pdev->pcie_flags_reg = 2 | (PCI_EXP_TYPE_ENDPOINT << 4);
	pdev->dev.numa_node = NUMA_NO_NODE;
	cfg_put16(pdev, PCI_CAPABILITY_LIST, pdev->pcie_cap);
	cfg_put16(pdev, pdev->pcie_cap, PCI_CAP_ID_EXP);
	cfg_put16(pdev, pdev->pcie_cap + PCI_EXP_FLAGS, pdev->pcie_flags_reg);

	if (f->ats) {
		pdev->ats_cap = 0x100;
		add_ext_cap(pdev, &last, pdev->ats_cap, PCI_EXT_CAP_ID_ATS);
		cfg_put16(pdev, pdev->ats_cap + PCI_ATS_CAP,
			  PCI_ATS_CAP_QDEP(f->ats_qdep) | PCI_ATS_CAP_PAGE_ALIGNED);
	}
	if (f->pri) {
		pdev->pri_cap = 0x110;
		add_ext_cap(pdev, &last, pdev->pri_cap, PCI_EXT_CAP_ID_PRI);
		cfg_put16(pdev, pdev->pri_cap + PCI_PRI_STATUS,
			  PCI_PRI_STATUS_STOPPED | PCI_PRI_STATUS_PASID);
		cfg_put32(pdev, pdev->pri_cap + PCI_PRI_MAX_REQ, f->pri_max_reqs);
	}
	if (f->pasid_bits) {
		pdev->pasid_cap = 0x120;
		add_ext_cap(pdev, &last, pdev->pasid_cap, PCI_EXT_CAP_ID_PASID);
		v = (u16)((f->pasid_bits & 0x1f) << 8) | PCI_PASID_CAP_EXEC | PCI_PASID_CAP_PRIV;
		cfg_put16(pdev, pdev->pasid_cap + PCI_PASID_CAP, v);
		pdev->pasid_features = v & (PCI_PASID_CAP_EXEC | PCI_PASID_CAP_PRIV);
	}

	grown = krealloc_array(functions, nfunctions + 1, sizeof(*grown), GFP_KERNEL);
	if (!grown)
		goto fail_put;
	functions = grown;
	functions[nfunctions++] = pdev;
	return pdev;
fail_put:
	put_device(&pdev->dev);
	return NULL;
fail:
	if (pdev)
		kfree(pdev->cfg);
	kfree(pdev);
	return NULL;
}

int shim_pci_add_function(struct pci_dev *pdev)
{
	int ret = device_add(&pdev->dev);

	if (!ret)
		pdev->is_added = 1;
	return ret;
}

void shim_pci_remove_function(struct pci_dev *pdev)
{
	unsigned int i;

	for (i = 0; i < nfunctions && functions[i] != pdev; i++)
		;
	if (i < nfunctions) {
		memmove(&functions[i], &functions[i + 1], (nfunctions - i - 1) * sizeof(*functions));
		nfunctions--;
	}
	if (pdev->is_added)
		device_del(&pdev->dev);
	pdev->is_added = 0;
	put_device(&pdev->dev);
	if (!nfunctions) {
		struct pci_bus *bus, *tmp;

		kfree(functions);
		functions = NULL;
		list_for_each_entry_safe(bus, tmp, &pci_buses, node) {
			list_del(&bus->node);
			kfree(bus);
		}
	}
}

struct pci_dev *pci_get_device(unsigned int vendor, unsigned int device, struct pci_dev *from)
{
	unsigned int i = 0;

	if (from) {
		while (i < nfunctions && functions[i] != from)
			i++;
		i++;
		pci_dev_put(from);
	}
	for (; i < nfunctions; i++) {
		struct pci_dev *p = functions[i];

		if ((vendor == (unsigned int)PCI_ANY_ID || p->vendor == vendor) &&
		    (device == (unsigned int)PCI_ANY_ID || p->device == device))
			return pci_dev_get(p);
	}
	return NULL;
}

int pci_bus_read_config_dword(struct pci_bus *bus, unsigned int devfn, int where, u32 *val)
{
	struct pci_dev *p = pci_get_domain_bus_and_slot(bus->domain_nr, bus->number, devfn);
	int ret;

	if (!p) {
		*val = ~0u;
		return PCIBIOS_DEVICE_NOT_FOUND;
	}
	ret = pci_read_config_dword(p, where, val);
	pci_dev_put(p);
	return ret;
}

/*
 * Functions on a root bus, with no bridge in between, take DMA with
 * their own requester ID only (PCIe 6.0 2.2.6.2).
 */
int pci_for_each_dma_alias(struct pci_dev *pdev,
			   int (*fn)(struct pci_dev *pdev, u16 alias, void *data), void *data)
{
	return fn(pdev, pci_dev_id(pdev), data);
}

/* ---- ATS (10.5) --------------------------------------------------------- */

bool pci_ats_supported(struct pci_dev *dev)
{
	return dev->ats_cap && !dev->untrusted;
}

int pci_prepare_ats(struct pci_dev *dev, int ps)
{
	if (!pci_ats_supported(dev))
		return -EINVAL;
	if (ps < PCI_ATS_MIN_STU)
		return -EINVAL;
	dev->ats_stu = ps;
	return 0;
}

int pci_enable_ats(struct pci_dev *dev, int ps)
{
	if (!pci_ats_supported(dev) || dev->ats_enabled || ps < PCI_ATS_MIN_STU)
		return -EINVAL;
	dev->ats_stu = ps;
	pci_write_config_word(dev, dev->ats_cap + PCI_ATS_CTRL,
			      PCI_ATS_CTRL_ENABLE | PCI_ATS_CTRL_STU(ps - PCI_ATS_MIN_STU));
	dev->ats_enabled = 1;
	return 0;
}

void pci_disable_ats(struct pci_dev *dev)
{
	u16 ctrl;

	if (WARN_ON(!dev->ats_enabled))
		return;
	pci_read_config_word(dev, dev->ats_cap + PCI_ATS_CTRL, &ctrl);
	pci_write_config_word(dev, dev->ats_cap + PCI_ATS_CTRL, ctrl & ~PCI_ATS_CTRL_ENABLE);
	dev->ats_enabled = 0;
}

int pci_ats_queue_depth(struct pci_dev *dev)
{
	u16 cap;

	if (!dev->ats_cap)
		return -EINVAL;
	pci_read_config_word(dev, dev->ats_cap + PCI_ATS_CAP, &cap);
	return PCI_ATS_CAP_QDEP(cap) ? PCI_ATS_CAP_QDEP(cap) : PCI_ATS_MAX_QDEP;
}

int pci_ats_page_aligned(struct pci_dev *dev)
{
	u16 cap;

	if (!dev->ats_cap)
		return 0;
	pci_read_config_word(dev, dev->ats_cap + PCI_ATS_CAP, &cap);
	return !!(cap & PCI_ATS_CAP_PAGE_ALIGNED);
}

/* ---- PRI (10.5.2) ------------------------------------------------------- */

bool pci_pri_supported(struct pci_dev *dev)
{
	return dev->pri_cap != 0;
}

int pci_enable_pri(struct pci_dev *dev, u32 reqs)
{
	u16 status;
	u32 max;

	if (!dev->pri_cap || dev->pri_enabled)
		return -EINVAL;
	pci_read_config_word(dev, dev->pri_cap + PCI_PRI_STATUS, &status);
	if (!(status & PCI_PRI_STATUS_STOPPED))
		return -EBUSY;
	pci_read_config_dword(dev, dev->pri_cap + PCI_PRI_MAX_REQ, &max);
	reqs = min(max, reqs);
	dev->pri_reqs_alloc = reqs;
	pci_write_config_dword(dev, dev->pri_cap + PCI_PRI_ALLOC_REQ, reqs);
	pci_write_config_word(dev, dev->pri_cap + PCI_PRI_CTRL, PCI_PRI_CTRL_ENABLE);
	/* The function leaves the stopped state once enabled. */
	pci_write_config_word(dev, dev->pri_cap + PCI_PRI_STATUS, status & ~PCI_PRI_STATUS_STOPPED);
	dev->pri_enabled = 1;
	return 0;
}

void pci_disable_pri(struct pci_dev *dev)
{
	u16 status;

	if (WARN_ON(!dev->pri_enabled))
		return;
	pci_write_config_word(dev, dev->pri_cap + PCI_PRI_CTRL, 0);
	pci_read_config_word(dev, dev->pri_cap + PCI_PRI_STATUS, &status);
	pci_write_config_word(dev, dev->pri_cap + PCI_PRI_STATUS, status | PCI_PRI_STATUS_STOPPED);
	dev->pri_enabled = 0;
}

int pci_reset_pri(struct pci_dev *dev)
{
	if (!dev->pri_cap || WARN_ON(dev->pri_enabled))
		return -EINVAL;
	pci_write_config_word(dev, dev->pri_cap + PCI_PRI_CTRL, PCI_PRI_CTRL_RESET);
	return 0;
}

int pci_prg_resp_pasid_required(struct pci_dev *dev)
{
	u16 status;

	if (!dev->pri_cap)
		return 0;
	pci_read_config_word(dev, dev->pri_cap + PCI_PRI_STATUS, &status);
	return !!(status & PCI_PRI_STATUS_PASID);
}

/* ---- PASID (10.5.3) ----------------------------------------------------- */

int pci_enable_pasid(struct pci_dev *dev, int features)
{
	if (!dev->pasid_cap || dev->pasid_enabled || dev->ats_enabled)
		return -EINVAL;
	if (features & ~dev->pasid_features)
		return -EINVAL;
	pci_write_config_word(dev, dev->pasid_cap + PCI_PASID_CTRL,
			      (u16)features | PCI_PASID_CTRL_ENABLE);
	dev->pasid_enabled = 1;
	return 0;
}

void pci_disable_pasid(struct pci_dev *dev)
{
	if (WARN_ON(!dev->pasid_enabled))
		return;
	pci_write_config_word(dev, dev->pasid_cap + PCI_PASID_CTRL, 0);
	dev->pasid_enabled = 0;
}

int pci_pasid_features(struct pci_dev *dev)
{
	return dev->pasid_cap ? dev->pasid_features : -EINVAL;
}

int pci_max_pasids(struct pci_dev *dev)
{
	u16 cap;

	if (!dev->pasid_cap)
		return -EINVAL;
	pci_read_config_word(dev, dev->pasid_cap + PCI_PASID_CAP, &cap);
	return 1 << ((cap & PCI_PASID_CAP_WIDTH) >> 8);
}

int pci_pasid_status(struct pci_dev *dev)
{
	u16 ctrl;

	if (!dev->pasid_cap)
		return -EINVAL;
	pci_read_config_word(dev, dev->pasid_cap + PCI_PASID_CTRL, &ctrl);
	return ctrl & (PCI_PASID_CTRL_ENABLE | PCI_PASID_CTRL_EXEC | PCI_PASID_CTRL_PRIV);
}
