/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cli.h - the iommusim command line: run, sweep, trace, help, version.
 * Exit status: 0 success, 1 the run failed, 2 bad usage or a bad
 * scenario/trace (the message names file:line).
 */
#ifndef SIM_CLI_H
#define SIM_CLI_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "scenario.h"

struct sim_inject;

#define SIM_EXIT_OK      0
#define SIM_EXIT_FAILURE 1
#define SIM_EXIT_USAGE   2

int sim_cli_main(int argc, char **argv);

/* Sub-commands (cli_run.c, sweep.c, cli_regress.c). */
int sim_cmd_run(int argc, char **argv);
int sim_cmd_sweep(int argc, char **argv);
int sim_cmd_regress(int argc, char **argv);
int sim_cmd_inject(int argc, char **argv);
/*
 * While fault in is injected: a fatal signal inside the simulated kernel
 * is its oops (cli_inject.c), sent as a campaign result to fd, or told on
 * stderr (fd -1) with exit status 1; anywhere else it stays a crash.
 */
void sim_inject_catch_oops(const struct sim_inject *in, int fd);
/* This program's own path (to run children of it): 0, or -1. */
int sim_cli_self_path(char *buf, size_t len);
/*
 * The end of a command's option switch: -h/--help (c 'h') prints the
 * usage on stdout (SIM_EXIT_OK); anything else is a bad option.
 */
int sim_cli_help_or_usage(int c, const char *cmd, void (*usage)(FILE *f));
/*
 * The options of the commands that load and run one scenario (run, inject):
 * --set/--mode (overrides, in order), --tmpdir, --hang-ns, -q, -h.
 */
struct sim_cli_scen_opts {
	const char *sets[SCEN_MAX_SETS + 1];
	unsigned nsets;
	char modeset[64];
	const char *tmpdir;
	uint64_t hang_ns;
	bool quiet;
};
#define SIM_CLI_SCEN_LONG_OPTIONS                               \
	{ "set", required_argument, NULL, 's' },                \
	{ "mode", required_argument, NULL, 'm' },               \
	{ "tmpdir", required_argument, NULL, 't' },             \
	{ "hang-ns", required_argument, NULL, 'H' },            \
	{ "quiet", no_argument, NULL, 'q' },                    \
	{ "help", no_argument, NULL, 'h' }
/* Option c (getopt's) with arg: 1 taken, 0 not one of these, -1 bad (*msg says why). */
int sim_cli_scen_option(struct sim_cli_scen_opts *o, int c, const char *arg, const char **msg);

/* A decimal (or 0x) number, the whole of s: 0, or -1. */
int sim_cli_parse_u64(const char *s, uint64_t *out);
/* A command's bad option: msg if there is one, else its usage; SIM_EXIT_USAGE. */
int sim_cli_usage_error(const char *cmd, void (*usage)(FILE *f), const char *msg);

/*
 * Run a loaded scenario to a report (new reference) or NULL with err;
 * *usage is set when the failure is the input's fault, not the run's.
 */
json_t *sim_run_scenario(const struct scenario *sc, bool progress, const char *tmpdir,
			 bool *usage, struct sim_err *err);
/* The same, with a fault injected (sim_inject.h; NULL: none); the report says what it did. */
json_t *sim_run_scenario_inj(const struct scenario *sc, bool progress, const char *tmpdir,
			     struct sim_inject *inj, bool *usage, struct sim_err *err);

/* Plots through gnuplot (plot.c): 0, or -1 with err. */
int plot_latency_cdf(const json_t *rep, const char *out, struct sim_err *err);
/* logx: the swept values are positive and span a factor of 8 or more */
int plot_sweep(const char *csv, const char *key, bool logx, const char *out,
	       struct sim_err *err);
/* dat: blocks of "run value" rows, each headed by its name, blank lines between */
int plot_history(const char *dat, unsigned blocks, const char *title, const char *out,
		 struct sim_err *err);
/* dat: a header row, then one row per bar: its name and `columns` stacked shares (%) */
int plot_inject(const char *dat, unsigned columns, const char *title, const char *out,
		struct sim_err *err);

#endif /* SIM_CLI_H */
