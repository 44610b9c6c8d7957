// SPDX-License-Identifier: GPL-2.0-only
/*
 * simvtd_domain.c - paging (second-stage), identity and blocking
 * domains. The rules for user-allocated domains are those of Linux's
 * Intel driver: paging domains are second-stage only; NEST_PARENT needs
 * scalable mode with ECAP.NEST; DIRTY_TRACKING needs ECAP.SSADS; driver
 * data on a paging allocation is not supported. Enforced cache
 * coherency on a second-stage domain sets SNP in every leaf written
 * from then on (VT-d spec 9.8), so it is refused once mappings exist.
 */
#include <linux/idr.h>
#include <linux/iommu.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <uapi/linux/iommufd.h>

#include "simvtd.h"

static DEFINE_IDA(simvtd_did_ida);

int simvtd_did_alloc(void)
{
	/* DID 0 is reserved in caching mode, 1 serves pass-through. */
	return ida_alloc_range(&simvtd_did_ida, SIMVTD_IDENTITY_DID + 1, 0xffff, GFP_KERNEL);
}

void simvtd_did_free(int did)
{
	ida_free(&simvtd_did_ida, did);
}

static bool nested_supported(struct simvtd *v)
{
	return (v->ecap & VTD_ECAP_SMTS) && (v->ecap & VTD_ECAP_NEST);
}

static bool ssads_supported(struct simvtd *v)
{
	return (v->ecap & VTD_ECAP_SMTS) && (v->ecap & VTD_ECAP_SSADS);
}

/* Levels of a new second-stage table: 4 when SAGAW allows, else 5, else 3. */
static unsigned int ss_levels(struct simvtd *v)
{
	if (v->sagaw & VTD_SAGAW_48)
		return 4;
	if (v->sagaw & VTD_SAGAW_57)
		return 5;
	if (v->sagaw & VTD_SAGAW_39)
		return 3;
	return 0;
}

static bool levels_supported(struct simvtd *v, unsigned int levels)
{
	return v->sagaw & (levels == 3 ? VTD_SAGAW_39 : levels == 4 ? VTD_SAGAW_48 :
			   levels == 5 ? VTD_SAGAW_57 : 0);
}

/* PASID entry AW: 1 = 39-bit (3-level), 2 = 48-bit, 3 = 57-bit. */
static uint64_t pe_aw(unsigned int levels)
{
	return ((uint64_t)(levels - 2) << VTD_PTE0_AW_SHIFT) & VTD_PTE0_AW_MASK;
}

static struct simvtd_domain *paging_alloc(struct simvtd *v)
{
	unsigned int levels = ss_levels(v), width;
	struct simvtd_domain *d;
	int did;

	if (!levels)
		return ERR_PTR(-ENODEV);
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return ERR_PTR(-ENOMEM);
	d->kind = SIMVTD_PAGING;
	d->levels = levels;
	INIT_LIST_HEAD(&d->devices);
	INIT_LIST_HEAD(&d->s1_domains);
	INIT_LIST_HEAD(&d->s2_link);
	did = simvtd_did_alloc();
	if (did < 0) {
		kfree(d);
		return ERR_PTR(did);
	}
	d->did = did;
	if (simvtd_pgtable_init(d)) {
		simvtd_did_free(d->did);
		kfree(d);
		return ERR_PTR(-ENOMEM);
	}
	/*
	 * Tables start 4-level; where SAGAW also has 57-bit, the aperture
	 * reaches MGAW and the table grows a fifth level on the first map
	 * above 2^48, so common address spaces keep 4-level walks.
	 */
	d->max_levels = levels == 4 && (v->sagaw & VTD_SAGAW_57) ? 5 : levels;
	width = 12 + 9 * d->max_levels;
	if (width > v->mgaw)
		width = v->mgaw;
	d->domain.geometry.aperture_start = 0;
	d->domain.geometry.aperture_end = (1ULL << width) - 1;
	d->domain.geometry.force_aperture = true;
	d->sllps = (v->cap & VTD_CAP_SLLPS_MASK) >> VTD_CAP_SLLPS_SHIFT;
	d->domain.pgsize_bitmap = SZ_4K;
	if (d->sllps & VTD_SLLPS_2M)
		d->domain.pgsize_bitmap |= SZ_2M;
	if ((d->sllps & VTD_SLLPS_1G) && levels >= 3)
		d->domain.pgsize_bitmap |= SZ_1G;
	d->domain.ops = &simvtd_paging_ops;
	return d;
}

