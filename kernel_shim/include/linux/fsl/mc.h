/* SPDX-License-Identifier: GPL-2.0-only */
/* Bus not simulated; its CONFIG option is off. */
#include <linux/device.h>
#define fsl_mc_cont_dev(dev) ((struct device *)NULL)
