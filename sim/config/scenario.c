// SPDX-License-Identifier: GPL-2.0-only
/*
 * scenario.c - scenario files (YAML, through libfyaml). The document is
 * loaded, the --set overrides are written into it, then it is read key
 * by key against fixed tables: an unknown key, a value of the wrong type
 * or out of range is an error at the file:line of the offending node.
 */
#include <errno.h>
#include <inttypes.h>
#include <libfyaml.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"
#include "scen_model.h"
#include "trace_gen.h"

int sim_err_at(struct sim_err *err, const char *file, int line, const char *nowhere,
	       const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (line > 0)
		sim_err_set(err, "%s:%d: %s", file, line, what);
	else
		sim_err_set(err, "%s: %s%s", file, nowhere, what);
	return -1;
}

void sim_err_set(struct sim_err *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	trace_msg_vset(err ? err->msg : NULL, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

const char *scen_iommu_name(enum scen_iommu i)
{
	return i == SCEN_IOMMU_VTD ? "vtd" : "smmuv3";
}

const char *scen_driver_name(enum scen_driver d)
{
	return d == SCEN_DRIVER_KERNEL ? "kernel" : "direct";
}

const char *scen_setup_name(enum scen_setup s)
{
	return s == SCEN_SETUP_NESTED ? "nested" : "stage2";
}

static const char *const guest_inval_names[] = { "linux", "flush_all", "leaf_always", NULL };

const char *scen_guest_inval_name(enum scen_guest_inval g)
{
	return guest_inval_names[g];
}

const char *scen_mode_name(enum scen_mode m)
{
	static const char *const n[] = { "lt", "at", "fast" };

	return n[m];
}

/* ---- numbers with suffixes ------------------------------------------- */

int scen_parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	if (!s || !*s || *s == '-')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return -1;
	switch (*end) {
	case 'K': case 'k': shift = 10; end++; break;
	case 'M': case 'm': shift = 20; end++; break;
	case 'G': case 'g': shift = 30; end++; break;
	case 'T': case 't': shift = 40; end++; break;
	}
	if (*end == 'i' && shift)
		end++;
	if (*end == 'B' && shift)
		end++;
	if (*end)
		return -1;
	if (shift && v > (UINT64_MAX >> shift))
		return -1;
	*out = (uint64_t)v << shift;
	return 0;
}

int scen_parse_time(const char *s, sim_time_t *out)
{
	static const struct { const char *suf; double ps; } units[] = {
		{ "ps", 1 }, { "ns", 1e3 }, { "us", 1e6 }, { "ms", 1e9 }, { "s", 1e12 },
	};
	char *end;
	double v;

	if (!s || !*s || *s == '-')
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || !(v >= 0))     /* NaN too: "nan", "nans" */
		return -1;
	if (!*end) {            /* a bare number is nanoseconds, as in traces */
		v *= 1e3;
	} else {
		unsigned i;

		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
			if (!strcmp(end, units[i].suf))
				break;
		if (i == sizeof(units) / sizeof(units[0]))
			return -1;
		v *= units[i].ps;
	}
	if (v > 1.8e19)
		return -1;
	*out = (sim_time_t)(v + 0.5);
	return 0;
}

/* ---- locations ------------------------------------------------------- */

struct ctx {
	struct scenario *sc;
	struct sim_err *err;
	const char *file;
	/* values and keys --set wrote (a key made for a missing level too) */
	struct fy_node *set_nodes[SCEN_MAX_SETS * 8];
	unsigned nset_nodes;
	int kernel_driver_line;         /* where software.kernel_driver was given */
};

static int node_line(struct ctx *c, struct fy_node *n)
{
	struct fy_token *t;

	/* values written by --set have no place in the file */
	for (unsigned i = 0; i < c->nset_nodes; i++)
		if (c->set_nodes[i] == n)
			return 0;
	t = n ? fy_node_get_scalar_token(n) : NULL;
	const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;

	return m ? m->line + 1 : 0;
}

/* The line of a pair: the key's (collections carry no public mark). */
static int pair_line(struct ctx *c, struct fy_node_pair *p)
{
	struct fy_node *v = fy_node_pair_value(p);
	int l = node_line(c, v);

	for (unsigned i = 0; i < c->nset_nodes; i++)
		if (c->set_nodes[i] == v)
			return 0;
	return l ? l : node_line(c, fy_node_pair_key(p));
}

/* An error at a line of the file; line 0: a value given with --set. */
#define fail(c, line, ...) sim_err_at((c)->err, (c)->file, (line), "(from --set) ", __VA_ARGS__)

static const char *scalar(struct ctx *c, struct fy_node *n, int line, const char *key)
{
	const char *s;

	if (!n || !fy_node_is_scalar(n)) {
		fail(c, line, "'%s' must be a single value", key);
		return NULL;
	}
	s = scen_yaml_scalar(n);
	if (!s)
		fail(c, line, "'%s': out of memory", key);
	return s;
}

static int get_u64(struct ctx *c, struct fy_node_pair *p, const char *key,
		   uint64_t min, uint64_t max, uint64_t *out)
{
	int line = pair_line(c, p);
	const char *s = scalar(c, fy_node_pair_value(p), line, key);
	uint64_t v;

	if (!s)
		return -1;
	if (scen_parse_size(s, &v))
		return fail(c, line, "'%s': '%s' is not a number", key, s);
	if (v < min || v > max)
		return fail(c, line, "'%s': %s is out of range [%" PRIu64 ", %" PRIu64 "]",
			    key, s, min, max);
	*out = v;
	return 0;
}

static int get_uint(struct ctx *c, struct fy_node_pair *p, const char *key,
		    uint64_t min, uint64_t max, unsigned *out)
{
	uint64_t v;

	if (get_u64(c, p, key, min, max, &v))
		return -1;
	*out = (unsigned)v;
	return 0;
}

