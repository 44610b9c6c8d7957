// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace_text.c - one event line of the text format (FORMAT.md "Text
 * format"): parsing with a precise reason for every rejection, and the
 * canonical printing that text -> binary -> text reproduces byte for byte.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "trace.h"
#include "trace_internal.h"

#define MAX_TOKENS 10

struct toks {
	char *t[MAX_TOKENS];
	int n;
	int next;
	char *why;
	size_t whylen;
};

/* Printable copy of a token for messages, cut to keep messages short. */
static const char *shown(const char *tok)
{
	static _Thread_local char buf[48];
	size_t i;

	for (i = 0; tok[i] && i < sizeof(buf) - 4; i++)
		buf[i] = isprint((unsigned char)tok[i]) ? tok[i] : '?';
	if (tok[i]) {
		memcpy(buf + i, "...", 3);
		i += 3;
	}
	buf[i] = 0;
	return buf;
}

int trace_parse_u64(const char *s, uint64_t *out, bool suffix)
{
	uint64_t v = 0, mul = 1;
	unsigned base = 10;
	const char *p = s, *digits;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	digits = p;
	for (; *p; p++) {
		unsigned d;

		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (base == 16 && isxdigit((unsigned char)*p))
			d = (tolower((unsigned char)*p) - 'a') + 10;
		else
			break;
		if (v > (UINT64_MAX - d) / base)
			return -2;
		v = v * base + d;
	}
	if (p == digits)
		return -1;
	if (*p && suffix && !p[1]) {
		switch (*p) {
		case 'K': case 'k': mul = 1ULL << 10; break;
		case 'M': case 'm': mul = 1ULL << 20; break;
		case 'G': case 'g': mul = 1ULL << 30; break;
		case 'T': case 't': mul = 1ULL << 40; break;
		default: return -1;
		}
		p++;
		if (v > UINT64_MAX / mul)
			return -2;
		v *= mul;
	}
	if (*p)
		return -1;
	*out = v;
	return 0;
}

static const char *next_tok(struct toks *tk, const char *field)
{
	if (tk->next >= tk->n) {
		snprintf(tk->why, tk->whylen, "missing field <%s>", field);
		return NULL;
	}
	return tk->t[tk->next++];
}

static int num_field(struct toks *tk, const char *field, uint64_t max,
		     bool suffix, uint64_t *out)
{
	const char *tok = next_tok(tk, field);
	int rc;

	if (!tok)
		return -1;
	rc = trace_parse_u64(tok, out, suffix);
	if (rc == -1) {
		snprintf(tk->why, tk->whylen, "bad number '%s' for <%s>",
			 shown(tok), field);
		return -1;
	}
	if (rc == -2 || *out > max) {
		snprintf(tk->why, tk->whylen, "number '%s' out of range for <%s>",
			 shown(tok), field);
		return -1;
	}
	return 0;
}

/* A hex field of 1..maxlen digits ending at one of the stop characters. */
static const char *hex_part(const char *s, int maxlen, char stop, unsigned *out)
{
	unsigned v = 0;
	int n = 0;

	for (; isxdigit((unsigned char)*s); s++, n++) {
		if (n == maxlen)
			return NULL;
		v = v * 16 + (isdigit((unsigned char)*s) ? *s - '0'
			      : tolower((unsigned char)*s) - 'a' + 10);
	}
	if (!n || *s != stop)
		return NULL;
	*out = v;
	return stop ? s + 1 : s;
}

/* PCI "[segment:]bus:device.function", all hex, as a requester id. */
static int parse_bdf(const char *s, uint32_t *out)
{
	unsigned seg = 0, bus, dev, fn;
	const char *colon2 = strchr(s, ':') ? strchr(strchr(s, ':') + 1, ':') : NULL;

	if (colon2 && !(s = hex_part(s, 4, ':', &seg)))
		return -1;
	if (!(s = hex_part(s, 2, ':', &bus)) || !(s = hex_part(s, 2, '.', &dev)) ||
	    !hex_part(s, 1, 0, &fn))
		return -1;
	if (dev > 0x1f || fn > 7)
		return -1;
	*out = seg << 16 | bus << 8 | dev << 3 | fn;
	return 0;
}

int trace_parse_dev(const char *s, uint32_t *out)
{
	uint64_t v;
	int rc;

	if (strchr(s, ':'))
		return parse_bdf(s, out) ? -3 : 0;
	rc = trace_parse_u64(s, &v, false);
	if (rc)
		return rc;
	if (v > UINT32_MAX)
		return -2;
	*out = (uint32_t)v;
	return 0;
}

