/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * simsmmu_test.h - test hooks into the simsmmu driver (plain C types, for
 * user-space tests linked with the kernel side).
 *
 * The STE hook runs after every 64-bit store the driver makes to a live
 * stream table entry, before the CFGI_STE/CMD_SYNC that follows, so a
 * test can send device requests through the model at each intermediate
 * state of an update. It runs under the kernel lock: it may call the
 * model (iommu_model_ops.translate), never the front door.
 */
#ifndef SIMSMMU_TEST_H
#define SIMSMMU_TEST_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*simsmmu_ste_hook_fn)(void *ctx, uint32_t sid, unsigned int word,
				    uint64_t value);

void simsmmu_set_ste_hook(simsmmu_ste_hook_fn fn, void *ctx);

struct simsmmu_counters {
	uint64_t ste_updates;   /* STE installs that changed the entry */
	uint64_t ste_hitless;   /* ... done without passing through abort */
	uint64_t ste_breaks;    /* ... that had to pass through an abort STE */
	uint64_t ste_stores;    /* 64-bit stores to live STEs */
	uint64_t events;        /* event records consumed */
	uint64_t cmd_errors;    /* commands the SMMU refused */
};

/* Counters of instance "simsmmu<N>" (the name in iommusim_hw_info). */
int simsmmu_get_counters(const char *name, struct simsmmu_counters *c);

/*
 * Unmap or map directly in the paging domain attached to the device with
 * StreamID sid, through the iommu core (iommu_unmap/iommu_map), behind
 * iommufd's back: for exercising page-table paths iommufd never takes
 * (unmapping part of a block). A test must restore what it changed before
 * iommufd unmaps the area. Return bytes unmapped / 0 or -errno.
 */
long simsmmu_test_unmap(uint32_t sid, uint64_t iova, uint64_t len);
int simsmmu_test_map(uint32_t sid, uint64_t iova, uint64_t pa, uint64_t len, int write);

#ifdef __cplusplus
}
#endif

#endif
