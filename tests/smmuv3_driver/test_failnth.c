// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every allocation and user copy on the VMM path fails once in turn
 * (fail-nth): each failure must unwind cleanly (no WARN, no leak, no
 * ASan report), and the path must still work afterwards.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sdrv_vm.h"
#include "simtest.h"

/* The VMM path without assertions: 0 when every step and the DMA worked. */
static int vmm_path(const struct iommusim_hw_info *hw, unsigned int dev_i, struct guest *g)
{
	int fd = -1, dev = -1, rc = -1;
	uint32_t devid, ioas, s2, nested, num = 1, v = 0xabad1dea;
	uint64_t cmd[1][2];

	fd = iut_open();
	if (fd < 0)
		goto out;
	dev = sdrv_dev_open(hw, dev_i);
	if (dev < 0 || sdrv_bind(dev, fd, &devid) || iut_ioas_alloc(fd, &ioas) ||
	    iut_ioas_map_fixed(fd, ioas, g->ram, g->len, VM_GPA) ||
	    iut_hwpt_alloc_parent(fd, devid, ioas, &s2) ||
	    sdrv_nested_alloc(fd, devid, s2, guest_ste0_s1(g, VM_CD_PAGE), 0, &nested) ||
	    sdrv_attach(dev, nested, NULL))
		goto out;
	g_cmd_tlbi_va(VM_ASID, VM_VA, cmd[0]);
	if (sdrv_invalidate(fd, nested, (const uint64_t (*)[2])cmd, &num) || num != 1)
		goto out;
	if (sdrv_dma(hw, dev_i, VM_VA + 0x20, &v, 4, true))
		goto out;
	rc = memcmp(g->ram + VM_DATA * 4096 + 0x20, &v, 4) ? -1 : 0;
out:
	if (dev >= 0)
		iommusim_close(dev);
	if (fd >= 0)
		iommusim_close(fd);
	return rc;
}

TEST(SimsmmuFailNth, VmmPathUnwindsEveryFailure)
{
	const struct iommusim_hw_info *hw = sdrv_hw();
	struct guest g;
	unsigned int n, failed_runs = 0;
	bool completed = false;

	guest_init(&g, VM_PAGES, VM_GPA, VM_ROOT + 1);
	guest_map(&g, VM_ROOT, VM_VA, VM_DATA);
	guest_cd(&g, VM_CD_PAGE, VM_ASID, VM_ROOT);
	for (n = 1; n < 2000 && !completed; n++) {
		int rc;

		memset(g.ram + VM_DATA * 4096, 0, 4096);
		iommusim_fail_nth_set(n);
		rc = vmm_path(hw, 4, &g);
		/* A countdown still running: no injection site failed */
		completed = iommusim_fail_nth_get() != 0;
		iommusim_fail_nth_set(0);
		if (completed)
			EXPECT_EQ(rc, 0);
		else if (rc)
			failed_runs++;
	}
	if (getenv("SDRV_VERBOSE"))
		printf("fail-nth: %u runs, %u failed\n", n - 1, failed_runs);
	EXPECT_TRUE(completed);
	EXPECT_GT(failed_runs, 10);     /* the injections did hit this path */
	/* And it works as before */
	memset(g.ram + VM_DATA * 4096, 0, 4096);
	EXPECT_EQ(vmm_path(hw, 4, &g), 0);
	guest_free(&g);
}
