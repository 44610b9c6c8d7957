// SPDX-License-Identifier: GPL-2.0-only
/*
 * cli_regress.c - `iommusim regress run|bless|collect|history`: the
 * command line over sim/regress. Exit status: 0 everything matches the
 * golden files, 1 something changed or a run failed, 2 bad input (the
 * message names file:line).
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "regress.h"
#include "report.h"
#include "sw.h"

static void regress_usage(FILE *f)
{
	fputs("usage: iommusim regress run SUITE [options]     run, compare with the golden files\n"
	      "       iommusim regress bless SUITE [-j N] [-o DIR] [--entry NAME]\n"
	      "                                              run, and rewrite the golden files\n"
	      "       iommusim regress collect DIR [--junit F] [--markdown F]\n"
	      "                                              compare a finished (Slurm) run\n"
	      "       iommusim regress history CASE STAT [--db FILE] [--plot FILE]\n"
	      "options of run:\n"
	      "  -j N               cases run in N processes at once (default 1)\n"
	      "  -o DIR             output directory (default out/regress-<suite>)\n"
	      "  --entry NAME       only the cases of this entry\n"
	      "  --junit FILE       JUnit XML for CI\n"
	      "  --markdown FILE    Markdown summary (always also DIR/summary.md)\n"
	      "  --history FILE     SQLite history (default out/regress-history.sqlite; none)\n"
	      "  --slurm            run as an sbatch array job and wait for it\n"
	      "  --partition P      its partition\n"
	      "  --array-max N      at most N array tasks (cases split into chunks)\n"
	      "  --no-wait          submit and return; `regress collect DIR` later\n"
	      "  -q, --quiet        no table on stdout\n"
	      "exit status: 0 all match, 1 something changed or failed, 2 bad input\n", f);
}

static const char *kernel_now(void)
{
	return sim_sw_kernel_version ? sim_sw_kernel_version : "none";
}

static int write_text(const char *dir, const char *name, char *text, struct sim_err *err)
{
	char path[PATH_MAX];
	int rc;

	if (!text) {
		sim_err_set(err, "out of memory");
		return -1;
	}
	if (dir)
		snprintf(path, sizeof(path), "%s/%s", dir, name);
	else
		snprintf(path, sizeof(path), "%s", name);
	rc = report_write_atomic(path, text, err);
	free(text);
	return rc;
}

struct outputs {
	const char *junit, *markdown, *history;
	bool quiet;
};

/* Compare, write DIR's results, the asked-for files and the history. */
static int finish(const struct reg_suite *s, const char *dir, const struct outputs *o)
{
	struct sim_err err = { "" };
	json_t *cmp = reg_compare(s, dir, kernel_now(), &err);
	int rc;

	if (!cmp) {
		fprintf(stderr, "iommusim regress: %s\n", err.msg);
		return SIM_EXIT_USAGE;
	}
	rc = reg_compare_status(cmp);
	if (write_text(dir, "results.json", report_dumps(cmp), &err) ||
	    write_text(dir, "table.txt", reg_render(reg_table_print, cmp), &err) ||
	    write_text(dir, "summary.md", reg_render(reg_markdown_print, cmp), &err) ||
	    (o->junit && write_text(NULL, o->junit, reg_render(reg_junit_print, cmp), &err)) ||
	    (o->markdown && write_text(NULL, o->markdown, reg_render(reg_markdown_print, cmp),
				       &err))) {
		fprintf(stderr, "iommusim regress: %s\n", err.msg);
		rc = SIM_EXIT_FAILURE;
	}
	if (!o->quiet)
		reg_table_print(stdout, cmp);
	if (o->history && strcmp(o->history, "none") &&
	    reg_history_append(o->history, s, cmp, dir, &err)) {
		fprintf(stderr, "iommusim regress: %s\n", err.msg);
		rc = SIM_EXIT_FAILURE;
	}
	json_decref(cmp);
	return rc;
}

/* DIR/manifest.json: which suite (and entry) a directory's cases belong to. */
static int write_manifest(const char *dir, const char *suite, const char *only,
			  struct sim_err *err)
{
	char abs[PATH_MAX];
	json_t *m;
	int rc;

