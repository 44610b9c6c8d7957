/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench_clock.h - wall-clock seconds for the benches. bench/ is the only
 * place the project reads the wall clock; nothing here reaches a result.
 */
#ifndef BENCH_CLOCK_H
#define BENCH_CLOCK_H

#include <time.h>

static inline double bench_now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#endif
