/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vtd_internal.h - private state of the VT-d model, shared by its files.
 * Nothing outside models/vtd includes this.
 */
#ifndef MODELS_VTD_VTD_INTERNAL_H
#define MODELS_VTD_VTD_INTERNAL_H

#include <string.h>

#include "vtd.h"
#include "xlate_pipe.h"

#define VTD_MAX_LEVELS  5
#define VTD_MAX_NFR     256
#define VTD_IRQ_HOLD    4       /* fault, completion, page request (+1) */
#define VTD_PRG_SLOTS   512     /* PRG index is 9 bits */

/* Decoded scalable-mode context entry (the context-cache payload). */
struct vtd_context_entry {
	uint64_t pasid_dir;     /* PASIDDIRPTR, host physical */
	uint32_t rid_pasid;
	uint8_t pdts;
	bool fpd, dte, paside, pre;
};

/* Decoded PASID-table entry (the PASID-cache payload). */
struct vtd_pasid_entry {
	uint64_t ssptptr;       /* host physical */
	uint64_t fsptptr;       /* GPA when nested, else host physical */
	uint16_t did;
	uint8_t pgtt;
	uint8_t ss_levels;      /* 3, 4, 5 from AW */
	uint8_t fs_levels;      /* 4, 5 from FLPM */
	bool fpd, ssade, ssee, sre, ere, wpe, eafe, pgsnp;
};

/* IOTLB payload: a final (combined, for nested) translation. */
struct vtd_iotlb_entry {
	uint64_t pa_base;       /* host physical page base */
	uint8_t shift;          /* 12, 21, 30 */
	uint8_t pgtt;
	/* first-stage rights, accumulated over every level */
	bool fs_rw, fs_us, fs_xd;
	/* second-stage rights of the final translation */
	bool ss_r, ss_w, ss_x;
	bool dirty;             /* D already set at every stage that tracks it */
	/*
	 * The requester's rights, worked out once from the fields above for
	 * each (privileged, PASID-entry WPE); PASID-entry ERE masks X at use.
	 * Index: priv << 1 | wpe.
	 */
	uint8_t rights[4];
	sim_time_t t_fill;      /* when the walk that filled it completes */
};

/* Paging-structure cache payload: a non-leaf entry. */
struct vtd_psc_entry {
	uint64_t next;          /* host physical address of the next table */
	uint64_t next_gpa;      /* nested FS: the table's GPA */
	uint8_t pgtt;
	bool rw, us, xd;        /* FS: accumulated; SS: r/w/x in rw/us/xd */
};

struct vtd_devtlb_entry {
	uint64_t pa;
	uint8_t perm;
};

/* Memory references of one walk, committed to statistics unless merged. */
struct vtd_walk_acct {
	uint16_t fs_refs[VTD_MAX_LEVELS + 1];
	uint16_t ss_refs[VTD_MAX_LEVELS + 1];
	uint16_t reads;         /* page-table reads */
	uint16_t cfg_reads;     /* root/context/PASID entry reads */
	uint16_t writes;
	uint16_t psc_probes;
	uint8_t psc_hits[2][VTD_MAX_LEVELS + 1];        /* [FS 0 / SS 1][level] */
};

/* A second-stage translation of one address. */
struct vtd_ss_result {
	uint64_t hpa;           /* the translated address */
	uint8_t shift;
	bool r, w, x;
	bool dirty;             /* leaf D set (or SS A/D not enabled) */
	uint64_t leaf_pa;       /* host address of the leaf entry; 0 if from cache */
};

/* A first-stage translation of one address. */
struct vtd_fs_result {
	uint64_t out;           /* GPA when nested, else host physical */
	uint8_t shift;
	bool rw, us, xd;
	bool dirty;
};

struct vtd_fault_info {
	uint8_t reason;
	bool fpd;               /* fault processing disabled */
	bool from_fs_np;        /* FS non-present: eligible for a page request */
};