struct iommu_domain *simvtd_domain_alloc_paging(struct device *dev)
{
	struct simvtd_dev *info = dev_iommu_priv_get(dev);
	struct simvtd_domain *d = paging_alloc(info->vtd);

	return IS_ERR(d) ? ERR_CAST(d) : &d->domain;
}

struct iommu_domain *simvtd_domain_alloc_user(struct device *dev, u32 flags,
					      struct iommu_domain *parent,
					      const struct iommu_user_data *user_data)
{
	struct simvtd_dev *info = dev_iommu_priv_get(dev);
	struct simvtd *v = info->vtd;
	bool dirty = flags & IOMMU_HWPT_ALLOC_DIRTY_TRACKING;
	bool nest_parent = flags & IOMMU_HWPT_ALLOC_NEST_PARENT;
	struct simvtd_domain *d;

	if (parent) {
		if (!nested_supported(v) || flags)
			return ERR_PTR(-EOPNOTSUPP);
		return simvtd_nested_alloc(info, parent, user_data);
	}
	if (flags & ~(IOMMU_HWPT_ALLOC_NEST_PARENT | IOMMU_HWPT_ALLOC_DIRTY_TRACKING))
		return ERR_PTR(-EOPNOTSUPP);
	if (nest_parent && !nested_supported(v))
		return ERR_PTR(-EOPNOTSUPP);
	if (user_data || (dirty && !ssads_supported(v)))
		return ERR_PTR(-EOPNOTSUPP);
	d = paging_alloc(v);
	if (IS_ERR(d))
		return ERR_CAST(d);
	d->domain.type = IOMMU_DOMAIN_UNMANAGED;
	d->domain.owner = &simvtd_ops;
	d->nest_parent = nest_parent;
	if (dirty)
		d->domain.dirty_ops = &simvtd_dirty_ops;
	return &d->domain;
}

static void simvtd_paging_free(struct iommu_domain *domain)
{
	struct simvtd_domain *d = to_simvtd_domain(domain);

	WARN_ON(!list_empty(&d->s1_domains) || !list_empty(&d->devices));
	simvtd_pgtable_free(d);
	simvtd_did_free(d->did);
	kfree(d);
}

/* Can this unit use the second-stage table d (Linux's rules at attach)? */
int simvtd_paging_check(struct simvtd_domain *d, struct simvtd_dev *info)
{
	struct simvtd *v = info->vtd;

	if (d->force_snooping && !(v->ecap & VTD_ECAP_SC))
		return -EINVAL;
	if (d->domain.dirty_ops && !ssads_supported(v))
		return -EINVAL;
	if (!levels_supported(v, d->levels) || d->domain.geometry.aperture_end >> v->mgaw)
		return -EINVAL;
	return 0;
}

void simvtd_dev_detach(struct simvtd_dev *info)
{
	if (info->domain) {
		list_del_init(&info->link);
		info->domain = NULL;
	}
	simvtd_pasid_clear(info);
}

int simvtd_dev_attach(struct simvtd_dev *info, struct simvtd_domain *d, const uint64_t pe[8])
{
	int ret;

	simvtd_dev_detach(info);
	ret = simvtd_pasid_install(info, pe);
	if (ret)
		return ret;
	info->domain = d;
	list_add_tail(&info->link, &d->devices);
	return 0;
}

void simvtd_paging_pe(struct simvtd_domain *d, struct simvtd *v, uint64_t pe[8])
{
	memset(pe, 0, 8 * sizeof(pe[0]));
	pe[0] = virt_to_phys(d->pgd) | pe_aw(d->levels) |
		((uint64_t)VTD_PGTT_SS << VTD_PTE0_PGTT_SHIFT) | VTD_PTE0_P;
	if (d->dirty_tracking)
		pe[0] |= VTD_PTE0_SSADE;
	pe[1] = d->did;
	if (v->ecap & VTD_ECAP_SMPWCS)
		pe[1] |= VTD_PTE1_PWSNP;
}

