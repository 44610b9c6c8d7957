// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace_reader.c - one event at a time from a text or binary trace, in
 * fixed-size buffers: a file read buffer, a decompressed-bytes buffer and
 * a line buffer, whatever the trace's length.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <zstd.h>

#include "trace_internal.h"

#define IN_BUF  (64 * 1024)
#define OUT_BUF (64 * 1024)
/* Bounds the decoder's window so a hostile frame cannot ask for 2 GiB. */
#define ZSTD_WINDOW_LOG_MAX 23

struct trace_reader {
	FILE *fp;
	bool own_fp;
	char *name;
	enum trace_format fmt;

	uint8_t *in;            /* raw bytes from the file */
	size_t in_len, in_pos;
	uint64_t in_off;        /* file offset of in[0] */
	bool in_eof;

	ZSTD_DCtx *dctx;
	uint8_t *out;           /* decompressed record bytes */
	size_t out_len, out_pos;
	uint64_t out_off;       /* logical offset of out[0] */
	size_t zret;            /* last ZSTD_decompressStream() hint; 0: frame done */

	char *line;             /* text: current line */
	uint64_t lineno;

	struct trace_bin_dec dec;
	/*
	 * binary: offset of the last event's record is out_off + last_pos
	 * (mod 2^64: when out[] moves, last_pos goes "below" it)
	 */
	uint64_t last_pos;
	uint64_t count;
	sim_time_t last_time;
	bool done;
	bool failed;
	char failmsg[sizeof(((struct trace_err *)0)->msg)];
	char why[256];          /* a record's error, before its location is added */
};

static int fail(struct trace_reader *r, struct trace_err *err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct trace_reader *r, struct trace_err *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->failmsg, sizeof(r->failmsg), fmt, ap);
	va_end(ap);
	r->failed = true;
	r->dec.fast_tag = 0;    /* nothing more comes out of the buffer */
	trace_err_set(err, "%s", r->failmsg);
	return -1;
}

/* Refill r->in; 0 ok (possibly at EOF), -1 read error. */
static int fill_in(struct trace_reader *r, struct trace_err *err)
{
	size_t n;

	if (r->in_pos < r->in_len || r->in_eof)
		return 0;
	r->in_off += r->in_len;
	r->in_pos = 0;
	n = fread(r->in, 1, IN_BUF, r->fp);
	r->in_len = n;
	if (n < IN_BUF) {
		if (ferror(r->fp))
			return fail(r, err, "%s: read error: %s", r->name, strerror(errno));
		r->in_eof = true;
	}
	return 0;
}

/*
 * Keep at least want bytes (or all that is left) in r->out from out_pos;
 * returns the bytes available, or -1.
 */
static long need_out_slow(struct trace_reader *r, size_t want, struct trace_err *err)
{
	if (r->out_pos > 0 && r->out_len - r->out_pos < want) {
		memmove(r->out, r->out + r->out_pos, r->out_len - r->out_pos);
		r->out_off += r->out_pos;
		r->last_pos -= r->out_pos;
		r->out_len -= r->out_pos;
		r->out_pos = 0;
	}
	while (r->out_len - r->out_pos < want) {
		bool have_in;

		if (fill_in(r, err))
			return -1;
		have_in = r->in_pos < r->in_len;
		if (r->fmt == TRACE_FMT_BIN) {
			ZSTD_inBuffer zin = { r->in, r->in_len, r->in_pos };
			ZSTD_outBuffer zout = { r->out, OUT_BUF, r->out_len };
			size_t ret;

			/* No input left: done if the last frame is complete. */
			if (!have_in && r->zret == 0)
				break;
			/* Without input, zstd may still flush what it holds. */
			ret = ZSTD_decompressStream(r->dctx, &zout, &zin);
			if (ZSTD_isError(ret))
				return fail(r, err,
					    "%s: offset %llu: corrupt compressed data (zstd: %s)",
					    r->name,
					    (unsigned long long)(r->in_off + r->in_pos),
					    ZSTD_getErrorName(ret));
			if (!have_in && zout.pos == r->out_len)
				return fail(r, err,
					    "%s: offset %llu: compressed data ends in the middle of a frame",
					    r->name,
					    (unsigned long long)(r->in_off + r->in_pos));
			r->in_pos = zin.pos;
			r->out_len = zout.pos;
			r->zret = ret;
		} else {
			size_t n = r->in_len - r->in_pos;

			if (!have_in)
				break;  /* end of input */
			if (n > OUT_BUF - r->out_len)
				n = OUT_BUF - r->out_len;
			memcpy(r->out + r->out_len, r->in + r->in_pos, n);
			r->in_pos += n;
			r->out_len += n;
		}
	}
	return (long)(r->out_len - r->out_pos);
}

