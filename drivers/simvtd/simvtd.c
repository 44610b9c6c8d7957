// SPDX-License-Identifier: GPL-2.0-only
/*
 * simvtd.c - the simvtd driver's hardware bring-up, device probe and
 * iommu_ops, and the "vtd" backend of iommusim_hw_add(): create a model,
 * bring it up through its registers (VT-d spec 10.4 / the model's
 * README "What a driver does"), register it with the iommu core and put
 * devices behind it, each a VFIO cdev.
 */
#include <linux/init.h>
#include <linux/iommu.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/iommufd.h>
#include <uapi/linux/iommufd.h>
#include <shim/host.h>
#include <shim/vfio_cdev.h>

#include "simvtd.h"

LIST_HEAD(simvtd_instances);
static LIST_HEAD(simvtd_devs);
static int simvtd_next_seq;

/* ---- registers ------------------------------------------------------ */

uint32_t simvtd_rd32(struct simvtd *v, unsigned int off)
{
	return (uint32_t)v->model->ops->mmio_read(v->model, off, 4, shim_now());
}

uint64_t simvtd_rd64(struct simvtd *v, unsigned int off)
{
	return v->model->ops->mmio_read(v->model, off, 8, shim_now());
}

void simvtd_wr32(struct simvtd *v, unsigned int off, uint32_t val)
{
	v->model->ops->mmio_write(v->model, off, val, 4, shim_now());
}

void simvtd_wr64(struct simvtd *v, unsigned int off, uint64_t val)
{
	v->model->ops->mmio_write(v->model, off, val, 8, shim_now());
}

int simvtd_gcmd(struct simvtd *v, uint32_t cmd, uint32_t sts)
{
	uint32_t gsts = simvtd_rd32(v, VTD_GSTS_REG);

	/* TE and QIE are states, not one-shot commands: write them back as they are. */
	simvtd_wr32(v, VTD_GCMD_REG, (gsts & (VTD_GSTS_TES | VTD_GSTS_QIES)) | cmd);
	return simvtd_rd32(v, VTD_GSTS_REG) & sts ? 0 : -EIO;
}

/* ---- interrupts ------------------------------------------------------- */

/* The model's MSI: any thread, no kernel lock; the shim delivers later. */
static void simvtd_raise(void *ctx, unsigned int vector)
{
	struct simvtd *v = ctx;

	shim_irq_raise(v->irq_line, vector);
}

static void simvtd_irq(void *data, unsigned int vector)
{
	struct simvtd *v = data;

	if (vector == SIMVTD_IRQ_FAULT)
		simvtd_fault_irq(v);
	else if (vector == SIMVTD_IRQ_PRQ)
		simvtd_prq_irq(v);
}

/* ---- bring-up ------------------------------------------------------------ */

static int simvtd_hw_init(struct simvtd *v)
{
	int ret;

	v->cap = simvtd_rd64(v, VTD_CAP_REG);
	v->ecap = simvtd_rd64(v, VTD_ECAP_REG);
	/* This driver runs scalable mode with queued invalidation only. */
	if (!(v->ecap & VTD_ECAP_SMTS) || !(v->ecap & VTD_ECAP_QI) ||
	    !(v->ecap & VTD_ECAP_SSTS)) {
		pr_err("%s: needs scalable mode, QI and second-stage support\n", v->name);
		return -ENODEV;
	}
	v->fro = ((v->cap & VTD_CAP_FRO_MASK) >> VTD_CAP_FRO_SHIFT) * 16;
	v->nfr = ((v->cap & VTD_CAP_NFR_MASK) >> VTD_CAP_NFR_SHIFT) + 1;
	v->iro = ((v->ecap & VTD_ECAP_IRO_MASK) >> VTD_ECAP_IRO_SHIFT) * 16;
	v->sagaw = (v->cap & VTD_CAP_SAGAW_MASK) >> VTD_CAP_SAGAW_SHIFT;
	v->mgaw = ((v->cap & VTD_CAP_MGAW_MASK) >> VTD_CAP_MGAW_SHIFT) + 1;

	ret = simvtd_root_init(v);
	if (!ret)
		ret = simvtd_qi_init(v);
	if (ret)
		return ret;
	/* Start from clean caches whatever firmware left behind. */
	simvtd_flush_context_global(v);
	simvtd_flush_pasid_cache_global(v);
	simvtd_flush_iotlb_global(v);

	simvtd_wr32(v, VTD_FEDATA_REG, SIMVTD_IRQ_FAULT);
	simvtd_wr32(v, VTD_FECTL_REG, 0);
	simvtd_wr32(v, VTD_IEDATA_REG, SIMVTD_IRQ_INV);
	simvtd_wr32(v, VTD_IECTL_REG, VTD_ECTL_IM);
	if (v->ecap & VTD_ECAP_PRS) {
		ret = simvtd_prq_init(v);
		if (ret)
			return ret;
	}
	return simvtd_gcmd(v, VTD_GCMD_TE, VTD_GSTS_TES);
}

