/* SPDX-License-Identifier: GPL-2.0-only */
/* CONFIG_IRQ_REMAP is off (issue 12): nothing from the x86 side. */
