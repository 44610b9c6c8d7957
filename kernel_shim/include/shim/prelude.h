/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Forced into every kernel-side translation unit (-include), like the
 * kernel's own autoconf.h + compiler_types.h. One CONFIG_* set for all
 * files: CONFIG_IOMMUFD_TEST changes structs and enums shared between
 * iommufd files, so they must all agree.
 */
#ifndef SHIM_PRELUDE_H
#define SHIM_PRELUDE_H

#define CONFIG_64BIT 1
#define CONFIG_X86_64 1
#define CONFIG_MMU 1
#define CONFIG_IOMMU_API 1
#define CONFIG_IOMMU_SUPPORT 1
/* The shim's PCI core (core/pci.c): the Intel driver's devices sit on it. */
#define CONFIG_PCI 1
/* As on x86: without it the default domain is forced to identity. */
#define CONFIG_IOMMU_DMA 1
/*
 * Selected by INTEL_IOMMU_SVM and AMD_IOMMU, so set in Debian's x86
 * kernels. The selftest profile (kernel_shim/CMakeLists.txt) is the
 * selftest's own config fragment on a kernel without those drivers:
 * IOMMUFD_TEST does not select it, and the mock driver gets no IOPF queue.
 */
#ifndef IOMMUSIM_KCONFIG_SELFTEST
#define CONFIG_IOMMU_IOPF 1
#endif
/* No flush queue is modelled: unmaps invalidate synchronously. */
#define CONFIG_IOMMU_DEFAULT_DMA_STRICT 1
#define CONFIG_IOMMUFD 1
#define CONFIG_IOMMUFD_TEST 1
#define CONFIG_IOMMUFD_DRIVER 1
#define CONFIG_IOMMUFD_VFIO_CONTAINER 1
#define CONFIG_INTERVAL_TREE_SPAN_ITER 1
#define CONFIG_XARRAY_MULTI 1
/* Changes iommufd's automatic IOVA alignment, as on a Debian x86 kernel. */
#define CONFIG_TRANSPARENT_HUGEPAGE 1
#define CONFIG_NR_CPUS 2
#define CONFIG_PAGE_SHIFT 12
#define CONFIG_BASE_SMALL 0
#define CONFIG_HZ 1000
/*
 * drivers/iommu/intel, as Debian's x86 kernel builds it less what the
 * simulated machine has no use for (issue 12): no interrupt remapping,
 * no SVM bound to a host mm, no perfmon, no debugfs. The symbols only
 * change the Intel driver and linux/dmar.h.
 */
#define CONFIG_DMAR_TABLE 1
#define CONFIG_INTEL_IOMMU 1
#define CONFIG_INTEL_IOMMU_DEFAULT_ON 1
#define CONFIG_INTEL_IOMMU_SCALABLE_MODE_DEFAULT_ON 1
#define CONFIG_PCI_ATS 1
#define CONFIG_PCI_PRI 1
#define CONFIG_PCI_PASID 1

#include <linux/kconfig.h>
#include <linux/compiler_types.h>

#endif
