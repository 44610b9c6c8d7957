// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim_inject.c - one injected fault in one run (sim_inject.h): the spec,
 * arming it on the model or the software, and what the run saw.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isolation.h"
#include "rng.h"
#include "run.h"
#include "sim_inject.h"
#include "xlate_pipe.h"

static const char *const model_names[SIM_INJ_COUNT] = {
	[SIM_INJ_CACHE_FLIP] = "cache-flip",     [SIM_INJ_TABLE_FLIP] = "table-flip",
	[SIM_INJ_WALK_ABORT] = "walk-abort",     [SIM_INJ_INVAL_DROP] = "inval-drop",
	[SIM_INJ_INVAL_DELAY] = "inval-delay",   [SIM_INJ_INVAL_REORDER] = "inval-reorder",
	[SIM_INJ_INVAL_SKIP] = "inval-skip",     [SIM_INJ_QUEUE_FULL] = "queue-full",
	[SIM_INJ_TORN] = "torn",
};

static const char *const field_names[] = { "addr", "out", "perm" };

/* The caches each model reports, by name (iommu_model_ops.cache). */
static const char *const vtd_caches[] = {
	"iotlb", "context_cache", "pasid_cache", "fs_psc", "ss_psc", "devtlb",
};
static const char *const smmu_caches[] = {
	"tlb", "ste_cache", "cd_cache", "walk_s1", "walk_s2", "atc",
};
static const int vtd_tables[] = {
	INJ_TBL_ROOT, INJ_TBL_CONTEXT, INJ_TBL_PASID_DIR, INJ_TBL_PASID, INJ_TBL_PT_S1,
	INJ_TBL_PT_S2,
};
static const int smmu_tables[] = {
	INJ_TBL_STE_L1, INJ_TBL_STE, INJ_TBL_CD_L1, INJ_TBL_CD, INJ_TBL_PT_S1, INJ_TBL_PT_S2,
};

struct sim_inject {
	struct sim_inj_spec spec;
	struct inj_hw hw;
	struct iso_checker *iso;
	sim_time_t hang_ps;
	bool armed, flip_done;
	uint64_t translated;
	uint64_t log_mark;
	struct sim_inj_outcome out;
};

const char *sim_inj_model_name(enum sim_inj_model m)
{
	return m >= 0 && m < SIM_INJ_COUNT ? model_names[m] : "none";
}

int sim_inj_model_find(const char *name)
{
	for (int i = 0; i < SIM_INJ_COUNT; i++)
		if (!strcmp(name, model_names[i]))
			return i;
	return -1;
}

static int find_name(const char *const *names, unsigned n, const char *v)
{
	for (unsigned i = 0; i < n; i++)
		if (!strcmp(names[i], v))
			return (int)i;
	return -1;
}

static int table_find(const char *v)
{
	if (!strcmp(v, "any"))
		return INJ_TBL_ANY;
	for (int t = 0; t < INJ_TBL_COUNT; t++)
		if (!strcmp(v, inj_table_name(t)))
			return t;
	return -2;
}

/* An invalidation class by inj_inval_name()'s names, "any" included; -2: none. */
static int inval_find(const char *v)
{
	for (int c = INJ_INV_ANY; c <= INJ_INV_DEVTLB; c++)
		if (!strcmp(v, inj_inval_name(c)))
			return c;
	return -2;
}

static bool num(const char *v, uint64_t *out)
{
	char *end;

	if (!*v || *v == '-')
		return false;
	errno = 0;
	*out = strtoull(v, &end, 0);
	return !errno && !*end;
}

