// SPDX-License-Identifier: GPL-2.0-only
/*
 * simsmmu_domain.c - paging domains (stage 1 by default, stage 2 for a
 * nest parent), the static blocked/identity domains, attach, map/unmap
 * with their TLB invalidation, and HTTU dirty tracking.
 *
 * TLB tags (SMMUv3 3.17): stage-1 entries carry the CD's ASID and the
 * STE's S2VMID (0 for the driver's plain stage-1 STEs); stage-2 entries
 * carry the domain's VMID (1..). Stage-1+2 entries of nested guests
 * carry both, so changing a nest parent's stage 2 needs TLBI_NH_ALL of
 * its VMID as well as TLBI_S2_IPA (4.4.3, 4.4.6).
 */
#include <linux/gfp.h>
#include <linux/iommu.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <uapi/linux/iommufd.h>

#include "simsmmu.h"

#define INV_PAGES_MAX 256       /* beyond this, invalidate the whole ASID/VMID */
#define S1_IA_BITS 48

static const struct iommu_dirty_ops simsmmu_dirty_ops;

static void issue(struct simsmmu_device *smmu, const u64 (*cmds)[2], unsigned int n)
{
	WARN_ON(simsmmu_cmdq_issue(smmu, cmds, n, NULL));
}

/* Invalidate everything a domain's tag may have in the TLB and walk caches. */
static void domain_inv_all(struct simsmmu_domain *d)
{
	u64 c[2][2] = { { 0, 0 }, { SSM_SET(SSM_CMD0_OP, SSM_OP_CMD_SYNC), 0 } };

	if (d->stage == SIMSMMU_STAGE1)
		c[0][0] = SSM_SET(SSM_CMD0_OP, SSM_OP_TLBI_NH_ASID) |
			  SSM_SET(SSM_CMD0_ASID, d->asid) | SSM_SET(SSM_CMD0_VMID, 0);
	else
		c[0][0] = SSM_SET(SSM_CMD0_OP, SSM_OP_TLBI_S12_VMALL) |
			  SSM_SET(SSM_CMD0_VMID, d->vmid);
	issue(d->smmu, c, 2);
}

static void domain_inv_range(struct simsmmu_domain *d, u64 start, u64 end)
{
	u64 npages = ((end | 0xfff) - (start & ~0xfffULL) + 1) >> 12;
	u64 (*c)[2];
	unsigned int n = 0;

	if (npages > INV_PAGES_MAX) {
		domain_inv_all(d);
		return;
	}
	c = kcalloc(npages + 2, sizeof(*c), GFP_KERNEL);
	if (!c) {
		domain_inv_all(d);
		return;
	}
	for (u64 a = start & ~0xfffULL; a <= end; a += 4096) {
		if (d->stage == SIMSMMU_STAGE1) {
			c[n][0] = SSM_SET(SSM_CMD0_OP, SSM_OP_TLBI_NH_VA) |
				  SSM_SET(SSM_CMD0_ASID, d->asid) | SSM_SET(SSM_CMD0_VMID, 0);
			c[n][1] = (a & SSM_CMD1_ADDR) | SSM_SET(SSM_CMD1_TG, 1) | SSM_CMD1_LEAF;
		} else {
			c[n][0] = SSM_SET(SSM_CMD0_OP, SSM_OP_TLBI_S2_IPA) |
				  SSM_SET(SSM_CMD0_VMID, d->vmid);
			c[n][1] = (a & SSM_CMD1_IPA) | SSM_SET(SSM_CMD1_TG, 1) | SSM_CMD1_LEAF;
		}
		n++;
		if (a + 4096 < a)
			break;
	}
	/* Combined stage 1+2 entries of guests on this parent hold the old IPA too */
	if (d->stage == SIMSMMU_STAGE2 && d->nest_parent)
		c[n++][0] = SSM_SET(SSM_CMD0_OP, SSM_OP_TLBI_NH_ALL) | SSM_SET(SSM_CMD0_VMID, d->vmid);
	c[n++][0] = SSM_SET(SSM_CMD0_OP, SSM_OP_CMD_SYNC);
	issue(d->smmu, (const u64 (*)[2])c, n);
	kfree(c);
}

