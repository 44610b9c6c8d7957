/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The TSC, from simulated time. Each read also counts as a spin of a
 * polling loop (core/time.c), so that a loop waiting for hardware that
 * never answers reaches its timeout instead of spinning for ever.
 */
#ifndef _SHIM_ASM_TIMEX_H
#define _SHIM_ASM_TIMEX_H
#include <linux/types.h>
typedef unsigned long long cycles_t;
extern unsigned int tsc_khz;
cycles_t get_cycles(void);
#endif
