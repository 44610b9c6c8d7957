/* SPDX-License-Identifier: GPL-2.0-only */
/* Installing the firmware tables a platform's hardware needs (core/acpi.c). */
#ifndef SHIM_ACPI_H
#define SHIM_ACPI_H

#include <linux/acpi.h>

/* The table stays the caller's; its checksum is set here. 0 or -ENOSPC. */
int shim_acpi_install_table(struct acpi_table_header *t);
void shim_acpi_remove_table(struct acpi_table_header *t);

/*
 * A device's _DSM (ACPI 6.5, 9.1.1): for guid, function func (1..7)
 * returns a copy of buf as a Buffer; function 0 is the bit mask of the
 * functions given. buf stays the caller's until the handle is removed.
 * 0 or -ENOSPC.
 */
int shim_acpi_dsm_add(acpi_handle h, const guid_t *guid, unsigned int func,
		      const void *buf, u32 len);
void shim_acpi_dsm_remove(acpi_handle h);

#endif
