/* SPDX-License-Identifier: GPL-2.0-only */
/* tt_util.h - helpers shared by the trace tests. */
#ifndef TESTS_TRACES_TT_UTIL_H
#define TESTS_TRACES_TT_UTIL_H

#include <stddef.h>
#include <stdio.h>

#include "simtest.h"
#include "trace.h"
#include "trace_gen.h"

struct evvec {
	struct trace_event *v;
	size_t n, cap;
};

void evvec_free(struct evvec *ev);
/* trace_event_fn that appends to a struct evvec. */
int evvec_push(void *ctx, const struct trace_event *ev, struct trace_err *err);
bool event_eq(const struct trace_event *a, const struct trace_event *b);

/* Run a generator into memory as text / binary; returns malloc'd bytes. */
char *gen_to_mem(const struct trace_gen *g, const void *params, uint64_t seed,
		 enum trace_format fmt, size_t *len);
/* Run a generator into an event vector; 0 ok. */
int gen_to_vec(const struct trace_gen *g, const void *params, uint64_t seed,
	       struct evvec *out);

/*
 * Read every event of an in-memory trace named name; returns the reader's
 * final result (0 end, -1 error) with err filled.
 */
int read_mem(const void *buf, size_t len, const char *name, struct evvec *out,
	     struct trace_err *err);
/* Write n events to memory as fmt; malloc'd bytes, or NULL with err set. */
char *write_mem(const struct trace_event *ev, size_t n, enum trace_format fmt, size_t *len,
		struct trace_err *err);
/* Convert an in-memory trace to fmt in memory; NULL on error. */
char *convert_mem(const void *buf, size_t len, enum trace_format fmt, size_t *outlen,
		  struct trace_err *err);

/* Expect a (alen bytes) and b (blen bytes) to hold the same bytes. */
#define EXPECT_SAME_BYTES(a, alen, b, blen)                        \
	do {                                                       \
		EXPECT_EQ((size_t)(alen), (size_t)(blen));         \
		if ((size_t)(alen) == (size_t)(blen))              \
			EXPECT_MEMEQ(a, b, (size_t)(alen));        \
	} while (0)

/* Write bytes to <tmpdir>/name; returns the path (static buffer). */
const char *write_tmp(const char *name, const void *buf, size_t len);
/* Whole file into memory. */
char *slurp(const char *path, size_t *len);

#endif /* TESTS_TRACES_TT_UTIL_H */
