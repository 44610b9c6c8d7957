/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * outcome.h - what an injected fault came to (issue 13), from its run
 * compared with the same run without it (the golden run), and the
 * campaign's rates with their 95% confidence intervals.
 *
 * Classes, the first that applies:
 *   simulator-error  the run crashed, or refused its own input: never
 *                    expected, each one is a bug of the simulator
 *   hang             a request unanswered for --hang-ns of simulated time
 *   isolation-breach the checker saw a DMA reach what it may not
 *   silent-corruption a DMA reached a wrong page the device may reach, or
 *                    the data reached differ with nothing reported
 *   detected         an architectural fault or event, a kernel-reported
 *                    error (a failed call, a log line, an oops on the
 *                    memory the fault corrupted), that the golden run did
 *                    not have
 *   performance-only the same data reached, different timing
 *   masked           the same report digest
 */
#ifndef SIM_INJECT_OUTCOME_H
#define SIM_INJECT_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim_inject.h"

enum inj_class {
	INJ_MASKED,
	INJ_DETECTED,
	INJ_PERF,
	INJ_SDC,
	INJ_BREACH,
	INJ_HANG,
	INJ_SIM_ERROR,
	INJ_CLASS_COUNT,
};

/* One run's result, plain data (a campaign's child sends it whole). */
struct inj_run_result {
	int status;             /* 0 report, 1 the run failed, 2 bad input, 3 crashed,
				 * 4 the simulated kernel oopsed */
	char err[240];          /* status 1..3: why */
	char digest[40];
	uint64_t requests, faults, page_requests, service_errors;
	uint64_t fault_codes[8][2];
	struct sim_inj_outcome o;
};

const char *inj_class_name(enum inj_class c);
/* r against golden; why: one line on what decided it. */
enum inj_class inj_classify(const struct inj_run_result *golden, const struct inj_run_result *r,
			    char *why, size_t len);
/* Wilson score interval (95%) of k successes in n: [*lo, *hi]. */
void inj_wilson95(uint64_t k, uint64_t n, double *lo, double *hi);

#endif /* SIM_INJECT_OUTCOME_H */
