// SPDX-License-Identifier: GPL-2.0-only
/*
 * plot.c - figures through gnuplot: a generated script and data file
 * beside the output, gnuplot run as a child process, the image renamed
 * into place when gnuplot succeeded.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "histogram.h"

extern char **environ;

static const char *terminal_for(const char *out, struct sim_err *err)
{
	size_t n = strlen(out);

	if (n > 4 && !strcmp(out + n - 4, ".svg"))
		return "svg size 800,500 dynamic background rgb 'white'";
	if (n > 4 && !strcmp(out + n - 4, ".png"))
		return "pngcairo size 800,500";
	sim_err_set(err, "%s: plots are .svg or .png", out);
	return NULL;
}

static int run_gnuplot(const char *script, const char *tmp_out, const char *out,
		       struct sim_err *err)
{
	char *argv[] = { (char *)"gnuplot", (char *)script, NULL };
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int st, rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", 0, 0);
	rc = posix_spawnp(&pid, "gnuplot", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc) {
		sim_err_set(err, "cannot run gnuplot: %s (install gnuplot-nox)", strerror(rc));
		return -1;
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			sim_err_set(err, "gnuplot: %s", strerror(errno));
			return -1;
		}
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		sim_err_set(err, "%s: gnuplot failed (script %s kept)", out, script);
		unlink(tmp_out);
		return -1;
	}
	if (rename(tmp_out, out)) {
		sim_err_set(err, "%s: %s", out, strerror(errno));
		unlink(tmp_out);
		return -1;
	}
	unlink(script);
	return 0;
}

/* Buckets of a report's latency object as cumulative fractions. */
static void cdf_rows(FILE *f, const json_t *lat)
{
	const json_t *h = json_object_get(lat, "histogram");
	json_int_t total = json_integer_value(json_object_get(lat, "count")), seen = 0;

	/* start at 0 so that the first rise is drawn */
	if (json_array_size(h))
		fprintf(f, "%.3f 0\n", json_number_value(json_array_get(json_array_get(h, 0), 0)));
	for (size_t i = 0; i < json_array_size(h); i++) {
		const json_t *b = json_array_get(h, i);

		seen += json_integer_value(json_array_get(b, 1));
		fprintf(f, "%.3f %.6f\n", json_number_value(json_array_get(b, 0)),
			total ? (double)seen / (double)total : 0.0);
	}
	fprintf(f, "\n\n");
}

/* fopen(path, "w"), or NULL with the reason in err */
static FILE *create_file(const char *path, struct sim_err *err)
{
	FILE *f = fopen(path, "w");

	if (!f)
		sim_err_set(err, "%s: %s", path, strerror(errno));
	return f;
}

int plot_latency_cdf(const json_t *rep, const char *out, struct sim_err *err)
{
	const json_t *s = json_object_get(rep, "statistics");
	const char *term = terminal_for(out, err);
	char data[PATH_MAX], script[PATH_MAX], tmp_out[PATH_MAX];
	FILE *f;

	if (!term)
		return -1;
	snprintf(data, sizeof(data), "%s.dat", out);
	snprintf(script, sizeof(script), "%s.gp", out);
	snprintf(tmp_out, sizeof(tmp_out), "%s.tmp.%ld", out, (long)getpid());
	f = create_file(data, err);
	if (!f)
		return -1;
	cdf_rows(f, json_object_get(s, "translation_latency_ns"));
	cdf_rows(f, json_object_get(s, "dma_latency_ns"));
	fclose(f);
	f = create_file(script, err);
	if (!f) {
		unlink(data);
		return -1;
	}
	fprintf(f, "set terminal %s\nset output '%s'\n"
		   "set title 'Latency CDF: %s'\nset xlabel 'latency (ns)'\n"
		   "set ylabel 'fraction of requests'\nset logscale x\nset grid\n"
		   "set yrange [0:1.02]\nset key bottom right\n"
		   "plot '%s' index 0 with steps lw 2 title 'translation', "
		   "'%s' index 1 with steps lw 2 title 'DMA (translation + memory)'\n",
		term, tmp_out,
		json_string_value(json_object_get(json_object_get(rep, "scenario"), "name")),
		data, data);
	fclose(f);
	if (run_gnuplot(script, tmp_out, out, err))
		return -1;
	unlink(data);
	return 0;
}

