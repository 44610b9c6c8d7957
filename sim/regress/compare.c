// SPDX-License-Identifier: GPL-2.0-only
/*
 * compare.c - each case's report against its golden file: the digest
 * (unless the suite ignores it) and every statistic the suite names,
 * exact or within the suite's relative bound. The result depends only
 * on the reports and golden files, never on who ran the cases or when.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regress.h"
#include "report.h"

void reg_value_format(char *buf, size_t len, const json_t *v)
{
	if (json_is_integer(v))
		snprintf(buf, len, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_real(v))
		snprintf(buf, len, "%.10g", json_real_value(v));
	else if (json_is_string(v))
		snprintf(buf, len, "%s", json_string_value(v));
	else
		snprintf(buf, len, "-");
}

static double num(const json_t *v)
{
	return json_is_integer(v) ? (double)json_integer_value(v) : json_real_value(v);
}

/* Within the bound? Exact: the same number (integers compare as integers). */
static bool within(const struct reg_stat *st, const json_t *g, const json_t *n)
{
	if (!json_is_number(g) || !json_is_number(n))
		return false;
	if (st->rel < 0) {
		if (json_is_integer(g) && json_is_integer(n))
			return json_integer_value(g) == json_integer_value(n);
		return num(g) == num(n);
	}
	return fabs(num(n) - num(g)) <= st->rel * fabs(num(g));
}

static json_t *delta(const json_t *g, const json_t *n)
{
	char buf[96];
	double d;
	int off;

	if (json_is_integer(g) && json_is_integer(n))
		off = snprintf(buf, sizeof(buf), "%+" JSON_INTEGER_FORMAT,
			       json_integer_value(n) - json_integer_value(g));
	else
		off = snprintf(buf, sizeof(buf), "%+.6g", num(n) - num(g));
	d = num(g);
	if (d != 0 && off > 0 && (size_t)off < sizeof(buf))
		snprintf(buf + off, sizeof(buf) - (size_t)off, " (%+.3g%%)",
			 (num(n) - d) / fabs(d) * 100);
	return json_string(buf);
}

static json_t *change(const char *stat, const json_t *g, const json_t *n, json_t *d)
{
	json_t *c = json_object();

	json_object_set_new(c, "stat", json_string(stat));
	json_object_set(c, "golden", (json_t *)g);
	json_object_set(c, "now", n ? (json_t *)n : json_null());
	json_object_set_new(c, "delta", d ? d : json_string(""));
	return c;
}

/* The last non-empty line of a case's log: why it failed. */
static json_t *failure_message(const char *dir, const struct reg_case *c, const char *why)
{
	char path[PATH_MAX], line[512], last[512] = "";
	FILE *f;

	if (!reg_case_report_path(dir, c, "log", path, sizeof(path)) && (f = fopen(path, "r"))) {
		while (fgets(line, sizeof(line), f)) {
			line[strcspn(line, "\n")] = 0;
			if (line[0])
				snprintf(last, sizeof(last), "%s", line);
		}
		fclose(f);
	}
	return json_string(last[0] ? last : why);
}

static int compare_case(const struct reg_suite *s, const struct reg_case *c, const char *dir,
			const char *kernel, json_t *out, json_t *kernels, struct sim_err *err)
{
	char path[PATH_MAX];
	json_t *g = reg_golden_load(s, c, err), *rep = NULL, *changes;
	const json_t *gstats, *nstats;
	const char *gk;

	if (!g)
		return -1;
	json_object_set_new(out, "case", json_string(c->id));
	json_object_set_new(out, "entry", json_string(c->entry));
	gk = json_string_value(json_object_get(g, "kernel_source"));
	json_object_set_new(out, "kernel_golden", json_string(gk));
	if (strcmp(gk, kernel)) {
		json_t *n = json_object_get(kernels, gk);

		json_object_set_new(kernels, gk, json_integer(n ? json_integer_value(n) + 1 : 1));
	}
	if (!reg_case_report_path(dir, c, "json", path, sizeof(path)))
		rep = json_load_file(path, 0, NULL);
	if (!rep || !json_is_object(json_object_get(rep, "statistics"))) {
		json_object_set_new(out, "status", json_string("failed"));
		json_object_set_new(out, "message", failure_message(dir, c, "no report"));
		json_object_set_new(out, "changes", json_array());
		json_decref(rep);
		json_decref(g);
		return 0;
	}
	changes = json_array();
	if (c->digest && !json_equal(json_object_get(g, "digest"), json_object_get(rep, "digest")))
		json_array_append_new(changes, change("digest", json_object_get(g, "digest"),
						      json_object_get(rep, "digest"), NULL));
	gstats = json_object_get(g, "statistics");
	nstats = json_object_get(rep, "statistics");
	for (unsigned i = 0; i < c->nstats; i++) {
		const json_t *gv = json_object_get(gstats, c->stats[i].name);
		const json_t *nv = report_at(nstats, c->stats[i].name);

		if (!json_is_number(nv)) {
			sim_err_set(err, "%s:%d: case %s: the report has no numeric statistic %s",
				    s->path, c->stats[i].line, c->id, c->stats[i].name);
			json_decref(changes);
			json_decref(rep);
			json_decref(g);
			return -1;
		}
		if (!within(&c->stats[i], gv, nv))
			json_array_append_new(changes, change(c->stats[i].name, gv, nv,
							      delta(gv, nv)));
	}
	json_object_set_new(out, "status", json_string(json_array_size(changes) ? "changed"
									      : "same"));
	json_object_set_new(out, "changes", changes);
	json_decref(rep);
	json_decref(g);
	return 0;
}

json_t *reg_compare(const struct reg_suite *s, const char *dir, const char *kernel,
		    struct sim_err *err)
{
	json_t *cmp = json_object(), *results = json_array(), *kernels = json_object(), *k;
	unsigned changed = 0, failed = 0;

	for (unsigned i = 0; i < s->ncases; i++) {
		json_t *r = json_object();
		const char *st;

		if (compare_case(s, &s->cases[i], dir, kernel, r, kernels, err)) {
			json_decref(r);
			json_decref(cmp);
			json_decref(results);
			json_decref(kernels);
			return NULL;
		}
		st = json_string_value(json_object_get(r, "status"));
		changed += !strcmp(st, "changed");
		failed += !strcmp(st, "failed");
		json_array_append_new(results, r);
	}
	k = json_object();
	json_object_set_new(k, "now", json_string(kernel));
	json_object_set_new(k, "golden_differs", kernels);      /* version: cases */
	json_object_set_new(cmp, "suite", json_string(s->name));
	json_object_set_new(cmp, "kernel_source", k);
	json_object_set_new(cmp, "cases", json_integer(s->ncases));
	json_object_set_new(cmp, "changed", json_integer(changed));
	json_object_set_new(cmp, "failed", json_integer(failed));
	json_object_set_new(cmp, "results", results);
	return cmp;
}

int reg_compare_status(const json_t *cmp)
{
	return json_integer_value(json_object_get(cmp, "changed")) ||
	       json_integer_value(json_object_get(cmp, "failed")) ? 1 : 0;
}
