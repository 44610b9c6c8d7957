// SPDX-License-Identifier: GPL-2.0-only
/*
 * cli_run.c - `iommusim run`: load, simulate, report. The progress bar
 * appears only when stderr is a terminal.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "report.h"
#include "rtl_run.h"
#include "run.h"
#include "sim_inject.h"

static void progress(void *ctx, const struct sim_run *r, sim_time_t now)
{
	const struct scenario *sc = r->sc;

	(void)ctx;
	if (sc->length) {
		unsigned pct = (unsigned)(now >= sc->length ? 100 : now * 100 / sc->length);
		char bar[41];

		memset(bar, '#', pct * 40 / 100);
		memset(bar + pct * 40 / 100, '.', 40 - pct * 40 / 100);
		bar[40] = 0;
		fprintf(stderr, "\r[%s] %3u%%  %.1f us  %llu translations", bar, pct,
			(double)now / 1e6, (unsigned long long)r->requests);
	} else {
		fprintf(stderr, "\r%.1f us simulated, %llu translations", (double)now / 1e6,
			(unsigned long long)r->requests);
	}
	fflush(stderr);
}

json_t *sim_run_scenario(const struct scenario *sc, bool show_progress, const char *tmpdir,
			 bool *usage, struct sim_err *err)
{
	return sim_run_scenario_inj(sc, show_progress, tmpdir, NULL, usage, err);
}

json_t *sim_run_scenario_inj(const struct scenario *sc, bool show_progress, const char *tmpdir,
			     struct sim_inject *inj, bool *usage, struct sim_err *err)
{
	struct sim_run *r = calloc(1, sizeof(*r));
	json_t *rep = NULL;
	int rc;

	*usage = false;
	if (!r) {
		sim_err_set(err, "out of memory");
		return NULL;
	}
	if (inj && sc->rtl != SCEN_RTL_OFF && sim_inject_spec(inj)->model == SIM_INJ_CACHE_FLIP) {
		/* the RTL copy would disagree with the upset line: a lock-step error, not a finding */
		sim_err_set(err, "%s: cache-flip upsets the C model's caches, which iommu.rtl %s "
			    "checks against the RTL's; use iommu.rtl: off", sc->path,
			    sc->rtl == SCEN_RTL_TIMING ? "timing" : "lockstep");
		*usage = true;
		free(r);
		return NULL;
	}
	if (sim_run_init(r, sc, tmpdir, err)) {
		/* set-up failures are the scenario's (bad trace, bad config) */
		*usage = true;
		free(r);
		return NULL;
	}
	r->inj = inj;
	if (show_progress) {
		r->progress = progress;
		r->progress_next = 1u << 16;
	}
	if (sc->mode == SCEN_MODE_FAST) {
		rc = sim_fast_run(r, err);
	} else if (!sim_platform_run) {
		sim_err_set(err, "run.mode %s needs the SystemC platform, which this binary lacks "
			    "(use run.mode fast)", scen_mode_name(sc->mode));
		rc = -1;
	} else {
		rc = sim_platform_run(r, err);
	}
	if (show_progress)
		fprintf(stderr, "\r\033[K");
	if (inj)
		sim_inject_finish(r);
	if (!rc) {
		/* the lock-step's last check, before anything is written */
		sim_rtl_detach(r->rtl);
		r->rtl = NULL;
		rep = report_build(r);
	}
	else
		*usage = r->input_error;        /* a malformed trace is bad input */
	sim_run_fini(r);
	free(r);
	return rep;
}

static void run_usage(FILE *f)
{
	fputs("usage: iommusim run SCENARIO [options]\n"
	      "  --set key=value   override a scenario value (dotted path, e.g.\n"
	      "                    iommu.caches.iotlb.sets=64, devices.0.params.count=500)\n"
	      "  --mode lt|at|fast same as --set run.mode=...\n"
	      "  -o, --json FILE   JSON report (default out/<name>.json)\n"
	      "  --plot FILE       latency CDF through gnuplot (.svg or .png)\n"
	      "  --tmpdir DIR      where generated traces are written (default $TMPDIR)\n"
	      "  --inject SPEC     inject one fault (see `iommusim inject --help`; none:\n"
	      "                    only check isolation); the\n"
	      "                    report's \"inject\" part says what it did and what the\n"
	      "                    isolation checker saw\n"
	      "  --hang-ns NS      with --inject: a request unanswered this long is a\n"
	      "                    hang (default 1000000)\n"
	      "  -q, --quiet       no summary, no progress\n", f);
}

