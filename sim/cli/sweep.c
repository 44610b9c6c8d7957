// SPDX-License-Identifier: GPL-2.0-only
/*
 * sweep.c - `iommusim sweep`: every combination of the listed values,
 * each point a child `iommusim run` process (at most -j at once). The
 * CSV lists points in their order of enumeration (first key outermost),
 * whatever order they finish in, so the output does not depend on -j.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "regress.h"
#include "report.h"

#define MAX_AXES   8
#define MAX_VALUES 64
#define MAX_POINTS 4096

struct axis {
	char key[200];
	unsigned n;
	char *val[MAX_VALUES];
};

static void sweep_usage(FILE *f)
{
	fputs("usage: iommusim sweep SCENARIO --set key=v1,v2,... [options]\n"
	      "       iommusim sweep collect DIR [--plot FILE|none] [-q]\n"
	      "                       the CSV and plot of a sweep whose points ended\n"
	      "                       (a --no-wait Slurm sweep's, once its job is over)\n"
	      "  --set key=v1,v2,...  an axis of the sweep (values separated by ',')\n"
	      "  --set key=value      a fixed override for every point\n"
	      "  -j N                 points run in N processes at once (default 1)\n"
	      "  -o DIR               output directory (default out/sweep-<name>)\n"
	      "  --plot FILE          plot file (default DIR/sweep.svg; 'none' for no plot)\n"
	      "  -q, --quiet          no progress, no summary\n"
	      "  --slurm              run the points as an sbatch array job, wait for it\n"
	      "  --partition P        its partition\n"
	      "  --array-max N        at most N array tasks (points split into chunks)\n"
	      "  --no-wait            submit and return; `iommusim sweep collect DIR` later\n", f);
}

/* Point k's value index on axis a. */
static unsigned coord(const struct axis *ax, unsigned nax, unsigned k, unsigned a)
{
	for (unsigned b = nax; b-- > a + 1;)
		k /= ax[b].n;
	return k % ax[a].n;
}

/* Point k's command line (argv, NULL-terminated; static storage). */
static void point_argv(const char *self, const char *scen, const struct axis *ax,
		       unsigned nax, char **fixed, unsigned nfixed, unsigned k,
		       const char *dir, char **argv)
{
	static char sets[MAX_AXES][PATH_MAX * 2];
	static char out[PATH_MAX];
	unsigned n = 0;

	(void)!snprintf(out, sizeof(out), "%s/point-%u.json", dir, k);
	argv[n++] = (char *)self;
	argv[n++] = (char *)"run";
	argv[n++] = (char *)scen;
	for (unsigned i = 0; i < nfixed; i++) {
		argv[n++] = (char *)"--set";
		argv[n++] = fixed[i];
	}
	for (unsigned a = 0; a < nax; a++) {
		(void)!snprintf(sets[a], sizeof(sets[a]), "%s=%s", ax[a].key, ax[a].val[coord(ax, nax, k, a)]);
		argv[n++] = (char *)"--set";
		argv[n++] = sets[a];
	}
	argv[n++] = (char *)"-q";
	argv[n++] = (char *)"-o";
	argv[n++] = out;
	argv[n] = NULL;
}

static pid_t spawn_point(const char *self, const char *scen, const struct axis *ax,
			 unsigned nax, char **fixed, unsigned nfixed, unsigned k,
			 const char *dir)
{
	char *argv[8 + 2 * (MAX_AXES + SCEN_MAX_SETS)];
	pid_t pid;

	point_argv(self, scen, ax, nax, fixed, nfixed, k, dir, argv);
	pid = fork();
	if (pid == 0) {
		execv(self, argv);
		_exit(127);
	}
	return pid;
}

