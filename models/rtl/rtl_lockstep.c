// SPDX-License-Identifier: GPL-2.0-only
/*
 * rtl_lockstep.c - the C model's cache operations replayed into the
 * verilated cache and checked, one request each (see rtl_lockstep.h).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "rtl_cache.h"
#include "rtl_lockstep.h"

#define RING 16                 /* in flight: at most the pipeline's depth */
#define HANG_CYCLES (1u << 24)  /* no response for this long: the RTL hangs */

/* A request and what the C cache did for it. */
struct op {
	struct rtl_cache_req req;
	uint64_t event;         /* 1-based, in issue order */
	bool hit;
	long line;              /* C line index hit/filled/removed; -1: none */
	bool evicted;
	uint64_t old_addr, old_tag;
	uint64_t data;          /* payload digest, when hit (probe) or filled */
	unsigned count;         /* INV_ALL / INV_SEL */
};

struct rtl_lockstep {
	struct cache *c;
	struct rtl_cache *r;
	const struct rtl_cache_variant *v;
	struct rtl_lockstep_opts o;
	char label[64];
	/* a peek (used or not?) or an insert (payload not yet written) */
	bool held;
	struct cache_event held_ev;
	uint64_t held_lookups, held_data;
	/* requests not yet issued (timing: until the translation arrives) */
	struct op *wait;
	size_t nwait, capwait;
	/* issued, response not yet out */
	struct op ring[RING];
	unsigned head, n;
	uint64_t events, skip;  /* skip: idle cycles not clocked */
	uint64_t last_taken;
	bool quiet;             /* per-line removals of an INV_SEL: not replayed */
	bool diverged;
};

static const char *const op_names[] = { "lookup", "peek", "fill", "invalidate-key",
					"invalidate-all", "invalidate-sel" };

