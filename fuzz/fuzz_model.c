// SPDX-License-Identifier: GPL-2.0-only
/* The model harnesses' common part (fuzz_model.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "fuzz_model.h"
#include "smmu.h"
#include "smmu_regs.h"
#include "vtd.h"

uint8_t fm_u8(struct fm *f)
{
	if (!f->n)
		return 0;
	f->n--;
	return *f->p++;
}

uint16_t fm_u16(struct fm *f)
{
	return (uint16_t)(fm_u8(f) | fm_u8(f) << 8);
}

uint32_t fm_u32(struct fm *f)
{
	return fm_u16(f) | (uint32_t)fm_u16(f) << 16;
}

uint64_t fm_u64(struct fm *f)
{
	return fm_u32(f) | (uint64_t)fm_u32(f) << 32;
}

static void fm_irq(void *ctx, unsigned vector)
{
	((struct fm *)ctx)->irqs++;
}

int fm_init(struct fm *f, const uint8_t *data, size_t size)
{
	struct iommu_irq irq = { .raise = fm_irq, .ctx = f };
	uint8_t hdr;

	memset(f, 0, sizeof(*f));
	f->p = data;
	f->n = size;
	hdr = fm_u8(f);
	f->vtd = !(hdr & 1);
	f->pm = pmem_create();
	if (!f->pm)
		abort();
	/*
	 * Page aligned, between two inaccessible guard pages: a host access
	 * a model makes beyond guest RAM (through a pointer it got from
	 * pmem) faults at once instead of reading a neighbour's memory.
	 */
	f->guard = mmap(NULL, FM_RAM_SIZE + 2 * 4096, PROT_NONE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (f->guard == MAP_FAILED)
		abort();
	f->ram = f->guard + 4096;
	if (mprotect(f->ram, FM_RAM_SIZE, PROT_READ | PROT_WRITE) ||
	    pmem_map(f->pm, FM_RAM_PA, f->ram, FM_RAM_SIZE))
		abort();
	if (f->vtd) {
		struct vtd_config cfg;

		vtd_config_preset(&cfg, hdr & 2 ? VTD_PRESET_MINIMAL : VTD_PRESET_SPR);
		cfg.seed = 1;
		f->m = vtd_create(&cfg, f->pm, &irq);
		f->mmio_space = VTD_MMIO_SIZE;
	} else {
		struct smmu_config cfg;

		smmu_config_preset(&cfg, hdr & 2 ? "s1only" : "full");
		cfg.seed = 1;
		f->m = smmu_create(&cfg, f->pm, &irq);
		f->mmio_space = 0x20000;
	}
	if (!f->m) {
		fm_fini(f);
		return -1;
	}
	f->now = 1000;
	return 0;
}

void fm_fini(struct fm *f)
{
	/* the model first: it may hold pages of the memory */
	if (f->m)
		f->m->ops->destroy(f->m);
	pmem_destroy(f->pm);    /* NULL: nothing */
	if (f->guard && f->guard != MAP_FAILED)
		munmap(f->guard, FM_RAM_SIZE + 2 * 4096);
	*f = (struct fm){ 0 };
}

void fm_mmio_wr(struct fm *f, uint64_t off, uint64_t val, unsigned size)
{
	f->now += 100;
	f->m->ops->mmio_write(f->m, off, val, size, f->now);
}

uint64_t fm_mmio_rd(struct fm *f, uint64_t off, unsigned size)
{
	f->now += 100;
	return f->m->ops->mmio_read(f->m, off, size, f->now);
}

void fm_op_write64(struct fm *f)
{
	uint32_t word = fm_u16(f) % (FM_RAM_SIZE / 8);
	uint64_t v = fm_u64(f);

	memcpy(f->ram + 8ULL * word, &v, 8);
}

