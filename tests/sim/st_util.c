// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "simtest.h"
#include "st_util.h"

const char *st_path(const char *name)
{
	static char buf[8][4096];
	static unsigned slot;
	char *p = buf[slot++ % 8];

	snprintf(p, 4096, "%s/%s", simtest_tmpdir(), name);
	return p;
}

const char *st_write(const char *name, const char *text)
{
	const char *p = st_path(name);
	FILE *f = fopen(p, "w");

	if (!f)
		return NULL;
	fputs(text, f);
	fclose(f);
	return p;
}

char *st_read(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[n] = 0;
	fclose(f);
	return buf;
}

int st_iommusim(const char *const *args)
{
	return st_run_bin(IOMMUSIM_BIN, args);
}

int st_run_bin(const char *bin, const char *const *args)
{
	char *argv[64];
	unsigned n = 0;
	pid_t pid;
	int st;

	argv[n++] = (char *)bin;
	for (; *args && n < 63; args++)
		argv[n++] = (char *)*args;
	argv[n] = NULL;
	(void)simtest_tmpdir();         /* created here, not in the child */
	pid = fork();
	if (pid == 0) {
		int o = open(st_path("stdout.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int e = open(st_path("stderr.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (o < 0 || e < 0 || chdir(simtest_tmpdir()))
			_exit(126);
		dup2(o, 1);
		dup2(e, 2);
		setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
		execv(argv[0], argv);
		_exit(127);
	}
	if (pid < 0)
		return -1;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

char *st_stderr(void)
{
	return st_read(st_path("stderr.txt"));
}

json_t *st_load_json(const char *path)
{
	return json_load_file(path, 0, NULL);
}

double st_num(const json_t *o, const char *path)
{
	char buf[256], *save = NULL;
	const json_t *v = o;

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *k = strtok_r(buf, ".", &save); k && v; k = strtok_r(NULL, ".", &save))
		v = json_object_get(v, k);
	return v ? json_number_value(v) : 0.0;
}

double st_model(const json_t *rep, const char *name)
{
	json_t *v = json_object_get(json_object_get(json_object_get(rep, "statistics"), "model"),
				    name);

	return v ? json_number_value(v) : -1.0;
}
