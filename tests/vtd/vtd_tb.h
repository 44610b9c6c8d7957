/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vtd_tb.h - test bench for the VT-d model: a small "table builder" that
 * lays out root/context/PASID tables and first-/second-stage page tables
 * in simulated memory with its own code (not the model's), programs the
 * model through MMIO only, and an independent reference walker.
 */
#ifndef TESTS_VTD_VTD_TB_H
#define TESTS_VTD_VTD_TB_H

#include <stdbool.h>
#include <stdint.h>

#include "vtd.h"

/* A page table being built: first stage (x86 format) or second stage. */
struct tb_pt {
	bool fs;                /* first-stage format */
	unsigned levels;
	uint64_t root;          /* address the PASID entry holds (GPA if nested FS) */
	uint64_t root_hpa;      /* where the builder writes it */
	struct tb_pt *ss;       /* nested FS: SS that maps its table pages */
};

struct tb {
	struct pmem *pm;
	struct iommu_model *m;
	struct vtd_config cfg;
	void *host;             /* backing of the kernel window */
	uint64_t host_len;
	uint64_t next;          /* page bump allocator (host physical) */
	uint64_t next_gpa;      /* guest-physical pages for nested FS tables */
	uint64_t root;
	uint64_t ctx_table[256];/* per bus, lower and upper halves share a slot pair */
	uint64_t ctx_table_hi[256];
	uint64_t iq;            /* invalidation queue (1 page, 256-bit descs) */
	uint64_t iq_tail;
	uint64_t status;        /* page for wait status writes */
	uint64_t pq;            /* page request queue */
	unsigned irqs;
	uint32_t irq_data[32];
	/* optional handler run inside the interrupt callback */
	void (*on_irq)(struct tb *tb, uint32_t data);
	sim_time_t now;
};

/* Interrupt data values the bench programs. */
#define TB_FEDATA 0x11
#define TB_IEDATA 0x22
#define TB_PEDATA 0x33

/* Create pmem + model (cfg NULL: SPR preset); program RTADDR, QI, TE. */
int tb_init(struct tb *tb, const struct vtd_config *cfg);
/*
 * tb_init, then one device sid whose context entry (VTD_SM_CTX_* ctx_flags,
 * RID_PASID rid_pasid, PDTS 0) points at a new PASID directory. Returns
 * that directory, or 0 if the bench could not be set up.
 */
uint64_t tb_init_dev(struct tb *tb, const struct vtd_config *cfg, uint16_t sid,
		     uint64_t ctx_flags, uint32_t rid_pasid);
/* Like tb_init but leaves the model unprogrammed (for MMIO tests). */
int tb_init_bare(struct tb *tb, const struct vtd_config *cfg);
void tb_fini(struct tb *tb);

uint64_t tb_page(struct tb *tb);                 /* zeroed host page */
void *tb_host(struct tb *tb, uint64_t pa);
uint64_t tb_rd64(struct tb *tb, uint64_t pa);
void tb_wr64(struct tb *tb, uint64_t pa, uint64_t val);

/* MMIO */
uint64_t tb_mmio_rd(struct tb *tb, uint64_t off, unsigned size);
void tb_mmio_wr(struct tb *tb, uint64_t off, uint64_t val, unsigned size);
/* Issue a GCMD one-shot/enable the way drivers do: current state | bit. */
void tb_gcmd(struct tb *tb, uint32_t set, uint32_t clear);

/* Structures */
void tb_context(struct tb *tb, uint16_t sid, uint64_t pasid_dir, unsigned pdts,
		uint64_t flags /* VTD_SM_CTX_* bits */, uint32_t rid_pasid);
/* Host address of sid's context entry (after tb_context made its table). */
uint64_t tb_context_pa(struct tb *tb, uint16_t sid);
uint64_t tb_pasid_dir(struct tb *tb);
/* Write the 8 qwords of the PASID entry for pasid under dir. */
void tb_pasid_entry(struct tb *tb, uint64_t dir, uint32_t pasid, const uint64_t e[8]);
/* Host address of the PASID entry (for corrupting it). */
uint64_t tb_pasid_entry_pa(struct tb *tb, uint64_t dir, uint32_t pasid);

void tb_pt_init(struct tb *tb, struct tb_pt *pt, bool fs, unsigned levels, struct tb_pt *ss);
/*
 * Map va -> out with a leaf at page size 1 << shift (12, 21, 30); flags are
 * the leaf's permission bits (VTD_FS_* or VTD_SS_*); non-leaf entries get
 * the most permissive rights. Returns 0 or -1.
 */
int tb_map(struct tb *tb, struct tb_pt *pt, uint64_t va, uint64_t out, unsigned shift,
	   uint64_t flags);
/* Host address of the entry at level for va (0 if the path is missing). */
uint64_t tb_entry_pa(struct tb *tb, struct tb_pt *pt, uint64_t va, unsigned level);

/* PASID entry images */
void tb_pe_ss(uint64_t e[8], const struct tb_pt *ss, uint16_t did);
void tb_pe_fs(uint64_t e[8], const struct tb_pt *fs, uint16_t did);
void tb_pe_nested(uint64_t e[8], const struct tb_pt *fs, const struct tb_pt *ss, uint16_t did);
void tb_pe_pt(uint64_t e[8], uint16_t did);

/* Queued invalidation: append a descriptor and move IQT. */
void tb_qi(struct tb *tb, uint64_t qw0, uint64_t qw1);
/* Append a wait descriptor with status write of data; true if written. */
bool tb_qi_wait(struct tb *tb, uint32_t data);

/* Requests */
struct xlate_res tb_xlate(struct tb *tb, uint16_t sid, int pasid, uint64_t iova,
			  unsigned access);
struct xlate_res tb_xlate_req(struct tb *tb, const struct xlate_req *req);

/* Independent reference walkers: output address or ~0 on any failure. */
uint64_t ref_ss(struct tb *tb, const struct tb_pt *ss, uint64_t gpa);
uint64_t ref_fs(struct tb *tb, const struct tb_pt *fs, uint64_t va);
uint64_t ref_nested(struct tb *tb, const struct tb_pt *fs, uint64_t va);

/*
 * One device with 4-level second- and first-stage tables under a PASID
 * directory: the common arrangement of the functional tests.
 */
struct tb_env {
	struct tb tb;
	struct tb_pt fs, ss;
	uint64_t dir;
};

/*
 * tb_init_dev for sid, then ss and fs (fs nested over ss if fs_nested,
 * else an FS-only table); 0 or -1.
 */
int tb_env_init(struct tb_env *v, const struct vtd_config *cfg, uint16_t sid,
		uint64_t ctx_flags, uint32_t rid_pasid, bool fs_nested);
/* The PASID entry image for pgtt (VTD_PGTT_FS, _SS or _NESTED) over v's tables. */
void tb_env_pe(const struct tb_env *v, unsigned pgtt, uint16_t did, uint64_t e[8]);

/* Fault record i as two qwords. */
void tb_frcd(struct tb *tb, unsigned i, uint64_t *lo, uint64_t *hi);

#endif /* TESTS_VTD_VTD_TB_H */