void fm_op_fill_page(struct fm *f)
{
	uint32_t page = fm_u8(f) % (FM_RAM_SIZE / 4096);
	uint64_t v = fm_u64(f), step = fm_u8(f);

	/* v, v + step << 12, ...: a page of entries pointing at successive pages */
	for (unsigned i = 0; i < 512; i++) {
		uint64_t e = v + (step << 12) * i;

		memcpy(f->ram + 4096ULL * page + 8 * i, &e, 8);
	}
}

/* Offsets: mostly inside the register file, sometimes anywhere. */
static uint64_t mmio_off(struct fm *f, unsigned *size)
{
	uint32_t raw = fm_u32(f);

	*size = raw & 1 ? 8 : 4;
	raw >>= 1;
	if (raw & 1)
		return raw >> 1;        /* unaligned, out of range: both must be ignored */
	return ((raw >> 1) % f->mmio_space) & ~(uint64_t)(*size - 1);
}

void fm_op_mmio_write(struct fm *f)
{
	unsigned size;
	uint64_t off = mmio_off(f, &size), v = fm_u64(f);

	fm_mmio_wr(f, off, size == 4 ? (uint32_t)v : v, size);
}

void fm_op_mmio_read(struct fm *f)
{
	unsigned size;
	uint64_t off = mmio_off(f, &size);
	uint64_t v = fm_mmio_rd(f, off, size);

	if (size == 4 && v >> 32) {
		fprintf(stderr, "fuzz: 32-bit read of 0x%llx returned 0x%llx\n",
			(unsigned long long)off, (unsigned long long)v);
		abort();
	}
}

void fm_op_translate(struct fm *f)
{
	struct xlate_req req = { 0 };
	struct xlate_res res;
	uint8_t fl = fm_u8(f);
	uint64_t room;

	req.sid = fm_u16(f);
	req.pasid = fm_u32(f) & 0xfffff;
	req.has_pasid = fl & 1;
	req.priv = fl & 2;
	req.ats_translated = fl & 4;
	req.pri = fl & 8;
	req.access = (fl >> 4) & 7;
	if (!req.access)
		req.access = XLATE_READ;
	req.iova = fm_u64(f);
	room = 4096 - (req.iova & 0xfff);
	req.len = (uint32_t)(1 + fm_u16(f) % room);     /* within one 4 KiB page */
	f->now += 10 + fm_u8(f) * 100ULL;
	req.t_issue = f->now;
	memset(&res, 0xa5, sizeof(res));
	f->m->ops->translate(f->m, &req, &res);
	if (res.status != XLATE_OK && res.status != XLATE_FAULT &&
	    res.status != XLATE_STALLED) {
		fprintf(stderr, "fuzz: translate status %d\n", (int)res.status);
		abort();
	}
	if (res.t_done < req.t_issue) {
		fprintf(stderr, "fuzz: completion before issue\n");
		abort();
	}
	if (res.status == XLATE_OK && (res.page_shift < 12 || res.page_shift > 52 ||
				       res.pa >> PMEM_PA_BITS)) {
		fprintf(stderr, "fuzz: translation to 0x%llx, page shift %u\n",
			(unsigned long long)res.pa, res.page_shift);
		abort();
	}
	/* A device waits for its answer: time moves on, as on the platform */
	if (res.t_done > f->now && res.t_done - f->now < 1000000000ULL)
		f->now = res.t_done;
}

static void ram_w64(struct fm *f, uint64_t pa, uint64_t v)
{
	uint64_t off = pa - FM_RAM_PA;      /* below FM_RAM_PA: wraps, too big */

	if (off <= FM_RAM_SIZE - 8)
		memcpy(f->ram + off, &v, 8);
}

static void vtd_gcmd(struct fm *f, uint32_t set)
{
	uint32_t keep = (uint32_t)fm_mmio_rd(f, VTD_GSTS_REG, 4) &
			(VTD_GCMD_TE | VTD_GCMD_QIE | VTD_GCMD_IRE | VTD_GCMD_CFI);

	fm_mmio_wr(f, VTD_GCMD_REG, keep | set, 4);
}

