/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * iommufd_selftest_compat.h - forced (-include) into the kernel's own
 * iommufd selftest as Debian's 6.12.y tarball ships it. That selftest is
 * slightly ahead of the same tree's uAPI: it names five things that only
 * later kernels define. This header defines exactly those, with the values
 * later kernels give them, and nothing else. The test itself is never
 * edited.
 *
 * Each name is defined only when the configure step found the tree's own
 * headers lacking it (IOMMUSIM_COMPAT_NEED_*), so a later 6.12.y whose
 * uAPI has them builds with this header doing nothing.
 *
 * Defining a name is not implementing the feature: 6.12's iommufd has no
 * PASID-capable mock device and no hw_info input type, so the tests that
 * exercise them fail here exactly as they fail on a real 6.12 kernel.
 */
#ifndef IOMMUSIM_IOMMUFD_SELFTEST_COMPAT_H
#define IOMMUSIM_IOMMUFD_SELFTEST_COMPAT_H

/* uAPI include/uapi/linux/iommufd.h, enum iommu_hw_info_type */
#ifdef IOMMUSIM_COMPAT_NEED_IOMMU_HW_INFO_TYPE_DEFAULT
#define IOMMU_HW_INFO_TYPE_DEFAULT 0
#endif

/* uAPI, enum iommufd_hw_info_flags */
#ifdef IOMMUSIM_COMPAT_NEED_IOMMU_HW_INFO_FLAG_INPUT_TYPE
#define IOMMU_HW_INFO_FLAG_INPUT_TYPE (1 << 0)
#endif

/*
 * uAPI, struct iommu_hw_info: later kernels make out_data_type one member
 * of a union { in_data_type; out_data_type; }, the same 32 bits.
 */
#ifdef IOMMUSIM_COMPAT_NEED_in_data_type
#define in_data_type out_data_type
#endif

/* drivers/iommu/iommufd/iommufd_test.h, the mock device flags */
#ifdef IOMMUSIM_COMPAT_NEED_MOCK_FLAGS_DEVICE_PASID
#define MOCK_FLAGS_DEVICE_PASID (1 << 2)
#endif

/* drivers/iommu/iommufd/iommufd_test.h */
#ifdef IOMMUSIM_COMPAT_NEED_MOCK_PASID_WIDTH
#define MOCK_PASID_WIDTH 20
#endif

#endif
