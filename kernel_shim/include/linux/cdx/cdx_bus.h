/* SPDX-License-Identifier: GPL-2.0-only */
/* Bus not simulated; its CONFIG option is off. */
#include <linux/device.h>