void fm_setup(struct fm *f, uint8_t hdr)
{
	if (hdr & 8)
		return;
	if (f->vtd) {
		uint64_t ttm = hdr & 4 ? VTD_TTM_LEGACY : VTD_TTM_SCALABLE;

		fm_mmio_wr(f, VTD_RTADDR_REG, FM_ROOT | ttm << VTD_RTADDR_TTM_SHIFT, 8);
		vtd_gcmd(f, VTD_GCMD_SRTP);
		fm_mmio_wr(f, VTD_IQT_REG, 0, 8);
		fm_mmio_wr(f, VTD_IQA_REG, FM_QUEUE | VTD_IQA_DW, 8);
		vtd_gcmd(f, VTD_GCMD_QIE);
		fm_mmio_wr(f, VTD_PQH_REG, 0, 8);
		fm_mmio_wr(f, VTD_PQT_REG, 0, 8);
		fm_mmio_wr(f, VTD_PQA_REG, FM_EVTQ, 8);
		vtd_gcmd(f, VTD_GCMD_TE);
	} else {
		if (hdr & 4) {
			/* two levels, SPLIT 6: 2^12 streams, L1 of 64 descriptors */
			fm_mmio_wr(f, SMMU_STRTAB_BASE_CFG, 1u << 16 | 6u << 6 | 12, 4);
		} else {
			fm_mmio_wr(f, SMMU_STRTAB_BASE_CFG, 6, 4);
		}
		fm_mmio_wr(f, SMMU_STRTAB_BASE, FM_ROOT, 8);
		fm_mmio_wr(f, SMMU_CMDQ_BASE, FM_QUEUE | 8, 8);     /* 2^8 x 16 B */
		fm_mmio_wr(f, SMMU_CMDQ_PROD, 0, 4);
		fm_mmio_wr(f, SMMU_CMDQ_CONS, 0, 4);
		fm_mmio_wr(f, SMMU_EVTQ_BASE, FM_EVTQ | 7, 8);      /* 2^7 x 32 B */
		fm_mmio_wr(f, SMMU_EVTQ_PROD, 0, 4);
		fm_mmio_wr(f, SMMU_EVTQ_CONS, 0, 4);
		fm_mmio_wr(f, 0x50 /* IRQ_CTRL */, 0x5, 4);
		fm_mmio_wr(f, SMMU_CR0, 0x8 | 0x4, 4);              /* CMDQEN | EVTQEN */
		fm_mmio_wr(f, SMMU_CR0, 0x8 | 0x4 | 0x1, 4);        /* | SMMUEN */
	}
}

/* Where the queue's tail slot is, from the registers (the guest may have moved it). */
static void queue_put(struct fm *f, const uint64_t *qw, unsigned nqw)
{
	if (f->vtd) {
		uint64_t iqa = fm_mmio_rd(f, VTD_IQA_REG, 8);
		uint64_t iqt = fm_mmio_rd(f, VTD_IQT_REG, 8);
		unsigned dsz = iqa & VTD_IQA_DW ? 32 : 16;
		uint64_t qsize = 4096ULL << (iqa & VTD_IQA_QS_MASK);
		uint64_t slot = iqt & 0x7fff0;  /* IQT[18:4]: the tail in 128-bit units */
		uint64_t base = iqa & VTD_IQA_IQA_MASK;

		for (unsigned i = 0; i < nqw && i < dsz / 8; i++)
			ram_w64(f, base + slot % qsize + 8 * i, qw[i]);
		fm_mmio_wr(f, VTD_IQT_REG, (slot + dsz) % qsize, 8);
	} else {
		uint64_t base = fm_mmio_rd(f, SMMU_CMDQ_BASE, 8);
		uint32_t prod = (uint32_t)fm_mmio_rd(f, SMMU_CMDQ_PROD, 4);
		unsigned log2 = base & 0x1f;
		uint32_t idx, wrap;

		if (log2 > 19)
			log2 = 19;
		idx = prod & ((1u << log2) - 1);
		wrap = prod & (1u << log2);
		base &= 0x000fffffffffffe0ULL;
		ram_w64(f, base + 16ULL * idx, qw[0]);
		ram_w64(f, base + 16ULL * idx + 8, nqw > 1 ? qw[1] : 0);
		idx++;
		if (idx >> log2)
			idx = 0, wrap ^= 1u << log2;
		fm_mmio_wr(f, SMMU_CMDQ_PROD, (prod & ~((2u << log2) - 1)) | wrap | idx, 4);
	}
}

