/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sw.h - the software stack that programs the IOMMU: what a trace's
 * control events (attach, map, unmap, inval) and the scenario's control
 * sequence become. Two implementations:
 *
 *   kernel (vmm_setup.c): the real iommufd through the front door, with
 *          the simvtd/simsmmu driver under it (IOAS, HWPT, VFIO cdev).
 *   direct (sw_direct_vtd.c, sw_direct_smmu.c): the simulator itself
 *          writes the IOMMU's structures and page tables (VT-d root/
 *          context/PASID tables; SMMUv3 stream table, CDs) and invalidates
 *          through its queue, as a minimal bare-metal driver would (no
 *          kernel needed).
 *
 * Address spaces are named by (device index, trace as): each device's
 * trace numbers its own. Times are the simulated time of the CPU doing
 * the work; invalidation costs are measured on the model.
 */
#ifndef SIM_SW_H
#define SIM_SW_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "iommu_model.h"
#include "scenario.h"

struct sim_sw_stats {
	uint64_t attaches, maps, unmaps, invals;
	uint64_t map_bytes, unmap_bytes;
	uint64_t inval_cost_ps;         /* request to completion, queueing included */
	uint64_t inval_service_ps;      /* the model's queue busy on them */
	uint64_t table_pages;           /* page-table/structure pages written */
	uint64_t pinned_bytes;          /* kernel set-up: guest RAM mapped into the IOAS */
	uint64_t page_requests;         /* read from the fault queue */
	uint64_t page_responses_ok;     /* answered with success (mapped) */
	sim_time_t inval_done;          /* the latest invalidation's completion */
};

struct sim_sw;

struct sim_sw_ops {
	const char *name;
	int (*attach)(struct sim_sw *sw, unsigned dev, uint32_t sid, bool has_pasid,
		      uint32_t pasid, uint32_t as, sim_time_t now, struct sim_err *err);
	int (*map)(struct sim_sw *sw, unsigned dev, uint32_t as, uint64_t iova,
		   uint64_t size, uint64_t pa, uint8_t prot, sim_time_t now,
		   struct sim_err *err);
	int (*unmap)(struct sim_sw *sw, unsigned dev, uint32_t as, uint64_t iova,
		     uint64_t size, sim_time_t now, struct sim_err *err);
	/* size 0: the whole address space */
	int (*inval)(struct sim_sw *sw, unsigned dev, uint32_t as, uint64_t iova,
		     uint64_t size, sim_time_t now, struct sim_err *err);
	/*
	 * Optional: a device's page request is pending. The guest reads the
	 * fault queue at now, maps what it can and answers; *done is when
	 * the answers reached the hardware. 1: at least one success (the
	 * device retries), 0: nothing mapped (the request fails), -1: error.
	 */
	int (*fault_service)(struct sim_sw *sw, sim_time_t now, sim_time_t *done,
			     struct sim_err *err);
	/*
	 * Optional, untimed: called before each device request. The kernel
	 * set-up pins guest RAM of a large mapping chunk by chunk, at the
	 * first DMA into each chunk, instead of all of it at map time.
	 */
	void (*prepare_dma)(struct sim_sw *sw, unsigned dev, const struct xlate_req *req);
	/*
	 * Optional: a request faulted at now; the CPU takes the fault
	 * interrupt and the driver reads and clears the fault records, so
	 * recording goes on as on a machine.
	 */
	void (*fault_irq)(struct sim_sw *sw, sim_time_t now);
	/*
	 * For the isolation checker (sim/inject): the trace-physical address
	 * (what map events name) of the host physical address hpa; false when
	 * hpa is nothing a trace can name (a table, the kernel's memory).
	 */
	bool (*trace_pa)(struct sim_sw *sw, uint64_t hpa, uint64_t *tpa);
	/* Optional: the kernel's log, lines printed since boot; NULL: dropped. */
	uint64_t (*kernel_log_count)(struct sim_sw *sw);
	const char *(*kernel_log_line)(struct sim_sw *sw, uint64_t i);
	void (*destroy)(struct sim_sw *sw);
};

struct sim_sw {
	const struct sim_sw_ops *ops;
	struct iommu_model *model;      /* where device DMA goes */
	uint32_t sid[SCEN_MAX_DEVICES]; /* the id each device's requests carry */
	struct sim_sw_stats st;
	const char *kernel_version;     /* e.g. "6.12.118", or "none" */
	/*
	 * Fault injection, driver side: the invalidation this set-up submits
	 * next is skipped, as by a driver that forgot its flush (the wait or
	 * sync after it is still submitted). Cleared when one was skipped.
	 */
	bool skip_inval;
	uint64_t invals_skipped;
};

struct sim_sw *sw_direct_vtd_create(const struct scenario *sc, struct sim_err *err);
struct sim_sw *sw_direct_smmu_create(const struct scenario *sc, struct sim_err *err);

/*
 * The set-ups' growing arrays: room for element n of arr (capacity *cap,
 * doubled as needed, from first). The array, moved or not; NULL when out
 * of memory, with arr and *cap as they were.
 */
static inline void *sw_grow(void *arr, unsigned n, unsigned *cap, size_t size, unsigned first)
{
	unsigned c = *cap ? *cap * 2 : first;

	if (n < *cap)
		return arr;
	arr = realloc(arr, c * size);
	if (arr)
		*cap = c;
	return arr;
}

/*
 * One invalidation, from the model's invalidation-queue completion time
 * before it was submitted (before) and after (after): its cost runs from
 * the request (now) to completion, queueing behind earlier work included;
 * its service is the time the queue spent on it alone.
 */
static inline void sw_inval_charge(struct sim_sw_stats *st, sim_time_t now, sim_time_t before,
				   sim_time_t after)
{
	sim_time_t start = before > now ? before : now;

	if (after > now)
		st->inval_cost_ps += after - now;
	if (after > start)
		st->inval_service_ps += after - start;
	if (after > st->inval_done)
		st->inval_done = after;
}

/*
 * A guest's invalidation done (nested): its wait status reaches the guest
 * only after the VMM's round trip, software.guest_inval_trap_ns.
 */
static inline void sw_guest_inval_trap(struct sim_sw_stats *st, uint32_t trap_ns)
{
	st->inval_cost_ps += (uint64_t)trap_ns * SIM_PS_PER_NS;
}

/* A set-up about to submit invalidations: true when it must skip them. */
static inline bool sw_skip_inval(struct sim_sw *sw)
{
	if (__builtin_expect(!sw->skip_inval, 1))
		return false;
	sw->skip_inval = false;
	sw->invals_skipped++;
	return true;
}

/* Provided by the binary when it links the kernel (vmm_setup.c). */
typedef struct sim_sw *(*sim_sw_create_fn)(const struct scenario *sc, struct sim_err *err);
extern sim_sw_create_fn sim_sw_kernel_create;
/* The kernel source version built in (vmm_setup.c), or NULL: none. */
extern const char *sim_sw_kernel_version;
/* Whether the simulated kernel is running right now (NULL: no kernel). */
extern bool (*sim_sw_kernel_active)(void);
/* Sets the three above: the kernel set-up (sim/vmm), in binaries that link it. */
void vmm_setup_plug(void);

#endif /* SIM_SW_H */
