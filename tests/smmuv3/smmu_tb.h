/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smmu_tb.h - the tests' own SMMUv3 table builder and driver: writes stream
 * tables, CDs and VMSAv8-64 page tables into simulated memory and
 * programs the model through MMIO only. It deliberately shares no
 * definition with the model (its field positions are written from the
 * spec again), and carries an independent reference walker.
 */
#ifndef TESTS_SMMUV3_SMMU_TB_H
#define TESTS_SMMUV3_SMMU_TB_H

#include <stdbool.h>
#include <stdint.h>

#include "iommu_model.h"
#include "pmem.h"
#include "smmu.h"

/* Registers (IHI 0070 6.3) */
#define R_IDR0 0x00
#define R_IDR1 0x04
#define R_IDR3 0x0c
#define R_IDR5 0x14
#define R_IIDR 0x18
#define R_AIDR 0x1c
#define R_CR0 0x20
#define R_CR0ACK 0x24
#define R_CR1 0x28
#define R_CR2 0x2c
#define R_GBPA 0x44
#define R_IRQ_CTRL 0x50
#define R_IRQ_CTRLACK 0x54
#define R_GERROR 0x60
#define R_GERRORN 0x64
#define R_STRTAB_BASE 0x80
#define R_STRTAB_BASE_CFG 0x88
#define R_CMDQ_BASE 0x90
#define R_CMDQ_PROD 0x98
#define R_CMDQ_CONS 0x9c
#define R_EVTQ_BASE 0xa0
#define R_EVTQ_IRQ_CFG0 0xb0
#define R_EVTQ_IRQ_CFG1 0xb8
#define R_PRIQ_BASE 0xc0
#define R_PRIQ_PROD 0x100c8
#define R_PRIQ_CONS 0x100cc
#define R_EVTQ_PROD 0x100a8
#define R_EVTQ_CONS 0x100ac

#define CR0_SMMUEN 0x1u
#define CR0_PRIQEN 0x2u
#define CR0_EVTQEN 0x4u
#define CR0_CMDQEN 0x8u
#define CR0_ATSCHK 0x10u

/* Event ids (7.3) */
enum {
	E_C_BAD_STREAMID = 0x02, E_F_STE_FETCH = 0x03, E_C_BAD_STE = 0x04,
	E_F_BAD_ATS_TREQ = 0x05, E_F_STREAM_DISABLED = 0x06,
	E_C_BAD_SUBSTREAMID = 0x08, E_F_CD_FETCH = 0x09, E_C_BAD_CD = 0x0a,
	E_F_WALK_EABT = 0x0b, E_F_TRANSLATION = 0x10, E_F_ADDR_SIZE = 0x11,
	E_F_ACCESS = 0x12, E_F_PERMISSION = 0x13, E_F_TLB_CONFLICT = 0x20,
};

/* Command opcodes (4.x) */
enum {
	OP_CFGI_STE = 0x03, OP_CFGI_STE_RANGE = 0x04, OP_CFGI_CD = 0x05,
	OP_CFGI_CD_ALL = 0x06, OP_TLBI_NH_ALL = 0x10, OP_TLBI_NH_ASID = 0x11,
	OP_TLBI_NH_VA = 0x12, OP_TLBI_NH_VAA = 0x13, OP_TLBI_S12_VMALL = 0x28,
	OP_TLBI_S2_IPA = 0x2a, OP_TLBI_NSNH_ALL = 0x30, OP_ATC_INV = 0x40,
	OP_PRI_RESP = 0x41, OP_RESUME = 0x44, OP_SYNC = 0x46,
};

