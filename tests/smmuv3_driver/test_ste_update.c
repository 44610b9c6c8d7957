// SPDX-License-Identifier: GPL-2.0-only
/*
 * A DMA in flight never sees a torn or ILLEGAL STE: on an SMMU without
 * configuration caches or TLB (every request fetches the STE, CD and
 * tables from memory), a device request is made after every 64-bit store
 * the driver makes to the live STE, through every kind of replace. Each
 * must reach the old domain's page, the new domain's page, or be
 * terminated by a legal abort STE (no event).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sdrv_vm.h"
#include "simtest.h"

#define X (VM_GPA + VM_DATA * 4096ULL)  /* the address the device uses */

struct watch {
	const struct iommusim_hw_info *hw;
	unsigned int dev_i;
	const void *allowed[2];
	unsigned int calls, aborts, bad;
	uint32_t bad_code;
};

static void ste_hook(void *ctx, uint32_t sid, unsigned int word, uint64_t value)
{
	struct watch *w = ctx;
	struct xlate_req req = { .sid = sid, .access = XLATE_WRITE, .iova = X + 0x10, .len = 4 };
	struct xlate_res res;
	const void *host;

	if (sid != w->hw->sid[w->dev_i])
		return;
	w->calls++;
	/* The model directly: this runs under the kernel lock */
	w->hw->model->ops->translate(w->hw->model, &req, &res);
	if (res.status == XLATE_FAULT && res.fault_code == 0) {
		w->aborts++;
		return;
	}
	host = res.status == XLATE_OK ? pmem_host(iommusim_pmem(), res.pa & ~0xfffULL) : NULL;
	if (host && (host == w->allowed[0] || host == w->allowed[1]))
		return;
	w->bad++;
	w->bad_code = res.fault_code;
}

static const void *steady(const struct watch *w)
{
	struct xlate_res res = sdrv_xlate(w->hw, w->dev_i, X + 0x10, true);

	return res.status == XLATE_OK ? pmem_host(iommusim_pmem(), res.pa & ~0xfffULL) : NULL;
}

TEST(SimsmmuSte, ReplaceNeverExposesATornSte)
{
	const struct iommusim_hw_info *hw = sdrv_hw_nocache();
	struct watch w = { .hw = hw, .dev_i = 0 };
	struct simsmmu_counters c0, c1;
	int fd = iut_open(), dev;
	uint32_t devid, ioas_a, ioas_b, ioas_g, a, b, p, n1, n2;
	uint8_t *buf_a = iut_buffer(4096), *buf_b = iut_buffer(4096);
	struct guest g;
	struct {
		uint32_t hwpt;
		const void *page;
		int breaks;     /* -1: not checked */
	} steps[9];
	unsigned int nsteps = 0;
	const void *cur = NULL;

	ASSERT_GE(fd, 0);
	dev = sdrv_dev_open(hw, 0);
	ASSERT_OK(sdrv_bind(dev, fd, &devid));
	guest_init(&g, VM_PAGES, VM_GPA, VM_ROOT + 1);
	ASSERT_OK(iut_ioas_alloc(fd, &ioas_a));
	ASSERT_OK(iut_ioas_alloc(fd, &ioas_b));
	ASSERT_OK(iut_ioas_alloc(fd, &ioas_g));
	ASSERT_OK(iut_ioas_map_fixed(fd, ioas_a, buf_a, 4096, X));
	ASSERT_OK(iut_ioas_map_fixed(fd, ioas_b, buf_b, 4096, X));
	ASSERT_OK(iut_ioas_map_fixed(fd, ioas_g, g.ram, g.len, VM_GPA));
	ASSERT_OK(iut_hwpt_alloc(fd, devid, ioas_a, 0, 0, 0, NULL, 0, &a));
	ASSERT_OK(iut_hwpt_alloc(fd, devid, ioas_b, 0, 0, 0, NULL, 0, &b));
	ASSERT_OK(iut_hwpt_alloc_parent(fd, devid, ioas_g, &p));
	guest_map(&g, VM_ROOT, X, VM_DATA + 1);
	guest_cd(&g, VM_CD_PAGE, 3, VM_ROOT);
	ASSERT_OK(sdrv_nested_alloc(fd, devid, p, guest_ste0_s1(&g, VM_CD_PAGE), 0, &n1));
	ASSERT_OK(sdrv_nested_alloc(fd, devid, p, G_STE0_V | G_STE0_CFG(G_CFG_BYPASS), 0, &n2));

	/*
	 * Expected STE sequences, from which STE words each configuration
	 * uses (IHI 0070 5.2): stage 1 -> stage 1 changes only
	 * S1ContextPtr (the driver alternates CD tables): one store. Stage
	 * 1 -> stage 2 changes words 0 and 2, both in use: a break.
	 */
#define STEP(h, pg, br) steps[nsteps++] = (typeof(steps[0])){ h, pg, br }
	STEP(a, buf_a, 0);
	STEP(b, buf_b, 0);
	STEP(p, g.ram + VM_DATA * 4096, 1);
	STEP(n1, g.ram + (VM_DATA + 1) * 4096, 0);
	STEP(n2, g.ram + VM_DATA * 4096, 0);
	STEP(a, buf_a, 1);
	STEP(n1, g.ram + (VM_DATA + 1) * 4096, -1);
	STEP(b, buf_b, -1);
	STEP(a, buf_a, 0);
#undef STEP
	EXPECT_TRUE(steady(&w) == NULL);        /* bound: blocked */
	simsmmu_set_ste_hook(ste_hook, &w);
	for (unsigned int i = 0; i < nsteps; i++) {
		unsigned int calls = w.calls;

		w.allowed[0] = cur;
		w.allowed[1] = steps[i].page;
		ASSERT_OK(simsmmu_get_counters(hw->name, &c0));
		ASSERT_OK(sdrv_attach(dev, steps[i].hwpt, NULL));
		ASSERT_OK(simsmmu_get_counters(hw->name, &c1));
		EXPECT_GT(w.calls, calls);      /* requests were made mid-update */
		EXPECT_EQ(c1.ste_updates - c0.ste_updates, 1);
		if (steps[i].breaks >= 0)
			EXPECT_EQ(c1.ste_breaks - c0.ste_breaks, (uint64_t)steps[i].breaks);
		EXPECT_TRUE(steady(&w) == steps[i].page);
		cur = steps[i].page;
		if (getenv("SDRV_VERBOSE"))
			printf("step %u: stores %llu breaks %llu requests %u (aborted so far %u)\n", i,
			       (unsigned long long)(c1.ste_stores - c0.ste_stores),
			       (unsigned long long)(c1.ste_breaks - c0.ste_breaks),
			       w.calls - calls, w.aborts);
	}
	/* Detach: back to blocked (abort) */
	w.allowed[0] = cur;
	w.allowed[1] = NULL;
	ASSERT_OK(sdrv_detach(dev));
	simsmmu_set_ste_hook(NULL, NULL);
	EXPECT_TRUE(steady(&w) == NULL);
	EXPECT_EQ(w.bad, 0);
	EXPECT_EQ(w.bad_code, 0);
	EXPECT_GT(w.aborts, 0);                 /* the breaks were seen as aborts */
	iommusim_close(dev);
	iommusim_close(fd);
	guest_free(&g);
	iut_buffer_free(buf_a, 4096);
	iut_buffer_free(buf_b, 4096);
}
