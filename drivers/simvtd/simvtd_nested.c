// SPDX-License-Identifier: GPL-2.0-only
/*
 * simvtd_nested.c - nested domains: a guest's first-stage table
 * (IOMMU_HWPT_DATA_VTD_S1, at a guest physical address) over a nest
 * parent's second-stage table, PGTT=011b in the PASID entry (VT-d spec
 * 3.8, 9.6). Linux's rules: the data type must be VTD_S1 (else
 * EOPNOTSUPP) and the parent a nest-parent paging domain of this driver
 * (else EINVAL); addr_width, SRE and EAFE are checked against CAP/ECAP
 * at attach. Snoop control comes from the parent: PGSNP is set when
 * the parent enforces coherency, the nested domain never does itself.
 */
#include <linux/iommu.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <uapi/linux/iommufd.h>

#include "simvtd.h"

void simvtd_nested_pe(struct simvtd_domain *d, struct simvtd *v, uint64_t pe[8])
{
	struct simvtd_domain *s2 = d->parent;

	memset(pe, 0, 8 * sizeof(pe[0]));
	pe[0] = virt_to_phys(s2->pgd) |
		((uint64_t)(s2->levels - 2) << VTD_PTE0_AW_SHIFT) |
		((uint64_t)VTD_PGTT_NESTED << VTD_PTE0_PGTT_SHIFT) | VTD_PTE0_P;
	if (s2->dirty_tracking)
		pe[0] |= VTD_PTE0_SSADE;
	pe[1] = d->did;
	if (s2->force_snooping)
		pe[1] |= VTD_PTE1_PGSNP;
	if (v->ecap & VTD_ECAP_SMPWCS)
		pe[1] |= VTD_PTE1_PWSNP;
	pe[2] = d->s1_pgtbl & VTD_PTE2_FSPTPTR_MASK;
	if (d->s1_addr_width == 57)
		pe[2] |= 1ULL << VTD_PTE2_FLPM_SHIFT;
	if (d->s1_flags & IOMMU_VTD_S1_SRE) {
		pe[2] |= VTD_PTE2_SRE;
		if (d->s1_flags & IOMMU_VTD_S1_WPE)
			pe[2] |= VTD_PTE2_WPE;
	}
	if (d->s1_flags & IOMMU_VTD_S1_EAFE)
		pe[2] |= VTD_PTE2_EAFE;
}

static int simvtd_nested_attach(struct iommu_domain *domain, struct device *dev)
{
	struct simvtd_dev *info = dev_iommu_priv_get(dev);
	struct simvtd_domain *d = to_simvtd_domain(domain);
	struct simvtd_domain *s2 = d->parent;
	struct simvtd *v = info->vtd;
	uint64_t pe[8] = { 0 };
	int ret;

	if (!(v->ecap & VTD_ECAP_NEST))
		return -EINVAL;
	ret = simvtd_paging_check(s2, info);
	if (ret)
		return ret;
	switch (d->s1_addr_width) {
	case 48:
		break;
	case 57:
		if (!(v->cap & VTD_CAP_FL5LP))
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}
	if ((d->s1_flags & IOMMU_VTD_S1_SRE) && !(v->ecap & VTD_ECAP_SRS))
		return -EINVAL;
	if ((d->s1_flags & IOMMU_VTD_S1_EAFE) && !(v->ecap & VTD_ECAP_EAFS))
		return -EINVAL;

	simvtd_nested_pe(d, v, pe);
	return simvtd_dev_attach(info, d, pe);
}

static void simvtd_nested_free(struct iommu_domain *domain)
{
	struct simvtd_domain *d = to_simvtd_domain(domain);

	WARN_ON(!list_empty(&d->devices));
	list_del(&d->s2_link);
	simvtd_did_free(d->did);
	kfree(d);
}

