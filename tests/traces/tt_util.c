// SPDX-License-Identifier: GPL-2.0-only
#include <stdlib.h>
#include <string.h>

#include "simtest.h"
#include "tt_util.h"

void evvec_free(struct evvec *ev)
{
	free(ev->v);
	memset(ev, 0, sizeof(*ev));
}

int evvec_push(void *ctx, const struct trace_event *ev, struct trace_err *err)
{
	struct evvec *vec = ctx;

	if (vec->n == vec->cap) {
		size_t cap = vec->cap ? vec->cap * 2 : 256;
		struct trace_event *n = realloc(vec->v, cap * sizeof(*n));

		if (!n) {
			trace_err_set(err, "out of memory");
			return -1;
		}
		vec->v = n;
		vec->cap = cap;
	}
	vec->v[vec->n++] = *ev;
	return 0;
}

bool event_eq(const struct trace_event *a, const struct trace_event *b)
{
	return a->kind == b->kind && a->time == b->time && a->dev == b->dev &&
	       a->pasid == b->pasid && a->has_pasid == b->has_pasid && a->as == b->as &&
	       a->iova == b->iova && a->size == b->size && a->pa == b->pa &&
	       a->access == b->access;
}

char *gen_to_mem(const struct trace_gen *g, const void *params, uint64_t seed,
		 enum trace_format fmt, size_t *len)
{
	struct trace_writer *w;
	struct trace_err err;
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	if (!f)
		return NULL;
	w = trace_writer_open_stream(f, "mem", fmt, &err);
	if (!w || trace_gen_run(g, params, seed, w, &err) || trace_writer_close(w, &err)) {
		if (w)
			trace_writer_abort(w);
		ADD_FAILURE("gen %s: %s", g->name, err.msg);
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	return buf;
}

int gen_to_vec(const struct trace_gen *g, const void *params, uint64_t seed,
	       struct evvec *out)
{
	struct trace_writer *w = trace_writer_open_fn(evvec_push, out);
	struct trace_err err;

	if (trace_gen_run(g, params, seed, w, &err)) {
		ADD_FAILURE("gen %s: %s", g->name, err.msg);
		trace_writer_abort(w);
		return -1;
	}
	return trace_writer_close(w, &err);
}

int read_mem(const void *buf, size_t len, const char *name, struct evvec *out,
	     struct trace_err *err)
{
	FILE *f = fmemopen((void *)buf, len, "rb");
	struct trace_reader *r = f ? trace_reader_open_stream(f, name, err) : NULL;
	struct trace_event ev;
	int rc = -1;

	if (!f)
		trace_err_set(err, "fmemopen failed");
	if (r) {
		while ((rc = trace_reader_next(r, &ev, err)) == 1)
			evvec_push(out, &ev, err);
		trace_reader_close(r);
	}
	if (f)
		fclose(f);
	return rc;
}

char *write_mem(const struct trace_event *ev, size_t n, enum trace_format fmt, size_t *len,
		struct trace_err *err)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	struct trace_writer *w;
	int rc = -1;

	if (!f) {
		trace_err_set(err, "open_memstream failed");
		return NULL;
	}
	w = trace_writer_open_stream(f, "out", fmt, err);
	if (w) {
		rc = 0;
		for (size_t i = 0; i < n && !rc; i++)
			rc = trace_writer_put(w, &ev[i], err);
		if (rc)
			trace_writer_abort(w);
		else
			rc = trace_writer_close(w, err);
	}
	fclose(f);
	if (rc) {
		free(buf);
		return NULL;
	}
	return buf;
}

char *convert_mem(const void *buf, size_t len, enum trace_format fmt, size_t *outlen,
		  struct trace_err *err)
{
	struct evvec v = { 0 };
	char *out = NULL;

	if (read_mem(buf, len, "in", &v, err) == 0)
		out = write_mem(v.v, v.n, fmt, outlen, err);
	evvec_free(&v);
	return out;
}

const char *write_tmp(const char *name, const void *buf, size_t len)
{
	static char path[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", simtest_tmpdir(), name);
	f = fopen(path, "wb");
	if (!f)
		return path;
	if (len)
		fwrite(buf, 1, len, f);
	fclose(f);
	return path;
}

char *slurp(const char *path, size_t *len)
{
	return simtest_read_file(path, len);
}
