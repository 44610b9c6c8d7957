// SPDX-License-Identifier: GPL-2.0-only
/*
 * simsmmu.c - the simsmmu driver: brings up an SMMUv3 model as Linux's
 * arm-smmu-v3 brings up silicon (registers, stream table, queues; SMMUv3
 * 3.x and 6.3), registers it with the iommu core, and creates the
 * platform devices behind it (each a VFIO cdev for a VMM-like user).
 */
#include <linux/init.h>
#include <linux/iommu.h>
#include <linux/mm.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <shim/host.h>
#include <shim/hw.h>
#include <shim/vfio_cdev.h>

#include "smmu.h"
#include "simsmmu.h"
#include "simsmmu_test.h"
#include "uapi/iommusim_smmuv3.h"

#define STRTAB_LOG2_MAX 16      /* linear table up to 4 MiB */
#define ACK_POLL_LIMIT 1000

static LIST_HEAD(instances);
static int next_index;

u64 simsmmu_read(struct simsmmu_device *smmu, u32 off, unsigned int size)
{
	return smmu->model->ops->mmio_read(smmu->model, off, size, shim_now());
}

void simsmmu_write(struct simsmmu_device *smmu, u32 off, u64 val, unsigned int size)
{
	smmu->model->ops->mmio_write(smmu->model, off, val, size, shim_now());
}

/* Write a control register and wait for its acknowledgement (6.3.9/6.3.10) */
static int write_ack(struct simsmmu_device *smmu, u32 reg, u32 ack, u32 val)
{
	simsmmu_write(smmu, reg, val, 4);
	for (int i = 0; i < ACK_POLL_LIMIT; i++)
		if (simsmmu_read(smmu, ack, 4) == val)
			return 0;
	dev_err(&smmu->pdev->dev, "no acknowledgement of %#x at %#x\n", val, reg);
	return -ETIMEDOUT;
}

static void irq_handler(void *data, unsigned int vector)
{
	struct simsmmu_device *smmu = data;

	if (vector == SMMU_IRQ_EVTQ)
		simsmmu_evtq_drain(smmu);
}

static void irq_raise(void *ctx, unsigned int vector)
{
	shim_irq_raise((int)(long)ctx, vector);
}

static void read_idrs(struct simsmmu_device *smmu)
{
	for (int i = 0; i < 6; i++)
		smmu->idr[i] = simsmmu_read(smmu, SSM_IDR0 + 4 * i, 4);
	smmu->iidr = simsmmu_read(smmu, SSM_IIDR, 4);
	smmu->aidr = simsmmu_read(smmu, SSM_AIDR, 4);
	smmu->s1p = smmu->idr[0] & SSM_IDR0_S1P;
	smmu->s2p = smmu->idr[0] & SSM_IDR0_S2P;
	smmu->httu_a = SSM_GET(SSM_IDR0_HTTU, smmu->idr[0]) >= 1;
	smmu->httu_d = SSM_GET(SSM_IDR0_HTTU, smmu->idr[0]) >= 2;
	smmu->ats = smmu->idr[0] & SSM_IDR0_ATS;
	smmu->asid16 = smmu->idr[0] & SSM_IDR0_ASID16;
	smmu->vmid16 = smmu->idr[0] & SSM_IDR0_VMID16;
	smmu->sid_bits = SSM_GET(SSM_IDR1_SIDSIZE, smmu->idr[1]);
	smmu->oas_bits = ssm_ps_bits(SSM_GET(SSM_IDR5_OAS, smmu->idr[5]));
}

