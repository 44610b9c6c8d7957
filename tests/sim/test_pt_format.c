// SPDX-License-Identifier: GPL-2.0-only
/*
 * pt_format: the simulator's own page-table writer, on a small memory of
 * its own, in each format: leaf sizes, what each format writes, maps over
 * what is there, and unmaps that would split a leaf.
 */
#include <errno.h>
#include <string.h>

#include "pt_format.h"
#include "simtest.h"
#include "xlate.h"

#define TABLES 64

struct mem {
	uint64_t t[TABLES][512];
	unsigned used;
};

static uint64_t rd(void *ctx, uint64_t a)
{
	struct mem *m = ctx;

	return m->t[a >> 12][(a & 0xfff) / 8];
}

static void wr(void *ctx, uint64_t a, uint64_t v)
{
	struct mem *m = ctx;

	m->t[a >> 12][(a & 0xfff) / 8] = v;
}

static int new_table(void *ctx, uint64_t *entry, uint64_t *addr)
{
	struct mem *m = ctx;

	if (m->used == TABLES)
		return -ENOMEM;
	*entry = *addr = (uint64_t)m->used++ << 12;
	return 0;
}

static struct pt_mem mem_of(struct mem *m)
{
	memset(m, 0, sizeof(*m));
	m->used = 1;            /* table 0 is the root */
	return (struct pt_mem){ .ctx = m, .rd = rd, .wr = wr, .new_table = new_table };
}

/* The entry for va at level (1 = 4 KiB), following tables from the root. */
static uint64_t entry(struct mem *m, const struct pt_fmt *f, unsigned levels, uint64_t va,
		      unsigned level)
{
	uint64_t table = 0;

	for (unsigned l = levels; l > level; l--)
		table = rd(m, table + ((va >> (12 + 9 * (l - 1))) & 511) * 8) & f->addr;
	return rd(m, table + ((va >> (12 + 9 * (level - 1))) & 511) * 8);
}

TEST(PtFormat, LargestLeavesThatFit)
{
	static struct mem m;
	struct pt_mem pm = mem_of(&m);
	uint64_t at;

	/* 1 GiB + 2 MiB + 4 KiB, all aligned: one leaf of each size */
	ASSERT_EQ(pt_map_range(&pt_x86_fs, &pm, 0, 4, 1ULL << 30, 2ULL << 30,
			       (1ULL << 30) + (1ULL << 21) + 4096, pt_x86_fs_leaf(XLATE_READ),
			       true, true, &at), 0);
	EXPECT_EQ(entry(&m, &pt_x86_fs, 4, 1ULL << 30, 3),
		  (2ULL << 30) | pt_x86_fs_leaf(XLATE_READ) | PT_X86_PS);
	EXPECT_EQ(entry(&m, &pt_x86_fs, 4, (1ULL << 30) * 2, 2),
		  (3ULL << 30) | pt_x86_fs_leaf(XLATE_READ) | PT_X86_PS);
	EXPECT_EQ(entry(&m, &pt_x86_fs, 4, (2ULL << 30) + (1ULL << 21), 1),
		  ((3ULL << 30) + (1ULL << 21)) | pt_x86_fs_leaf(XLATE_READ));
	/* read-only: no RW; tables are P|RW|US|A */
	EXPECT_EQ(pt_x86_fs_leaf(XLATE_READ) & PT_X86_RW, 0);
	EXPECT_EQ(entry(&m, &pt_x86_fs, 4, 1ULL << 30, 4) & ~PT_X86_ADDR,
		  PT_X86_P | PT_X86_RW | PT_X86_US | PT_X86_A);
	/* without big leaves: 4 KiB pages only */
	ASSERT_EQ(pt_map_range(&pt_vtd_ss, &pm, 0, 4, 0x7000000000ULL, 0x200000, 1ULL << 21,
			       pt_vtd_ss_leaf(XLATE_READ | XLATE_WRITE), false, false, &at), 0);
	EXPECT_EQ(entry(&m, &pt_vtd_ss, 4, 0x7000000000ULL + 0x1ff000, 1),
		  0x3ff000 | PT_VTD_SS_R | PT_VTD_SS_W);
}

TEST(PtFormat, VmsaPagesAndBlocks)
{
	static struct mem m;
	struct pt_mem pm = mem_of(&m);
	uint64_t at;

	ASSERT_EQ(pt_map_range(&pt_vmsa, &pm, 0, 4, 0x200000, 0x40200000, (1ULL << 21) + 4096,
			       pt_vmsa_s2_leaf(XLATE_READ), true, true, &at), 0);
	/* a block at level 2 has no table bit; a level-3 page has it */
	EXPECT_EQ(entry(&m, &pt_vmsa, 4, 0x200000, 2), 0x40200000 | pt_vmsa_s2_leaf(XLATE_READ));
	EXPECT_EQ(entry(&m, &pt_vmsa, 4, 0x400000, 1),
		  0x40400000 | pt_vmsa_s2_leaf(XLATE_READ) | PT_VMSA_TABLE);
	EXPECT_NE(pt_vmsa_s2_leaf(XLATE_READ) & PT_VMSA_UXN, 0);
	EXPECT_EQ(pt_vmsa_s2_leaf(XLATE_READ | XLATE_EXEC) & PT_VMSA_UXN, 0);
	EXPECT_NE(pt_vmsa_s1_leaf(XLATE_READ) & PT_VMSA_AP2, 0);
	EXPECT_EQ(pt_vmsa_s1_leaf(XLATE_WRITE) & PT_VMSA_AP2, 0);
}