/* PASID-based IOTLB invalidation on every unit the domain is attached to. */
static void nested_flush(struct simvtd_domain *d, uint64_t addr, uint64_t npages, bool leaf)
{
	bool all = npages == U64_MAX;
	uint64_t end = addr + (npages << 12) - 1;
	struct simvtd *v;

	/* A range that wraps or exceeds 2^52 pages is a flush of everything. */
	if (!all && (npages >> 40 || end < addr))
		all = true;
	list_for_each_entry(v, &simvtd_instances, node) {
		struct simvtd_dev *info;

		list_for_each_entry(info, &d->devices, link) {
			if (info->vtd == v) {
				simvtd_flush_piotlb(v, d->did, SIMVTD_RID_PASID, addr, end,
						    leaf, all);
				break;
			}
		}
	}
}

static int simvtd_nested_invalidate(struct iommu_domain *domain,
				    struct iommu_user_data_array *array)
{
	struct simvtd_domain *d = to_simvtd_domain(domain);
	struct iommu_hwpt_vtd_s1_invalidate inv;
	u32 index, processed = 0;
	int ret = 0;

	if (array->type != IOMMU_HWPT_INVALIDATE_DATA_VTD_S1) {
		ret = -EINVAL;
		goto out;
	}
	for (index = 0; index < array->entry_num; index++) {
		ret = iommu_copy_struct_from_user_array(&inv, array,
							IOMMU_HWPT_INVALIDATE_DATA_VTD_S1,
							index, __reserved);
		if (ret)
			break;
		if ((inv.flags & ~IOMMU_VTD_INV_FLAGS_LEAF) || inv.__reserved) {
			ret = -EOPNOTSUPP;
			break;
		}
		/* 4 KiB aligned; the "all" form is addr 0 with npages U64_MAX. */
		if ((inv.addr & 0xfff) || (inv.npages == U64_MAX && inv.addr)) {
			ret = -EINVAL;
			break;
		}
		if (inv.npages)
			nested_flush(d, inv.addr, inv.npages, inv.flags & IOMMU_VTD_INV_FLAGS_LEAF);
		processed++;
	}
out:
	array->entry_num = processed;
	return ret;
}

static const struct iommu_domain_ops simvtd_nested_ops = {
	.attach_dev = simvtd_nested_attach,
	.cache_invalidate_user = simvtd_nested_invalidate,
	.free = simvtd_nested_free,
};

struct iommu_domain *simvtd_nested_alloc(struct simvtd_dev *info,
					 struct iommu_domain *parent,
					 const struct iommu_user_data *user_data)
{
	struct simvtd_domain *s2 = to_simvtd_domain(parent);
	struct iommu_hwpt_vtd_s1 s1;
	struct simvtd_domain *d;
	int ret, did;

	if (!user_data || user_data->type != IOMMU_HWPT_DATA_VTD_S1)
		return ERR_PTR(-EOPNOTSUPP);
	if (parent->ops != &simvtd_paging_ops || !s2->nest_parent)
		return ERR_PTR(-EINVAL);
	ret = iommu_copy_struct_from_user(&s1, user_data, IOMMU_HWPT_DATA_VTD_S1, __reserved);
	if (ret)
		return ERR_PTR(ret);
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return ERR_PTR(-ENOMEM);
	did = simvtd_did_alloc();
	if (did < 0) {
		kfree(d);
		return ERR_PTR(did);
	}
	d->kind = SIMVTD_NESTED;
	d->did = did;
	d->parent = s2;
	d->s1_flags = s1.flags;
	d->s1_pgtbl = s1.pgtbl_addr;
	d->s1_addr_width = s1.addr_width;
	INIT_LIST_HEAD(&d->devices);
	INIT_LIST_HEAD(&d->s1_domains);
	list_add_tail(&d->s2_link, &s2->s1_domains);
	d->domain.type = IOMMU_DOMAIN_NESTED;
	d->domain.ops = &simvtd_nested_ops;
	return &d->domain;
}
