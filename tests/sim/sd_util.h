/* SPDX-License-Identifier: GPL-2.0-only */
/* Helpers of the direct set-up's tests (test_direct.c, test_direct_smmu.c). */
#ifndef TESTS_SIM_SD_UTIL_H
#define TESTS_SIM_SD_UTIL_H

#include "run.h"

/*
 * Write trace to t.txt and yaml to yaml_name in the test's directory, load
 * the scenario into *sc and start *run on it; -1 (test failed, with the
 * loader's message) on error.
 */
int sd_start(struct scenario *sc, struct sim_run *run, const char *yaml_name, const char *yaml,
	     const char *trace);

/* Run the whole scenario on the fast path; -1 (test failed) on error. */
int sd_fast_run(struct sim_run *run);

/* Trace lines (after the header): device 0x108 in address space 1 with two maps. */
#define SD_STAGE2_MAPS                            \
	"0 attach 0x108 - 1\n"                    \
	"0 map 1 0x10000 16K 0x300000000 rw\n"    \
	"0 map 1 0x40000000 4M 0x340000000 r\n"   /* 2M-aligned: large leaves */

/*
 * The maps of SD_STAGE2_MAPS translate as the trace says (xl translates
 * for device 0x108 without a PASID when pasid < 0): 4 KiB pages over the
 * 16 KiB, 2 MiB leaves over the 4 MiB. A write to the read-only 4 MiB and
 * a read just past the 16 KiB fault; their results go to *ro_write and
 * *past_end for the model's fault codes.
 */
void sd_expect_stage2_maps(struct xlate_res (*xl)(uint64_t iova, uint8_t access, int pasid),
			   struct xlate_res *ro_write, struct xlate_res *past_end);

#endif