void fm_op_invalidate_all(struct fm *f)
{
	if (f->vtd) {
		uint64_t cc[4] = { VTD_INV_CC | VTD_INV_CC_G_GLOBAL << VTD_INV_G_SHIFT };
		uint64_t pc[4] = { VTD_INV_PC | (uint64_t)VTD_INV_PC_G_GLOBAL << VTD_INV_G_SHIFT };
		uint64_t io[4] = { VTD_INV_IOTLB | VTD_INV_IOTLB_G_GLOBAL << VTD_INV_G_SHIFT |
				   VTD_INV_IOTLB_DR | VTD_INV_IOTLB_DW };

		queue_put(f, cc, 4);
		queue_put(f, pc, 4);
		queue_put(f, io, 4);
	} else {
		uint64_t cfgi[2] = { 0x04, 31 };        /* CFGI_STE_RANGE, Range 31: all */
		uint64_t tlbi[2] = { 0x30, 0 };         /* TLBI_NSNH_ALL */
		uint64_t sync[2] = { 0x46, 0 };         /* CMD_SYNC */

		queue_put(f, cfgi, 2);
		queue_put(f, tlbi, 2);
		queue_put(f, sync, 2);
	}
}

void fm_op_queue_desc(struct fm *f)
{
	uint64_t qw[4];

	for (int i = 0; i < 4; i++)
		qw[i] = fm_u64(f);
	queue_put(f, qw, 4);
}

void fm_op_drain(struct fm *f)
{
	if (f->vtd) {
		uint64_t cap = fm_mmio_rd(f, VTD_CAP_REG, 8);
		uint64_t fro = ((cap & VTD_CAP_FRO_MASK) >> VTD_CAP_FRO_SHIFT) * 16;
		unsigned nfr = (unsigned)((cap & VTD_CAP_NFR_MASK) >> VTD_CAP_NFR_SHIFT) + 1;

		for (unsigned i = 0; i < nfr && i < 8; i++)
			fm_mmio_wr(f, fro + 16ULL * i + 12, 0x80000000u, 4);   /* F: RW1C */
		fm_mmio_wr(f, VTD_FSTS_REG, 0xffffffffu, 4);
		fm_mmio_wr(f, VTD_PQH_REG, fm_mmio_rd(f, VTD_PQT_REG, 8), 8);
		fm_mmio_wr(f, VTD_PRS_REG, 0xffffffffu, 4);
	} else {
		fm_mmio_wr(f, SMMU_EVTQ_CONS, (uint32_t)fm_mmio_rd(f, SMMU_EVTQ_PROD, 4), 4);
		fm_mmio_wr(f, SMMU_GERRORN, (uint32_t)fm_mmio_rd(f, SMMU_GERROR, 4), 4);
	}
}

int fm_run(const uint8_t *data, size_t size, const fm_op_fn *ops, unsigned nops)
{
	struct fm f;
	unsigned n = 0;

	if (fm_init(&f, data, size))
		return 0;
	fm_setup(&f, size ? data[0] : 0);
	while (f.n && n++ < 4096)
		ops[fm_u8(&f) % nops](&f);
	fm_fini(&f);
	return 0;
}
