// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench_rtl.c - the verilated translation cache's speed (make bench):
 *   1. cycles/s of the verilated cache alone, a request every cycle
 *      (a seeded mix of probes and fills);
 *   2. the lock-step's cost: the seeded stress stream (rtl_stress.h) on
 *      the C cache alone and in lock-step, operations/s and their ratio.
 * Wall-clock figures: printed, never asserted.
 */
#include <stdio.h>
#include <stdlib.h>

#include "bench_clock.h"
#include "rng.h"
#include "rtl_cache.h"
#include "rtl_stress.h"

static void cache_alone(const char *variant, uint64_t cycles)
{
	struct rtl_cache *r = rtl_cache_open(variant);
	struct rng g;
	double t0, dt;
	uint64_t resp = 0;

	rng_seed(&g, 1, 0xbe7c);
	t0 = bench_now_s();
	for (uint64_t i = 0; i < cycles; i++) {
		uint64_t x = rng_next(&g);
		struct rtl_cache_req q = { .op = x & 1 ? RTL_OP_LOOKUP : RTL_OP_FILL,
					   .addr = (x >> 8) & 1023, .tag = (x >> 20) & 3,
					   .data = x };
		struct rtl_cache_resp rs;
		bool taken;

		resp += rtl_cache_cycle(r, &q, &taken, &rs);
	}
	dt = bench_now_s() - t0;
	printf("%-16s verilated cache alone   %6.2f M cycles/s (%llu responses)\n", variant,
	       cycles / dt / 1e6, (unsigned long long)resp);
	rtl_cache_close(r);
}

static double stream(const char *variant, uint64_t events, bool rtl)
{
	struct rtl_stress_opts o = { .variant = variant, .events = events, .seed = 1,
				     .no_rtl = !rtl };
	struct rtl_stress_result res;
	double t0 = bench_now_s();

	if (rtl_stress_run(&o, &res) || res.diverged) {
		fprintf(stderr, "bench_rtl: %s failed\n", variant);
		exit(1);
	}
	return events / (bench_now_s() - t0);
}

int main(int argc, char **argv)
{
	uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 0) : 2000000;
	static const char *const v[] = { "vtd_64x8_plru", "smmu_128x4_lru", "t_16x6_random" };

	for (unsigned i = 0; i < 3; i++)
		cache_alone(v[i], n);
	for (unsigned i = 0; i < 3; i++) {
		double c = stream(v[i], n, false), l = stream(v[i], n, true);

		printf("%-16s stress stream: C cache %6.2f M ops/s, lock-step %6.2f M ops/s, "
		       "ratio 1/%.1f\n", v[i], c / 1e6, l / 1e6, c / l);
	}
	return 0;
}
