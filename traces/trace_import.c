// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace_import.c - reads the text of `perf script` and `trace-cmd report`
 * for the iommu:map, iommu:unmap and iommu:io_page_fault tracepoints.
 *
 * Both tools print "<comm>-<pid> [<cpu>] <secs>.<frac>: <event>: <payload>"
 * (perf: "<comm> <pid> [<cpu>] ...", event "iommu:map"; trace-cmd:
 * "<comm>-<pid> [<cpu>] ...", event "map", possibly a latency-flags field
 * before the time). The payload is the tracepoint's TP_printk text from
 * include/trace/events/iommu.h:
 *   map:           IOMMU: iova=0x%016llx - 0x%016llx paddr=0x%016llx size=%zu
 *   unmap:         IOMMU: iova=0x%016llx - 0x%016llx size=%zu unmapped_size=%zu
 *   io_page_fault: IOMMU:%s %s iova=0x%016llx flags=0x%04x  (driver, device)
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "trace_import.h"
#include "trace_internal.h"

#define IMPORT_LINE_MAX (64 * 1024)
#define FAULT_FLAG_WRITE 0x1    /* IOMMU_FAULT_WRITE; IOMMU_FAULT_READ is 0 */

enum tp { TP_MAP, TP_UNMAP, TP_FAULT, TP_OTHER };

struct importer {
	enum trace_import_fmt fmt;
	const char *name;
	uint64_t lineno;
	const struct trace_import_opts *opts;
	struct trace_import_stats *st;
	struct trace_writer *w;
	struct trace_err *err;
	bool have_t0;
	uint64_t t0_ns, last_ns;
	char *names[TRACE_IMPORT_NAMED_DEV_MAX];
	unsigned nnames;
};

struct cursor {
	const char *p;
	const char *want;       /* what the payload lacked, for the message */
};

int trace_import_parse_fmt(const char *name, enum trace_import_fmt *fmt)
{
	if (!strcmp(name, "perf")) {
		*fmt = TRACE_IMPORT_PERF;
		return 0;
	}
	if (!strcmp(name, "trace-cmd")) {
		*fmt = TRACE_IMPORT_TRACE_CMD;
		return 0;
	}
	return -1;
}

