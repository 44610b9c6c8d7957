// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace_writer.c - events out as text, binary, or to a function. Every
 * event is checked here so a generator bug shows up as an error at the
 * event, not as a trace that a reader later refuses.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <zstd.h>

#include "trace_internal.h"

#define REC_BUF   (64 * 1024)   /* records batched before compression */
#define ZSTD_LEVEL 3
#define ZSTD_WINDOW_LOG 22      /* below the reader's limit of 23 */

enum sink { SINK_FILE, SINK_STREAM, SINK_FN };

struct trace_writer {
	enum trace_format fmt;
	enum sink sink;
	struct atomic_file af;
	FILE *fp;
	char *name;
	trace_event_fn fn;
	void *ctx;

	ZSTD_CCtx *cctx;
	uint8_t *zout;
	size_t zout_cap;
	uint8_t *rec;
	size_t rec_len;
	struct trace_bin_state st;

	uint64_t count;
	sim_time_t last_time;
	bool failed;
};

int trace_format_from_path(const char *path, enum trace_format *fmt)
{
	const char *dot = strrchr(path, '.');

	if (!dot || strchr(dot, '/'))
		return -1;
	if (!strcmp(dot, ".txt")) {
		*fmt = TRACE_FMT_TEXT;
		return 0;
	}
	if (!strcmp(dot, ".bin") || !strcmp(dot, ".zst")) {
		*fmt = TRACE_FMT_BIN;
		return 0;
	}
	return -1;
}

static int io_error(struct trace_writer *w, struct trace_err *err)
{
	w->failed = true;
	trace_err_set(err, "%s: write failed: %s", w->name, strerror(errno));
	return -1;
}

static int put_bytes(struct trace_writer *w, const void *p, size_t n,
		     struct trace_err *err)
{
	if (n && fwrite(p, 1, n, w->fp) != n)
		return io_error(w, err);
	return 0;
}

/* Move batched records out; mode ZSTD_e_end also closes the frame. */
static int drain(struct trace_writer *w, ZSTD_EndDirective mode, struct trace_err *err)
{
	ZSTD_inBuffer in = { w->rec, w->rec_len, 0 };
	size_t left;

	if (w->fmt == TRACE_FMT_BIN_RAW) {
		if (put_bytes(w, w->rec, w->rec_len, err))
			return -1;
		w->rec_len = 0;
		return 0;
	}
	do {
		ZSTD_outBuffer out = { w->zout, w->zout_cap, 0 };

		left = ZSTD_compressStream2(w->cctx, &out, &in, mode);
		if (ZSTD_isError(left)) {
			w->failed = true;
			trace_err_set(err, "%s: zstd: %s", w->name, ZSTD_getErrorName(left));
			return -1;
		}
		if (put_bytes(w, w->zout, out.pos, err))
			return -1;
	} while (mode == ZSTD_e_end ? left != 0 : in.pos < in.size);
	w->rec_len = 0;
	return 0;
}

static int start(struct trace_writer *w, struct trace_err *err)
{
	if (w->fmt == TRACE_FMT_TEXT) {
		char hdr[64];
		int n = snprintf(hdr, sizeof(hdr), "%s v%d\n", TRACE_TEXT_MAGIC, TRACE_VERSION);

		return put_bytes(w, hdr, n, err);
	} else {
		uint8_t hdr[TRACE_BIN_HDR_LEN];

		w->rec = malloc(REC_BUF);
		if (!w->rec)
			goto nomem;
		if (w->fmt == TRACE_FMT_BIN) {
			w->zout_cap = ZSTD_CStreamOutSize();
			w->zout = malloc(w->zout_cap);
			w->cctx = ZSTD_createCCtx();
			if (!w->zout || !w->cctx)
				goto nomem;
			if (ZSTD_isError(ZSTD_CCtx_setParameter(w->cctx, ZSTD_c_compressionLevel,
								ZSTD_LEVEL)) ||
			    ZSTD_isError(ZSTD_CCtx_setParameter(w->cctx, ZSTD_c_windowLog,
								ZSTD_WINDOW_LOG)) ||
			    ZSTD_isError(ZSTD_CCtx_setParameter(w->cctx, ZSTD_c_checksumFlag, 1))) {
				trace_err_set(err, "%s: cannot set up zstd", w->name);
				return -1;
			}
		}
		trace_bin_header(hdr, w->fmt == TRACE_FMT_BIN);
		return put_bytes(w, hdr, sizeof(hdr), err);
	}
nomem:
	trace_err_set(err, "%s: out of memory", w->name);
	return -1;
}

static void free_writer(struct trace_writer *w)
{
	ZSTD_freeCCtx(w->cctx);
	free(w->zout);
	free(w->rec);
	free(w->name);
	free(w);
}

static struct trace_writer *new_writer(const char *name, enum trace_format fmt,
				       struct trace_err *err)
{
	struct trace_writer *w = calloc(1, sizeof(*w));

	if (w)
		w->name = strdup(name);
	if (!w || !w->name) {
		trace_err_set(err, "%s: out of memory", name);
		if (w)
			free(w);
		return NULL;
	}
	w->fmt = fmt;
	return w;
}

