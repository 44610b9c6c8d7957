// SPDX-License-Identifier: GPL-2.0-only
/*
 * cli_inject.c - `iommusim inject`: a fault-injection campaign (issue 13).
 *
 * A golden run of the scenario (nothing injected, the isolation checker
 * on), then COUNT injections of each fault model, each its own run in a
 * child process (-j at a time): a crash is a simulator error of that
 * injection alone, and nothing one run leaves behind reaches another.
 * Injection i of model m is drawn from (seed, m, i) and the golden run's
 * request count alone, and results are gathered by index, so the
 * campaign's counts are the same bytes for any -j.
 *
 * Out (-o DIR, default out/inject-<scenario>/): campaign.json (rates and
 * 95% intervals per model and class, every non-masked injection with its
 * reproducer), injections.csv (one row each), outcomes.svg (gnuplot).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "outcome.h"
#include "report.h"
#include "sim_inject.h"

/* A child that has used this much CPU is stopped: a simulator error. */
#define CHILD_CPU_LIMIT_S 600

struct campaign {
	const char *scenario;
	const char *const *sets;
	unsigned nsets;
	const struct scenario *sc;
	sim_time_t hang_ps;
	const char *tmpdir;
};

struct job {
	struct sim_inj_spec spec;
	struct inj_run_result res;
	enum inj_class cls;
	char why[256];
};

static void inject_usage(FILE *f)
{
	fputs("usage: iommusim inject SCENARIO --model NAME[,NAME...] --count N [options]\n"
	      "  --model LIST      fault models, or all: cache-flip, table-flip, walk-abort,\n"
	      "                    inval-drop, inval-delay, inval-reorder, inval-skip,\n"
	      "                    queue-full, torn\n"
	      "  --count N         injections of each model\n"
	      "  -j N              runs at once (default 1); results do not depend on it\n"
	      "  --seed S          the campaign's seed (default: the scenario's)\n"
	      "  -o DIR            campaign.json, injections.csv, outcomes.svg\n"
	      "                    (default out/inject-<scenario>)\n"
	      "  --set key=value   override a scenario value, as for run\n"
	      "  --mode lt|at|fast same as --set run.mode=...\n"
	      "  --hang-ns NS      a request unanswered this long is a hang (default 1000000)\n"
	      "  --tmpdir DIR      where generated traces are written\n"
	      "  -q, --quiet       no table\n"
	      "Each run is also `iommusim run SCENARIO --inject SPEC`: the JSON gives that\n"
	      "line for every injection that was not masked.\n", f);
}

/*
 * A fatal signal in the child. Inside the simulated kernel, on memory an
 * injected fault corrupted, it is the kernel's oops (a real one would
 * stop the machine): the run's result says so. Anywhere else it is the
 * simulator's own crash, and the child dies of it.
 */
static struct inj_run_result crash_res;
static const struct sim_inject *crash_in;
static int crash_fd = -1;

