// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VMM path end to end: device DMA through the guest's stage 1 (in
 * guest RAM) and the host's stage 2 lands in the user's buffer, and the
 * caches stay stale until the guest's invalidation commands reach the
 * SMMU through IOMMU_HWPT_INVALIDATE.
 */
#include <errno.h>
#include <string.h>

#include "sdrv_vm.h"
#include "simtest.h"

TEST(SimsmmuNested, DmaLandsInGuestRam)
{
	struct vm vm;
	uint32_t v = 0xc0ffee11, r = 0;
	uint8_t *page = NULL;

	vm_up(&vm, sdrv_hw(), 0);
	ASSERT_TRUE(vm.ok);
	page = vm.g.ram + VM_DATA * 4096;
	ASSERT_OK(sdrv_dma(vm.hw, 0, VM_VA + 0x124, &v, sizeof(v), true));
	EXPECT_MEMEQ(page + 0x124, &v, sizeof(v));
	/* Nothing else in guest RAM changed around it */
	EXPECT_EQ(page[0x123], 0);
	EXPECT_EQ(page[0x128], 0);
	/* A read sees what the CPU wrote into the buffer */
	memcpy(page + 0x800, "GUEST!", 6);
	ASSERT_OK(sdrv_dma(vm.hw, 0, VM_VA + 0x800, &r, 4, false));
	EXPECT_MEMEQ(&r, "GUES", 4);
	/* An address the guest did not map faults (stage-1 translation fault) */
	{
		struct xlate_res res = sdrv_xlate(vm.hw, 0, VM_VA + 0x1000, false);

		EXPECT_EQ(res.status, XLATE_FAULT);
		EXPECT_EQ(res.fault_code, 0x10);        /* F_TRANSLATION */
	}
	vm_down(&vm);
}

TEST(SimsmmuNested, StaleTlbUntilGuestTlbi)
{
	struct vm vm;
	uint64_t cmd[1][2];
	uint32_t num, v1 = 0x11111111, v2 = 0x22222222;

	vm_up(&vm, sdrv_hw(), 1);
	ASSERT_TRUE(vm.ok);
	ASSERT_OK(sdrv_dma(vm.hw, 1, VM_VA, &v1, 4, true));
	EXPECT_MEMEQ(vm.g.ram + VM_DATA * 4096, &v1, 4);
	/* The guest remaps the page in its RAM: the SMMU keeps the old one */
	guest_map(&vm.g, VM_ROOT, VM_VA, VM_DATA + 1);
	ASSERT_OK(sdrv_dma(vm.hw, 1, VM_VA + 4, &v2, 4, true));
	EXPECT_MEMEQ(vm.g.ram + VM_DATA * 4096 + 4, &v2, 4);
	EXPECT_EQ(*(uint32_t *)(vm.g.ram + (VM_DATA + 1) * 4096 + 4), 0);
	/* TLBI_NH_VA with the guest's ASID (its VMID field is the host's) */
	g_cmd_tlbi_va(VM_ASID, VM_VA, cmd[0]);
	cmd[0][0] |= 0xabcdULL << 32;   /* a guest VMID: replaced by the driver */
	num = 1;
	ASSERT_OK(sdrv_invalidate(vm.fd, vm.nested, (const uint64_t (*)[2])cmd, &num));
	EXPECT_EQ(num, 1);
	ASSERT_OK(sdrv_dma(vm.hw, 1, VM_VA + 8, &v2, 4, true));
	EXPECT_MEMEQ(vm.g.ram + (VM_DATA + 1) * 4096 + 8, &v2, 4);
	EXPECT_EQ(*(uint32_t *)(vm.g.ram + VM_DATA * 4096 + 8), 0);
	vm_down(&vm);
}

TEST(SimsmmuNested, StaleCdUntilCfgiCd)
{
	struct vm vm;
	uint64_t cmd[2][2] = { { 0 } };
	uint32_t num, v = 0x5a5a5a5a;
	unsigned int root2;

	vm_up(&vm, sdrv_hw(), 2);
	ASSERT_TRUE(vm.ok);
	ASSERT_OK(sdrv_dma(vm.hw, 2, VM_VA, &v, 4, true));
	/* A second address space (new tables, new ASID) in the same CD slot */
	root2 = vm.g.next_table++;
	guest_map(&vm.g, root2, VM_VA, VM_DATA + 2);
	guest_cd(&vm.g, VM_CD_PAGE, VM_ASID + 1, root2);
	ASSERT_OK(sdrv_dma(vm.hw, 2, VM_VA + 16, &v, 4, true));
	EXPECT_MEMEQ(vm.g.ram + VM_DATA * 4096 + 16, &v, 4);    /* cached CD */
	/* CFGI_CD names the device by its StreamID; CFGI_CD_ALL too */
	cmd[0][0] = G_OP_CFGI_CD | ((uint64_t)vm.hw->sid[2] << 32);
	cmd[1][0] = G_OP_CFGI_CD_ALL | ((uint64_t)vm.hw->sid[2] << 32);
	num = 2;
	ASSERT_OK(sdrv_invalidate(vm.fd, vm.nested, (const uint64_t (*)[2])cmd, &num));
	EXPECT_EQ(num, 2);
	ASSERT_OK(sdrv_dma(vm.hw, 2, VM_VA + 20, &v, 4, true));
	EXPECT_MEMEQ(vm.g.ram + (VM_DATA + 2) * 4096 + 20, &v, 4);
	vm_down(&vm);
}

