// SPDX-License-Identifier: GPL-2.0-only
/*
 * report.c - JSON report (jansson, keys in insertion order), digest,
 * atomic files and the terminal summary.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "scen_model.h"
#include "sim_inject.h"
#include "trace_gen.h"

#define DUMP_FLAGS (JSON_INDENT(2) | JSON_REAL_PRECISION(10))

uint64_t report_fnv1a64(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	return h;
}

static void set(json_t *o, const char *k, json_t *v)
{
	json_object_set_new(o, k, v);
}

static json_t *u64(uint64_t v)
{
	return json_integer((json_int_t)v);
}

static double ps_to_ns(uint64_t ps)
{
	return (double)ps / 1000.0;
}

static json_t *latency(const struct histogram *h, bool buckets)
{
	json_t *o = json_object();

	set(o, "count", u64(h->count));
	set(o, "mean", json_real(ps_to_ns((uint64_t)0) + hist_mean(h) / 1000.0));
	set(o, "min", json_real(ps_to_ns(h->count ? h->min : 0)));
	set(o, "p50", json_real(ps_to_ns(hist_quantile(h, 0.50))));
	set(o, "p90", json_real(ps_to_ns(hist_quantile(h, 0.90))));
	set(o, "p99", json_real(ps_to_ns(hist_quantile(h, 0.99))));
	set(o, "max", json_real(ps_to_ns(h->max)));
	if (buckets) {
		json_t *a = json_array();

		for (unsigned i = 0; i < HIST_BUCKETS; i++)
			if (h->b[i])
				json_array_append_new(a, json_pack("[f,I]",
					ps_to_ns(hist_bucket_low(i)), (json_int_t)h->b[i]));
		set(o, "histogram", a);
	}
	return o;
}

/* ---- configuration ------------------------------------------------------ */

static void cfg_cache(void *ctx, const char *name, const struct cache_config *cc)
{
	static const char *const repl[] = { "lru", "fifo", "plru", "random" };
	json_t *caches = json_object_get(ctx, "caches");

	set(caches, name, json_pack("{s:i,s:i,s:s}", "sets", (int)cc->sets, "ways",
				    (int)cc->ways, "repl", repl[cc->repl & 3]));
}

static void cfg_param(void *ctx, const char *name, uint64_t val)
{
	set(json_object_get(ctx, "parameters"), name, u64(val));
}

static json_t *configuration(const struct scenario *sc)
{
	json_t *c = json_object(), *io = json_object(), *sw, *devs = json_array();
	struct scen_model_visitor v = { cfg_cache, cfg_param, io };

	set(io, "kind", json_string(scen_iommu_name(sc->iommu)));
	set(io, "preset", json_string(sc->preset));
	/* The capabilities the preset gives, as the hardware reports them. */
	if (sc->iommu == SCEN_IOMMU_VTD) {
		char cap[24], ecap[24];

		snprintf(cap, sizeof(cap), "0x%016" PRIx64, vtd_config_cap(&sc->vtd));
		snprintf(ecap, sizeof(ecap), "0x%016" PRIx64, vtd_config_ecap(&sc->vtd));
		set(io, "cap_reg", json_string(cap));
		set(io, "ecap_reg", json_string(ecap));
	} else {
		const struct smmu_config *m = &sc->smmu;

		set(io, "features", json_pack("{s:b,s:b,s:b,s:b,s:b,s:b,s:i,s:i,s:i}",
			"s1p", m->s1p, "s2p", m->s2p, "ats", m->ats, "pri", m->pri,
			"httu_a", m->httu_a, "httu_d", m->httu_d, "oas", (int)m->oas,
			"sidsize", (int)m->sidsize, "ssidsize", (int)m->ssidsize));
	}
	set(io, "caches", json_object());
	set(io, "parameters", json_object());
	scen_model_visit(sc, &v);
	set(c, "iommu", io);
	sw = json_object();
	set(sw, "driver", json_string(scen_driver_name(sc->driver)));
	if (sc->driver == SCEN_DRIVER_KERNEL)
		set(sw, "kernel_driver", json_string(sc->kernel_driver));
	set(sw, "setup", json_string(scen_setup_name(sc->setup)));
	set(sw, "guest_ram", u64(sc->guest_ram));
	set(sw, "stage1_levels", u64(sc->s1_levels));
	set(sw, "stage2_levels", u64(sc->s2_levels));
	set(sw, "stage2_page", u64(1ULL << sc->s2_page_shift));
	set(sw, "map_chunk", u64(1ULL << sc->map_chunk_shift));
	set(sw, "demand_paging", json_boolean(sc->demand_paging));
	set(sw, "fault_service_ns", u64(sc->fault_service_ns));
	set(sw, "guest_inval", json_string(scen_guest_inval_name(sc->guest_inval)));
	set(sw, "guest_inval_trap_ns", u64(sc->guest_inval_trap_ns));
	set(c, "software", sw);
	set(c, "memory", json_pack("{s:i,s:i}", "latency_ns", (int)sc->mem_latency_ns,
				   "bandwidth_mbps", (int)sc->mem_bw_mbps));
	set(c, "run", json_pack("{s:s,s:I,s:I}", "mode", scen_mode_name(sc->mode),
				"length_ps", (json_int_t)sc->length,
				"quantum_ps", (json_int_t)sc->quantum));
	for (unsigned i = 0; i < sc->ndev; i++) {
		const struct scen_device *d = &sc->dev[i];
		json_t *o = json_object();

		set(o, "name", json_string(d->name));
		set(o, "sid", u64(d->sid));
		set(o, "outstanding", u64(d->outstanding));
		set(o, "pri", json_boolean(d->pri));
		if (d->gen[0]) {
			set(o, "generator", json_string(d->gen));
			set(o, "params", json_string(d->gen_params));
		} else {
			set(o, "trace", json_string(d->trace));
		}
		json_array_append_new(devs, o);
	}
	set(c, "devices", devs);
	set(c, "control_steps", u64(sc->nctrl));
	return c;
}