	if (!realpath(suite, abs)) {
		sim_err_set(err, "%s: %s", suite, strerror(errno));
		return -1;
	}
	m = json_pack("{s:s, s:o}", "suite", abs, "entry", only ? json_string(only) : json_null());
	rc = reg_manifest_write(dir, m, err);
	json_decref(m);
	return rc;
}

/* The shell command line of case c for a batch task. */
static char *case_cmdline(const char *self, const char *dir, const struct reg_case *c)
{
	char *argv[8 + 2 * SCEN_MAX_SETS], log[PATH_MAX], *text = NULL;
	size_t len = 0;
	FILE *f;

	if (reg_case_argv(self, dir, c, argv, sizeof(argv) / sizeof(argv[0])) ||
	    reg_case_report_path(dir, c, "log", log, sizeof(log)))
		return NULL;
	f = open_memstream(&text, &len);
	if (f) {
		unsigned i;

		fputs("rm -f ", f);
		for (i = 0; argv[i + 1]; i++)
			;
		reg_shell_quote(f, argv[i]);
		fputs("; ", f);
		for (i = 0; argv[i]; i++) {
			reg_shell_quote(f, argv[i]);
			fputc(' ', f);
		}
		fputs("> ", f);
		reg_shell_quote(f, log);
		fputs(" 2>&1", f);
		fclose(f);
	}
	for (unsigned i = 0; argv[i]; i++)
		if (!argv[i + 1])
			free(argv[i]);
	return text;
}

/* Golden files of cases the suite no longer has: named, never removed. */
static void warn_stale(const struct reg_suite *s)
{
	struct dirent **names;
	int n = scandir(s->golden_dir, &names, NULL, alphasort);

	for (int i = 0; i < n; i++) {
		size_t len = strlen(names[i]->d_name);
		bool known = false;

		for (unsigned c = 0; !known && c < s->ncases; c++)
			known = len == strlen(s->cases[c].id) + 5 &&
				!strncmp(names[i]->d_name, s->cases[c].id, len - 5);
		if (!known && len > 5 && !strcmp(names[i]->d_name + len - 5, ".json"))
			fprintf(stderr, "iommusim regress: %s/%s is the golden file of no case "
				"of the suite (remove it if the case is gone)\n", s->golden_dir,
				names[i]->d_name);
		free(names[i]);
	}
	if (n > 0)
		free(names);
}

static int parse_uint(const char *what, const char *s, unsigned lo, unsigned hi, unsigned *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*end || end == s || v < (long)lo || v > (long)hi) {
		fprintf(stderr, "iommusim regress: %s %s: expected %u..%u\n", what, s, lo, hi);
		return -1;
	}
	*out = (unsigned)v;
	return 0;
}

/* The output options of `regress run` and `regress collect`. */
#define OUTPUT_LONG_OPTIONS                                     \
	{ "junit", required_argument, NULL, 'J' },              \
	{ "markdown", required_argument, NULL, 'M' },           \
	{ "history", required_argument, NULL, 'H' },            \
	{ "quiet", no_argument, NULL, 'q' }

/* Take getopt's c if it is an output option: true, else false. */
static bool output_option(int c, const char *arg, struct outputs *o)
{
	switch (c) {
	case 'J': o->junit = arg; return true;
	case 'M': o->markdown = arg; return true;
	case 'H': o->history = arg; return true;
	case 'q': o->quiet = true; return true;
	default: return false;
	}
}

