/* SPDX-License-Identifier: GPL-2.0-only */
/* RCU lists: one big kernel lock, so the plain list operations (list.h). */
#include <linux/list.h>
#include <linux/rcupdate.h>