/* ---- statistics ------------------------------------------------------------ */

static void model_u64(void *ctx, const char *name, uint64_t v)
{
	set(ctx, name, u64(v));
}

static void model_f64(void *ctx, const char *name, double v)
{
	set(ctx, name, json_real(v));
}

static bool ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);

	return a >= b && !strcmp(s + a - b, suf);
}

static json_t *derived_hit_rates(json_t *model)
{
	json_t *o = json_object(), *v;
	const char *k;

	json_object_foreach(model, k, v) {
		char prefix[96], hk[128];
		json_t *hits;
		json_int_t lookups = json_integer_value(v);

		if (!ends_with(k, ".lookups") || strlen(k) >= sizeof(prefix))
			continue;
		snprintf(prefix, sizeof(prefix), "%.*s", (int)(strlen(k) - 8), k);
		snprintf(hk, sizeof(hk), "%s.hits", prefix);
		hits = json_object_get(model, hk);
		if (!hits)
			continue;
		set(o, prefix, lookups ? json_real((double)json_integer_value(hits) /
						   (double)lookups) : json_null());
	}
	/*
	 * Walk caches per level ("walk_cache.<stage>.level<l>.hits" over
	 * "walk_cache.<stage>.probes"): the share of walks that the cache let
	 * start below level l; summed over levels, the share of walks it shortened.
	 */
	json_object_foreach(model, k, v) {
		char probes[128], rk[128];
		const char *lv = strstr(k, ".level");
		json_int_t n;

		if (strncmp(k, "walk_cache.", 11) || !lv || !ends_with(k, ".hits") ||
		    strlen(k) >= sizeof(rk))
			continue;
		snprintf(probes, sizeof(probes), "%.*s.probes", (int)(lv - k), k);
		snprintf(rk, sizeof(rk), "%.*s", (int)(strlen(k) - 5), k);
		n = json_integer_value(json_object_get(model, probes));
		set(o, rk, n ? json_real((double)json_integer_value(v) / (double)n) : json_null());
	}
	return o;
}

static json_t *per_translation(json_t *model, const char *prefix, uint64_t requests)
{
	json_t *o = json_object(), *v;
	const char *k;

	json_object_foreach(model, k, v) {
		if (strncmp(k, prefix, strlen(prefix)) || !ends_with(k, ".refs"))
			continue;
		set(o, k, json_real(requests ? (double)json_integer_value(v) / (double)requests
					     : 0.0));
	}
	return o;
}