static int get_time(struct ctx *c, struct fy_node_pair *p, const char *key, sim_time_t *out)
{
	int line = pair_line(c, p);
	const char *s = scalar(c, fy_node_pair_value(p), line, key);

	if (!s)
		return -1;
	if (scen_parse_time(s, out))
		return fail(c, line, "'%s': '%s' is not a time (e.g. 500ns, 2.5us, 1ms)", key, s);
	return 0;
}

static int get_enum(struct ctx *c, struct fy_node_pair *p, const char *key,
		    const char *const *names, unsigned *out)
{
	int line = pair_line(c, p);
	const char *s = scalar(c, fy_node_pair_value(p), line, key);
	char list[256] = "";

	*out = 0;       /* callers may store it before they look at the result */
	if (!s)
		return -1;
	for (unsigned i = 0; names[i]; i++) {
		if (!strcmp(names[i], s)) {
			*out = i;
			return 0;
		}
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
			 i ? ", " : "", names[i]);
	}
	return fail(c, line, "'%s': unknown value '%s' (one of: %s)", key, s, list);
}

static int get_bool(struct ctx *c, struct fy_node_pair *p, const char *key, bool *out)
{
	static const char *const names[] = { "false", "true", NULL };
	unsigned u;

	if (get_enum(c, p, key, names, &u))
		return -1;
	*out = u;
	return 0;
}

static int get_str(struct ctx *c, struct fy_node_pair *p, const char *key,
		   char *out, size_t len)
{
	int line = pair_line(c, p);
	const char *s = scalar(c, fy_node_pair_value(p), line, key);

	if (!s)
		return -1;
	if (strlen(s) >= len)
		return fail(c, line, "'%s': value longer than %zu characters", key, len - 1);
	strcpy(out, s);
	return 0;
}

static const char *key_of(struct ctx *c, struct fy_node_pair *p)
{
	struct fy_node *k = fy_node_pair_key(p);
	const char *s = scen_yaml_scalar(k);

	if (!s)
		fail(c, node_line(c, k), "keys must be plain words");
	return s;
}

/* Where a list item (a mapping) starts: its first key's line, 0 if empty. */
static int first_line(struct ctx *c, struct fy_node *n)
{
	void *it = NULL;
	struct fy_node_pair *p = fy_node_mapping_iterate(n, &it);

	return p ? pair_line(c, p) : 0;
}

static int want_map(struct ctx *c, struct fy_node *n, int line, const char *what)
{
	if (!n || !fy_node_is_mapping(n))
		return fail(c, line, "'%s' must be a mapping (key: value lines)", what);
	return 0;
}

/* ---- sections ---------------------------------------------------------- */

/*
 * One cache's geometry, "name: { sets, ways, repl }", for the model kind.
 * A cache of the model the scenario does not run is checked, not used.
 */
static int parse_cache(struct ctx *c, struct fy_node_pair *cp, enum scen_iommu kind,
		       const char *where, bool top)
{
	struct scenario *sc = c->sc;
	const char *cname = key_of(c, cp);
	struct cache_config *cc, unused;
	struct fy_node *cv = fy_node_pair_value(cp);
	struct fy_node_pair *gp;
	void *git = NULL;
	int cl = pair_line(c, cp);

	if (!cname)
		return -1;
	cc = scen_model_cache(sc, kind, cname);
	if (!cc)
		return fail(c, cl, "%s: unknown cache '%s' for %s (%s%s)", where, cname,
			    scen_iommu_name(kind), scen_model_cache_names(kind),
			    top ? "; or a block per model: vtd, smmuv3" : "");
	if (kind != sc->iommu) {
		unused = *cc;
		cc = &unused;
	}
	if (want_map(c, cv, cl, cname))
		return -1;
	while ((gp = fy_node_mapping_iterate(cv, &git))) {
		const char *g = key_of(c, gp);
		static const char *const repl[] = { "lru", "fifo", "plru", "random", NULL };
		unsigned u;

		if (!g)
			return -1;
		if (!strcmp(g, "sets")) {
			if (get_uint(c, gp, "sets", 0, 1u << 24, &u))
				return -1;
			if (u & (u - 1))
				return fail(c, pair_line(c, gp), "'sets': %u is not a power of two",
					    u);
			cc->sets = u;
		} else if (!strcmp(g, "ways")) {
			if (get_uint(c, gp, "ways", 0, 1024, &u))
				return -1;
			cc->ways = u;
		} else if (!strcmp(g, "repl")) {
			if (get_enum(c, gp, "repl", repl, &u))
				return -1;
			cc->repl = u;
		} else {
			return fail(c, pair_line(c, gp), "unknown cache key '%s' (sets, ways, repl)",
				    g);
		}
	}
	return 0;
}

/*
 * iommu.caches, in the order written: a cache of the chosen model by
 * name, or (top only) a block per model, "vtd: { iotlb: ... }" and
 * "smmuv3: { tlb: ... }", of which iommu.kind's applies. So one scenario
 * can say what it wants of either IOMMU's caches.
 */
static int parse_caches(struct ctx *c, struct fy_node *v, int l, enum scen_iommu kind, bool top)
{
	static const char *const kinds[] = { "vtd", "smmuv3", NULL };
	const char *where = !top ? kind == SCEN_IOMMU_VTD ? "iommu.caches.vtd"
							   : "iommu.caches.smmuv3"
			  : "iommu.caches";
	struct fy_node_pair *cp;
	void *cit = NULL;

	if (want_map(c, v, l, where))
		return -1;
	while ((cp = fy_node_mapping_iterate(v, &cit))) {
		const char *cname = key_of(c, cp);
		unsigned k;

		if (!cname)
			return -1;
		for (k = 0; top && kinds[k] && strcmp(kinds[k], cname); k++)
			;
		if (top && kinds[k]) {
			if (parse_caches(c, fy_node_pair_value(cp), pair_line(c, cp), k, false))
				return -1;
		} else if (parse_cache(c, cp, kind, where, top)) {
			return -1;
		}
	}
	return 0;
}

