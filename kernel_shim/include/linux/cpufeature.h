/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simulated host CPU: 1 GiB pages (first-stage tables may use them,
 * VT-d 3.6), 4-level paging, no LA57.
 */
#ifndef _SHIM_LINUX_CPUFEATURE_H
#define _SHIM_LINUX_CPUFEATURE_H
#include <linux/types.h>
enum { X86_FEATURE_GBPAGES, X86_FEATURE_LA57, X86_FEATURE_HYPERVISOR };
static inline bool cpu_feature_enabled(int f) { return f == X86_FEATURE_GBPAGES; }
#define boot_cpu_has(f) cpu_feature_enabled(f)
#endif
