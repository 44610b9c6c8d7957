// SPDX-License-Identifier: GPL-2.0-only
/*
 * A machine with a VT-d unit, booted under Linux's own Intel IOMMU
 * driver (drivers/iommu/intel from the tarball): the "vtd" backend of
 * iommusim_hw_add() with driver "intel" (the default for VT-d). As
 * firmware and the PCI core would before the driver's initcall, it puts the model's registers on the bus, creates
 * the PCI functions behind it, publishes a DMAR table naming them, and
 * then runs detect_intel_iommu() and intel_iommu_init(), which find all
 * of it the way they find silicon.
 *
 * intel_iommu_init() runs once per boot, as on Linux: the units must be
 * described before the kernel boots (iommusim_hw_add_machine() before
 * any other front-door call), and one DMAR table names them all. Units
 * added later arrive as on a server whose root complex is hot-added: the
 * unit's _DSM returns its DRHD, dmar_device_add() brings it up (dmar.c's
 * DMAR hotplug), and only then are its PCI functions enumerated. (6.12
 * refuses every such unit: intel/cap_audit.h's MINIMAL_FEATURE_HOTPLUG
 * compares a CAP field masked in place with the same field shifted down,
 * so a nonzero MAMV, NFR, SLLPS, FRO or MGAW "mismatches": -EFAULT.)
 */
#include <linux/dmar.h>
#include <linux/init.h>
#include <linux/iommu.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <shim/acpi.h>
#include <shim/host.h>
#include <shim/hw.h>
#include <iommusim_hw.h>
#include <shim/irq.h>
#include <shim/mmio.h>
#include <shim/pci.h>
#include <shim/vfio_cdev.h>

#include "intel/iommu.h"        /* the driver's own: for_each_iommu, struct intel_iommu */
#include "vtd.h"
#include "acpi_dmar.h"

/* Where firmware puts the units' registers (as on Intel servers). */
#define INTEL_PLATFORM_REG_BASE 0xfed90000ULL
#define INTEL_PLATFORM_REG_SPAN 0x10000ULL
#define INTEL_PLATFORM_UNITS 8

int intel_iommu_init(void);

/* The GUID of DMAR hotplug's _DSM (drivers/iommu/intel/dmar.c, dmar_hp_guid). */
static const guid_t dmar_hp_guid =
	GUID_INIT(0xD8C1A3A6, 0xBE9B, 0x4C9B, 0x91, 0xBF, 0xC3, 0xCB, 0x81, 0xFC, 0x5D, 0xAF);
#define DMAR_DSM_FUNC_DRHD 1

struct intel_unit {
	unsigned int index;
	struct iommu_model *model;
	int line;
	bool mmio, dsm;
	bool boot;                       /* in the boot DMAR table, not hot-added */
	unsigned int mgaw;
	struct acpi_table_header *dmar;  /* a hot-added unit's DRHD source (_DSM) */
	unsigned int ndevices;
	struct pci_dev *pdev[IOMMUSIM_HW_MAX_DEVICES];
	u16 rid[IOMMUSIM_HW_MAX_DEVICES];
	bool handed_out;
};

static const struct shim_hw_backend intel_platform_backend;
static struct intel_unit *units[INTEL_PLATFORM_UNITS];
static int boot_init_ret = -ENODEV;     /* intel_iommu_init()'s, if it ran */
static struct acpi_table_header *boot_dmar;     /* installed: every boot unit's DRHD */
/*
 * The driver's writable static data, apart in sections of its own
 * (drivers/CMakeLists.txt): saved before it first runs, put back at
 * shutdown, so that each boot starts it afresh as a reboot would. (It
 * has no exit path: built into Linux it needs none.)
 */
extern char __start_iommusim_intel_data[], __stop_iommusim_intel_data[];
extern char __start_iommusim_intel_bss[], __stop_iommusim_intel_bss[];
static void *driver_image;
static bool driver_initialised;

