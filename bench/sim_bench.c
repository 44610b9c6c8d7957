// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim_bench.h"

static void scenario_path(char *path, size_t len, const char *dir)
{
	snprintf(path, len, "%s/hit.yaml", dir);
}

int sim_bench_hit_scenario(struct scenario *sc, char dir[SIM_BENCH_DIR_LEN], const char *iommu,
			   const char *run_yaml, unsigned long long n)
{
	char path[SIM_BENCH_DIR_LEN + 16];
	struct sim_err err;
	FILE *f;

	strcpy(dir, "/tmp/bench-sim-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return -1;
	}
	scenario_path(path, sizeof(path), dir);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		return -1;
	}
	fprintf(f,
		"name: hit\niommu: { kind: %s }\nsoftware: { driver: direct, setup: stage2 }\n"
		"memory: { bandwidth_mbps: 100000000 }\nrun: %s\n"
		"devices:\n  - { name: d, sid: 0x100, outstanding: 64, generator: pciebench,\n"
		"      params: { count: %llu, xfer: 64, window: 64K, bw: 100000000 } }\n",
		iommu, run_yaml, n);
	if (fclose(f)) {
		perror(path);
		return -1;
	}
	if (scenario_load(sc, path, NULL, 0, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	return 0;
}

void sim_bench_cleanup(const char dir[SIM_BENCH_DIR_LEN])
{
	char path[SIM_BENCH_DIR_LEN + 16];

	scenario_path(path, sizeof(path), dir);
	unlink(path);
	rmdir(dir);
}
