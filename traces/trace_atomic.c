// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace_atomic.c - output files that appear complete or not at all: write
 * a temporary file in the destination's directory (so rename() cannot
 * cross file systems), fsync it, rename it over the destination, then
 * fsync the directory so the rename itself survives a crash.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trace_internal.h"

static char *dir_of(const char *path)
{
	char *copy = strdup(path), *dir;

	if (!copy)
		return NULL;
	dir = strdup(dirname(copy));
	free(copy);
	return dir;
}

/*
 * The process umask, read without setting it (umask() would race with
 * other threads creating files); 022 if /proc does not say.
 */
static mode_t current_umask(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[128];
	unsigned int m;
	mode_t mask = 022;

	if (!f)
		return mask;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Umask: %o", &m) == 1) {
			mask = m & 0777;
			break;
		}
	fclose(f);
	return mask;
}

int atomic_open(struct atomic_file *af, const char *path, struct trace_err *err)
{
	char *copy = NULL, *dir = NULL;
	const char *base;
	mode_t mask;
	int fd;

	memset(af, 0, sizeof(*af));
	copy = strdup(path);
	dir = dir_of(path);
	af->path = strdup(path);
	if (!copy || !dir || !af->path)
		goto nomem;
	base = basename(copy);
	/* Hidden, and named after the target, so a leftover is recognisable. */
	af->tmp = malloc(strlen(dir) + strlen(base) + 16);
	if (!af->tmp)
		goto nomem;
	sprintf(af->tmp, "%s/.%s.XXXXXX", dir, base);
	fd = mkstemp(af->tmp);
	if (fd < 0) {
		trace_err_set(err, "%s: cannot create a temporary file in %s: %s",
			      path, dir, strerror(errno));
		free(af->tmp);
		af->tmp = NULL;
		goto fail;
	}
	/* mkstemp makes 0600; give the file the mode open() would have. */
	mask = current_umask();
	/* Not fatal: the output is still correct, only its mode differs. */
	(void)!fchmod(fd, 0666 & ~mask);
	af->fp = fdopen(fd, "wb");
	if (!af->fp) {
		trace_err_set(err, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(af->tmp);
		free(af->tmp);
		af->tmp = NULL;
		goto fail;
	}
	free(copy);
	free(dir);
	return 0;
nomem:
	trace_err_set(err, "%s: out of memory", path);
fail:
	free(copy);
	free(dir);
	free(af->path);
	af->path = NULL;
	return -1;
}

static void cleanup(struct atomic_file *af)
{
	free(af->path);
	free(af->tmp);
	af->path = NULL;
	af->tmp = NULL;
	af->fp = NULL;
}

int atomic_commit(struct atomic_file *af, struct trace_err *err)
{
	char *dir;
	int dfd;

	if (fflush(af->fp) || fsync(fileno(af->fp))) {
		trace_err_set(err, "%s: write failed: %s", af->path, strerror(errno));
		atomic_abort(af);
		return -1;
	}
	if (fclose(af->fp)) {
		af->fp = NULL;
		trace_err_set(err, "%s: write failed: %s", af->path, strerror(errno));
		atomic_abort(af);
		return -1;
	}
	af->fp = NULL;
	if (rename(af->tmp, af->path)) {
		trace_err_set(err, "%s: cannot rename %s into place: %s", af->path,
			      af->tmp, strerror(errno));
		atomic_abort(af);
		return -1;
	}
	dir = dir_of(af->path);
	if (dir) {
		dfd = open(dir, O_RDONLY | O_DIRECTORY);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
		free(dir);
	}
	cleanup(af);
	return 0;
}

void atomic_abort(struct atomic_file *af)
{
	if (af->fp)
		fclose(af->fp);
	if (af->tmp)
		unlink(af->tmp);
	cleanup(af);
}
