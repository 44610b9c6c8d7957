/* SPDX-License-Identifier: GPL-2.0-only */
/* Time does not pass inside the kernel side: jiffies is constant. */
#ifndef _SHIM_LINUX_JIFFIES_H
#define _SHIM_LINUX_JIFFIES_H

#define HZ 1000
#define jiffies 0UL
#define MAX_SCHEDULE_TIMEOUT ((long)(~0UL >> 1))
#define msecs_to_jiffies(m) ((unsigned long)(m))
#define usecs_to_jiffies(u) ((unsigned long)(u) / 1000 + 1)
#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_before(a, b) time_after(b, a)

#endif
