// SPDX-License-Identifier: GPL-2.0-only
#include "sd_util.h"
#include "simtest.h"
#include "st_util.h"

int sd_start(struct scenario *sc, struct sim_run *run, const char *yaml_name, const char *yaml,
	     const char *trace)
{
	struct sim_err err;

	st_write("t.txt", trace);
	if (scenario_load(sc, st_write(yaml_name, yaml), NULL, 0, &err) ||
	    sim_run_init(run, sc, "", &err)) {
		simtest_fail(__FILE__, __LINE__, "%s", err.msg);
		return -1;
	}
	return 0;
}

int sd_fast_run(struct sim_run *run)
{
	struct sim_err err;

	if (sim_fast_run(run, &err)) {
		simtest_fail(__FILE__, __LINE__, "%s", err.msg);
		return -1;
	}
	return 0;
}

void sd_expect_stage2_maps(struct xlate_res (*xl)(uint64_t iova, uint8_t access, int pasid),
			   struct xlate_res *ro_write, struct xlate_res *past_end)
{
	struct xlate_res r;

	for (uint64_t off = 0; off < 16384; off += 4096 + 8) {
		r = xl(0x10000 + off, XLATE_READ, -1);
		EXPECT_EQ(r.status, XLATE_OK);
		EXPECT_EQ(r.pa, 0x300000000ULL + off);
		EXPECT_EQ(r.page_shift, 12);
	}
	r = xl(0x40000000 + 0x2345678 % (4 << 20), XLATE_READ, -1);
	EXPECT_EQ(r.status, XLATE_OK);
	EXPECT_EQ(r.pa, 0x340000000ULL + 0x2345678 % (4 << 20));
	EXPECT_EQ(r.page_shift, 21);
	*ro_write = xl(0x40000000, XLATE_WRITE, -1);
	EXPECT_EQ(ro_write->status, XLATE_FAULT);
	*past_end = xl(0x14000, XLATE_READ, -1);
	EXPECT_EQ(past_end->status, XLATE_FAULT);
}
