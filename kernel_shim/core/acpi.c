// SPDX-License-Identifier: GPL-2.0-only
/*
 * Firmware tables: the platform installs the ones its hardware needs
 * (the VT-d platform, a DMAR table), and acpi_get_table() finds them by
 * signature, as the ACPI core does once it has read the RSDT.
 */
#include <linux/acpi.h>
#include <linux/slab.h>
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

/* ---- _DSM methods -------------------------------------------------- */

#define MAX_DSM 16

static struct acpi_dsm {
	acpi_handle handle;
	guid_t guid;
	unsigned int func;
	const void *buf;
	u32 len;
} dsms[MAX_DSM];

int shim_acpi_dsm_add(acpi_handle h, const guid_t *guid, unsigned int func,
		      const void *buf, u32 len)
{
	for (int i = 0; i < MAX_DSM; i++) {
		if (!dsms[i].handle) {
			dsms[i] = (struct acpi_dsm){ h, *guid, func, buf, len };
			return 0;
		}
	}
	return -ENOSPC;
}

void shim_acpi_dsm_remove(acpi_handle h)
{
	for (int i = 0; i < MAX_DSM; i++)
		if (dsms[i].handle == h)
			dsms[i] = (struct acpi_dsm){ 0 };
}

static const struct acpi_dsm *dsm_find(acpi_handle h, const guid_t *guid, u64 func)
{
	for (int i = 0; i < MAX_DSM; i++)
		if (dsms[i].handle == h && dsms[i].func == func &&
		    !memcmp(&dsms[i].guid, guid, sizeof(*guid)))
			return &dsms[i];
	return NULL;
}

/* Revision 0 of every method: the functions asked for must all exist. */
bool acpi_check_dsm(acpi_handle h, const guid_t *guid, u64 rev, u64 funcs)
{
	if (!h || rev || !funcs)
		return false;
	for (unsigned int f = 1; f < 64; f++)
		if ((funcs & (1ULL << f)) && !dsm_find(h, guid, f))
			return false;
	return !(funcs & 1);
}

union acpi_object *acpi_evaluate_dsm_typed(acpi_handle h, const guid_t *guid, u64 rev,
					   u64 func, union acpi_object *argv4,
					   acpi_object_type type)
{
	const struct acpi_dsm *d = rev ? NULL : dsm_find(h, guid, func);
	union acpi_object *obj;

	if (!d || type != ACPI_TYPE_BUFFER)
		return NULL;
	/* One allocation, freed by ACPI_FREE() as ACPICA's is. */
	obj = kmalloc(sizeof(*obj) + d->len, GFP_KERNEL);
	if (!obj)
		return NULL;
	obj->buffer.type = ACPI_TYPE_BUFFER;
	obj->buffer.length = d->len;
	obj->buffer.pointer = (u8 *)(obj + 1);
	memcpy(obj->buffer.pointer, d->buf, d->len);
	return obj;
}