/* Point k as a shell command line for a Slurm task (caller frees). */
static char *point_cmdline(const char *self, const char *scen, const struct axis *ax,
			   unsigned nax, char **fixed, unsigned nfixed, unsigned k,
			   const char *dir)
{
	char *argv[8 + 2 * (MAX_AXES + SCEN_MAX_SETS)], *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	point_argv(self, scen, ax, nax, fixed, nfixed, k, dir, argv);
	for (unsigned i = 0; argv[i]; i++) {
		reg_shell_quote(f, argv[i]);
		fputc(' ', f);
	}
	fprintf(f, "> '%s/point-%u.log' 2>&1", dir, k);
	fclose(f);
	return text;
}

/*
 * The points of a batch job: a point ran when its report is there (a
 * failed run writes none, and the submission removed old ones).
 */
static void status_from_reports(const char *dir, unsigned npoints, int *status)
{
	char path[PATH_MAX];

	for (unsigned k = 0; k < npoints; k++) {
		(void)!snprintf(path, sizeof(path), "%s/point-%u.json", dir, k);
		status[k] = access(path, R_OK) ? 1 : 0;
		if (status[k])
			fprintf(stderr, "iommusim sweep: point %u failed (see %s/point-%u.log)\n",
				k, dir, k);
	}
}

/* Run every point as a task of a Slurm array job; status from the reports. */
static int run_slurm(const char *self, const char *scen, const struct axis *ax, unsigned nax,
		     char **fixed, unsigned nfixed, unsigned npoints, const char *dir,
		     const struct reg_slurm_opts *so, int *status)
{
	char **cmds = calloc(npoints, sizeof(*cmds)), path[PATH_MAX], jobid[64] = "";
	struct sim_err err = { "" };
	int rc = 0;

	if (strchr(dir, '\'') || !cmds) {
		fprintf(stderr, "iommusim sweep: %s\n", cmds ? "a quote in DIR" : "out of memory");
		free(cmds);
		return -1;
	}
	for (unsigned k = 0; k < npoints && !rc; k++) {
		(void)!snprintf(path, sizeof(path), "%s/point-%u.json", dir, k);
		unlink(path);
		if (!(cmds[k] = point_cmdline(self, scen, ax, nax, fixed, nfixed, k, dir)))
			rc = -1;
	}
	if (!rc && reg_slurm_submit(dir, cmds, npoints, so, jobid, sizeof(jobid), &err)) {
		fprintf(stderr, "iommusim sweep: %s\n", err.msg);
		rc = -1;
	}
	for (unsigned k = 0; k < npoints; k++)
		free(cmds[k]);
	free(cmds);
	if (rc || !so->wait) {
		if (!rc)
			printf("iommusim sweep: submitted Slurm job %s; when it ends: "
			       "iommusim sweep collect %s\n", jobid, dir);
		return rc ? -1 : 1;
	}
	status_from_reports(dir, npoints, status);
	return 0;
}