/*
 * Byte by byte, unchecked: the range holds AddressSanitizer's redzones
 * between the driver's variables too, which a checked copy would report.
 */
__attribute__((no_sanitize_address))
static void image_copy(volatile char *to, const volatile char *from, size_t n, bool zero)
{
	for (size_t i = 0; i < n; i++)
		to[i] = zero ? 0 : from[i];
}

static int driver_image_save(void)
{
	size_t n = __stop_iommusim_intel_data - __start_iommusim_intel_data;

	if (driver_image)
		return 0;
	/* The host heap: it outlives the kernel's shutdown. */
	driver_image = host_malloc(n ? n : 1);
	if (!driver_image)
		return -ENOMEM;
	image_copy(driver_image, __start_iommusim_intel_data, n, false);
	return 0;
}

static void driver_image_restore(void)
{
	image_copy(__start_iommusim_intel_data, driver_image,
		   __stop_iommusim_intel_data - __start_iommusim_intel_data, false);
	image_copy(__start_iommusim_intel_bss, NULL,
		   __stop_iommusim_intel_bss - __start_iommusim_intel_bss, true);
}

static u64 unit_reg_base(const struct intel_unit *u)
{
	return INTEL_PLATFORM_REG_BASE + u->index * INTEL_PLATFORM_REG_SPAN;
}

static u64 vtd_reg_read(void *ctx, u64 off, unsigned int size)
{
	struct iommu_model *m = ctx;

	return m->ops->mmio_read(m, off, size, shim_now());
}

/* Queued invalidation registers and descriptor types (VT-d 10.4.22-24, 6.5.2). */
#define PLAT_IQT_REG 0x88
#define PLAT_IQA_REG 0x90
#define PLAT_IQA_DW (1ULL << 11)
#define PLAT_INV_WAIT 5

static unsigned int desc_type(u64 qw0)
{
	return (qw0 & 0xf) | ((qw0 >> 9) & 7) << 4;
}

/*
 * Fault injection, a driver-side fault (iommusim_skip_invalidations()):
 * the batch the driver is about to submit goes without its invalidations,
 * as from a driver that forgot them. Linux's driver cannot be told to
 * forget, so its batch is edited at the doorbell: every descriptor but the
 * wait that ends it becomes a wait with no status write and no interrupt,
 * which does nothing. A batch of waits alone is not one to skip.
 */
static void skip_invalidation_batch(struct iommu_model *m, u64 new_tail)
{
	u64 iqa = m->ops->mmio_read(m, PLAT_IQA_REG, 8, shim_now());
	u64 tail = m->ops->mmio_read(m, PLAT_IQT_REG, 8, shim_now());
	unsigned int dsz = iqa & PLAT_IQA_DW ? 32 : 16;
	u64 base = iqa & ~0xfffULL, qlen = 4096ULL << (iqa & 7);
	bool any = false;

	for (int pass = 0; pass < 2; pass++) {
		for (u64 off = tail; off != new_tail % qlen; off = (off + dsz) % qlen) {
			u64 d[4] = { 0 };

			if (host_phys_rw(base + off, d, dsz, 0))
				return;
			if (desc_type(d[0]) == PLAT_INV_WAIT)
				continue;
			any = true;
			if (!pass)
				continue;
			memset(d, 0, sizeof(d));
			d[0] = PLAT_INV_WAIT;
			host_phys_rw(base + off, d, dsz, 1);
		}
		if (pass || !any || !shim_hw_skip_invalidation())
			return;
	}
}

static void vtd_reg_write(void *ctx, u64 off, u64 val, unsigned int size)
{
	struct iommu_model *m = ctx;

	if (off == PLAT_IQT_REG && iommusim_skip_invalidations_left())
		skip_invalidation_batch(m, val);
	m->ops->mmio_write(m, off, val, size, shim_now());
}

static const struct shim_mmio_ops vtd_reg_ops = {
	.read = vtd_reg_read,
	.write = vtd_reg_write,
};

