// SPDX-License-Identifier: GPL-2.0-only
/*
 * The nesting uAPI's rules (uapi/iommusim_smmuv3.h): what the driver and
 * the iommufd core refuse, with the errnos of the later upstream driver.
 */
#include <errno.h>
#include <string.h>

#include "sdrv_vm.h"
#include "simtest.h"

TEST(SimsmmuUapi, MalformedGuestSte)
{
	struct vm vm;
	uint32_t id;
	uint64_t s1 = 0;
	struct {
		struct iommu_hwpt_arm_smmuv3 ste;
		uint64_t tail;
	} big;

	vm_up(&vm, sdrv_hw(), 0);
	ASSERT_TRUE(vm.ok);
	s1 = guest_ste0_s1(&vm.g, VM_CD_PAGE);
	/* Only abort, bypass and stage-1 translate configurations */
	EXPECT_ERRNO(sdrv_nested_alloc(vm.fd, vm.devid, vm.s2, G_STE0_V | G_STE0_CFG(G_CFG_S2),
				       0, &id), EIO);
	EXPECT_ERRNO(sdrv_nested_alloc(vm.fd, vm.devid, vm.s2,
				       G_STE0_V | G_STE0_CFG(G_CFG_NESTED), 0, &id), EIO);
	EXPECT_ERRNO(sdrv_nested_alloc(vm.fd, vm.devid, vm.s2, G_STE0_V | G_STE0_CFG(1), 0, &id),
		     EIO);
	/* Word 0: bits 52-58 are no stage-1 field */
	EXPECT_ERRNO(sdrv_nested_alloc(vm.fd, vm.devid, vm.s2, s1 | (1ULL << 55), 0, &id), EIO);
	/* Word 1: STRW, SHCFG, MEV... are the host's */
	EXPECT_ERRNO(sdrv_nested_alloc(vm.fd, vm.devid, vm.s2, s1, 1ULL << 30, &id), EIO);
	EXPECT_ERRNO(sdrv_nested_alloc(vm.fd, vm.devid, vm.s2, s1, 1ULL << 44, &id), EIO);
	EXPECT_ERRNO(sdrv_nested_alloc(vm.fd, vm.devid, vm.s2, s1, 1ULL << 19, &id), EIO);
	/* EATS: abort or full ATS only (S1CHK is a stage-2 matter) */
	EXPECT_ERRNO(sdrv_nested_alloc(vm.fd, vm.devid, vm.s2, s1, 2ULL << 28, &id), EIO);
	EXPECT_OK(sdrv_nested_alloc(vm.fd, vm.devid, vm.s2, s1, 1ULL << 28, &id));
	EXPECT_OK(iut_destroy(vm.fd, id));
	/* The allowed stage-1 fields pass: S1CIR/COR/CSH, S1STALLD, S1DSS */
	EXPECT_OK(sdrv_nested_alloc(vm.fd, vm.devid, vm.s2, s1,
				    (1ULL << 2) | (1ULL << 4) | (3ULL << 6) | (1ULL << 27) | 1, &id));
	EXPECT_OK(iut_destroy(vm.fd, id));
	/* The data type must be this driver's; the size at least ste[2] */
	EXPECT_ERRNO(iut_hwpt_alloc(vm.fd, vm.devid, vm.s2, 0, 0, IOMMU_HWPT_DATA_VTD_S1,
				    &big.ste, sizeof(big.ste), &id), EINVAL);
	big.ste.ste[0] = s1;
	big.ste.ste[1] = 0;
	EXPECT_ERRNO(iut_hwpt_alloc(vm.fd, vm.devid, vm.s2, 0, 0, IOMMU_HWPT_DATA_ARM_SMMUV3,
				    &big.ste, 8, &id), EINVAL);
	/* 6.12's iommu_copy_struct_from_user takes no longer structure */
	big.tail = 0;
	EXPECT_ERRNO(iut_hwpt_alloc(vm.fd, vm.devid, vm.s2, 0, 0, IOMMU_HWPT_DATA_ARM_SMMUV3,
				    &big, sizeof(big), &id), EINVAL);
	/* Flags on a nested allocation: refused by the core */
	EXPECT_ERRNO(iut_hwpt_alloc(vm.fd, vm.devid, vm.s2, IOMMU_HWPT_ALLOC_NEST_PARENT, 0,
				    IOMMU_HWPT_DATA_ARM_SMMUV3, &big.ste, sizeof(big.ste), &id),
		     EOPNOTSUPP);
	/* Paging HWPTs take no driver data */
	EXPECT_ERRNO(iut_hwpt_alloc(vm.fd, vm.devid, vm.ioas, 0, 0, IOMMU_HWPT_DATA_ARM_SMMUV3,
				    &big.ste, sizeof(big.ste), &id), EOPNOTSUPP);
	vm_down(&vm);
}

