/* SPDX-License-Identifier: GPL-2.0-only */
/* No memory hotplug on the simulated machine. */
