/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_VFIO_H
#define _SHIM_LINUX_VFIO_H
#include <uapi/linux/vfio.h>
#endif
