/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * simsmmu.h - private state of the simsmmu driver: one struct per SMMU
 * instance, per device behind it (master), per domain.
 */
#ifndef SIMSMMU_H
#define SIMSMMU_H

#include <linux/fwnode.h>
#include <linux/idr.h>
#include <linux/iommu.h>
#include <linux/platform_device.h>
#include <shim/hw.h>

#include "simsmmu_hw.h"

struct iommu_model;

#define SIMSMMU_MAX_MASTERS IOMMUSIM_HW_MAX_DEVICES

/* One VMSAv8-64 4 KiB-granule translation table (stage 1 or stage 2). */
#define SIMSMMU_PGSIZES (SZ_4K | SZ_2M | SZ_1G)
struct simsmmu_pgtable {
	u64 *root;
	phys_addr_t root_pa;
	unsigned int ia_bits;
	int start_level;
	bool s2;
	bool dbm;       /* writable pages start writable-clean (HTTU dirty) */
};

struct simsmmu_device {
	struct iommu_device iommu;
	struct iommu_model *model;
	struct platform_device *pdev;   /* the instance itself (hwdev) */
	struct fwnode_handle fwnode;    /* what its devices' fwspecs name */
	struct list_head node;
	int index;
	int irq_line;
	/* ID registers and what the driver takes from them */
	u32 idr[6], iidr, aidr;
	bool s1p, s2p, httu_a, httu_d, ats, asid16, vmid16;
	unsigned int oas_bits, sid_bits;
	/* Stream table (linear) */
	u64 *strtab;
	phys_addr_t strtab_pa;
	unsigned int strtab_log2, strtab_order;
	/* Command queue */
	u64 *cmdq;
	phys_addr_t cmdq_pa;
	unsigned int cmdq_log2;
	u32 cmdq_prod;
	/* Event queue */
	u64 *evtq;
	phys_addr_t evtq_pa;
	unsigned int evtq_log2;
	u32 evtq_cons;
	unsigned long events, cmd_errors;
	u64 ste_updates, ste_hitless, ste_breaks, ste_stores;
	struct ida asid_ida, vmid_ida;
	/* Devices behind it */
	unsigned int nmasters;
	struct platform_device *clients[SIMSMMU_MAX_MASTERS];
};

struct simsmmu_master {
	struct simsmmu_device *smmu;
	struct device *dev;
	u32 sid;
	/* Two single-entry CD tables: a new CD goes into the one the STE
	 * does not point at, so switching is one STE word (hitless). */
	u64 *cdtab[2];
	phys_addr_t cdtab_pa[2];
	int cd_live;
	struct iommu_domain *domain;    /* attached (NULL: abort at probe) */
};

enum simsmmu_stage { SIMSMMU_STAGE1, SIMSMMU_STAGE2 };

struct simsmmu_domain {
	struct iommu_domain domain;
	struct simsmmu_device *smmu;
	enum simsmmu_stage stage;
	bool nest_parent;
	bool dirty_tracking;
	u16 asid;       /* stage 1 */
	u16 vmid;       /* stage 2 */
	struct simsmmu_pgtable pgt;
};

struct simsmmu_nested {
	struct iommu_domain domain;
	struct simsmmu_domain *parent;
	u64 vste[2];    /* validated guest STE words 0 and 1 */
};

static inline struct simsmmu_domain *to_simsmmu_domain(struct iommu_domain *d)
{
	return container_of(d, struct simsmmu_domain, domain);
}

static inline struct simsmmu_nested *to_simsmmu_nested(struct iommu_domain *d)
{
	return container_of(d, struct simsmmu_nested, domain);
}

/* simsmmu.c */
u64 simsmmu_read(struct simsmmu_device *smmu, u32 off, unsigned int size);
void simsmmu_write(struct simsmmu_device *smmu, u32 off, u64 val, unsigned int size);
extern const struct iommu_ops simsmmu_ops;

/* simsmmu_cmdq.c */
int simsmmu_cmdq_issue(struct simsmmu_device *smmu, const u64 (*cmds)[2], unsigned int n,
		       unsigned int *done);
int simsmmu_cmdq_sync(struct simsmmu_device *smmu);
int simsmmu_cmdq_init(struct simsmmu_device *smmu);
void simsmmu_evtq_drain(struct simsmmu_device *smmu);
void simsmmu_queues_free(struct simsmmu_device *smmu);
void simsmmu_cmd_cfgi_ste(struct simsmmu_device *smmu, u32 sid);

/* simsmmu_ste.c */
int simsmmu_strtab_init(struct simsmmu_device *smmu);
void simsmmu_strtab_free(struct simsmmu_device *smmu);
void simsmmu_ste_install(struct simsmmu_device *smmu, u32 sid, const u64 *target);
void simsmmu_ste_abort(u64 *ste);
void simsmmu_ste_bypass(u64 *ste);
void simsmmu_ste_s1(struct simsmmu_master *m, u64 *ste, phys_addr_t cdtab);
void simsmmu_ste_s2(struct simsmmu_domain *s2, u64 *ste);
void simsmmu_cd_build(struct simsmmu_domain *d, u64 *cd);

/* simsmmu_pgtable.c */
int simsmmu_pgt_init(struct simsmmu_pgtable *p, bool s2, unsigned int ia_bits, bool dbm);
void simsmmu_pgt_free(struct simsmmu_pgtable *p);
int simsmmu_pgt_map(struct simsmmu_pgtable *p, u64 iova, phys_addr_t pa, size_t size,
		    int prot, gfp_t gfp);
/* Bytes unmapped from iova on; inv[0..1] widened over any split block. */
size_t simsmmu_pgt_unmap(struct simsmmu_pgtable *p, u64 iova, size_t size, u64 inv[2]);
phys_addr_t simsmmu_pgt_iova_to_phys(struct simsmmu_pgtable *p, u64 iova);
/* The leaf descriptor (page or block) of iova and its size, or NULL. */
u64 *simsmmu_pgt_leaf(struct simsmmu_pgtable *p, u64 iova, unsigned int *shift);

/* simsmmu_domain.c */
struct iommu_domain *simsmmu_domain_alloc_paging(struct device *dev);
struct iommu_domain *simsmmu_domain_alloc_user(struct device *dev, u32 flags,
					       struct iommu_domain *parent,
					       const struct iommu_user_data *user_data);
extern const struct iommu_domain_ops simsmmu_paging_ops;
extern struct iommu_domain simsmmu_blocked_domain;
extern struct iommu_domain simsmmu_identity_domain;
void simsmmu_master_set_ste(struct simsmmu_master *m, const u64 *ste, struct iommu_domain *d);

/* simsmmu_nested.c */
struct iommu_domain *simsmmu_nested_alloc(struct simsmmu_master *m, u32 flags,
					  struct iommu_domain *parent,
					  const struct iommu_user_data *user_data);

#endif