/* ---- device probe ---------------------------------------------------- */

struct simvtd_dev *simvtd_dev_info(struct device *dev)
{
	return dev_iommu_priv_get(dev);
}

static struct simvtd_dev *simvtd_lookup(struct device *dev)
{
	struct simvtd_dev *info;

	list_for_each_entry(info, &simvtd_devs, node)
		if (info->dev == dev)
			return info;
	return NULL;
}

static struct iommu_device *simvtd_probe_device(struct device *dev)
{
	struct simvtd_dev *info = simvtd_lookup(dev);
	int ret;

	if (!info)
		return ERR_PTR(-ENODEV);
	ret = simvtd_context_setup(info);
	if (ret) {
		simvtd_context_teardown(info);
		return ERR_PTR(ret);
	}
	info->probed = true;
	dev_iommu_priv_set(dev, info);
	return &info->vtd->iommu;
}

static void simvtd_release_device(struct device *dev)
{
	struct simvtd_dev *info = dev_iommu_priv_get(dev);

	if (!info)
		return;
	simvtd_dev_detach(info);
	if (info->iopf_enabled) {
		iopf_queue_remove_device(info->vtd->iopfq, dev);
		info->iopf_enabled = false;
	}
	simvtd_context_teardown(info);
	info->probed = false;
}

static bool simvtd_capable(struct device *dev, enum iommu_cap cap)
{
	struct simvtd_dev *info = dev_iommu_priv_get(dev);

	switch (cap) {
	case IOMMU_CAP_CACHE_COHERENCY:
		return true;
	case IOMMU_CAP_ENFORCE_CACHE_COHERENCY:
		/* Snoop control forces snooping for every DMA (ECAP.SC). */
		return info->vtd->ecap & VTD_ECAP_SC;
	case IOMMU_CAP_DIRTY_TRACKING:
		return info->vtd->ecap & VTD_ECAP_SSADS;
	default:
		return false;
	}
}

static void *simvtd_hw_info(struct device *dev, u32 *length, u32 *type)
{
	struct simvtd_dev *info = dev_iommu_priv_get(dev);
	struct iommu_hw_info_vtd *vtd = kzalloc(sizeof(*vtd), GFP_KERNEL);

	if (!vtd)
		return ERR_PTR(-ENOMEM);
	/* As Linux reports it for every VT-d unit it drives. */
	vtd->flags = IOMMU_HW_INFO_VTD_ERRATA_772415_SPR17;
	vtd->cap_reg = info->vtd->cap;
	vtd->ecap_reg = info->vtd->ecap;
	*length = sizeof(*vtd);
	*type = IOMMU_HW_INFO_TYPE_INTEL_VTD;
	return vtd;
}

/* The interrupt address window is not translated (VT-d spec 3.14). */
static void simvtd_get_resv_regions(struct device *dev, struct list_head *head)
{
	struct iommu_resv_region *r;

	r = iommu_alloc_resv_region(0xfee00000ULL, 0x100000, 0, IOMMU_RESV_MSI, GFP_KERNEL);
	if (r)
		list_add_tail(&r->list, head);
}

static int simvtd_def_domain_type(struct device *dev)
{
	return IOMMU_DOMAIN_IDENTITY;
}