static struct simsmmu_domain *paging_alloc(struct simsmmu_device *smmu, enum simsmmu_stage stage,
					   bool nest_parent, bool dirty)
{
	struct simsmmu_domain *d = kzalloc(sizeof(*d), GFP_KERNEL);
	unsigned int ia;
	int id, rc;

	if (!d)
		return ERR_PTR(-ENOMEM);
	d->smmu = smmu;
	d->stage = stage;
	d->nest_parent = nest_parent;
	d->dirty_tracking = dirty;
	if (stage == SIMSMMU_STAGE1) {
		/* ASID 0 stays unused: a zeroed CD must not alias a domain */
		id = ida_alloc_range(&smmu->asid_ida, 1, smmu->asid16 ? 0xffff : 0xff, GFP_KERNEL);
		ia = S1_IA_BITS;
	} else {
		/* VMID 0 tags the stage-1-only STEs */
		id = ida_alloc_range(&smmu->vmid_ida, 1, smmu->vmid16 ? 0xffff : 0xff, GFP_KERNEL);
		ia = min_t(unsigned int, 48, smmu->oas_bits);
	}
	if (id < 0) {
		kfree(d);
		return ERR_PTR(id);
	}
	if (stage == SIMSMMU_STAGE1)
		d->asid = id;
	else
		d->vmid = id;
	rc = simsmmu_pgt_init(&d->pgt, stage == SIMSMMU_STAGE2, ia, dirty);
	if (rc) {
		if (stage == SIMSMMU_STAGE1)
			ida_free(&smmu->asid_ida, id);
		else
			ida_free(&smmu->vmid_ida, id);
		kfree(d);
		return ERR_PTR(rc);
	}
	d->domain.type = IOMMU_DOMAIN_UNMANAGED;
	d->domain.ops = &simsmmu_paging_ops;
	d->domain.pgsize_bitmap = SIMSMMU_PGSIZES;
	d->domain.geometry.aperture_start = 0;
	d->domain.geometry.aperture_end = (1ULL << ia) - 1;
	d->domain.geometry.force_aperture = true;
	if (dirty)
		d->domain.dirty_ops = &simsmmu_dirty_ops;
	return d;
}

struct iommu_domain *simsmmu_domain_alloc_paging(struct device *dev)
{
	struct simsmmu_master *m = dev_iommu_priv_get(dev);
	struct simsmmu_domain *d;

	d = paging_alloc(m->smmu, m->smmu->s1p ? SIMSMMU_STAGE1 : SIMSMMU_STAGE2, false, false);
	return IS_ERR(d) ? ERR_CAST(d) : &d->domain;
}

struct iommu_domain *simsmmu_domain_alloc_user(struct device *dev, u32 flags,
					       struct iommu_domain *parent,
					       const struct iommu_user_data *user_data)
{
	const u32 paging_flags = IOMMU_HWPT_ALLOC_NEST_PARENT | IOMMU_HWPT_ALLOC_DIRTY_TRACKING;
	struct simsmmu_master *m = dev_iommu_priv_get(dev);
	struct simsmmu_device *smmu = m->smmu;
	bool nest_parent = flags & IOMMU_HWPT_ALLOC_NEST_PARENT;
	bool dirty = flags & IOMMU_HWPT_ALLOC_DIRTY_TRACKING;
	struct simsmmu_domain *d;

	if (parent)
		return simsmmu_nested_alloc(m, flags, parent, user_data);
	if ((flags & ~paging_flags) || user_data)
		return ERR_PTR(-EOPNOTSUPP);
	/* A nest parent is the stage 2 under a guest's stage 1: both needed */
	if (nest_parent && !(smmu->s1p && smmu->s2p))
		return ERR_PTR(-EOPNOTSUPP);
	/* HTTU dirty state is offered for stage-1 tables only */
	if (dirty && (nest_parent || !smmu->s1p || !smmu->httu_d))
		return ERR_PTR(-EOPNOTSUPP);
	d = paging_alloc(smmu, nest_parent || !smmu->s1p ? SIMSMMU_STAGE2 : SIMSMMU_STAGE1,
			 nest_parent, dirty);
	return IS_ERR(d) ? ERR_CAST(d) : &d->domain;
}

