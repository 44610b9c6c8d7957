// SPDX-License-Identifier: GPL-2.0-only
/*
 * history.c - the regression history, a SQLite file (Debian's
 * libsqlite3): every run appends a record (suite, the git commit of the
 * suite's tree if it is in one, the kernel source version, and per case
 * its status, digest and the suite's statistics), numbered in order.
 * No wall-clock time is stored: runs are ordered by their number.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "regress.h"
#include "report.h"

static const char schema[] =
	"CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, suite TEXT NOT NULL,"
	" git_commit TEXT, kernel_source TEXT, cases INTEGER, changed INTEGER,"
	" failed INTEGER);"
	"CREATE TABLE IF NOT EXISTS results (run INTEGER NOT NULL REFERENCES runs(id),"
	" case_id TEXT NOT NULL, status TEXT, digest TEXT, stat TEXT, value REAL);"
	"CREATE INDEX IF NOT EXISTS results_case ON results (case_id, stat);";

/* The commit of the tree holding path ("+dirty" when it has changes), or "". */
static void git_commit(const char *path, char *out, size_t len)
{
	char dir[PATH_MAX], cmd[PATH_MAX * 2 + 128];
	const char *slash = strrchr(path, '/');
	FILE *p;

	out[0] = 0;
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) : 1,
		 slash ? path : ".");
	if (strchr(dir, '\''))
		return;
	snprintf(cmd, sizeof(cmd), "git -C '%s' rev-parse HEAD 2>/dev/null && "
		 "{ git -C '%s' diff --quiet HEAD 2>/dev/null || echo dirty; }", dir, dir);
	p = popen(cmd, "r");
	if (!p)
		return;
	if (fgets(out, (int)len, p)) {
		char more[32];

		out[strcspn(out, "\n")] = 0;
		if (fgets(more, sizeof(more), p) && !strncmp(more, "dirty", 5))
			strncat(out, "+dirty", len - strlen(out) - 1);
	}
	pclose(p);
}

static int fail_db(sqlite3 *db, const char *file, struct sim_err *err)
{
	sim_err_set(err, "%s: %s", file, db ? sqlite3_errmsg(db) : "cannot open");
	if (db) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(db);
	}
	return -1;
}