/* What the per-4 KiB metrics are made of, summed over some devices. */
struct page_counts {
	uint64_t bytes, requests, tlb_hits, walk_refs, invals;
	uint64_t wc_hits[2][XLATE_WC_LEVELS];
};

static void page_counts_add(struct page_counts *p, const struct sim_device *d)
{
	p->bytes += d->bytes;
	p->requests += d->requests;
	p->tlb_hits += d->tlb_hits;
	p->walk_refs += d->walk_refs;
	p->invals += d->invals;
	for (unsigned s = 0; s < 2; s++)
		for (unsigned l = 0; l < XLATE_WC_LEVELS; l++)
			p->wc_hits[s][l] += d->wc_hits[s][l];
}

static json_t *ratio(uint64_t n, double d)
{
	return json_real(d > 0 ? (double)n / d : 0.0);
}

/*
 * Per 4 KiB of DMA, the unit hardware-counter studies publish in:
 * translations that missed the IOTLB, page-walk memory reads (also per
 * miss), walk-cache hits by stage and level (the levels each
 * architecture caches tables at), and invalidations.
 */
static json_t *per_4k(const struct page_counts *p, enum scen_iommu kind)
{
	static const char *const stage[2][2] = { { "fs", "ss" }, { "s1", "s2" } };
	bool vtd = kind == SCEN_IOMMU_VTD;
	unsigned lo = vtd ? 2 : 0, hi = vtd ? 5 : 2;
	double pages = (double)p->bytes / 4096.0;
	uint64_t misses = p->requests - p->tlb_hits;
	json_t *o = json_object(), *wc = json_object();

	set(o, "iotlb_misses", ratio(misses, pages));
	set(o, "walk_reads", ratio(p->walk_refs, pages));
	set(o, "walk_reads_per_miss", ratio(p->walk_refs, (double)misses));
	for (unsigned s = 0; s < 2; s++) {
		for (unsigned l = hi + 1; l-- > lo;) {
			char key[32];

			snprintf(key, sizeof(key), "%s.level%u", stage[!vtd][s], l);
			set(wc, key, ratio(p->wc_hits[s][l], pages));
		}
	}
	set(o, "walk_cache_hits", wc);
	set(o, "invalidations", ratio(p->invals, pages));
	return o;
}

