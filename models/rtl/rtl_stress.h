/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rtl_stress.h - a seeded random stream of cache operations on a C cache
 * in lock-step with a verilated variant: probes, used and unused peeks,
 * fills of three page sizes, removals by key, selective invalidations
 * through the RTL's domain/PASID/range port, flushes. The keys number
 * about one and a half times the lines, so that every policy both hits
 * and evicts often. For the stress test, the coverage run and the bench.
 */
#ifndef MODELS_RTL_RTL_STRESS_H
#define MODELS_RTL_RTL_STRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct rtl_stress_opts {
	const char *variant;
	uint64_t events;        /* C cache operations */
	uint64_t seed;
	bool record_only;       /* divergence recorded, not exit(1) */
	bool no_rtl;            /* the C cache alone (the bench's reference) */
	FILE *log;
};

struct rtl_stress_result {
	uint64_t ops;           /* C cache operations made */
	uint64_t rtl_events;    /* RTL requests */
	uint64_t cycles;
	uint64_t hits;
	bool diverged;
};

/* 0, or -1 if the variant is unknown. */
int rtl_stress_run(const struct rtl_stress_opts *o, struct rtl_stress_result *res);

#endif /* MODELS_RTL_RTL_STRESS_H */
