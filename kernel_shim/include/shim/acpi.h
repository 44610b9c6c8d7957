/* SPDX-License-Identifier: GPL-2.0-only */
/* Installing the firmware tables a platform's hardware needs (core/acpi.c). */
#ifndef SHIM_ACPI_H
#define SHIM_ACPI_H

#include <linux/acpi.h>

/* The table stays the caller's; its checksum is set here. 0 or -ENOSPC. */
int shim_acpi_install_table(struct acpi_table_header *t);
void shim_acpi_remove_table(struct acpi_table_header *t);

#endif
