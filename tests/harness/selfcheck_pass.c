// SPDX-License-Identifier: GPL-2.0-only
/* The harness's own macros, each checked against a value that matters. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "simtest.h"

static int fail_with(int err)
{
	errno = err;
	return -1;
}

TEST(Harness, ComparisonsPass)
{
	unsigned long long big = 1ULL << 63;

	EXPECT_EQ(big >> 63, 1);
	EXPECT_NE(big, 0);
	EXPECT_LT(-1, 0);
	EXPECT_STREQ("iommu", "iommu");
	EXPECT_MEMEQ("abc", "abc", 3);
	EXPECT_ERRNO(fail_with(ENOENT), ENOENT);
	EXPECT_OK(0);
	EXPECT_FALSE(simtest_failed());
}

TEST(Harness, TmpdirIsWritable)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/x", simtest_tmpdir());
	f = fopen(path, "w");
	ASSERT_TRUE(f != NULL);
	EXPECT_EQ(fputs("ok", f) >= 0, 1);
	fclose(f);
	EXPECT_OK(access(path, R_OK));
}