static int parse_iommu(struct ctx *c, struct fy_node *n, int line)
{
	struct scenario *sc = c->sc;
	struct fy_node_pair *p;
	void *it = NULL;
	static const char *const kinds[] = { "vtd", "smmuv3", NULL };
	unsigned kind = SCEN_IOMMU_VTD;

	if (want_map(c, n, line, "iommu"))
		return -1;
	/* kind and preset first: the other keys override the preset. */
	p = fy_node_mapping_lookup_pair_by_string(n, "kind", -1);
	if (p && get_enum(c, p, "iommu.kind", kinds, &kind))
		return -1;
	sc->iommu = kind;
	strcpy(sc->preset, kind == SCEN_IOMMU_VTD ? "spr" : "full");
	p = fy_node_mapping_lookup_pair_by_string(n, "preset", -1);
	if (p && get_str(c, p, "iommu.preset", sc->preset, sizeof(sc->preset)))
		return -1;
	if (kind == SCEN_IOMMU_VTD) {
		if (vtd_config_preset_name(&sc->vtd, sc->preset))
			return fail(c, p ? pair_line(c, p) : line,
				    "'iommu.preset': unknown VT-d preset '%s' (one of: spr, minimal)",
				    sc->preset);
	} else if (smmu_config_preset(&sc->smmu, sc->preset)) {
		return fail(c, p ? pair_line(c, p) : line,
			    "'iommu.preset': unknown SMMUv3 preset '%s' (one of: full, s1only)",
			    sc->preset);
	}
	sc->vtd.seed = sc->smmu.seed = sc->seed;

	while ((p = fy_node_mapping_iterate(n, &it))) {
		const char *k = key_of(c, p);
		struct fy_node *v = fy_node_pair_value(p);
		int l = pair_line(c, p);

		if (!k)
			return -1;
		if (!strcmp(k, "kind") || !strcmp(k, "preset"))
			continue;
		if (!strcmp(k, "caches")) {
			if (parse_caches(c, v, l, kind, true))
				return -1;
		} else if (!strcmp(k, "timing")) {
			struct fy_node_pair *tp;
			void *tit = NULL;

			if (want_map(c, v, l, "iommu.timing"))
				return -1;
			while ((tp = fy_node_mapping_iterate(v, &tit))) {
				const char *tk = key_of(c, tp);
				uint64_t val;

				if (!tk)
					return -1;
				if (!scen_model_param_known(sc, tk))
					return fail(c, pair_line(c, tp),
						    "iommu.timing: unknown parameter '%s' (%s)", tk,
						    scen_model_param_names(kind));
				if (get_u64(c, tp, tk, 0, UINT32_MAX, &val))
					return -1;
				if (scen_model_param_set(sc, tk, val))
					return fail(c, pair_line(c, tp), "'%s': %" PRIu64 " is not allowed",
						    tk, val);
			}
		} else if (!strcmp(k, "rtl")) {
			/* models/rtl: replay the IOTLB and walk caches into the RTL */
			static const char *const rtl[] = { "off", "lockstep", "timing", NULL };
			unsigned u;

			if (get_enum(c, p, "iommu.rtl", rtl, &u))
				return -1;
			sc->rtl = u;
		} else {
			return fail(c, l, "unknown key 'iommu.%s' (kind, preset, caches, timing, rtl)",
				    k);
		}
	}
	return 0;
}

static int parse_software(struct ctx *c, struct fy_node *n, int line)
{
	struct scenario *sc = c->sc;
	struct fy_node_pair *p;
	void *it = NULL;
	static const char *const drivers[] = { "kernel", "direct", NULL };
	static const char *const setups[] = { "stage2", "nested", NULL };

	if (want_map(c, n, line, "software"))
		return -1;
	while ((p = fy_node_mapping_iterate(n, &it))) {
		const char *k = key_of(c, p);
		unsigned u;
		uint64_t v;
		int rc;

		if (!k)
			return -1;
		if (!strcmp(k, "driver")) {
			rc = get_enum(c, p, k, drivers, &u);
			sc->driver = u;
		} else if (!strcmp(k, "kernel_driver")) {
			rc = get_str(c, p, k, sc->kernel_driver, sizeof(sc->kernel_driver));
			c->kernel_driver_line = pair_line(c, p);
		} else if (!strcmp(k, "setup")) {
			rc = get_enum(c, p, k, setups, &u);
			sc->setup = u;
		} else if (!strcmp(k, "guest_ram")) {
			rc = get_u64(c, p, k, 1 << 20, 1ULL << 48, &sc->guest_ram);
		} else if (!strcmp(k, "stage1_levels")) {
			rc = get_uint(c, p, k, 4, 5, &sc->s1_levels);
		} else if (!strcmp(k, "stage2_levels")) {
			rc = get_uint(c, p, k, 3, 5, &sc->s2_levels);
		} else if (!strcmp(k, "demand_paging")) {
			rc = get_bool(c, p, k, &sc->demand_paging);
		} else if (!strcmp(k, "fault_service_ns")) {
			rc = get_uint(c, p, k, 0, 100000000, &sc->fault_service_ns);
		} else if (!strcmp(k, "guest_inval_trap_ns")) {
			rc = get_uint(c, p, k, 0, 100000000, &sc->guest_inval_trap_ns);
		} else if (!strcmp(k, "guest_inval")) {
			rc = get_enum(c, p, k, guest_inval_names, &u);
			sc->guest_inval = u;
		} else if (!strcmp(k, "stage2_page") || !strcmp(k, "map_chunk")) {
			rc = get_u64(c, p, k, 4096, 1ULL << 30, &v);
			if (!rc && v != 4096 && v != (2 << 20) && v != (1 << 30))
				rc = fail(c, pair_line(c, p), "'%s': must be 4K, 2M or 1G", k);
			if (!rc)
				*(!strcmp(k, "stage2_page") ? &sc->s2_page_shift
							    : &sc->map_chunk_shift) =
					(unsigned)__builtin_ctzll(v);
		} else {
			rc = fail(c, pair_line(c, p),
				  "unknown key 'software.%s' (driver, kernel_driver, setup, guest_ram, "
				  "stage1_levels, stage2_levels, stage2_page, map_chunk, "
				  "demand_paging, fault_service_ns, guest_inval, "
				  "guest_inval_trap_ns)", k);
		}
		if (rc)
			return -1;
	}
	if (sc->guest_ram & ((1ULL << sc->s2_page_shift) - 1))
		return fail(c, line, "software.guest_ram is not a multiple of stage2_page");
	return 0;
}

