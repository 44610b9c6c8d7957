// SPDX-License-Identifier: GPL-2.0-only
/*
 * A machine with a VT-d unit, booted under Linux's own Intel IOMMU
 * driver (drivers/iommu/intel from the tarball): the "vtd-intel" backend
 * of iommusim_hw_add(). As firmware and the PCI core would before the
 * driver's initcall, it puts the model's registers on the bus, creates
 * the PCI functions behind it, publishes a DMAR table naming them, and
 * then runs detect_intel_iommu() and intel_iommu_init(), which find all
 * of it the way they find silicon.
 *
 * intel_iommu_init() runs once per boot, as on Linux: the unit must be
 * described before the kernel boots (iommusim_hw_add() before any other
 * front-door call), one unit per kernel (more would come by DMAR
 * hotplug, not done yet).
 */
#include <linux/dmar.h>
#include <linux/init.h>
#include <linux/iommu.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <shim/acpi.h>
#include <shim/host.h>
#include <shim/hw.h>
#include <shim/irq.h>
#include <shim/mmio.h>
#include <shim/pci.h>
#include <shim/vfio_cdev.h>

#include "vtd.h"
#include "acpi_dmar.h"

/* Where firmware puts the first unit's registers (as on Intel servers). */
#define INTEL_PLATFORM_REG_BASE 0xfed90000ULL
#define INTEL_PLATFORM_REG_SPAN 0x10000ULL

int intel_iommu_init(void);

struct intel_platform {
	struct iommu_model *model;
	int line;
	bool mmio;
	struct acpi_table_header *dmar;
	unsigned int ndevices;
	struct pci_dev *pdev[IOMMUSIM_HW_MAX_DEVICES];
	u16 rid[IOMMUSIM_HW_MAX_DEVICES];
	int init_ret;           /* intel_iommu_init()'s */
	bool handed_out;
};

static struct intel_platform *platform;

static u64 vtd_reg_read(void *ctx, u64 off, unsigned int size)
{
	struct iommu_model *m = ctx;

	return m->ops->mmio_read(m, off, size, shim_now());
}

static void vtd_reg_write(void *ctx, u64 off, u64 val, unsigned int size)
{
	struct iommu_model *m = ctx;

	m->ops->mmio_write(m, off, val, size, shim_now());
}

static const struct shim_mmio_ops vtd_reg_ops = {
	.read = vtd_reg_read,
	.write = vtd_reg_write,
};

/* The model's MSI (any thread): its data is the Linux irq (core/irq.c). */
static void platform_msi_raise(void *ctx, unsigned int data)
{
	struct intel_platform *p = ctx;

	shim_irq_raise(p->line, data);
}

static void platform_msi_deliver(void *ctx, unsigned int data)
{
	shim_handle_irq(data);
}

static void platform_destroy(struct intel_platform *p)
{
	for (unsigned int i = p->ndevices; i-- > 0;)
		if (p->pdev[i])
			shim_pci_remove_function(p->pdev[i]);
	if (p->dmar) {
		shim_acpi_remove_table(p->dmar);
		kfree(p->dmar);
	}
	if (p->mmio)
		shim_mmio_remove(INTEL_PLATFORM_REG_BASE);
	if (p->model)
		p->model->ops->destroy(p->model);
	if (p->line >= 0)
		shim_irq_free(p->line);
	kfree(p);
}

static int platform_add_functions(struct intel_platform *p, const struct iommusim_hw *hw,
				  const struct vtd_caps *caps)
{
	for (unsigned int i = 0; i < hw->devices; i++) {
		struct shim_pci_function f = {
			.rid = hw->first_sid + i,
			.vendor = PCI_VENDOR_ID_INTEL,
			.device = 0x0b25,       /* a DSA-like accelerator function */
			.class = 0x088000,      /* base system peripheral, other */
			.ats = caps->dt,
			.pri = caps->prs && hw->pasid_bits,
			.pri_max_reqs = 32,
			.pasid_bits = hw->pasid_bits,
		};

		p->pdev[i] = shim_pci_alloc_function(&f);
		if (!p->pdev[i])
			return -EBUSY;
		p->rid[i] = f.rid;
		p->ndevices = i + 1;
	}
	return 0;
}