/* key=value into s; false when either is bad. */
static bool parse_pair(struct sim_inj_spec *s, const char *k, const char *v)
{
	uint64_t n;
	int i;

	if (!strcmp(k, "at")) {
		s->at_time = !strncmp(v, "t:", 2);
		if (!s->at_time && strncmp(v, "req:", 4))
			return false;
		if (!num(v + (s->at_time ? 2 : 4), &n) || (s->at_time && n > UINT64_MAX / 1000))
			return false;
		s->at = s->at_time ? n * SIM_PS_PER_NS : n;
		return true;
	}
	if (!strcmp(k, "cache")) {
		if (strlen(v) >= sizeof(s->cache) || !*v)
			return false;
		strcpy(s->cache, v);
		return true;
	}
	if (!strcmp(k, "field")) {
		i = find_name(field_names, 3, v);
		s->field = (enum cache_flip_field)i;
		return i >= 0;
	}
	if (!strcmp(k, "table")) {
		s->table = table_find(v);
		return s->table >= INJ_TBL_ANY;
	}
	if (!strcmp(k, "class")) {
		s->inval = inval_find(v);
		return s->inval >= INJ_INV_ANY;
	}
	if (!strcmp(k, "queue")) {
		for (unsigned q = 0; q < INJ_Q_COUNT; q++)
			if (!strcmp(v, inj_queue_name(q))) {
				s->queue = q;
				return true;
			}
		return false;
	}
	if (!num(v, &n))
		return false;
	if (!strcmp(k, "pick"))
		s->pick = n;
	else if (!strcmp(k, "skip"))
		s->skip = n;
	else if (!strcmp(k, "bit") && n <= 0xffff)
		s->bit = (unsigned)n;
	else if (!strcmp(k, "level") && n <= 5)
		s->level = (int)n;
	else if ((!strcmp(k, "delay") || !strcmp(k, "duration")) && n <= UINT64_MAX / 1000)
		s->delay = n * SIM_PS_PER_NS;
	else
		return false;
	return true;
}

int sim_inj_parse(const char *text, struct sim_inj_spec *s, struct sim_err *err)
{
	char buf[512], *p, *save = NULL, *kv;
	const char *colon = strchr(text, ':');
	size_t mlen = colon ? (size_t)(colon - text) : strlen(text);
	int m = -1;

	memset(s, 0, sizeof(*s));
	s->table = INJ_TBL_ANY;
	s->level = -1;
	s->inval = INJ_INV_ANY;
	s->field = CACHE_FIELD_OUT;
	for (int i = 0; i < SIM_INJ_COUNT; i++)
		if (strlen(model_names[i]) == mlen && !strncmp(text, model_names[i], mlen))
			m = i;
	if (!strcmp(text, "none")) {
		s->model = SIM_INJ_NONE;        /* the checker alone */
		return 0;
	}
	if (m < 0) {
		sim_err_set(err, "--inject '%.200s': no fault model '%.*s' (cache-flip, table-flip, "
			    "walk-abort, inval-drop, inval-delay, inval-reorder, inval-skip, "
			    "queue-full, torn)", text, (int)(mlen > 64 ? 64 : mlen), text);
		return -1;
	}
	s->model = (enum sim_inj_model)m;
	if (!colon)
		return 0;
	if (strlen(colon + 1) >= sizeof(buf)) {
		sim_err_set(err, "--inject: spec too long");
		return -1;
	}
	strcpy(buf, colon + 1);
	for (kv = strtok_r(buf, ",", &save); kv; kv = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(kv, '=');

		if (!eq) {
			sim_err_set(err, "--inject '%.200s': '%.64s' is not key=value", text, kv);
			return -1;
		}
		*eq = 0;
		p = eq + 1;
		if (!parse_pair(s, kv, p)) {
			sim_err_set(err, "--inject '%.200s': bad %.32s=%.64s", text, kv, p);
			return -1;
		}
	}
	if (s->model == SIM_INJ_CACHE_FLIP && !s->cache[0]) {
		sim_err_set(err, "--inject '%.200s': cache-flip needs cache=NAME", text);
		return -1;
	}
	return 0;
}