struct vtd_prg {
	uint16_t sid;
	uint32_t pasid;
	uint16_t index;
	bool pp, valid;
};

struct vtd {
	struct iommu_model base;
	struct vtd_config cfg;
	struct pmem *pm;
	struct iommu_irq irq;
	bool have_irq;
	bool irq_defer;                 /* inside the invalidation queue */
	bool in_qi;
	unsigned irq_held;
	uint32_t irq_hold[VTD_IRQ_HOLD];

	uint64_t cap, ecap;
	uint64_t haw_mask;      /* addresses above MGAW are reserved */
	unsigned ndoms;
	uint32_t max_pasid;     /* exclusive */

	/* registers */
	uint32_t gsts;
	uint64_t rtaddr, rtaddr_latched;
	uint64_t ccmd, iva, iotlb_reg;
	uint32_t fsts, fectl, fedata, feaddr, feuaddr;
	uint64_t iqh, iqt, iqa, iqercd;
	uint32_t ics, iectl, iedata, ieaddr, ieuaddr;
	uint64_t pqh, pqt, pqa;
	uint32_t prs, pectl, pedata, peaddr, peuaddr;
	uint64_t frcd[VTD_MAX_NFR][2];
	unsigned fri;

	/* caches */
	struct cache *cc[VTD_CACHE_COUNT];
	/* decoded entries of the current request when a cache is disabled */
	struct vtd_context_entry ctx_scratch;
	struct vtd_pasid_entry pe_scratch;
	bool iotlb_has_large;

	/* timing: latencies, walkers and walks in flight (xlate_pipe.h) */
	struct xlate_pipe pipe;
	sim_time_t ps_ats_rtt;          /* an ATS translation request's round trip */
	sim_time_t qi_time;

	/* page requests */
	struct vtd_prg prg[VTD_PRG_SLOTS];
	uint16_t prg_next;

	struct vtd_counters cnt;
};

static inline struct vtd *to_vtd(struct iommu_model *m)
{
	return (struct vtd *)m;
}

static inline sim_time_t vtd_max_t(sim_time_t a, sim_time_t b)
{
	return a > b ? a : b;
}

/*
 * Set A/D bits in a table entry the way hardware does: an atomic update
 * that retries if software changed the entry meanwhile (bounded).
 */
static inline void vtd_entry_set(struct vtd *v, uint64_t pa, uint64_t old, uint64_t bits,
				 struct vtd_walk_acct *acct)
{
	uint64_t seen;

	for (int tries = 0; tries < 4 && (old & bits) != bits; tries++) {
		if (pmem_cmpxchg64(v->pm, pa, old, old | bits, &seen))
			return;
		if (seen == old) {
			acct->writes++;
			return;
		}
		old = seen;
	}
}

/* vtd_config.c */
void vtd_caps_regs(const struct vtd_config *cfg, uint64_t *cap, uint64_t *ecap);

/*
 * vtd_context.c: root/context/PASID decode through their caches. The
 * lookups are inline (every request makes them); a miss fetches, checks
 * and fills out of line.
 */
uint8_t vtd_context_miss(struct vtd *v, uint16_t sid, const struct vtd_context_entry **out,
			 struct vtd_walk_acct *acct, bool *fpd);
uint8_t vtd_pasid_miss(struct vtd *v, uint16_t sid, const struct vtd_context_entry *ce,
		       uint32_t pasid, const struct vtd_pasid_entry **out,
		       struct vtd_walk_acct *acct, bool *fpd);

static inline uint8_t vtd_context_lookup(struct vtd *v, uint16_t sid,
					 const struct vtd_context_entry **out,
					 struct vtd_walk_acct *acct, bool *fpd)
{
	const struct vtd_context_entry *ce = cache_lookup(v->cc[VTD_CACHE_CONTEXT], sid, 0);

	if (!ce)
		return vtd_context_miss(v, sid, out, acct, fpd);
	*out = ce;
	*fpd = ce->fpd;
	return 0;
}

