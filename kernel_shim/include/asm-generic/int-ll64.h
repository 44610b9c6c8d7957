/* SPDX-License-Identifier: GPL-2.0-only */
/* The fixed-width types live in linux/types.h. */
#include <linux/types.h>