static int mkdir_p(const char *dir)
{
	return mkdir(dir, 0777) && errno != EEXIST ? -1 : 0;
}

int sim_cmd_run(int argc, char **argv)
{
	static const struct option opts[] = {
		SIM_CLI_SCEN_LONG_OPTIONS,
		{ "json", required_argument, NULL, 'o' },
		{ "plot", required_argument, NULL, 'p' },
		{ "inject", required_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 },
	};
	struct sim_cli_scen_opts so = { .hang_ns = SIM_INJ_HANG_NS };
	char outbuf[PATH_MAX];
	const char *out = NULL, *plot = NULL, *inject = NULL, *msg = NULL;
	struct sim_inject *inj = NULL;
	bool usage;
	struct scenario *sc;
	struct sim_err err = { "" };
	json_t *rep;
	char *text;
	int c, rc = SIM_EXIT_FAILURE;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'p': plot = optarg; break;
		case 'i': inject = optarg; break;
		default:
			switch (sim_cli_scen_option(&so, c, optarg, &msg)) {
			case 1: break;
			case -1: return sim_cli_usage_error("run", run_usage, msg);
			default: return sim_cli_help_or_usage(c, "run", run_usage);
			}
		}
	}
	if (optind != argc - 1)
		return sim_cli_usage_error("run", run_usage, NULL);
	sc = calloc(1, sizeof(*sc));
	if (!sc)
		return SIM_EXIT_FAILURE;
	if (scenario_load(sc, argv[optind], so.sets, so.nsets, &err)) {
		fprintf(stderr, "iommusim: %s\n", err.msg);
		free(sc);
		return SIM_EXIT_USAGE;
	}
	if (inject) {
		struct sim_inj_spec spec;

		if (sim_inj_parse(inject, &spec, &err) ||
		    !(inj = sim_inject_create(&spec, so.hang_ns * SIM_PS_PER_NS, &err))) {
			fprintf(stderr, "iommusim: %s\n", err.msg);
			free(sc);
			return SIM_EXIT_USAGE;
		}
		sim_inject_catch_oops(inj, -1);
	}
	rep = sim_run_scenario_inj(sc, !so.quiet && isatty(STDERR_FILENO), so.tmpdir, inj, &usage,
				   &err);
	if (!rep) {
		fprintf(stderr, "iommusim: %s\n", err.msg);
		sim_inject_destroy(inj);
		free(sc);
		return usage ? SIM_EXIT_USAGE : SIM_EXIT_FAILURE;
	}
	if (!out) {
		if (mkdir_p("out")) {
			fprintf(stderr, "iommusim: out: %s\n", strerror(errno));
			goto done;
		}
		snprintf(outbuf, sizeof(outbuf), "out/%s.json", sc->name);
		out = outbuf;
	}
	text = report_dumps(rep);
	if (!text || report_write_atomic(out, text, &err)) {
		fprintf(stderr, "iommusim: %s\n", text ? err.msg : "out of memory");
		free(text);
		goto done;
	}
	free(text);
	if (!so.quiet) {
		report_print_summary(stdout, rep);
		printf("  report           %s\n", out);
	}
	if (plot) {
		if (plot_latency_cdf(rep, plot, &err)) {
			fprintf(stderr, "iommusim: %s\n", err.msg);
			goto done;
		}
		if (!so.quiet)
			printf("  plot             %s\n", plot);
	}
	rc = SIM_EXIT_OK;
done:
	json_decref(rep);
	sim_inject_destroy(inj);
	free(sc);
	return rc;
}
