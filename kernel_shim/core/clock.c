// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel clocks over simulated time (shim_now(), picoseconds). The TSC
 * runs at a nominal 2 GHz. A polling loop does not move simulated time,
 * so each get_cycles() also counts as 5 us of spinning: a loop waiting
 * for hardware that never answers (IOMMU_WAIT_OP's 10 s) times out after
 * 2 million polls instead of spinning for ever. The count depends only
 * on the calls made: deterministic.
 */
#include <linux/ktime.h>
#include <asm/timex.h>
#include <shim/hw.h>

#define SPIN_CYCLES_PER_POLL 10000ULL

unsigned int tsc_khz = 2000000;
static cycles_t spun;

ktime_t ktime_get(void)
{
	return (ktime_t)(shim_now() / 1000);
}

cycles_t get_cycles(void)
{
	spun += SPIN_CYCLES_PER_POLL;
	return shim_now() / (1000000000ULL / tsc_khz) + spun;
}