static int cmd_run(int argc, char **argv, bool bless)
{
	static const struct option opts[] = {
		{ "entry", required_argument, NULL, 'e' },
		OUTPUT_LONG_OPTIONS,
		REG_SLURM_LONG_OPTIONS,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct outputs o = { .history = "out/regress-history.sqlite" };
	struct reg_slurm_opts so = { .wait = true, .job_name = "iommusim-regress" };
	const char *dir = NULL, *only = NULL;
	char dirbuf[PATH_MAX], self[PATH_MAX];
	struct sim_err err = { "" };
	struct reg_suite s;
	unsigned jobs = 1;
	bool slurm = false;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "j:o:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'j': if (parse_uint("-j", optarg, 1, 256, &jobs)) return SIM_EXIT_USAGE; break;
		case 'o': dir = optarg; break;
		case 'e': only = optarg; break;
		case 'h': regress_usage(stdout); return SIM_EXIT_OK;
		default:
			if (output_option(c, optarg, &o) ||
			    reg_slurm_option(c, optarg, &so, &slurm, &err) > 0)
				break;
			return sim_cli_usage_error("regress", regress_usage, err.msg);
		}
	}
	if (optind != argc - 1 || (bless && (slurm || o.junit || o.markdown)))
		return sim_cli_usage_error("regress", regress_usage, NULL);
	if (reg_suite_load(&s, argv[optind], only, &err)) {
		fprintf(stderr, "iommusim regress: %s\n", err.msg);
		return SIM_EXIT_USAGE;
	}
	/* a missing golden file is bad input: say so before running anything */
	for (unsigned i = 0; !bless && i < s.ncases; i++) {
		json_t *g = reg_golden_load(&s, &s.cases[i], &err);

		if (!g) {
			fprintf(stderr, "iommusim regress: %s\n", err.msg);
			reg_suite_free(&s);
			return SIM_EXIT_USAGE;
		}
		json_decref(g);
	}
	if (!dir) {
		mkdir("out", 0777);
		snprintf(dirbuf, sizeof(dirbuf), "out/regress-%s", s.name);
		dir = dirbuf;
	}
	rc = SIM_EXIT_FAILURE;
	if (reg_prepare_dir(dir, &err) || write_manifest(dir, argv[optind], only, &err)) {
		fprintf(stderr, "iommusim regress: %s\n", err.msg);
		goto out;
	}
	if (sim_cli_self_path(self, sizeof(self))) {
		fprintf(stderr, "iommusim regress: cannot find my own executable\n");
		goto out;
	}
	if (slurm) {
		char **cmds = calloc(s.ncases, sizeof(*cmds)), jobid[64] = "";
		bool ok = cmds != NULL;

		for (unsigned i = 0; ok && i < s.ncases; i++) {
			char path[PATH_MAX];

			/* a report present afterwards is one this job wrote */
			if (!reg_case_report_path(dir, &s.cases[i], "json", path, sizeof(path)))
				unlink(path);
			ok = (cmds[i] = case_cmdline(self, dir, &s.cases[i])) != NULL;
		}
		if (!ok)
			sim_err_set(&err, "out of memory");
		if (!ok || reg_slurm_submit(dir, cmds, s.ncases, &so, jobid, sizeof(jobid), &err)) {
			fprintf(stderr, "iommusim regress: %s\n", err.msg);
			ok = false;
		}
		for (unsigned i = 0; cmds && i < s.ncases; i++)
			free(cmds[i]);
		free(cmds);
		if (!ok)
			goto out;
		if (!so.wait) {
			printf("iommusim regress: submitted Slurm job %s; when it ends: "
			       "iommusim regress collect %s\n", jobid, dir);
			rc = SIM_EXIT_OK;
			goto out;
		}
	} else if (reg_run_local(self, &s, dir, jobs, o.quiet)) {
		fprintf(stderr, "iommusim regress: could not start every case\n");
	}
	if (!bless) {
		rc = finish(&s, dir, &o);
		goto out;
	}
	rc = SIM_EXIT_OK;
	{
		json_t **gold = calloc(s.ncases, sizeof(*gold));

		for (unsigned i = 0; gold && i < s.ncases; i++) {
			char path[PATH_MAX];
			json_t *rep = NULL;

			if (!reg_case_report_path(dir, &s.cases[i], "json", path, sizeof(path)))
				rep = json_load_file(path, 0, NULL);
			gold[i] = rep ? reg_golden_make(&s.cases[i], rep, kernel_now(), &err) : NULL;
			if (!rep)
				fprintf(stderr, "iommusim regress: case %s failed (see %s/cases/%s.log)\n",
					s.cases[i].id, dir, s.cases[i].id);
			else if (!gold[i])
				fprintf(stderr, "iommusim regress: %s\n", err.msg);
			if (!gold[i])
				rc = SIM_EXIT_FAILURE;
			json_decref(rep);
		}
		/* all or nothing: no golden file is written unless every case ran */
		if (!gold) {
			rc = SIM_EXIT_FAILURE;
		} else if (rc == SIM_EXIT_OK) {
			if (mkdir(s.golden_dir, 0777) && errno != EEXIST) {
				fprintf(stderr, "iommusim regress: %s: %s\n", s.golden_dir,
					strerror(errno));
				rc = SIM_EXIT_FAILURE;
			}
			for (unsigned i = 0; rc == SIM_EXIT_OK && i < s.ncases; i++) {
				char path[PATH_MAX];

				reg_golden_path(&s, &s.cases[i], path, sizeof(path));
				if (write_text(NULL, path, report_dumps(gold[i]), &err)) {
					fprintf(stderr, "iommusim regress: %s\n", err.msg);
					rc = SIM_EXIT_FAILURE;
				}
			}
			if (rc == SIM_EXIT_OK && !o.quiet)
				printf("iommusim regress: blessed %u golden file(s) in %s (kernel "
				       "source %s)\n", s.ncases, s.golden_dir, kernel_now());
			if (rc == SIM_EXIT_OK && !only)
				warn_stale(&s);
		} else {
			fprintf(stderr, "iommusim regress: no golden file written\n");
		}
		for (unsigned i = 0; gold && i < s.ncases; i++)
			json_decref(gold[i]);
		free(gold);
	}
