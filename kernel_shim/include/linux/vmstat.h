/* SPDX-License-Identifier: GPL-2.0-only */
/* Page statistics are not kept. */
#ifndef _SHIM_LINUX_VMSTAT_H
#define _SHIM_LINUX_VMSTAT_H
enum node_stat_item { NR_IOMMU, NR_SECONDARY_PAGETABLE };
#define mod_node_page_state(pgdat, item, n) do { (void)(n); } while (0)
#define mod_lruvec_page_state(page, item, n) do { (void)(n); } while (0)
#define lruvec_stat_mod_folio(folio, item, n) do { (void)(n); } while (0)
#endif