static int simvtd_enable_feat(struct device *dev, enum iommu_dev_features feat)
{
	struct simvtd_dev *info = dev_iommu_priv_get(dev);
	int ret;

	if (feat != IOMMU_DEV_FEAT_IOPF)
		return -ENODEV;
	/* Page requests carry a PASID (Linux refuses them without one). */
	if (!info->vtd->iopfq || !info->pasid_bits)
		return -ENODEV;
	if (info->iopf_enabled)
		return 0;
	ret = iopf_queue_add_device(info->vtd->iopfq, dev);
	if (ret)
		return ret;
	ret = simvtd_context_set_pre(info, true);
	if (ret) {
		iopf_queue_remove_device(info->vtd->iopfq, dev);
		return ret;
	}
	info->iopf_enabled = true;
	return 0;
}

static int simvtd_disable_feat(struct device *dev, enum iommu_dev_features feat)
{
	struct simvtd_dev *info = dev_iommu_priv_get(dev);

	if (feat != IOMMU_DEV_FEAT_IOPF)
		return -ENODEV;
	if (!info->iopf_enabled)
		return 0;
	simvtd_context_set_pre(info, false);
	iopf_queue_remove_device(info->vtd->iopfq, dev);
	info->iopf_enabled = false;
	return 0;
}

const struct iommu_ops simvtd_ops = {
	.capable = simvtd_capable,
	.hw_info = simvtd_hw_info,
	.domain_alloc_user = simvtd_domain_alloc_user,
	.domain_alloc_paging = simvtd_domain_alloc_paging,
	.probe_device = simvtd_probe_device,
	.release_device = simvtd_release_device,
	.device_group = generic_device_group,
	.get_resv_regions = simvtd_get_resv_regions,
	.def_domain_type = simvtd_def_domain_type,
	.dev_enable_feat = simvtd_enable_feat,
	.dev_disable_feat = simvtd_disable_feat,
	.page_response = simvtd_page_response,
	.identity_domain = &simvtd_identity_domain,
	.blocked_domain = &simvtd_blocked_domain,
	.release_domain = &simvtd_blocked_domain,
	.default_domain_ops = &simvtd_paging_ops,
	.pgsize_bitmap = SZ_4K,
	.owner = THIS_MODULE,
};

/* ---- instances ---------------------------------------------------------- */

static void simvtd_hwdev_release(struct device *dev)
{
}

static void simvtd_destroy(struct simvtd *v)
{
	struct simvtd_dev *info, *tmp;

	for (unsigned int i = 0; i < IOMMUSIM_HW_MAX_DEVICES; i++) {
		struct platform_device *pdev = v->pdev[i];

		if (!pdev)
			continue;
		shim_vfio_unregister(&pdev->dev);
		if (device_is_registered(&pdev->dev))
			platform_device_unregister(pdev);
		else
			platform_device_put(pdev);
		v->pdev[i] = NULL;
	}
	list_for_each_entry_safe(info, tmp, &simvtd_devs, node) {
		if (info->vtd == v) {
			list_del(&info->node);
			kfree(info);
		}
	}
	if (v->registered)
		iommu_device_unregister(&v->iommu);
	if (v->sysfs_added)
		iommu_device_sysfs_remove(&v->iommu);
	if (v->model) {
		uint32_t gsts = simvtd_rd32(v, VTD_GSTS_REG);

		/* Translation and the queue off before their memory goes. */
		simvtd_wr32(v, VTD_GCMD_REG, gsts & VTD_GSTS_QIES);
		simvtd_wr32(v, VTD_GCMD_REG, 0);
	}
	simvtd_prq_fini(v);
	simvtd_qi_fini(v);
	simvtd_root_fini(v);
	if (v->model)
		v->model->ops->destroy(v->model);
	if (v->irq_line >= 0)
		shim_irq_free(v->irq_line);
	list_del(&v->node);
	put_device(&v->hwdev);
	kfree(v);
}