static int parse_memory(struct ctx *c, struct fy_node *n, int line)
{
	struct fy_node_pair *p;
	void *it = NULL;

	if (want_map(c, n, line, "memory"))
		return -1;
	while ((p = fy_node_mapping_iterate(n, &it))) {
		const char *k = key_of(c, p);
		int rc;

		if (!k)
			return -1;
		if (!strcmp(k, "latency_ns"))
			rc = get_uint(c, p, k, 0, 1000000, &c->sc->mem_latency_ns);
		else if (!strcmp(k, "bandwidth_mbps"))
			rc = get_uint(c, p, k, 1, 100000000, &c->sc->mem_bw_mbps);
		else
			rc = fail(c, pair_line(c, p),
				  "unknown key 'memory.%s' (latency_ns, bandwidth_mbps)", k);
		if (rc)
			return -1;
	}
	return 0;
}

static int parse_run(struct ctx *c, struct fy_node *n, int line)
{
	struct fy_node_pair *p;
	void *it = NULL;
	static const char *const modes[] = { "lt", "at", "fast", NULL };

	if (want_map(c, n, line, "run"))
		return -1;
	while ((p = fy_node_mapping_iterate(n, &it))) {
		const char *k = key_of(c, p);
		unsigned u;
		int rc;

		if (!k)
			return -1;
		if (!strcmp(k, "mode")) {
			rc = get_enum(c, p, k, modes, &u);
			c->sc->mode = u;
		} else if (!strcmp(k, "length")) {
			rc = get_time(c, p, k, &c->sc->length);
		} else if (!strcmp(k, "quantum")) {
			rc = get_time(c, p, k, &c->sc->quantum);
		} else {
			rc = fail(c, pair_line(c, p), "unknown key 'run.%s' (mode, length, quantum)", k);
		}
		if (rc)
			return -1;
	}
	return 0;
}

/*
 * Generator parameters (the device's 'params' pair pp): each checked on
 * its own for a precise line, then all together. Without pp the defaults
 * are checked, at the device's line.
 */
static int parse_gen_params(struct ctx *c, struct scen_device *d, struct fy_node_pair *pp,
			    int line)
{
	const struct trace_gen *g = trace_gen_find(d->gen);
	struct fy_node *n = pp ? fy_node_pair_value(pp) : NULL;
	struct fy_node_pair *p;
	void *it = NULL;
	void *params;
	struct trace_err terr;

	if (pp) {
		line = pair_line(c, pp);
		if (want_map(c, n, line, "params"))
			return -1;
	}
	params = calloc(1, g->params_size);
	if (!params)
		return fail(c, line, "out of memory");
	g->defaults(params);
	while (n && (p = fy_node_mapping_iterate(n, &it))) {
		const char *k = key_of(c, p);
		const char *v = k ? scalar(c, fy_node_pair_value(p), pair_line(c, p), k) : NULL;
		char kv[300];
		size_t len = strlen(d->gen_params);

		if (!v)
			goto bad;
		snprintf(kv, sizeof(kv), "%s=%s", k, v);
		if (strchr(v, ',') || trace_gen_set(g, params, kv, &terr)) {
			fail(c, pair_line(c, p), "params: %s",
			     strchr(v, ',') ? "a value may not contain ','" : terr.msg);
			goto bad;
		}
		if (len + strlen(kv) + 2 > sizeof(d->gen_params)) {
			fail(c, pair_line(c, p), "params: too many parameters");
			goto bad;
		}
		snprintf(d->gen_params + len, sizeof(d->gen_params) - len, "%s%s",
			 len ? "," : "", kv);
	}
	if (g->check && g->check(params, &terr)) {
		fail(c, line, "params: %s", terr.msg);
		goto bad;
	}
	free(params);
	return 0;
bad:
	free(params);
	return -1;
}

static int parse_device(struct ctx *c, struct fy_node *n, unsigned idx)
{
	struct scen_device *d = &c->sc->dev[idx];
	struct fy_node_pair *p, *params = NULL;
	void *it = NULL;
	int line;

	if (!fy_node_is_mapping(n))
		return fail(c, node_line(c, n), "each device must be a mapping (name, sid, ...)");
	line = first_line(c, n);
	d->line = line;
	snprintf(d->name, sizeof(d->name), "dev%u", idx);
	d->sid = 0x100 + idx * 8;
	d->outstanding = 16;
	while ((p = fy_node_mapping_iterate(n, &it))) {
		const char *k = key_of(c, p);
		uint64_t v;
		int rc = 0;

		if (!k)
			return -1;
		if (!strcmp(k, "name")) {
			rc = get_str(c, p, k, d->name, sizeof(d->name));
		} else if (!strcmp(k, "sid")) {
			rc = get_u64(c, p, k, 0, 0xffff, &v);
			d->sid = (uint32_t)v;
		} else if (!strcmp(k, "outstanding")) {
			rc = get_uint(c, p, k, 1, 4096, &d->outstanding);
		} else if (!strcmp(k, "pri")) {
			rc = get_bool(c, p, k, &d->pri);
		} else if (!strcmp(k, "trace")) {
			char rel[SCEN_PATH_LEN];

			rc = get_str(c, p, k, rel, sizeof(rel));
			if (!rc && rel[0] != '/' && c->sc->dir[0])
				rc = snprintf(d->trace, sizeof(d->trace), "%s/%s", c->sc->dir, rel)
					>= (int)sizeof(d->trace) ? fail(c, pair_line(c, p), "path too long") : 0;
			else if (!rc)
				strcpy(d->trace, rel);
		} else if (!strcmp(k, "generator")) {
			rc = get_str(c, p, k, d->gen, sizeof(d->gen));
			if (!rc && !trace_gen_find(d->gen))
				rc = fail(c, pair_line(c, p),
					  "unknown generator '%s' (pciebench, nic, nvme, accel)", d->gen);
		} else if (!strcmp(k, "params")) {
			params = p;
		} else {
			rc = fail(c, pair_line(c, p),
				  "unknown device key '%s' (name, sid, outstanding, pri, trace, generator, params)",
				  k);
		}
		if (rc)
			return -1;
	}
	if (!!d->trace[0] == !!d->gen[0])
		return fail(c, line, "device '%s' needs exactly one of 'trace' and 'generator'",
			    d->name);
	if (params && !d->gen[0])
		return fail(c, pair_line(c, params), "'params' belongs to a generator");
	if (d->gen[0] && parse_gen_params(c, d, params, line))
		return -1;
	for (unsigned i = 0; i < idx; i++) {
		if (!strcmp(c->sc->dev[i].name, d->name))
			return fail(c, line, "device name '%s' used twice", d->name);
		if (c->sc->dev[i].sid == d->sid)
			return fail(c, line, "devices '%s' and '%s' have the same sid 0x%x",
				    c->sc->dev[i].name, d->name, d->sid);
	}
	return 0;
}

