/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smmu_priv.h - the SMMUv3 model's internal state, shared by its files and
 * by nothing outside models/smmuv3.
 */
#ifndef MODELS_SMMUV3_SMMU_PRIV_H
#define MODELS_SMMUV3_SMMU_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "cache.h"
#include "iommu_model.h"
#include "pmem.h"
#include "smmu.h"
#include "xlate_pipe.h"
#include "smmu_regs.h"
#include "timing.h"

#define SMMU_MAX_LEVELS 4

/* One stage's translation regime, decoded from a CD (TTB0/TTB1) or STE. */
struct smmu_tt {
	uint64_t ttb;           /* start-level table PA (S1: IPA when nested) */
	uint8_t gshift;         /* granule: 12, 14 or 16 */
	uint8_t ia_bits;        /* input address size */
	uint8_t oa_bits;        /* output size: min(IPS/S2PS, OAS) */
	int8_t start_level;
	bool disabled;          /* EPD0/EPD1: walks of this half fault */
};

/* A decoded, legal STE (5.2). */
struct smmu_ste {
	uint8_t config;
	bool s1, s2;            /* stage enabled */
	uint8_t s1fmt, s1cdmax, s1dss, eats, strw;
	bool s1stalld;
	uint64_t s1ctxptr;
	uint16_t vmid;
	struct smmu_tt s2tt;
	bool s2affd, s2ha, s2hd, s2s, s2r;
	uint16_t cfg_refs;      /* references the fetch took (for reporting) */
};

/* A decoded, legal CD (5.4). */
struct smmu_cd {
	uint16_t asid;
	struct smmu_tt tt[2];   /* TTB0, TTB1 regions */
	bool affd, ha, hd, stall, wxn, uwxn, r, a;
};

/* A fault found anywhere in the pipeline, before it becomes an event. */
struct smmu_fault {
	uint8_t id;             /* EVT_* */
	bool s2;
	uint8_t class;          /* SMMU_CLASS_* */
	bool ttrnw;             /* the failing walk access was a read */
	uint64_t input_addr;
	uint64_t ipa;
	uint64_t fetch_addr;
};

/* A translation as the TLB and ATC hold it. */
struct smmu_tlb_entry {
	uint64_t oa;            /* output address of the translation's base */
	uint8_t shift;          /* size of the combined translation */
	uint8_t s1_shift;       /* stage-1 leaf size (TLBI TTL matching) */
	uint8_t s2_shift;       /* stage-2 leaf size (TLBI TTL matching) */
	uint8_t perm_priv;      /* XLATE_* bits for privileged requests */
	uint8_t perm_user;      /* XLATE_* bits for unprivileged requests */
	uint64_t ipa;           /* nested/S2: IPA of the base (TLBI by IPA) */
	sim_time_t ready;       /* when the walk that filled it completes */
};

/* A cached table descriptor: the next-level table of a prefix. */
struct smmu_walk_entry {
	uint64_t next_pa;       /* physical address of the next-level table */
	uint64_t next_ipa;      /* its IPA when nested (fault reports) */
	uint8_t s2perm;         /* stage-2 permission of that table page */
	uint8_t level;          /* level of the descriptor that pointed there */
	bool ap_no_user, ap_no_write, pxn, uxn; /* accumulated table attributes */
};

/* TLB tag layout: where each field of (kind, VMID, ASID, size) goes. */
enum smmu_tlb_kind {
	SMMU_KIND_S1 = 0,       /* stage 1 only (tagged with S2VMID too) */
	SMMU_KIND_S2 = 1,       /* stage 2 only: IPA -> PA */
	SMMU_KIND_NESTED = 2,   /* combined stage 1 + stage 2 */
};

static inline uint64_t smmu_tlb_tag(unsigned kind, unsigned vmid, unsigned asid,
				    unsigned shift)
{
	return (uint64_t)shift | (uint64_t)kind << 6 | (uint64_t)asid << 8 |
	       (uint64_t)vmid << 24;
}
#define SMMU_TAG_SHIFT(t) ((unsigned)((t) & 0x3f))
#define SMMU_TAG_KIND(t)  ((unsigned)(((t) >> 6) & 3))
#define SMMU_TAG_ASID(t)  ((unsigned)(((t) >> 8) & 0xffff))
#define SMMU_TAG_VMID(t)  ((unsigned)(((t) >> 24) & 0xffff))

/* Walk cache tag: stage, level, granule, TTB half and context. */
static inline uint64_t smmu_walk_tag(unsigned stage, unsigned level, unsigned gshift,
				     unsigned half, unsigned vmid, unsigned asid)
{
	return (uint64_t)level | (uint64_t)stage << 2 | (uint64_t)half << 3 |
	       (uint64_t)gshift << 4 | (uint64_t)asid << 9 | (uint64_t)vmid << 25;
}
#define SMMU_WTAG_LEVEL(t)  ((unsigned)((t) & 3))
#define SMMU_WTAG_ASID(t)   ((unsigned)(((t) >> 9) & 0xffff))
#define SMMU_WTAG_VMID(t)   ((unsigned)(((t) >> 25) & 0xffff))
#define SMMU_WTAG_GSHIFT(t) ((unsigned)(((t) >> 4) & 0x1f))

