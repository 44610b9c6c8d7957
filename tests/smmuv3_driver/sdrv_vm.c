// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <string.h>

#include "sdrv_vm.h"
#include "simtest.h"

void vm_up(struct vm *vm, const struct iommusim_hw_info *hw, unsigned int dev_i)
{
	memset(vm, 0, sizeof(*vm));
	vm->hw = hw;
	vm->dev_i = dev_i;
	vm->fd = iut_open();
	ASSERT_GE(vm->fd, 0);
	vm->dev = sdrv_dev_open(hw, dev_i);
	ASSERT_GE(vm->dev, 0);
	ASSERT_OK(sdrv_bind(vm->dev, vm->fd, &vm->devid));
	guest_init(&vm->g, VM_PAGES, VM_GPA, VM_ROOT + 1);
	ASSERT_TRUE(vm->g.ram != NULL);
	ASSERT_OK(iut_ioas_alloc(vm->fd, &vm->ioas));
	/* Three areas, so that the first data page can be unmapped on its own */
	ASSERT_OK(iut_ioas_map_fixed(vm->fd, vm->ioas, vm->g.ram, VM_DATA * 4096, VM_GPA));
	ASSERT_OK(iut_ioas_map_fixed(vm->fd, vm->ioas, vm->g.ram + VM_DATA * 4096, 4096,
				     guest_pa(&vm->g, VM_DATA)));
	ASSERT_OK(iut_ioas_map_fixed(vm->fd, vm->ioas, vm->g.ram + (VM_DATA + 1) * 4096,
				     vm->g.len - (VM_DATA + 1) * 4096,
				     guest_pa(&vm->g, VM_DATA + 1)));
	ASSERT_OK(iut_hwpt_alloc_parent(vm->fd, vm->devid, vm->ioas, &vm->s2));
	/* The guest programs its own CD and stage-1 tables in its RAM */
	guest_map(&vm->g, VM_ROOT, VM_VA, VM_DATA);
	guest_cd(&vm->g, VM_CD_PAGE, VM_ASID, VM_ROOT);
	ASSERT_OK(sdrv_nested_alloc(vm->fd, vm->devid, vm->s2,
				    guest_ste0_s1(&vm->g, VM_CD_PAGE), 0, &vm->nested));
	ASSERT_OK(sdrv_attach(vm->dev, vm->nested, NULL));
	vm->ok = true;
}

void vm_down(struct vm *vm)
{
	if (vm->dev >= 0)
		iommusim_close(vm->dev);
	if (vm->fd >= 0)
		iommusim_close(vm->fd);
	if (vm->g.ram)
		guest_free(&vm->g);
}