static int simvtd_add_devices(struct simvtd *v, const struct iommusim_hw *hw,
			      struct iommusim_hw_info *out)
{
	for (unsigned int i = 0; i < hw->devices; i++) {
		uint32_t sid = hw->first_sid + i;
		struct simvtd_dev *info = kzalloc(sizeof(*info), GFP_KERNEL);
		struct platform_device *pdev;
		int ret;

		if (!info)
			return -ENOMEM;
		pdev = platform_device_alloc(v->name, (int)i);
		if (!pdev) {
			kfree(info);
			return -ENOMEM;
		}
		v->pdev[i] = pdev;
		info->vtd = v;
		info->dev = &pdev->dev;
		info->sid = sid;
		info->pasid_bits = hw->pasid_bits;
		INIT_LIST_HEAD(&info->link);
		list_add_tail(&info->node, &simvtd_devs);
		pdev->dev.shim_pasid_bits = hw->pasid_bits;
		/* Firmware ties the device to this unit (as DMAR tables do). */
		ret = shim_hw_fw_bind(&pdev->dev, &v->fwnode, sid);
		if (!ret)
			ret = platform_device_add(pdev);
		if (ret)
			return ret;
		if (!pdev->dev.iommu_group)
			return -ENODEV;
		ret = shim_hw_vfio_add(&pdev->dev, i, sid, out);
		if (ret)
			return ret;
	}
	return 0;
}

static int simvtd_add(const struct iommusim_hw *hw, struct iommusim_hw_info *out)
{
	struct vtd_config cfg;
	struct iommu_irq irq;
	struct simvtd *v;
	int ret;

	if (!shim_hw_pci_request_ok(hw))
		return -EINVAL;
	if (hw->config)
		cfg = *(const struct vtd_config *)hw->config;
	else
		vtd_config_preset(&cfg, VTD_PRESET_SPR);
	v = kzalloc(sizeof(*v), GFP_KERNEL);
	if (!v)
		return -ENOMEM;
	INIT_LIST_HEAD(&v->node);
	list_add_tail(&v->node, &simvtd_instances);
	v->seq = simvtd_next_seq++;
	snprintf(v->name, sizeof(v->name), "simvtd%d", v->seq);
	device_initialize(&v->hwdev);
	v->hwdev.release = simvtd_hwdev_release;
	v->hwdev.fwnode = &v->fwnode;
	v->fwnode.dev = &v->hwdev;
	ret = dev_set_name(&v->hwdev, "%s", v->name);
	v->irq_line = shim_irq_request(simvtd_irq, v);
	if (ret || v->irq_line < 0) {
		ret = ret ? ret : v->irq_line;
		goto fail;
	}
	irq.raise = simvtd_raise;
	irq.ctx = v;
	v->model = vtd_create(&cfg, host_pmem(), &irq);
	if (!v->model) {
		ret = -EINVAL;
		goto fail;
	}
	ret = simvtd_hw_init(v);
	if (ret)
		goto fail;
	ret = iommu_device_sysfs_add(&v->iommu, NULL, NULL, "%s", v->name);
	if (ret)
		goto fail;
	v->sysfs_added = true;
	ret = iommu_device_register(&v->iommu, &simvtd_ops, &v->hwdev);
	if (ret)
		goto fail;
	v->registered = true;
	memset(out, 0, sizeof(*out));
	ret = simvtd_add_devices(v, hw, out);
	if (ret)
		goto fail;
	v->ndevices = hw->devices;
	out->model = v->model;
	out->ndevices = hw->devices;
	snprintf(out->name, sizeof(out->name), "%s", v->name);
	pr_info("%s: VT-d model, cap 0x%llx ecap 0x%llx, %u devices from sid 0x%x\n",
		v->name, (unsigned long long)v->cap, (unsigned long long)v->ecap,
		hw->devices, hw->first_sid);
	return 0;
fail:
	simvtd_destroy(v);
	return ret;
}

static void simvtd_remove_all(void)
{
	while (!list_empty(&simvtd_instances))
		simvtd_destroy(list_last_entry(&simvtd_instances, struct simvtd, node));
}

static const struct shim_hw_backend simvtd_backend = {
	.kind = "vtd",
	.driver = "simvtd",
	.add = simvtd_add,
	.remove_all = simvtd_remove_all,
};

static int __init simvtd_init(void)
{
	shim_hw_backend_register(&simvtd_backend);
	return 0;
}
device_initcall(simvtd_init);
