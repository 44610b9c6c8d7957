/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sim_bench.h - the all-IOTLB-hit scenario both simulator benches run:
 * 64-byte DMA in a 64 KiB window over a stage-2 domain, direct set-up,
 * on VT-d (and, in bench_sim_fast, SMMUv3 too).
 */
#ifndef BENCH_SIM_BENCH_H
#define BENCH_SIM_BENCH_H

#ifdef __cplusplus
extern "C" {
#endif

#include "scenario.h"

#define SIM_BENCH_DIR_LEN 32

/*
 * Write the scenario for n requests on iommu ("vtd", "smmuv3") with the
 * given `run:` mapping (e.g. "{ mode: fast }") into a new temporary
 * directory (its path in dir) and load it into sc. 0, or -1 with the
 * reason on stderr.
 */
int sim_bench_hit_scenario(struct scenario *sc, char dir[SIM_BENCH_DIR_LEN], const char *iommu,
			   const char *run_yaml, unsigned long long n);
/* Remove the directory and the scenario file in it. */
void sim_bench_cleanup(const char dir[SIM_BENCH_DIR_LEN]);

#ifdef __cplusplus
}
#endif

#endif
