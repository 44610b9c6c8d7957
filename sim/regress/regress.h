/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * regress.h - regression runs of a suite (suite.h): run the cases (here,
 * or as a Slurm array job), compare each report with its golden file,
 * and say what changed.
 *
 * An output directory holds cases/<case>.json (each case's report) and
 * cases/<case>.log (its output); whoever ran them, the comparison reads
 * only these, so a local run and a Slurm run give the same bytes in
 * results.json, table.txt and summary.md.
 *
 * The comparison is a JSON document (compare.c), which the renderers
 * turn into the table, JUnit XML and Markdown:
 *   { "suite": S, "kernel_source": { "golden": [..], "now": V },
 *     "cases": N, "changed": C, "failed": F,
 *     "results": [ { "case", "entry", "status": same|changed|failed,
 *                    "kernel_golden", "message" (failed),
 *                    "changes": [ { "stat", "golden", "now", "delta" } ] } ] }
 */
#ifndef SIM_REGRESS_H
#define SIM_REGRESS_H

#include <jansson.h>
#include <stdio.h>
#include <sys/types.h>

#include "suite.h"

/* golden.c: <golden_dir>/<case>.json */
int reg_golden_path(const struct reg_suite *s, const struct reg_case *c, char *out,
		    size_t len);
/* The golden file of c (new reference), or NULL with "suite:line: ..." in err. */
json_t *reg_golden_load(const struct reg_suite *s, const struct reg_case *c,
			struct sim_err *err);
/* The golden record of report rep for c (new reference), or NULL with err. */
json_t *reg_golden_make(const struct reg_case *c, const json_t *rep, const char *kernel,
			struct sim_err *err);

/* runner.c */
int reg_case_report_path(const char *dir, const struct reg_case *c, const char *ext,
			 char *out, size_t len);
/* The command line of case c (argv, NULL-terminated; strings in buf). */
int reg_case_argv(const char *self, const char *dir, const struct reg_case *c,
		  char *argv[], unsigned maxargs);
/* Make dir and dir/cases; 0 or -1 with err. */
int reg_prepare_dir(const char *dir, struct sim_err *err);
/* Run every case of s, jobs at once; 0, or -1 if one could not start. */
int reg_run_local(const char *self, const struct reg_suite *s, const char *dir,
		  unsigned jobs, bool quiet);
/*
 * DIR/manifest.json says what a directory's runs were (a suite, a
 * sweep's axes), for `regress collect` and `sweep collect` after a Slurm
 * job. write: 0 or -1 with err. load: the object (new reference) if it
 * has key, else NULL with "DIR/manifest.json:line: ..." (what: the
 * command whose output it should be, for the message).
 */
int reg_manifest_write(const char *dir, const json_t *m, struct sim_err *err);
json_t *reg_manifest_load(const char *dir, const char *key, const char *what,
			  struct sim_err *err);
/* Shell-quote s into f. */
void reg_shell_quote(FILE *f, const char *s);

/* compare.c: the comparison of dir's reports with the golden files. */
json_t *reg_compare(const struct reg_suite *s, const char *dir, const char *kernel,
		    struct sim_err *err);
/* 0 all same, 1 something changed or failed. */
int reg_compare_status(const json_t *cmp);

/* table.c, junit.c, markdown.c: renderers of a comparison. */
void reg_table_print(FILE *f, const json_t *cmp);
void reg_junit_print(FILE *f, const json_t *cmp);
void reg_markdown_print(FILE *f, const json_t *cmp);
/* The kernel-source note (one line per differing version), each after prefix. */
void reg_kernel_note(FILE *f, const json_t *cmp, const char *prefix);
/* One rendering into a string (caller frees), or NULL. */
char *reg_render(void (*fn)(FILE *, const json_t *), const json_t *cmp);
/* A statistic's value as the table prints it. */
void reg_value_format(char *buf, size_t len, const json_t *v);

/* slurm.c: an sbatch array job running tasks[i] (shell command lines). */
struct reg_slurm_opts {
	const char *partition;  /* NULL: the default */
	unsigned array_max;     /* at most this many tasks (0: one per command) */
	bool wait;
	const char *job_name;
};
/*
 * Run n children, at most jobs at once: spawn(ctx, k) starts child k and
 * returns its pid (-1: it could not start). status[k]: its exit status,
 * 128 + the signal that ended it, or -1 when it did not start. what:
 * "points"/"cases" for a progress counter on a terminal's stderr, or
 * NULL. 0, or -1 when waiting failed.
 */
typedef pid_t (*reg_spawn_fn)(void *ctx, unsigned k);
int reg_jobs_run(unsigned n, unsigned jobs, reg_spawn_fn spawn, void *ctx, int *status,
		 const char *what);

/* The Slurm options `regress run` and `sweep` share, for their getopt tables. */
#define REG_SLURM_LONG_OPTIONS                                          \
	{ "slurm", no_argument, NULL, 'S' },                            \
	{ "partition", required_argument, NULL, 'P' },                  \
	{ "array-max", required_argument, NULL, 'A' },                  \
	{ "no-wait", no_argument, NULL, 'W' }
/*
 * Take getopt's option c (argument arg) if it is one of those: 1, or -1
 * with err for a bad --array-max; 0 (err empty) if c is not a Slurm option.
 */
int reg_slurm_option(int c, const char *arg, struct reg_slurm_opts *o, bool *slurm,
		     struct sim_err *err);
/* Submit; 0 (and the job id in jobid) or -1 with err. */
int reg_slurm_submit(const char *dir, char *const *cmds, unsigned ncmds,
		     const struct reg_slurm_opts *o, char *jobid, size_t idlen,
		     struct sim_err *err);

/* history.c: append a record of a comparison to the SQLite file db. */
int reg_history_append(const char *db, const struct reg_suite *s, const json_t *cmp,
		       const char *dir, struct sim_err *err);
/* Print the series of case's stat; plot it to plot unless NULL. 0/-1. */
int reg_history_show(const char *db, const char *kase, const char *stat,
		     const char *plot, FILE *out, struct sim_err *err);

#endif /* SIM_REGRESS_H */