struct smmu_queue {
	uint64_t base;          /* *_BASE register value */
	uint32_t prod, cons;
	uint64_t irq_cfg0;
	uint32_t irq_cfg1, irq_cfg2;
};

struct smmu_stall {
	bool valid;
	uint32_t sid;
};

struct smmu_stats {
	uint64_t requests, ok, faults, stalled, aborted, bypassed;
	uint64_t tlb_hits, atc_hits, ats_translated;
	uint64_t walk_refs[2][SMMU_MAX_LEVELS];  /* [stage-1][level] */
	uint64_t walk_writes[2];                  /* A/D updates */
	/* walk cache, per stage: probes, and walks started below level l */
	uint64_t wc_probes[2], wc_hits[2][SMMU_MAX_LEVELS];
	uint64_t ste_refs, cd_refs, cd_s2_refs;
	uint64_t events, events_full, events_off;
	uint64_t cmds, cmd_errors, syncs, cmd_by_op[256];
	uint64_t cmd_cycles;
	uint64_t pri_requests, pri_full, pri_responses;
	uint64_t latency_ps_total;
};

struct smmu {
	struct iommu_model base;
	struct smmu_config cfg;
	struct pmem *pm;
	struct iommu_irq irq;

	/* ID registers, computed once from cfg */
	uint32_t idr[6], iidr, aidr;
	/* Programmed registers */
	uint32_t cr0, cr1, cr2, gbpa, irq_ctrl, gerror, gerrorn;
	uint64_t gerror_irq_cfg0;
	uint32_t gerror_irq_cfg1, gerror_irq_cfg2;
	uint64_t strtab_base;
	uint32_t strtab_base_cfg;
	struct smmu_queue cmdq, evtq, priq;
	sim_time_t cmdq_busy_until;

	/* Caches */
	struct cache *ste_cache, *cd_cache, *tlb, *s1_walk, *s2_walk, *atc;
	uint64_t tlb_shifts;    /* bit n: the TLB may hold entries of size 2^n */
	uint64_t atc_shifts;

	/* Timing: latencies, walkers and walks in flight (xlate_pipe.h) */
	struct xlate_pipe pipe;

	struct smmu_stall *stalls;
	unsigned n_stalls;
	unsigned prg_next;      /* next page request group index */

	struct smmu_stats st;
};

static inline struct smmu *to_smmu(struct iommu_model *m)
{
	return (struct smmu *)m;
}

static inline unsigned smmu_ps_bits(unsigned ps)
{
	static const uint8_t bits[8] = { 32, 36, 40, 42, 44, 48, 52, 52 };

	return bits[ps & 7];
}

static inline unsigned smmu_oas_bits(const struct smmu *s)
{
	return smmu_ps_bits(s->cfg.oas);
}

/*
 * IDR0.HTTU: the SMMU updates the Access flag where a table descriptor
 * asks (CD.HA, STE.S2HA) and it can, and the dirty state (HD, S2HD) only
 * on top of that.
 */
static inline void smmu_httu(const struct smmu *s, bool ha, bool hd, bool *out_ha,
			     bool *out_hd)
{
	*out_ha = s->cfg.httu_a && ha;
	*out_hd = s->cfg.httu_d && *out_ha && hd;
}

/* smmu_config.c */
int smmu_config_check(const struct smmu_config *cfg);
void smmu_config_idregs(struct smmu *s);

/* smmu_mmio.c */
uint64_t smmu_mmio_read(struct iommu_model *m, uint64_t off, unsigned size, sim_time_t now);
void smmu_mmio_write(struct iommu_model *m, uint64_t off, uint64_t val, unsigned size,
		     sim_time_t now);

/* smmu_irq.c */
void smmu_gerror_raise(struct smmu *s, uint32_t bit);
void smmu_signal(struct smmu *s, unsigned vector, uint64_t msi_cfg0, uint32_t msi_data);

/* smmu_pgtable.c: VMSAv8-64 descriptor rules */
unsigned vmsa_stride(unsigned gshift);
unsigned vmsa_level_shift(unsigned gshift, int level);
int vmsa_s1_start_level(unsigned gshift, unsigned ia_bits);
bool vmsa_s2_start_level(unsigned gshift, unsigned sl0, unsigned ia_bits, unsigned oas_bits,
			 int *level);
unsigned vmsa_index(unsigned gshift, int level, int start_level, unsigned ia_bits,
		    uint64_t ia);
bool vmsa_is_table(uint64_t desc, int level);
bool vmsa_is_block_or_page(uint64_t desc, int level, unsigned gshift);
uint64_t vmsa_next_table(uint64_t desc, unsigned gshift);
uint64_t vmsa_output(uint64_t desc, unsigned gshift, int level, uint64_t ia);
bool vmsa_oa_too_wide(uint64_t desc, unsigned gshift, unsigned oa_bits);
unsigned vmsa_s1_perm(uint64_t desc, bool priv, bool ap_no_user, bool ap_no_write,
		      bool pxn_tbl, bool uxn_tbl, bool wxn, bool hd);