/* Reset and enable (the order of 3.2 / Linux's device reset) */
static int smmu_enable(struct simsmmu_device *smmu)
{
	u64 c[3][2] = {
		/* CFGI_ALL: CFGI_STE_RANGE with Range 31 */
		{ SSM_SET(SSM_CMD0_OP, SSM_OP_CFGI_STE_RANGE), SSM_SET(SSM_CMD1_RANGE, 31) },
		{ SSM_SET(SSM_CMD0_OP, SSM_OP_TLBI_NSNH_ALL), 0 },
		{ SSM_SET(SSM_CMD0_OP, SSM_OP_CMD_SYNC), 0 },
	};
	u32 cr0;
	int rc;

	rc = write_ack(smmu, SSM_CR0, SSM_CR0ACK, 0);
	if (rc)
		return rc;
	/* Tables and queues: write-back cacheable, inner shareable */
	simsmmu_write(smmu, SSM_CR1,
		      SSM_SET(SSM_CR1_QUEUE_IC, SSM_WBRA) | SSM_SET(SSM_CR1_QUEUE_OC, SSM_WBRA) |
		      SSM_SET(SSM_CR1_QUEUE_SH, SSM_ISH) | SSM_SET(SSM_CR1_TABLE_IC, SSM_WBRA) |
		      SSM_SET(SSM_CR1_TABLE_OC, SSM_WBRA) | SSM_SET(SSM_CR1_TABLE_SH, SSM_ISH), 4);
	simsmmu_write(smmu, SSM_CR2, SSM_CR2_RECINVSID, 4);
	rc = simsmmu_strtab_init(smmu);
	if (!rc)
		rc = simsmmu_cmdq_init(smmu);
	if (rc)
		return rc;
	cr0 = SSM_CR0_CMDQEN;
	rc = write_ack(smmu, SSM_CR0, SSM_CR0ACK, cr0);
	if (!rc && simsmmu_cmdq_issue(smmu, c, 3, NULL))
		rc = -EIO;
	if (rc)
		return rc;
	cr0 |= SSM_CR0_EVTQEN;
	rc = write_ack(smmu, SSM_CR0, SSM_CR0ACK, cr0);
	if (!rc)
		rc = write_ack(smmu, SSM_IRQ_CTRL, SSM_IRQ_CTRLACK,
			       SSM_IRQ_CTRL_EVTQ | SSM_IRQ_CTRL_GERROR);
	if (!rc)
		rc = write_ack(smmu, SSM_CR0, SSM_CR0ACK, cr0 | SSM_CR0_SMMUEN);
	return rc;
}

/* ---- iommu_ops ---- */

static struct iommu_device *simsmmu_probe_device(struct device *dev)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(dev);
	struct simsmmu_device *smmu;
	struct simsmmu_master *m;

	if (!fwspec || fwspec->num_ids != 1)
		return ERR_PTR(-ENODEV);
	smmu = container_of(fwspec->iommu_fwnode, struct simsmmu_device, fwnode);
	if (fwspec->ids[0] >> smmu->strtab_log2)
		return ERR_PTR(-ERANGE);
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return ERR_PTR(-ENOMEM);
	m->smmu = smmu;
	m->dev = dev;
	m->sid = fwspec->ids[0];
	for (int i = 0; i < 2; i++) {
		struct page *pg = alloc_page(GFP_KERNEL | __GFP_ZERO);

		if (!pg) {
			if (m->cdtab[0])
				free_page((unsigned long)m->cdtab[0]);
			kfree(m);
			return ERR_PTR(-ENOMEM);
		}
		m->cdtab[i] = page_address(pg);
		m->cdtab_pa[i] = virt_to_phys(m->cdtab[i]);
	}
	dev_iommu_priv_set(dev, m);
	return &smmu->iommu;
}

static void simsmmu_release_device(struct device *dev)
{
	struct simsmmu_master *m = dev_iommu_priv_get(dev);
	u64 ste[SSM_STE_WORDS];

	simsmmu_ste_abort(ste);
	simsmmu_master_set_ste(m, ste, NULL);
	free_page((unsigned long)m->cdtab[0]);
	free_page((unsigned long)m->cdtab[1]);
	kfree(m);
}

static bool simsmmu_capable(struct device *dev, enum iommu_cap cap)
{
	struct simsmmu_master *m = dev_iommu_priv_get(dev);

	switch (cap) {
	case IOMMU_CAP_CACHE_COHERENCY:
		return true;
	case IOMMU_CAP_DIRTY_TRACKING:
		return m->smmu->s1p && m->smmu->httu_d;
	default:
		return false;
	}
}

static void *simsmmu_hw_info(struct device *dev, u32 *length, u32 *type)
{
	struct simsmmu_master *m = dev_iommu_priv_get(dev);
	struct iommu_hw_info_arm_smmuv3 *info = kzalloc(sizeof(*info), GFP_KERNEL);

	if (!info)
		return ERR_PTR(-ENOMEM);
	for (int i = 0; i < 6; i++)
		info->idr[i] = simsmmu_read(m->smmu, SSM_IDR0 + 4 * i, 4);
	info->iidr = simsmmu_read(m->smmu, SSM_IIDR, 4);
	info->aidr = simsmmu_read(m->smmu, SSM_AIDR, 4);
	*length = sizeof(*info);
	*type = IOMMU_HW_INFO_TYPE_ARM_SMMUV3;
	return info;
}

