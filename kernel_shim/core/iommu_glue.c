// SPDX-License-Identifier: GPL-2.0-only
/*
 * What iommu.c and iommufd call outside the files we compile:
 * iommu-sysfs.c (device registration in sysfs: kept as a registry of
 * IOMMU instances by name) and dma-iommu.c (the DMA and MSI cookies).
 * The kernel's own DMA API is not simulated; iommufd never uses it.
 */
#include <linux/iommu.h>
#include <linux/slab.h>
#include <shim/iommu_registry.h>
#include "dma-iommu.h"

/* --- iommu-sysfs.c --------------------------------------------------- */

static LIST_HEAD(iommu_registry);

struct registered_iommu {
	struct list_head node;
	struct iommu_device *iommu;
	char name[64];
};

int iommu_device_sysfs_add(struct iommu_device *iommu, struct device *parent,
			   const struct attribute_group **groups, const char *fmt, ...)
{
	struct registered_iommu *r = kzalloc(sizeof(*r), GFP_KERNEL);
	va_list ap;

	if (!r)
		return -ENOMEM;
	va_start(ap, fmt);
	vsnprintf(r->name, sizeof(r->name), fmt, ap);
	va_end(ap);
	r->iommu = iommu;
	list_add_tail(&r->node, &iommu_registry);
	return 0;
}

void iommu_device_sysfs_remove(struct iommu_device *iommu)
{
	struct registered_iommu *r, *tmp;

	list_for_each_entry_safe(r, tmp, &iommu_registry, node) {
		if (r->iommu == iommu) {
			list_del(&r->node);
			kfree(r);
		}
	}
}

/*
 * Shutdown: every IOMMU should have left sysfs (a driver's removal path
 * calls iommu_device_sysfs_remove()). One that did not is a driver or
 * platform bug; its entry would outlive the boot's objects.
 */
void shim_iommu_registry_fini(void)
{
	struct registered_iommu *r, *tmp;

	list_for_each_entry_safe(r, tmp, &iommu_registry, node) {
		WARN(1, "iommu %s still in sysfs at shutdown\n", r->name);
		list_del(&r->node);
		kfree(r);
	}
}

struct iommu_device *shim_iommu_by_name(const char *name)
{
	struct registered_iommu *r;

	list_for_each_entry(r, &iommu_registry, node)
		if (!strcmp(r->name, name))
			return r->iommu;
	return NULL;
}

int iommu_device_link(struct iommu_device *iommu, struct device *link)
{
	return 0;
}

void iommu_device_unlink(struct iommu_device *iommu, struct device *link)
{
}

/* --- dma-iommu.c ----------------------------------------------------- */

enum cookie_type { COOKIE_DMA_IOVA, COOKIE_MSI };

/* The cookie iommu.h leaves opaque: which kind, and the MSI window base. */
struct iommu_dma_cookie {
	enum cookie_type type;
	dma_addr_t msi_iova;
};

static int cookie_new(struct iommu_domain *domain, enum cookie_type type, dma_addr_t base)
{
	struct iommu_dma_cookie *c;

	if (domain->iova_cookie)
		return -EEXIST;
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	c->type = type;
	c->msi_iova = base;
	domain->iova_cookie = c;
	return 0;
}

int iommu_get_dma_cookie(struct iommu_domain *domain)
{
	return cookie_new(domain, COOKIE_DMA_IOVA, 0);
}

int iommu_get_msi_cookie(struct iommu_domain *domain, dma_addr_t base)
{
	if (domain->type != IOMMU_DOMAIN_UNMANAGED)
		return -EINVAL;
	return cookie_new(domain, COOKIE_MSI, base);
}

void iommu_put_dma_cookie(struct iommu_domain *domain)
{
	kfree(domain->iova_cookie);
	domain->iova_cookie = NULL;
}

unsigned long long shim_msi_cookie_base(struct iommu_domain *domain)
{
	struct iommu_dma_cookie *c = domain->iova_cookie;

	return c && c->type == COOKIE_MSI ? c->msi_iova : 0;
}

int iommu_dma_init_fq(struct iommu_domain *domain)
{
	return -EINVAL;         /* no flush queue: strict invalidation */
}

void iommu_setup_dma_ops(struct device *dev)
{
}

/* --- tracepoints ----------------------------------------------------- */

static const struct shim_trace_ops *trace_ops;

void shim_set_trace_ops(const struct shim_trace_ops *ops)
{
	trace_ops = ops;
}

void shim_trace_iommu_map(unsigned long iova, phys_addr_t paddr, size_t size)
{
	if (trace_ops && trace_ops->map)
		trace_ops->map(iova, paddr, size);
}

void shim_trace_iommu_unmap(unsigned long iova, size_t size, size_t unmapped_size)
{
	if (trace_ops && trace_ops->unmap)
		trace_ops->unmap(iova, size, unmapped_size);
}

void shim_trace_io_page_fault(struct device *dev, unsigned long iova, int flags)
{
	if (trace_ops && trace_ops->io_page_fault)
		trace_ops->io_page_fault(dev_name(dev), iova, flags);
}

/*
 * dma-iommu.c's "iommu.forcedac" switch, which the Intel driver's
 * "intel_iommu=forcedac" sets. The DMA API is not built: nothing reads it.
 */
bool iommu_dma_forcedac;