static json_t *statistics(const struct sim_run *r)
{
	json_t *s = json_object(), *model = json_object(), *devs = json_array(), *f, *codes;
	struct stats_sink sink = { model_u64, model_f64, model };
	struct histogram xl, dm;
	const struct sim_sw_stats *sw = &r->sw->st;
	struct page_counts all = { 0 };

	hist_init(&xl);
	hist_init(&dm);
	for (unsigned i = 0; i < r->ndev; i++) {
		hist_merge(&xl, &r->dev[i].xlat);
		hist_merge(&dm, &r->dev[i].dma);
		page_counts_add(&all, &r->dev[i]);
	}
	r->model->ops->stats(r->model, &sink);

	set(s, "sim_time_ns", json_real(ps_to_ns(r->t_end)));
	set(s, "truncated_by_length", json_boolean(r->truncated));
	set(s, "requests", u64(r->requests));
	set(s, "bytes", u64(r->bytes));
	/* DMA throughput over the simulated time (bits per ns = Gb/s) */
	set(s, "dma_gbps", json_real(r->t_end ? (double)r->bytes * 8.0 / ps_to_ns(r->t_end) : 0.0));
	set(s, "control_events", u64(r->ctrl));
	set(s, "tlb_hit_rate", json_real(r->requests ? (double)r->tlb_hits / (double)r->requests
						     : 0.0));
	set(s, "translation_latency_ns", latency(&xl, true));
	set(s, "dma_latency_ns", latency(&dm, true));
	set(s, "hit_rates", derived_hit_rates(model));
	f = per_translation(model, "walk.", r->requests);
	set(f, "total", json_real(r->requests ? (double)r->walk_refs / (double)r->requests : 0));
	set(s, "walk_refs_per_translation", f);
	/*
	 * Per level, references per page walk: 1.0 means every walk read that
	 * level; less means the walk caches (paging-structure / walk caches)
	 * skipped it, so 1 - value is that level's walk-cache hit rate for a
	 * single-stage walk. Nested walks read stage-2 levels several times.
	 */
	{
		json_t *w = json_object(), *v;
		const char *k;
		json_int_t walks = json_integer_value(json_object_get(model, "walk.walks"));

		json_object_foreach(model, k, v) {
			if (strncmp(k, "walk.", 5) || !ends_with(k, ".refs") || !strstr(k, "level"))
				continue;
			set(w, k, json_real(walks ? (double)json_integer_value(v) / (double)walks : 0.0));
		}
		set(s, "walk_refs_per_walk", w);
	}
	set(s, "cfg_refs_per_translation",
	    json_real(r->requests ? (double)r->cfg_refs / (double)r->requests : 0));
	set(s, "per_4k", per_4k(&all, r->sc->iommu));
	codes = json_array();
	for (unsigned i = 0; i < 8 && r->fault_codes[i][1]; i++) {
		char hex[16];

		snprintf(hex, sizeof(hex), "0x%" PRIx64, r->fault_codes[i][0]);
		json_array_append_new(codes, json_pack("{s:s,s:I}", "code", hex, "count",
						       (json_int_t)r->fault_codes[i][1]));
	}
	set(s, "faults", json_pack("{s:I,s:o}", "count", (json_int_t)r->faults, "codes", codes));
	set(s, "page_requests", json_pack("{s:I,s:I,s:I,s:I,s:s}",
		"requests", (json_int_t)r->page_requests, "retries", (json_int_t)r->retries,
		"serviced", (json_int_t)sw->page_requests,
		"answered_success", (json_int_t)sw->page_responses_ok,
		"first_error", r->service_err));
	set(s, "invalidations", json_pack("{s:I,s:f,s:f,s:f}", "count", (json_int_t)sw->invals,
		"cost_ns_total", ps_to_ns(sw->inval_cost_ps),
		"cost_ns_mean", sw->invals ? ps_to_ns(sw->inval_cost_ps) / (double)sw->invals : 0.0,
		"service_ns_mean",
		sw->invals ? ps_to_ns(sw->inval_service_ps) / (double)sw->invals : 0.0));
	set(s, "software", json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I}",
		"attaches", (json_int_t)sw->attaches, "maps", (json_int_t)sw->maps,
		"unmaps", (json_int_t)sw->unmaps, "map_bytes", (json_int_t)sw->map_bytes,
		"unmap_bytes", (json_int_t)sw->unmap_bytes,
		"table_pages", (json_int_t)sw->table_pages,
		"pinned_bytes", (json_int_t)sw->pinned_bytes));
	set(s, "memory", json_pack("{s:I,s:I,s:f,s:f,s:f}",
		"accesses", (json_int_t)r->mem.accesses, "bytes", (json_int_t)r->mem.bytes,
		"busy_ns", ps_to_ns(r->mem.busy_ps), "wait_ns", ps_to_ns(r->mem.wait_ps),
		"utilisation", r->t_end ? (double)r->mem.busy_ps / (double)r->t_end : 0.0));
	for (unsigned i = 0; i < r->ndev; i++) {
		const struct sim_device *d = &r->dev[i];
		struct page_counts one = { 0 };
		json_t *o = json_object();

		set(o, "name", json_string(d->cfg->name));
		set(o, "sid", u64(d->sid));
		set(o, "requests", u64(d->requests));
		set(o, "bytes", u64(d->bytes));
		set(o, "faults", u64(d->faults));
		set(o, "tlb_hits", u64(d->tlb_hits));
		set(o, "walk_refs", u64(d->walk_refs));
		set(o, "control_events", u64(d->ctrl));
		set(o, "invalidations", u64(d->invals));
		page_counts_add(&one, d);
		set(o, "per_4k", per_4k(&one, r->sc->iommu));
		set(o, "translation_latency_ns", latency(&d->xlat, false));
		set(o, "dma_latency_ns", latency(&d->dma, false));
		json_array_append_new(devs, o);
	}
	set(s, "devices", devs);
	set(s, "model", model);
	return s;
}