static inline long need_out(struct trace_reader *r, size_t want, struct trace_err *err)
{
	if (r->out_len - r->out_pos >= want)
		return (long)(r->out_len - r->out_pos);
	return need_out_slow(r, want, err);
}

/* The uncompressed header and the first bytes of a text file. */
static int detect(struct trace_reader *r, struct trace_err *err)
{
	uint8_t *h;
	size_t avail;

	if (fill_in(r, err))
		return -1;
	h = r->in;
	avail = r->in_len;
	if (avail >= TRACE_BIN_MAGIC_LEN && !memcmp(h, TRACE_BIN_MAGIC, TRACE_BIN_MAGIC_LEN)) {
		if (avail < TRACE_BIN_HDR_LEN)
			return fail(r, err, "%s: offset %zu: truncated header", r->name, avail);
		if (h[8] != TRACE_VERSION)
			return fail(r, err,
				    "%s: offset 8: unsupported format version %u (this reader knows %d)",
				    r->name, h[8], TRACE_VERSION);
		if (h[9] & ~TRACE_BIN_FLAG_ZSTD)
			return fail(r, err, "%s: offset 9: unknown header flags 0x%02x",
				    r->name, h[9]);
		if (h[10] || h[11])
			return fail(r, err, "%s: offset 10: reserved header bytes are not zero",
				    r->name);
		r->in_pos = TRACE_BIN_HDR_LEN;
		r->out_off = TRACE_BIN_HDR_LEN;
		r->last_pos = 0 - (uint64_t)TRACE_BIN_HDR_LEN;  /* offset 0 until an event */
		if (h[9] & TRACE_BIN_FLAG_ZSTD) {
			r->fmt = TRACE_FMT_BIN;
			r->dctx = ZSTD_createDCtx();
			if (!r->dctx ||
			    ZSTD_isError(ZSTD_DCtx_setParameter(r->dctx, ZSTD_d_windowLogMax,
								ZSTD_WINDOW_LOG_MAX)))
				return fail(r, err, "%s: cannot set up zstd", r->name);
		} else {
			r->fmt = TRACE_FMT_BIN_RAW;
		}
		return 0;
	}
	r->fmt = TRACE_FMT_TEXT;
	r->line = malloc(TRACE_LINE_MAX + 1);
	if (!r->line)
		return fail(r, err, "%s: out of memory", r->name);
	if (avail == 0)
		return fail(r, err, "%s: empty file (not an iommusim trace)", r->name);
	if (avail < strlen(TRACE_TEXT_MAGIC) ||
	    memcmp(h, TRACE_TEXT_MAGIC, strlen(TRACE_TEXT_MAGIC)))
		return fail(r, err,
			    "%s:1: not an iommusim trace (want first line '%s v%d' or the binary magic)",
			    r->name, TRACE_TEXT_MAGIC, TRACE_VERSION);
	return 0;
}

static struct trace_reader *open_common(FILE *fp, bool own, const char *name,
					struct trace_err *err)
{
	struct trace_reader *r = calloc(1, sizeof(*r));