static void on_fatal(int sig)
{
	static const char head[] = "kernel oops: signal ", tail[] = " inside the simulated kernel";
	size_t n = sizeof(head) - 1;

	if (crash_in && sim_sw_kernel_active && sim_sw_kernel_active()) {
		crash_res.status = 4;
		memcpy(crash_res.err, head, n);
		crash_res.err[n++] = (char)('0' + sig / 10 % 10);
		crash_res.err[n++] = (char)('0' + sig % 10);
		memcpy(crash_res.err + n, tail, sizeof(tail));
		crash_res.o = *sim_inject_outcome(crash_in);
		if (crash_fd < 0) {
			/* `run --inject`: say so, as the campaign would have classed it */
			size_t len = strlen(crash_res.err);

			crash_res.err[len] = '\n';
			if (write(STDERR_FILENO, "iommusim: ", 10) == 10 &&
			    write(STDERR_FILENO, crash_res.err, len + 1) == (ssize_t)len + 1)
				_exit(SIM_EXIT_FAILURE);
		} else if (write(crash_fd, &crash_res, sizeof(crash_res)) ==
			   (ssize_t)sizeof(crash_res)) {
			_exit(0);
		}
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

void sim_inject_catch_oops(const struct sim_inject *in, int fd)
{
	crash_in = in;
	crash_fd = fd;
	signal(SIGSEGV, on_fatal);
	signal(SIGBUS, on_fatal);
	signal(SIGABRT, on_fatal);
	signal(SIGFPE, on_fatal);
}

/* The child: one run, its result written whole to fd. */
static void child_run(const struct campaign *cp, const struct sim_inj_spec *spec, int fd)
{
	struct inj_run_result res = { 0 };
	struct rlimit cpu = { CHILD_CPU_LIMIT_S, CHILD_CPU_LIMIT_S };
	struct sim_err err = { "" };
	struct sim_inject *in;
	bool usage;
	json_t *rep;
	int null = open("/dev/null", 0);

	/* the kernel's log is kept for the report; the terminal stays quiet */
	if (null >= 0) {
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
	}
	setrlimit(RLIMIT_CPU, &cpu);
	in = sim_inject_create(spec, cp->hang_ps, &err);
	sim_inject_catch_oops(in, fd);
	rep = in ? sim_run_scenario_inj(cp->sc, false, cp->tmpdir, in, &usage, &err) : NULL;
	if (!rep) {
		res.status = in && !usage ? 1 : 2;
		snprintf(res.err, sizeof(res.err), "%s", err.msg);
	} else {
		const json_t *s = json_object_get(rep, "statistics");
		const json_t *codes = report_at(s, "faults.codes");
		const char *first = json_string_value(report_at(s, "page_requests.first_error"));

		snprintf(res.digest, sizeof(res.digest), "%s",
			 json_string_value(json_object_get(rep, "digest")));
		res.requests = (uint64_t)json_integer_value(report_at(s, "requests"));
		res.faults = (uint64_t)json_integer_value(report_at(s, "faults.count"));
		res.page_requests =
			(uint64_t)json_integer_value(report_at(s, "page_requests.requests"));
		res.service_errors = first && *first;
		for (size_t i = 0; i < json_array_size(codes) && i < 8; i++) {
			const json_t *e = json_array_get(codes, i);

			res.fault_codes[i][0] =
				strtoull(json_string_value(json_object_get(e, "code")), NULL, 0);
			res.fault_codes[i][1] = (uint64_t)json_integer_value(json_object_get(e, "count"));
		}
	}
	if (in)
		res.o = *sim_inject_outcome(in);
	json_decref(rep);
	sim_inject_destroy(in);
	if (write(fd, &res, sizeof(res)) != (ssize_t)sizeof(res))
		_exit(3);
	_exit(0);
}

struct running {
	pid_t pid;
	int fd;
	size_t idx;
};

/* What a child that died left: its result, or a crash. */
static void reap(struct running *r, int status, struct inj_run_result *res)
{
	ssize_t got = read(r->fd, res, sizeof(*res));

	close(r->fd);
	if (got == (ssize_t)sizeof(*res) && WIFEXITED(status) && !WEXITSTATUS(status))
		return;
	memset(res, 0, sizeof(*res));
	res->status = 3;
	if (WIFSIGNALED(status))
		snprintf(res->err, sizeof(res->err), "the run died of signal %d (%s)",
			 WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		snprintf(res->err, sizeof(res->err), "the run exited %d without a result",
			 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

/* Run every job, jobs at a time; results land by index. 0, or -1 with err. */
static int run_all(const struct campaign *cp, struct job *jobs, size_t n, unsigned par,
		   bool progress, struct sim_err *err)
{
	struct running *run = calloc(par, sizeof(*run));
	size_t next = 0, done = 0;
	unsigned active = 0;

	if (!run) {
		sim_err_set(err, "out of memory");
		return -1;
	}
	fflush(NULL);
	while (done < n) {
		pid_t pid;
		int st;

		while (active < par && next < n) {
			int p[2];

			if (pipe(p)) {
				sim_err_set(err, "pipe: %s", strerror(errno));
				goto fail;
			}
			pid = fork();
			if (pid < 0) {
				sim_err_set(err, "fork: %s", strerror(errno));
				close(p[0]);
				close(p[1]);
				goto fail;
			}
			if (!pid) {
				close(p[0]);
				child_run(cp, &jobs[next].spec, p[1]);
			}
			close(p[1]);
			for (unsigned i = 0; i < par; i++)
				if (!run[i].pid) {
					run[i] = (struct running){ pid, p[0], next++ };
					break;
				}
			active++;
		}
		pid = waitpid(-1, &st, 0);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			sim_err_set(err, "waitpid: %s", strerror(errno));
			goto fail;
		}
		for (unsigned i = 0; i < par; i++)
			if (run[i].pid == pid) {
				reap(&run[i], st, &jobs[run[i].idx].res);
				run[i].pid = 0;
				active--;
				done++;
				break;
			}
		if (progress)
			fprintf(stderr, "\r%zu/%zu injections", done, n);
	}
	if (progress)
		fprintf(stderr, "\r\033[K");
	free(run);
	return 0;
fail:
	for (unsigned i = 0; i < par; i++)
		if (run[i].pid) {
			kill(run[i].pid, SIGKILL);
			waitpid(run[i].pid, NULL, 0);
			close(run[i].fd);
		}
	free(run);
	return -1;
}

/* The one line that repeats injection j. */
static void reproducer(const struct campaign *cp, const struct job *j, char *buf, size_t len)
{
	char spec[256];
	size_t n;

	sim_inj_format(&j->spec, spec, sizeof(spec));
	n = (size_t)snprintf(buf, len, "iommusim run %s", cp->scenario);
	for (unsigned i = 0; i < cp->nsets && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, " --set '%s'", cp->sets[i]);
	if (n < len)
		snprintf(buf + n, len - n, " --inject '%s'", spec);
}

struct tally {
	uint64_t n[SIM_INJ_COUNT][INJ_CLASS_COUNT];
	uint64_t fired[SIM_INJ_COUNT];
};

static json_t *rate_json(uint64_t k, uint64_t n)
{
	double lo, hi;

	inj_wilson95(k, n, &lo, &hi);
	return json_pack("{s:I,s:f,s:[f,f]}", "count", (json_int_t)k, "rate",
			 n ? (double)k / (double)n : 0.0, "ci95", lo, hi);
}

static json_t *campaign_json(const struct campaign *cp, const struct job *jobs, size_t n,
			     const bool *models, uint64_t count, uint64_t seed,
			     const struct inj_run_result *golden, const struct tally *t)
{
	json_t *j = json_object(), *per = json_object(), *list = json_array();

	json_object_set_new(j, "scenario", json_string(cp->scenario));
	json_object_set_new(j, "seed", json_integer((json_int_t)seed));
	json_object_set_new(j, "injections_per_model", json_integer((json_int_t)count));
	json_object_set_new(j, "golden", json_pack("{s:s,s:I,s:I}", "digest", golden->digest,
						   "requests", (json_int_t)golden->requests,
						   "faults", (json_int_t)golden->faults));
	for (int m = 0; m < SIM_INJ_COUNT; m++) {
		json_t *o;

		if (!models[m])
			continue;
		o = json_object();
		json_object_set_new(o, "activated", rate_json(t->fired[m], count));
		for (int c = 0; c < INJ_CLASS_COUNT; c++)
			json_object_set_new(o, inj_class_name(c), rate_json(t->n[m][c], count));
		json_object_set_new(per, sim_inj_model_name(m), o);
	}
	json_object_set_new(j, "models", per);
	for (size_t i = 0; i < n; i++) {
		char spec[256], repro[1024];

		if (jobs[i].cls == INJ_MASKED)
			continue;
		sim_inj_format(&jobs[i].spec, spec, sizeof(spec));
		reproducer(cp, &jobs[i], repro, sizeof(repro));
		json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:s}", "spec", spec,
						      "class", inj_class_name(jobs[i].cls),
						      "why", jobs[i].why, "reproducer", repro));
	}
	json_object_set_new(j, "not_masked", list);
	return j;
}

/* CSV text of every injection (fields never hold a comma or a quote but why, quoted). */
static char *csv_text(const struct job *jobs, size_t n)
{
	size_t cap = 256 + n * 700, len = 0;
	char *s = malloc(cap);

	if (!s)
		return NULL;
	len += (size_t)snprintf(s, cap, "index,model,spec,fired,class,why\n");
	for (size_t i = 0; i < n; i++) {
		char spec[256], why[256];
		size_t k = 0;

		sim_inj_format(&jobs[i].spec, spec, sizeof(spec));
		for (const char *p = jobs[i].why; *p && k < sizeof(why) - 1; p++)
			why[k++] = *p == '"' ? '\'' : *p;
		why[k] = 0;
		len += (size_t)snprintf(s + len, cap - len, "%zu,%s,\"%s\",%d,%s,\"%s\"\n", i,
					sim_inj_model_name(jobs[i].spec.model), spec,
					jobs[i].res.o.fired, inj_class_name(jobs[i].cls), why);
	}
	return s;
}

static void print_table(FILE *f, const bool *models, uint64_t count, const struct tally *t)
{
	fprintf(f, "%-14s %9s", "model", "activated");
	for (int c = 0; c < INJ_CLASS_COUNT; c++)
		fprintf(f, " %17s", inj_class_name(c));
	fprintf(f, "\n");
	for (int m = 0; m < SIM_INJ_COUNT; m++) {
		if (!models[m])
			continue;
		fprintf(f, "%-14s %8.1f%%", sim_inj_model_name(m),
			100.0 * (double)t->fired[m] / (double)count);
		for (int c = 0; c < INJ_CLASS_COUNT; c++) {
			double lo, hi;
			char cell[40];

			inj_wilson95(t->n[m][c], count, &lo, &hi);
			snprintf(cell, sizeof(cell), "%" PRIu64 " [%.0f-%.0f%%]", t->n[m][c],
				 100 * lo, 100 * hi);
			fprintf(f, " %17s", cell);
		}
		fprintf(f, "\n");
	}
	fprintf(f, "(count [95%% confidence interval of the rate], %" PRIu64 " injections a model)\n",
		count);
}

static int plot(const char *dir, const bool *models, uint64_t count, const struct tally *t,
		const char *title, struct sim_err *err)
{
	char dat[PATH_MAX + 32], out[PATH_MAX + 32];
	FILE *f;
	int rc;

	snprintf(dat, sizeof(dat), "%s/outcomes.dat", dir);
	snprintf(out, sizeof(out), "%s/outcomes.svg", dir);
	f = fopen(dat, "w");
	if (!f) {
		sim_err_set(err, "%s: %s", dat, strerror(errno));
		return -1;
	}
	fprintf(f, "model");
	for (int c = 0; c < INJ_CLASS_COUNT; c++)
		fprintf(f, " %s", inj_class_name(c));
	fprintf(f, "\n");
	for (int m = 0; m < SIM_INJ_COUNT; m++) {
		if (!models[m])
			continue;
		fprintf(f, "%s", sim_inj_model_name(m));
		for (int c = 0; c < INJ_CLASS_COUNT; c++)
			fprintf(f, " %.4f", 100.0 * (double)t->n[m][c] / (double)count);
		fprintf(f, "\n");
	}
	fclose(f);
	rc = plot_inject(dat, INJ_CLASS_COUNT, title, out, err);
	if (!rc)
		unlink(dat);
	return rc;
}

static int parse_models(const char *list, bool *models)
{
	char buf[256], *save = NULL;

	if (!strcmp(list, "all")) {
		for (int m = 0; m < SIM_INJ_COUNT; m++)
			models[m] = true;
		return 0;
	}
	if (strlen(list) >= sizeof(buf))
		return -1;
	strcpy(buf, list);
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int m = sim_inj_model_find(t);

		if (m < 0)
			return -1;
		models[m] = true;
	}
	return 0;
}