unsigned vmsa_s2_perm(uint64_t desc, bool hd);
unsigned vmsa_granule_shift_tg0(unsigned tg);
unsigned vmsa_granule_shift_tg1(unsigned tg);

/* smmu_ste.c */
int smmu_ste_fetch(struct smmu *s, uint32_t sid, uint64_t raw[8], uint16_t *refs,
		   struct smmu_fault *f);
int smmu_ste_decode(const struct smmu *s, const uint64_t raw[8], struct smmu_ste *ste);

/* smmu_cd.c */
struct smmu_walk;
int smmu_cd_decode(const struct smmu *s, const uint64_t raw[8], struct smmu_cd *cd);
int smmu_cd_fetch(struct smmu *s, struct smmu_walk *w, const struct smmu_ste *ste,
		  uint32_t ssid, uint64_t raw[8]);

/* smmu_walk.c */
struct smmu_walk {
	struct smmu *s;
	const struct smmu_ste *ste;
	const struct smmu_cd *cd;
	uint32_t sid, ssid;
	bool ssv, priv;
	uint8_t access;
	uint64_t iova;          /* the request's input address (events) */
	sim_time_t t;           /* time the walk has reached */
	uint16_t walk_refs;     /* page-table references of the translation */
	uint16_t cfg_refs;      /* STE/CD references incl. stage-2 of the CD */
	uint8_t wc_hits[2][XLATE_WC_LEVELS];    /* [stage - 1][level] */
	bool in_cfg;            /* counting a CD fetch's stage-2 walk */
	bool quiet;             /* merged miss: the result only, no cost or count */
	bool pri;               /* the device issues a page request on a recoverable fault */
	struct smmu_fault fault;
};
/* Read a 64-bit descriptor for a walk; counts it and charges memory time. */
int smmu_walk_read(struct smmu_walk *w, int stage, int level, uint64_t pa, uint64_t *val);
int smmu_s2_translate(struct smmu_walk *w, uint64_t ipa, uint8_t access, uint8_t class,
		      struct smmu_tlb_entry *out);
int smmu_translate_walk(struct smmu_walk *w, uint64_t iova, struct smmu_tlb_entry *out);

/* smmu_caches.c */
int smmu_caches_create(struct smmu *s);
void smmu_caches_destroy(struct smmu *s);
struct smmu_tlb_entry *smmu_tlb_find(struct smmu *s, uint64_t iova, unsigned kind,
				     unsigned vmid, unsigned asid, bool *conflict);
void smmu_tlb_fill(struct smmu *s, uint64_t iova, unsigned kind, unsigned vmid,
		   unsigned asid, const struct smmu_tlb_entry *e);
struct smmu_tlb_entry *smmu_atc_find(struct smmu *s, uint32_t sid, uint32_t ssid, bool ssv,
				     uint64_t iova);
void smmu_atc_fill(struct smmu *s, uint32_t sid, uint32_t ssid, bool ssv, uint64_t iova,
		   const struct smmu_tlb_entry *e);
/* Invalidation scopes, used by the command queue. */
struct smmu_inv {
	bool by_vmid, by_asid, by_addr, leaf;
	unsigned vmid, asid;
	uint64_t addr, end;     /* [addr, end) */
	unsigned ttl_shift;     /* 0: any size, else only leaves of this size */
	bool stage1, stage2;    /* which kinds of entries */
};
void smmu_inv_tlb(struct smmu *s, const struct smmu_inv *inv);
void smmu_inv_cfg_ste(struct smmu *s, uint32_t first, uint32_t last);
void smmu_inv_cfg_cd(struct smmu *s, uint32_t sid, uint32_t ssid, bool all);
void smmu_inv_atc(struct smmu *s, uint32_t sid, uint32_t ssid, bool ssv, bool global,
		  uint64_t addr, uint64_t end);
void smmu_caches_stats(struct smmu *s, const struct stats_sink *sink);
void smmu_caches_reset_stats(struct smmu *s);

/* smmu_cmdq.c */
void smmu_cmdq_run(struct smmu *s, sim_time_t now);

/* smmu_evtq.c */
void smmu_evtq_record_fault(struct smmu *s, const struct smmu_walk *w, bool stall,
			    uint16_t stag, sim_time_t now);
void smmu_evtq_record(struct smmu *s, const uint64_t rec[4], sim_time_t now);

/* smmu_priq.c: 0 when the page request was queued */
int smmu_priq_record(struct smmu *s, const struct smmu_walk *w, sim_time_t now);

/* smmu_translate.c */
void smmu_translate(struct iommu_model *m, const struct xlate_req *req, struct xlate_res *res);
void smmu_inj_due(struct smmu *s);

/* smmu_stall.c */
int smmu_stall_alloc(struct smmu *s, uint32_t sid);
void smmu_stall_resume(struct smmu *s, uint32_t sid, uint16_t stag, bool terminate);
void smmu_stall_term(struct smmu *s, uint32_t sid);

#endif /* MODELS_SMMUV3_SMMU_PRIV_H */
