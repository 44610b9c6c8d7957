// SPDX-License-Identifier: GPL-2.0-only
/*
 * simsmmu_nested.c - nested domains: a guest's STE (words 0-1) over a
 * nest-parent stage-2 domain, and the guest's raw invalidation commands.
 * The uAPI and its rules are documented in uapi/iommusim_smmuv3.h; they
 * follow the later upstream arm-smmu-v3 iommufd support.
 */
#include <linux/iommu.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "simsmmu.h"
#include "uapi/iommusim_smmuv3.h"

/* Guest STE fields a VMM may pass through (upstream "NESTING_ALLOWED") */
#define VSTE0_ALLOWED (SSM_STE0_V | SSM_STE0_CONFIG | SSM_STE0_S1FMT | \
		       SSM_STE0_S1CTXPTR | SSM_STE0_S1CDMAX)
#define VSTE1_ALLOWED (SSM_STE1_S1DSS | SSM_STE1_S1CIR | SSM_STE1_S1COR | \
		       SSM_STE1_S1CSH | SSM_STE1_S1STALLD | SSM_STE1_EATS)

static const struct iommu_domain_ops nested_ops;

static int vste_validate(u64 *ste)
{
	unsigned int cfg, eats;

	if (!(ste[0] & SSM_STE0_V)) {
		/* An invalid guest STE is an abort one */
		ste[0] = ste[1] = 0;
		return 0;
	}
	if ((ste[0] & ~VSTE0_ALLOWED) || (ste[1] & ~VSTE1_ALLOWED))
		return -EIO;
	cfg = SSM_GET(SSM_STE0_CONFIG, ste[0]);
	if (cfg != SSM_CFG_ABORT && cfg != SSM_CFG_BYPASS && cfg != SSM_CFG_S1)
		return -EIO;
	eats = SSM_GET(SSM_STE1_EATS, ste[1]);
	if (eats != SSM_EATS_ABORT && eats != SSM_EATS_TRANS)
		return -EIO;
	ste[1] &= ~SSM_STE1_EATS;       /* the host decides ATS */
	return 0;
}

struct iommu_domain *simsmmu_nested_alloc(struct simsmmu_master *m, u32 flags,
					  struct iommu_domain *parent,
					  const struct iommu_user_data *user_data)
{
	struct simsmmu_device *smmu = m->smmu;
	struct iommu_hwpt_arm_smmuv3 arg;
	struct simsmmu_domain *s2;
	struct simsmmu_nested *n;
	int rc;

	if (flags || !(smmu->s1p && smmu->s2p))
		return ERR_PTR(-EOPNOTSUPP);
	if (parent->ops != &simsmmu_paging_ops)
		return ERR_PTR(-EINVAL);
	s2 = to_simsmmu_domain(parent);
	if (!s2->nest_parent || s2->stage != SIMSMMU_STAGE2 || s2->smmu != smmu)
		return ERR_PTR(-EINVAL);
	if (!user_data)
		return ERR_PTR(-EINVAL);
	rc = iommu_copy_struct_from_user(&arg, user_data, IOMMU_HWPT_DATA_ARM_SMMUV3, ste);
	if (rc)
		return ERR_PTR(rc);
	arg.ste[0] = ssm_le64(arg.ste[0]);
	arg.ste[1] = ssm_le64(arg.ste[1]);
	rc = vste_validate(arg.ste);
	if (rc)
		return ERR_PTR(rc);
	n = kzalloc(sizeof(*n), GFP_KERNEL_ACCOUNT);
	if (!n)
		return ERR_PTR(-ENOMEM);
	n->parent = s2;
	n->vste[0] = arg.ste[0];
	n->vste[1] = arg.ste[1];
	n->domain.type = IOMMU_DOMAIN_NESTED;
	n->domain.ops = &nested_ops;
	return &n->domain;
}

static void nested_free(struct iommu_domain *domain)
{
	kfree(to_simsmmu_nested(domain));
}

