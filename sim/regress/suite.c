// SPDX-License-Identifier: GPL-2.0-only
/*
 * suite.c - parse a regression suite (libfyaml) and expand it into cases.
 *
 *   name: golden
 *   golden: golden/            # golden files' directory, relative to this file
 *   digest: exact              # or ignore (default exact)
 *   stats:                     # compared in every case
 *     requests:                # exact
 *     tlb_hit_rate: { rel: 0.001 }
 *   entries:
 *     - name: default
 *       scenario: ../scenarios/default.yaml   # relative to this file
 *       set: { run.length: 100us }            # --set overrides
 *       sweep: { run.mode: [lt, at, fast] }   # every combination
 *       seeds: [1, 2]                         # default: the scenario's own
 *       stats: { faults.count: }              # more (or other bounds) here
 *       digest: ignore
 *
 * Every error names file:line.
 */
#include <errno.h>
#include <libfyaml.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suite.h"

#define MAX_AXES   8
#define MAX_VALUES 32
#define MAX_SEEDS  64

struct pctx {
	const char *file;
	struct sim_err *err;
};

static int node_line(struct fy_node *n)
{
	struct fy_token *t = n && fy_node_is_scalar(n) ? fy_node_get_scalar_token(n) : NULL;
	const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;

	return m ? m->line + 1 : 0;
}

static int pair_line(struct fy_node_pair *p)
{
	int l = node_line(fy_node_pair_value(p));

	return l ? l : node_line(fy_node_pair_key(p));
}

/* A collection's line: its first scalar's, depth first. */
static int first_line(struct fy_node *n)
{
	void *it = NULL;

	if (!n)
		return 0;
	if (fy_node_is_scalar(n))
		return node_line(n);
	if (fy_node_is_mapping(n)) {
		struct fy_node_pair *p = fy_node_mapping_iterate(n, &it);

		return p ? node_line(fy_node_pair_key(p)) : 0;
	}
	return first_line(fy_node_sequence_iterate(n, &it));
}

/* An error at a line of the suite file. */
#define fail(c, line, ...) sim_err_at((c)->err, (c)->file, (line), "", __VA_ARGS__)

static const char *scalar(struct pctx *c, struct fy_node *n, int line, const char *key)
{
	const char *s = scen_yaml_scalar(n);

	if (!s)
		fail(c, line, "'%s' must be a single value", key);
	return s;
}

static const char *key_of(struct fy_node_pair *p)
{
	struct fy_node *k = fy_node_pair_key(p);

	return scen_yaml_scalar(k);
}

/* Characters a case id (and so a golden file name) may hold. */
static bool id_safe(const char *s)
{
	if (!*s || *s == '.')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || strchr("._+=-", *s)))
			return false;
	return true;
}

static bool stat_name_ok(const char *s)
{
	if (!*s || *s == '.')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '.'))
			return false;
	return true;
}

static int parse_digest(struct pctx *c, struct fy_node_pair *p, bool *out)
{
	const char *s = scalar(c, fy_node_pair_value(p), pair_line(p), "digest");

	if (!s)
		return -1;
	if (strcmp(s, "exact") && strcmp(s, "ignore"))
		return fail(c, pair_line(p), "digest: '%s' (exact or ignore)", s);
	*out = !strcmp(s, "exact");
	return 0;
}