static int line_error(struct importer *im, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int line_error(struct importer *im, const char *fmt, ...)
{
	char why[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	trace_err_set(im->err, "%s:%" PRIu64 ": %s", im->name, im->lineno, why);
	return -1;
}

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* "<secs>.<1-9 digits>:" -> ns; returns the char after ':' or NULL. */
static const char *parse_ts(const char *p, uint64_t *ns)
{
	uint64_t s = 0, frac = 0;
	int digits = 0;
	const char *start = p;

	for (; isdigit((unsigned char)*p); p++) {
		if (s > (UINT64_MAX / 1000000000ULL - 9) / 10)
			return NULL;
		s = s * 10 + (*p - '0');
	}
	if (p == start || *p != '.')
		return NULL;
	for (p++; isdigit((unsigned char)*p); p++, digits++) {
		if (digits == 9)
			return NULL;
		frac = frac * 10 + (*p - '0');
	}
	if (!digits || *p != ':')
		return NULL;
	for (; digits < 9; digits++)
		frac *= 10;
	*ns = s * 1000000000ULL + frac;
	return p + 1;
}

/* "<secs>.<frac>: <event>: <payload>" at p; false if p is not that. */
static bool parse_tail(const char *p, uint64_t *ns, char **event, char **payload)
{
	const char *q = parse_ts(p, ns);
	char *ev, *end;

	if (!q || (*q != ' ' && *q != '\t'))
		return false;
	ev = (char *)skip_ws(q);
	end = ev;
	while (*end && *end != ' ' && *end != '\t')
		end++;
	if (end == ev || end[-1] != ':')
		return false;
	end[-1] = 0;
	*event = ev;
	*payload = *end ? (char *)skip_ws(end + 1) : end;
	return true;
}

/*
 * Find "[cpu] [flags] secs.frac: event: payload" in line. Tries every '['
 * so a command name holding brackets does not confuse it; without a
 * "[cpu]" field (perf script -F without cpu), the first token that starts
 * "secs.frac: event:" will do.
 */
static bool parse_prefix(char *line, uint64_t *ns, char **event, char **payload)
{
	for (char *b = strchr(line, '['); b; b = strchr(b + 1, '[')) {
		const char *p = b + 1, *f;

		if (!isdigit((unsigned char)*p))
			continue;
		while (isdigit((unsigned char)*p))
			p++;
		if (*p != ']' || (p[1] != ' ' && p[1] != '\t'))
			continue;
		p = skip_ws(p + 1);
		if (parse_tail(p, ns, event, payload))
			return true;
		/* trace-cmd's latency flags, e.g. "d..1." */
		for (f = p; *f && *f != ' ' && *f != '\t'; f++)
			;
		if (f - p <= 8 && parse_tail(skip_ws(f), ns, event, payload))
			return true;
	}
	for (char *t = line; *t; t++)
		if ((t == line || t[-1] == ' ' || t[-1] == '\t') &&
		    isdigit((unsigned char)*t) && parse_tail(t, ns, event, payload))
			return true;
	return false;
}

static enum tp classify(const struct importer *im, const char *event)
{
	if (im->fmt == TRACE_IMPORT_PERF) {
		if (strncmp(event, "iommu:", 6))
			return TP_OTHER;
		event += 6;
	}
	if (!strcmp(event, "map"))
		return TP_MAP;
	if (!strcmp(event, "unmap"))
		return TP_UNMAP;
	if (!strcmp(event, "io_page_fault"))
		return TP_FAULT;
	return TP_OTHER;
}

static bool lit(struct cursor *c, const char *s)
{
	size_t n = strlen(s);

	if (c->want)
		return false;
	if (strncmp(c->p, s, n)) {
		c->want = s;
		return false;
	}
	c->p += n;
	return true;
}

static bool num(struct cursor *c, bool hex, uint64_t *v, const char *what)
{
	const char *p = c->p;
	uint64_t x = 0;

	if (c->want)
		return false;
	for (; hex ? isxdigit((unsigned char)*p) : isdigit((unsigned char)*p); p++) {
		unsigned d = isdigit((unsigned char)*p) ? *p - '0'
			     : tolower((unsigned char)*p) - 'a' + 10;

		if (x > (UINT64_MAX - d) / (hex ? 16 : 10)) {
			c->want = what;
			return false;
		}
		x = x * (hex ? 16 : 10) + d;
	}
	if (p == c->p) {
		c->want = what;
		return false;
	}
	c->p = p;
	*v = x;
	return true;
}

static bool at_end(struct cursor *c)
{
	if (c->want)
		return false;
	c->p = skip_ws(c->p);
	if (*c->p && *c->p != '\r') {
		c->want = "end of line";
		return false;
	}
	return true;
}

static int malformed(struct importer *im, const char *tp, struct cursor *c)
{
	char near[32];
	size_t i;

	for (i = 0; c->p[i] && i < sizeof(near) - 1; i++)
		near[i] = isprint((unsigned char)c->p[i]) ? c->p[i] : '?';
	near[i] = 0;
	return line_error(im, "malformed %s payload: expected '%s' at '%s'", tp, c->want,
			  near);
}

/* A device name: PCI names become requester ids, others get numbered. */
static int dev_id(struct importer *im, const char *name, uint32_t *dev)
{
	char msg[300];

	if (!trace_parse_dev(name, dev) && strchr(name, ':'))
		return 0;
	for (unsigned i = 0; i < im->nnames; i++)
		if (!strcmp(im->names[i], name)) {
			*dev = TRACE_IMPORT_NAMED_DEV_BASE + i;
			return 0;
		}
	if (im->nnames == TRACE_IMPORT_NAMED_DEV_MAX)
		return line_error(im, "more than %d distinct non-PCI device names",
				  TRACE_IMPORT_NAMED_DEV_MAX);
	im->names[im->nnames] = strdup(name);
	if (!im->names[im->nnames])
		return line_error(im, "out of memory");
	*dev = TRACE_IMPORT_NAMED_DEV_BASE + im->nnames++;
	im->st->device_names++;
	if (im->opts && im->opts->note) {
		snprintf(msg, sizeof(msg), "%s:%" PRIu64 ": device '%s' is dev 0x%x",
			 im->name, im->lineno, name, *dev);
		im->opts->note(im->opts->note_ctx, msg);
	}
	return 0;
}

/* Write ev, stamped ns after the first event, and count it in *count. */
static int emit(struct importer *im, struct trace_event *ev, uint64_t ns, uint64_t *count)
{
	char why[256];

	if (!im->have_t0) {
		im->t0_ns = ns;
		im->have_t0 = true;
	} else if (ns < im->last_ns) {
		return line_error(im, "time goes backwards (%" PRIu64 " ns after %" PRIu64 " ns)",
				  ns, im->last_ns);
	}
	im->last_ns = ns;
	if (ns - im->t0_ns > UINT64_MAX / SIM_PS_PER_NS)
		return line_error(im, "time span too long for picoseconds");
	ev->time = (ns - im->t0_ns) * SIM_PS_PER_NS;
	if (trace_event_check(ev, why, sizeof(why)))
		return line_error(im, "%s", why);
	if (trace_writer_put(im->w, ev, im->err))
		return -1;
	(*count)++;
	return 0;
}

/* A map or unmap of [iova, iova + size), in address space opts->as (else 0). */
static int emit_range(struct importer *im, struct trace_event *ev, uint64_t iova,
		      uint64_t size, uint64_t ns, uint64_t *count)
{
	ev->as = im->opts ? im->opts->as : 0;
	ev->iova = iova;
	ev->size = size;
	return emit(im, ev, ns, count);
}

/* "IOMMU: iova=0x<iova> - 0x<end>", as iommu:map and iommu:unmap begin. */
static bool range(struct cursor *c, uint64_t *iova, uint64_t *end)
{
	return lit(c, "IOMMU: iova=0x") && num(c, true, iova, "iova hex") &&
	       lit(c, " - 0x") && num(c, true, end, "end hex");
}

/* The tracepoints print the end they compute from size: the two must agree. */
static int range_check(struct importer *im, const char *tp, uint64_t iova, uint64_t end,
		       uint64_t size)
{
	if (end == iova + size)
		return 0;
	return line_error(im, "%s: range end 0x%" PRIx64
			  " is not iova + size (0x%" PRIx64 " + %" PRIu64 ")",
			  tp, end, iova, size);
}

static int do_map(struct importer *im, const char *payload, uint64_t ns)
{
	struct cursor c = { .p = payload };
	uint64_t iova = 0, end = 0, pa = 0, size = 0;
	struct trace_event ev = { .kind = TRACE_MAP };

	if (!(range(&c, &iova, &end) &&
	      lit(&c, " paddr=0x") && num(&c, true, &pa, "paddr hex") &&
	      lit(&c, " size=") && num(&c, false, &size, "size decimal") && at_end(&c)))
		return malformed(im, "iommu:map", &c);
	if (range_check(im, "iommu:map", iova, end, size))
		return -1;
	ev.pa = pa;
	/* The tracepoint does not record the protection; assume rw. */
	ev.access = XLATE_READ | XLATE_WRITE;
	return emit_range(im, &ev, iova, size, ns, &im->st->maps);
}

static int do_unmap(struct importer *im, const char *payload, uint64_t ns)
{
	struct cursor c = { .p = payload };
	uint64_t iova = 0, end = 0, size = 0, unmapped = 0;
	struct trace_event ev = { .kind = TRACE_UNMAP };

	if (!(range(&c, &iova, &end) &&
	      lit(&c, " size=") && num(&c, false, &size, "size decimal") &&
	      lit(&c, " unmapped_size=") && num(&c, false, &unmapped, "unmapped_size decimal") &&
	      at_end(&c)))
		return malformed(im, "iommu:unmap", &c);
	if (range_check(im, "iommu:unmap", iova, end, size))
		return -1;
	/* What was removed is what replay must remove. */
	if (unmapped == 0) {
		im->st->skipped_empty_unmap++;
		return 0;
	}
	return emit_range(im, &ev, iova, unmapped, ns, &im->st->unmaps);
}

static int do_fault(struct importer *im, const char *payload, uint64_t ns)
{
	struct cursor c = { .p = payload };
	struct trace_event ev = { .kind = TRACE_FAULT };
	char w1[256], w2[256], *words[2] = { w1, w2 };
	uint64_t iova = 0, flags = 0;
	int nwords = 0;
	uint32_t dev;

	if (!lit(&c, "IOMMU:"))
		return malformed(im, "iommu:io_page_fault", &c);
	/* "<driver> <device> iova=": the driver string may be empty. */
	for (;;) {
		const char *p = skip_ws(c.p), *e = p;
		size_t n;

		if (!strncmp(p, "iova=0x", 7))
			break;
		while (*e && *e != ' ' && *e != '\t')
			e++;
		n = e - p;
		if (!n || nwords == 2 || n >= sizeof(w1)) {
			c.p = p;
			c.want = "iova=0x";
			return malformed(im, "iommu:io_page_fault", &c);
		}
		memcpy(words[nwords], p, n);
		words[nwords++][n] = 0;
		c.p = e;
	}
	c.p = skip_ws(c.p);
	if (!nwords) {
		c.want = "device name";
		return malformed(im, "iommu:io_page_fault", &c);
	}
	if (!(lit(&c, "iova=0x") && num(&c, true, &iova, "iova hex") &&
	      lit(&c, " flags=0x") && num(&c, true, &flags, "flags hex") && at_end(&c)))
		return malformed(im, "iommu:io_page_fault", &c);
	if (dev_id(im, words[nwords - 1], &dev))
		return -1;
	ev.dev = dev;
	ev.iova = iova;
	ev.access = (flags & FAULT_FLAG_WRITE) ? XLATE_WRITE : XLATE_READ;
	return emit(im, &ev, ns, &im->st->faults);
}

/* Lines the tools print that are not events. */
static bool is_header(const char *line)
{
	const char *p = skip_ws(line);
	const char *q;

	if (!*p || *p == '\r' || *p == '#')
		return true;
	if (!strncmp(line, "version = ", 10) || !strncmp(line, "cpus=", 5) ||
	    !strncmp(line, "CPU ", 4) || !strncmp(line, "CPU:", 4))
		return true;
	/* perf script -g callchain entries: "\t<hex address> <symbol>" */
	if (line[0] == '\t' || line[0] == ' ') {
		q = p;
		while (isxdigit((unsigned char)*q))
			q++;
		if (q - p >= 6 && (*q == ' ' || *q == '\t'))
			return true;
	}
	return false;
}

static int import_line(struct importer *im, char *line)
{
	char *event, *payload;
	uint64_t ns;

	if (!parse_prefix(line, &ns, &event, &payload)) {
		if (is_header(line)) {
			im->st->skipped_header++;
			return 0;
		}
		return line_error(im, "not a %s event line",
				  im->fmt == TRACE_IMPORT_PERF ? "perf script"
							       : "trace-cmd report");
	}
	switch (classify(im, event)) {
	case TP_MAP:
		return do_map(im, payload, ns);
	case TP_UNMAP:
		return do_unmap(im, payload, ns);
	case TP_FAULT:
		return do_fault(im, payload, ns);
	default:
		im->st->skipped_other++;
		return 0;
	}
}

int trace_import_stream(enum trace_import_fmt fmt, FILE *in, const char *name,
			struct trace_writer *w, const struct trace_import_opts *opts,
			struct trace_import_stats *st, struct trace_err *err)
{
	struct importer im = {
		.fmt = fmt, .name = name, .opts = opts, .st = st, .w = w, .err = err,
	};
	char *line = malloc(IMPORT_LINE_MAX);
	int rc = 0;

	memset(st, 0, sizeof(*st));
	if (!line) {
		trace_err_set(err, "%s: out of memory", name);
		return -1;
	}
	for (;;) {
		size_t n = 0;
		bool nul = false;
		int ch;

		while ((ch = getc(in)) != EOF && ch != '\n') {
			if (n < IMPORT_LINE_MAX - 1)
				line[n] = (char)ch;
			nul |= ch == 0;
			n++;
		}
		if (ch == EOF && n == 0)
			break;
		im.lineno++;
		st->lines++;
		if (n >= IMPORT_LINE_MAX - 1) {
			rc = line_error(&im, "line too long (limit %d bytes)", IMPORT_LINE_MAX - 2);
			break;
		}
		line[n] = 0;
		if (nul) {
			rc = line_error(&im, "NUL byte in line");
			break;
		}
		rc = import_line(&im, line);
		if (rc || ch == EOF)
			break;
	}
	if (!rc && ferror(in)) {
		trace_err_set(err, "%s: read error: %s", name, strerror(errno));
		rc = -1;
	}
	for (unsigned i = 0; i < im.nnames; i++)
		free(im.names[i]);
	free(line);
	return rc;
}

int trace_import(enum trace_import_fmt fmt, const char *in_path,
		 struct trace_writer *w, const struct trace_import_opts *opts,
		 struct trace_import_stats *st, struct trace_err *err)
{
	FILE *in = strcmp(in_path, "-") ? fopen(in_path, "r") : stdin;
	int rc;

	if (!in) {
		trace_err_set(err, "%s: %s", in_path, strerror(errno));
		return -1;
	}
	rc = trace_import_stream(fmt, in, strcmp(in_path, "-") ? in_path : "<stdin>",
				 w, opts, st, err);
	if (in != stdin)
		fclose(in);
	return rc;
}
