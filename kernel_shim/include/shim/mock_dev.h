/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SHIM_MOCK_DEV_H
#define SHIM_MOCK_DEV_H

struct device;

/* A device behind the mock IOMMU driver; flags are MOCK_FLAGS_DEVICE_*. */
struct device *shim_mock_dev_create(unsigned long flags);
void shim_mock_dev_destroy(struct device *dev);

#endif