const struct iommu_ops simsmmu_ops = {
	.identity_domain = &simsmmu_identity_domain,
	.blocked_domain = &simsmmu_blocked_domain,
	.capable = simsmmu_capable,
	.hw_info = simsmmu_hw_info,
	.domain_alloc_paging = simsmmu_domain_alloc_paging,
	.domain_alloc_user = simsmmu_domain_alloc_user,
	.probe_device = simsmmu_probe_device,
	.release_device = simsmmu_release_device,
	.device_group = generic_device_group,
	.pgsize_bitmap = SIMSMMU_PGSIZES,
	.owner = THIS_MODULE,
	.default_domain_ops = &simsmmu_paging_ops,
};

/* ---- instances ---- */

static void remove_clients(struct simsmmu_device *smmu)
{
	for (unsigned int i = smmu->nmasters; i-- > 0;) {
		struct platform_device *pdev = smmu->clients[i];

		shim_vfio_unregister(&pdev->dev);
		platform_device_unregister(pdev);
		smmu->clients[i] = NULL;
	}
	smmu->nmasters = 0;
}

static void instance_free(struct simsmmu_device *smmu, bool registered)
{
	remove_clients(smmu);
	if (registered) {
		iommu_device_unregister(&smmu->iommu);
		iommu_device_sysfs_remove(&smmu->iommu);
	}
	if (smmu->model) {
		write_ack(smmu, SSM_CR0, SSM_CR0ACK, 0);
		smmu->model->ops->destroy(smmu->model);
	}
	simsmmu_queues_free(smmu);
	simsmmu_strtab_free(smmu);
	if (smmu->irq_line >= 0)
		shim_irq_free(smmu->irq_line);
	ida_destroy(&smmu->asid_ida);
	ida_destroy(&smmu->vmid_ida);
	if (smmu->pdev)
		platform_device_put(smmu->pdev);
	kfree(smmu);
}

static int add_client(struct simsmmu_device *smmu, const struct iommusim_hw *hw,
		      unsigned int i, struct iommusim_hw_info *info)
{
	struct platform_device *pdev;
	u32 sid = hw->first_sid + i;
	int rc;

	pdev = platform_device_alloc("simsmmu-dev", smmu->index * IOMMUSIM_HW_MAX_DEVICES + i);
	if (!pdev)
		return -ENOMEM;
	pdev->dev.shim_pasid_bits = hw->pasid_bits;
	/* What firmware (IORT/DT "iommus") would say: this SMMU, this StreamID */
	rc = shim_hw_fw_bind(&pdev->dev, &smmu->fwnode, sid);
	if (rc) {
		platform_device_put(pdev);
		return rc;
	}
	rc = platform_device_add(pdev);
	if (rc || !pdev->dev.iommu_group) {
		if (!rc)
			platform_device_del(pdev);
		platform_device_put(pdev);
		return rc ? rc : -ENODEV;
	}
	smmu->clients[smmu->nmasters++] = pdev;
	return shim_hw_vfio_add(&pdev->dev, i, sid, info);
}