/* Add or replace (same name) the statistics of mapping n. */
static int parse_stats(struct pctx *c, struct fy_node *n, int line, struct reg_stat *st,
		       unsigned *nst)
{
	struct fy_node_pair *p;
	void *it = NULL;

	if (!n || !fy_node_is_mapping(n))
		return fail(c, line, "'stats' must map statistic names to bounds "
			    "(empty or 'exact', or { rel: X })");
	while ((p = fy_node_mapping_iterate(n, &it))) {
		const char *k = key_of(p);
		struct fy_node *v = fy_node_pair_value(p);
		int l = pair_line(p);
		struct reg_stat one = { .rel = -1, .line = l };
		unsigned i;

		if (!k || !stat_name_ok(k) || strlen(k) >= sizeof(one.name))
			return fail(c, l, "'%s': not a statistic's dotted path", k ? k : "?");
		strcpy(one.name, k);
		if (v && fy_node_is_scalar(v)) {
			const char *s = scen_yaml_scalar(v);

			if (s && *s && strcmp(s, "exact") && strcmp(s, "~") && strcmp(s, "null"))
				return fail(c, l, "stats.%s: '%s' (exact, or { rel: X })", k, s);
		} else if (v && fy_node_is_mapping(v)) {
			struct fy_node_pair *bp;
			void *bit = NULL;

			while ((bp = fy_node_mapping_iterate(v, &bit))) {
				const char *bk = key_of(bp), *bs;
				char *end;

				if (!bk || strcmp(bk, "rel"))
					return fail(c, pair_line(bp), "stats.%s: unknown bound '%s' "
						    "(rel)", k, bk ? bk : "?");
				bs = scalar(c, fy_node_pair_value(bp), pair_line(bp), "rel");
				if (!bs)
					return -1;
				errno = 0;
				one.rel = strtod(bs, &end);
				if (errno || end == bs || *end || !(one.rel >= 0) || one.rel > 1e6)
					return fail(c, pair_line(bp), "stats.%s.rel: '%s' is not "
						    "a bound >= 0", k, bs);
			}
		} else if (v) {
			return fail(c, l, "stats.%s: exact, or { rel: X }", k);
		}
		for (i = 0; i < *nst && strcmp(st[i].name, k); i++)
			;
		if (i == *nst) {
			if (*nst == REG_MAX_STATS)
				return fail(c, l, "more than %d statistics", REG_MAX_STATS);
			(*nst)++;
		}
		st[i] = one;
	}
	return 0;
}

struct axis {
	char key[128];
	unsigned n;
	const char *val[MAX_VALUES];
};

struct entry {
	const char *name, *scenario;
	int line;
	unsigned nsets;
	char sets[SCEN_MAX_SETS][256];
	unsigned nax;
	struct axis ax[MAX_AXES];
	unsigned nseeds;
	unsigned long long seeds[MAX_SEEDS];
	unsigned nstats;
	struct reg_stat stats[REG_MAX_STATS];
	bool digest;
};

static int parse_set(struct pctx *c, struct fy_node *n, int line, struct entry *e)
{
	struct fy_node_pair *p;
	void *it = NULL;

	if (!fy_node_is_mapping(n))
		return fail(c, line, "'set' must map dotted keys to values");
	while ((p = fy_node_mapping_iterate(n, &it))) {
		const char *k = key_of(p), *v = scalar(c, fy_node_pair_value(p), pair_line(p),
						       k ? k : "?");

		if (!k || !v)
			return -1;
		if (e->nsets >= SCEN_MAX_SETS - MAX_AXES - 1)
			return fail(c, pair_line(p), "too many overrides");
		if ((size_t)snprintf(e->sets[e->nsets], sizeof(e->sets[0]), "%s=%s", k, v) >=
		    sizeof(e->sets[0]))
			return fail(c, pair_line(p), "'%s': too long", k);
		e->nsets++;
	}
	return 0;
}

static int parse_sweep(struct pctx *c, struct fy_node *n, int line, struct entry *e)
{
	struct fy_node_pair *p;
	void *it = NULL;

	if (!fy_node_is_mapping(n))
		return fail(c, line, "'sweep' must map dotted keys to lists of values");
	while ((p = fy_node_mapping_iterate(n, &it))) {
		const char *k = key_of(p);
		struct fy_node *v = fy_node_pair_value(p), *item;
		struct axis *a = &e->ax[e->nax];
		void *vit = NULL;

		if (!k || strlen(k) >= sizeof(a->key))
			return fail(c, pair_line(p), "sweep: bad key");
		if (e->nax == MAX_AXES)
			return fail(c, pair_line(p), "more than %d sweep keys", MAX_AXES);
		if (!v || !fy_node_is_sequence(v))
			return fail(c, pair_line(p), "sweep.%s must be a list of values", k);
		memset(a, 0, sizeof(*a));
		strcpy(a->key, k);
		while ((item = fy_node_sequence_iterate(v, &vit))) {
			const char *s = scalar(c, item, node_line(item), k);

			if (!s)
				return -1;
			if (a->n == MAX_VALUES)
				return fail(c, node_line(item), "more than %d values", MAX_VALUES);
			if (!id_safe(s))
				return fail(c, node_line(item), "sweep.%s: '%s' cannot name a "
					    "golden file (letters, digits, . _ + = -)", k, s);
			a->val[a->n++] = s;
		}
		if (!a->n)
			return fail(c, first_line(v) ? first_line(v) : pair_line(p),
				    "sweep.%s: no values", k);
		e->nax++;
	}
	return 0;
}

