/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * <stdint.h> for kernel-side translation units (built -nostdinc), so that
 * a driver can include its model's register header, which is plain C11.
 */
#ifndef _SHIM_STDINT_H
#define _SHIM_STDINT_H

#include <linux/types.h>
#include <linux/limits.h>

#define UINT8_MAX U8_MAX
#define UINT16_MAX U16_MAX
#define UINT32_MAX U32_MAX
#define UINT64_MAX U64_MAX
#define INT32_MAX S32_MAX
#define INT64_MAX S64_MAX
#define UINTPTR_MAX ULONG_MAX

#endif