/* The model's MSI (any thread): its data is the Linux irq (core/irq.c). */
static void unit_msi_raise(void *ctx, unsigned int data)
{
	struct intel_unit *u = ctx;

	shim_irq_raise(u->line, data);
}

static void unit_msi_deliver(void *ctx, unsigned int data)
{
	shim_handle_irq(data);
}

/*
 * What the platform owns of a unit. The driver must not hold it: it never
 * saw it, or it let go of it at shutdown (intel_platform_remove_all()).
 */
static void unit_destroy(struct intel_unit *u)
{
	for (unsigned int i = u->ndevices; i-- > 0;) {
		if (!u->pdev[i])
			continue;
		shim_vfio_unregister(&u->pdev[i]->dev);
		shim_pci_remove_function(u->pdev[i]);
	}
	if (u->dsm)
		shim_acpi_dsm_remove(u);
	kfree(u->dmar);
	if (u->mmio)
		shim_mmio_remove(unit_reg_base(u));
	if (u->model)
		u->model->ops->destroy(u->model);
	if (u->line >= 0)
		shim_irq_free(u->line);
	units[u->index] = NULL;
	kfree(u);
}

/* The DRHD of a unit: its registers, and its endpoints by requester id. */
static struct dmar_unit_desc unit_drhd(const struct intel_unit *u)
{
	return (struct dmar_unit_desc){ .reg_base = unit_reg_base(u),
					.rids = u->rid, .nrids = u->ndevices };
}

/*
 * A unit as firmware and the PCI core know it before the driver does:
 * its model with registers on the bus and its PCI functions (not yet
 * enumerated).
 */
static struct intel_unit *unit_create(const struct iommusim_hw *hw, int *err)
{
	struct iommu_irq irq;
	struct vtd_config cfg;
	struct intel_unit *u;
	unsigned int idx;
	int ret;

	for (idx = 0; idx < INTEL_PLATFORM_UNITS && units[idx]; idx++)
		;
	if (idx == INTEL_PLATFORM_UNITS) {
		*err = -ENOSPC;
		return NULL;
	}
	if (hw->config)
		cfg = *(const struct vtd_config *)hw->config;
	else
		vtd_config_preset(&cfg, VTD_PRESET_SPR);
	u = kzalloc(sizeof(*u), GFP_KERNEL);
	if (!u) {
		*err = -ENOMEM;
		return NULL;
	}
	u->index = idx;
	u->mgaw = cfg.caps.mgaw;
	units[idx] = u;
	u->line = shim_irq_request(unit_msi_deliver, u);
	ret = u->line;
	if (ret < 0)
		goto fail;
	irq.raise = unit_msi_raise;
	irq.ctx = u;
	u->model = vtd_create(&cfg, host_pmem(), &irq);
	ret = -EINVAL;
	if (!u->model)
		goto fail;
	ret = shim_mmio_add(unit_reg_base(u), INTEL_PLATFORM_REG_SPAN, &vtd_reg_ops, u->model);
	if (ret)
		goto fail;
	u->mmio = true;
	for (unsigned int i = 0; i < hw->devices; i++) {
		struct shim_pci_function f = {
			.rid = hw->first_sid + i,
			.vendor = PCI_VENDOR_ID_INTEL,
			.device = 0x0b25,       /* a DSA-like accelerator function */
			.class = 0x088000,      /* base system peripheral, other */
			.ats = cfg.caps.dt,
			.pri = cfg.caps.prs && hw->pasid_bits,
			.pri_max_reqs = 32,
			.pasid_bits = hw->pasid_bits,
		};

		ret = -EBUSY;           /* that requester id is taken */
		u->pdev[i] = shim_pci_alloc_function(&f);
		if (!u->pdev[i])
			goto fail;
		u->rid[i] = f.rid;
		u->ndevices = i + 1;
	}
	return u;
fail:
	unit_destroy(u);
	*err = ret;
	return NULL;
}