TEST(PtFormat, MapOverWhatIsThere)
{
	static struct mem m;
	struct pt_mem pm = mem_of(&m);
	uint64_t at = 0;

	ASSERT_EQ(pt_map_range(&pt_x86_fs, &pm, 0, 4, 0x203000, 0x5000, 4096,
			       pt_x86_fs_leaf(XLATE_READ), true, true, &at), 0);
	/* the same page again: already mapped, and where */
	EXPECT_EQ(pt_map_range(&pt_x86_fs, &pm, 0, 4, 0x200000, 0x600000, 1ULL << 21,
			       pt_x86_fs_leaf(XLATE_READ), false, false, &at), -EEXIST);
	EXPECT_EQ(at, 0x203000);
	/* 2 MiB where a table now is: mapped as pages around the one there */
	EXPECT_EQ(pt_map(&pt_x86_fs, &pm, 0, 4, 0x200000, 0x600000, 21,
			 pt_x86_fs_leaf(XLATE_READ)), -EAGAIN);
	/* under a 2 MiB leaf nothing smaller can go */
	ASSERT_EQ(pt_map(&pt_x86_fs, &pm, 0, 4, 0x400000, 0x800000, 21,
			 pt_x86_fs_leaf(XLATE_READ)), 0);
	EXPECT_EQ(pt_map(&pt_x86_fs, &pm, 0, 4, 0x401000, 0x9000, 12,
			 pt_x86_fs_leaf(XLATE_READ)), -EEXIST);
	/* unmap: a part of the 2 MiB leaf is refused, all of it is cleared */
	EXPECT_EQ(pt_unmap_range(&pt_x86_fs, &pm, 0, 4, 0x400000, 4096), -1);
	EXPECT_EQ(pt_unmap_range(&pt_x86_fs, &pm, 0, 4, 0x400000, 1ULL << 21), 0);
	EXPECT_EQ(entry(&m, &pt_x86_fs, 4, 0x400000, 2), 0);
	/* out of table memory */
	m.used = TABLES;
	EXPECT_EQ(pt_map(&pt_x86_fs, &pm, 0, 4, 1ULL << 40, 0, 12, pt_x86_fs_leaf(XLATE_READ)),
		  -ENOMEM);
}

/* free_table: the tables freed, in order (the hook pt_format calls). */
static uint64_t freed[8];
static unsigned nfreed;

static void free_table(void *ctx, uint64_t addr)
{
	if (nfreed < 8)
		freed[nfreed] = addr;
	nfreed++;
}

/*
 * With a free_table hook, an unmap that covers all a table maps frees the
 * table (and those below it), as Linux's page-table code does; a partial
 * unmap frees nothing. Without the hook the tables stay.
 */
TEST(PtFormat, UnmapFreesCoveredTables)
{
	static struct mem m;
	struct pt_mem pm = mem_of(&m);
	uint64_t at, leaf = pt_x86_fs_leaf(XLATE_READ), pde;

	/* 2 MiB of 4 KiB pages at 4 MiB: tables at levels 3, 2 and 1 */
	ASSERT_EQ(pt_map_range(&pt_x86_fs, &pm, 0, 4, 4ULL << 20, 0, 2ULL << 20, leaf, false,
			       false, &at), 0);
	pde = entry(&m, &pt_x86_fs, 4, 4ULL << 20, 2);
	pm.free_table = free_table;
	nfreed = 0;
	EXPECT_EQ(pt_unmap_range(&pt_x86_fs, &pm, 0, 4, 4ULL << 20, 4096), 0);
	EXPECT_EQ(nfreed, 0);
	EXPECT_EQ(entry(&m, &pt_x86_fs, 4, (4ULL << 20) + 4096, 1), 4096 | leaf);
	/* the rest of the 2 MiB: the level-1 table goes, its PDE is cleared */
	EXPECT_EQ(pt_unmap_range(&pt_x86_fs, &pm, 0, 4, 4ULL << 20, 2ULL << 20), 0);
	EXPECT_EQ(nfreed, 1);
	EXPECT_EQ(freed[0], pde & PT_X86_ADDR);
	EXPECT_EQ(entry(&m, &pt_x86_fs, 4, 4ULL << 20, 2), 0);
	/* 1 GiB covering a level-2 table with a level-1 table below: both */
	ASSERT_EQ(pt_map_range(&pt_x86_fs, &pm, 0, 4, 4ULL << 20, 0, 4096, leaf, false, false,
			       &at), 0);
	nfreed = 0;
	EXPECT_EQ(pt_unmap_range(&pt_x86_fs, &pm, 0, 4, 0, 1ULL << 30), 0);
	EXPECT_EQ(nfreed, 2);
	EXPECT_EQ(entry(&m, &pt_x86_fs, 4, 4ULL << 20, 3), 0);
}