/* Descriptor bits (Arm ARM D8.3) */
#define D_VALID  (1ULL << 0)
#define D_TABLE  (1ULL << 1)
#define D_AP_EL0 (1ULL << 6)    /* S1 AP[1]; S2AP read */
#define D_AP_RO  (1ULL << 7)    /* S1 AP[2]; S2AP write */
#define D_AF     (1ULL << 10)
#define D_DBM    (1ULL << 51)
#define D_PXN    (1ULL << 53)
#define D_UXN    (1ULL << 54)
#define D_S2_R   (1ULL << 6)
#define D_S2_W   (1ULL << 7)
/* Default leaf attributes: S1 RW at both ELs; S2 RW */
#define S1_RW    (D_AF | D_AP_EL0)
#define S2_RW    (D_AF | D_S2_R | D_S2_W)

struct tb;

/* A translation table tree built by the test. */
struct tb_pt {
	struct tb *tb;
	unsigned g;             /* granule shift: 12, 14, 16 */
	unsigned ia_bits;
	int start;              /* starting level */
	uint64_t root;          /* as the walker sees it (IPA when nested) */
	struct tb_pt *s2;       /* stage-1 tables of a nested context live in IPA space */
};

struct tb {
	struct pmem *pm;
	struct iommu_model *m;
	struct smmu_config cfg;
	void *host;
	uint64_t base, next, end;
	uint64_t strtab, cmdq, evtq;
	unsigned st_log2, st_split, cmdq_log2, evtq_log2;
	bool st_2lvl;
	uint32_t cmdq_prod;
	unsigned irqs[8];       /* raise() count per vector */
	uint64_t guest_off;     /* PA = IPA + guest_off for tables placed in IPA space */
	sim_time_t now;         /* when tb_xlate issues; it moves to each completion */
};

/* Set up memory and the model ("full" or "s1only" preset, overridable in cfg). */
int tb_init(struct tb *tb, const struct smmu_config *cfg);
/* tb_init with a preset as it stands. */
int tb_init_preset(struct tb *tb, const char *preset);
void tb_fini(struct tb *tb);
/* Program and enable the SMMU: stream table (linear or 2-level), queues. */
void tb_enable(struct tb *tb, bool st_2lvl, unsigned st_log2, unsigned cmdq_log2,
	       unsigned evtq_log2);
/*
 * tb_init, then tb_enable with what most tests use: a linear stream table
 * of 64 STEs, 64-entry command and event queues.
 */
int tb_start(struct tb *tb, const struct smmu_config *cfg);
int tb_start_preset(struct tb *tb, const char *preset);
/* Every cache of cfg off (STE, CD, TLB, both walk caches, ATC). */
void tb_config_nocache(struct smmu_config *cfg);

uint64_t tb_alloc(struct tb *tb, uint64_t size, uint64_t align);
void tb_w64(struct tb *tb, uint64_t pa, uint64_t v);
uint64_t tb_r64(struct tb *tb, uint64_t pa);
/* Rewrite the word at pa with the bits of clear cleared and those of set set. */
void tb_set_bits(struct tb *tb, uint64_t pa, uint64_t clear, uint64_t set);
uint32_t tb_rd32(struct tb *tb, uint64_t off);
uint64_t tb_rd64(struct tb *tb, uint64_t off);
void tb_wr32(struct tb *tb, uint64_t off, uint32_t v);
void tb_wr64(struct tb *tb, uint64_t off, uint64_t v);

/* Stream table entries */
void tb_set_ste(struct tb *tb, uint32_t sid, const uint64_t ste[8]);
uint64_t tb_ste_addr(struct tb *tb, uint32_t sid);
void ste_init(uint64_t ste[8], unsigned config);         /* V=1 and Config */
void ste_set_s1(uint64_t ste[8], uint64_t ctxptr, unsigned cdmax, unsigned fmt, unsigned dss);
void ste_set_s2(uint64_t ste[8], const struct tb_pt *pt, unsigned vmid, unsigned sl0);
/* Context descriptor: R=1, A=1, AA64=1, V=1, EPD1=1, IPS 48 bits */
void cd_init(uint64_t cd[8], const struct tb_pt *pt, unsigned asid);
/* Write a CD (at a PA) */
void tb_write_cd(struct tb *tb, uint64_t pa, const uint64_t cd[8]);

