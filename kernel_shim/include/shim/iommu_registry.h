/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SHIM_IOMMU_REGISTRY_H
#define SHIM_IOMMU_REGISTRY_H

struct iommu_device;
struct iommu_domain;

/* An IOMMU instance registered with iommu_device_sysfs_add(), by name. */
struct iommu_device *shim_iommu_by_name(const char *name);
/* At shutdown: WARN of, and drop, IOMMUs a driver left registered. */
void shim_iommu_registry_fini(void);
/* Base of the software MSI window a domain's MSI cookie holds, or 0. */
unsigned long long shim_msi_cookie_base(struct iommu_domain *domain);

/* The kernel's iommu tracepoints, for trace capture (NULL: off). */
struct shim_trace_ops {
	void (*map)(unsigned long iova, unsigned long long paddr, unsigned long size);
	void (*unmap)(unsigned long iova, unsigned long size, unsigned long unmapped);
	void (*io_page_fault)(const char *dev, unsigned long iova, int flags);
};
void shim_set_trace_ops(const struct shim_trace_ops *ops);

#endif