/*
 * Boot: the machine's VT-d unit, described before the kernel started
 * (shim_hw_boot_machine()), comes up as on an x86 server: registers on
 * the bus, PCI functions enumerated, a DMAR table, then the driver's
 * detect_intel_iommu() and intel_iommu_init(). x86 runs the latter from
 * a rootfs initcall (pci_iommu_init), before any built-in module's init:
 * so here too, before iommufd's (its selftest mock is an IOMMU with no
 * fwnode as well, and the iommu core takes the first one registered for
 * devices that have no fwspec).
 */
static int __init intel_platform_boot(void)
{
	const struct iommusim_hw *hw = shim_hw_boot_machine();
	struct dmar_unit_desc unit;
	struct iommu_irq irq;
	struct vtd_config cfg;
	struct intel_platform *p;
	int ret;

	if (!hw || strcmp(hw->kind, "vtd-intel"))
		return 0;
	if (hw->first_sid + hw->devices > 0x10000 || hw->pasid_bits > 20)
		return 0;       /* iommusim_hw_add() says EINVAL */
	if (hw->config)
		cfg = *(const struct vtd_config *)hw->config;
	else
		vtd_config_preset(&cfg, VTD_PRESET_SPR);
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->line = shim_irq_request(platform_msi_deliver, p);
	if (p->line < 0) {
		ret = p->line;
		goto fail;
	}
	irq.raise = platform_msi_raise;
	irq.ctx = p;
	p->model = vtd_create(&cfg, host_pmem(), &irq);
	if (!p->model) {
		ret = -EINVAL;
		goto fail;
	}
	ret = shim_mmio_add(INTEL_PLATFORM_REG_BASE, INTEL_PLATFORM_REG_SPAN, &vtd_reg_ops, p->model);
	if (ret)
		goto fail;
	p->mmio = true;
	ret = platform_add_functions(p, hw, &cfg.caps);
	if (ret)
		goto fail;
	unit = (struct dmar_unit_desc){ .reg_base = INTEL_PLATFORM_REG_BASE,
					.rids = p->rid, .nrids = p->ndevices };
	p->dmar = acpi_dmar_build(cfg.caps.mgaw, &unit, 1);
	if (!p->dmar) {
		ret = -ENOMEM;
		goto fail;
	}
	ret = shim_acpi_install_table(p->dmar);
	if (ret)
		goto fail;
	/* The PCI core enumerates before the IOMMU initcall runs. */
	for (unsigned int i = 0; i < p->ndevices; i++) {
		ret = shim_pci_add_function(p->pdev[i]);
		if (ret)
			goto fail;
	}
	platform = p;
	detect_intel_iommu();
	ret = intel_iommu_init();
	if (ret)
		pr_err("intel_iommu_init: %d\n", ret);
	/* From here the driver holds the unit: it stays until shutdown. */
	p->init_ret = ret;
	return 0;
fail:
	platform_destroy(p);
	return ret;
}
rootfs_initcall(intel_platform_boot);

/* The unit the machine booted with, handed to its user once. */
static int intel_platform_add(const struct iommusim_hw *hw, struct iommusim_hw_info *out)
{
	struct intel_platform *p = platform;
	int ret;

	if (hw->first_sid + hw->devices > 0x10000 || hw->pasid_bits > 20)
		return -EINVAL;
	if (!p || p->handed_out) {
		pr_err("vtd-intel: the Intel driver finds its units at boot: add the unit before the kernel boots\n");
		return -EBUSY;
	}
	if (p->init_ret)
		return p->init_ret;
	memset(out, 0, sizeof(*out));
	for (unsigned int i = 0; i < p->ndevices; i++) {
		struct device *dev = &p->pdev[i]->dev;

		if (!dev->iommu_group)
			return -ENODEV;
		ret = shim_hw_vfio_add(dev, i, p->rid[i], out);
		if (ret)
			return ret;
	}
	p->handed_out = true;
	out->model = p->model;
	out->ndevices = p->ndevices;
	snprintf(out->name, sizeof(out->name), "dmar0");
	return 0;
}

static void intel_platform_remove_all(void)
{
	/* Only at shutdown: the driver has no unbind, as on Linux. */
}

static const struct shim_hw_backend intel_platform_backend = {
	.kind = "vtd-intel",
	.add = intel_platform_add,
	.remove_all = intel_platform_remove_all,
};

static int __init intel_platform_init(void)
{
	shim_hw_backend_register(&intel_platform_backend);
	return 0;
}
device_initcall(intel_platform_init);
