/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * direct_host.h - what both direct software set-ups (sw_direct_vtd.c,
 * sw_direct_smmu.c) share: the simulated memory a bare-metal driver
 * writes, and the radix page tables both IOMMUs walk.
 *
 * Memory: host pages for structures and host-owned tables come from the
 * "kernel" window, contiguous in allocation order; guest RAM sits at
 * PMEM_DEVICE_BASE and only the guest pages that hold guest tables or
 * structures get host memory, on first use (data pages never do). With a
 * nested set-up the guest pages used get their stage-2 mapping lazily,
 * one stage-2 page at a time.
 *
 * Tables: the formats and the radix writer of pt_format.h, over host
 * pages or guest pages.
 *
 * Address spaces: a trace's (device, as) pair, with its tag (VT-d domain
 * id, SMMUv3 ASID or VMID), its root table and who is attached to it.
 */
#ifndef SIM_DIRECT_HOST_H
#define SIM_DIRECT_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include "iommu_model.h"
#include "pmem.h"
#include "pt_format.h"
#include "scenario.h"
#include "sw.h"

#define DIRECT_MAX_ATTACH 16

struct direct_attach {
	uint32_t sid, pasid;            /* requester/StreamID, PASID/SubstreamID */
};

struct direct_as {
	unsigned dev;
	uint32_t as;
	uint16_t tag;                   /* VT-d DID; SMMUv3 ASID (nested) or VMID */
	uint64_t root_hpa;              /* where its tables are written */
	uint64_t root;                  /* what the hardware entry holds (GPA if guest's) */
	unsigned nattach;
	struct direct_attach att[DIRECT_MAX_ATTACH];
};

struct direct_host {
	struct pmem *pm;
	uint64_t *pages;                /* counts every page written (sw stats) */
	void **chunks;
	unsigned nchunks, chunk_cap;
	uint64_t kpa_next, kpa_end;     /* host window: structures, host tables */
	char *gchunk;                   /* current chunk for guest pages */
	uint64_t gchunk_used;
	/* nested guest */
	uint64_t guest_hpa;             /* HPA of GPA 0 */
	uint64_t gpa_table_next;        /* guest tables and structures, top of RAM down */
	uint64_t s2_root;               /* host-owned stage 2 of guest RAM (0: none) */
	unsigned s2_levels, s2_shift;
	const struct pt_fmt *s2_fmt;
	uint64_t s2_leaf;               /* leaf bits of a guest RAM mapping */
	uint64_t last_s2_page;          /* ~0: none */
	/* address spaces, in creation order */
	struct direct_as *as;
	unsigned nas, as_cap;
	uint16_t next_tag;
};

/* pm is owned by the caller; pages is the counter to bump. -1: out of memory. */
void direct_host_init(struct direct_host *h, struct pmem *pm, uint64_t guest_ram,
		      uint64_t *pages);
/*
 * Nested: guest RAM gets a stage 2 with this format, depth, page size and
 * leaf bits, rooted in a new host page. -1: out of memory.
 */
int direct_host_guest_s2(struct direct_host *h, const struct pt_fmt *fmt,
			 unsigned levels, unsigned shift, uint64_t leaf);
void direct_host_fini(struct direct_host *h);

/* A zeroed host page (0: out of memory); n of them contiguous. */
uint64_t direct_kpage(struct direct_host *h);
uint64_t direct_kpages(struct direct_host *h, uint64_t n);
/* Nested: the guest page holding gpa gets its stage-2 mapping (0 if done). */
int direct_guest_s2_touch(struct direct_host *h, uint64_t gpa);
/* n contiguous zeroed guest pages, top of guest RAM down: GPA and HPA. */
int direct_gpages(struct direct_host *h, unsigned n, uint64_t *gpa, uint64_t *hpa);

uint64_t direct_rd64(struct direct_host *h, uint64_t pa);
void direct_wr64(struct direct_host *h, uint64_t pa, uint64_t v);

/*
 * Address space as of device dev; with create, a new one if there is
 * none: the next tag (refused past max_tag with the message full), an
 * empty root table (a guest page when guest). NULL with err.
 */
struct direct_as *direct_as_find(struct direct_host *h, unsigned dev, uint32_t as, bool create,
				 bool guest, unsigned max_tag, const char *full,
				 struct sim_err *err);
/* (sid, pasid) now reaches a and no other address space. -1 with err if a is full. */
int direct_as_attach(struct direct_host *h, struct direct_as *a, uint32_t sid, uint32_t pasid,
		     struct sim_err *err);

/*
 * What both direct set-ups are, first in each one's struct: the software,
 * its memory and model, and the few answers the shared operations ask of
 * each IOMMU.
 */
struct direct_sw;

struct direct_sw_ops {
	struct direct_as *(*find_as)(struct direct_sw *d, unsigned dev, uint32_t as,
				     bool create, struct sim_err *err);
	/* Invalidate what the IOMMU caches of [iova, iova + size) in a. */
	int (*inval_as)(struct direct_sw *d, struct direct_as *a, uint64_t iova, uint64_t size,
			sim_time_t now, struct sim_err *err);
};

struct direct_sw {
	struct sim_sw sw;
	const struct direct_sw_ops *ops;
	const struct scenario *sc;
	struct pmem *pm;
	struct iommu_model *m;
	struct direct_host host;        /* memory, guest RAM, its stage 2 */
	/* The tree an address space's mappings go in: the guest's (nested) or the host's. */
	const struct pt_fmt *fmt;
	unsigned levels;
	bool guest;
};

/*
 * The start of either set-up's create, on its zeroed struct: the ops, the
 * scenario, whether the trees are the guest's (nested), host memory.
 */
void direct_sw_init(struct direct_sw *d, const struct sim_sw_ops *ops,
		    const struct direct_sw_ops *base_ops, const struct scenario *sc);
/*
 * The model m (NULL: its create refused the configuration, an error naming
 * the iommu) drives d; devices' requests carry their scenario sids.
 */
int direct_sw_adopt(struct direct_sw *d, struct iommu_model *m, const char *iommu,
		    struct sim_err *err);

/*
 * The end of a map in either set-up: [iova, iova + size) of address space
 * a to pa with leaf bits, in d's tree, large leaves as allowed; counted.
 * In the guest's tree pa is guest-physical and must lie in guest RAM.
 */
int direct_sw_map(struct direct_sw *d, struct direct_as *a, uint32_t as, uint64_t iova,
		  uint64_t size, uint64_t pa, uint64_t leaf, bool big_2m, bool big_1g,
		  struct sim_err *err);

/* The end of an attach in either set-up: (sid, pasid) now reaches a; counted. */
int direct_sw_attached(struct direct_sw *d, struct direct_as *a, uint32_t sid, uint32_t pasid,
		       struct sim_err *err);

/* sim_sw_ops shared by both: unmap, inval, destroy. */
int direct_sw_unmap(struct sim_sw *sw, unsigned dev, uint32_t as, uint64_t iova,
		    uint64_t size, sim_time_t now, struct sim_err *err);
int direct_sw_inval(struct sim_sw *sw, unsigned dev, uint32_t as, uint64_t iova,
		    uint64_t size, sim_time_t now, struct sim_err *err);
/* sim_sw_ops.trace_pa: host RAM as it is, guest RAM less its base. */
bool direct_sw_trace_pa(struct sim_sw *sw, uint64_t hpa, uint64_t *tpa);
void direct_sw_destroy(struct sim_sw *sw);

#endif /* SIM_DIRECT_HOST_H */