static int unit_enumerate(struct intel_unit *u)
{
	for (unsigned int i = 0; i < u->ndevices; i++) {
		int ret = shim_pci_add_function(u->pdev[i]);

		if (ret)
			return ret;
	}
	return 0;
}

/*
 * The boot DMAR table: one DRHD per unit, for the widest host address
 * width among them (VT-d 8.1: HAW is the platform's, not a unit's).
 */
static int boot_table_install(void)
{
	struct dmar_unit_desc desc[INTEL_PLATFORM_UNITS];
	unsigned int n = 0, haw = 0;
	int ret;

	for (unsigned int i = 0; i < INTEL_PLATFORM_UNITS; i++) {
		if (!units[i])
			continue;
		desc[n++] = unit_drhd(units[i]);
		haw = max(haw, units[i]->mgaw);
	}
	boot_dmar = acpi_dmar_build(haw, desc, n);
	if (!boot_dmar)
		return -ENOMEM;
	ret = shim_acpi_install_table(boot_dmar);
	if (ret) {
		kfree(boot_dmar);
		boot_dmar = NULL;
	}
	return ret;
}

static void boot_table_remove(void)
{
	if (!boot_dmar)
		return;
	shim_acpi_remove_table(boot_dmar);
	kfree(boot_dmar);
	boot_dmar = NULL;
}

/*
 * Boot: the units described before the kernel started
 * (shim_hw_boot_machine()) come up as on an x86 server: registers on
 * the bus, PCI functions enumerated, a DMAR table, then the driver's
 * detect_intel_iommu() and intel_iommu_init(). x86 runs the latter from
 * a rootfs initcall (pci_iommu_init), before any built-in module's init:
 * so here too, before iommufd's (its selftest mock is an IOMMU with no
 * fwnode as well, and the iommu core offers devices that have no fwspec
 * to the first such IOMMU registered).
 */
static int __init intel_platform_boot(void)
{
	unsigned int n, nunits = 0;
	const struct iommusim_hw *hw = shim_hw_boot_machine(&n);
	int ret = 0;

	boot_init_ret = -ENODEV;
	for (unsigned int i = 0; i < n && !ret; i++) {
		struct intel_unit *u;

		/* A request it refuses, iommusim_hw_add() says why, after boot. */
		if (!shim_hw_backend_wants(&intel_platform_backend, &hw[i]) ||
		    !shim_hw_pci_request_ok(&hw[i]))
			continue;
		if (!nunits++) {
			ret = driver_image_save();
			if (ret)
				break;
		}
		u = unit_create(&hw[i], &ret);
		if (u)
			u->boot = true;
	}
	if (!ret && nunits)
		ret = boot_table_install();
	for (unsigned int i = 0; i < INTEL_PLATFORM_UNITS && !ret; i++)
		if (units[i])
			ret = unit_enumerate(units[i]);
	if (ret || !nunits) {
		for (unsigned int i = INTEL_PLATFORM_UNITS; i-- > 0;)
			if (units[i])
				unit_destroy(units[i]);
		boot_table_remove();
		return ret;
	}
	driver_initialised = true;
	detect_intel_iommu();
	/* From here the driver holds the units: they stay until shutdown. */
	boot_init_ret = intel_iommu_init();
	if (boot_init_ret)
		pr_err("intel_iommu_init: %d\n", boot_init_ret);
	return 0;
}
rootfs_initcall(intel_platform_boot);

/* A unit after boot: DMAR hotplug through its _DSM, then its functions. */
static struct intel_unit *unit_hot_add(const struct iommusim_hw *hw, int *err)
{
	struct intel_unit *u = unit_create(hw, err);
	struct acpi_table_dmar *t;
	struct dmar_unit_desc desc;
	int ret;

