/* SPDX-License-Identifier: GPL-2.0-only */
/* No Intel TXT measured launch on the simulated machine. */
#ifndef _SHIM_LINUX_TBOOT_H
#define _SHIM_LINUX_TBOOT_H
#include <linux/types.h>
static inline bool tboot_enabled(void) { return false; }
struct acpi_table_header;
static inline struct acpi_table_header *tboot_get_dmar_table(struct acpi_table_header *t) { return t; }
#endif