/*
 * Page tables. The starting table holds 2^(ia_bits - level shift) entries:
 * more than one granule's worth is a concatenated stage-2 starting table.
 */
void tb_pt_init(struct tb *tb, struct tb_pt *pt, unsigned g, unsigned ia_bits, int start,
		struct tb_pt *s2);
void tb_pt_map(struct tb_pt *pt, uint64_t va, uint64_t oa, int leaf_level, uint64_t attrs);
/* PA of the descriptor that maps va at a level (0 if the walk stops earlier). */
uint64_t tb_pt_desc_pa(struct tb_pt *pt, uint64_t va, int level);
/* Table memory for pt: PA of a fresh zeroed granule, and its walker-visible address. */
uint64_t tb_pt_alloc(struct tb_pt *pt, uint64_t size, uint64_t *pa);
/* SL0 encoding for a stage-2 starting level */
unsigned tb_sl0(unsigned g, int start);

/*
 * The reference walker: the output address for va, or ~0 on a fault; counts
 * the descriptor reads it made (including its stage-2 reads when nested).
 */
uint64_t tb_ref_walk(struct tb_pt *pt, uint64_t va, int *leaf_level, unsigned *refs);

/* Commands */
void tb_cmd(struct tb *tb, uint64_t c0, uint64_t c1);
void tb_cmd_batch(struct tb *tb, const uint64_t (*cmds)[2], unsigned n);
void tb_sync(struct tb *tb);
/* Pop one event record; false when the queue is empty. */
bool tb_evt_pop(struct tb *tb, uint64_t rec[4]);
unsigned tb_evt_drain(struct tb *tb);

/* Whole streams: STE (+ CD). Return the CD's PA. */
uint64_t tb_stream_s1(struct tb *tb, uint32_t sid, struct tb_pt *pt, unsigned asid);
/* tb_stream_s1 over a fresh 4K-granule, 48-bit tree that starts at level 0. */
uint64_t tb_stream_s1_4k(struct tb *tb, uint32_t sid, struct tb_pt *pt, unsigned asid);
void tb_stream_s2(struct tb *tb, uint32_t sid, struct tb_pt *pt, unsigned vmid);
/*
 * tb_start_preset "full", and stream sid at stage 2 (vmid) over a fresh
 * tree of granule g, ia_bits, starting level start.
 */
int tb_start_s2(struct tb *tb, uint32_t sid, struct tb_pt *pt, unsigned vmid, unsigned g,
		unsigned ia_bits, int start);
/* Nested: the CD and the stage-1 tables live in IPA space mapped by s2. */
uint64_t tb_stream_nested(struct tb *tb, uint32_t sid, struct tb_pt *s1, struct tb_pt *s2,
			  unsigned asid, unsigned vmid);

/* A statistic by name (~0 if the model does not report it). */
uint64_t tb_stat(struct tb *tb, const char *name);

/* Translate helper */
struct xlate_res tb_xlate(struct tb *tb, uint32_t sid, bool ssv, uint32_t ssid, uint64_t iova,
			  uint8_t access, bool priv);

/*
 * Checks (they record test failures). tb_expect_ok: an unprivileged access
 * of iova by sid (no substream) translates to pa. tb_expect_fault: res
 * failed with event id and the next event record has that id (in rec);
 * false when there was no record. tb_expect_event also wants the record's
 * StreamID and no record after it.
 */
struct xlate_res tb_expect_ok(struct tb *tb, uint32_t sid, uint64_t iova, uint8_t access,
			      uint64_t pa);
bool tb_expect_fault(struct tb *tb, const struct xlate_res *res, unsigned id, uint64_t rec[4]);
void tb_expect_event(struct tb *tb, const struct xlate_res *res, unsigned id, uint32_t sid,
		     uint64_t rec[4]);

#endif /* TESTS_SMMUV3_SMMU_TB_H */
