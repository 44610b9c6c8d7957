// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim_fast.c - the trace-driven fast path (no SystemC): translations per
 * second on an all-IOTLB-hit stream (64-byte DMA in a 64 KiB window over
 * a stage-2 VT-d domain), and requests/s with peak RSS at several trace
 * lengths, each in its own process so the RSS is that run's; then the
 * same stream on an SMMUv3 stage-2 domain at the middle length.
 *
 *   build/release/bench/bench_sim_fast [millions...]   (default 1 10 100)
 *
 * Trace generation is timed apart; the rate covers reading the trace,
 * the device engine, the model, memory timing and statistics.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_clock.h"
#include "cli.h"
#include "report.h"
#include "run.h"
#include "sim_bench.h"


static int one(const char *iommu, unsigned long long n)
{
	char dir[SIM_BENCH_DIR_LEN];
	struct scenario *sc = calloc(1, sizeof(*sc));
	struct sim_run *r = calloc(1, sizeof(*r));
	struct sim_err err;
	struct rusage ru;
	double t0, t1, t2;

	if (!sc || !r || sim_bench_hit_scenario(sc, dir, iommu, "{ mode: fast }", n))
		return 1;
	t0 = bench_now_s();
	if (sim_run_init(r, sc, dir, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	t1 = bench_now_s();
	if (sim_fast_run(r, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	t2 = bench_now_s();
	getrusage(RUSAGE_SELF, &ru);
	printf("fast path %-6s %4lluM requests: %6.2f M translations/s (gen %.2f s, run %.2f s), "
	       "iotlb hits %.4f, peak RSS %ld MiB\n", iommu, n / 1000000, (double)r->requests / (t2 - t1) / 1e6,
	       t1 - t0, t2 - t1, r->requests ? (double)r->tlb_hits / (double)r->requests : 0.0,
	       ru.ru_maxrss / 1024);
	sim_run_fini(r);
	sim_bench_cleanup(dir);
	free(r);
	free(sc);
	return 0;
}

int main(int argc, char **argv)
{
	static const char *const def[] = { "1", "10", "100" };
	const char *const *sizes = argc > 1 ? (const char *const *)argv + 1 : def;
	int n = argc > 1 ? argc - 1 : 3, rc = 0;

	for (int i = 0; i <= n; i++) {
		const char *iommu = i < n ? "vtd" : "smmuv3";
		unsigned long long m = strtoull(sizes[i < n ? i : n / 2], NULL, 0) * 1000000ULL;
		pid_t pid = fork();
		int st;

		if (pid == 0) {
			int c = one(iommu, m);

			fflush(stdout);
			_exit(c);
		}
		if (pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
			rc = 1;
		fflush(stdout);
	}
	return rc;
}