void sim_inj_format(const struct sim_inj_spec *s, char *buf, size_t len)
{
	char at[48];
	int n;

	if (s->at_time)
		snprintf(at, sizeof(at), "t:%" PRIu64, (uint64_t)(s->at / SIM_PS_PER_NS));
	else
		snprintf(at, sizeof(at), "req:%" PRIu64, s->at);
	n = snprintf(buf, len, "%s:at=%s", sim_inj_model_name(s->model), at);
	if (n < 0 || (size_t)n >= len)
		return;
	buf += n;
	len -= (size_t)n;
	switch (s->model) {
	case SIM_INJ_CACHE_FLIP:
		snprintf(buf, len, ",cache=%s,field=%s,pick=%" PRIu64 ",bit=%u", s->cache,
			 field_names[s->field], s->pick, s->bit);
		break;
	case SIM_INJ_TABLE_FLIP:
	case SIM_INJ_WALK_ABORT:
	case SIM_INJ_TORN:
		n = snprintf(buf, len, ",table=%s,skip=%" PRIu64, inj_table_name(s->table), s->skip);
		if (s->model != SIM_INJ_WALK_ABORT && n > 0 && (size_t)n < len)
			n += snprintf(buf + n, len - (size_t)n, ",bit=%u", s->bit);
		if (s->level >= 0 && n > 0 && (size_t)n < len)
			snprintf(buf + n, len - (size_t)n, ",level=%d", s->level);
		break;
	case SIM_INJ_INVAL_DROP:
	case SIM_INJ_INVAL_REORDER:
	case SIM_INJ_INVAL_DELAY:
		n = snprintf(buf, len, ",class=%s,skip=%" PRIu64, inj_inval_name(s->inval), s->skip);
		if (s->model == SIM_INJ_INVAL_DELAY && n > 0 && (size_t)n < len)
			snprintf(buf + n, len - (size_t)n, ",delay=%" PRIu64, (uint64_t)(s->delay / SIM_PS_PER_NS));
		break;
	case SIM_INJ_QUEUE_FULL:
		snprintf(buf, len, ",queue=%s,duration=%" PRIu64, inj_queue_name(s->queue),
			 (uint64_t)(s->delay / SIM_PS_PER_NS));
		break;
	default:
		break;
	}
}

void sim_inj_generate(enum sim_inj_model m, enum scen_iommu iommu, uint64_t seed, uint64_t idx,
		      uint64_t nreq, struct sim_inj_spec *s)
{
	bool smmu = iommu == SCEN_IOMMU_SMMUV3;
	struct rng r;

	/* One stream per (model, injection): a campaign's -j cannot change it. */
	rng_seed(&r, seed, (uint64_t)m << 40 ^ idx);
	memset(s, 0, sizeof(*s));
	s->model = m;
	s->table = INJ_TBL_ANY;
	s->level = -1;
	s->inval = INJ_INV_ANY;
	s->at = nreq ? rng_below(&r, nreq) : 0;
	switch (m) {
	case SIM_INJ_CACHE_FLIP:
		strcpy(s->cache, smmu ? smmu_caches[rng_below(&r, 6)] : vtd_caches[rng_below(&r, 6)]);
		s->field = (enum cache_flip_field)(rng_below(&r, 3));
		s->pick = rng_below(&r, 4096);
		s->bit = (unsigned)(rng_below(&r, 512));
		break;
	case SIM_INJ_TABLE_FLIP:
	case SIM_INJ_WALK_ABORT:
		s->table = smmu ? smmu_tables[rng_below(&r, 6)] : vtd_tables[rng_below(&r, 6)];
		s->skip = rng_below(&r, 4);
		if (m == SIM_INJ_TABLE_FLIP)
			s->bit = (unsigned)(rng_below(&r, 512));
		break;
	case SIM_INJ_TORN:
		s->table = smmu ? (rng_next(&r) & 1 ? INJ_TBL_STE : INJ_TBL_CD) : INJ_TBL_PASID;
		s->bit = (unsigned)(rng_below(&r, 512));
		break;
	case SIM_INJ_INVAL_DROP:
	case SIM_INJ_INVAL_REORDER:
		s->skip = rng_below(&r, 4);
		break;
	case SIM_INJ_INVAL_DELAY:
		s->skip = rng_below(&r, 4);
		s->delay = (1 + rng_below(&r, 1000)) * SIM_PS_PER_NS * 10;     /* 10 ns .. 10 us */
		break;
	case SIM_INJ_QUEUE_FULL:
		s->queue = (unsigned)(rng_below(&r, INJ_Q_COUNT));
		s->delay = (1 + rng_below(&r, 100)) * SIM_PS_PER_NS * 1000;   /* 1 .. 100 us */
		break;
	default:
		break;
	}
}

struct sim_inject *sim_inject_create(const struct sim_inj_spec *spec, sim_time_t hang_ps,
				     struct sim_err *err)
{
	struct sim_inject *in = calloc(1, sizeof(*in));

	if (!in || !(in->iso = iso_create())) {
		free(in);
		sim_err_set(err, "out of memory");
		return NULL;
	}
	in->spec = *spec;
	in->hang_ps = hang_ps;
	return in;
}

void sim_inject_destroy(struct sim_inject *in)
{
	if (!in)
		return;
	iso_destroy(in->iso);
	free(in);
}

