// SPDX-License-Identifier: GPL-2.0-only
/*
 * ksft_check - run a kselftest-harness program (under the preload
 * library) and hold its results against a committed list of expected
 * failures, each with its reason.
 *
 *   ksft_check [--preload LIB] [--expect FILE] [--hugetlb-pages N]
 *              [--summary FILE] [--env NAME=VALUE]... -- PROG [ARGS...]
 *
 * The program's output is passed through as it comes, the harness's own
 * "# Totals:" line included. Then a summary: the expected failures per
 * reason and one line of counts, also written to the --summary file (for
 * CTest to print after the run even when the test passes). Exit status 0 when
 * every failure was expected and every expected failure failed; 1 on an
 * unexpected failure, an unexpected pass, a missing plan or totals line,
 * or a program killed by a signal; 2 on bad usage or a bad list.
 *
 * List format: "@key condition reason..." defines a reason; condition is
 * "always" or "no-hugetlb" (expected to fail only when fewer than N huge
 * pages are free). "fixture.variant.test @key" expects that test to fail.
 * '#' starts a comment line.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_TESTS 4096
#define MAX_REASONS 64

struct reason {
	char key[64];
	bool hugetlb_only;      /* condition no-hugetlb */
	char text[512];
	unsigned int failed;    /* expected failures seen with this reason */
};

struct expect {
	char name[256];
	int reason;
	bool seen;
};

enum result { R_PASS, R_FAIL, R_SKIP, R_XFAIL, R_XPASS };

static struct reason reasons[MAX_REASONS];
static int nreasons;
static struct expect expects[MAX_TESTS];
static int nexpects;

static void die_usage(const char *msg)
{
	fprintf(stderr, "ksft_check: %s\nusage: ksft_check [--preload LIB] [--expect FILE] "
		"[--hugetlb-pages N] [--summary FILE] [--env NAME=VALUE]... -- PROG [ARGS...]\n",
		msg);
	exit(2);
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
		*--e = 0;
	return s;
}

static int find_reason(const char *key)
{
	for (int i = 0; i < nreasons; i++)
		if (!strcmp(reasons[i].key, key))
			return i;
	return -1;
}

static void load_expect(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	int lineno = 0;

	if (!f) {
		fprintf(stderr, "ksft_check: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	while (fgets(line, sizeof(line), f)) {
		char *s = trim(line), *key, *rest;

		lineno++;
		if (!*s || *s == '#')
			continue;
		key = strtok_r(s, " \t", &rest);
		if (*key == '@') {
			char *cond = strtok_r(NULL, " \t", &rest);
			struct reason *r = &reasons[nreasons];

			if (nreasons == MAX_REASONS || !cond || !rest || !*trim(rest) ||
			    (strcmp(cond, "always") && strcmp(cond, "no-hugetlb")) ||
			    strlen(key) >= sizeof(r->key) || find_reason(key) >= 0) {
				fprintf(stderr, "%s:%d: expected \"@key always|no-hugetlb reason\" "
					"with a new key\n", path, lineno);
				exit(2);
			}
			snprintf(r->key, sizeof(r->key), "%s", key);
			snprintf(r->text, sizeof(r->text), "%s", trim(rest));
			r->hugetlb_only = !strcmp(cond, "no-hugetlb");
			nreasons++;
		} else {
			char *ref = strtok_r(NULL, " \t", &rest);
			int ri = ref ? find_reason(ref) : -1;

			if (ri < 0 || nexpects == MAX_TESTS ||
			    strlen(key) >= sizeof(expects[0].name)) {
				fprintf(stderr, "%s:%d: expected \"test.name @key\" with a key "
					"defined above\n", path, lineno);
				exit(2);
			}
			for (int i = 0; i < nexpects; i++) {
				if (!strcmp(expects[i].name, key)) {
					fprintf(stderr, "%s:%d: %s listed twice\n",
						path, lineno, key);
					exit(2);
				}
			}
			snprintf(expects[nexpects].name, sizeof(expects[0].name), "%s", key);
			expects[nexpects].reason = ri;
			nexpects++;
		}
	}
	fclose(f);
}

static struct expect *expected(const char *name)
{
	for (int i = 0; i < nexpects; i++)
		if (!strcmp(expects[i].name, name))
			return &expects[i];
	return NULL;
}

static long huge_pages_free(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[256];
	long n = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "HugePages_Free: %ld", &n) == 1)
			break;
	fclose(f);
	return n;
}

/* "ok 12 name # SKIP why" / "not ok 3 name" -> result, name. */
static bool parse_result(char *line, enum result *res, char **name, char **note)
{
	char *p = line, *hash;
	bool ok = true;

	if (!strncmp(p, "not ok ", 7)) {
		ok = false;
		p += 7;
	} else if (!strncmp(p, "ok ", 3)) {
		p += 3;
	} else {
		return false;
	}
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p != ' ')
		return false;
	p++;
	*note = NULL;
	hash = strstr(p, " # ");
	if (hash) {
		*hash = 0;
		*note = hash + 3;
	}
	*name = trim(p);
	*res = ok ? R_PASS : R_FAIL;
	if (*note) {
		if (!strncmp(*note, "SKIP", 4))
			*res = R_SKIP;
		else if (!strncmp(*note, "XFAIL", 5))
			*res = R_XFAIL;
		else if (!strncmp(*note, "XPASS", 5))
			*res = R_XPASS;
	}
	return true;
}