static void csv_value(FILE *f, const json_t *v)
{
	if (json_is_integer(v))
		fprintf(f, ",%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_real(v))
		fprintf(f, ",%.10g", json_real_value(v));
	else
		fputs(",", f);
}


/* Numeric, positive values spanning at least a factor of 8: a log axis. */
static bool span_log(const struct axis *a)
{
	double lo = 0, hi = 0;

	for (unsigned i = 0; i < a->n; i++) {
		uint64_t v;

		if (scen_parse_size(a->val[i], &v) || !v)
			return false;
		lo = i && lo < (double)v ? lo : (double)v;
		hi = hi > (double)v ? hi : (double)v;
	}
	return hi >= 8 * lo;
}

static const char *const columns[] = {
	"requests", "faults.count", "tlb_hit_rate", "translation_latency_ns.mean",
	"translation_latency_ns.p50", "translation_latency_ns.p90",
	"translation_latency_ns.p99", "translation_latency_ns.max", "dma_latency_ns.mean",
	"dma_latency_ns.p99", "walk_refs_per_translation.total", "invalidations.count",
	"invalidations.cost_ns_total", "invalidations.service_ns_mean", "sim_time_ns", "dma_gbps", "per_4k.iotlb_misses",
	"per_4k.walk_reads", "per_4k.walk_reads_per_miss", "per_4k.invalidations", NULL,
};
static const char *const column_names[] = {
	"requests", "faults", "tlb_hit_rate", "xlate_mean_ns", "xlate_p50_ns", "xlate_p90_ns",
	"xlate_p99_ns", "xlate_max_ns", "dma_mean_ns", "dma_p99_ns", "walk_refs_per_xlate",
	"invalidations", "inval_cost_ns", "inval_service_ns", "sim_time_ns", "dma_gbps", "iotlb_misses_per_4k",
	"walk_reads_per_4k", "walk_reads_per_miss", "invalidations_per_4k", NULL,
};

/* Objects whose keys become columns, named by the first point that has them. */
static const char *const keyed[] = { "hit_rates", "per_4k.walk_cache_hits", NULL };
static const char *const keyed_prefix[] = { "hit_rate.", "walk_cache_hits_per_4k.", NULL };

static int write_csv(const char *dir, const struct axis *ax, unsigned nax, unsigned npoints,
		     const int *status, struct sim_err *err)
{
	char path[PATH_MAX], *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	json_t *first[2] = { NULL, NULL };
	int rc;

	if (!f) {
		sim_err_set(err, "out of memory");
		return -1;
	}
	fputs("point", f);
	for (unsigned a = 0; a < nax; a++)
		fprintf(f, ",%s", ax[a].key);
	fputs(",status", f);
	for (unsigned c = 0; column_names[c]; c++)
		fprintf(f, ",%s", column_names[c]);
	for (unsigned j = 0; keyed[j]; j++) {
		const char *key;
		json_t *v;

		for (unsigned k = 0; k < npoints && !first[j]; k++) {
			json_t *rep;

			(void)!snprintf(path, sizeof(path), "%s/point-%u.json", dir, k);
			rep = status[k] ? NULL : json_load_file(path, 0, NULL);
			if (rep) {
				first[j] = json_deep_copy(report_at(json_object_get(rep, "statistics"),
								    keyed[j]));
				json_decref(rep);
			}
		}
		json_object_foreach(first[j], key, v)
			fprintf(f, ",%s%s", keyed_prefix[j], key);
	}
	fputs(",digest\n", f);
	for (unsigned k = 0; k < npoints; k++) {
		json_t *rep = NULL, *s;

		(void)!snprintf(path, sizeof(path), "%s/point-%u.json", dir, k);
		if (!status[k])
			rep = json_load_file(path, 0, NULL);
		fprintf(f, "%u", k);
		for (unsigned a = 0; a < nax; a++)
			fprintf(f, ",%s", ax[a].val[coord(ax, nax, k, a)]);
		fprintf(f, ",%s", rep ? "ok" : "failed");
		s = json_object_get(rep, "statistics");
		for (unsigned c = 0; columns[c]; c++)
			csv_value(f, report_at(s, columns[c]));
		for (unsigned j = 0; keyed[j]; j++) {
			const char *key;
			json_t *v;

			/* keys hold dots ("walk_cache.ss.level2"): looked up whole */
			json_object_foreach(first[j], key, v)
				csv_value(f, json_object_get(report_at(s, keyed[j]), key));
		}
		fprintf(f, ",%s\n", rep ? json_string_value(json_object_get(rep, "digest")) : "");
		json_decref(rep);
	}
	json_decref(first[0]);
	json_decref(first[1]);
	fclose(f);
	(void)!snprintf(path, sizeof(path), "%s/sweep.csv", dir);
	rc = report_write_atomic(path, text, err);
	free(text);
	return rc;
}

/*
 * What a sweep whose points ended leaves: DIR/sweep.csv, the plot (plot:
 * a file, "none", or NULL for DIR/sweep.svg) and the summary line. The
 * CSV depends only on the axes and the points' reports, so a collected
 * Slurm sweep writes the bytes of a waited one. SIM_EXIT_OK unless a
 * point failed or an output could not be written.
 */
static int sweep_finish(const char *dir, const struct axis *ax, unsigned nax, unsigned npoints,
			const int *status, const char *plot, bool quiet)
{
	char plotbuf[PATH_MAX], csv[PATH_MAX];
	struct sim_err err;
	int rc = SIM_EXIT_OK;

	if (write_csv(dir, ax, nax, npoints, status, &err)) {
		fprintf(stderr, "iommusim sweep: %s\n", err.msg);
		return SIM_EXIT_FAILURE;
	}
	for (unsigned k = 0; k < npoints; k++)
		if (status[k])
			rc = SIM_EXIT_FAILURE;
	if (!plot) {
		(void)!snprintf(plotbuf, sizeof(plotbuf), "%s/sweep.svg", dir);
		plot = plotbuf;
	}
	if (strcmp(plot, "none")) {
		(void)!snprintf(csv, sizeof(csv), "%s/sweep.csv", dir);
		if (plot_sweep(csv, ax[0].key, span_log(&ax[0]), plot, &err)) {
			fprintf(stderr, "iommusim sweep: %s\n", err.msg);
			rc = SIM_EXIT_FAILURE;
		}
	}
	if (!quiet)
		printf("iommusim sweep: %u points, %s/sweep.csv%s%s\n", npoints, dir,
		       strcmp(plot, "none") ? ", " : "", strcmp(plot, "none") ? plot : "");
	return rc;
}

/*
 * DIR/manifest.json: the scenario and the axes, all `sweep collect`
 * needs to write the CSV and plot of the points' reports later.
 */
static int write_manifest(const char *dir, const char *scen, const struct axis *ax,
			  unsigned nax, struct sim_err *err)
{
	char abs[PATH_MAX];
	json_t *m, *axes = json_array();
	int rc;

	if (!realpath(scen, abs)) {
		sim_err_set(err, "%s: %s", scen, strerror(errno));
		json_decref(axes);
		return -1;
	}
	for (unsigned a = 0; a < nax; a++) {
		json_t *vals = json_array();

		for (unsigned v = 0; v < ax[a].n; v++)
			json_array_append_new(vals, json_string(ax[a].val[v]));
		json_array_append_new(axes, json_pack("{s:s, s:o}", "key", ax[a].key,
						      "values", vals));
	}
	m = json_pack("{s:s, s:o}", "scenario", abs, "axes", axes);
	rc = reg_manifest_write(dir, m, err);
	json_decref(m);
	return rc;
}

/* `sweep collect DIR`: the axes from DIR/manifest.json, the points' reports. */
static int cmd_collect(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "plot", required_argument, NULL, 'p' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct axis ax[MAX_AXES];
	const char *plot = NULL, *dir;
	unsigned nax = 0, npoints = 1;
	struct sim_err err;
	bool quiet = false;
	json_t *m, *axes, *a;
	size_t i;
	int c, rc, *status;

	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
		switch (c) {
		case 'p': plot = optarg; break;
		case 'q': quiet = true; break;
		default: return sim_cli_help_or_usage(c, "sweep", sweep_usage);
		}
	}
	if (optind != argc - 1)
		return sim_cli_usage_error("sweep", sweep_usage, NULL);
	dir = argv[optind];
	m = reg_manifest_load(dir, "axes", "a sweep", &err);
	if (!m) {
		fprintf(stderr, "iommusim sweep: %s\n", err.msg);
		return SIM_EXIT_USAGE;
	}
	memset(ax, 0, sizeof(ax));
	axes = json_object_get(m, "axes");
	json_array_foreach(axes, i, a) {
		const char *key = json_string_value(json_object_get(a, "key"));
		json_t *vals = json_object_get(a, "values"), *v;
		size_t j;

		if (nax == MAX_AXES || !key || strlen(key) >= sizeof(ax[0].key) ||
		    !json_array_size(vals) || json_array_size(vals) > MAX_VALUES)
			break;
		strcpy(ax[nax].key, key);
		json_array_foreach(vals, j, v)
			if (json_is_string(v))
				ax[nax].val[ax[nax].n++] = (char *)json_string_value(v);
		if (ax[nax].n != json_array_size(vals))
			break;
		npoints *= ax[nax].n;
		nax++;
	}
	if (!nax || nax != json_array_size(axes) || npoints > MAX_POINTS) {
		fprintf(stderr, "iommusim sweep: %s/manifest.json:1: \"axes\" is not a list of "
			"{ key, values } (at most %d keys of %d values, %d points)\n", dir,
			MAX_AXES, MAX_VALUES, MAX_POINTS);
		json_decref(m);
		return SIM_EXIT_USAGE;
	}
	status = calloc(npoints, sizeof(*status));
	if (!status) {
		json_decref(m);
		return SIM_EXIT_FAILURE;
	}
	status_from_reports(dir, npoints, status);
	rc = sweep_finish(dir, ax, nax, npoints, status, plot, quiet);
	free(status);
	json_decref(m);
	return rc;
}

