// SPDX-License-Identifier: GPL-2.0-only
/*
 * Harness 2: the trace parsers. The first byte picks the entry point, the
 * rest is the file:
 *   0  the reader (format detected from the first bytes: text, binary,
 *      zstd-compressed binary), every event it yields put again through a
 *      writer, which checks it by the same rules: the reader may never
 *      hand out an event the format forbids
 *   1  the `perf script` importer, 2 the `trace-cmd report` importer,
 *      each writing through a checking writer
 *   3  the text line parser, line by line, each event it accepts
 *      formatted and parsed back to the same event
 * Bad input must end in an error naming its place, never a crash.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"
#include "trace_import.h"

static int count_event(void *ctx, const struct trace_event *ev, struct trace_err *err)
{
	(*(unsigned long *)ctx)++;
	return 0;
}

static void must(int ok, const char *what, const char *msg)
{
	if (!ok) {
		fprintf(stderr, "fuzz_traces: %s: %s\n", what, msg);
		abort();
	}
}

static void read_all(FILE *fp)
{
	struct trace_err err = { "" };
	struct trace_reader *r = trace_reader_open_stream(fp, "fuzz", &err);
	struct trace_writer *w;
	struct trace_event ev;
	unsigned long n = 0, put = 0;
	char where[128];
	int rc;

	if (!r) {
		must(err.msg[0] != 0, "reader open failed without a message", "");
		return;
	}
	w = trace_writer_open_fn(count_event, &put);
	if (!w)
		abort();
	while ((rc = trace_reader_next(r, &ev, &err)) == 1 && n++ < 100000) {
		struct trace_err werr = { "" };

		must(trace_writer_put(w, &ev, &werr) == 0,
		     "the reader returned an event the writer rejects", werr.msg);
		trace_reader_where(r, where, sizeof(where));
	}
	if (rc < 0)
		must(err.msg[0] != 0, "reader error without a message", "");
	must(trace_reader_mem(r) < (64u << 20), "reader memory unbounded", "");
	trace_reader_close(r);
	trace_writer_abort(w);
}

static void import(enum trace_import_fmt fmt, FILE *fp)
{
	struct trace_err err = { "" };
	struct trace_import_opts opts = { .as = 1 };
	struct trace_import_stats st;
	unsigned long put = 0;
	struct trace_writer *w = trace_writer_open_fn(count_event, &put);

	if (!w)
		abort();
	memset(&st, 0, sizeof(st));
	if (trace_import_stream(fmt, fp, "fuzz", w, &opts, &st, &err))
		must(err.msg[0] != 0, "import error without a message", "");
	trace_writer_abort(w);
}

static void lines(const char *p, size_t n)
{
	char *buf = malloc(n + 1);
	char *save = NULL, *line;

	if (!buf)
		abort();
	memcpy(buf, p, n);
	buf[n] = 0;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct trace_event ev, back;
		char why[256], out[TRACE_LINE_MAX];

		if (trace_text_parse(line, &ev, why, sizeof(why)) != 1)
			continue;
		int len = trace_text_format(&ev, out, sizeof(out));

		must(len > 0 && len < (int)sizeof(out), "format failed", line);
		if (out[len - 1] == '\n')
			out[len - 1] = 0;
		must(trace_text_parse(out, &back, why, sizeof(why)) == 1,
		     "a formatted event does not parse", out);
		must(back.kind == ev.kind && back.time == ev.time && back.iova == ev.iova &&
		     back.size == ev.size && back.dev == ev.dev && back.as == ev.as &&
		     back.pa == ev.pa && back.access == ev.access &&
		     back.has_pasid == ev.has_pasid && (!ev.has_pasid || back.pasid == ev.pasid),
		     "format/parse round trip changed the event", out);
	}
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *fp;
	uint8_t mode;

	if (size < 2)
		return 0;
	mode = data[0] % 4;
	data++;
	size--;
	if (mode == 3) {
		lines((const char *)data, size);
		return 0;
	}
	fp = fmemopen((void *)data, size, "r");
	if (!fp)
		abort();
	if (mode == 0)
		read_all(fp);
	else
		import(mode == 1 ? TRACE_IMPORT_PERF : TRACE_IMPORT_TRACE_CMD, fp);
	fclose(fp);
	return 0;
}