static int nested_attach(struct iommu_domain *domain, struct device *dev)
{
	struct simsmmu_nested *n = to_simsmmu_nested(domain);
	struct simsmmu_master *m = dev_iommu_priv_get(dev);
	u64 ste[SSM_STE_WORDS];

	if (!m || m->smmu != n->parent->smmu)
		return -EINVAL;
	switch (SSM_GET(SSM_STE0_CONFIG, n->vste[0])) {
	case SSM_CFG_S1:
		/* Guest stage-1 fields over the parent's stage 2: S1ContextPtr is an IPA */
		simsmmu_ste_s2(n->parent, ste);
		ste[0] = (n->vste[0] & ~SSM_STE0_CONFIG) | SSM_SET(SSM_STE0_CONFIG, SSM_CFG_NESTED);
		ste[1] |= n->vste[1];
		break;
	case SSM_CFG_BYPASS:
		simsmmu_ste_s2(n->parent, ste);  /* guest stage 1 bypassed */
		break;
	default:
		simsmmu_ste_abort(ste);
		break;
	}
	simsmmu_master_set_ste(m, ste, domain);
	return 0;
}

static struct simsmmu_master *attached_master(struct simsmmu_nested *n, u32 sid)
{
	struct simsmmu_device *smmu = n->parent->smmu;

	for (unsigned int i = 0; i < smmu->nmasters; i++) {
		struct device *dev = &smmu->clients[i]->dev;
		struct simsmmu_master *m = dev->iommu ? dev_iommu_priv_get(dev) : NULL;

		if (m && m->sid == sid && m->domain == &n->domain)
			return m;
	}
	return NULL;
}

/* Check and convert one guest command; -EIO when it is not allowed. */
static int cmd_convert(struct simsmmu_nested *n, u64 *c)
{
	struct simsmmu_device *smmu = n->parent->smmu;
	u16 vmid = n->parent->vmid;

	switch (SSM_GET(SSM_CMD0_OP, c[0])) {
	case SSM_OP_TLBI_NSNH_ALL:
		/* Everything the guest can reach: its VMID */
		c[0] = SSM_SET(SSM_CMD0_OP, SSM_OP_TLBI_NH_ALL) | SSM_SET(SSM_CMD0_VMID, vmid);
		c[1] = 0;
		return 0;
	case SSM_OP_TLBI_NH_ALL:
	case SSM_OP_TLBI_NH_ASID:
	case SSM_OP_TLBI_NH_VA:
	case SSM_OP_TLBI_NH_VAA:
		c[0] = (c[0] & ~SSM_CMD0_VMID) | SSM_SET(SSM_CMD0_VMID, vmid);
		return 0;
	case SSM_OP_ATC_INV:
		if (!smmu->ats)
			return -EIO;
		fallthrough;
	case SSM_OP_CFGI_CD:
	case SSM_OP_CFGI_CD_ALL:
		/* No vSID table in 6.12: the SID must be a device of this HWPT */
		if (!attached_master(n, SSM_GET(SSM_CMD0_SID, c[0])))
			return -EIO;
		return 0;
	default:
		return -EIO;
	}
}

static int nested_invalidate(struct iommu_domain *domain, struct iommu_user_data_array *array)
{
	struct simsmmu_nested *n = to_simsmmu_nested(domain);
	u32 num = array->entry_num;
	unsigned int ok = 0, issued = 0;
	u64 (*cmds)[2];
	int rc = 0, rc2;

	if (!num)
		return 0;
	cmds = kcalloc(num + 1, sizeof(*cmds), GFP_KERNEL);
	if (!cmds) {
		array->entry_num = 0;
		return -ENOMEM;
	}
	for (; ok < num; ok++) {
		struct iommu_hwpt_arm_smmuv3_invalidate e;

		rc = iommu_copy_struct_from_user_array(&e, array,
						       IOMMU_HWPT_INVALIDATE_DATA_ARM_SMMUV3,
						       ok, cmd);
		if (rc)
			break;
		cmds[ok][0] = ssm_le64(e.cmd[0]);
		cmds[ok][1] = ssm_le64(e.cmd[1]);
		rc = cmd_convert(n, cmds[ok]);
		if (rc)
			break;
	}
	/* The accepted prefix runs, then a CMD_SYNC completes it */
	cmds[ok][0] = SSM_SET(SSM_CMD0_OP, SSM_OP_CMD_SYNC);
	cmds[ok][1] = 0;
	rc2 = simsmmu_cmdq_issue(n->parent->smmu, (const u64 (*)[2])cmds, ok + 1, &issued);
	if (rc2) {
		ok = min(ok, issued);
		rc = rc ? rc : rc2;
	}
	array->entry_num = ok;
	kfree(cmds);
	return rc;
}

static const struct iommu_domain_ops nested_ops = {
	.attach_dev = nested_attach,
	.cache_invalidate_user = nested_invalidate,
	.free = nested_free,
};