static int dev_field(struct toks *tk, uint32_t *out)
{
	const char *tok = next_tok(tk, "dev");

	if (!tok)
		return -1;
	switch (trace_parse_dev(tok, out)) {
	case 0:
		return 0;
	case -3:
		snprintf(tk->why, tk->whylen,
			 "bad PCI device '%s' for <dev> (want [seg:]bus:dev.fn)",
			 shown(tok));
		return -1;
	case -2:
		snprintf(tk->why, tk->whylen, "number '%s' out of range for <dev>",
			 shown(tok));
		return -1;
	default:
		snprintf(tk->why, tk->whylen, "bad number '%s' for <dev>", shown(tok));
		return -1;
	}
}

static int pasid_field(struct toks *tk, struct trace_event *ev)
{
	uint64_t v;

	if (tk->next < tk->n && !strcmp(tk->t[tk->next], "-")) {
		tk->next++;
		ev->has_pasid = false;
		ev->pasid = 0;
		return 0;
	}
	if (num_field(tk, "pasid", TRACE_PASID_MAX, false, &v))
		return -1;
	ev->has_pasid = true;
	ev->pasid = (uint32_t)v;
	return 0;
}

int trace_parse_access(const char *s, uint8_t *out)
{
	uint8_t acc = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		uint8_t bit;

		switch (*s) {
		case 'r': bit = XLATE_READ; break;
		case 'w': bit = XLATE_WRITE; break;
		case 'x': bit = XLATE_EXEC; break;
		default: return -1;
		}
		if (acc & bit)
			return -1;
		acc |= bit;
	}
	*out = acc;
	return 0;
}

/* <dev> <pasid>: who sends a dma, attaches or faults. */
static int requester_fields(struct toks *tk, struct trace_event *ev)
{
	if (dev_field(tk, &ev->dev) || pasid_field(tk, ev))
		return -1;
	return 0;
}

/* <as>: an address space id. */
static int as_field(struct toks *tk, uint32_t *out)
{
	uint64_t v;

	if (num_field(tk, "as", UINT32_MAX, false, &v))
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/* <iova> <size>, as dma, map, unmap and a ranged inval give them. */
static int range_fields(struct toks *tk, struct trace_event *ev)
{
	if (num_field(tk, "iova", UINT64_MAX, false, &ev->iova) ||
	    num_field(tk, "size", UINT64_MAX, true, &ev->size))
		return -1;
	return 0;
}

static int access_field(struct toks *tk, const char *field, uint8_t *out)
{
	const char *tok = next_tok(tk, field);

	if (!tok)
		return -1;
	if (trace_parse_access(tok, out)) {
		snprintf(tk->why, tk->whylen,
			 "bad <%s> '%s' (want letters from r, w, x, each once)",
			 field, shown(tok));
		return -1;
	}
	return 0;
}

/* "<ns>" or "<ns>.<1 to 3 digits>" -> picoseconds. */
static int time_field(struct toks *tk, sim_time_t *out)
{
	const char *tok = next_tok(tk, "time");
	uint64_t ns = 0, ps = 0;
	const char *p;
	int digits = 0;

	if (!tok)
		return -1;
	for (p = tok; *p >= '0' && *p <= '9'; p++) {
		if (ns > (UINT64_MAX - (*p - '0')) / 10)
			goto range;
		ns = ns * 10 + (*p - '0');
	}
	if (p == tok)
		goto bad;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9' && digits < 3; p++, digits++)
			ps = ps * 10 + (*p - '0');
		if (!digits)
			goto bad;
		for (; digits < 3; digits++)
			ps *= 10;
	}
	if (*p)
		goto bad;
	if (ns > (UINT64_MAX - ps) / SIM_PS_PER_NS)
		goto range;
	*out = ns * SIM_PS_PER_NS + ps;
	return 0;
bad:
	snprintf(tk->why, tk->whylen,
		 "bad time '%s' (want nanoseconds, at most 3 decimals)", shown(tok));
	return -1;
range:
	snprintf(tk->why, tk->whylen, "time '%s' out of range", shown(tok));
	return -1;
}

static int split(char *buf, struct toks *tk)
{
	char *p = buf;

	tk->n = 0;
	tk->next = 0;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (!*p || *p == '#')
			return 0;
		if (tk->n == MAX_TOKENS) {
			snprintf(tk->why, tk->whylen, "too many fields");
			return -1;
		}
		tk->t[tk->n++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n' &&
		       *p != '#')
			p++;
		if (*p == '#') {
			*p = 0;
			return 0;
		}
		if (*p)
			*p++ = 0;
	}
}

