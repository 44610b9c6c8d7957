// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DMAR table firmware would publish for the simulated platform
 * (VT-d spec 8.1, 8.3, 8.3.1): the remapping hardware units, each
 * naming the PCI endpoints it translates by bus and device/function
 * path. No RMRR, ATSR or SATC: the simulated devices need none, and an
 * absent ATSR is what a root-complex-integrated endpoint looks like.
 */
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/pci.h>
#include "acpi_dmar.h"

struct dmar_scope_endpoint {
	struct acpi_dmar_device_scope scope;
	struct acpi_dmar_pci_path path;
} __packed;

struct acpi_table_header *acpi_dmar_build(unsigned int haw, const struct dmar_unit_desc *units,
					  unsigned int nunits)
{
	size_t len = sizeof(struct acpi_table_dmar);
	struct acpi_table_dmar *dmar;
	u8 *p;

	for (unsigned int u = 0; u < nunits; u++)
		len += sizeof(struct acpi_dmar_hardware_unit) +
		       units[u].nrids * sizeof(struct dmar_scope_endpoint);
	dmar = kzalloc(len, GFP_KERNEL);
	if (!dmar)
		return NULL;
	memcpy(dmar->header.signature, ACPI_SIG_DMAR, ACPI_NAMESEG_SIZE);
	dmar->header.length = len;
	dmar->header.revision = 1;
	memcpy(dmar->header.oem_id, "IOMSIM", ACPI_OEM_ID_SIZE);
	memcpy(dmar->header.oem_table_id, "IOMMUSIM", ACPI_OEM_TABLE_ID_SIZE);
	dmar->width = haw - 1;
	p = (u8 *)(dmar + 1);
	for (unsigned int u = 0; u < nunits; u++) {
		struct acpi_dmar_hardware_unit *drhd = (void *)p;

		drhd->header.type = ACPI_DMAR_TYPE_HARDWARE_UNIT;
		drhd->header.length = sizeof(*drhd) + units[u].nrids * sizeof(struct dmar_scope_endpoint);
		drhd->size = 0;         /* 4 KiB; the driver maps more if CAP/ECAP say so */
		drhd->segment = units[u].segment;
		drhd->address = units[u].reg_base;
		p += sizeof(*drhd);
		for (unsigned int i = 0; i < units[u].nrids; i++) {
			struct dmar_scope_endpoint *ep = (void *)p;
			u16 rid = units[u].rids[i];

			ep->scope.entry_type = ACPI_DMAR_SCOPE_TYPE_ENDPOINT;
			ep->scope.length = sizeof(*ep);
			ep->scope.bus = PCI_BUS_NUM(rid);
			ep->path.device = PCI_SLOT(rid & 0xff);
			ep->path.function = PCI_FUNC(rid & 0xff);
			p += sizeof(*ep);
		}
	}
	return &dmar->header;
}
