// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest garbage: random bytes in every table the model reads, random
 * register writes and random requests. The model must answer each
 * request with a result or an architectural fault, never crash or hang
 * (run under ASan/UBSan in the sanitizer build).
 */
#include "rng.h"
#include "simtest.h"
#include "vtd_tb.h"

static bool known_reason(uint32_t fr)
{
	return (fr >= 0x30 && fr <= 0x32) || (fr >= 0x38 && fr <= 0x3a) ||
	       (fr >= 0x40 && fr <= 0x48) || (fr >= 0x50 && fr <= 0x52) ||
	       (fr >= 0x58 && fr <= 0x5d) || (fr >= 0x70 && fr <= 0x7c) ||
	       (fr >= 0x80 && fr <= 0x87) || fr == 0x90;
}

/* Fill a page with entries that are mostly pointers into the table pool. */
static void garbage_page(struct tb *tb, struct rng *r, uint64_t pa, uint64_t pool,
			 unsigned pool_pages)
{
	for (unsigned i = 0; i < 512; i++) {
		uint64_t v = rng_next(r);

		switch (rng_below(r, 4)) {
		case 0:         /* a plausible pointer with random low flags */
			v = pool + rng_below(r, pool_pages) * 4096 + (v & 0xfff);
			break;
		case 1:
			v &= 0xfff;
			break;
		case 2:
			v = 0;
			break;
		default:
			break;  /* fully random */
		}
		tb_wr64(tb, pa + i * 8, v);
	}
}

TEST(VtdFuzz, GarbageTablesAndRegisters)
{
	static const uint64_t regs[] = {
		VTD_GCMD_REG, VTD_RTADDR_REG, VTD_CCMD_REG, VTD_FSTS_REG, VTD_FECTL_REG,
		VTD_IQT_REG, VTD_IQA_REG, VTD_ICS_REG, VTD_IECTL_REG, VTD_PQH_REG,
		VTD_PQA_REG, VTD_PRS_REG, VTD_PECTL_REG, VTD_IVA_REG(VTD_IRO_OFFSET),
		VTD_IOTLB_REG(VTD_IRO_OFFSET), VTD_FRO_OFFSET + 8, VTD_FRO_OFFSET + 12,
	};
	for (uint64_t seed = 1; seed <= 6; seed++) {
		struct tb tb;
		struct rng r;
		uint64_t pool;
		const unsigned pool_pages = 64;
		unsigned ok = 0, faults = 0;

		ASSERT_EQ(tb_init(&tb, NULL), 0);
		rng_seed(&r, seed, 0);
		pool = tb.next;
		for (unsigned i = 0; i < pool_pages; i++)
			tb_page(&tb);
		/* root table, queues and pool all garbage */
		garbage_page(&tb, &r, tb.root, pool, pool_pages);
		for (unsigned i = 0; i < pool_pages; i++)
			garbage_page(&tb, &r, pool + i * 4096ULL, pool, pool_pages);
		garbage_page(&tb, &r, tb.iq, pool, pool_pages);
		for (unsigned i = 0; i < 3000; i++) {
			struct xlate_req q = {
				.sid = (uint32_t)rng_below(&r, 0x10000),
				.pasid = (uint32_t)rng_below(&r, 1u << 20),
				.has_pasid = rng_below(&r, 2),
				.priv = rng_below(&r, 2),
				.ats_translated = rng_below(&r, 8) == 0,
				.pri = rng_below(&r, 2),
				.access = (uint8_t)(1 + rng_below(&r, 7)),
				.iova = rng_below(&r, 3) ? rng_next(&r) & 0xffffffffffULL : rng_next(&r),
				.len = 4,
				.t_issue = tb.now,
			};
			struct xlate_res res;

			if (rng_below(&r, 10) == 0) {
				uint64_t off = regs[rng_below(&r, sizeof(regs) / sizeof(regs[0]))];
				uint64_t val = rng_next(&r);

				/* keep pointers mostly inside the pool */
				if (off == VTD_RTADDR_REG || off == VTD_IQA_REG || off == VTD_PQA_REG)
					val = pool + rng_below(&r, pool_pages) * 4096 +
					      (val & 0xfff);
				tb_mmio_wr(&tb, off, val, rng_below(&r, 2) ? 8 : 4);
			}
			if (rng_below(&r, 50) == 0)
				tb_gcmd(&tb, VTD_GCMD_SRTP | VTD_GCMD_TE | VTD_GCMD_QIE, 0);
			res = tb_xlate_req(&tb, &q);
			if (res.status == XLATE_OK) {
				ok++;
			} else {
				faults++;
				/* 0: aborted with nothing recorded, remapping being
				 * off and the address beyond the address width */
				EXPECT_TRUE(known_reason(res.fault_code) ||
					    (res.fault_code == 0 &&
					     !(tb_mmio_rd(&tb, VTD_GSTS_REG, 4) & VTD_GSTS_TES)));
			}
			EXPECT_GE(res.t_done, q.t_issue);
		}
		EXPECT_EQ(ok + faults, 3000);
		/* every register can still be read */
		for (uint64_t off = 0; off < 0x300; off += 4)
			(void)tb_mmio_rd(&tb, off, 4);
		tb_fini(&tb);
	}
}