static inline uint8_t vtd_pasid_lookup(struct vtd *v, uint16_t sid,
				       const struct vtd_context_entry *ce, uint32_t pasid,
				       const struct vtd_pasid_entry **out,
				       struct vtd_walk_acct *acct, bool *fpd)
{
	const struct vtd_pasid_entry *pe = cache_lookup(v->cc[VTD_CACHE_PASID], pasid, sid);

	if (!pe)
		return vtd_pasid_miss(v, sid, ce, pasid, out, acct, fpd);
	*out = pe;
	*fpd = *fpd || pe->fpd;
	return 0;
}

/* vtd_ss_walk.c */
uint8_t vtd_ss_walk(struct vtd *v, const struct vtd_pasid_entry *pe, uint64_t gpa,
		    struct vtd_ss_result *r, struct vtd_walk_acct *acct);
/* Set D in the leaf of r (SSADE), a write to the entry r->leaf_pa. */
void vtd_ss_set_dirty(struct vtd *v, const struct vtd_pasid_entry *pe,
		      struct vtd_ss_result *r, struct vtd_walk_acct *acct);

/* vtd_nested.c: what the first stage sees of second-stage translation */
uint8_t vtd_nested_table(struct vtd *v, const struct vtd_pasid_entry *pe, uint64_t gpa,
			 bool root, struct vtd_ss_result *r, struct vtd_walk_acct *acct);
uint8_t vtd_nested_table_write(struct vtd *v, const struct vtd_pasid_entry *pe,
			       uint64_t gpa, struct vtd_ss_result *r, bool have_r,
			       struct vtd_walk_acct *acct);
uint8_t vtd_nested_output(struct vtd *v, const struct vtd_pasid_entry *pe, uint64_t gpa,
			  struct vtd_ss_result *r, struct vtd_walk_acct *acct);

/* vtd_fs_walk.c */
uint8_t vtd_fs_perm(const struct vtd_pasid_entry *pe, const struct xlate_req *req,
		    bool rw, bool us, bool xd);
uint8_t vtd_fs_walk(struct vtd *v, const struct vtd_pasid_entry *pe, uint32_t pasid,
		    const struct xlate_req *req, struct vtd_fs_result *r,
		    struct vtd_walk_acct *acct);

/* vtd_caches.c */
int vtd_caches_create(struct vtd *v);
void vtd_caches_destroy(struct vtd *v);
static inline uint64_t vtd_iotlb_tag(uint16_t did, uint32_t pasid, unsigned shift)
{
	return (uint64_t)did | (uint64_t)pasid << 16 | (uint64_t)shift << 40;
}
static inline uint64_t vtd_psc_tag(uint16_t did, uint32_t pasid, unsigned level)
{
	return (uint64_t)did | (uint64_t)pasid << 16 | (uint64_t)level << 40;
}
static inline unsigned vtd_level_shift(unsigned level)
{
	return 12 + 9 * (level - 1);
}

/*
 * The paging-structure caches of a stage (fs: first, else second) are
 * probed together for addr at levels 2..levels, the deepest hit winning:
 * the entry, its level in *level; NULL (one counted miss) if none. Inline:
 * every walk of both stages starts here.
 */
static inline __attribute__((always_inline)) const struct vtd_psc_entry *
vtd_psc_probe(struct vtd *v, bool fs, uint64_t addr, uint16_t did, uint32_t pasid,
	      unsigned levels, struct vtd_walk_acct *acct, unsigned *level)
{
	struct cache *psc = v->cc[fs ? VTD_CACHE_FS_PSC : VTD_CACHE_SS_PSC];

	acct->psc_probes++;
	if (fs)
		v->cnt.fs_psc_probes++;
	else
		v->cnt.ss_psc_probes++;
	for (unsigned l = 2; l <= levels; l++) {
		if (cache_peek(psc, addr >> vtd_level_shift(l), vtd_psc_tag(did, pasid, l))) {
			if (fs)
				v->cnt.fs_psc_hits[l]++;
			else
				v->cnt.ss_psc_hits[l]++;
			acct->psc_hits[!fs][l]++;
			*level = l;
			return cache_use_peeked(psc);
		}
	}
	/* the miss, counted once */
	cache_lookup(psc, addr >> vtd_level_shift(2), vtd_psc_tag(did, pasid, 2));
	return NULL;
}
struct vtd_iotlb_entry *vtd_iotlb_lookup_sizes(struct vtd *v, uint16_t did, uint32_t pasid,
					       uint64_t iova);