struct point_spawn {
	const char *self, *scen;
	const struct axis *ax;
	unsigned nax;
	char **fixed;
	unsigned nfixed;
	const char *dir;
};

static pid_t spawn_nth_point(void *ctx, unsigned k)
{
	const struct point_spawn *p = ctx;

	return spawn_point(p->self, p->scen, p->ax, p->nax, p->fixed, p->nfixed, k, p->dir);
}

int sim_cmd_sweep(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "set", required_argument, NULL, 's' },
		{ "plot", required_argument, NULL, 'p' },
		{ "quiet", no_argument, NULL, 'q' },
		REG_SLURM_LONG_OPTIONS,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct reg_slurm_opts so = { .wait = true, .job_name = "iommusim-sweep" };
	bool slurm = false;
	struct axis ax[MAX_AXES];
	char *fixed[SCEN_MAX_SETS], self[PATH_MAX], dirbuf[PATH_MAX];
	unsigned nax = 0, nfixed = 0, npoints = 1, jobs = 1;
	const char *dir = NULL, *plot = NULL;
	bool quiet = false;
	int *status = NULL, c, rc = SIM_EXIT_FAILURE;
	struct scenario *sc;
	struct sim_err err;

	if (argc > 1 && !strcmp(argv[1], "collect"))
		return cmd_collect(argc - 1, argv + 1);
	memset(ax, 0, sizeof(ax));
	optind = 1;
	while ((c = getopt_long(argc, argv, "j:o:qh", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (!strchr(optarg, '=') || strchr(optarg, '=') == optarg) {
				fprintf(stderr, "iommusim sweep: --set '%s': expected key=value\n", optarg);
				return SIM_EXIT_USAGE;
			}
			if (strchr(optarg, ',')) {
				char *eq = strchr(optarg, '='), *save = NULL, *v;

				if (nax == MAX_AXES || (size_t)(eq - optarg) >= sizeof(ax[0].key)) {
					fprintf(stderr, "iommusim sweep: too many axes\n");
					return SIM_EXIT_USAGE;
				}
				memcpy(ax[nax].key, optarg, (size_t)(eq - optarg));
				for (v = strtok_r(eq + 1, ",", &save); v; v = strtok_r(NULL, ",", &save)) {
					if (ax[nax].n == MAX_VALUES) {
						fprintf(stderr, "iommusim sweep: more than %d values\n",
							MAX_VALUES);
						return SIM_EXIT_USAGE;
					}
					ax[nax].val[ax[nax].n++] = v;
				}
				if (!ax[nax].n) {
					fprintf(stderr, "iommusim sweep: --set %s: no values\n", ax[nax].key);
					return SIM_EXIT_USAGE;
				}
				npoints *= ax[nax].n;
				nax++;
			} else {
				if (nfixed == SCEN_MAX_SETS - MAX_AXES) {
					fprintf(stderr, "iommusim sweep: too many --set options\n");
					return SIM_EXIT_USAGE;
				}
				fixed[nfixed++] = optarg;
			}
			break;
		case 'j': {
			char *end;
			long j = strtol(optarg, &end, 10);

			if (*end || j < 1 || j > 256) {
				fprintf(stderr, "iommusim sweep: -j %s: expected 1..256\n", optarg);
				return SIM_EXIT_USAGE;
			}
			jobs = (unsigned)j;
			break;
		}
		case 'o': dir = optarg; break;
		case 'p': plot = optarg; break;
		case 'q': quiet = true; break;
		case 'h': sweep_usage(stdout); return SIM_EXIT_OK;
		default:
			if (reg_slurm_option(c, optarg, &so, &slurm, &err) > 0)
				break;
			return sim_cli_usage_error("sweep", sweep_usage, err.msg);
		}
	}
	if (optind != argc - 1 || !nax) {
		if (!nax && optind == argc - 1)
			fprintf(stderr, "iommusim sweep: no axis: give --set key=v1,v2,...\n");
		sweep_usage(stderr);
		return SIM_EXIT_USAGE;
	}
	if (npoints > MAX_POINTS) {
		fprintf(stderr, "iommusim sweep: %u points (at most %d)\n", npoints, MAX_POINTS);
		return SIM_EXIT_USAGE;
	}
	/* Check the scenario and every axis value once, here, for clear errors. */
	sc = calloc(1, sizeof(*sc));
	if (!sc)
		return SIM_EXIT_FAILURE;
	for (unsigned a = 0; a < nax; a++) {
		for (unsigned v = 0; v < ax[a].n; v++) {
			const char *sets[SCEN_MAX_SETS];
			static char one[PATH_MAX * 2];
			unsigned n = 0;

			for (unsigned i = 0; i < nfixed; i++)
				sets[n++] = fixed[i];
			(void)!snprintf(one, sizeof(one), "%s=%s", ax[a].key, ax[a].val[v]);
			sets[n++] = one;
			if (scenario_load(sc, argv[optind], sets, n, &err)) {
				fprintf(stderr, "iommusim: %s\n", err.msg);
				free(sc);
				return SIM_EXIT_USAGE;
			}
		}
	}
	if (!dir) {
		snprintf(dirbuf, sizeof(dirbuf), "out/sweep-%s", sc->name);
		mkdir("out", 0777);
		dir = dirbuf;
	}
	free(sc);
	if (strlen(dir) > PATH_MAX - 64) {
		fprintf(stderr, "iommusim sweep: %s: path too long\n", dir);
		return SIM_EXIT_USAGE;
	}
	if (mkdir(dir, 0777) && errno != EEXIST) {
		fprintf(stderr, "iommusim sweep: %s: %s\n", dir, strerror(errno));
		return SIM_EXIT_FAILURE;
	}
	if (write_manifest(dir, argv[optind], ax, nax, &err)) {
		fprintf(stderr, "iommusim sweep: %s\n", err.msg);
		return SIM_EXIT_FAILURE;
	}
	if (sim_cli_self_path(self, sizeof(self))) {
		fprintf(stderr, "iommusim sweep: cannot find my own executable\n");
		return SIM_EXIT_FAILURE;
	}
	status = calloc(npoints, sizeof(*status));
	if (!status)
		return SIM_EXIT_FAILURE;
	if (slurm) {
		int r = run_slurm(self, argv[optind], ax, nax, fixed, nfixed, npoints, dir, &so,
				  status);

		if (r) {
			rc = r < 0 ? SIM_EXIT_FAILURE : SIM_EXIT_OK;
			goto out;
		}
	}
	if (!slurm) {
		struct point_spawn ps = { self, argv[optind], ax, nax, fixed, nfixed, dir };

		if (reg_jobs_run(npoints, jobs, spawn_nth_point, &ps, status,
				 quiet ? NULL : "points")) {
			fprintf(stderr, "iommusim sweep: waiting for the points failed\n");
			goto out;
		}
		for (unsigned k = 0; k < npoints; k++)
			if (status[k])
				fprintf(stderr, "iommusim sweep: point %u failed (exit %d)\n", k,
					status[k]);
	}
	rc = sweep_finish(dir, ax, nax, npoints, status, plot, quiet);
out:
	free(status);
	return rc;
}
