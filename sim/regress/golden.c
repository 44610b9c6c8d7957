// SPDX-License-Identifier: GPL-2.0-only
/*
 * golden.c - golden files: one JSON file per case, written only by
 * `iommusim regress bless`, kept in version control. Each holds the case,
 * its scenario and overrides (for the reviewer), the kernel source
 * version of the build that made it, the report's digest and the
 * statistics the suite names.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "regress.h"
#include "report.h"

int reg_golden_path(const struct reg_suite *s, const struct reg_case *c, char *out,
		    size_t len)
{
	return (size_t)snprintf(out, len, "%s/%s.json", s->golden_dir, c->id) >= len ? -1 : 0;
}

json_t *reg_golden_load(const struct reg_suite *s, const struct reg_case *c,
			struct sim_err *err)
{
	char path[PATH_MAX];
	json_error_t je;
	json_t *g;
	FILE *f;

	if (reg_golden_path(s, c, path, sizeof(path))) {
		sim_err_set(err, "%s:%d: %s: golden path too long", s->path, c->line, c->id);
		return NULL;
	}
	f = fopen(path, "r");
	if (!f) {
		sim_err_set(err, "%s:%d: case %s: no golden file %s (%s; make it with "
			    "`iommusim regress bless`)", s->path, c->line, c->id, path,
			    strerror(errno));
		return NULL;
	}
	g = json_loadf(f, 0, &je);
	fclose(f);
	if (!g) {
		sim_err_set(err, "%s:%d: %s", path, je.line, je.text);
		return NULL;
	}
	if (!json_is_object(json_object_get(g, "statistics")) ||
	    !json_is_string(json_object_get(g, "digest")) ||
	    !json_is_string(json_object_get(g, "kernel_source"))) {
		sim_err_set(err, "%s:1: not a golden file (statistics, digest, kernel_source)",
			    path);
		json_decref(g);
		return NULL;
	}
	for (unsigned i = 0; i < c->nstats; i++) {
		if (!json_object_get(json_object_get(g, "statistics"), c->stats[i].name)) {
			sim_err_set(err, "%s:%d: statistic %s is not in the golden file %s "
				    "(bless the suite again)", s->path, c->stats[i].line,
				    c->stats[i].name, path);
			json_decref(g);
			return NULL;
		}
	}
	return g;
}

json_t *reg_golden_make(const struct reg_case *c, const json_t *rep, const char *kernel,
			struct sim_err *err)
{
	json_t *g = json_object(), *sets = json_array(), *st = json_object();
	const json_t *stats = json_object_get(rep, "statistics");

	if (!g || !sets || !st) {
		sim_err_set(err, "out of memory");
		goto fail;
	}
	for (unsigned i = 0; i < c->nsets; i++)
		json_array_append_new(sets, json_string(c->sets[i]));
	for (unsigned i = 0; i < c->nstats; i++) {
		const json_t *v = report_at(stats, c->stats[i].name);

		if (!json_is_number(v)) {
			sim_err_set(err, "case %s: the report has no numeric statistic %s",
				    c->id, c->stats[i].name);
			goto fail;
		}
		json_object_set_new(st, c->stats[i].name, json_deep_copy(v));
	}
	json_object_set_new(g, "case", json_string(c->id));
	json_object_set_new(g, "scenario", json_string(c->scenario_rel));
	json_object_set_new(g, "sets", sets);
	json_object_set_new(g, "kernel_source", json_string(kernel));
	json_object_set(g, "digest", json_object_get(rep, "digest"));
	json_object_set_new(g, "statistics", st);
	return g;
fail:
	json_decref(g);
	json_decref(sets);
	json_decref(st);
	return NULL;
}
