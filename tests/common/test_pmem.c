// SPDX-License-Identifier: GPL-2.0-only
/* Simulated physical memory: sparse map, aborts, cross-page access, cmpxchg. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pmem.h"
#include "simtest.h"

static void *page_alloc(void)
{
	void *p = aligned_alloc(PMEM_PAGE_SIZE, PMEM_PAGE_SIZE);

	memset(p, 0, PMEM_PAGE_SIZE);
	return p;
}

TEST(Pmem, SparseMap)
{
	struct pmem *pm = pmem_create();
	struct pmem_stats st;
	void *a = page_alloc(), *b = page_alloc();

	ASSERT_TRUE(pm != NULL);
	EXPECT_EQ(pmem_map(pm, 0x1000, a, 4096), 0);
	EXPECT_EQ(pmem_map(pm, 1ULL << 50, b, 4096), 0);
	pmem_get_stats(pm, &st);
	EXPECT_EQ(st.pages_mapped, 2);
	/* two paths of three interior nodes each, not 2^40 leaves */
	EXPECT_LE(st.radix_nodes, 6);
	EXPECT_EQ(pmem_host(pm, 0x1010), (char *)a + 0x10);
	EXPECT_EQ(pmem_host(pm, (1ULL << 50) + 0xfff), (char *)b + 0xfff);
	EXPECT_TRUE(pmem_host(pm, 0x2000) == NULL);
	EXPECT_TRUE(pmem_host(pm, 1ULL << 52) == NULL);
	pmem_destroy(pm);
	free(a);
	free(b);
}

TEST(Pmem, MapErrors)
{
	struct pmem *pm = pmem_create();
	void *a = page_alloc(), *b = page_alloc();

	EXPECT_EQ(pmem_map(pm, 0x1001, a, 4096), -EINVAL);
	EXPECT_EQ(pmem_map(pm, 0x1000, (char *)a + 1, 4096), -EINVAL);
	EXPECT_EQ(pmem_map(pm, 0x1000, a, 100), -EINVAL);
	EXPECT_EQ(pmem_map(pm, 1ULL << 52, a, 4096), -EINVAL);
	EXPECT_EQ(pmem_map(pm, 0x1000, a, 4096), 0);
	/* overlapping range: refused whole, nothing changed */
	EXPECT_EQ(pmem_map(pm, 0x0000, b, 4096), 0);
	pmem_unmap(pm, 0x0000, 4096);
	EXPECT_EQ(pmem_map(pm, 0x1000, b, 4096), -EEXIST);
	EXPECT_EQ(pmem_host(pm, 0x1000), a);
	pmem_destroy(pm);
	free(a);
	free(b);
}

TEST(Pmem, AbortsOnUnbacked)
{
	struct pmem *pm = pmem_create();
	void *a = page_alloc();
	struct pmem_stats st;
	uint8_t buf[16];
	uint64_t v = 0;

	pmem_map(pm, 0x5000, a, 4096);
	EXPECT_EQ(pmem_read(pm, 0x9000, buf, 4), -EFAULT);
	EXPECT_EQ(pmem_read64(pm, 0x9000, &v), -EFAULT);
	EXPECT_EQ(pmem_write64(pm, 0x9000, 1), -EFAULT);
	/* a write running off the end of a backed page writes nothing */
	memset(buf, 0x77, sizeof(buf));
	EXPECT_EQ(pmem_write(pm, 0x5ff8, buf, 16), -EFAULT);
	EXPECT_EQ(((uint8_t *)a)[0xff8], 0);
	pmem_get_stats(pm, &st);
	EXPECT_EQ(st.aborts, 4);
	/* after unmap the page aborts again (the lookup cache forgets it) */
	EXPECT_EQ(pmem_write64(pm, 0x5000, 5), 0);
	pmem_unmap(pm, 0x5000, 4096);
	EXPECT_EQ(pmem_read64(pm, 0x5000, &v), -EFAULT);
	EXPECT_TRUE(pmem_host(pm, 0x5000) == NULL);
	EXPECT_EQ(pmem_read64(pm, 0x5001, &v), -EINVAL);
	pmem_destroy(pm);
	free(a);
}

TEST(Pmem, CrossPageReadWrite)
{
	struct pmem *pm = pmem_create();
	uint8_t *a = page_alloc(), *b = page_alloc();
	uint8_t in[32], out[32];

	/* adjacent physical pages, unrelated host pages */
	pmem_map(pm, 0x10000, b, 4096);
	pmem_map(pm, 0x11000, a, 4096);
	for (int i = 0; i < 32; i++)
		in[i] = (uint8_t)(i + 1);
	EXPECT_EQ(pmem_write(pm, 0x10ff0, in, 32), 0);
	EXPECT_EQ(b[0xff0], 1);
	EXPECT_EQ(b[0xfff], 16);
	EXPECT_EQ(a[0], 17);
	EXPECT_EQ(a[15], 32);
	EXPECT_EQ(pmem_read(pm, 0x10ff0, out, 32), 0);
	EXPECT_MEMEQ(in, out, 32);
	EXPECT_TRUE(pmem_ptr(pm, 0x10ff0, 16) == b + 0xff0);
	EXPECT_TRUE(pmem_ptr(pm, 0x10ff0, 17) == NULL);
	pmem_destroy(pm);
	free(a);
	free(b);
}

TEST(Pmem, CompareExchange)
{
	struct pmem *pm = pmem_create();
	uint64_t *a = page_alloc(), seen = 0, v;

	pmem_map(pm, 0x3000, a, 4096);
	a[1] = 0x10;
	EXPECT_EQ(pmem_cmpxchg64(pm, 0x3008, 0x10, 0x30, &seen), 0);
	EXPECT_EQ(seen, 0x10);
	EXPECT_EQ(a[1], 0x30);
	/* stale expectation: no write, the current value is reported */
	EXPECT_EQ(pmem_cmpxchg64(pm, 0x3008, 0x10, 0x50, &seen), 0);
	EXPECT_EQ(seen, 0x30);
	EXPECT_EQ(a[1], 0x30);
	EXPECT_EQ(pmem_cmpxchg64(pm, 0x9008, 0, 1, &seen), -EFAULT);
	EXPECT_EQ(pmem_read64(pm, 0x3008, &v), 0);
	EXPECT_EQ(v, 0x30);
	pmem_destroy(pm);
	free(a);
}
