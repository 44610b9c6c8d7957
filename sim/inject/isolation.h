/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * isolation.h - the isolation checker (issue 13).
 *
 * It keeps the software stack's own view of what each device may reach:
 * every (device, address space) with the ranges mapped in it, from the
 * map and unmap events the software performed, and which address space
 * a device's requests (by PASID, or without one) are attached to. The
 * hardware never tells it anything: it checks the hardware's answers.
 *
 * Addresses on the physical side are the trace's ("trace physical": what
 * a map event names), so that one checker serves the kernel set-up (guest
 * RAM is a user buffer pinned anywhere) and the direct ones alike; the
 * software stack translates the model's output address back (sim_sw's
 * trace_pa).
 *
 * An unmapped range stays reachable until the invalidation that covers
 * it completes (the unmap's own, or a later invalidation event when the
 * software edits tables and invalidates separately, as a guest does): a
 * stale translation the rules permit is not flagged.
 *
 * A DMA that completed is then one of:
 *   ok       it reached the page its IOVA is mapped to (or was, in the
 *            window above), with an access the mapping allows;
 *   sdc      it reached a page of another mapping this device may reach
 *            with that access: wrong data, isolation kept;
 *   breach   anything else: a page no mapping of this device names, or
 *            an access its mapping does not allow.
 */
#ifndef SIM_INJECT_ISOLATION_H
#define SIM_INJECT_ISOLATION_H

#include <stdbool.h>
#include <stdint.h>

#include "xlate.h"

enum iso_verdict { ISO_OK, ISO_SDC, ISO_BREACH };

struct iso_checker;

struct iso_checker *iso_create(void);
void iso_destroy(struct iso_checker *c);

/* The software's events, after they succeeded; t: when they completed. */
int iso_attach(struct iso_checker *c, unsigned dev, bool has_pasid, uint32_t pasid,
	       uint32_t as);
int iso_map(struct iso_checker *c, unsigned dev, uint32_t as, uint64_t iova, uint64_t size,
	    uint64_t tpa, uint8_t prot);
/*
 * Unmapped at t: invalidated says whether the unmap invalidated itself
 * (done: when that completed); if not, the range stays reachable until an
 * iso_inval covers it.
 */
int iso_unmap(struct iso_checker *c, unsigned dev, uint32_t as, uint64_t iova, uint64_t size,
	      bool invalidated, sim_time_t done);
/* An invalidation of [iova, iova + size) (size 0: all) completed at done. */
void iso_inval(struct iso_checker *c, unsigned dev, uint32_t as, uint64_t iova, uint64_t size,
	       sim_time_t done);

/*
 * A DMA of device dev that the IOMMU translated: its request and the
 * trace-physical address it reached (has_tpa false: none the trace could
 * name). why: a line for the report when the verdict is not ISO_OK.
 */
enum iso_verdict iso_check(struct iso_checker *c, unsigned dev, const struct xlate_req *req,
			   bool has_tpa, uint64_t tpa, char *why, unsigned len);

#endif /* SIM_INJECT_ISOLATION_H */