out:
	reg_suite_free(&s);
	return rc;
}

static int cmd_collect(int argc, char **argv)
{
	static const struct option opts[] = {
		OUTPUT_LONG_OPTIONS,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct outputs o = { .history = "out/regress-history.sqlite" };
	struct sim_err err = { "" };
	struct reg_suite s;
	json_t *m;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
		switch (c) {
		case 'h': regress_usage(stdout); return SIM_EXIT_OK;
		default:
			if (output_option(c, optarg, &o))
				break;
			return sim_cli_usage_error("regress", regress_usage, NULL);
		}
	}
	if (optind != argc - 1)
		return sim_cli_usage_error("regress", regress_usage, NULL);
	m = reg_manifest_load(argv[optind], "suite", "regress run", &err);
	if (!m || !json_is_string(json_object_get(m, "suite"))) {
		fprintf(stderr, "iommusim regress: %s\n",
			m ? "manifest.json: the suite is not a path" : err.msg);
		json_decref(m);
		return SIM_EXIT_USAGE;
	}
	rc = reg_suite_load(&s, json_string_value(json_object_get(m, "suite")),
			    json_string_value(json_object_get(m, "entry")), &err);
	json_decref(m);
	if (rc) {
		fprintf(stderr, "iommusim regress: %s\n", err.msg);
		return SIM_EXIT_USAGE;
	}
	rc = finish(&s, argv[optind], &o);
	reg_suite_free(&s);
	return rc;
}

static int cmd_history(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "plot", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = "out/regress-history.sqlite", *plot = NULL;
	struct sim_err err = { "" };
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'p': plot = optarg; break;
		default: return sim_cli_help_or_usage(c, "regress", regress_usage);
		}
	}
	if (optind != argc - 2)
		return sim_cli_usage_error("regress", regress_usage, NULL);
	if (reg_history_show(db, argv[optind], argv[optind + 1], plot, stdout, &err)) {
		fprintf(stderr, "iommusim regress: %s\n", err.msg);
		return SIM_EXIT_USAGE;
	}
	return SIM_EXIT_OK;
}

int sim_cmd_regress(int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : NULL;

	if (!sub)
		return sim_cli_usage_error("regress", regress_usage, NULL);
	if (!strcmp(sub, "run"))
		return cmd_run(argc - 1, argv + 1, false);
	if (!strcmp(sub, "bless"))
		return cmd_run(argc - 1, argv + 1, true);
	if (!strcmp(sub, "collect"))
		return cmd_collect(argc - 1, argv + 1);
	if (!strcmp(sub, "history"))
		return cmd_history(argc - 1, argv + 1);
	if (!strcmp(sub, "help") || !strcmp(sub, "--help") || !strcmp(sub, "-h")) {
		regress_usage(stdout);
		return SIM_EXIT_OK;
	}
	fprintf(stderr, "iommusim regress: unknown command '%s'\n", sub);
	regress_usage(stderr);
	return SIM_EXIT_USAGE;
}
