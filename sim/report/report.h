/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * report.h - the results of a run: a JSON document (tool and kernel
 * versions, the full effective configuration, the seed, statistics and
 * a digest of the statistics), a terminal summary, and the files made
 * from it. Nothing in it depends on the wall clock or the host, so the
 * same scenario and seed give the same bytes everywhere.
 */
#ifndef SIM_REPORT_H
#define SIM_REPORT_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#include "run.h"

#ifndef IOMMUSIM_VERSION
#define IOMMUSIM_VERSION "0.1.0"
#endif

/* The report of a finished run (new reference). */
json_t *report_build(const struct sim_run *r);
/* FNV-1a 64 of s: the digest of a canonical statistics dump. */
uint64_t report_fnv1a64(const char *s, size_t len);
/* Serialise deterministically (ordered keys, fixed real precision). */
char *report_dumps(const json_t *rep);
/*
 * Write text to path atomically: a temporary file beside it, fsync,
 * rename. Never a half-written file at path. 0 or -1 with err.
 */
int report_write_atomic(const char *path, const char *text, struct sim_err *err);
/* The value at a dotted path ("statistics.memory.wait_ns") of o, or NULL. */
const json_t *report_at(const json_t *o, const char *path);
/* The terminal summary of a report. */
void report_print_summary(FILE *f, const json_t *rep);

#endif /* SIM_REPORT_H */
