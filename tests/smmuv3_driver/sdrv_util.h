/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers for the simsmmu driver tests: SMMUv3 instances under the
 * kernel, VFIO cdev bind/attach, device DMA through the model into
 * simulated physical memory, and a guest that writes its own CD and
 * stage-1 tables into its RAM (independently of the driver's code).
 */
#ifndef TESTS_SMMUV3_DRIVER_SDRV_UTIL_H
#define TESTS_SMMUV3_DRIVER_SDRV_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iommufd_util.h"
#include "iommusim_hw.h"
#include "iommusim_pmem.h"
#include "iommu_model.h"
#include "pmem.h"
#include "simsmmu_test.h"
#include "uapi/iommusim_smmuv3.h"

/* The default ("full" preset) instance: 8 devices, StreamIDs from 0x20. */
const struct iommusim_hw_info *sdrv_hw(void);
/* An instance with every cache disabled: each request fetches STE, CD
 * and tables from memory (2 devices, StreamIDs from 0x100). */
const struct iommusim_hw_info *sdrv_hw_nocache(void);
/* The "s1only" preset: no stage 2, no HTTU (1 device, StreamID 0x200). */
const struct iommusim_hw_info *sdrv_hw_s1only(void);

int sdrv_dev_open(const struct iommusim_hw_info *hw, unsigned int i);
int sdrv_bind(int devfd, int iommufd, uint32_t *devid);
int sdrv_attach(int devfd, uint32_t pt_id, uint32_t *out_pt);
int sdrv_detach(int devfd);

/* A device request through the model (no memory access). */
struct xlate_res sdrv_xlate(const struct iommusim_hw_info *hw, unsigned int i, uint64_t iova,
			    bool write);
/* Device DMA: translate, then read/write pmem at the result; 0 or -1 (fault). */
int sdrv_dma(const struct iommusim_hw_info *hw, unsigned int i, uint64_t iova, void *buf,
	     size_t len, bool write);

/* IOMMU_HWPT_INVALIDATE with raw commands; *num in: count, out: processed. */
int sdrv_invalidate(int fd, uint32_t hwpt, const uint64_t (*cmds)[2], uint32_t *num);
int sdrv_nested_alloc(int fd, uint32_t devid, uint32_t parent, uint64_t ste0, uint64_t ste1,
		      uint32_t *out);

/* ---- The guest's view, written from the architecture (IHI 0070, Arm ARM) ---- */
#define G_STE0_V        (1ULL << 0)
#define G_STE0_CFG(c)   ((uint64_t)(c) << 1)
#define G_CFG_ABORT     0
#define G_CFG_BYPASS    4
#define G_CFG_S1        5
#define G_CFG_S2        6
#define G_CFG_NESTED    7

#define G_OP_CFGI_STE     0x03
#define G_OP_CFGI_CD      0x05
#define G_OP_CFGI_CD_ALL  0x06
#define G_OP_TLBI_NH_ALL  0x10
#define G_OP_TLBI_NH_ASID 0x11
#define G_OP_TLBI_NH_VA   0x12
#define G_OP_TLBI_S12_VMALL 0x28
#define G_OP_TLBI_S2_IPA  0x2a
#define G_OP_TLBI_NSNH_ALL 0x30
#define G_OP_CMD_SYNC     0x46

struct guest {
	uint8_t *ram;           /* the user buffer that is guest RAM */
	size_t len;
	uint64_t gpa;           /* its guest-physical (IPA) base */
	unsigned int next_table;/* next free page for tables */
};

void guest_init(struct guest *g, size_t pages, uint64_t gpa, unsigned int first_table_page);
void guest_free(struct guest *g);
static inline uint64_t guest_pa(const struct guest *g, unsigned int page)
{
	return g->gpa + (uint64_t)page * 4096;
}
/* Map 4 KiB va -> guest page data_page in the tree rooted at page root. */
void guest_map(struct guest *g, unsigned int root, uint64_t va, unsigned int data_page);
/* The level-3 descriptor of va in that tree. */
uint64_t *guest_pte(struct guest *g, unsigned int root, uint64_t va);
/* A stage-1 CD at page cd_page: 48-bit VA, 4 KiB granule, TTB0 = root. */
void guest_cd(struct guest *g, unsigned int cd_page, uint16_t asid, unsigned int root);
/* Guest STE word 0 for a stage-1 STE with one CD at cd_page. */
uint64_t guest_ste0_s1(const struct guest *g, unsigned int cd_page);

static inline uint64_t g_cmd_tlbi_va(uint16_t asid, uint64_t va, uint64_t out[2])
{
	out[0] = G_OP_TLBI_NH_VA | ((uint64_t)asid << 48);
	out[1] = (va & ~0xfffULL) | (1ULL << 10) /* TG 4K */ | 1 /* leaf */;
	return out[0];
}

#endif
