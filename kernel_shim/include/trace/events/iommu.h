/* SPDX-License-Identifier: GPL-2.0-only */
/* The iommu tracepoints, routed to the shim's trace hook (off by default). */
#ifndef _SHIM_TRACE_EVENTS_IOMMU_H
#define _SHIM_TRACE_EVENTS_IOMMU_H

#include <linux/types.h>

struct device;
void shim_trace_iommu_map(unsigned long iova, phys_addr_t paddr, size_t size);
void shim_trace_iommu_unmap(unsigned long iova, size_t size, size_t unmapped_size);
void shim_trace_io_page_fault(struct device *dev, unsigned long iova, int flags);

#define trace_add_device_to_group(group_id, dev) do { } while (0)
#define trace_remove_device_from_group(group_id, dev) do { } while (0)
#define trace_attach_device_to_domain(dev) do { } while (0)
#define trace_map(iova, paddr, size) shim_trace_iommu_map(iova, paddr, size)
#define trace_unmap(iova, size, unmapped) shim_trace_iommu_unmap(iova, size, unmapped)
#define trace_io_page_fault(dev, iova, flags) shim_trace_io_page_fault(dev, iova, flags)

#endif