const struct sim_inj_outcome *sim_inject_outcome(const struct sim_inject *in)
{
	return &in->out;
}

const struct sim_inj_spec *sim_inject_spec(const struct sim_inject *in)
{
	return &in->spec;
}

/* Seen to have fired at t, with in->translated requests translated by then. */
static void fired(struct sim_inject *in, sim_time_t t, const char *what)
{
	in->out.fired = true;
	in->out.fired_req = in->translated;
	in->out.fired_t = t;
	snprintf(in->out.what, sizeof(in->out.what), "%s", what);
}

static void try_flip(struct sim_run *r, struct sim_inject *in, const struct xlate_req *req)
{
	struct cache *c = r->model->ops->cache ? r->model->ops->cache(r->model, in->spec.cache)
					       : NULL;
	char what[160];
	long line;

	if (!c || !cache_enabled(c)) {
		in->flip_done = true;   /* nothing to upset: never fires */
		snprintf(in->out.what, sizeof(in->out.what), "%s: no such cache in this model",
			 in->spec.cache);
		return;
	}
	if (cache_flip(c, in->spec.pick, in->spec.field, in->spec.bit, &line, what,
		       sizeof(what)))
		return;         /* no valid line yet: the next request tries again */
	in->flip_done = true;
	fired(in, req->t_issue, what);
}

/* Every cache the model reports empties, as after a full invalidation. */
static void flush_caches(struct sim_run *r)
{
	bool smmu = r->sc->iommu == SCEN_IOMMU_SMMUV3;
	const char *const *names = smmu ? smmu_caches : vtd_caches;

	if (!r->model->ops->cache)
		return;
	for (unsigned i = 0; i < 6; i++) {
		struct cache *c = r->model->ops->cache(r->model, names[i]);

		if (c && cache_enabled(c))
			cache_flush(c);
	}
	if (r->model->ops->pipe)
		xlate_pipe_flush(r->model->ops->pipe(r->model));
}

static void arm(struct sim_run *r, struct sim_inject *in)
{
	struct inj_hw *hw = &in->hw;
	const struct xlate_pipe *p;

	in->armed = true;
	if (r->sw->ops->kernel_log_count)
		in->log_mark = r->sw->ops->kernel_log_count(r->sw);
	memset(hw, 0, sizeof(*hw));
	hw->table = in->spec.table;
	hw->level = in->spec.level;
	hw->inval = in->spec.inval;
	hw->queue = in->spec.queue;
	hw->skip = in->spec.skip;
	hw->bit = in->spec.bit;
	hw->delay = in->spec.delay;
	switch (in->spec.model) {
	case SIM_INJ_TABLE_FLIP: hw->fault = INJ_TABLE_FLIP; break;
	case SIM_INJ_TORN:
		/*
		 * Software rewrites the entry while DMA is in flight, and
		 * invalidates what the hardware cached of it: the next fetch
		 * reads it half-way through the rewrite.
		 */
		hw->fault = INJ_TABLE_TORN;
		flush_caches(r);
		break;
	case SIM_INJ_WALK_ABORT: hw->fault = INJ_WALK_ABORT; break;
	case SIM_INJ_INVAL_DROP: hw->fault = INJ_INVAL_DROP; break;
	case SIM_INJ_INVAL_DELAY: hw->fault = INJ_INVAL_DELAY; break;
	case SIM_INJ_INVAL_REORDER:
		/* Performed after the wait behind it: one wait's and one descriptor's time late. */
		hw->fault = INJ_INVAL_DELAY;
		p = r->model->ops->pipe ? r->model->ops->pipe(r->model) : NULL;
		hw->delay = p ? p->lat.inv_sync + p->lat.inv_desc : 1;
		break;
	case SIM_INJ_QUEUE_FULL: hw->fault = INJ_QUEUE_FULL; break;
	case SIM_INJ_INVAL_SKIP:
		r->sw->skip_inval = true;
		return;
	default:
		return;         /* cache-flip: by the simulator; none: a golden run */
	}
	r->model->inj = hw;
}

void sim_inject_before(struct sim_run *r, const struct xlate_req *req)
{
	struct sim_inject *in = r->inj;

	if (!in->armed && in->spec.model != SIM_INJ_NONE &&
	    (in->spec.at_time ? req->t_issue >= in->spec.at : in->translated >= in->spec.at))
		arm(r, in);
	if (in->armed && in->spec.model == SIM_INJ_CACHE_FLIP && !in->flip_done)
		try_flip(r, in, req);
	in->translated++;
}