	if (!u)
		return NULL;
	desc = unit_drhd(u);
	u->dmar = acpi_dmar_build(u->mgaw, &desc, 1);
	ret = -ENOMEM;
	if (!u->dmar)
		goto fail;
	t = container_of(u->dmar, struct acpi_table_dmar, header);
	ret = shim_acpi_dsm_add(u, &dmar_hp_guid, DMAR_DSM_FUNC_DRHD, t + 1,
				u->dmar->length - sizeof(*t));
	if (ret)
		goto fail;
	u->dsm = true;
	ret = dmar_device_add(u);
	if (ret)
		goto fail;
	/* The unit is the driver's now: a failure below leaves it in place. */
	*err = unit_enumerate(u);
	return *err ? NULL : u;
fail:
	unit_destroy(u);
	*err = ret;
	return NULL;
}

/* The boot unit built for hw and not yet handed out, in the machine's order. */
static struct intel_unit *boot_unit_for(const struct iommusim_hw *hw)
{
	for (unsigned int i = 0; i < INTEL_PLATFORM_UNITS; i++) {
		struct intel_unit *u = units[i];

		if (u && u->boot && !u->handed_out && u->ndevices == hw->devices &&
		    u->rid[0] == hw->first_sid)
			return u;
	}
	return NULL;
}

static int intel_platform_add(const struct iommusim_hw *hw, struct iommusim_hw_info *out)
{
	struct intel_unit *u;
	int ret;

	if (!shim_hw_pci_request_ok(hw))
		return -EINVAL;
	if (!driver_initialised) {
		pr_err("vtd (intel): the Intel driver finds its units at boot: add them before the kernel boots\n");
		return -EBUSY;
	}
	if (boot_init_ret)
		return boot_init_ret;
	u = boot_unit_for(hw);
	if (!u) {
		u = unit_hot_add(hw, &ret);
		if (!u)
			return ret;
	}
	memset(out, 0, sizeof(*out));
	for (unsigned int i = 0; i < u->ndevices; i++) {
		struct device *dev = &u->pdev[i]->dev;

		if (!dev->iommu_group)
			return -ENODEV;
		ret = shim_hw_vfio_add(dev, i, u->rid[i], out);
		if (ret)
			return ret;
	}
	u->handed_out = true;
	out->model = u->model;
	out->ndevices = u->ndevices;
	snprintf(out->name, sizeof(out->name), "dmar%u", u->index);
	return 0;
}

/*
 * Shutdown: each unit leaves the iommu core, which releases its devices
 * through the driver (intel_iommu_release_device()), and the driver takes
 * it down as for a hot removal (dmar_iommu_hotplug(): translation off,
 * tables and the page request queue freed); then what the platform owns
 * goes, and the driver's static data is put back as it was before boot.
 * What it allocated at boot the shim frees with the boot's other objects.
 */
static void intel_platform_remove_all(void)
{
	struct dmar_drhd_unit *drhd;
	struct intel_iommu *iommu;

	if (driver_initialised) {
		for_each_iommu(iommu, drhd) {
			/* As dmar.c's free_iommu() takes a unit out of the core. */
			if (iommu->iommu.ops)
				iommu_device_unregister(&iommu->iommu);
			iommu_device_sysfs_remove(&iommu->iommu);
			dmar_iommu_hotplug(drhd, false);
		}
	}
	for (unsigned int i = INTEL_PLATFORM_UNITS; i-- > 0;)
		if (units[i])
			unit_destroy(units[i]);
	boot_table_remove();
	boot_init_ret = -ENODEV;
	if (driver_initialised) {
		driver_image_restore();
		driver_initialised = false;
	}
}

static const struct shim_hw_backend intel_platform_backend = {
	.kind = "vtd",
	.driver = "intel",
	.kind_default = true,
	.add = intel_platform_add,
	.remove_all = intel_platform_remove_all,
};

static int __init intel_platform_init(void)
{
	shim_hw_backend_register(&intel_platform_backend);
	return 0;
}
device_initcall(intel_platform_init);