int trace_text_parse(const char *line, struct trace_event *ev, char *why, size_t whylen)
{
	char buf[TRACE_LINE_MAX];
	struct toks tk = { .why = why, .whylen = whylen };
	const char *kw;
	int k;

	if (strlen(line) >= sizeof(buf)) {
		snprintf(why, whylen, "line too long (limit %d bytes)", TRACE_LINE_MAX - 1);
		return -1;
	}
	strcpy(buf, line);
	if (split(buf, &tk))
		return -1;
	if (tk.n == 0)
		return 0;
	memset(ev, 0, sizeof(*ev));
	if (time_field(&tk, &ev->time))
		return -1;
	kw = next_tok(&tk, "kind");
	if (!kw)
		return -1;
	for (k = 0; k < TRACE_KIND_COUNT; k++)
		if (!strcmp(kw, trace_kind_name(k)))
			break;
	if (k == TRACE_KIND_COUNT) {
		snprintf(why, whylen, "unknown event kind '%s'", shown(kw));
		return -1;
	}
	ev->kind = k;
	switch (ev->kind) {
	case TRACE_DMA:
		if (requester_fields(&tk, ev) || range_fields(&tk, ev) ||
		    access_field(&tk, "access", &ev->access))
			return -1;
		break;
	case TRACE_MAP:
		if (as_field(&tk, &ev->as) || range_fields(&tk, ev) ||
		    num_field(&tk, "pa", UINT64_MAX, false, &ev->pa) ||
		    access_field(&tk, "prot", &ev->access))
			return -1;
		break;
	case TRACE_UNMAP:
	case TRACE_INVAL:
		if (as_field(&tk, &ev->as))
			return -1;
		if (ev->kind == TRACE_INVAL && tk.next < tk.n &&
		    !strcmp(tk.t[tk.next], "all")) {
			tk.next++;
			break;
		}
		if (range_fields(&tk, ev))
			return -1;
		if (ev->kind == TRACE_INVAL && ev->size == 0) {
			snprintf(why, whylen, "inval: size is 0 (write 'all' for the whole space)");
			return -1;
		}
		break;
	case TRACE_ATTACH:
		if (requester_fields(&tk, ev) || as_field(&tk, &ev->as))
			return -1;
		break;
	case TRACE_FAULT:
		if (requester_fields(&tk, ev) ||
		    num_field(&tk, "iova", UINT64_MAX, false, &ev->iova) ||
		    access_field(&tk, "access", &ev->access))
			return -1;
		break;
	default:
		break;
	}
	if (tk.next < tk.n) {
		snprintf(why, whylen, "unexpected extra field '%s'", shown(tk.t[tk.next]));
		return -1;
	}
	if (trace_event_check(ev, why, whylen))
		return -1;
	return 1;
}

void trace_format_access(uint8_t acc, char out[4])
{
	int n = 0;

	if (acc & XLATE_READ)
		out[n++] = 'r';
	if (acc & XLATE_WRITE)
		out[n++] = 'w';
	if (acc & XLATE_EXEC)
		out[n++] = 'x';
	out[n] = 0;
}

int trace_text_format(const struct trace_event *ev, char *buf, size_t len)
{
	char t[32], pasid[16], acc[4];
	unsigned long long ns = ev->time / SIM_PS_PER_NS;
	unsigned long long ps = ev->time % SIM_PS_PER_NS;
	int n;

	if (ps)
		snprintf(t, sizeof(t), "%llu.%03llu", ns, ps);
	else
		snprintf(t, sizeof(t), "%llu", ns);
	if (ev->has_pasid)
		snprintf(pasid, sizeof(pasid), "%u", ev->pasid);
	else
		strcpy(pasid, "-");
	trace_format_access(ev->access, acc);

	switch (ev->kind) {
	case TRACE_DMA:
		n = snprintf(buf, len, "%s dma 0x%x %s 0x%" PRIx64 " %" PRIu64 " %s\n",
			     t, ev->dev, pasid, ev->iova, ev->size, acc);
		break;
	case TRACE_MAP:
		n = snprintf(buf, len, "%s map %u 0x%" PRIx64 " %" PRIu64 " 0x%" PRIx64 " %s\n",
			     t, ev->as, ev->iova, ev->size, ev->pa, acc);
		break;
	case TRACE_UNMAP:
		n = snprintf(buf, len, "%s unmap %u 0x%" PRIx64 " %" PRIu64 "\n",
			     t, ev->as, ev->iova, ev->size);
		break;
	case TRACE_INVAL:
		if (ev->size == 0)
			n = snprintf(buf, len, "%s inval %u all\n", t, ev->as);
		else
			n = snprintf(buf, len, "%s inval %u 0x%" PRIx64 " %" PRIu64 "\n",
				     t, ev->as, ev->iova, ev->size);
		break;
	case TRACE_ATTACH:
		n = snprintf(buf, len, "%s attach 0x%x %s %u\n", t, ev->dev, pasid, ev->as);
		break;
	case TRACE_FAULT:
		n = snprintf(buf, len, "%s fault 0x%x %s 0x%" PRIx64 " %s\n",
			     t, ev->dev, pasid, ev->iova, acc);
		break;
	default:
		n = snprintf(buf, len, "%s ?\n", t);
		break;
	}
	return n;
}
