/* SPDX-License-Identifier: GPL-2.0-only */
/* SMBIOS: the simulated platform matches no quirk table. */
#ifndef _SHIM_LINUX_DMI_H
#define _SHIM_LINUX_DMI_H

#include <linux/types.h>

enum dmi_field { DMI_NONE, DMI_BIOS_VENDOR, DMI_SYS_VENDOR, DMI_PRODUCT_NAME,
	DMI_PRODUCT_VERSION, DMI_BOARD_VENDOR, DMI_BOARD_NAME, DMI_BIOS_VERSION };
struct dmi_strmatch {
	unsigned char slot:7;
	unsigned char exact_match:1;
	char substr[79];
};
struct dmi_system_id {
	int (*callback)(const struct dmi_system_id *);
	const char *ident;
	struct dmi_strmatch matches[4];
	void *driver_data;
};
#define DMI_MATCH(a, b) { .slot = a, .substr = b }
static inline int dmi_check_system(const struct dmi_system_id *list) { return 0; }
static inline const char *dmi_get_system_info(int field) { return NULL; }

#endif
