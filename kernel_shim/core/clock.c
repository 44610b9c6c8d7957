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
#include <linux/kernel.h>
#include <linux/printk.h>
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

/*
 * The soft-lockup watchdog. Simulated time does not pass while the CPU
 * polls, so a loop waiting for hardware that never answers (Linux's
 * qi_submit_sync() has no timeout) would spin for ever: after this many
 * polls within one entry into the kernel it is reported, as the kernel's
 * watchdog reports a CPU stuck for 20 s, and the kernel panics (under
 * `iommusim inject`, an oops of the run).
 */
#define SOFTLOCKUP_POLLS (1u << 24)
static unsigned int polls;

void shim_watchdog_touch(void)
{
	polls = 0;
}

void shim_cpu_relax(void)
{
	if (++polls < SOFTLOCKUP_POLLS)
		return;
	pr_emerg("watchdog: BUG: soft lockup - CPU#0 stuck polling (%u polls without leaving the kernel)\n",
		 polls);
	panic("softlockup: hung tasks");
}