/*
 * Valid root/context/PASID structures over page tables that are then
 * corrupted a few entries at a time: the walkers meet garbage at every
 * level and stage.
 */
TEST(VtdFuzz, CorruptedPageTables)
{
	for (uint64_t seed = 1; seed <= 4; seed++) {
		struct tb tb;
		struct tb_pt fs, ss, fs2;
		struct rng r;
		uint64_t e[8], dir, first, last;
		unsigned walks_ok = 0, faults = 0;

		dir = tb_init_dev(&tb, NULL, 0x100, VTD_SM_CTX_PASIDE | VTD_SM_CTX_PRE |
				  VTD_SM_CTX_DTE, 0);
		ASSERT_NE(dir, 0);
		rng_seed(&r, seed, 1);
		first = tb.next;
		tb_pt_init(&tb, &ss, false, 4, NULL);
		tb_pt_init(&tb, &fs, true, 4, &ss);
		tb_pt_init(&tb, &fs2, true, 5, NULL);
		for (unsigned i = 0; i < 64; i++) {
			uint64_t va = i * 0x201000ULL;

			tb_map(&tb, &fs, va, (1ULL << 40) + i * 0x1000, 12,
			       VTD_FS_P | VTD_FS_RW | VTD_FS_US);
			tb_map(&tb, &ss, (1ULL << 40) + i * 0x1000, 0x100000 * i, 12,
			       VTD_SS_R | VTD_SS_W);
			tb_map(&tb, &fs2, va, 0x200000 * i, 21, VTD_FS_P | VTD_FS_RW | VTD_FS_US);
		}
		last = tb.next;
		tb_pe_nested(e, &fs, &ss, 1);
		e[0] |= VTD_PTE0_SSADE;
		e[2] |= VTD_PTE2_SRE | VTD_PTE2_EAFE;
		tb_pasid_entry(&tb, dir, 0, e);
		tb_pe_ss(e, &ss, 2);
		tb_pasid_entry(&tb, dir, 1, e);
		tb_pe_fs(e, &fs2, 3);
		tb_pasid_entry(&tb, dir, 2, e);
		for (unsigned i = 0; i < 4000; i++) {
			struct xlate_req q = {
				.sid = 0x100, .pasid = (uint32_t)rng_below(&r, 3),
				.has_pasid = true, .priv = rng_below(&r, 2),
				.pri = rng_below(&r, 2), .ats_translated = rng_below(&r, 8) == 0,
				.access = (uint8_t)(1 + rng_below(&r, 3)),
				.iova = rng_below(&r, 64) * 0x201000ULL + rng_below(&r, 4096),
				.len = 4, .t_issue = tb.now,
			};
			struct xlate_res res;

			if (rng_below(&r, 4) == 0) {
				/* corrupt one entry of one table page */
				uint64_t pg = first + rng_below(&r, (last - first) / 4096) * 4096;
				uint64_t v = rng_next(&r);

				if (rng_below(&r, 2))
					v = (first + rng_below(&r, (last - first) / 4096) * 4096) |
					    (v & 0xfff) | (v & (1ULL << 63));
				tb_wr64(&tb, pg + rng_below(&r, 512) * 8, v);
			}
			if (rng_below(&r, 20) == 0)
				tb_qi(&tb, VTD_INV_IOTLB | VTD_INV_IOTLB_G_GLOBAL << 4, 0);
			res = tb_xlate_req(&tb, &q);
			if (res.status == XLATE_OK)
				walks_ok += !res.tlb_hit;
			else
				faults += res.status == XLATE_FAULT;
			if (res.status == XLATE_FAULT)
				/* 0: aborted with nothing recorded, remapping being
				 * off and the address beyond the address width */
				EXPECT_TRUE(known_reason(res.fault_code) ||
					    (res.fault_code == 0 &&
					     !(tb_mmio_rd(&tb, VTD_GSTS_REG, 4) & VTD_GSTS_TES)));
		}
		/* both outcomes happen: the walkers really ran over garbage */
		EXPECT_GT(walks_ok, 100);
		EXPECT_GT(faults, 100);
		EXPECT_GT(vtd_get_counters(tb.m)->walks, 500);
		tb_fini(&tb);
	}
}