static int parse_devices(struct ctx *c, struct fy_node *n, int line)
{
	void *it = NULL;
	struct fy_node *d;

	if (!fy_node_is_sequence(n))
		return fail(c, line, "'devices' must be a list ('- name: ...' items)");
	while ((d = fy_node_sequence_iterate(n, &it))) {
		if (c->sc->ndev == SCEN_MAX_DEVICES)
			return fail(c, line, "more than %d devices", SCEN_MAX_DEVICES);
		if (parse_device(c, d, c->sc->ndev))
			return -1;
		c->sc->ndev++;
	}
	return 0;
}

static int dev_index(struct ctx *c, const char *name)
{
	for (unsigned i = 0; i < c->sc->ndev; i++)
		if (!strcmp(c->sc->dev[i].name, name))
			return (int)i;
	return -1;
}

static int parse_ctrl_step(struct ctx *c, struct fy_node *n, struct scen_ctrl *st)
{
	static const char *const ops[] = { "map", "unmap", "inval", "attach", NULL };
	static const enum trace_kind kinds[] = { TRACE_MAP, TRACE_UNMAP, TRACE_INVAL,
						 TRACE_ATTACH };
	struct fy_node_pair *p;
	void *it = NULL;
	bool have_at = false, have_op = false, all = false;
	char why[200];
	int line;

	if (!fy_node_is_mapping(n))
		return fail(c, node_line(c, n), "each control step must be a mapping (at, op, ...)");
	line = first_line(c, n);
	st->line = line;
	st->ev.access = XLATE_READ | XLATE_WRITE;
	while ((p = fy_node_mapping_iterate(n, &it))) {
		const char *k = key_of(c, p);
		uint64_t v;
		unsigned u;
		int rc = 0;

		if (!k)
			return -1;
		if (!strcmp(k, "at")) {
			rc = get_time(c, p, k, &st->ev.time);
			have_at = true;
		} else if (!strcmp(k, "op")) {
			rc = get_enum(c, p, k, ops, &u);
			if (!rc)        /* u is unset on failure (fuzz/fuzz_scenario) */
				st->ev.kind = kinds[u];
			have_op = true;
		} else if (!strcmp(k, "device")) {
			char name[SCEN_NAME_LEN];
			int i;

			rc = get_str(c, p, k, name, sizeof(name));
			if (!rc && (i = dev_index(c, name)) < 0)
				rc = fail(c, pair_line(c, p), "no device named '%s'", name);
			else if (!rc)
				st->dev = (unsigned)i;
		} else if (!strcmp(k, "as")) {
			rc = get_u64(c, p, k, 0, UINT32_MAX, &v);
			st->ev.as = (uint32_t)v;
		} else if (!strcmp(k, "iova")) {
			rc = get_u64(c, p, k, 0, UINT64_MAX, &st->ev.iova);
		} else if (!strcmp(k, "size")) {
			const char *s = scalar(c, fy_node_pair_value(p), pair_line(c, p), k);

			if (s && !strcmp(s, "all"))
				all = true;
			else
				rc = get_u64(c, p, k, 1, UINT64_MAX, &st->ev.size);
			rc = s ? rc : -1;
		} else if (!strcmp(k, "pa")) {
			rc = get_u64(c, p, k, 0, UINT64_MAX, &st->ev.pa);
		} else if (!strcmp(k, "pasid")) {
			rc = get_u64(c, p, k, 0, TRACE_PASID_MAX, &v);
			st->ev.pasid = (uint32_t)v;
			st->ev.has_pasid = true;
		} else {
			rc = fail(c, pair_line(c, p),
				  "unknown control key '%s' (at, op, device, as, iova, size, pa, pasid)",
				  k);
		}
		if (rc)
			return -1;
	}
	if (!have_at || !have_op)
		return fail(c, line, "a control step needs 'at' and 'op'");
	if (st->ev.kind == TRACE_INVAL && (all || !st->ev.size)) {
		st->ev.size = 0;
		st->ev.iova = 0;
	}
	st->ev.dev = c->sc->dev[st->dev].sid;
	if (trace_event_check(&st->ev, why, sizeof(why)))
		return fail(c, line, "%s", why);
	return 0;
}

static int parse_control(struct ctx *c, struct fy_node *n, int line)
{
	void *it = NULL;
	struct fy_node *s;

	if (!fy_node_is_sequence(n))
		return fail(c, line, "'control' must be a list ('- at: ...' items)");
	if (!c->sc->ndev)
		return fail(c, line, "'control' needs the devices it names");
	while ((s = fy_node_sequence_iterate(n, &it))) {
		struct scen_ctrl *st;

		if (c->sc->nctrl == SCEN_MAX_CTRL)
			return fail(c, line, "more than %d control steps", SCEN_MAX_CTRL);
		st = &c->sc->ctrl[c->sc->nctrl];
		if (parse_ctrl_step(c, s, st))
			return -1;
		if (c->sc->nctrl && st->ev.time < st[-1].ev.time)
			return fail(c, st->line, "control steps must be in time order");
		c->sc->nctrl++;
	}
	return 0;
}

