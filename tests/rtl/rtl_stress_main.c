// SPDX-License-Identifier: GPL-2.0-only
/*
 * rtl_stress_main.c - iommusim-rtl-stress VARIANT EVENTS [SEED] [--cov FILE]:
 * the seeded random stress of one verilated cache variant in lock-step
 * with the C cache. Exit 0 clean, 1 on the first divergence (reported on
 * stderr), 2 on bad usage. --list names the variants built.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rtl_cache.h"
#include "rtl_stress.h"

static int usage(void)
{
	fputs("usage: iommusim-rtl-stress VARIANT EVENTS [SEED] [--cov FILE] | --list\n", stderr);
	return 2;
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;

	*out = strtoull(s, &end, 0);
	return *s && !*end ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct rtl_stress_opts o = { .seed = 1 };
	struct rtl_stress_result res;
	const char *cov = NULL;
	int pos = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--list")) {
			unsigned n;
			const struct rtl_cache_variant *v = rtl_cache_variants(&n);

			for (unsigned k = 0; k < n; k++)
				printf("%s\n", v[k].name);
			return 0;
		} else if (!strcmp(argv[i], "--cov") && i + 1 < argc) {
			cov = argv[++i];
		} else if (pos == 0) {
			o.variant = argv[i];
			pos++;
		} else if (pos == 1 && !parse_u64(argv[i], &o.events)) {
			pos++;
		} else if (pos == 2 && !parse_u64(argv[i], &o.seed)) {
			pos++;
		} else {
			return usage();
		}
	}
	if (pos < 2)
		return usage();
	if (rtl_stress_run(&o, &res)) {
		fprintf(stderr, "iommusim-rtl-stress: unknown variant '%s' (--list)\n", o.variant);
		return 2;
	}
	if (cov)
		rtl_cache_coverage_write(cov);
	printf("rtl-stress %s seed %" PRIu64 ": %" PRIu64 " cache operations, %" PRIu64
	       " RTL requests, %" PRIu64 " cycles, %" PRIu64 " hits: %s\n", o.variant, o.seed,
	       res.ops, res.rtl_events, res.cycles, res.hits, res.diverged ? "DIVERGED" : "clean");
	return res.diverged;
}
