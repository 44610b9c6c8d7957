/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ACPI as the VT-d driver sees it: the DMAR table (VT-d spec chapter 8,
 * "BIOS Considerations") that the shim builds from the simulated
 * hardware (core/acpi_dmar.c), and the namespace calls of DMAR hotplug,
 * answered from the same tables. The structures are the spec's layouts.
 */
#ifndef _SHIM_LINUX_ACPI_H
#define _SHIM_LINUX_ACPI_H

#include <linux/types.h>
#include <linux/device.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/uuid.h>

typedef u32 acpi_status;
typedef void *acpi_handle;
typedef u32 acpi_object_type;

#define AE_OK 0u
#define AE_NOT_FOUND 5u
#define AE_CTRL_TERMINATE 0x41u
#define ACPI_SUCCESS(s) ((s) == AE_OK)
#define ACPI_FAILURE(s) ((s) != AE_OK)
#define ACPI_UINT32_MAX 0xffffffffu
#define ACPI_TYPE_DEVICE 6
#define ACPI_TYPE_BUFFER 3
#define ACPI_ROOT_OBJECT ((acpi_handle)-1)
#define ACPI_FREE(p) kfree(p)
#define ACPI_SIG_DMAR "DMAR"
#define ACPI_NAMESEG_SIZE 4
#define ACPI_OEM_ID_SIZE 6
#define ACPI_OEM_TABLE_ID_SIZE 8

struct acpi_table_header {
	char signature[ACPI_NAMESEG_SIZE];
	u32 length;
	u8 revision;
	u8 checksum;
	char oem_id[ACPI_OEM_ID_SIZE];
	char oem_table_id[ACPI_OEM_TABLE_ID_SIZE];
	u32 oem_revision;
	char asl_compiler_id[ACPI_NAMESEG_SIZE];
	u32 asl_compiler_revision;
} __packed;

/* DMA Remapping Reporting structure (VT-d 8.1) */
struct acpi_table_dmar {
	struct acpi_table_header header;
	u8 width;               /* host address width - 1 */
	u8 flags;
	u8 reserved[10];
} __packed;

#define ACPI_DMAR_INTR_REMAP (1)
#define ACPI_DMAR_X2APIC_OPT_OUT (1 << 1)
#define ACPI_DMAR_X2APIC_MODE (1 << 2)

struct acpi_dmar_header {
	u16 type;
	u16 length;
} __packed;

enum acpi_dmar_type {
	ACPI_DMAR_TYPE_HARDWARE_UNIT = 0,       /* DRHD, 8.3 */
	ACPI_DMAR_TYPE_RESERVED_MEMORY = 1,     /* RMRR, 8.4 */
	ACPI_DMAR_TYPE_ROOT_ATS = 2,            /* ATSR, 8.5 */
	ACPI_DMAR_TYPE_HARDWARE_AFFINITY = 3,   /* RHSA, 8.6 */
	ACPI_DMAR_TYPE_NAMESPACE = 4,           /* ANDD, 8.7 */
	ACPI_DMAR_TYPE_SATC = 5,                /* SATC, 8.8 */
	ACPI_DMAR_TYPE_RESERVED = 6,
};

/* Device scope (8.3.1) */
struct acpi_dmar_device_scope {
	u8 entry_type;
	u8 length;
	u16 reserved;
	u8 enumeration_id;
	u8 bus;
} __packed;

enum acpi_dmar_scope_type {
	ACPI_DMAR_SCOPE_TYPE_NOT_USED = 0,
	ACPI_DMAR_SCOPE_TYPE_ENDPOINT = 1,
	ACPI_DMAR_SCOPE_TYPE_BRIDGE = 2,
	ACPI_DMAR_SCOPE_TYPE_IOAPIC = 3,
	ACPI_DMAR_SCOPE_TYPE_HPET = 4,
	ACPI_DMAR_SCOPE_TYPE_NAMESPACE = 5,
	ACPI_DMAR_SCOPE_TYPE_RESERVED = 6,
};

struct acpi_dmar_pci_path {
	u8 device;
	u8 function;
} __packed;

struct acpi_dmar_hardware_unit {
	struct acpi_dmar_header header;
	u8 flags;
	u8 size;                /* register set: 2^(size + 12) bytes */
	u16 segment;
	u64 address;
} __packed;
#define ACPI_DMAR_INCLUDE_ALL (1)

struct acpi_dmar_reserved_memory {
	struct acpi_dmar_header header;
	u16 reserved;
	u16 segment;
	u64 base_address;
	u64 end_address;
} __packed;

struct acpi_dmar_atsr {
	struct acpi_dmar_header header;
	u8 flags;
	u8 reserved;
	u16 segment;
} __packed;
#define ACPI_DMAR_ALL_PORTS (1)

struct acpi_dmar_rhsa {
	struct acpi_dmar_header header;
	u32 reserved;
	u64 base_address;
	u32 proximity_domain;
} __packed;

struct acpi_dmar_andd {
	struct acpi_dmar_header header;
	u8 reserved[3];
	u8 device_number;
	char device_name[];
} __packed;

struct acpi_dmar_satc {
	struct acpi_dmar_header header;
	u8 flags;
	u8 reserved;
	u16 segment;
} __packed;

/* The firmware tables: the shim's DMAR, or AE_NOT_FOUND. */
acpi_status acpi_get_table(char *signature, u32 instance, struct acpi_table_header **out);
void acpi_put_table(struct acpi_table_header *table);

/*
 * The namespace. The simulated machine has no ACPI device objects (no
 * ANDD entry names one); its only methods are the _DSMs of hot-added
 * DMAR units (shim/acpi.h), which DMAR hotplug evaluates.
 */
struct acpi_device {
	struct device dev;
	struct mutex physical_node_lock;
	struct list_head physical_node_list;
};
struct acpi_device_physical_node {
	struct list_head node;
	struct device *dev;
};
union acpi_object {
	acpi_object_type type;
	struct {
		acpi_object_type type;
		u32 length;
		u8 *pointer;
	} buffer;
};
typedef acpi_status (*acpi_walk_callback)(acpi_handle h, u32 level, void *ctx, void **ret);

extern const struct bus_type acpi_bus_type;
#define to_acpi_device(d) container_of(d, struct acpi_device, dev)
#define ACPI_COMPANION(dev) ((struct acpi_device *)NULL)
#define has_acpi_companion(dev) false
static inline acpi_status acpi_get_handle(acpi_handle parent, const char *path, acpi_handle *ret)
{
	return AE_NOT_FOUND;
}
static inline struct acpi_device *acpi_fetch_acpi_dev(acpi_handle h) { return NULL; }
bool acpi_check_dsm(acpi_handle h, const guid_t *guid, u64 rev, u64 funcs);
union acpi_object *acpi_evaluate_dsm_typed(acpi_handle h, const guid_t *guid, u64 rev,
					   u64 func, union acpi_object *argv4,
					   acpi_object_type type);
static inline acpi_status acpi_walk_namespace(acpi_object_type type, acpi_handle start,
		u32 max_depth, acpi_walk_callback descending, acpi_walk_callback ascending,
		void *ctx, void **ret)
{
	return AE_NOT_FOUND;
}

#endif