TEST(SimsmmuNested, Stage2UnmapIsFreshAtOnce)
{
	struct vm vm;
	uint32_t v = 0x77777777;
	struct xlate_res res;
	uint8_t *other;
	uint64_t unmapped = 0;

	vm_up(&vm, sdrv_hw(), 3);
	ASSERT_TRUE(vm.ok);
	ASSERT_OK(sdrv_dma(vm.hw, 3, VM_VA, &v, 4, true));
	res = sdrv_xlate(vm.hw, 3, VM_VA, true);
	EXPECT_TRUE(res.tlb_hit);       /* the translation is cached... */
	/* ...and IOAS_UNMAP of its IPA invalidates it (TLBI_S2_IPA + NH_ALL) */
	ASSERT_OK(iut_ioas_unmap(vm.fd, vm.ioas, guest_pa(&vm.g, VM_DATA), 4096, &unmapped));
	EXPECT_EQ(unmapped, 4096);
	res = sdrv_xlate(vm.hw, 3, VM_VA, true);
	EXPECT_EQ(res.status, XLATE_FAULT);
	EXPECT_EQ(res.fault_code, 0x10);        /* F_TRANSLATION at stage 2 */
	/* Other memory put at that IPA is what the device reaches now */
	other = iut_buffer(4096);
	ASSERT_OK(iut_ioas_map_fixed(vm.fd, vm.ioas, other, 4096, guest_pa(&vm.g, VM_DATA)));
	ASSERT_OK(sdrv_dma(vm.hw, 3, VM_VA + 0x40, &v, 4, true));
	EXPECT_MEMEQ(other + 0x40, &v, 4);
	EXPECT_EQ(*(uint32_t *)(vm.g.ram + VM_DATA * 4096 + 0x40), 0);
	vm_down(&vm);
	iut_buffer_free(other, 4096);
}

TEST(SimsmmuNested, GuestBypassAndAbortStes)
{
	struct vm vm;
	uint32_t bypass, abrt, v = 0x13572468;
	struct xlate_res res;

	vm_up(&vm, sdrv_hw(), 4);
	ASSERT_TRUE(vm.ok);
	/* Guest bypass: the device's addresses are IPAs, stage 2 only */
	ASSERT_OK(sdrv_nested_alloc(vm.fd, vm.devid, vm.s2, G_STE0_V | G_STE0_CFG(G_CFG_BYPASS),
				    0, &bypass));
	ASSERT_OK(sdrv_attach(vm.dev, bypass, NULL));
	ASSERT_OK(sdrv_dma(vm.hw, 4, guest_pa(&vm.g, 5) + 12, &v, 4, true));
	EXPECT_MEMEQ(vm.g.ram + 5 * 4096 + 12, &v, 4);
	/* Guest abort, and an invalid guest STE (taken as abort) */
	ASSERT_OK(sdrv_nested_alloc(vm.fd, vm.devid, vm.s2, G_STE0_V | G_STE0_CFG(G_CFG_ABORT),
				    0, &abrt));
	ASSERT_OK(sdrv_attach(vm.dev, abrt, NULL));
	res = sdrv_xlate(vm.hw, 4, guest_pa(&vm.g, 5), false);
	EXPECT_EQ(res.status, XLATE_FAULT);
	EXPECT_EQ(res.fault_code, 0);           /* terminated, no event */
	ASSERT_OK(iut_destroy(vm.fd, bypass));
	ASSERT_OK(sdrv_nested_alloc(vm.fd, vm.devid, vm.s2, 0xfff0, 0xffff, &bypass));
	ASSERT_OK(sdrv_attach(vm.dev, bypass, NULL));
	res = sdrv_xlate(vm.hw, 4, guest_pa(&vm.g, 5), false);
	EXPECT_EQ(res.status, XLATE_FAULT);
	EXPECT_EQ(res.fault_code, 0);
	vm_down(&vm);
}