/*
 * Hardware probes every page size at once; one counted lookup is made on
 * the size that hits (or on 4K for a miss). Without large entries in the
 * IOTLB only 4K can hit.
 */
static inline struct vtd_iotlb_entry *vtd_iotlb_lookup(struct vtd *v, uint16_t did,
						       uint32_t pasid, uint64_t iova)
{
	if (v->iotlb_has_large)
		return vtd_iotlb_lookup_sizes(v, did, pasid, iova);
	return cache_lookup(v->cc[VTD_CACHE_IOTLB], iova >> 12, vtd_iotlb_tag(did, pasid, 12));
}
void vtd_iotlb_insert(struct vtd *v, uint16_t did, uint32_t pasid, uint64_t iova,
		      const struct vtd_iotlb_entry *e);
/* Invalidation (QI and register-based). */
void vtd_inv_context(struct vtd *v, unsigned g, uint16_t sid, unsigned fm);
void vtd_inv_pasid_cache(struct vtd *v, unsigned g, uint16_t did, uint32_t pasid);
void vtd_inv_iotlb(struct vtd *v, unsigned g, uint16_t did, uint64_t addr, unsigned am,
		   bool ih);
void vtd_inv_piotlb(struct vtd *v, unsigned g, uint16_t did, uint32_t pasid, uint64_t addr,
		    unsigned am, bool ih);
void vtd_inv_devtlb(struct vtd *v, uint16_t sid, bool pasid_sel, bool all_pasids,
		    uint32_t pasid, uint64_t addr, bool s);

/* vtd_fault.c */
void vtd_fault_record(struct vtd *v, const struct xlate_req *req, uint8_t reason,
		      sim_time_t now);
void vtd_fault_event(struct vtd *v);            /* FSTS condition became set */
void vtd_event_unmask(struct vtd *v, uint32_t *ectl, uint32_t old, uint32_t data);
void vtd_raise(struct vtd *v, uint32_t *ectl, uint32_t data);
bool vtd_ppf(const struct vtd *v);
bool vtd_fsts_pending(const struct vtd *v);
void vtd_irq_release(struct vtd *v);

/* vtd_qi.c */
void vtd_qi_process(struct vtd *v, sim_time_t now);
void vtd_inj_due(struct vtd *v);

/* vtd_prq.c */
/* Returns true if a page request was queued. */
bool vtd_prq_submit(struct vtd *v, const struct xlate_req *req, uint32_t pasid);
void vtd_prq_response(struct vtd *v, uint64_t qw0, uint64_t qw1);

/* vtd_mmio.c */
uint64_t vtd_mmio_read(struct iommu_model *m, uint64_t off, unsigned size, sim_time_t now);
void vtd_mmio_write(struct iommu_model *m, uint64_t off, uint64_t val, unsigned size,
		    sim_time_t now);
void vtd_regs_reset(struct vtd *v);

/* vtd_translate.c */
void vtd_translate(struct iommu_model *m, const struct xlate_req *req, struct xlate_res *res);

/* vtd_stats.c */
void vtd_stats(struct iommu_model *m, const struct stats_sink *sink);
void vtd_reset_stats(struct iommu_model *m);
void vtd_counters_sync(struct vtd *v);

#endif /* MODELS_VTD_VTD_INTERNAL_H */
