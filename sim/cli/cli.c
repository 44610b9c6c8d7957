// SPDX-License-Identifier: GPL-2.0-only
/* cli.c - iommusim's top level: dispatch to run, sweep and trace. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "report.h"
#include "sw.h"
#include "trace_cli.h"

static void usage(FILE *f)
{
	fputs("usage: iommusim <command> [options]\n"
	      "\n"
	      "commands:\n"
	      "  run SCENARIO [--set key=value]... [-o FILE.json] [--plot FILE.svg|.png]\n"
	      "               [--mode lt|at|fast] [--inject SPEC] [--quiet]\n"
	      "      simulate one scenario; prints a summary and writes a JSON report\n"
	      "  sweep SCENARIO --set key=v1,v2,... [--set key=value]... [-j N] [-o DIR]\n"
	      "               [--slurm [--partition P] [--array-max N] [--no-wait]]\n"
	      "      run every combination of the listed values in parallel processes\n"
	      "      (or as a Slurm array job);\n"
	      "      writes DIR/point-N.json, DIR/sweep.csv and DIR/sweep.svg\n"
	      "  sweep collect DIR [--plot FILE|none]\n"
	      "      the CSV and plot of a sweep whose Slurm job ended (--no-wait)\n"
	      "  inject SCENARIO --model NAME[,NAME...]|all --count N [-j N] [--seed S]\n"
	      "               [-o DIR] [--set key=value]...\n"
	      "      a fault-injection campaign: outcome classes per fault model, with\n"
	      "      95% intervals, a reproducer for each injection that was not masked\n"
	      "  regress run|bless|collect|history ...\n"
	      "      regression suites against golden files (iommusim regress help)\n"
	      "  trace gen|convert|stat|import ...\n"
	      "      trace tools (iommusim trace help)\n"
	      "  help, --help      this text\n"
	      "  version, --version\n"
	      "\n"
	      "exit status: 0 success, 1 the simulation failed, 2 bad usage or bad input\n"
	      "(scenario and trace errors name file:line). See README.md.\n", f);
}

int sim_cli_main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;

	if (!cmd) {
		usage(stderr);
		return SIM_EXIT_USAGE;
	}
	if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		usage(stdout);
		return SIM_EXIT_OK;
	}
	if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
		/* What a report's kernel_source will say for the kernel set-up. */
		printf("iommusim %s (kernel source %s)\n", IOMMUSIM_VERSION,
		       sim_sw_kernel_version ? sim_sw_kernel_version : "none");
		return SIM_EXIT_OK;
	}
	if (!strcmp(cmd, "run"))
		return sim_cmd_run(argc - 1, argv + 1);
	if (!strcmp(cmd, "sweep"))
		return sim_cmd_sweep(argc - 1, argv + 1);
	if (!strcmp(cmd, "regress"))
		return sim_cmd_regress(argc - 1, argv + 1);
	if (!strcmp(cmd, "inject"))
		return sim_cmd_inject(argc - 1, argv + 1);
	if (!strcmp(cmd, "trace")) {
		char name[] = "iommusim trace";

		argv[1] = name;
		return trace_cli_main(argc - 1, argv + 1);
	}
	fprintf(stderr, "iommusim: unknown command '%s'\n", cmd);
	usage(stderr);
	return SIM_EXIT_USAGE;
}

int sim_cli_usage_error(const char *cmd, void (*usage)(FILE *f), const char *msg)
{
	if (msg && *msg)
		fprintf(stderr, "iommusim %s: %s\n", cmd, msg);
	else
		usage(stderr);
	return SIM_EXIT_USAGE;
}

int sim_cli_self_path(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);

	if (n <= 0)
		return -1;
	buf[n] = 0;
	return 0;
}

int sim_cli_help_or_usage(int c, const char *cmd, void (*usage)(FILE *f))
{
	if (c != 'h')
		return sim_cli_usage_error(cmd, usage, NULL);
	usage(stdout);
	return SIM_EXIT_OK;
}

int sim_cli_parse_u64(const char *s, uint64_t *out)
{
	char *end;

	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 0);
	return errno || *end ? -1 : 0;
}

int sim_cli_scen_option(struct sim_cli_scen_opts *o, int c, const char *arg, const char **msg)
{
	switch (c) {
	case 's':
	case 'm':
		if (o->nsets == SCEN_MAX_SETS) {
			*msg = "too many --set options";
			return -1;
		}
		if (c == 'm') {
			snprintf(o->modeset, sizeof(o->modeset), "run.mode=%s", arg);
			arg = o->modeset;
		}
		o->sets[o->nsets++] = arg;
		return 1;
	case 't':
		o->tmpdir = arg;
		return 1;
	case 'H':
		if (sim_cli_parse_u64(arg, &o->hang_ns) || !o->hang_ns ||
		    o->hang_ns > UINT64_MAX / 1000) {
			*msg = "--hang-ns: a positive number of ns";
			return -1;
		}
		return 1;
	case 'q':
		o->quiet = true;
		return 1;
	default:
		return 0;
	}
}
