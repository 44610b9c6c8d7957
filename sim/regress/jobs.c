// SPDX-License-Identifier: GPL-2.0-only
/*
 * jobs.c - run N child processes, at most J at a time: the local runner
 * of `regress run` and of `sweep`. Which child ends first does not
 * matter: each has its own slot for its status.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "regress.h"

int reg_jobs_run(unsigned n, unsigned jobs, reg_spawn_fn spawn, void *ctx, int *status,
		 const char *what)
{
	pid_t *pids = calloc(n ? n : 1, sizeof(*pids));
	unsigned next = 0, running = 0, done = 0;
	bool counter = what && isatty(STDERR_FILENO);
	int rc = 0;

	if (!pids)
		return -1;
	while (done < n) {
		int st;
		pid_t pid;

		while (running < jobs && next < n) {
			pids[next] = spawn(ctx, next);
			if (pids[next] < 0) {
				status[next] = -1;
				done++;
			} else {
				running++;
			}
			next++;
		}
		if (!running)
			continue;
		pid = wait(&st);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			rc = -1;
			break;
		}
		for (unsigned k = 0; k < next; k++) {
			if (pids[k] != pid)
				continue;
			status[k] = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
			pids[k] = 0;
			running--;
			done++;
			break;
		}
		if (counter)
			fprintf(stderr, "\r%u/%u %s done", done, n, what);
	}
	if (counter)
		fprintf(stderr, "\r\033[K");
	free(pids);
	return rc;
}
