/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * simvtd.h - private state of the simvtd driver: an iommu_ops driver for
 * the VT-d scalable-mode model (models/vtd). The driver reaches the model
 * only as a driver reaches silicon: register accesses through the model's
 * MMIO entry points and structures in simulated physical memory (pages
 * from the shim's page allocator). Everything runs under the shim's one
 * kernel lock, so the driver keeps no locks of its own.
 */
#ifndef SIMVTD_H
#define SIMVTD_H

#include <linux/device.h>
#include <linux/iommu.h>
#include <linux/list.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <shim/hw.h>

#include "vtd.h"

#define SIMVTD_RID_PASID        0       /* requests without PASID use PASID 0 */
#define SIMVTD_IDENTITY_DID     1       /* DID of pass-through entries */
#define SIMVTD_IQ_DESC          32      /* 256-bit descriptors (scalable mode) */
#define SIMVTD_IRQ_FAULT        1       /* FEDATA */
#define SIMVTD_IRQ_INV          2       /* IEDATA (masked: the driver polls) */
#define SIMVTD_IRQ_PRQ          3       /* PEDATA */

struct simvtd_domain;

/* One IOMMU instance (one register file). */
struct simvtd {
	struct list_head node;
	struct iommu_device iommu;
	struct device hwdev;            /* the IOMMU itself; carries fwnode */
	struct fwnode_handle fwnode;    /* devices' fwspec points here */
	struct iommu_model *model;
	int seq;
	int irq_line;
	char name[32];
	uint64_t cap, ecap;
	unsigned int fro, nfr, iro;
	unsigned int sagaw, mgaw;
	/* Root table and context tables (two per bus: devfn 0-127, 128-255). */
	uint64_t *root;
	void *ctx[256][2];
	/* Queued invalidation: one page of 256-bit descriptors. */
	void *iq;
	unsigned int iq_tail;
	uint32_t *wait_status;          /* status word of the wait descriptor */
	uint32_t wait_seq;
	/* Page request queue (ECAP.PRS). */
	void *prq;
	struct iopf_queue *iopfq;
	/* Devices behind this IOMMU. */
	unsigned int ndevices;
	struct platform_device *pdev[IOMMUSIM_HW_MAX_DEVICES];
	/* Fault records the interrupt handler took from FRCD. */
	unsigned long long faults_seen;
	bool registered, sysfs_added;
};

/* Per device (dev_iommu_priv). */
struct simvtd_dev {
	struct list_head node;          /* in the driver's table of devices */
	struct list_head link;          /* in the attached domain's devices */
	struct simvtd *vtd;
	struct device *dev;
	uint16_t sid;
	unsigned int pasid_bits;
	bool probed;
	bool iopf_enabled;
	uint64_t *pasid_dir;            /* one directory page */
	void *pasid_table;              /* PASIDs 0..63 */
	struct simvtd_domain *domain;   /* paging or nested domain attached */
};

enum simvtd_domain_kind { SIMVTD_PAGING, SIMVTD_NESTED };

struct simvtd_domain {
	struct iommu_domain domain;
	enum simvtd_domain_kind kind;
	uint16_t did;
	struct list_head devices;       /* struct simvtd_dev attached directly */
	/* paging (second stage) */
	uint64_t *pgd;
	unsigned int levels;            /* 4 (48-bit) or 5 (57-bit) */
	unsigned int max_levels;        /* grown to on a map above 2^48 */
	unsigned int sllps;             /* VTD_SLLPS_* usable for mappings */
	bool nest_parent;
	bool force_snooping;
	bool dirty_tracking;
	bool has_mappings;
	struct list_head s1_domains;    /* nested domains on this parent */
	/* nested (first stage on a parent) */
	struct simvtd_domain *parent;
	struct list_head s2_link;
	uint64_t s1_flags, s1_pgtbl;
	unsigned int s1_addr_width;
};

static inline struct simvtd_domain *to_simvtd_domain(struct iommu_domain *d)
{
	return container_of(d, struct simvtd_domain, domain);
}

/* ---- registers (simvtd.c) ------------------------------------------- */
uint32_t simvtd_rd32(struct simvtd *v, unsigned int off);
uint64_t simvtd_rd64(struct simvtd *v, unsigned int off);
void simvtd_wr32(struct simvtd *v, unsigned int off, uint32_t val);
void simvtd_wr64(struct simvtd *v, unsigned int off, uint64_t val);
/* Issue GCMD command cmd (spec 11.4.4); 0 once GSTS shows sts, else -EIO. */
int simvtd_gcmd(struct simvtd *v, uint32_t cmd, uint32_t sts);

extern const struct iommu_ops simvtd_ops;
extern const struct iommu_domain_ops simvtd_paging_ops;
extern struct iommu_domain simvtd_identity_domain;
extern struct iommu_domain simvtd_blocked_domain;
struct simvtd_dev *simvtd_dev_info(struct device *dev);
/* Every instance, for flushes of domains that span IOMMUs. */
extern struct list_head simvtd_instances;

/* ---- queued invalidation (simvtd_qi.c) ------------------------------ */
struct simvtd_desc {
	uint64_t qw[4];
};
int simvtd_qi_init(struct simvtd *v);
void simvtd_qi_fini(struct simvtd *v);
/* Queue n descriptors and a wait; 0 once the wait's status write landed. */
int simvtd_qi_submit(struct simvtd *v, const struct simvtd_desc *d, unsigned int n);
int simvtd_flush_context_dev(struct simvtd *v, uint16_t sid);
int simvtd_flush_context_global(struct simvtd *v);
int simvtd_flush_pasid_cache(struct simvtd *v, uint16_t did, uint32_t pasid);
int simvtd_flush_pasid_cache_global(struct simvtd *v);
int simvtd_flush_iotlb_global(struct simvtd *v);
/* Type 2 (IOTLB) for did: [start, end] page-selective, or all if too big. */
int simvtd_flush_iotlb(struct simvtd *v, uint16_t did, uint64_t start, uint64_t end,
		       bool ih);
/* Type 6 (PASID-based IOTLB) for did+pasid; all == true: every address. */
int simvtd_flush_piotlb(struct simvtd *v, uint16_t did, uint32_t pasid,
			uint64_t start, uint64_t end, bool ih, bool all);
int simvtd_page_group_response(struct simvtd *v, uint16_t rid, bool pasid_present,
			       uint32_t pasid, unsigned int prgi, bool lpig,
			       unsigned int code);
/* The smallest aligned block 2^am pages holding [start, end]. */
unsigned int simvtd_psi_mask(uint64_t start, uint64_t end, uint64_t *base);

/* ---- root, context and PASID structures (simvtd_pasid.c) ------------- */
int simvtd_root_init(struct simvtd *v);
void simvtd_root_fini(struct simvtd *v);
int simvtd_context_setup(struct simvtd_dev *info);
void simvtd_context_teardown(struct simvtd_dev *info);
int simvtd_context_set_pre(struct simvtd_dev *info, bool pre);
/* Write the RID_PASID entry (qwords as built by the caller), with flushes. */
int simvtd_pasid_install(struct simvtd_dev *info, const uint64_t pe[8]);
/* Tear down the RID_PASID entry: present -> not present, with flushes. */
void simvtd_pasid_clear(struct simvtd_dev *info);
/* Change SSADE of a present SS/nested entry, with flushes. */
int simvtd_pasid_set_ssade(struct simvtd_dev *info, bool on);
uint64_t *simvtd_pasid_entry(struct simvtd_dev *info, uint32_t pasid);

/* ---- second-stage tables (simvtd_pgtable.c) --------------------------- */
int simvtd_pgtable_init(struct simvtd_domain *d);
void simvtd_pgtable_free(struct simvtd_domain *d);
int simvtd_pgtable_map(struct simvtd_domain *d, uint64_t iova, uint64_t pa,
		       size_t pgsize, uint64_t attr);
size_t simvtd_pgtable_unmap(struct simvtd_domain *d, uint64_t iova, size_t pgsize);
/* The leaf for iova: its pointer and size, or NULL (size still set). */
uint64_t *simvtd_pgtable_leaf(struct simvtd_domain *d, uint64_t iova, uint64_t *size);

/* ---- domains (simvtd_domain.c, simvtd_nested.c) ----------------------- */
struct iommu_domain *simvtd_domain_alloc_user(struct device *dev, u32 flags,
					      struct iommu_domain *parent,
					      const struct iommu_user_data *user_data);
struct iommu_domain *simvtd_domain_alloc_paging(struct device *dev);
struct iommu_domain *simvtd_nested_alloc(struct simvtd_dev *info,
					 struct iommu_domain *parent,
					 const struct iommu_user_data *user_data);
int simvtd_paging_check(struct simvtd_domain *d, struct simvtd_dev *info);
/* The RID_PASID entry a device of unit v gets for a paging / nested domain. */
void simvtd_paging_pe(struct simvtd_domain *d, struct simvtd *v, uint64_t pe[8]);
void simvtd_nested_pe(struct simvtd_domain *d, struct simvtd *v, uint64_t pe[8]);
void simvtd_dev_detach(struct simvtd_dev *info);
/* Detach, install pe as the device's RID_PASID entry, join d's device list. */
int simvtd_dev_attach(struct simvtd_dev *info, struct simvtd_domain *d, const uint64_t pe[8]);
void simvtd_domain_flush_range(struct simvtd_domain *d, uint64_t start, uint64_t end);
int simvtd_did_alloc(void);
void simvtd_did_free(int did);
extern const struct iommu_dirty_ops simvtd_dirty_ops;

/* ---- faults and page requests (simvtd_fault.c) ------------------------- */
void simvtd_fault_irq(struct simvtd *v);
int simvtd_prq_init(struct simvtd *v);
void simvtd_prq_fini(struct simvtd *v);
void simvtd_prq_irq(struct simvtd *v);
void simvtd_page_response(struct device *dev, struct iopf_fault *evt,
			  struct iommu_page_response *msg);

#endif
