/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef INTEL_PLATFORM_ACPI_DMAR_H
#define INTEL_PLATFORM_ACPI_DMAR_H

#include <linux/acpi.h>

/* One DMAR unit (DRHD) and the PCI endpoints in its scope. */
struct dmar_unit_desc {
	u64 reg_base;
	u16 segment;
	const u16 *rids;        /* bus << 8 | devfn */
	unsigned int nrids;
};

/*
 * A DMAR table (VT-d chapter 8) for a host address width of haw bits:
 * one DRHD per unit, each with explicit endpoint scopes. kfree() it.
 */
struct acpi_table_header *acpi_dmar_build(unsigned int haw, const struct dmar_unit_desc *units,
					  unsigned int nunits);

#endif
