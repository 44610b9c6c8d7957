/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pt_format.h - the page-table formats the simulator's own software
 * writes, and one radix writer for all of them: the direct set-ups' host
 * and guest tables (direct_host.c) and the kernel set-up's guest stage 1
 * (sim/vmm). The hardware models decode the same formats with their own
 * definitions; drivers keep theirs.
 *
 * All are 512 eight-byte entries per 4 KiB table, 9 bits of address per
 * level, levels counted from the leaf (1 = 4 KiB). They differ in how an
 * entry says "present" and "table or leaf", and in a leaf's attributes.
 */
#ifndef SIM_PT_FORMAT_H
#define SIM_PT_FORMAT_H

#include <stdbool.h>
#include <stdint.h>

#include "scenario.h"

struct pt_fmt {
	uint64_t present;       /* any of these bits: the entry is present */
	uint64_t kind;          /* above level 1, this bit tells table from leaf ... */
	bool kind_is_table;     /* ... set meaning a table (VMSA) or a leaf (x86 PS) */
	uint64_t page;          /* bits a level-1 leaf carries (VMSA: the page bit) */
	uint64_t table;         /* bits of a table pointer besides its address */
	uint64_t addr;          /* address field */
};

/* x86-64 paging, the VT-d first-stage format (VT-d 3.0 9.7, SDM vol. 3 4.5). */
#define PT_X86_P        (1ULL << 0)
#define PT_X86_RW       (1ULL << 1)
#define PT_X86_US       (1ULL << 2)
#define PT_X86_A        (1ULL << 5)
#define PT_X86_D        (1ULL << 6)
#define PT_X86_PS       (1ULL << 7)
#define PT_X86_ADDR     0x000ffffffffff000ULL   /* bits 51:12 */
/* The VT-d second-stage format (VT-d 3.0 9.8). */
#define PT_VTD_SS_R     (1ULL << 0)
#define PT_VTD_SS_W     (1ULL << 1)
#define PT_VTD_SS_X     (1ULL << 2)
#define PT_VTD_SS_PS    (1ULL << 7)
/* VMSAv8-64 descriptors, 4 KiB granule (Arm ARM D8.3). */
#define PT_VMSA_VALID   (1ULL << 0)
#define PT_VMSA_TABLE   (1ULL << 1)     /* table at levels 0-2, page at level 3 */
#define PT_VMSA_AP1     (1ULL << 6)     /* stage 1: unprivileged access */
#define PT_VMSA_AP2     (1ULL << 7)     /* stage 1: read only */
#define PT_VMSA_S2AP_R  (1ULL << 6)     /* stage 2: read allowed */
#define PT_VMSA_S2AP_W  (1ULL << 7)     /* stage 2: write allowed */
#define PT_VMSA_SH_IS   (3ULL << 8)     /* inner shareable */
#define PT_VMSA_AF      (1ULL << 10)
#define PT_VMSA_NG      (1ULL << 11)
#define PT_VMSA_UXN     (1ULL << 54)    /* stage 2: XN */
#define PT_VMSA_S2_WB   (0xfULL << 2)   /* stage 2 MemAttr: normal write-back */
#define PT_VMSA_ADDR    0x0000fffffffff000ULL   /* bits 47:12 */

extern const struct pt_fmt pt_x86_fs;  /* VT-d first stage */
extern const struct pt_fmt pt_vtd_ss;  /* VT-d second stage */
extern const struct pt_fmt pt_vmsa;    /* VMSAv8-64, either stage */

/* Leaf attributes of a mapping with rights prot (XLATE_READ/WRITE/EXEC). */
uint64_t pt_x86_fs_leaf(uint8_t prot);         /* user, accessed and dirty */
uint64_t pt_vtd_ss_leaf(uint8_t prot);
uint64_t pt_vmsa_s1_leaf(uint8_t prot);        /* EL0, accessed */
uint64_t pt_vmsa_s2_leaf(uint8_t prot);        /* write-back, inner shareable */

/*
 * Where a tree's tables live. rd/wr reach a table entry by address; an
 * entry's address field plus `base` is where the table it points to is
 * reached (a guest's tree holds GPAs). new_table makes a zeroed table:
 * it returns the address to reach it and puts in *entry what a parent
 * entry holds (0 and -1: none).
 */
struct pt_mem {
	void *ctx;
	uint64_t (*rd)(void *ctx, uint64_t addr);
	void (*wr)(void *ctx, uint64_t addr, uint64_t val);
	int (*new_table)(void *ctx, uint64_t *entry, uint64_t *addr);
	uint64_t base;
	/* Optional: before a leaf maps [out, out + size) (0, or the error). */
	int (*leaf_target)(void *ctx, uint64_t out, uint64_t size);
	/*
	 * Optional: an unmap that covers all a table maps frees the table
	 * (and the tables below it), as Linux's page-table code does, and
	 * hands each one's address field here. Without it, tables stay.
	 */
	void (*free_table)(void *ctx, uint64_t addr);
};

/*
 * Write one leaf of (1 << shift) at va into the tree at root (reached at
 * root): -EEXIST if a leaf is there or a larger one covers va, -EAGAIN if
 * a table is where a large leaf should go (the caller maps smaller),
 * -ENOMEM.
 */
int pt_map(const struct pt_fmt *f, const struct pt_mem *m, uint64_t root, unsigned levels,
	   uint64_t va, uint64_t out, unsigned shift, uint64_t leaf);
/*
 * Clear the leaf covering va (the range [va, end) must cover all of it),
 * or with m->free_table the largest table [va, end) covers: the size
 * shift cleared, 0 if nothing is mapped, -1 if it would need a split.
 */
int pt_unmap(const struct pt_fmt *f, const struct pt_mem *m, uint64_t root, unsigned levels,
	     uint64_t va, uint64_t end);

/*
 * Map [va, va + size) to out with the largest leaves that fit: 1 GiB if
 * big_1g, 2 MiB if big_2m, 4 KiB otherwise or where a table is already
 * in the way. 0; -EEXIST with *at the address already mapped; -ENOMEM;
 * or leaf_target's error.
 */
int pt_map_range(const struct pt_fmt *f, const struct pt_mem *m, uint64_t root,
		 unsigned levels, uint64_t va, uint64_t out, uint64_t size, uint64_t leaf,
		 bool big_2m, bool big_1g, uint64_t *at);
/* Unmap [va, va + size): 0, or -1 if a large leaf would have to be split. */
int pt_unmap_range(const struct pt_fmt *f, const struct pt_mem *m, uint64_t root,
		   unsigned levels, uint64_t va, uint64_t size);

/*
 * The same with the simulator's messages, -1 with err: a map onto what is
 * mapped names the address and address space as; any other map failure
 * says no_table, the caller's reason a table could not be made.
 */
int pt_map_range_err(const struct pt_fmt *f, const struct pt_mem *m, uint64_t root,
		     unsigned levels, uint64_t va, uint64_t out, uint64_t size, uint64_t leaf,
		     bool big_2m, bool big_1g, uint32_t as, const char *no_table,
		     struct sim_err *err);
int pt_unmap_range_err(const struct pt_fmt *f, const struct pt_mem *m, uint64_t root,
		       unsigned levels, uint64_t va, uint64_t size, struct sim_err *err);

#endif /* SIM_PT_FORMAT_H */