TEST(SimsmmuUapi, ParentMustBeOurNestParent)
{
	struct vm vm;
	uint32_t s1, mock_ioas, mock_stdev, mock_hwpt, mock_idev, mock_parent, id;

	vm_up(&vm, sdrv_hw(), 1);
	ASSERT_TRUE(vm.ok);
	/* A stage-1 paging HWPT is no nest parent: the core says EINVAL */
	ASSERT_OK(iut_hwpt_alloc(vm.fd, vm.devid, vm.ioas, 0, 0, 0, NULL, 0, &s1));
	EXPECT_ERRNO(sdrv_nested_alloc(vm.fd, vm.devid, s1, guest_ste0_s1(&vm.g, VM_CD_PAGE), 0,
				       &id), EINVAL);
	/* A nest parent of another driver (the kernel's mock IOMMU) */
	ASSERT_OK(iut_ioas_alloc(vm.fd, &mock_ioas));
	ASSERT_OK(iut_mock_domain(vm.fd, mock_ioas, 0, &mock_stdev, &mock_hwpt, &mock_idev));
	ASSERT_OK(iut_hwpt_alloc_parent(vm.fd, mock_idev, mock_ioas, &mock_parent));
	EXPECT_ERRNO(sdrv_nested_alloc(vm.fd, vm.devid, mock_parent,
				       guest_ste0_s1(&vm.g, VM_CD_PAGE), 0, &id), EINVAL);
	/* ...and ours cannot take a mock nested domain's data either */
	EXPECT_ERRNO(iut_hwpt_alloc_nested(vm.fd, vm.devid, vm.s2, 0, 0, &id), EINVAL);
	iut_destroy(vm.fd, mock_stdev);
	vm_down(&vm);
}

TEST(SimsmmuUapi, GuestCommandsAreFiltered)
{
	struct vm vm, vm2;
	uint64_t cmds[3][2];
	uint32_t num, v = 0x31415926;
	struct iommu_hwpt_invalidate inv = { .size = sizeof(inv) };
	struct {
		uint64_t cmd[2];
		uint64_t tail;
	} wide[1] = { { { G_OP_TLBI_NH_ALL, 0 }, 0 } };

	vm_up(&vm, sdrv_hw(), 2);
	ASSERT_TRUE(vm.ok);
	vm_up(&vm2, sdrv_hw(), 3);
	ASSERT_TRUE(vm2.ok);
	/* Every forbidden opcode: EIO, nothing processed */
	{
		static const uint64_t bad_ops[] = { G_OP_CFGI_STE, G_OP_TLBI_S12_VMALL,
						    G_OP_TLBI_S2_IPA, G_OP_CMD_SYNC, 0x01, 0x44,
						    0x20, 0xff };

		for (unsigned int i = 0; i < sizeof(bad_ops) / sizeof(bad_ops[0]); i++) {
			memset(cmds, 0, sizeof(cmds));
			cmds[0][0] = bad_ops[i];
			num = 1;
			EXPECT_ERRNO(sdrv_invalidate(vm.fd, vm.nested,
						     (const uint64_t (*)[2])cmds, &num), EIO);
			EXPECT_EQ(num, 0);
		}
	}
	/* A CFGI_CD naming a device not attached to this HWPT (vm2's) */
	memset(cmds, 0, sizeof(cmds));
	cmds[0][0] = G_OP_CFGI_CD | ((uint64_t)vm.hw->sid[3] << 32);
	num = 1;
	EXPECT_ERRNO(sdrv_invalidate(vm.fd, vm.nested, (const uint64_t (*)[2])cmds, &num), EIO);
	EXPECT_EQ(num, 0);
	/* A batch stops at the first refused command; the ones before it ran */
	ASSERT_OK(sdrv_dma(vm.hw, 2, VM_VA, &v, 4, true));
	guest_map(&vm.g, VM_ROOT, VM_VA, VM_DATA + 3);
	g_cmd_tlbi_va(VM_ASID, VM_VA, cmds[0]);
	cmds[1][0] = G_OP_CFGI_STE | ((uint64_t)vm.hw->sid[2] << 32);
	cmds[1][1] = 0;
	cmds[2][0] = G_OP_TLBI_NH_ALL;
	cmds[2][1] = 0;
	num = 3;
	EXPECT_ERRNO(sdrv_invalidate(vm.fd, vm.nested, (const uint64_t (*)[2])cmds, &num), EIO);
	EXPECT_EQ(num, 1);
	ASSERT_OK(sdrv_dma(vm.hw, 2, VM_VA + 4, &v, 4, true));
	EXPECT_MEMEQ(vm.g.ram + (VM_DATA + 3) * 4096 + 4, &v, 4);
	/* The allowed set, all at once */
	memset(cmds, 0, sizeof(cmds));
	cmds[0][0] = G_OP_TLBI_NH_ASID | ((uint64_t)VM_ASID << 48);
	cmds[1][0] = G_OP_TLBI_NSNH_ALL;
	cmds[2][0] = G_OP_CFGI_CD_ALL | ((uint64_t)vm.hw->sid[2] << 32);
	num = 3;
	EXPECT_OK(sdrv_invalidate(vm.fd, vm.nested, (const uint64_t (*)[2])cmds, &num));
	EXPECT_EQ(num, 3);
	/* Wrong data type, short or dirty-tailed entries, zero entries */
	inv.hwpt_id = vm.nested;
	inv.data_uptr = (uintptr_t)cmds;
	inv.data_type = IOMMU_HWPT_INVALIDATE_DATA_VTD_S1;
	inv.entry_len = 16;
	inv.entry_num = 1;
	EXPECT_ERRNO(iommusim_ioctl(vm.fd, IOMMU_HWPT_INVALIDATE, &inv), EINVAL);
	EXPECT_EQ(inv.entry_num, 0);
	inv.data_type = IOMMU_HWPT_INVALIDATE_DATA_ARM_SMMUV3;
	inv.entry_len = 8;
	inv.entry_num = 1;
	EXPECT_ERRNO(iommusim_ioctl(vm.fd, IOMMU_HWPT_INVALIDATE, &inv), EINVAL);
	EXPECT_EQ(inv.entry_num, 0);
	inv.data_uptr = (uintptr_t)wide;
	inv.entry_len = sizeof(wide[0]);
	inv.entry_num = 1;
	EXPECT_ERRNO(iommusim_ioctl(vm.fd, IOMMU_HWPT_INVALIDATE, &inv), EINVAL);
	EXPECT_EQ(inv.entry_num, 0);
	inv.data_uptr = (uintptr_t)cmds;
	inv.entry_len = 16;
	inv.entry_num = 0;
	EXPECT_OK(iommusim_ioctl(vm.fd, IOMMU_HWPT_INVALIDATE, &inv));
	EXPECT_EQ(inv.entry_num, 0);
	/* Invalidation goes to nested HWPTs only (no such nested object) */
	num = 1;
	EXPECT_ERRNO(sdrv_invalidate(vm.fd, vm.s2, (const uint64_t (*)[2])cmds, &num), ENOENT);
	vm_down(&vm2);
	vm_down(&vm);
}