static int simvtd_paging_attach(struct iommu_domain *domain, struct device *dev)
{
	struct simvtd_dev *info = dev_iommu_priv_get(dev);
	struct simvtd_domain *d = to_simvtd_domain(domain);
	uint64_t pe[8] = { 0 };
	int ret;

	ret = simvtd_paging_check(d, info);
	if (ret)
		return ret;
	simvtd_paging_pe(d, info->vtd, pe);
	return simvtd_dev_attach(info, d, pe);
}

static bool domain_on(struct simvtd_domain *d, struct simvtd *v)
{
	struct simvtd_dev *info;

	list_for_each_entry(info, &d->devices, link)
		if (info->vtd == v)
			return true;
	return false;
}

/*
 * After second-stage leaves changed: page-selective IOTLB invalidation
 * for the domain's own DID and, on a nest parent, for the DID of every
 * nested domain built on it (type 2 also drops nested entries of a DID).
 */
void simvtd_domain_flush_range(struct simvtd_domain *d, uint64_t start, uint64_t end)
{
	struct simvtd *v;

	list_for_each_entry(v, &simvtd_instances, node) {
		struct simvtd_domain *s1;

		if (domain_on(d, v))
			simvtd_flush_iotlb(v, d->did, start, end, false);
		list_for_each_entry(s1, &d->s1_domains, s2_link)
			if (domain_on(s1, v))
				simvtd_flush_iotlb(v, s1->did, start, end, false);
	}
}

/*
 * A fifth level on top: the old root becomes entry 0 of the new one, and
 * every PASID entry using the table is rewritten (new SSPTPTR and AW),
 * torn down and flushed first as any change of a present entry.
 */
static int paging_grow(struct simvtd_domain *d)
{
	struct simvtd_domain *s1;
	struct simvtd_dev *info;
	uint64_t *top, pe[8];

	list_for_each_entry(info, &d->devices, link)
		if (!levels_supported(info->vtd, d->levels + 1))
			return -EFAULT;
	list_for_each_entry(s1, &d->s1_domains, s2_link)
		list_for_each_entry(info, &s1->devices, link)
			if (!levels_supported(info->vtd, d->levels + 1))
				return -EFAULT;
	top = (uint64_t *)get_zeroed_page(GFP_KERNEL);
	if (!top)
		return -ENOMEM;
	top[0] = virt_to_phys(d->pgd) | VTD_SS_R | VTD_SS_W;
	d->pgd = top;
	d->levels++;
	list_for_each_entry(info, &d->devices, link) {
		simvtd_paging_pe(d, info->vtd, pe);
		simvtd_pasid_install(info, pe);
	}
	list_for_each_entry(s1, &d->s1_domains, s2_link) {
		list_for_each_entry(info, &s1->devices, link) {
			simvtd_nested_pe(s1, info->vtd, pe);
			simvtd_pasid_install(info, pe);
		}
	}
	return 0;
}

static int simvtd_map_pages(struct iommu_domain *domain, unsigned long iova,
			    phys_addr_t paddr, size_t pgsize, size_t pgcount,
			    int prot, gfp_t gfp, size_t *mapped)
{
	struct simvtd_domain *d = to_simvtd_domain(domain);
	uint64_t attr = 0;
	int ret = 0;

	if (prot & IOMMU_READ)
		attr |= VTD_SS_R;
	if (prot & IOMMU_WRITE)
		attr |= VTD_SS_W;
	if (!attr)
		return -EINVAL;
	if (d->force_snooping)
		attr |= VTD_SS_SNP;
	if (iova + (uint64_t)pgsize * pgcount - 1 > d->domain.geometry.aperture_end ||
	    iova + (uint64_t)pgsize * pgcount < iova)
		return -EFAULT;
	while ((iova + (uint64_t)pgsize * pgcount - 1) >> (12 + 9 * d->levels) &&
	       d->levels < d->max_levels) {
		ret = paging_grow(d);
		if (ret)
			return ret;
	}
	for (size_t i = 0; i < pgcount; i++) {
		ret = simvtd_pgtable_map(d, iova + i * pgsize, paddr + i * pgsize, pgsize, attr);
		if (ret)
			break;
		*mapped += pgsize;
		d->has_mappings = true;
	}
	return ret;
}

