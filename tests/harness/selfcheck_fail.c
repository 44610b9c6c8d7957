// SPDX-License-Identifier: GPL-2.0-only
/* Fails on purpose: the harness must report this file and line. */
#include "simtest.h"

static int three(void)
{
	return 3;
}

TEST(Harness, FailsOnPurpose)
{
	EXPECT_EQ(three(), 4);
}
