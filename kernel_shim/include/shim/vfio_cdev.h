/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SHIM_VFIO_CDEV_H
#define SHIM_VFIO_CDEV_H

#include <shim/files.h>

struct device;

/* Make dev reachable as /dev/vfio/devices/vfio<N>; returns N. */
int shim_vfio_register(struct device *dev);
void shim_vfio_unregister(struct device *dev);
/* At shutdown: WARN of, and drop, devices a driver left registered. */
void shim_vfio_fini(void);
struct device *shim_vfio_device(int index);
int shim_vfio_open(int index, int flags);

#endif
