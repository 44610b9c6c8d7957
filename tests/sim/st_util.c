// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "report.h"
#include "run.h"
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
	return simtest_read_file(path, NULL);
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
	return json_number_value(report_at(o, path));
}

double st_model(const json_t *rep, const char *name)
{
	json_t *v = json_object_get(json_object_get(json_object_get(rep, "statistics"), "model"),
				    name);

	return v ? json_number_value(v) : -1.0;
}

const char *st_faulting_trace(unsigned n)
{
	static char trace[48 * 1024];
	size_t off = (size_t)snprintf(trace, sizeof(trace),
				      "#iommusim-trace v1\n0 attach 0x108 - 1\n");

	for (unsigned i = 0; i < n && i < 1000; i++)
		off += (size_t)snprintf(trace + off, sizeof(trace) - off,
					"%u dma 0x108 - 0x%x 8 r\n", 10 + i, 0x100000 + i * 0x1000);
	return trace;
}

int st_run_controls(struct sim_run *r)
{
	struct xlate_req req;
	struct trace_event ev;
	struct sim_err err;
	enum sim_step s;

	while ((s = sim_device_next(r, &r->dev[0], &req, &ev, &err)) == SIM_STEP_CTRL)
		if (sim_run_control(r, 0, &ev, &err)) {
			simtest_fail(__FILE__, __LINE__, "%s", err.msg);
			return -1;
		}
	return s == SIM_STEP_END ? 0 : -1;
}

struct xlate_res st_translate(struct sim_run *r, sim_time_t *now, uint64_t iova,
			      uint8_t access, int pasid)
{
	struct xlate_req req = {
		.sid = 0x0108, .iova = iova, .len = 8, .access = access,
		.has_pasid = pasid >= 0, .pasid = pasid < 0 ? 0 : (uint32_t)pasid,
		.t_issue = *now,
	};
	struct xlate_res res;

	sim_run_translate(r, &req, &res);
	*now = res.t_done + 1000;
	return res;
}