static int simsmmu_add(const struct iommusim_hw *hw, struct iommusim_hw_info *info)
{
	const struct smmu_config *cfg = hw->config;
	struct smmu_config preset;
	struct simsmmu_device *smmu;
	struct iommu_irq irq;
	u32 last_sid;
	int rc;

	if (!cfg) {
		smmu_config_preset(&preset, "full");
		cfg = &preset;
	}
	if ((u64)hw->first_sid + hw->devices - 1 > 0xffffffffULL)
		return -EINVAL;
	last_sid = hw->first_sid + hw->devices - 1;
	smmu = kzalloc(sizeof(*smmu), GFP_KERNEL);
	if (!smmu)
		return -ENOMEM;
	ida_init(&smmu->asid_ida);
	ida_init(&smmu->vmid_ida);
	smmu->index = next_index++;
	smmu->irq_line = shim_irq_request(irq_handler, smmu);
	if (smmu->irq_line < 0) {
		rc = smmu->irq_line;
		goto err;
	}
	irq.raise = irq_raise;
	irq.ctx = (void *)(long)smmu->irq_line;
	smmu->model = smmu_create(cfg, host_pmem(), &irq);
	if (!smmu->model) {
		rc = -EINVAL;
		goto err;
	}
	smmu->pdev = platform_device_alloc("simsmmu", smmu->index);
	if (!smmu->pdev) {
		rc = -ENOMEM;
		goto err;
	}
	dev_set_name(&smmu->pdev->dev, "simsmmu%d", smmu->index);
	smmu->pdev->dev.fwnode = &smmu->fwnode;
	smmu->fwnode.dev = &smmu->pdev->dev;
	read_idrs(smmu);
	if (!(smmu->idr[5] & SSM_IDR5_GRAN4K) || !(smmu->s1p || smmu->s2p)) {
		rc = -ENODEV;   /* the driver's tables need the 4 KiB granule */
		goto err;
	}
	/* Linear stream table covering the devices' StreamIDs */
	smmu->strtab_log2 = last_sid ? fls(last_sid) : 1;
	if (smmu->strtab_log2 > smmu->sid_bits || smmu->strtab_log2 > STRTAB_LOG2_MAX) {
		rc = -EINVAL;
		goto err;
	}
	rc = smmu_enable(smmu);
	if (rc)
		goto err;
	smmu->iommu.max_pasids = 0;     /* no PASID attach (set_dev_pasid) yet */
	rc = iommu_device_sysfs_add(&smmu->iommu, &smmu->pdev->dev, NULL, "simsmmu%d",
				    smmu->index);
	if (rc)
		goto err;
	rc = iommu_device_register(&smmu->iommu, &simsmmu_ops, &smmu->pdev->dev);
	if (rc) {
		iommu_device_sysfs_remove(&smmu->iommu);
		goto err;
	}
	memset(info, 0, sizeof(*info));
	for (unsigned int i = 0; i < hw->devices; i++) {
		rc = add_client(smmu, hw, i, info);
		if (rc) {
			instance_free(smmu, true);
			return rc;
		}
	}
	info->model = smmu->model;
	info->ndevices = hw->devices;
	snprintf(info->name, sizeof(info->name), "simsmmu%d", smmu->index);
	list_add_tail(&smmu->node, &instances);
	return 0;
err:
	instance_free(smmu, false);
	return rc;
}

static void simsmmu_remove_all(void)
{
	struct simsmmu_device *smmu, *tmp;

	list_for_each_entry_safe(smmu, tmp, &instances, node) {
		list_del(&smmu->node);
		instance_free(smmu, true);
	}
}

int simsmmu_get_counters(const char *name, struct simsmmu_counters *c)
{
	struct simsmmu_device *smmu;

	list_for_each_entry(smmu, &instances, node) {
		char n[32];

		snprintf(n, sizeof(n), "simsmmu%d", smmu->index);
		if (strcmp(n, name))
			continue;
		c->ste_updates = smmu->ste_updates;
		c->ste_hitless = smmu->ste_hitless;
		c->ste_breaks = smmu->ste_breaks;
		c->ste_stores = smmu->ste_stores;
		c->events = smmu->events;
		c->cmd_errors = smmu->cmd_errors;
		return 0;
	}
	return -ENOENT;
}

/* ---- test hooks (simsmmu_test.h): called from user space, take the kernel lock ---- */

static struct iommu_domain *paging_domain_of(u32 sid)
{
	struct simsmmu_device *smmu;

	list_for_each_entry(smmu, &instances, node) {
		for (unsigned int i = 0; i < smmu->nmasters; i++) {
			struct device *dev = &smmu->clients[i]->dev;
			struct simsmmu_master *m = dev->iommu ? dev_iommu_priv_get(dev) : NULL;

			if (m && m->sid == sid && m->domain && m->domain->ops == &simsmmu_paging_ops)
				return m->domain;
		}
	}
	return NULL;
}

long simsmmu_test_unmap(uint32_t sid, uint64_t iova, uint64_t len)
{
	struct iommu_domain *d;
	long rc;

	host_bkl_lock();
	d = paging_domain_of(sid);
	rc = d ? (long)iommu_unmap(d, iova, len) : -ENODEV;
	shim_irq_deliver();
	host_bkl_unlock();
	return rc;
}

int simsmmu_test_map(uint32_t sid, uint64_t iova, uint64_t pa, uint64_t len, int write)
{
	struct iommu_domain *d;
	int rc;

	host_bkl_lock();
	d = paging_domain_of(sid);
	rc = d ? iommu_map(d, iova, pa, len, IOMMU_READ | (write ? IOMMU_WRITE : 0) | IOMMU_CACHE,
			   GFP_KERNEL) : -ENODEV;
	shim_irq_deliver();
	host_bkl_unlock();
	return rc;
}

static const struct shim_hw_backend simsmmu_backend = {
	.kind = "smmuv3",
	.driver = "simsmmu",
	.kind_default = true,
	.add = simsmmu_add,
	.remove_all = simsmmu_remove_all,
};

static int __init simsmmu_init(void)
{
	shim_hw_backend_register(&simsmmu_backend);
	return 0;
}
device_initcall(simsmmu_init);