/* Column number (1-based) of name in a CSV header line. */
static int csv_column(const char *header, const char *name)
{
	char buf[4096], *save = NULL;
	int i = 1;

	snprintf(buf, sizeof(buf), "%s", header);
	buf[strcspn(buf, "\r\n")] = 0;
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save), i++)
		if (!strcmp(t, name))
			return i;
	return 0;
}

/*
 * The gnuplot script for a plot to out (script: out.gp), the name the
 * plot is drawn to before it is renamed into place (tmp_out; both
 * PATH_MAX) and the terminal out's suffix asks for (*term). The script is
 * open for writing, or NULL with err.
 */
static FILE *begin_script(const char *out, char *script, char *tmp_out, const char **term,
			  struct sim_err *err)
{
	*term = terminal_for(out, err);
	if (!*term)
		return NULL;
	snprintf(script, PATH_MAX, "%s.gp", out);
	snprintf(tmp_out, PATH_MAX, "%s.tmp.%ld", out, (long)getpid());
	return create_file(script, err);
}

/* A plot to out: its terminal and output lines, then fmt's lines; gnuplot draws it. */
static __attribute__((format(printf, 3, 4))) int plot_run(const char *out, struct sim_err *err,
							   const char *fmt, ...)
{
	char script[PATH_MAX], tmp_out[PATH_MAX];
	const char *term;
	FILE *f = begin_script(out, script, tmp_out, &term, err);
	va_list ap;

	if (!f)
		return -1;
	fprintf(f, "set terminal %s\nset output '%s'\n", term, tmp_out);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fclose(f);
	return run_gnuplot(script, tmp_out, out, err);
}

int plot_sweep(const char *csv, const char *key, bool logx, const char *out, struct sim_err *err)
{
	char header[4096];
	int kc, hc, mc;
	FILE *f;

	f = fopen(csv, "r");
	if (!f || !fgets(header, sizeof(header), f)) {
		sim_err_set(err, "%s: %s", csv, f ? "empty" : strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	kc = csv_column(header, key);
	hc = csv_column(header, "tlb_hit_rate");
	mc = csv_column(header, "xlate_mean_ns");
	if (!kc || !hc || !mc) {
		sim_err_set(err, "%s: not a sweep CSV", csv);
		return -1;
	}
	return plot_run(out, err, "set datafile separator ','\n"
		   "set key autotitle columnhead\nset title 'Sweep of %s'\n"
		   "set xlabel '%s'\nset ylabel 'IOTLB/TLB hit rate'\nset y2label 'mean translation latency (ns)'\n"
		   "set ytics nomirror\nset y2tics\nset grid\nset key top center\n%s"
		   "plot '%s' using %d:%d with linespoints lw 2 axes x1y1 title 'hit rate', "
		   "'%s' using %d:%d with linespoints lw 2 axes x1y2 title 'mean latency'\n",
		   key, key, logx ? "set logscale x 2\n" : "", csv, kc, hc, csv, kc, mc);
}

int plot_history(const char *dat, unsigned blocks, const char *title, const char *out,
		 struct sim_err *err)
{
	/* dat: "run value" rows, one block per case (blank lines between) */
	return plot_run(out, err, "set title '%s' noenhanced\n"
			"set xlabel 'regression run'\nset ylabel 'value'\nset grid\nset key noenhanced\n"
			"plot for [i=0:%u] '%s' index i using 1:2 with linespoints lw 2 "
			"title columnhead(1)\n", title, blocks ? blocks - 1 : 0, dat);
}

int plot_inject(const char *dat, unsigned columns, const char *title, const char *out,
		struct sim_err *err)
{
	/* dat: a header row of names, then "model share..." rows, shares in percent */
	return plot_run(out, err, "set title '%s' noenhanced\n"
			"set style data histograms\nset style histogram rowstacked\n"
			"set style fill solid 0.85 border -1\nset boxwidth 0.7\n"
			"set ylabel 'injections (%%)'\nset yrange [0:100]\nset grid ytics\n"
			"set key outside right noenhanced\nset xtics rotate by -30 noenhanced\n"
			"plot for [i=2:%u] '%s' using i:xtic(1) title columnheader(i)\n",
			title, columns + 1, dat);
}
