/* SPDX-License-Identifier: GPL-2.0-only */
/* Helpers for the simulator's tests: files, the iommusim binary, reports. */
#ifndef TESTS_SIM_ST_UTIL_H
#define TESTS_SIM_ST_UTIL_H

#include <jansson.h>
#include <stddef.h>

#include "xlate.h"

/* Write text to dir/name; returns the path (static buffer per call slot). */
const char *st_write(const char *name, const char *text);
/* Path of name in the per-test temporary directory. */
const char *st_path(const char *name);
/*
 * Run the iommusim binary with args (NULL-terminated) in the test's
 * temporary directory; stdout and stderr go to files there. Returns the
 * exit status, or -1 if it could not run / was killed.
 */
int st_iommusim(const char *const *args);
/* The same with another binary (e.g. IOMMUSIM_FAST_BIN). */
int st_run_bin(const char *bin, const char *const *args);
/* Contents of a file (malloc'd, NUL-terminated) or NULL. */
char *st_read(const char *path);
/* The stderr of the last st_iommusim. */
char *st_stderr(void);
json_t *st_load_json(const char *path);
/* A number at a dotted path of a JSON object (0 if missing). */
double st_num(const json_t *o, const char *path);
/* A model counter of a report (names like "iotlb.hits" hold dots); -1 if absent. */
double st_model(const json_t *rep, const char *name);

struct sim_run;
/* Perform device 0's control events up to its first DMA; -1 (test failed) on error. */
int st_run_controls(struct sim_run *r);

/*
 * Translate an 8-byte access of device 0x108 (pasid < 0: none) at *now on
 * r's model; *now moves 1 ns past the completion.
 */
struct xlate_res st_translate(struct sim_run *r, sim_time_t *now, uint64_t iova,
			      uint8_t access, int pasid);

/*
 * A text trace: device 0x108 attaches address space 1 (never mapped) and
 * makes n 8-byte reads of distinct pages from 0x100000, one per ps from 10.
 * Static buffer; n up to 1000.
 */
const char *st_faulting_trace(unsigned n);

#endif