static size_t simvtd_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				 size_t pgsize, size_t pgcount,
				 struct iommu_iotlb_gather *gather)
{
	struct simvtd_domain *d = to_simvtd_domain(domain);
	size_t total = 0;

	while (pgcount--) {
		size_t n = simvtd_pgtable_unmap(d, iova + total, pgsize);

		if (!n)
			break;
		iommu_iotlb_gather_add_range(gather, iova + total, n);
		total += n;
	}
	return total;
}

static void simvtd_iotlb_sync(struct iommu_domain *domain, struct iommu_iotlb_gather *gather)
{
	if (gather->end >= gather->start && gather->end)
		simvtd_domain_flush_range(to_simvtd_domain(domain), gather->start, gather->end);
}

static void simvtd_flush_all(struct iommu_domain *domain)
{
	simvtd_domain_flush_range(to_simvtd_domain(domain), 0, ~0ULL);
}

static phys_addr_t simvtd_iova_to_phys(struct iommu_domain *domain, dma_addr_t iova)
{
	uint64_t size;
	uint64_t *leaf = simvtd_pgtable_leaf(to_simvtd_domain(domain), iova, &size);

	if (!leaf)
		return 0;
	return (*leaf & VTD_SS_ADDR_MASK & ~(size - 1)) | (iova & (size - 1));
}

static bool simvtd_enforce_cache_coherency(struct iommu_domain *domain)
{
	struct simvtd_domain *d = to_simvtd_domain(domain);
	struct simvtd_dev *info;

	if (d->force_snooping)
		return true;
	list_for_each_entry(info, &d->devices, link)
		if (!(info->vtd->ecap & VTD_ECAP_SC))
			return false;
	/* SNP lives in each leaf: existing leaves would stay non-snooped. */
	if (d->has_mappings)
		return false;
	d->force_snooping = true;
	return true;
}

const struct iommu_domain_ops simvtd_paging_ops = {
	.attach_dev = simvtd_paging_attach,
	.map_pages = simvtd_map_pages,
	.unmap_pages = simvtd_unmap_pages,
	.iotlb_sync = simvtd_iotlb_sync,
	.flush_iotlb_all = simvtd_flush_all,
	.iova_to_phys = simvtd_iova_to_phys,
	.enforce_cache_coherency = simvtd_enforce_cache_coherency,
	.free = simvtd_paging_free,
};

/* ---- identity (pass-through) and blocking ------------------------------ */

static int simvtd_identity_attach(struct iommu_domain *domain, struct device *dev)
{
	struct simvtd_dev *info = dev_iommu_priv_get(dev);
	struct simvtd *v = info->vtd;
	uint64_t pe[8] = { 0 };

	if (!(v->ecap & VTD_ECAP_PT))
		return -EINVAL;
	simvtd_dev_detach(info);
	pe[0] = pe_aw(ss_levels(v)) | ((uint64_t)VTD_PGTT_PT << VTD_PTE0_PGTT_SHIFT) |
		VTD_PTE0_P;
	pe[1] = SIMVTD_IDENTITY_DID;
	return simvtd_pasid_install(info, pe);
}

static int simvtd_blocked_attach(struct iommu_domain *domain, struct device *dev)
{
	simvtd_dev_detach(dev_iommu_priv_get(dev));
	return 0;
}

static const struct iommu_domain_ops simvtd_identity_ops = {
	.attach_dev = simvtd_identity_attach,
};

static const struct iommu_domain_ops simvtd_blocked_ops = {
	.attach_dev = simvtd_blocked_attach,
};

struct iommu_domain simvtd_identity_domain = {
	.type = IOMMU_DOMAIN_IDENTITY,
	.ops = &simvtd_identity_ops,
};

struct iommu_domain simvtd_blocked_domain = {
	.type = IOMMU_DOMAIN_BLOCKED,
	.ops = &simvtd_blocked_ops,
};