static int parse_seeds(struct pctx *c, struct fy_node *n, int line, struct entry *e)
{
	struct fy_node *item;
	void *it = NULL;

	if (!fy_node_is_sequence(n))
		return fail(c, line, "'seeds' must be a list of numbers");
	while ((item = fy_node_sequence_iterate(n, &it))) {
		const char *s = scalar(c, item, node_line(item), "seeds");
		char *end;

		if (!s)
			return -1;
		errno = 0;
		if (e->nseeds == MAX_SEEDS)
			return fail(c, node_line(item), "more than %d seeds", MAX_SEEDS);
		e->seeds[e->nseeds] = strtoull(s, &end, 0);
		if (errno || end == s || *end || *s == '-')
			return fail(c, node_line(item), "seed '%s' is not a number", s);
		e->nseeds++;
	}
	if (!e->nseeds)
		return fail(c, line, "'seeds' is empty");
	return 0;
}

static int parse_entry(struct pctx *c, struct fy_node *n, struct entry *e,
		       const struct reg_stat *st, unsigned nst, bool digest)
{
	struct fy_node_pair *p;
	void *it = NULL;
	int line = first_line(n);

	memset(e, 0, sizeof(*e));
	e->line = line;
	e->digest = digest;
	memcpy(e->stats, st, nst * sizeof(*st));
	e->nstats = nst;
	if (!fy_node_is_mapping(n))
		return fail(c, line, "an entry must be a mapping (name, scenario, set, "
			    "sweep, seeds, stats, digest)");
	while ((p = fy_node_mapping_iterate(n, &it))) {
		const char *k = key_of(p);
		struct fy_node *v = fy_node_pair_value(p);
		int l = pair_line(p);
		int rc = 0;

		if (!k)
			return fail(c, l, "bad key");
		if (!strcmp(k, "name"))
			rc = (e->name = scalar(c, v, l, k)) ? 0 : -1;
		else if (!strcmp(k, "scenario"))
			rc = (e->scenario = scalar(c, v, l, k)) ? 0 : -1;
		else if (!strcmp(k, "set"))
			rc = parse_set(c, v, l, e);
		else if (!strcmp(k, "sweep"))
			rc = parse_sweep(c, v, l, e);
		else if (!strcmp(k, "seeds"))
			rc = parse_seeds(c, v, l, e);
		else if (!strcmp(k, "stats"))
			rc = parse_stats(c, v, l, e->stats, &e->nstats);
		else if (!strcmp(k, "digest"))
			rc = parse_digest(c, p, &e->digest);
		else
			rc = fail(c, l, "unknown key '%s' (name, scenario, set, sweep, seeds, "
				  "stats, digest)", k);
		if (rc)
			return -1;
	}
	if (!e->name)
		return fail(c, line, "entry without a name");
	if (!id_safe(e->name) || strlen(e->name) >= SCEN_NAME_LEN)
		return fail(c, line, "entry name '%s': letters, digits, . _ + = - only",
			    e->name);
	if (!e->scenario)
		return fail(c, line, "entry '%s' has no scenario", e->name);
	if (!e->nstats && !e->digest)
		return fail(c, line, "entry '%s' compares nothing (no stats, digest ignored)",
			    e->name);
	return 0;
}

static void dir_of(const char *path, char *out, size_t len)
{
	const char *slash = strrchr(path, '/');

	if (slash)
		snprintf(out, len, "%.*s", (int)(slash - path), path);
	else
		snprintf(out, len, ".");
}

