/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * suite.h - a regression suite: a YAML file listing scenarios, their
 * overrides, sweep points and seeds, and the statistics compared with
 * the golden files (exact unless the suite gives a relative bound).
 * Loading expands it into cases, one per entry x seed x sweep point, in
 * the file's order (seeds outermost, then the sweep's first key).
 */
#ifndef SIM_REGRESS_SUITE_H
#define SIM_REGRESS_SUITE_H

#include <limits.h>
#include <stdbool.h>

#include "scenario.h"

#define REG_MAX_STATS 32
#define REG_ID_LEN    200

struct reg_stat {
	char name[128];         /* dotted path under a report's "statistics" */
	double rel;             /* relative bound; < 0: exact */
	int line;               /* where the suite names it */
};

struct reg_case {
	char id[REG_ID_LEN];    /* "entry,key=value,...,seed=N": golden file name */
	char entry[SCEN_NAME_LEN];
	char scenario[PATH_MAX];        /* resolved path */
	char scenario_rel[PATH_MAX];    /* as the suite writes it */
	unsigned nsets;
	char sets[SCEN_MAX_SETS][256];  /* --set overrides, seed last */
	unsigned nstats;
	struct reg_stat stats[REG_MAX_STATS];
	bool digest;            /* compare the digest too */
	int line;               /* the entry's line in the suite */
};

struct reg_suite {
	char path[PATH_MAX];
	char name[SCEN_NAME_LEN];
	char golden_dir[PATH_MAX];      /* resolved */
	unsigned ncases;
	struct reg_case *cases;
};

/*
 * Load and expand path. only: NULL, or an entry name whose cases alone
 * are kept (unknown name: error). 0, or -1 with "file:line: ..." in err.
 */
int reg_suite_load(struct reg_suite *s, const char *path, const char *only,
		   struct sim_err *err);
void reg_suite_free(struct reg_suite *s);

#endif /* SIM_REGRESS_SUITE_H */