/* The injected fault and what the run saw of it: outside the digest. */
static json_t *inject_json(const struct sim_inject *in)
{
	const struct sim_inj_outcome *o = sim_inject_outcome(in);
	json_t *j = json_object(), *log = json_array();
	char spec[256];

	sim_inj_format(sim_inject_spec(in), spec, sizeof(spec));
	set(j, "spec", json_string(sim_inject_spec(in)->model == SIM_INJ_NONE ? "none" : spec));
	set(j, "fired", json_boolean(o->fired));
	if (o->fired) {
		set(j, "fired_after_requests", u64(o->fired_req));
		set(j, "fired_ns", json_real(ps_to_ns(o->fired_t)));
		set(j, "what", json_string(o->what));
	}
	set(j, "isolation", json_pack("{s:I,s:I,s:I,s:s}", "checked", (json_int_t)o->checked,
				      "silent_corruption", (json_int_t)o->sdc,
				      "breaches", (json_int_t)o->breach, "first", o->first_flag));
	{
		char dd[24];

		snprintf(dd, sizeof(dd), "%016" PRIx64, o->data_digest);
		set(j, "data_digest", json_string(dd));
	}
	set(j, "hang", o->hung ? json_string(o->hang_what) : json_null());
	for (unsigned i = 0; i < o->nlog; i++)
		json_array_append_new(log, json_string(o->log[i]));
	set(j, "kernel_log", log);
	return j;
}

json_t *report_build(const struct sim_run *r)
{
	const struct scenario *sc = r->sc;
	json_t *rep = json_object(), *stats, *scen, *sets = json_array();
	char *canon, digest[40];

	set(rep, "tool", json_pack("{s:s,s:s}", "name", "iommusim", "version", IOMMUSIM_VERSION));
	set(rep, "kernel_source", json_string(r->sw->kernel_version));
	scen = json_object();
	set(scen, "file", json_string(sc->path));
	set(scen, "name", json_string(sc->name));
	for (unsigned i = 0; i < sc->nsets; i++)
		json_array_append_new(sets, json_string(sc->sets[i]));
	set(scen, "overrides", sets);
	set(rep, "scenario", scen);
	set(rep, "seed", u64(sc->seed));
	set(rep, "configuration", configuration(sc));
	stats = statistics(r);
	set(rep, "statistics", stats);
	canon = json_dumps(stats, JSON_COMPACT | JSON_REAL_PRECISION(10));
	snprintf(digest, sizeof(digest), "fnv1a64:%016" PRIx64,
		 canon ? report_fnv1a64(canon, strlen(canon)) : 0);
	free(canon);
	set(rep, "digest", json_string(digest));
	if (r->inj)
		set(rep, "inject", inject_json(r->inj));
	return rep;
}

char *report_dumps(const json_t *rep)
{
	return json_dumps(rep, DUMP_FLAGS);
}