static int resolve(struct pctx *c, int line, const char *base, const char *rel, char *out)
{
	if ((size_t)snprintf(out, PATH_MAX, rel[0] == '/' ? "%s" : "%s/%s",
			     rel[0] == '/' ? rel : base, rel) >= PATH_MAX)
		return fail(c, line, "'%s': path too long", rel);
	return 0;
}

static const char *last_component(const char *key)
{
	const char *dot = strrchr(key, '.');

	return dot ? dot + 1 : key;
}

/* Every case of entry e, appended to s; checks each with scenario_load. */
static int expand(struct pctx *c, struct reg_suite *s, const struct entry *e,
		  const char *base, struct scenario *scratch)
{
	unsigned npoints = 1, nseeds = e->nseeds ? e->nseeds : 1;
	char scen[PATH_MAX];

	if (resolve(c, e->line, base, e->scenario, scen))
		return -1;
	for (unsigned a = 0; a < e->nax; a++)
		npoints *= e->ax[a].n;
	for (unsigned si = 0; si < nseeds; si++) {
		for (unsigned k = 0; k < npoints; k++) {
			struct reg_case *rc, *grown;
			const char *sets[SCEN_MAX_SETS];
			size_t off;
			unsigned rest = k;

			grown = realloc(s->cases, (s->ncases + 1) * sizeof(*s->cases));
			if (!grown)
				return fail(c, e->line, "out of memory");
			s->cases = grown;
			rc = &s->cases[s->ncases];
			memset(rc, 0, sizeof(*rc));
			snprintf(rc->entry, sizeof(rc->entry), "%s", e->name);
			strcpy(rc->scenario, scen);
			snprintf(rc->scenario_rel, sizeof(rc->scenario_rel), "%s", e->scenario);
			memcpy(rc->sets, e->sets, sizeof(e->sets[0]) * e->nsets);
			rc->nsets = e->nsets;
			off = (size_t)snprintf(rc->id, sizeof(rc->id), "%s", e->name);
			/* the first key outermost: point k's value index on axis a */
			for (unsigned a = e->nax; a-- > 0;) {
				unsigned idx = rest % e->ax[a].n;

				rest /= e->ax[a].n;
				snprintf(rc->sets[rc->nsets + a], sizeof(rc->sets[0]), "%s=%s",
					 e->ax[a].key, e->ax[a].val[idx]);
			}
			for (unsigned a = 0; a < e->nax; a++) {
				const char *eq = strchr(rc->sets[rc->nsets + a], '=');

				off += (size_t)snprintf(rc->id + off, off < sizeof(rc->id) ?
							sizeof(rc->id) - off : 0, ",%s=%s",
							last_component(e->ax[a].key), eq + 1);
			}
			rc->nsets += e->nax;
			if (e->nseeds) {
				snprintf(rc->sets[rc->nsets++], sizeof(rc->sets[0]), "seed=%llu",
					 e->seeds[si]);
				off += (size_t)snprintf(rc->id + off, off < sizeof(rc->id) ?
							sizeof(rc->id) - off : 0, ",seed=%llu",
							e->seeds[si]);
			}
			if (off >= sizeof(rc->id) - 5)
				return fail(c, e->line, "entry '%s': case name too long", e->name);
			memcpy(rc->stats, e->stats, sizeof(e->stats));
			rc->nstats = e->nstats;
			rc->digest = e->digest;
			rc->line = e->line;
			for (unsigned i = 0; i < s->ncases; i++)
				if (!strcmp(s->cases[i].id, rc->id))
					return fail(c, e->line, "case '%s' twice (entry names must "
						    "differ)", rc->id);
			for (unsigned i = 0; i < rc->nsets; i++)
				sets[i] = rc->sets[i];
			if (scenario_load(scratch, scen, sets, rc->nsets, c->err)) {
				char inner[sizeof(c->err->msg)];

				snprintf(inner, sizeof(inner), "%s", c->err->msg);
				return fail(c, e->line, "entry '%s': %s", e->name, inner);
			}
			s->ncases++;
		}
	}
	return 0;
}

