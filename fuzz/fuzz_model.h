/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fuzz_model.h - what the two model harnesses (tables, mmio) share: a
 * VT-d or SMMUv3 model over its own simulated memory, a guest RAM region
 * the input writes into, and a cursor over the input.
 *
 * Guest RAM is FM_RAM_SIZE bytes at physical address 0, so that small
 * values in a table entry are pointers into it; everything else in the
 * physical space is unbacked and every access there must come back as
 * the architectural abort. Guest RAM's host mapping sits between two
 * inaccessible pages, so a model's host access beyond it faults. The
 * harness only ever reads and writes guest RAM itself.
 */
#ifndef FUZZ_FUZZ_MODEL_H
#define FUZZ_FUZZ_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iommu_model.h"
#include "pmem.h"

#define FM_RAM_PA   0x0ULL
#define FM_RAM_SIZE (64 * 4096ULL)

struct fm {
	const uint8_t *p;       /* input not consumed yet */
	size_t n;
	struct pmem *pm;
	struct iommu_model *m;
	bool vtd;               /* else SMMUv3 */
	uint64_t mmio_space;    /* bytes of register space */
	uint8_t *ram;           /* host backing of guest RAM */
	uint8_t *guard;         /* the mapping: a guard page, guest RAM, a guard page */
	sim_time_t now;
	unsigned irqs;
};

/* Input cursor: bytes run out as zeros. */
uint8_t fm_u8(struct fm *f);
uint16_t fm_u16(struct fm *f);
uint32_t fm_u32(struct fm *f);
uint64_t fm_u64(struct fm *f);

/*
 * Header byte: bit 0 SMMUv3 (else VT-d), bit 1 the small preset
 * (minimal / s1only, else spr / full). 0, or -1 when the model could not
 * be made (never for these presets).
 */
int fm_init(struct fm *f, const uint8_t *data, size_t size);
void fm_fini(struct fm *f);

/* Guest memory writes, from the input: a word, or a page of one word. */
void fm_op_write64(struct fm *f);
void fm_op_fill_page(struct fm *f);
/* Register accesses, from the input (any offset and size 4/8). */
void fm_op_mmio_write(struct fm *f);
void fm_op_mmio_read(struct fm *f);
/*
 * A device request from the input, through the model; aborts (a harness
 * failure) when the result breaks the model interface's promises.
 */
void fm_op_translate(struct fm *f);
void fm_mmio_wr(struct fm *f, uint64_t off, uint64_t val, unsigned size);
uint64_t fm_mmio_rd(struct fm *f, uint64_t off, unsigned size);

#endif

/* Guest RAM layout of the set-up below (pages of 4 KiB from FM_RAM_PA). */
#define FM_PAGE(n)      (FM_RAM_PA + 4096ULL * (n))
#define FM_ROOT         FM_PAGE(0)      /* VT-d root table / SMMU stream table */
#define FM_QUEUE        FM_PAGE(56)     /* VT-d QI / SMMU CMDQ (one page) */
#define FM_EVTQ         FM_PAGE(60)     /* VT-d PRQ / SMMU EVTQ (one page) */

/*
 * Program the model as a driver would, from the header byte's bits 2-3:
 * VT-d root table at FM_ROOT (bit 2: legacy, else scalable mode), QI at
 * FM_QUEUE, PRQ at FM_EVTQ, translation on; SMMUv3 stream table at
 * FM_ROOT (bit 2: two levels, else linear, 64 STEs), CMDQ, EVTQ, SMMUEN.
 * bit 3 set: stay bare (registers at reset).
 */
void fm_setup(struct fm *f, uint8_t hdr);

/*
 * A harness's whole input: set-up from the header byte, then operations,
 * each an opcode byte (ops[byte % nops]) and its operands, until the input
 * ends or 4096 have run; then tear-down. Returns 0 (libFuzzer's "keep").
 */
typedef void (*fm_op_fn)(struct fm *f);
int fm_run(const uint8_t *data, size_t size, const fm_op_fn *ops, unsigned nops);
/* Invalidate every cache (QI / CMDQ commands at the queue's tail). */
void fm_op_invalidate_all(struct fm *f);
/* One queue descriptor from the input at the queue tail, tail advanced. */
void fm_op_queue_desc(struct fm *f);
/* Consume recorded faults / events, as the driver's handler would. */
void fm_op_drain(struct fm *f);