/* ---- --set overrides ---------------------------------------------------- */

/*
 * The pair of map whose key is the scalar key, compared as text. Not
 * fy_node_mapping_lookup_by_string(): it parses its argument as YAML, so
 * a --set path component was YAML (a '%' made it a directive, on which
 * Debian's libfyaml 0.7.12 can loop for ever: fuzz/fuzz_scenario).
 */
static struct fy_node_pair *key_pair(struct fy_node *map, const char *key)
{
	struct fy_node_pair *p;
	void *it = NULL;
	size_t want = strlen(key);

	while ((p = fy_node_mapping_iterate(map, &it))) {
		struct fy_node *k = fy_node_pair_key(p);
		const char *t = scen_yaml_scalar(k);

		if (t && strlen(t) == want && !memcmp(t, key, want))
			return p;
	}
	return NULL;
}

/* n has no place in the file: errors about it say "(from --set)". */
static void remember_set_node(struct ctx *c, struct fy_node *n)
{
	if (c->nset_nodes < sizeof(c->set_nodes) / sizeof(c->set_nodes[0]))
		c->set_nodes[c->nset_nodes++] = n;
}

static int apply_set(struct ctx *c, struct fy_document *fyd, const char *kv)
{
	char key[256], *val, *comp, *save = NULL, *next;
	struct fy_node *cur = fy_document_root(fyd);

	if (strlen(kv) >= sizeof(key) || !(val = strchr(kv, '=')) || val == kv) {
		sim_err_set(c->err, "--set '%s': expected key=value", kv);
		return -1;
	}
	memcpy(key, kv, (size_t)(val - kv));
	key[val - kv] = 0;
	val++;
	comp = strtok_r(key, ".", &save);
	while (comp) {
		next = strtok_r(NULL, ".", &save);
		if (fy_node_is_sequence(cur)) {
			char *end;
			long i = strtol(comp, &end, 10);
			struct fy_node *item;

			if (*end || i < 0 || !(item = fy_node_sequence_get_by_index(cur, (int)i))) {
				sim_err_set(c->err, "--set '%s': no item %s in that list", kv, comp);
				return -1;
			}
			if (!next) {
				sim_err_set(c->err, "--set '%s': cannot replace a whole list item", kv);
				return -1;
			}
			cur = item;
		} else if (fy_node_is_mapping(cur)) {
			struct fy_node_pair *pr = key_pair(cur, comp);
			struct fy_node *child = pr ? fy_node_pair_value(pr) : NULL;

			if (!next) {
				struct fy_node *k, *v;

				/*
				 * Nodes not in the document when this fails
				 * are freed here: the document's destruction
				 * does not reach them (fuzz/fuzz_scenario).
				 */
				v = fy_node_create_scalar_copy(fyd, val, strlen(val));
				if (!v)
					goto oom;
				if (pr) {
					if (fy_node_pair_set_value(pr, v)) {
						fy_node_free(v);
						goto bad_key;
					}
				} else {
					k = fy_node_create_scalar_copy(fyd, comp, strlen(comp));
					if (!k || fy_node_mapping_append(cur, k, v)) {
						if (k)
							fy_node_free(k);
						fy_node_free(v);
						goto bad_key;
					}
				}
				remember_set_node(c, v);
				return 0;
			}
			if (!child) {
				struct fy_node *k = fy_node_create_scalar_copy(fyd, comp, strlen(comp));

				child = fy_node_create_mapping(fyd);
				if (!k || !child || fy_node_mapping_append(cur, k, child)) {
					if (k)
						fy_node_free(k);
					if (child)
						fy_node_free(child);
					goto bad_key;
				}
				remember_set_node(c, k);
			}
			cur = child;
		} else {
			sim_err_set(c->err, "--set '%s': '%s' is inside a single value", kv, comp);
			return -1;
		}
		comp = next;
	}
	sim_err_set(c->err, "--set '%s': empty key", kv);
	return -1;
oom:
	sim_err_set(c->err, "--set '%s': out of memory", kv);
	return -1;
bad_key:
	sim_err_set(c->err, "--set '%s': cannot set '%s' there", kv, comp);
	return -1;
}

/* ---- the document ---------------------------------------------------------- */

static void defaults(struct scenario *sc)
{
	strcpy(sc->name, "unnamed");
	sc->seed = 1;
	sc->iommu = SCEN_IOMMU_VTD;
	strcpy(sc->preset, "spr");
	vtd_config_preset(&sc->vtd, VTD_PRESET_SPR);
	smmu_config_preset(&sc->smmu, "full");
	sc->driver = SCEN_DRIVER_DIRECT;
	sc->setup = SCEN_SETUP_STAGE2;
	sc->guest_ram = 16ULL << 30;
	sc->s1_levels = 4;
	sc->s2_levels = 4;
	sc->s2_page_shift = 21;
	sc->map_chunk_shift = 21;
	sc->fault_service_ns = 2000;
	sc->mem_latency_ns = 80;
	sc->mem_bw_mbps = 25600;
	sc->mode = SCEN_MODE_LT;
	sc->quantum = 1000 * SIM_PS_PER_NS;
}