/* The translation an entry holds, as one word: FNV-1a over the payload. */
static uint64_t digest(const struct cache *c, long line)
{
	const unsigned char *p;
	uint64_t h = 0xcbf29ce484222325ULL;

	if (line < 0)
		return 0;
	p = cache_payload(c, (size_t)line);
	for (size_t i = 0; i < c->payload_size; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h;
}

static uint64_t now(const struct rtl_lockstep *ls)
{
	return rtl_cache_cycles(ls->r) + ls->skip;
}

static void dump_set(struct rtl_lockstep *ls, FILE *f, unsigned set)
{
	const struct cache *c = ls->c;

	fprintf(f, "  set %u (both after event %" PRIu64 "):\n", set, ls->events);
	fprintf(f, "    way  C model: v addr tag stamp%s | RTL: v addr tag repl\n",
		c->cfg.repl == CACHE_REPL_PLRU ? " (PLRU tree 0x...)" : "");
	for (unsigned w = 0; w < c->cfg.ways; w++) {
		const struct cache_line *l = &c->lines[(size_t)set * c->cfg.ways + w];
		struct rtl_cache_line rl;

		rtl_cache_read_line(ls->r, set, w, &rl);
		fprintf(f, "    %3u  %d 0x%" PRIx64 " 0x%" PRIx64 " %" PRIu64 " | %d 0x%" PRIx64
			" 0x%" PRIx64 " 0x%" PRIx64 "\n", w, l->valid, l->addr, l->tag, l->stamp,
			rl.valid, rl.addr, rl.tag, rl.repl);
	}
	if (c->cfg.repl == CACHE_REPL_PLRU)
		fprintf(f, "    C PLRU tree 0x%" PRIx64 "\n", c->plru[set]);
}

static void drain(struct rtl_lockstep *ls);

/* The first divergence: report it, then stop the run (or, for tests, record it). */
static void diverge(struct rtl_lockstep *ls, const struct op *op, const struct rtl_cache_resp *rs,
		    const char *what)
{
	FILE *f = ls->o.log ? ls->o.log : stderr;
	unsigned ways = ls->c->cfg.ways;
	unsigned set = op->line >= 0 ? (unsigned)(op->line / ways) :
		       rs ? rs->set : 0;

	if (ls->diverged)
		return;
	ls->diverged = true;
	fprintf(f, "rtl lockstep: %s (RTL %s): divergence at event %" PRIu64 ": %s\n",
		ls->label, ls->v->name, op->event, what);
	fprintf(f, "  operation: %s addr 0x%" PRIx64 " tag 0x%" PRIx64 "\n",
		op_names[op->req.op], op->req.addr, op->req.tag);
	fprintf(f, "  C model: %s set %ld way %ld", op->hit ? "hit" : "miss",
		op->line >= 0 ? op->line / ways : -1, op->line >= 0 ? op->line % ways : -1);
	if (op->req.op == RTL_OP_FILL && op->evicted)
		fprintf(f, " victim (0x%" PRIx64 ", 0x%" PRIx64 ")", op->old_addr, op->old_tag);
	fprintf(f, " translation 0x%" PRIx64 " count %u\n", op->data, op->count);
	if (rs) {
		fprintf(f, "  RTL:     %s set %u way %u", rs->hit ? "hit" : "miss", rs->set, rs->way);
		if (rs->op == RTL_OP_FILL && rs->evict)
			fprintf(f, " victim (0x%" PRIx64 ", 0x%" PRIx64 ")", rs->old_addr,
				rs->old_tag);
		fprintf(f, " translation 0x%" PRIx64 " count %u\n", rs->data, rs->count);
	}
	drain(ls);
	dump_set(ls, f, set);
	if (rs && rs->set != set)
		dump_set(ls, f, rs->set);
	fflush(f);
	if (!ls->o.record_only)
		exit(1);
}

static void check(struct rtl_lockstep *ls, const struct op *op, const struct rtl_cache_resp *rs)
{
	unsigned ways = ls->c->cfg.ways;
	long rline = (long)rs->set * ways + rs->way;

	if (rs->op != op->req.op)
		return diverge(ls, op, rs, "responses out of order");
	switch (op->req.op) {
	case RTL_OP_LOOKUP:
	case RTL_OP_PEEK:
	case RTL_OP_INV_KEY:
		if (rs->hit != op->hit)
			return diverge(ls, op, rs, "hit/miss");
		if (op->hit && rline != op->line)
			return diverge(ls, op, rs, "way");
		if (op->hit && op->req.op != RTL_OP_INV_KEY && rs->data != op->data)
			return diverge(ls, op, rs, "translation");
		break;
	case RTL_OP_FILL:
		if (rs->hit != op->hit)
			return diverge(ls, op, rs, "key present before the fill");
		if (rline != op->line)
			return diverge(ls, op, rs, "victim way");
		if (rs->evict != op->evicted ||
		    (op->evicted && (rs->old_addr != op->old_addr || rs->old_tag != op->old_tag)))
			return diverge(ls, op, rs, "displaced entry");
		break;
	case RTL_OP_INV_ALL:
	case RTL_OP_INV_SEL:
		if (rs->count != op->count)
			return diverge(ls, op, rs, "entries removed");
		break;
	}
}

/* One clock cycle, presenting req (or nothing); checks a response. */
static bool cycle(struct rtl_lockstep *ls, const struct op *req)
{
	struct rtl_cache_resp rs;
	bool taken = false;
	uint64_t c = now(ls);
	bool out = rtl_cache_cycle(ls->r, req ? &req->req : NULL, &taken, &rs);

	if (taken) {
		ls->ring[(ls->head + ls->n++) % RING] = *req;
		ls->last_taken = c;
	}
	if (out) {
		struct op done;

		if (!ls->n) {
			struct op none = { .event = ls->events };

			diverge(ls, &none, &rs, "a response nobody asked for");
			return taken;
		}
		done = ls->ring[ls->head];
		ls->head = (ls->head + 1) % RING;
		ls->n--;
		check(ls, &done, &rs);
	}
	return taken;
}

static void issue_waiting(struct rtl_lockstep *ls)
{
	for (size_t i = 0; i < ls->nwait; i++) {
		unsigned idle = 0;

		while (ls->n == RING || !cycle(ls, &ls->wait[i])) {
			if (++idle == HANG_CYCLES) {
				diverge(ls, &ls->wait[i], NULL, "the RTL takes no request");
				break;
			}
		}
	}
	ls->nwait = 0;
}

static void drain(struct rtl_lockstep *ls)
{
	unsigned idle = 0;

	issue_waiting(ls);
	while (ls->n && ++idle < HANG_CYCLES)
		cycle(ls, NULL);
	if (ls->n) {
		struct op stuck = ls->ring[ls->head];

		ls->n = 0;
		diverge(ls, &stuck, NULL, "no response");
	}
}

static void push(struct rtl_lockstep *ls, const struct op *op)
{
	if (ls->nwait == ls->capwait) {
		size_t cap = ls->capwait ? ls->capwait * 2 : 16;
		struct op *w = realloc(ls->wait, cap * sizeof(*w));

		if (!w) {
			fprintf(stderr, "rtl lockstep: out of memory\n");
			exit(1);
		}
		ls->wait = w;
		ls->capwait = cap;
	}
	ls->wait[ls->nwait] = *op;
	ls->wait[ls->nwait].event = ++ls->events;
	ls->nwait++;
}

/*
 * A held peek becomes a lookup if the model used it (the lookup count,
 * less the lookup being reported now, moved); a held insert a fill.
 */
static void resolve_at(struct rtl_lockstep *ls, uint64_t lookups)
{
	const struct cache_event *ev = &ls->held_ev;
	struct op op = { .req = { .addr = ev->addr, .tag = ev->tag }, .line = ev->line };

	if (!ls->held)
		return;
	ls->held = false;
	if (ev->op == CACHE_OP_PEEK) {
		op.req.op = lookups != ls->held_lookups ? RTL_OP_LOOKUP : RTL_OP_PEEK;
		op.hit = true;
		op.data = ls->held_data;
	} else {
		op.req.op = RTL_OP_FILL;
		op.hit = ev->found;
		op.evicted = ev->evicted;
		op.old_addr = ev->old_addr;
		op.old_tag = ev->old_tag;
		op.req.data = op.data = digest(ls->c, ev->line);
	}
	push(ls, &op);
}

static void resolve(struct rtl_lockstep *ls)
{
	resolve_at(ls, ls->c->st.lookups);
}

static void on_event(void *ctx, struct cache *c, const struct cache_event *ev)
{
	struct rtl_lockstep *ls = ctx;
	struct op op = { .req = { .addr = ev->addr, .tag = ev->tag }, .line = ev->line,
			 .hit = ev->line >= 0 };

	resolve_at(ls, c->st.lookups - (ev->op == CACHE_OP_LOOKUP));
	switch (ev->op) {
	case CACHE_OP_LOOKUP:
		op.req.op = RTL_OP_LOOKUP;
		op.data = digest(c, ev->line);
		break;
	case CACHE_OP_PEEK:
		if (ev->line >= 0) {
			ls->held = true;
			ls->held_ev = *ev;
			ls->held_lookups = c->st.lookups;
			ls->held_data = digest(c, ev->line);
			return;
		}
		op.req.op = RTL_OP_PEEK;
		break;
	case CACHE_OP_INSERT:
		ls->held = true;
		ls->held_ev = *ev;
		return;
	case CACHE_OP_INVALIDATE:
		if (ls->quiet)
			return;
		op.req.op = RTL_OP_INV_KEY;
		break;
	case CACHE_OP_FLUSH:
		op.req.op = RTL_OP_INV_ALL;
		op.count = ev->count;
		break;
	}
	push(ls, &op);
	if (!ls->o.timing)
		issue_waiting(ls);
}

struct rtl_lockstep *rtl_lockstep_attach(struct cache *c, const struct rtl_lockstep_opts *o,
					 char *err, size_t errlen)
{
	const struct cache_config *g = cache_geometry(c);
	static const char *const repl[] = { "lru", "fifo", "plru", "random" };
	const struct rtl_cache_variant *v;
	struct rtl_lockstep *ls;

	if (!cache_enabled(c)) {
		snprintf(err, errlen, "%s: the cache is disabled", o->label);
		return NULL;
	}
	v = o->variant ? rtl_cache_variant_named(o->variant) :
	    rtl_cache_find(g->sets, g->ways, g->repl, o->layout);
	if (!v) {
		unsigned n, len;
		const struct rtl_cache_variant *all = rtl_cache_variants(&n);

		len = (unsigned)snprintf(err, errlen,
					 "%s: no RTL variant built for %u sets x %u ways %s (%s); built:",
					 o->label, g->sets, g->ways, repl[g->repl], o->layout);
		for (unsigned i = 0; i < n && len < errlen; i++)
			len += (unsigned)snprintf(err + len, errlen - len, " %s", all[i].name);
		if (len < errlen)
			snprintf(err + len, errlen - len,
				 " (add one with -DIOMMUSIM_RTL_VARIANTS_EXTRA, models/rtl/CMakeLists.txt)");
		return NULL;
	}
	if (v->sets != g->sets || v->ways != g->ways || v->repl != g->repl) {
		snprintf(err, errlen, "%s: RTL %s is %u x %u %s, the cache %u x %u %s", o->label,
			 v->name, v->sets, v->ways, repl[v->repl], g->sets, g->ways, repl[g->repl]);
		return NULL;
	}
	if (cache_occupancy(c)) {
		snprintf(err, errlen, "%s: the cache holds %u entries; lock-step starts empty",
			 o->label, cache_occupancy(c));
		return NULL;
	}
	ls = calloc(1, sizeof(*ls));
	if (!ls || !(ls->r = rtl_cache_open(v->name))) {
		free(ls);
		snprintf(err, errlen, "%s: out of memory", o->label);
		return NULL;
	}
	ls->c = c;
	ls->v = v;
	ls->o = *o;
	snprintf(ls->label, sizeof(ls->label), "%s", o->label ? o->label : cache_name(c));
	ls->o.label = ls->label;
	if (g->repl == CACHE_REPL_RANDOM) {
		rtl_cache_load_rng(ls->r, c->rng.s);
		cycle(ls, NULL);
	}
	cache_set_observer(c, &(struct cache_observer){ on_event, ls });
	return ls;
}

void rtl_lockstep_drain(struct rtl_lockstep *ls)
{
	resolve(ls);
	drain(ls);
}

bool rtl_lockstep_check_lines(struct rtl_lockstep *ls)
{
	const struct cache *c = ls->c;

	rtl_lockstep_drain(ls);
	for (unsigned s = 0; s < c->cfg.sets; s++) {
		for (unsigned w = 0; w < c->cfg.ways; w++) {
			const struct cache_line *l = &c->lines[(size_t)s * c->cfg.ways + w];
			struct rtl_cache_line rl;

			rtl_cache_read_line(ls->r, s, w, &rl);
			if (rl.valid != l->valid ||
			    (l->valid && (rl.addr != l->addr || rl.tag != l->tag))) {
				struct op op = { .event = ls->events, .line = (long)s * c->cfg.ways + w,
						 .req = { .addr = l->addr, .tag = l->tag } };

				diverge(ls, &op, NULL, "the two caches hold different lines");
				return false;
			}
		}
	}
	return !ls->diverged;
}

void rtl_lockstep_detach(struct rtl_lockstep *ls)
{
	if (!ls)
		return;
	rtl_lockstep_check_lines(ls);
	cache_set_observer(ls->c, NULL);
	rtl_cache_close(ls->r);
	free(ls->wait);
	free(ls);
}

uint64_t rtl_lockstep_request(struct rtl_lockstep *ls, uint64_t arrive)
{
	resolve(ls);
	while (now(ls) < arrive && ls->n)
		cycle(ls, NULL);
	if (now(ls) < arrive)
		ls->skip += arrive - now(ls);   /* idle: nothing changes, nothing to clock */
	if (!ls->nwait)
		return arrive;
	issue_waiting(ls);
	return ls->last_taken + ls->v->stages;
}

unsigned rtl_lockstep_invalidate_sel(struct rtl_lockstep *ls, unsigned sel, uint64_t tag,
				     uint64_t lo, uint64_t hi, cache_match_fn match,
				     const void *arg)
{
	struct op op = { .req = { .op = RTL_OP_INV_SEL, .sel = sel, .tag = tag, .lo = lo,
				  .hi = hi }, .line = -1 };

	rtl_lockstep_drain(ls);
	ls->quiet = true;
	op.count = cache_invalidate(ls->c, match, arg);
	ls->quiet = false;
	push(ls, &op);
	rtl_lockstep_check_lines(ls);
	return op.count;
}

void rtl_lockstep_get_stats(const struct rtl_lockstep *ls, struct rtl_lockstep_stats *st)
{
	st->events = ls->events;
	st->cycles = now(ls);
	st->diverged = ls->diverged;
}

const char *rtl_lockstep_variant(const struct rtl_lockstep *ls)
{
	return ls->v->name;
}
