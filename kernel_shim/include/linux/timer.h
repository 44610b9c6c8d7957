/* SPDX-License-Identifier: GPL-2.0-only */
#include <linux/jiffies.h>
#include <linux/ktime.h>
