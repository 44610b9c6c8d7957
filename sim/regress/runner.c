// SPDX-License-Identifier: GPL-2.0-only
/*
 * runner.c - running a suite's cases here: each case is a child
 * `iommusim run` (at most -j at once) writing cases/<case>.json, its
 * output going to cases/<case>.log. The same command lines, quoted for
 * the shell, are what a Slurm task runs (slurm.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "regress.h"
#include "report.h"

int reg_case_report_path(const char *dir, const struct reg_case *c, const char *ext,
			 char *out, size_t len)
{
	return (size_t)snprintf(out, len, "%s/cases/%s.%s", dir, c->id, ext) >= len ? -1 : 0;
}

int reg_case_argv(const char *self, const char *dir, const struct reg_case *c,
		  char *argv[], unsigned maxargs)
{
	static char out[PATH_MAX];
	unsigned n = 0;

	if (maxargs < 6 + 2 * c->nsets || reg_case_report_path(dir, c, "json", out, sizeof(out)))
		return -1;
	argv[n++] = (char *)self;
	argv[n++] = (char *)"run";
	argv[n++] = (char *)c->scenario;
	for (unsigned i = 0; i < c->nsets; i++) {
		argv[n++] = (char *)"--set";
		argv[n++] = (char *)c->sets[i];
	}
	argv[n++] = (char *)"-q";
	argv[n++] = (char *)"-o";
	argv[n++] = strdup(out);
	argv[n] = NULL;
	return argv[n - 1] ? 0 : -1;
}

void reg_shell_quote(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", f);
		else
			fputc(*s, f);
	}
	fputc('\'', f);
}

int reg_prepare_dir(const char *dir, struct sim_err *err)
{
	char cases[PATH_MAX];

	if (strlen(dir) > PATH_MAX - REG_ID_LEN - 32) {
		sim_err_set(err, "%s: path too long", dir);
		return -1;
	}
	snprintf(cases, sizeof(cases), "%s/cases", dir);
	if ((mkdir(dir, 0777) && errno != EEXIST) || (mkdir(cases, 0777) && errno != EEXIST)) {
		sim_err_set(err, "%s: %s", cases, strerror(errno));
		return -1;
	}
	return 0;
}

int reg_manifest_write(const char *dir, const json_t *m, struct sim_err *err)
{
	char path[PATH_MAX], *text = report_dumps(m);
	int rc;

	if (!text) {
		sim_err_set(err, "out of memory");
		return -1;
	}
	if ((size_t)snprintf(path, sizeof(path), "%s/manifest.json", dir) >= sizeof(path)) {
		sim_err_set(err, "%s: path too long", dir);
		free(text);
		return -1;
	}
	rc = report_write_atomic(path, text, err);
	free(text);
	return rc;
}

json_t *reg_manifest_load(const char *dir, const char *key, const char *what,
			  struct sim_err *err)
{
	char path[PATH_MAX];
	json_error_t je;
	json_t *m;

	snprintf(path, sizeof(path), "%s/manifest.json", dir);
	m = json_load_file(path, 0, &je);
	if (!m) {
		if (je.line > 0)
			sim_err_set(err, "%s:%d: %s", path, je.line, je.text);
		else
			sim_err_set(err, "%s: %s", path, je.text);
		return NULL;
	}
	if (!json_is_object(m) || !json_object_get(m, key)) {
		sim_err_set(err, "%s:1: no \"%s\" (is %s the output of %s?)", path, key, dir, what);
		json_decref(m);
		return NULL;
	}
	return m;
}

/* Remove a case's old report, so a report present means this run made it. */
static void clear_case(const char *dir, const struct reg_case *c)
{
	char path[PATH_MAX];

	if (!reg_case_report_path(dir, c, "json", path, sizeof(path)))
		unlink(path);
}

static pid_t spawn_case(const char *self, const char *dir, const struct reg_case *c)
{
	char *argv[8 + 2 * SCEN_MAX_SETS], log[PATH_MAX];
	pid_t pid;
	int fd;

	clear_case(dir, c);
	if (reg_case_argv(self, dir, c, argv, sizeof(argv) / sizeof(argv[0])) ||
	    reg_case_report_path(dir, c, "log", log, sizeof(log)))
		return -1;
	pid = fork();
	if (pid == 0) {
		fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0666);
		if (fd >= 0) {
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
			close(fd);
		}
		execv(self, argv);
		_exit(127);
	}
	for (unsigned i = 0; argv[i]; i++)
		if (!argv[i + 1])
			free(argv[i]);
	return pid;
}

struct case_spawn {
	const char *self, *dir;
	const struct reg_suite *s;
};

static pid_t spawn_nth_case(void *ctx, unsigned k)
{
	const struct case_spawn *c = ctx;

	return spawn_case(c->self, c->dir, &c->s->cases[k]);
}

int reg_run_local(const char *self, const struct reg_suite *s, const char *dir,
		  unsigned jobs, bool quiet)
{
	struct case_spawn c = { self, dir, s };
	int *status = calloc(s->ncases ? s->ncases : 1, sizeof(*status)), rc;

	if (!status)
		return -1;
	/* the cases' reports tell how each went; a case that did not start is an error */
	rc = reg_jobs_run(s->ncases, jobs, spawn_nth_case, &c, status, quiet ? NULL : "cases");
	for (unsigned k = 0; k < s->ncases; k++)
		if (status[k] < 0)
			rc = -1;
	free(status);
	return rc;
}
