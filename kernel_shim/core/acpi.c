// SPDX-License-Identifier: GPL-2.0-only
/*
 * Firmware tables: the platform installs the ones its hardware needs
 * (the VT-d platform, a DMAR table), and acpi_get_table() finds them by
 * signature, as the ACPI core does once it has read the RSDT.
 */
#include <linux/acpi.h>
#include <linux/string.h>
#include <shim/acpi.h>

const struct bus_type acpi_bus_type = { .name = "acpi" };

#define MAX_TABLES 4
static struct acpi_table_header *tables[MAX_TABLES];

int shim_acpi_install_table(struct acpi_table_header *t)
{
	u8 sum = 0;

	for (u32 i = 0; i < t->length; i++)
		sum += ((u8 *)t)[i];
	t->checksum -= sum;     /* the bytes of a table sum to zero */
	for (int i = 0; i < MAX_TABLES; i++) {
		if (!tables[i]) {
			tables[i] = t;
			return 0;
		}
	}
	return -ENOSPC;
}

void shim_acpi_remove_table(struct acpi_table_header *t)
{
	for (int i = 0; i < MAX_TABLES; i++)
		if (tables[i] == t)
			tables[i] = NULL;
}

acpi_status acpi_get_table(char *signature, u32 instance, struct acpi_table_header **out)
{
	for (int i = 0; i < MAX_TABLES; i++) {
		if (tables[i] && !memcmp(tables[i]->signature, signature, ACPI_NAMESEG_SIZE) &&
		    instance-- <= 1) {
			*out = tables[i];
			return AE_OK;
		}
	}
	return AE_NOT_FOUND;
}

void acpi_put_table(struct acpi_table_header *table)
{
}