/* Order-free: a request's term is added, whatever completes first. */
static uint64_t data_term(unsigned dev, const struct xlate_req *req, const struct xlate_res *res)
{
	uint64_t z = (uint64_t)dev << 56 ^ req->iova ^ (uint64_t)req->access << 48 ^
		     (uint64_t)res->status << 52 ^ (uint64_t)req->len << 32;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL ^ res->pa;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void sim_inject_after(struct sim_run *r, struct sim_device *d, const struct xlate_req *req,
		      const struct xlate_res *res, sim_time_t t_complete)
{
	struct sim_inject *in = r->inj;
	struct sim_inj_outcome *o = &in->out;

	if (in->hw.fired && !o->fired)
		fired(in, in->hw.t_fired ? in->hw.t_fired : req->t_issue, in->hw.what);
	o->data_digest += data_term(d->idx, req, res);
	if (!o->hung && (res->status == XLATE_STALLED || t_complete - req->t_issue > in->hang_ps)) {
		o->hung = true;
		snprintf(o->hang_what, sizeof(o->hang_what),
			 "device '%s' iova 0x%llx issued at %llu ps %s", d->cfg->name,
			 (unsigned long long)req->iova, (unsigned long long)req->t_issue,
			 res->status == XLATE_STALLED ? "never answered (stalled)"
						      : "not answered within run.hang");
	}
	if (res->status == XLATE_OK) {
		uint64_t tpa = res->pa;
		bool has = r->sw->ops->trace_pa && r->sw->ops->trace_pa(r->sw, res->pa, &tpa);
		char why[240];

		o->checked++;
		switch (iso_check(in->iso, d->idx, req, has, tpa, why, sizeof(why))) {
		case ISO_OK:
			return;
		case ISO_SDC:
			o->sdc++;
			break;
		case ISO_BREACH:
			o->breach++;
			break;
		}
		if (o->sdc + o->breach == 1)
			snprintf(o->first_flag, sizeof(o->first_flag), "%s", why);
	}
}

void sim_inject_control(struct sim_run *r, unsigned dev, const struct trace_event *ev,
			uint64_t invals_before)
{
	struct sim_inject *in = r->inj;
	const struct sim_sw *sw = r->sw;
	sim_time_t done = sw->st.inval_done > ev->time ? sw->st.inval_done : ev->time;

	switch (ev->kind) {
	case TRACE_ATTACH:
		iso_attach(in->iso, dev, ev->has_pasid, ev->pasid, ev->as);
		break;
	case TRACE_MAP:
		iso_map(in->iso, dev, ev->as, ev->iova, ev->size, ev->pa, ev->access);
		break;
	case TRACE_UNMAP:
		iso_unmap(in->iso, dev, ev->as, ev->iova, ev->size, sw->st.invals > invals_before,
			  done);
		break;
	case TRACE_INVAL:
		iso_inval(in->iso, dev, ev->as, ev->iova, ev->size, done);
		break;
	default:
		break;
	}
	if (sw->invals_skipped && !in->out.invals_skipped) {
		char what[160];

		snprintf(what, sizeof(what), "the driver's invalidation for %s of 0x%llx+0x%llx "
			 "(device %u) skipped", trace_kind_name(ev->kind),
			 (unsigned long long)ev->iova, (unsigned long long)ev->size, dev);
		fired(in, ev->time, what);
	}
	in->out.invals_skipped = sw->invals_skipped;
}

void sim_inject_finish(struct sim_run *r)
{
	struct sim_inject *in = r->inj;
	struct sim_inj_outcome *o = &in->out;
	uint64_t n;

	if (in->hw.fired && !o->fired)
		fired(in, in->hw.t_fired, in->hw.what);
	if (!r->sw->ops->kernel_log_count)
		return;
	n = r->sw->ops->kernel_log_count(r->sw);
	o->log_total = n;
	if (!in->armed)
		return;
	for (uint64_t i = in->log_mark; i < n && o->nlog < SIM_INJ_LOG_LINES; i++) {
		const char *line = r->sw->ops->kernel_log_line(r->sw, i);

		if (line)
			snprintf(o->log[o->nlog++], sizeof(o->log[0]), "%s", line);
	}
}