int reg_history_append(const char *file, const struct reg_suite *s, const json_t *cmp,
		       const char *dir, struct sim_err *err)
{
	char commit[128], path[PATH_MAX];
	sqlite3 *db = NULL;
	sqlite3_stmt *run = NULL, *row = NULL;
	sqlite3_int64 id;
	const json_t *results = json_object_get(cmp, "results");

	{
		/* out/ of the default path */
		const char *slash = strrchr(file, '/');

		if (slash && (size_t)(slash - file) < sizeof(path)) {
			snprintf(path, sizeof(path), "%.*s", (int)(slash - file), file);
			mkdir(path, 0777);
		}
	}
	if (sqlite3_open(file, &db) != SQLITE_OK)
		return fail_db(db, file, err);
	sqlite3_busy_timeout(db, 10000);
	if (sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return fail_db(db, file, err);
	git_commit(s->path, commit, sizeof(commit));
	if (sqlite3_prepare_v2(db, "INSERT INTO runs (suite, git_commit, kernel_source, cases,"
			       " changed, failed) VALUES (?,?,?,?,?,?)", -1, &run, NULL) != SQLITE_OK)
		return fail_db(db, file, err);
	sqlite3_bind_text(run, 1, s->name, -1, SQLITE_TRANSIENT);
	if (commit[0])
		sqlite3_bind_text(run, 2, commit, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(run, 3, json_string_value(json_object_get(
				  json_object_get(cmp, "kernel_source"), "now")), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(run, 4, json_integer_value(json_object_get(cmp, "cases")));
	sqlite3_bind_int64(run, 5, json_integer_value(json_object_get(cmp, "changed")));
	sqlite3_bind_int64(run, 6, json_integer_value(json_object_get(cmp, "failed")));
	if (sqlite3_step(run) != SQLITE_DONE) {
		sqlite3_finalize(run);
		return fail_db(db, file, err);
	}
	sqlite3_finalize(run);
	id = sqlite3_last_insert_rowid(db);
	if (sqlite3_prepare_v2(db, "INSERT INTO results (run, case_id, status, digest, stat,"
			       " value) VALUES (?,?,?,?,?,?)", -1, &row, NULL) != SQLITE_OK)
		return fail_db(db, file, err);
	for (unsigned i = 0; i < s->ncases; i++) {
		const struct reg_case *c = &s->cases[i];
		const json_t *r = json_array_get(results, i);
		json_t *rep = NULL;

		if (!reg_case_report_path(dir, c, "json", path, sizeof(path)))
			rep = json_load_file(path, 0, NULL);
		/* one row per statistic; a failed run one row without a value */
		for (unsigned k = 0; k < (rep && c->nstats ? c->nstats : 1); k++) {
			const json_t *v = rep && k < c->nstats ?
				report_at(json_object_get(rep, "statistics"), c->stats[k].name) : NULL;

			sqlite3_reset(row);
			sqlite3_clear_bindings(row);
			sqlite3_bind_int64(row, 1, id);
			sqlite3_bind_text(row, 2, c->id, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(row, 3, json_string_value(json_object_get(r, "status")),
					  -1, SQLITE_TRANSIENT);
			if (rep)
				sqlite3_bind_text(row, 4, json_string_value(json_object_get(rep,
						  "digest")), -1, SQLITE_TRANSIENT);
			if (k < c->nstats)
				sqlite3_bind_text(row, 5, c->stats[k].name, -1, SQLITE_TRANSIENT);
			if (json_is_number(v))
				sqlite3_bind_double(row, 6, json_number_value(v));
			if (sqlite3_step(row) != SQLITE_DONE) {
				json_decref(rep);
				sqlite3_finalize(row);
				return fail_db(db, file, err);
			}
		}
		json_decref(rep);
	}
	sqlite3_finalize(row);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return fail_db(db, file, err);
	sqlite3_close(db);
	return 0;
}

int reg_history_show(const char *file, const char *kase, const char *stat,
		     const char *plot, FILE *out, struct sim_err *err)
{
	char dat[PATH_MAX], last[256] = "";
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	FILE *df = NULL;
	unsigned rows = 0, blocks = 0;
	int rc;

	if (access(file, R_OK)) {
		sim_err_set(err, "%s: no history (a `regress run` writes it)", file);
		return -1;
	}
	if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return fail_db(db, file, err);
	/* a case id, or an entry name: every case of the entry */
	if (sqlite3_prepare_v2(db, "SELECT x.case_id, r.id, IFNULL(r.git_commit, '-'),"
			       " IFNULL(r.kernel_source, '-'), x.status, x.value FROM results x"
			       " JOIN runs r ON r.id = x.run WHERE x.stat = ?2 AND (x.case_id = ?1"
			       " OR substr(x.case_id, 1, length(?1) + 1) = ?1 || ',')"
			       " ORDER BY x.case_id, r.id", -1, &q, NULL) != SQLITE_OK)
		return fail_db(db, file, err);
	sqlite3_bind_text(q, 1, kase, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, stat, -1, SQLITE_TRANSIENT);
	if (plot) {
		snprintf(dat, sizeof(dat), "%s.dat", plot);
		df = fopen(dat, "w");
		if (!df) {
			sqlite3_finalize(q);
			sqlite3_close(db);
			sim_err_set(err, "%s: cannot write", dat);
			return -1;
		}
	}
	fprintf(out, "%-40s %5s  %-48s %-10s %-8s %s\n", "case", "run", "commit", "kernel",
		"status", stat);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(q, 0);
		bool has = sqlite3_column_type(q, 5) != SQLITE_NULL;
		char val[64] = "-";

		if (has)
			snprintf(val, sizeof(val), "%.10g", sqlite3_column_double(q, 5));
		fprintf(out, "%-40s %5lld  %-48s %-10s %-8s %s\n", c,
			(long long)sqlite3_column_int64(q, 1),
			(const char *)sqlite3_column_text(q, 2),
			(const char *)sqlite3_column_text(q, 3),
			(const char *)sqlite3_column_text(q, 4), val);
		if (df) {
			if (strcmp(last, c)) {
				fprintf(df, "%s\"%s\" \"%s\"\n", last[0] ? "\n\n" : "", c, stat);
				snprintf(last, sizeof(last), "%s", c);
				blocks++;
			}
			if (has)
				fprintf(df, "%lld %s\n", (long long)sqlite3_column_int64(q, 1), val);
		}
		rows++;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		if (df)
			fclose(df);
		return fail_db(db, file, err);
	}
	sqlite3_close(db);
	if (!rows) {
		if (df)
			fclose(df);
		sim_err_set(err, "%s: no record of %s for %s", file, stat, kase);
		return -1;
	}
	if (df) {
		char title[512];

		fclose(df);
		snprintf(title, sizeof(title), "%s: %s", kase, stat);
		for (char *p = title; *p; p++)
			if (*p == '\'')
				*p = ' ';
		if (plot_history(dat, blocks, title, plot, err))
			return -1;
		unlink(dat);
		fprintf(out, "plot: %s\n", plot);
	}
	return 0;
}