static int parse_root(struct ctx *c, struct fy_node *root)
{
	struct scenario *sc = c->sc;
	struct fy_node_pair *p;
	void *it = NULL;
	/* Sections in dependency order, whatever order the file has. */
	static const char *const order[] = { "name", "seed", "iommu", "software", "memory",
					     "run", "devices", "control", NULL };

	if (!root || !fy_node_is_mapping(root))
		return fail(c, root ? 1 : 0, "a scenario is a mapping of sections "
			    "(name, seed, iommu, software, memory, run, devices, control)");
	while ((p = fy_node_mapping_iterate(root, &it))) {
		const char *k = key_of(c, p);
		unsigned i;

		if (!k)
			return -1;
		for (i = 0; order[i]; i++)
			if (!strcmp(order[i], k))
				break;
		if (!order[i])
			return fail(c, pair_line(c, p), "unknown section '%s' (name, seed, iommu, "
				    "software, memory, run, devices, control)", k);
	}
	for (unsigned i = 0; order[i]; i++) {
		struct fy_node *v;
		int line, rc = 0;

		p = fy_node_mapping_lookup_pair_by_string(root, order[i], -1);
		if (!p)
			continue;       /* defaults hold */
		v = fy_node_pair_value(p);
		line = pair_line(c, p);
		switch (i) {
		case 0: rc = get_str(c, p, "name", sc->name, sizeof(sc->name)); break;
		case 1: rc = get_u64(c, p, "seed", 0, UINT64_MAX, &sc->seed); break;
		case 2: rc = parse_iommu(c, v, line); break;
		case 3: rc = parse_software(c, v, line); break;
		case 4: rc = parse_memory(c, v, line); break;
		case 5: rc = parse_run(c, v, line); break;
		case 6: rc = parse_devices(c, v, line); break;
		case 7: rc = parse_control(c, v, line); break;
		}
		if (rc)
			return -1;
	}
	if (!sc->ndev)
		return fail(c, 1, "no devices: a scenario needs at least one");
	/* The kernel driver of the IOMMU kind (scenario.h). */
	if (!sc->kernel_driver[0])
		strcpy(sc->kernel_driver, sc->iommu == SCEN_IOMMU_VTD ? "intel" : "simsmmu");
	else if (sc->iommu == SCEN_IOMMU_VTD ? strcmp(sc->kernel_driver, "intel") &&
						strcmp(sc->kernel_driver, "simvtd")
					      : strcmp(sc->kernel_driver, "simsmmu"))
		return fail(c, c->kernel_driver_line,
			    "software.kernel_driver '%s': not a %s driver (%s)", sc->kernel_driver,
			    scen_iommu_name(sc->iommu),
			    sc->iommu == SCEN_IOMMU_VTD ? "intel, simvtd" : "simsmmu");
	/* The seed also drives the model's random replacement streams. */
	sc->vtd.seed = sc->smmu.seed = sc->seed;
	if (sc->demand_paging && (sc->driver != SCEN_DRIVER_KERNEL ||
				  sc->setup != SCEN_SETUP_NESTED || sc->iommu != SCEN_IOMMU_VTD))
		return fail(c, 1, "software.demand_paging needs driver: kernel, setup: nested and "
			    "a vtd IOMMU (the fault queue of the 6.12 uAPI)");
	return 0;
}

/*
 * A YAML stream is Unicode (YAML 1.2, 5.2): a file that is not valid
 * UTF-8 is refused here, naming its line, before libfyaml sees it.
 * Debian's libfyaml 0.7.12 loops for ever on some invalid sequences
 * (a directive line "%\xa0...": pantoniou/libfyaml#101, fixed upstream
 * after that release), found by fuzz/fuzz_scenario. So are C0 control
 * characters, which YAML does not allow (5.1, c-printable), and tabs:
 * YAML forbids them in indentation (6.1), and libfyaml 0.7.12 crashes
 * cleaning up after some of those errors ("? ?2:\t:", found by
 * fuzz_scenario's CPU hour): scenario files are indented with spaces and
 * hold no tab at all. 0, or -1 with err.
 */
static int check_utf8(const char *path, const char *src, size_t len, struct sim_err *err)
{
	unsigned line = 1, need = 0;
	uint32_t cp = 0, min = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned ch = (unsigned char)src[i];

		if (ch == '\t') {
			sim_err_set(err, "%s:%u: a tab character (indent with spaces; a "
				    "scenario file holds no tabs)", path, line);
			return -1;
		}
		if ((ch < 0x20 && ch != '\n' && ch != '\r') || ch == 0x7f) {
			sim_err_set(err, "%s:%u: control character 0x%02x (YAML allows none)",
				    path, line, ch);
			return -1;
		}
		if (need) {
			if ((ch & 0xc0) != 0x80)
				goto bad;
			cp = cp << 6 | (ch & 0x3f);
			if (--need == 0 && (cp < min || cp > 0x10ffff ||
					    (cp >= 0xd800 && cp <= 0xdfff)))
				goto bad;
			continue;
		}
		if (ch == '\n')
			line++;
		if (ch < 0x80)
			continue;
		if ((ch & 0xe0) == 0xc0)
			need = 1, cp = ch & 0x1f, min = 0x80;
		else if ((ch & 0xf0) == 0xe0)
			need = 2, cp = ch & 0x0f, min = 0x800;
		else if ((ch & 0xf8) == 0xf0)
			need = 3, cp = ch & 0x07, min = 0x10000;
		else
			goto bad;
	}
	if (!need)
		return 0;
bad:
	sim_err_set(err, "%s:%u: not valid UTF-8 (a YAML file must be)", path, line);
	return -1;
}