static int parse_root(struct pctx *c, struct reg_suite *s, struct fy_node *root,
		      const char *only)
{
	struct fy_node_pair *p;
	struct fy_node *entries = NULL, *en;
	struct reg_stat st[REG_MAX_STATS];
	unsigned nst = 0;
	bool digest = true, found = !only;
	const char *golden = NULL;
	char base[PATH_MAX];
	struct scenario *scratch;
	void *it = NULL;
	int rc = 0, entries_line = 0;

	if (!root || !fy_node_is_mapping(root))
		return fail(c, 1, "a suite is a mapping (name, golden, stats, digest, entries)");
	while ((p = fy_node_mapping_iterate(root, &it))) {
		const char *k = key_of(p), *v;
		int l = pair_line(p);

		if (!k)
			return fail(c, l, "bad key");
		if (!strcmp(k, "name")) {
			if (!(v = scalar(c, fy_node_pair_value(p), l, k)))
				return -1;
			if (!id_safe(v) || strlen(v) >= sizeof(s->name))
				return fail(c, l, "suite name '%s': letters, digits, . _ + = - "
					    "only", v);
			strcpy(s->name, v);
		} else if (!strcmp(k, "golden")) {
			if (!(golden = scalar(c, fy_node_pair_value(p), l, k)))
				return -1;
		} else if (!strcmp(k, "stats")) {
			if (parse_stats(c, fy_node_pair_value(p), l, st, &nst))
				return -1;
		} else if (!strcmp(k, "digest")) {
			if (parse_digest(c, p, &digest))
				return -1;
		} else if (!strcmp(k, "entries")) {
			entries = fy_node_pair_value(p);
			entries_line = node_line(fy_node_pair_key(p));
		} else {
			return fail(c, l, "unknown key '%s' (name, golden, stats, digest, "
				    "entries)", k);
		}
	}
	if (!s->name[0])
		return fail(c, 1, "the suite has no name");
	if (!golden)
		return fail(c, 1, "the suite names no golden directory ('golden: DIR')");
	if (!entries || !fy_node_is_sequence(entries) || !fy_node_sequence_item_count(entries))
		return fail(c, entries_line ? entries_line : 1, "'entries' must be a non-empty "
			    "list");
	dir_of(s->path, base, sizeof(base));
	if (resolve(c, 1, base, golden, s->golden_dir))
		return -1;
	for (size_t n = strlen(s->golden_dir); n > 1 && s->golden_dir[n - 1] == '/'; n--)
		s->golden_dir[n - 1] = 0;
	scratch = calloc(1, sizeof(*scratch));
	if (!scratch)
		return fail(c, 0, "out of memory");
	it = NULL;
	while (!rc && (en = fy_node_sequence_iterate(entries, &it))) {
		struct entry *e = calloc(1, sizeof(*e));

		if (!e) {
			rc = fail(c, 0, "out of memory");
			break;
		}
		rc = parse_entry(c, en, e, st, nst, digest);
		for (unsigned i = 0; !rc && i < s->ncases; i++)
			if (!strcmp(s->cases[i].entry, e->name))
				rc = fail(c, e->line, "entry '%s' twice", e->name);
		if (!rc && (!only || !strcmp(only, e->name))) {
			found = true;
			rc = expand(c, s, e, base, scratch);
		}
		free(e);
	}
	free(scratch);
	if (!rc && !found)
		rc = fail(c, 0, "no entry named '%s'", only);
	return rc;
}

int reg_suite_load(struct reg_suite *s, const char *path, const char *only,
		   struct sim_err *err)
{
	struct pctx c = { .file = path, .err = err };
	struct fy_document *fyd;
	int rc = -1;

	memset(s, 0, sizeof(*s));
	if (strlen(path) >= sizeof(s->path)) {
		sim_err_set(err, "%s: path too long", path);
		return -1;
	}
	strcpy(s->path, path);
	fyd = scen_yaml_load(path, err);
	if (fyd) {
		rc = parse_root(&c, s, fy_document_root(fyd), only);
		scen_yaml_destroy(fyd);
	}
	if (rc)
		reg_suite_free(s);
	return rc;
}

void reg_suite_free(struct reg_suite *s)
{
	free(s->cases);
	s->cases = NULL;
	s->ncases = 0;
}
