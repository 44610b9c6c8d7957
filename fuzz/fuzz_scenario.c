// SPDX-License-Identifier: GPL-2.0-only
/*
 * Harness 3: the scenario parser (libfyaml) with --set overrides. The
 * input is the scenario file up to its first NUL byte; each further
 * NUL-terminated piece is one --set "key=value" (at most SCEN_MAX_SETS),
 * applied as the command line applies them. Any outcome is fine but a
 * crash, a sanitizer report, or a failure without a "file...: what"
 * message. The scenario is written to a private directory (so relative
 * trace paths resolve inside it, to nothing).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scenario.h"

static char dir[64], path[96];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *sets[SCEN_MAX_SETS];
	char *copy, *p, *end;
	unsigned nsets = 0;
	struct scenario *sc;
	struct sim_err err = { "" };
	size_t yaml_len;
	FILE *fp;
	int rc;

	if (!dir[0]) {
		strcpy(dir, "/tmp/iommusim-fuzz-scenario-XXXXXX");
		if (!mkdtemp(dir))
			abort();
		snprintf(path, sizeof(path), "%s/s.yaml", dir);
	}
	copy = malloc(size + 1);
	sc = calloc(1, sizeof(*sc));
	if (!copy || !sc)
		abort();
	memcpy(copy, data, size);
	copy[size] = 0;
	end = copy + size;
	yaml_len = strlen(copy);
	for (p = copy + yaml_len + 1; p < end && nsets < SCEN_MAX_SETS; p += strlen(p) + 1)
		sets[nsets++] = p;
	fp = fopen(path, "w");
	if (!fp || fwrite(copy, 1, yaml_len, fp) != yaml_len || fclose(fp))
		abort();
	rc = scenario_load(sc, path, sets, nsets, &err);
	if (rc && !err.msg[0]) {
		fprintf(stderr, "fuzz_scenario: failed without a message\n");
		abort();
	}
	if (rc && strncmp(err.msg, dir, strlen(dir)) && !strstr(err.msg, "--set")) {
		fprintf(stderr, "fuzz_scenario: error names no place: %s\n", err.msg);
		abort();
	}
	free(sc);
	free(copy);
	unlink(path);
	return 0;
}
