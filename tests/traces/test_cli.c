// SPDX-License-Identifier: GPL-2.0-only
/* The command line: exit codes, outputs, atomic writes. */
#include <dirent.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "simtest.h"
#include "trace_cli.h"
#include "tt_util.h"

static int cli(const char *a0, ...)
{
	char *argv[32];
	int argc = 0;
	va_list ap;

	argv[argc++] = "iommusim-trace";
	va_start(ap, a0);
	for (const char *a = a0; a && argc < 31; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	argv[argc] = NULL;
	fflush(stdout);
	return trace_cli_main(argc, argv);
}

static const char *tmp(const char *name)
{
	static char bufs[4][1024];
	static int next;
	char *b = bufs[next++ % 4];

	snprintf(b, sizeof(bufs[0]), "%s/%s", simtest_tmpdir(), name);
	return b;
}

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* No temporary output file may be left behind in the directory. */
static int leftovers(void)
{
	DIR *d = opendir(simtest_tmpdir());
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

TEST(TraceCli, UsageErrorsExitTwo)
{
	EXPECT_EQ(cli(NULL), TRACE_EXIT_USAGE);
	EXPECT_EQ(cli("frobnicate", NULL), TRACE_EXIT_USAGE);
	EXPECT_EQ(cli("gen", NULL), TRACE_EXIT_USAGE);
	EXPECT_EQ(cli("gen", "warp", NULL), TRACE_EXIT_USAGE);
	EXPECT_EQ(cli("gen", "nic", "--set", "bogus=1", "-o", tmp("a.txt"), NULL),
		  TRACE_EXIT_USAGE);
	EXPECT_EQ(cli("gen", "nic", "--set", "pkt_max=9000", "-o", tmp("a.txt"), NULL),
		  TRACE_EXIT_USAGE);
	EXPECT_EQ(cli("gen", "nic", "--seed", "x", NULL), TRACE_EXIT_USAGE);
	EXPECT_EQ(cli("gen", "nic", "-o", NULL), TRACE_EXIT_USAGE);
	EXPECT_EQ(cli("gen", "nic", "-o", tmp("a.csv"), NULL), TRACE_EXIT_USAGE);
	EXPECT_EQ(cli("convert", tmp("a.txt"), NULL), TRACE_EXIT_USAGE);
	EXPECT_EQ(cli("convert", tmp("a.txt"), tmp("b.dat"), NULL), TRACE_EXIT_USAGE);
	EXPECT_EQ(cli("stat", NULL), TRACE_EXIT_USAGE);
	EXPECT_EQ(cli("import", "dtrace", "x", "-o", tmp("a.txt"), NULL), TRACE_EXIT_USAGE);
	EXPECT_EQ(cli("import", "perf", "x", NULL), TRACE_EXIT_USAGE);
	EXPECT_FALSE(exists(tmp("a.txt")));
	EXPECT_EQ(leftovers(), 0);
	EXPECT_EQ(cli("help", NULL), TRACE_EXIT_OK);
	EXPECT_EQ(cli("gen", "--list", NULL), TRACE_EXIT_OK);
	EXPECT_EQ(cli("gen", "accel", "--set", "page=1G", "--help", NULL), TRACE_EXIT_OK);
}

TEST(TraceCli, GenConvertStatEndToEnd)
{
	size_t l1, l2;
	char *a, *b;

	ASSERT_EQ(cli("gen", "nvme", "--seed", "3", "--set", "count=50", "--set", "bs=8K",
		      "-o", tmp("n.txt"), NULL), TRACE_EXIT_OK);
	ASSERT_EQ(cli("gen", "nvme", "--seed", "3", "--set", "count=50,bs=8K",
		      "-o", tmp("n.zst"), NULL), TRACE_EXIT_OK);
	ASSERT_EQ(cli("convert", tmp("n.zst"), tmp("back.txt"), NULL), TRACE_EXIT_OK);
	a = slurp(tmp("n.txt"), &l1);
	b = slurp(tmp("back.txt"), &l2);
	ASSERT_TRUE(a && b);
	EXPECT_SAME_BYTES(a, l1, b, l2);
	/* 50 commands of SQE + 2 pages + CQE, after attach and three maps */
	EXPECT_TRUE(strstr(a, "#iommusim-trace v1\n0 attach 0x300 - 1\n") == a);
	free(a);
	free(b);
	EXPECT_EQ(cli("stat", tmp("n.zst"), NULL), TRACE_EXIT_OK);
	EXPECT_EQ(leftovers(), 0);
}

TEST(TraceCli, RuntimeErrorsExitOneAndLeaveNoOutput)
{
	const char *bad = "#iommusim-trace v1\n0 dma 0x1 - 0x0 64 r\n1 dma 0x1 - 0x0 0 r\n";
	size_t len;
	char *s;

	write_tmp("bad.txt", bad, strlen(bad));
	EXPECT_EQ(cli("convert", tmp("bad.txt"), tmp("out.bin"), NULL), TRACE_EXIT_FAILURE);
	EXPECT_FALSE(exists(tmp("out.bin")));
	EXPECT_EQ(cli("convert", tmp("missing.txt"), tmp("out.bin"), NULL), TRACE_EXIT_FAILURE);
	EXPECT_EQ(cli("stat", tmp("bad.txt"), NULL), TRACE_EXIT_FAILURE);
	/* An existing output survives a failed conversion untouched. */
	write_tmp("keep.txt", "precious", 8);
	EXPECT_EQ(cli("convert", tmp("bad.txt"), tmp("keep.txt"), NULL), TRACE_EXIT_FAILURE);
	s = slurp(tmp("keep.txt"), &len);
	ASSERT_TRUE(s != NULL);
	EXPECT_STREQ(s, "precious");
	free(s);
	/* A failed import too. */
	write_tmp("p.txt", "x 1 [000] 1.5: iommu:map: IOMMU: nonsense\n", 42);
	EXPECT_EQ(cli("import", "perf", tmp("p.txt"), "-o", tmp("imp.txt"), NULL),
		  TRACE_EXIT_FAILURE);
	EXPECT_FALSE(exists(tmp("imp.txt")));
	/* An output directory that does not exist. */
	EXPECT_EQ(cli("gen", "nic", "-o", tmp("nodir/x.txt"), NULL), TRACE_EXIT_FAILURE);
	EXPECT_EQ(leftovers(), 0);
}

TEST(TraceCli, ImportSample)
{
	struct evvec v = { 0 };
	struct trace_err err;
	size_t len;
	char *s;

	ASSERT_EQ(cli("import", "trace-cmd", TRACES_SAMPLES_DIR "/trace-cmd-iommu.txt",
		      "--as", "7", "-o", tmp("i.bin"), NULL), TRACE_EXIT_OK);
	s = slurp(tmp("i.bin"), &len);
	ASSERT_TRUE(s != NULL);
	EXPECT_EQ(read_mem(s, len, "i.bin", &v, &err), 0);
	EXPECT_EQ(v.n, 6u);
	EXPECT_EQ(v.v[0].as, 7u);
	evvec_free(&v);
	free(s);
}

/* Outputs get the mode a plain open() would give (0666 less the umask). */
TEST(TraceCli, OutputModeFollowsUmask)
{
	mode_t old = umask(027);
	struct stat st;

	EXPECT_EQ(cli("gen", "nic", "--set", "count=1", "-o", tmp("m.txt"), NULL), TRACE_EXIT_OK);
	umask(old);
	ASSERT_EQ(stat(tmp("m.txt"), &st), 0);
	EXPECT_EQ(st.st_mode & 0777, 0640u);
}