	if (!r) {
		trace_err_set(err, "%s: out of memory", name);
		if (own)
			fclose(fp);
		return NULL;
	}
	r->fp = fp;
	r->own_fp = own;
	r->name = strdup(name);
	r->in = malloc(IN_BUF);
	r->out = malloc(OUT_BUF);
	if (!r->name || !r->in || !r->out) {
		trace_err_set(err, "%s: out of memory", name);
		trace_reader_close(r);
		return NULL;
	}
	if (detect(r, err)) {
		trace_reader_close(r);
		return NULL;
	}
	return r;
}

struct trace_reader *trace_reader_open(const char *path, struct trace_err *err)
{
	FILE *fp;

	if (!strcmp(path, "-"))
		return open_common(stdin, false, "<stdin>", err);
	fp = fopen(path, "rb");
	if (!fp) {
		trace_err_set(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	return open_common(fp, true, path, err);
}

struct trace_reader *trace_reader_open_stream(FILE *fp, const char *name,
					      struct trace_err *err)
{
	return open_common(fp, false, name, err);
}

/* Next line into r->line without its newline; 1 line, 0 EOF, -1 error. */
static int get_line(struct trace_reader *r, struct trace_err *err)
{
	size_t n = 0;
	long avail;

	for (;;) {
		uint8_t *p, *nl;
		size_t take;

		avail = need_out(r, 1, err);
		if (avail < 0)
			return -1;
		if (avail == 0) {
			if (n == 0)
				return 0;
			break;  /* last line without newline */
		}
		p = r->out + r->out_pos;
		nl = memchr(p, '\n', avail);
		take = nl ? (size_t)(nl - p) : (size_t)avail;
		if (n + take > TRACE_LINE_MAX - 1) {
			r->lineno++;
			return fail(r, err, "%s:%llu: line too long (limit %d bytes)", r->name,
				    (unsigned long long)r->lineno, TRACE_LINE_MAX - 1);
		}
		memcpy(r->line + n, p, take);
		n += take;
		r->out_pos += take;
		if (nl) {
			r->out_pos++;
			break;
		}
	}
	r->line[n] = 0;
	r->lineno++;
	if (memchr(r->line, 0, n))
		return fail(r, err, "%s:%llu: NUL byte in a text line", r->name,
			    (unsigned long long)r->lineno);
	return 1;
}

static int check_header(struct trace_reader *r, struct trace_err *err)
{
	char *p = r->line + strlen(TRACE_TEXT_MAGIC);
	size_t len;

	len = strlen(r->line);
	while (len && (r->line[len - 1] == ' ' || r->line[len - 1] == '\t' ||
		       r->line[len - 1] == '\r'))
		r->line[--len] = 0;
	if (*p != ' ' || p[1] != 'v')
		return fail(r, err, "%s:1: bad header line (want '%s v%d')", r->name,
			    TRACE_TEXT_MAGIC, TRACE_VERSION);
	if (strcmp(p + 2, "1"))
		return fail(r, err,
			    "%s:1: unsupported format version '%.20s' (this reader knows v%d)",
			    r->name, p + 1, TRACE_VERSION);
	return 0;
}

static int next_text(struct trace_reader *r, struct trace_event *ev, struct trace_err *err)
{
	char why[256];

	for (;;) {
		int rc = get_line(r, err);

		if (rc <= 0) {
			if (rc == 0 && r->lineno == 0)
				return fail(r, err, "%s: empty file (not an iommusim trace)",
					    r->name);
			return rc;
		}
		if (r->lineno == 1) {
			if (check_header(r, err))
				return -1;
			continue;
		}
		rc = trace_text_parse(r->line, ev, why, sizeof(why));
		if (rc < 0)
			return fail(r, err, "%s:%llu: %s", r->name,
				    (unsigned long long)r->lineno, why);
		if (rc == 0)
			continue;
		if (r->count && ev->time < r->last_time)
			return fail(r, err, "%s:%llu: time goes backwards (%llu ps after %llu ps)",
				    r->name, (unsigned long long)r->lineno,
				    (unsigned long long)ev->time,
				    (unsigned long long)r->last_time);
		r->last_time = ev->time;
		r->count++;
		return 1;
	}
}

static int next_bin(struct trace_reader *r, struct trace_event *ev, struct trace_err *err)
{
	uint64_t count = 0, off;
	size_t used = 0;
	long avail;
	int rc;

	avail = need_out(r, TRACE_BIN_REC_MAX, err);
	if (avail < 0)
		return -1;
	off = r->out_off + r->out_pos;
	if (avail == 0)
		return fail(r, err, "%s: offset %llu: truncated: data ends without an end record",
			    r->name, (unsigned long long)off);
	rc = trace_bin_decode(&r->dec, r->out + r->out_pos, avail, ev, &count, &used,
			      r->why, sizeof(r->why));
	if (rc == BIN_DEC_SHORT)
		return fail(r, err, "%s: offset %llu: truncated record", r->name,
			    (unsigned long long)off);
	if (rc == BIN_DEC_ERROR)
		return fail(r, err, "%s: offset %llu: %s", r->name,
			    (unsigned long long)off, r->why);
	if (rc == BIN_DEC_EVENT)
		r->last_pos = r->out_pos;
	r->out_pos += used;
	if (rc == BIN_DEC_END) {
		if (count != r->count)
			return fail(r, err,
				    "%s: offset %llu: end record counts %llu events, the data holds %llu",
				    r->name, (unsigned long long)off,
				    (unsigned long long)count, (unsigned long long)r->count);
		avail = need_out(r, 1, err);
		if (avail < 0)
			return -1;
		if (avail > 0)
			return fail(r, err, "%s: offset %llu: data after the end record",
				    r->name, (unsigned long long)(r->out_off + r->out_pos));
		r->done = true;
		return 0;
	}
	r->count++;
	return 1;
}

/* Everything but the common dma record; out of line, so the fast path needs no frame. */
static __attribute__((noinline)) int next_slow(struct trace_reader *r, struct trace_event *ev,
					       struct trace_err *err)
{
	if (r->failed) {
		trace_err_set(err, "%s", r->failmsg);
		return -1;
	}
	if (r->done)
		return 0;
	if (r->fmt == TRACE_FMT_TEXT) {
		int rc = next_text(r, ev, err);

		if (rc == 0)
			r->done = true;
		return rc;
	}
	return next_bin(r, ev, err);
}

int trace_reader_next(struct trace_reader *r, struct trace_event *ev, struct trace_err *err)
{
	/*
	 * The common dma record, when a whole record's worth of bytes is
	 * buffered (so need_out() would do nothing). fast_tag is 0 for text,
	 * before the first dma and after an error; after the end nothing is
	 * buffered.
	 */
	if (r->out_len - r->out_pos >= TRACE_BIN_REC_MAX) {
		const uint8_t *end = trace_bin_decode_fast(&r->dec, r->out + r->out_pos, ev);

		if (end) {
			r->last_pos = r->out_pos;
			r->out_pos = (size_t)(end - r->out);
			r->count++;
			return 1;
		}
	}
	return next_slow(r, ev, err);
}

enum trace_format trace_reader_format(const struct trace_reader *r)
{
	return r->fmt;
}

const char *trace_reader_where(const struct trace_reader *r, char *buf, size_t len)
{
	if (r->fmt == TRACE_FMT_TEXT)
		snprintf(buf, len, "%s:%llu", r->name, (unsigned long long)r->lineno);
	else
		snprintf(buf, len, "%s: offset %llu", r->name,
			 (unsigned long long)(r->out_off + r->last_pos));
	return buf;
}

size_t trace_reader_mem(const struct trace_reader *r)
{
	size_t n = sizeof(*r) + IN_BUF + OUT_BUF + strlen(r->name) + 1;

	if (r->line)
		n += TRACE_LINE_MAX + 1;
	if (r->dctx)
		n += ZSTD_sizeof_DCtx(r->dctx);
	return n;
}

void trace_reader_close(struct trace_reader *r)
{
	if (!r)
		return;
	if (r->own_fp && r->fp)
		fclose(r->fp);
	ZSTD_freeDCtx(r->dctx);
	free(r->in);
	free(r->out);
	free(r->line);
	free(r->name);
	free(r);
}