static void paging_free(struct iommu_domain *domain)
{
	struct simsmmu_domain *d = to_simsmmu_domain(domain);

	/* Nothing may hit this domain's tag once its id is reused */
	domain_inv_all(d);
	simsmmu_pgt_free(&d->pgt);
	if (d->stage == SIMSMMU_STAGE1)
		ida_free(&d->smmu->asid_ida, d->asid);
	else
		ida_free(&d->smmu->vmid_ida, d->vmid);
	kfree(d);
}

void simsmmu_master_set_ste(struct simsmmu_master *m, const u64 *ste, struct iommu_domain *d)
{
	simsmmu_ste_install(m->smmu, m->sid, ste);
	m->domain = d;
}

static int paging_attach(struct iommu_domain *domain, struct device *dev)
{
	struct simsmmu_domain *d = to_simsmmu_domain(domain);
	struct simsmmu_master *m = dev_iommu_priv_get(dev);
	u64 ste[SSM_STE_WORDS];

	if (!m || m->smmu != d->smmu)
		return -EINVAL;
	if (d->stage == SIMSMMU_STAGE1) {
		/* The new CD goes into the table the STE does not point at */
		int spare = !m->cd_live;
		u64 cd[SSM_CD_WORDS];

		simsmmu_cd_build(d, cd);
		for (int w = SSM_CD_WORDS - 1; w >= 0; w--)
			WRITE_ONCE(m->cdtab[spare][w], cd[w]);
		simsmmu_ste_s1(m, ste, m->cdtab_pa[spare]);
		simsmmu_master_set_ste(m, ste, domain);
		/* CFGI_STE dropped the cached CDs of this stream with the switch */
		m->cd_live = spare;
	} else {
		simsmmu_ste_s2(d, ste);
		simsmmu_master_set_ste(m, ste, domain);
	}
	return 0;
}

static int paging_map(struct iommu_domain *domain, unsigned long iova, phys_addr_t paddr,
		      size_t pgsize, size_t pgcount, int prot, gfp_t gfp, size_t *mapped)
{
	struct simsmmu_domain *d = to_simsmmu_domain(domain);

	/*
	 * Invalid -> valid needs no invalidation: the SMMU caches no
	 * translation faults (3.17), and tables are created before the
	 * descriptor pointing at them.
	 */
	for (size_t i = 0; i < pgcount; i++) {
		int rc = simsmmu_pgt_map(&d->pgt, iova + i * pgsize, paddr + i * pgsize, pgsize,
					 prot, gfp);

		if (rc)
			return rc;
		*mapped += pgsize;
	}
	return 0;
}

static size_t paging_unmap(struct iommu_domain *domain, unsigned long iova, size_t pgsize,
			   size_t pgcount, struct iommu_iotlb_gather *gather)
{
	struct simsmmu_domain *d = to_simsmmu_domain(domain);
	u64 inv[2] = { ~0ULL, 0 };
	size_t done = simsmmu_pgt_unmap(&d->pgt, iova, pgsize * pgcount, inv);

	if (done)
		iommu_iotlb_gather_add_range(gather, iova, done);
	/* A split block: its whole range may be cached as one entry */
	if (inv[0] <= inv[1])
		iommu_iotlb_gather_add_range(gather, inv[0], inv[1] - inv[0] + 1);
	return done;
}