int main(int argc, char **argv)
{
	const char *preload = NULL, *expect_path = NULL, *summary_path = NULL;
	char totals[256] = "";
	long hugetlb_needed = 0;
	unsigned int pass = 0, fail = 0, skip = 0, xfail_expected = 0;
	unsigned int unexpected_fail = 0, unexpected_pass = 0, results = 0;
	bool have_hugetlb, saw_totals = false, saw_plan = false;
	char *line = NULL;
	size_t cap = 0;
	int i, prog, pipefd[2], status;
	pid_t child;
	FILE *out, *sum;
	char *sumbuf = NULL, *base;
	size_t sumlen = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else if (!strcmp(argv[i], "--preload") && i + 1 < argc) {
			preload = argv[++i];
		} else if (!strcmp(argv[i], "--expect") && i + 1 < argc) {
			expect_path = argv[++i];
		} else if (!strcmp(argv[i], "--summary") && i + 1 < argc) {
			summary_path = argv[++i];
		} else if (!strcmp(argv[i], "--hugetlb-pages") && i + 1 < argc) {
			hugetlb_needed = strtol(argv[++i], NULL, 10);
		} else if (!strcmp(argv[i], "--env") && i + 1 < argc && strchr(argv[i + 1], '=')) {
			putenv(argv[++i]);
		} else {
			die_usage("bad option");
		}
	}
	if (i >= argc)
		die_usage("no program given");
	prog = i;
	if (expect_path)
		load_expect(expect_path);
	have_hugetlb = huge_pages_free() >= hugetlb_needed;
	if (hugetlb_needed)
		printf("# ksft_check: %ld huge pages free, %ld needed: huge-page variants %s\n",
		       huge_pages_free(), hugetlb_needed,
		       have_hugetlb ? "expected to pass" : "expected to fail");
	fflush(stdout);

	if (pipe(pipefd))
		return perror("pipe"), 1;
	child = fork();
	if (child < 0)
		return perror("fork"), 1;
	if (child == 0) {
		dup2(pipefd[1], 1);
		close(pipefd[0]);
		close(pipefd[1]);
		if (preload)
			setenv("LD_PRELOAD", preload, 1);
		execv(argv[prog], argv + prog);
		fprintf(stderr, "ksft_check: %s: %s\n", argv[prog], strerror(errno));
		_exit(127);
	}
	close(pipefd[1]);
	out = fdopen(pipefd[0], "r");
	while (getline(&line, &cap, out) > 0) {
		enum result res;
		char *name, *note;
		struct expect *e;
		bool exp_fail;

		fputs(line, stdout);
		fflush(stdout);
		if (!strncmp(line, "# Totals:", 9)) {
			saw_totals = true;
			snprintf(totals, sizeof(totals), "%s", line);
		}
		if (!strncmp(line, "1..", 3))
			saw_plan = true;
		if (!parse_result(line, &res, &name, &note))
			continue;
		results++;
		e = expected(name);
		exp_fail = e && (!reasons[e->reason].hugetlb_only || !have_hugetlb);
		if (e)
			e->seen = true;
		switch (res) {
		case R_PASS:
		case R_XPASS:
			pass++;
			if (exp_fail) {
				unexpected_pass++;
				printf("# ksft_check: UNEXPECTED PASS %s (listed: %s)\n", name,
				       reasons[e->reason].text);
			}
			break;
		case R_SKIP:
			skip++;
			break;
		case R_FAIL:
		case R_XFAIL:
			fail++;
			if (exp_fail) {
				xfail_expected++;
				reasons[e->reason].failed++;
			} else {
				unexpected_fail++;
				printf("# ksft_check: UNEXPECTED FAILURE %s\n", name);
			}
			break;
		}
	}
	fclose(out);
	free(line);
	if (waitpid(child, &status, 0) != child)
		return perror("waitpid"), 1;

	for (i = 0; i < nexpects; i++)
		if (!expects[i].seen)
			printf("# ksft_check: note: listed test %s did not run\n", expects[i].name);
	sum = open_memstream(&sumbuf, &sumlen);
	if (!sum)
		return perror("open_memstream"), 1;
	base = strrchr(argv[prog], '/');
	fprintf(sum, "%s: %s", base ? base + 1 : argv[prog],
		totals[0] ? totals : "no \"# Totals:\" line\n");
	for (i = 0; i < nreasons; i++)
		if (reasons[i].failed)
			fprintf(sum, "  expected failures %-13s %3u  %s\n", reasons[i].key,
				reasons[i].failed, reasons[i].text);
	fprintf(sum, "  %u results: %u passed, %u failed (%u expected, %u unexpected), "
		"%u skipped, %u unexpected passes\n", results, pass, fail, xfail_expected,
		unexpected_fail, skip, unexpected_pass);
	fclose(sum);
	printf("# ksft_check summary:\n%s", sumbuf);
	if (summary_path) {
		FILE *f = fopen(summary_path, "w");

		if (!f || fputs(sumbuf, f) == EOF || fclose(f)) {
			fprintf(stderr, "ksft_check: %s: %s\n", summary_path, strerror(errno));
			return 1;
		}
	}
	free(sumbuf);
	if (WIFSIGNALED(status)) {
		printf("# ksft_check: %s killed by signal %d\n", argv[prog], WTERMSIG(status));
		return 1;
	}
	if (!saw_plan || !saw_totals) {
		printf("# ksft_check: no %s line: the harness did not finish\n",
		       saw_plan ? "\"# Totals:\"" : "plan");
		return 1;
	}
	return unexpected_fail || unexpected_pass ? 1 : 0;
}