static int write_outputs(const char *dir, const struct campaign *cp, struct job *jobs, size_t n,
			 const bool *models, uint64_t count, uint64_t seed,
			 const struct inj_run_result *golden, const struct tally *t,
			 struct sim_err *err)
{
	char path[PATH_MAX + 32], title[256];
	json_t *j = campaign_json(cp, jobs, n, models, count, seed, golden, t);
	char *text = j ? report_dumps(j) : NULL;
	char *csv = csv_text(jobs, n);
	int rc = -1;

	if (mkdir(dir, 0777) && errno != EEXIST) {
		sim_err_set(err, "%s: %s", dir, strerror(errno));
		goto out;
	}
	if (!text || !csv) {
		sim_err_set(err, "out of memory");
		goto out;
	}
	snprintf(path, sizeof(path), "%s/campaign.json", dir);
	if (report_write_atomic(path, text, err))
		goto out;
	snprintf(path, sizeof(path), "%s/injections.csv", dir);
	if (report_write_atomic(path, csv, err))
		goto out;
	snprintf(title, sizeof(title), "Fault injection: %s", cp->sc->name);
	rc = plot(dir, models, count, t, title, err);
out:
	json_decref(j);
	free(text);
	free(csv);
	return rc;
}

int sim_cmd_inject(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "model", required_argument, NULL, 'M' },
		{ "count", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 'S' },
		SIM_CLI_SCEN_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	struct campaign cp = { 0 };
	struct sim_cli_scen_opts so = { .hang_ns = SIM_INJ_HANG_NS };
	bool models[SIM_INJ_COUNT] = { false }, any = false, seeded = false;
	uint64_t count = 0, seed = 0, jobs_n = 1;
	const char *dir = NULL, *msg = NULL;
	char dirbuf[PATH_MAX];
	struct sim_err err = { "" };
	struct job *jobs = NULL, golden = { 0 };
	struct scenario *sc = NULL;
	struct tally t = { 0 };
	size_t n = 0;
	int c, rc = SIM_EXIT_FAILURE;

	optind = 1;
	while ((c = getopt_long(argc, argv, "j:o:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'M':
			if (parse_models(optarg, models))
				return sim_cli_usage_error("inject", inject_usage,
							   "--model: a list of fault models, or all");
			break;
		case 'n':
			if (sim_cli_parse_u64(optarg, &count) || !count || count > 1000000)
				return sim_cli_usage_error("inject", inject_usage,
							   "--count: 1..1000000");
			break;
		case 'j':
			if (sim_cli_parse_u64(optarg, &jobs_n) || !jobs_n || jobs_n > 256)
				return sim_cli_usage_error("inject", inject_usage, "-j: 1..256");
			break;
		case 'S':
			if (sim_cli_parse_u64(optarg, &seed))
				return sim_cli_usage_error("inject", inject_usage, "--seed: a number");
			seeded = true;
			break;
		case 'o': dir = optarg; break;
		default:
			switch (sim_cli_scen_option(&so, c, optarg, &msg)) {
			case 1: break;
			case -1: return sim_cli_usage_error("inject", inject_usage, msg);
			default: return sim_cli_help_or_usage(c, "inject", inject_usage);
			}
		}
	}
	for (int m = 0; m < SIM_INJ_COUNT; m++)
		any |= models[m];
	if (optind != argc - 1 || !any || !count)
		return sim_cli_usage_error("inject", inject_usage,
					   optind != argc - 1 ? NULL : "--model and --count are needed");
	cp.scenario = argv[optind];
	cp.sets = so.sets;
	cp.nsets = so.nsets;
	cp.tmpdir = so.tmpdir;
	cp.hang_ps = so.hang_ns * SIM_PS_PER_NS;
	sc = calloc(1, sizeof(*sc));
	if (!sc)
		return SIM_EXIT_FAILURE;
	if (scenario_load(sc, cp.scenario, cp.sets, cp.nsets, &err)) {
		fprintf(stderr, "iommusim: %s\n", err.msg);
		free(sc);
		return SIM_EXIT_USAGE;
	}
	cp.sc = sc;
	if (!seeded)
		seed = sc->seed;
	if (!dir) {
		if (mkdir("out", 0777) && errno != EEXIST) {
			fprintf(stderr, "iommusim: out: %s\n", strerror(errno));
			goto done;
		}
		snprintf(dirbuf, sizeof(dirbuf), "out/inject-%s", sc->name);
		dir = dirbuf;
	}

	/* The golden run: nothing injected, the checker on. */
	golden.spec.model = SIM_INJ_NONE;
	if (run_all(&cp, &golden, 1, 1, false, &err))
		goto fail;
	if (golden.res.status) {
		fprintf(stderr, "iommusim: the run without injection failed: %s\n", golden.res.err);
		rc = golden.res.status == 2 ? SIM_EXIT_USAGE : SIM_EXIT_FAILURE;
		goto done;
	}
	if (golden.res.o.breach || golden.res.o.sdc) {
		fprintf(stderr, "iommusim: the run without injection already breaks isolation: %s\n",
			golden.res.o.first_flag);
		goto done;
	}

	for (int m = 0; m < SIM_INJ_COUNT; m++)
		n += models[m] ? count : 0;
	jobs = calloc(n, sizeof(*jobs));
	if (!jobs) {
		sim_err_set(&err, "out of memory");
		goto fail;
	}
	n = 0;
	for (int m = 0; m < SIM_INJ_COUNT; m++)
		for (uint64_t i = 0; models[m] && i < count; i++)
			sim_inj_generate((enum sim_inj_model)m, sc->iommu, seed, i,
					 golden.res.requests, &jobs[n++].spec);
	if (run_all(&cp, jobs, n, (unsigned)jobs_n, !so.quiet && isatty(STDERR_FILENO), &err))
		goto fail;
	for (size_t i = 0; i < n; i++) {
		struct job *j = &jobs[i];

		j->cls = inj_classify(&golden.res, &j->res, j->why, sizeof(j->why));
		t.n[j->spec.model][j->cls]++;
		t.fired[j->spec.model] += j->res.o.fired;
	}
	if (!so.quiet) {
		printf("%s: golden %s, %" PRIu64 " requests; seed %" PRIu64 "\n", cp.scenario,
		       golden.res.digest, golden.res.requests, seed);
		print_table(stdout, models, count, &t);
	}
	if (write_outputs(dir, &cp, jobs, n, models, count, seed, &golden.res, &t, &err))
		goto fail;
	if (!so.quiet)
		printf("campaign         %s/campaign.json, injections.csv, outcomes.svg\n", dir);
	rc = SIM_EXIT_OK;
	goto done;
fail:
	fprintf(stderr, "iommusim: %s\n", err.msg);
done:
	free(jobs);
	free(sc);
	return rc;
}