struct trace_writer *trace_writer_open(const char *path, enum trace_format fmt,
				       struct trace_err *err)
{
	struct trace_writer *w;

	if (!strcmp(path, "-"))
		return trace_writer_open_stream(stdout, "<stdout>", fmt, err);
	w = new_writer(path, fmt, err);
	if (!w)
		return NULL;
	w->sink = SINK_FILE;
	if (atomic_open(&w->af, path, err)) {
		free_writer(w);
		return NULL;
	}
	w->fp = w->af.fp;
	if (start(w, err)) {
		atomic_abort(&w->af);
		free_writer(w);
		return NULL;
	}
	return w;
}

struct trace_writer *trace_writer_open_stream(FILE *fp, const char *name,
					      enum trace_format fmt,
					      struct trace_err *err)
{
	struct trace_writer *w = new_writer(name, fmt, err);

	if (!w)
		return NULL;
	w->sink = SINK_STREAM;
	w->fp = fp;
	if (start(w, err)) {
		free_writer(w);
		return NULL;
	}
	return w;
}

struct trace_writer *trace_writer_open_fn(trace_event_fn fn, void *ctx)
{
	struct trace_writer *w = new_writer("<events>", TRACE_FMT_TEXT, NULL);

	if (!w)
		return NULL;
	w->sink = SINK_FN;
	w->fn = fn;
	w->ctx = ctx;
	return w;
}

int trace_writer_put(struct trace_writer *w, const struct trace_event *ev,
		     struct trace_err *err)
{
	char buf[TRACE_LINE_MAX];

	if (w->failed) {
		trace_err_set(err, "%s: writer already failed", w->name);
		return -1;
	}
	if (trace_event_check(ev, buf, sizeof(buf))) {
		trace_err_set(err, "%s: event %llu: %s", w->name,
			      (unsigned long long)w->count + 1, buf);
		return -1;
	}
	if (w->count && ev->time < w->last_time) {
		trace_err_set(err, "%s: event %llu: time goes backwards (%llu ps after %llu ps)",
			      w->name, (unsigned long long)w->count + 1,
			      (unsigned long long)ev->time,
			      (unsigned long long)w->last_time);
		return -1;
	}
	if (w->sink == SINK_FN) {
		if (w->fn(w->ctx, ev, err)) {
			w->failed = true;
			return -1;
		}
	} else if (w->fmt == TRACE_FMT_TEXT) {
		int n = trace_text_format(ev, buf, sizeof(buf));

		if (put_bytes(w, buf, n, err))
			return -1;
	} else {
		if (w->rec_len + TRACE_BIN_REC_MAX > REC_BUF &&
		    drain(w, ZSTD_e_continue, err))
			return -1;
		w->rec_len += trace_bin_encode(&w->st, ev, w->rec + w->rec_len);
	}
	w->last_time = ev->time;
	w->count++;
	return 0;
}

uint64_t trace_writer_count(const struct trace_writer *w)
{
	return w->count;
}

size_t trace_writer_mem(const struct trace_writer *w)
{
	size_t n = sizeof(*w) + strlen(w->name) + 1 + w->zout_cap;

	if (w->rec)
		n += REC_BUF;
	if (w->cctx)
		n += ZSTD_sizeof_CCtx(w->cctx);
	return n;
}

int trace_writer_close(struct trace_writer *w, struct trace_err *err)
{
	int rc = 0;

	if (w->failed) {
		trace_err_set(err, "%s: writer already failed", w->name);
		trace_writer_abort(w);
		return -1;
	}
	if (w->sink != SINK_FN && w->fmt != TRACE_FMT_TEXT) {
		w->rec_len += trace_bin_encode_end(w->count, w->rec + w->rec_len);
		rc = drain(w, ZSTD_e_end, err);
	}
	if (!rc && w->sink == SINK_STREAM && fflush(w->fp))
		rc = io_error(w, err);
	if (rc) {
		trace_writer_abort(w);
		return -1;
	}
	if (w->sink == SINK_FILE)
		rc = atomic_commit(&w->af, err);
	free_writer(w);
	return rc;
}

void trace_writer_abort(struct trace_writer *w)
{
	if (!w)
		return;
	if (w->sink == SINK_FILE)
		atomic_abort(&w->af);
	free_writer(w);
}

int trace_convert(const char *in_path, const char *out_path, struct trace_err *err)
{
	struct trace_reader *r;
	struct trace_writer *w;
	struct trace_event ev;
	enum trace_format fmt;
	int rc;

	if (trace_format_from_path(out_path, &fmt)) {
		trace_err_set(err, "%s: output name must end in .txt, .bin or .zst", out_path);
		return -1;
	}
	r = trace_reader_open(in_path, err);
	if (!r)
		return -1;
	w = trace_writer_open(out_path, fmt, err);
	if (!w) {
		trace_reader_close(r);
		return -1;
	}
	while ((rc = trace_reader_next(r, &ev, err)) == 1)
		if (trace_writer_put(w, &ev, err)) {
			rc = -1;
			break;
		}
	trace_reader_close(r);
	if (rc < 0) {
		trace_writer_abort(w);
		return -1;
	}
	return trace_writer_close(w, err);
}