static void paging_iotlb_sync(struct iommu_domain *domain, struct iommu_iotlb_gather *gather)
{
	if (gather->start > gather->end)
		return;
	domain_inv_range(to_simsmmu_domain(domain), gather->start, gather->end);
}

static void paging_flush_all(struct iommu_domain *domain)
{
	domain_inv_all(to_simsmmu_domain(domain));
}

static phys_addr_t paging_iova_to_phys(struct iommu_domain *domain, dma_addr_t iova)
{
	return simsmmu_pgt_iova_to_phys(&to_simsmmu_domain(domain)->pgt, iova);
}

/* HTTU keeps writable-clean pages (DBM, AP[2]=1) and clears AP[2] on the first write. */
static int dirty_set(struct iommu_domain *domain, bool enable)
{
	return 0;       /* always on for a DIRTY_TRACKING domain; enabling clears via iommufd */
}

static int dirty_read_and_clear(struct iommu_domain *domain, unsigned long iova, size_t size,
				unsigned long flags, struct iommu_dirty_bitmap *dirty)
{
	struct simsmmu_domain *d = to_simsmmu_domain(domain);

	if (!d->dirty_tracking)
		return -EINVAL;
	unsigned long end = iova + size, a = iova & ~0xfffUL, next;

	for (; a < end; a = next) {
		unsigned int shift = 12;
		u64 *slot = simsmmu_pgt_leaf(&d->pgt, a, &shift);
		u64 pte = slot ? READ_ONCE(*slot) : 0;

		next = (a | ((1UL << shift) - 1)) + 1;
		if (!next)
			break;
		if (!(pte & SSM_PTE_VALID) || !(pte & SSM_PTE_DBM) || (pte & SSM_PTE_AP2))
			continue;
		/* A dirty block dirties every page of it inside the range */
		iommu_dirty_bitmap_record(dirty, a, min(next, end) - a);
		/*
		 * Back to writable-clean; the TLB entry that holds it writable
		 * is invalidated by the iotlb_sync iommufd issues afterwards.
		 * A block reaching outside the range stays dirty (its other
		 * pages have not been reported).
		 */
		if (!(flags & IOMMU_DIRTY_NO_CLEAR) && !(a & ((1UL << shift) - 1)) && next <= end)
			WRITE_ONCE(*slot, pte | SSM_PTE_AP2);
	}
	return 0;
}

static const struct iommu_dirty_ops simsmmu_dirty_ops = {
	.set_dirty_tracking = dirty_set,
	.read_and_clear_dirty = dirty_read_and_clear,
};

const struct iommu_domain_ops simsmmu_paging_ops = {
	.attach_dev = paging_attach,
	.map_pages = paging_map,
	.unmap_pages = paging_unmap,
	.iotlb_sync = paging_iotlb_sync,
	.flush_iotlb_all = paging_flush_all,
	.iova_to_phys = paging_iova_to_phys,
	.free = paging_free,
};

/* The blocked and identity domains: an STE that aborts, or one that bypasses. */
static int fixed_attach(struct iommu_domain *domain, struct device *dev)
{
	struct simsmmu_master *m = dev_iommu_priv_get(dev);
	u64 ste[SSM_STE_WORDS];

	if (domain->type == IOMMU_DOMAIN_IDENTITY)
		simsmmu_ste_bypass(ste);
	else
		simsmmu_ste_abort(ste);
	simsmmu_master_set_ste(m, ste, domain);
	return 0;
}

static const struct iommu_domain_ops fixed_ops = { .attach_dev = fixed_attach };

struct iommu_domain simsmmu_blocked_domain = {
	.type = IOMMU_DOMAIN_BLOCKED,
	.ops = &fixed_ops,
};

struct iommu_domain simsmmu_identity_domain = {
	.type = IOMMU_DOMAIN_IDENTITY,
	.ops = &fixed_ops,
};
