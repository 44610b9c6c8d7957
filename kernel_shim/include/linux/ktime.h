/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel clocks read simulated time (shim_now(), kept by the platform),
 * never the host's: a driver's latency figures are the model's.
 */
#ifndef _SHIM_LINUX_KTIME_H
#define _SHIM_LINUX_KTIME_H
#include <linux/types.h>
typedef s64 ktime_t;
ktime_t ktime_get(void);
#define ktime_to_ns(kt) ((s64)(kt))
#define ktime_get_ns() ((u64)ktime_get())
#define ktime_sub(a, b) ((a) - (b))
#endif