TEST(SimsmmuUapi, DomainsStayOnTheirSmmu)
{
	const struct iommusim_hw_info *other = sdrv_hw_nocache();
	struct vm vm;
	int dev2;
	uint32_t devid2, id, pt = 0;

	vm_up(&vm, sdrv_hw(), 5);
	ASSERT_TRUE(vm.ok);
	dev2 = sdrv_dev_open(other, 1);
	ASSERT_GE(dev2, 0);
	ASSERT_OK(sdrv_bind(dev2, vm.fd, &devid2));
	/* A HWPT of one SMMU instance cannot be attached behind another */
	EXPECT_ERRNO(sdrv_attach(dev2, vm.s2, NULL), EINVAL);
	EXPECT_ERRNO(sdrv_attach(dev2, vm.nested, NULL), EINVAL);
	/* Nor be the parent of the other's nested HWPT */
	EXPECT_ERRNO(sdrv_nested_alloc(vm.fd, devid2, vm.s2, G_STE0_V, 0, &id), EINVAL);
	/* Attaching to the IOAS gets the other device its own domain */
	EXPECT_OK(sdrv_attach(dev2, vm.ioas, &pt));
	EXPECT_NE(pt, vm.s2);
	iommusim_close(dev2);
	vm_down(&vm);
}

TEST(SimsmmuUapi, UnreadableEntryStopsTheBatch)
{
	struct vm vm;
	uint8_t *two = iut_buffer(2 * 4096);
	uint64_t (*cmds)[2];
	uint32_t num = 3;

	vm_up(&vm, sdrv_hw(), 6);
	ASSERT_TRUE(vm.ok);
	ASSERT_TRUE(two != NULL);
	/* Entries 0 and 1 at the end of a page, entry 2 in an unmapped page */
	iut_buffer_free(two + 4096, 4096);
	cmds = (uint64_t (*)[2])(two + 4096 - 32);
	cmds[0][0] = G_OP_TLBI_NH_ASID | ((uint64_t)VM_ASID << 48);
	cmds[0][1] = 0;
	cmds[1][0] = G_OP_TLBI_NH_ALL;
	cmds[1][1] = 0;
	EXPECT_ERRNO(sdrv_invalidate(vm.fd, vm.nested, (const uint64_t (*)[2])cmds, &num),
		     EFAULT);
	EXPECT_EQ(num, 2);
	vm_down(&vm);
	iut_buffer_free(two, 4096);
}
