// SPDX-License-Identifier: GPL-2.0-only
/* outcome.c - an injected run's class, and rates' confidence intervals. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "outcome.h"

static const char *const class_names[INJ_CLASS_COUNT] = {
	[INJ_MASKED] = "masked",
	[INJ_DETECTED] = "detected",
	[INJ_PERF] = "performance-only",
	[INJ_SDC] = "silent-corruption",
	[INJ_BREACH] = "isolation-breach",
	[INJ_HANG] = "hang",
	[INJ_SIM_ERROR] = "simulator-error",
};

const char *inj_class_name(enum inj_class c)
{
	return c < INJ_CLASS_COUNT ? class_names[c] : "?";
}

static bool same_faults(const struct inj_run_result *a, const struct inj_run_result *b)
{
	return a->faults == b->faults && a->page_requests == b->page_requests &&
	       a->service_errors == b->service_errors &&
	       !memcmp(a->fault_codes, b->fault_codes, sizeof(a->fault_codes));
}

enum inj_class inj_classify(const struct inj_run_result *golden, const struct inj_run_result *r,
			    char *why, size_t len)
{
	const struct sim_inj_outcome *o = &r->o;

	if (r->status == 2 || r->status == 3) {
		snprintf(why, len, "%s", r->err);
		return INJ_SIM_ERROR;
	}
	if (o->hung) {
		snprintf(why, len, "%s", o->hang_what);
		return INJ_HANG;
	}
	if (o->breach) {
		snprintf(why, len, "%llu DMA(s): %s", (unsigned long long)o->breach, o->first_flag);
		return INJ_BREACH;
	}
	if (o->sdc) {
		snprintf(why, len, "%llu DMA(s): %s", (unsigned long long)o->sdc, o->first_flag);
		return INJ_SDC;
	}
	if (r->status == 1) {
		snprintf(why, len, "the software stack failed: %s", r->err);
		return INJ_DETECTED;
	}
	if (r->status == 4) {
		snprintf(why, len, "%s", r->err);
		return INJ_DETECTED;
	}
	if (!same_faults(golden, r)) {
		snprintf(why, len, "%llu fault(s), %llu page request(s) (golden: %llu, %llu)",
			 (unsigned long long)r->faults, (unsigned long long)r->page_requests,
			 (unsigned long long)golden->faults, (unsigned long long)golden->page_requests);
		return INJ_DETECTED;
	}
	/* what the kernel printed, against the golden run's whole log */
	if (o->log_total != golden->o.log_total) {
		snprintf(why, len, "kernel: %s", o->nlog ? o->log[0] : "(a line before the injection)");
		return INJ_DETECTED;
	}
	if (!strcmp(golden->digest, r->digest)) {
		snprintf(why, len, "%s", o->fired ? "fired, no effect" : "never fired");
		return INJ_MASKED;
	}
	if (golden->o.data_digest == o->data_digest) {
		snprintf(why, len, "same data reached, digest %s", r->digest);
		return INJ_PERF;
	}
	snprintf(why, len, "the data reached differ and nothing was reported");
	return INJ_SDC;
}

void inj_wilson95(uint64_t k, uint64_t n, double *lo, double *hi)
{
	const double z = 1.959963984540054;
	double p, d, c, h;

	if (!n) {
		*lo = 0;
		*hi = 1;
		return;
	}
	p = (double)k / (double)n;
	d = 1 + z * z / (double)n;
	c = (p + z * z / (2.0 * (double)n)) / d;
	h = z * sqrt(p * (1 - p) / (double)n + z * z / (4.0 * (double)n * (double)n)) / d;
	*lo = c - h < 0 ? 0 : c - h;
	*hi = c + h > 1 ? 1 : c + h;
}