int report_write_atomic(const char *path, const char *text, struct sim_err *err)
{
	char tmp[PATH_MAX];
	size_t len = strlen(text), off = 0;
	int fd;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof(tmp)) {
		sim_err_set(err, "%s: path too long", path);
		return -1;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0) {
		sim_err_set(err, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	while (off < len) {
		ssize_t n = write(fd, text + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto fail;
		off += (size_t)n;
	}
	if (fsync(fd))
		goto fail;
	if (close(fd)) {
		fd = -1;
		goto fail;
	}
	if (rename(tmp, path)) {
		fd = -1;
		goto fail;
	}
	return 0;
fail:
	sim_err_set(err, "%s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return -1;
}

const json_t *report_at(const json_t *o, const char *path)
{
	char buf[256], *save = NULL, *k;
	const json_t *v = o;

	snprintf(buf, sizeof(buf), "%s", path);
	for (k = strtok_r(buf, ".", &save); k && v; k = strtok_r(NULL, ".", &save))
		v = json_object_get(v, k);
	return v;
}

static double jr(const json_t *o, const char *path)
{
	return json_number_value(report_at(o, path));
}

void report_print_summary(FILE *f, const json_t *rep)
{
	const json_t *s = json_object_get(rep, "statistics");
	const json_t *cfg = json_object_get(rep, "configuration");
	const json_t *hr = json_object_get(s, "hit_rates"), *v, *devs;
	const char *k;
	size_t i;

	fprintf(f, "iommusim %s: %s (%s %s, %s set-up, %s driver, %s mode), seed %" JSON_INTEGER_FORMAT "\n",
		IOMMUSIM_VERSION,
		json_string_value(json_object_get(json_object_get(rep, "scenario"), "name")),
		json_string_value(json_object_get(json_object_get(cfg, "iommu"), "kind")),
		json_string_value(json_object_get(json_object_get(cfg, "iommu"), "preset")),
		json_string_value(json_object_get(json_object_get(cfg, "software"), "setup")),
		json_string_value(json_object_get(json_object_get(cfg, "software"), "driver")),
		json_string_value(json_object_get(json_object_get(cfg, "run"), "mode")),
		json_integer_value(json_object_get(rep, "seed")));
	fprintf(f, "  simulated time   %.3f us%s\n", jr(s, "sim_time_ns") / 1000.0,
		json_is_true(json_object_get(s, "truncated_by_length")) ? " (cut by run.length)" : "");
	fprintf(f, "  translations     %.0f (%.0f bytes), %.0f faults, %.0f control events\n",
		jr(s, "requests"), jr(s, "bytes"), jr(s, "faults.count"), jr(s, "control_events"));
	fprintf(f, "  translation ns   mean %.1f  p50 %.1f  p90 %.1f  p99 %.1f  max %.1f\n",
		jr(s, "translation_latency_ns.mean"), jr(s, "translation_latency_ns.p50"),
		jr(s, "translation_latency_ns.p90"), jr(s, "translation_latency_ns.p99"),
		jr(s, "translation_latency_ns.max"));
	fprintf(f, "  dma ns           mean %.1f  p50 %.1f  p90 %.1f  p99 %.1f  max %.1f\n",
		jr(s, "dma_latency_ns.mean"), jr(s, "dma_latency_ns.p50"),
		jr(s, "dma_latency_ns.p90"), jr(s, "dma_latency_ns.p99"),
		jr(s, "dma_latency_ns.max"));
	fprintf(f, "  hit rates       ");
	json_object_foreach((json_t *)hr, k, v) {
		if (json_is_real(v) && strncmp(k, "walk_cache.", 11))
			fprintf(f, " %s %.1f%%", k, 100.0 * json_real_value(v));
	}
	fprintf(f, "\n  walk cache/level");
	json_object_foreach((json_t *)hr, k, v) {
		if (json_is_real(v) && !strncmp(k, "walk_cache.", 11))
			fprintf(f, " %s %.1f%%", k + 11, 100.0 * json_real_value(v));
	}
	fprintf(f, "\n  walk refs/xlate  %.3f   cfg refs/xlate %.3f\n",
		jr(s, "walk_refs_per_translation.total"), jr(s, "cfg_refs_per_translation"));
	fprintf(f, "  per 4 KiB        %.3f IOTLB misses, %.3f walk reads (%.2f a miss), "
		"%.3f invalidations\n", jr(s, "per_4k.iotlb_misses"), jr(s, "per_4k.walk_reads"),
		jr(s, "per_4k.walk_reads_per_miss"), jr(s, "per_4k.invalidations"));
	fprintf(f, "  invalidations    %.0f, mean %.1f ns from request to done (queueing included)\n",
		jr(s, "invalidations.count"), jr(s, "invalidations.cost_ns_mean"));
	if (jr(s, "page_requests.requests") > 0)
		fprintf(f, "  page requests    %.0f, %.0f answered with a mapping, %.0f retries\n",
			jr(s, "page_requests.requests"), jr(s, "page_requests.answered_success"),
			jr(s, "page_requests.retries"));
	devs = json_object_get(s, "devices");
	for (i = 0; i < json_array_size(devs); i++) {
		const json_t *d = json_array_get(devs, i);

		fprintf(f, "  device %-9s %.0f xlates, %.0f faults, mean %.1f ns, p99 %.1f ns\n",
			json_string_value(json_object_get(d, "name")), jr(d, "requests"),
			jr(d, "faults"), jr(d, "translation_latency_ns.mean"),
			jr(d, "translation_latency_ns.p99"));
	}
	fprintf(f, "  digest           %s\n", json_string_value(json_object_get(rep, "digest")));
}
