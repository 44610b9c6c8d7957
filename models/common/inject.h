/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * inject.h - hardware faults a model lets the simulator inject (issue 13).
 *
 * The simulator arms one struct inj_hw on a model (iommu_model.inj) at
 * the injection point it chose; until then the pointer is NULL and every
 * hook below is one predicted branch. A model calls the hooks where the
 * hardware would suffer the fault:
 *
 *   inj_table_read()   before each read of an in-memory structure (root,
 *                      context, PASID directory/entry, STE, CD, page-table
 *                      entry of either stage): a bit flip lands in memory
 *                      (and stays, as a real upset of DRAM would), a torn
 *                      update is what this read sees, an abort fails it;
 *   inj_inval()        for each invalidation descriptor/command it is
 *                      about to perform: drop it, or perform it later;
 *   inj_queue_full()   before it writes a record to a queue of its own
 *                      (fault recording / event queue, page request
 *                      queue) or takes a command: the queue acts full.
 *
 * Bit flips in cached entries need no hook: the simulator flips a line
 * through the cache API (cache_flip(), cache.h), in the fields the model
 * described with cache_set_layout().
 *
 * Everything is deterministic: which event fires is "the skip+1-th one
 * that matches", the bit is given; the seed chose both.
 */
#ifndef MODELS_COMMON_INJECT_H
#define MODELS_COMMON_INJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xlate.h"

struct pmem;

enum inj_fault {
	INJ_NONE = 0,
	INJ_TABLE_FLIP,         /* a bit of an in-memory entry, as read */
	INJ_TABLE_TORN,         /* a multi-word entry read half-written */
	INJ_WALK_ABORT,         /* a structure read: external abort / uncorrectable */
	INJ_INVAL_DROP,         /* an invalidation ignored by the hardware */
	INJ_INVAL_DELAY,        /* ... performed `delay` after its completion was reported */
	INJ_QUEUE_FULL,         /* a queue the hardware writes or reads acts full */
};

/* What a structure read is of. */
enum inj_table {
	INJ_TBL_ROOT,           /* VT-d root entry */
	INJ_TBL_CONTEXT,        /* VT-d (scalable-mode) context entry */
	INJ_TBL_PASID_DIR,      /* VT-d PASID-directory entry */
	INJ_TBL_PASID,          /* VT-d PASID-table entry */
	INJ_TBL_STE_L1,         /* SMMUv3 level-1 stream table descriptor */
	INJ_TBL_STE,            /* SMMUv3 stream table entry */
	INJ_TBL_CD_L1,          /* SMMUv3 level-1 context descriptor */
	INJ_TBL_CD,             /* SMMUv3 context descriptor */
	INJ_TBL_PT_S1,          /* a first-stage / stage-1 page-table entry */
	INJ_TBL_PT_S2,          /* a second-stage / stage-2 page-table entry */
	INJ_TBL_COUNT,
	INJ_TBL_ANY = -1,
};

enum inj_queue {
	INJ_Q_FAULT,            /* VT-d fault recording (FRCD), SMMUv3 EVTQ */
	INJ_Q_PAGE_REQ,         /* VT-d PRQ, SMMUv3 PRIQ */
	INJ_Q_CMD,              /* VT-d invalidation queue, SMMUv3 CMDQ */
	INJ_Q_COUNT,
};

/* Which invalidations an INVAL_* fault matches. */
enum inj_inval {
	INJ_INV_TLB,            /* IOTLB / TLB (incl. PASID-based, by range, by ASID/VMID) */
	INJ_INV_CFG,            /* context / PASID cache, STE / CD cache */
	INJ_INV_DEVTLB,         /* device TLB / ATC */
	INJ_INV_ANY = -1,
};

struct inj_hw {
	enum inj_fault fault;
	/* which events match */
	int table;              /* enum inj_table, INJ_TBL_ANY */
	int level;              /* page-table level as the model numbers it; -1: any */
	int inval;              /* enum inj_inval */
	unsigned queue;         /* enum inj_queue */
	uint64_t skip;          /* matching events let through before the one that fires */
	unsigned bit;           /* FLIP: bit of the entry (mod its size); TORN: first word lost */
	sim_time_t delay;       /* INVAL_DELAY: how late; QUEUE_FULL: how long (0: ever) */
	/* filled by the hooks */
	uint64_t seen;          /* matching events so far */
	bool fired;
	sim_time_t t_fired;     /* inval and queue faults; the simulator notes the rest */
	uint64_t pa;            /* the entry hit (table faults) */
	char what[112];         /* one line for the report */
	/* INVAL_DELAY: the deferred descriptor, performed by the model (inj_due) */
	uint64_t desc[4];
	sim_time_t due;
	bool pending;
};

/* Words of a table entry read at once (root 2, context 4, PASID 8, STE 8, CD 8, PTE 1). */
#define INJ_ENTRY_WORDS_MAX 8

int inj_table_read_slow(struct inj_hw *in, struct pmem *pm, enum inj_table t, int level,
			uint64_t pa, size_t len);

/*
 * Before the model reads the len-byte structure at pa (a table of kind t,
 * at level, if a page table). 0: read it (perhaps flipped or torn in
 * memory now); -1: the read fails, the model's external-abort fault.
 */
static inline int inj_table_read(struct inj_hw *in, struct pmem *pm, enum inj_table t,
				 int level, uint64_t pa, size_t len)
{
	if (__builtin_expect(!in, 1))
		return 0;
	return inj_table_read_slow(in, pm, t, level, pa, len);
}

/*
 * An invalidation of class c (desc: its words, n of them) is about to be
 * performed at now, and would complete at done. true: the model skips it
 * (dropped, or kept in in->desc to perform at in->due).
 */
bool inj_inval_slow(struct inj_hw *in, enum inj_inval c, const uint64_t *desc, unsigned n,
		    sim_time_t now, sim_time_t done);
static inline bool inj_inval(struct inj_hw *in, enum inj_inval c, const uint64_t *desc,
			     unsigned n, sim_time_t now, sim_time_t done)
{
	if (__builtin_expect(!in, 1))
		return false;
	return inj_inval_slow(in, c, desc, n, now, done);
}

/* A deferred invalidation is due at now: the model performs in->desc and clears pending. */
static inline bool inj_due(const struct inj_hw *in, sim_time_t now)
{
	return __builtin_expect(in != NULL, 0) && in->pending && now >= in->due;
}

/* Queue q is about to take a record (or command) at now: true, it acts full. */
bool inj_queue_full_slow(struct inj_hw *in, enum inj_queue q, sim_time_t now);
static inline bool inj_queue_full(struct inj_hw *in, enum inj_queue q, sim_time_t now)
{
	if (__builtin_expect(!in, 1))
		return false;
	return inj_queue_full_slow(in, q, now);
}

const char *inj_table_name(enum inj_table t);
const char *inj_queue_name(enum inj_queue q);
const char *inj_inval_name(enum inj_inval c);

#endif /* MODELS_COMMON_INJECT_H */