/* The whole file, NUL-terminated, in a malloc()ed buffer; NULL with err. */
static char *read_source(const char *path, size_t *lenp, struct sim_err *err)
{
	FILE *fp = fopen(path, "rb");
	size_t len = 0, cap = 4096;
	char *buf = NULL, *n;

	if (!fp) {
		sim_err_set(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		n = realloc(buf, cap + 1);
		if (!n)
			break;
		buf = n;
		len += fread(buf + len, 1, cap - len, fp);
		if (len < cap)
			break;
		cap *= 2;
	}
	if (!n || ferror(fp)) {
		sim_err_set(err, "%s: %s", path, n ? "read error" : "out of memory");
		fclose(fp);
		free(buf);
		return NULL;
	}
	fclose(fp);
	buf[len] = 0;
	*lenp = len;
	return buf;
}

static void free_scalar_meta(struct fy_node *fyn, void *meta, void *user)
{
	free(meta);
}

struct fy_document *scen_yaml_load(const char *path, struct sim_err *err)
{
	struct fy_parse_cfg pcfg = { .flags = FYPCF_QUIET };
	struct fy_diag_cfg dcfg;
	struct fy_document *fyd;
	struct fy_diag *diag;
	size_t len;
	char *src = read_source(path, &len, err);

	if (!src)
		return NULL;
	if (check_utf8(path, src, len, err)) {
		free(src);
		return NULL;
	}
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	diag = fy_diag_create(&dcfg);
	if (!diag) {
		sim_err_set(err, "%s: out of memory", path);
		free(src);
		return NULL;
	}
	fy_diag_set_collect_errors(diag, true);
	pcfg.diag = diag;
	/* scen_yaml_scalar() reads single-quoted scalars from the source. */
	pcfg.userdata = src;
	fyd = fy_document_build_from_string(&pcfg, src, len);
	if (!fyd) {
		struct fy_diag_error *e;
		void *it = NULL;

		e = fy_diag_errors_iterate(diag, &it);
		if (e)
			sim_err_set(err, "%s:%d: %s", path, e->line + 1, e->msg);
		else
			sim_err_set(err, "%s: not a YAML document", path);
		free(src);
	} else if (fy_document_register_meta(fyd, free_scalar_meta, NULL)) {
		sim_err_set(err, "%s: out of memory", path);
		fy_document_destroy(fyd);
		free(src);
		fyd = NULL;
	}
	/* disabling the collection frees what was collected */
	fy_diag_set_collect_errors(diag, false);
	fy_diag_unref(diag);
	return fyd;
}

void scen_yaml_destroy(struct fy_document *fyd)
{
	char *src;

	if (!fyd)
		return;
	src = fy_document_get_cfg(fyd)->userdata;
	fy_document_destroy(fyd);
	free(src);
}

/*
 * A single-quoted scalar's text, from its source (YAML 1.2, 7.3.2): ''
 * is a quote, and a line break folds (6.5) into a space, or into n - 1
 * newlines when n breaks (empty lines between) come in a row, white
 * space around it trimmed. Debian's libfyaml 0.7.12 leaks the buffer it
 * formats such a scalar into when five or more '' come in a row (found
 * by fuzz/fuzz_scenario); so libfyaml formats none of them here.
 */
static char *single_quoted_text(const char *q, size_t n)
{
	char *out = malloc(n + 1), *o = out;
	size_t i = 0;

	if (!out)
		return NULL;
	while (i < n) {
		if (q[i] == '\'' && i + 1 < n && q[i + 1] == '\'') {
			*o++ = '\'';
			i += 2;
		} else if (q[i] == '\n' || q[i] == '\r') {
			unsigned breaks = 0;

			while (o > out && (o[-1] == ' ' || o[-1] == '\t'))
				o--;
			while (i < n && (q[i] == '\n' || q[i] == '\r' || q[i] == ' ' || q[i] == '\t')) {
				if (q[i] == '\n')
					breaks++;
				else if (q[i] == '\r' && (i + 1 >= n || q[i + 1] != '\n'))
					breaks++;
				i++;
			}
			if (breaks == 1)
				*o++ = ' ';
			for (unsigned b = 1; b < breaks; b++)
				*o++ = '\n';
		} else {
			*o++ = q[i++];
		}
	}
	*o = 0;
	return out;
}

const char *scen_yaml_scalar(struct fy_node *n)
{
	struct fy_document *fyd = n ? fy_node_document(n) : NULL;
	const char *src = fyd ? fy_document_get_cfg(fyd)->userdata : NULL;
	struct fy_token *t;
	const struct fy_mark *a, *b;
	char *text;

	if (!n || !fy_node_is_scalar(n))
		return NULL;
	if (fy_node_get_style(n) != FYNS_SINGLE_QUOTED || !src)
		return fy_node_get_scalar0(n);
	text = fy_node_get_meta(n);
	if (text)
		return text;
	t = fy_node_get_scalar_token(n);
	a = t ? fy_token_start_mark(t) : NULL;
	b = t ? fy_token_end_mark(t) : NULL;
	/* Only a scalar read from the file: its marks span what its quotes hold. */
	if (!a || !b || !a->input_pos || b->input_pos < a->input_pos ||
	    b->input_pos >= strlen(src) || src[a->input_pos - 1] != '\'' ||
	    src[b->input_pos] != '\'')
		return fy_node_get_scalar0(n);
	text = single_quoted_text(src + a->input_pos, b->input_pos - a->input_pos);
	if (text && fy_node_set_meta(n, text)) {
		free(text);
		text = NULL;
	}
	return text;
}

int scenario_load(struct scenario *sc, const char *path, const char *const *sets,
		  unsigned nsets, struct sim_err *err)
{
	struct fy_document *fyd;
	struct ctx c = { .sc = sc, .err = err, .file = path };
	const char *slash;
	int rc = -1;

	memset(sc, 0, sizeof(*sc));
	defaults(sc);
	if (strlen(path) >= sizeof(sc->path)) {
		sim_err_set(err, "%s: path too long", path);
		return -1;
	}
	strcpy(sc->path, path);
	slash = strrchr(path, '/');
	if (slash)
		snprintf(sc->dir, sizeof(sc->dir), "%.*s", (int)(slash - path), path);
	if (nsets > SCEN_MAX_SETS) {
		sim_err_set(err, "more than %d --set options", SCEN_MAX_SETS);
		return -1;
	}

	fyd = scen_yaml_load(path, err);
	if (!fyd)
		return -1;
	for (unsigned i = 0; i < nsets; i++) {
		if (apply_set(&c, fyd, sets[i]))
			goto out;
		snprintf(sc->sets[i], sizeof(sc->sets[i]), "%s", sets[i]);
	}
	sc->nsets = nsets;
	rc = parse_root(&c, fy_document_root(fyd));
out:
	scen_yaml_destroy(fyd);
	return rc;
}
