// SPDX-License-Identifier: GPL-2.0-only
/*
 * gen_common.c - the generators' shared clock and event helpers, the
 * registry, and the key=value parameter parser.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "gen_internal.h"
#include "trace_internal.h"

const struct trace_gen *const trace_gens[] = {
	&gen_pciebench_desc,
	&gen_nic_desc,
	&gen_nvme_desc,
	&gen_accel_desc,
	NULL,
};

const struct trace_gen *trace_gen_find(const char *name)
{
	for (int i = 0; trace_gens[i]; i++)
		if (!strcmp(trace_gens[i]->name, name))
			return trace_gens[i];
	return NULL;
}

void gen_ctx_init(struct gen_ctx *g, const struct gen_common *c,
		  struct trace_writer *w, struct trace_err *err)
{
	memset(g, 0, sizeof(*g));
	g->w = w;
	g->err = err;
	g->c = c;
}

void gen_unit(struct gen_ctx *g)
{
	sim_time_t gap = g->c->gap_ns * SIM_PS_PER_NS;  /* gap_ns <= 10^12 */
	sim_time_t earliest = g->unit_start > UINT64_MAX - gap ? UINT64_MAX
							       : g->unit_start + gap;

	if (g->started && g->now < earliest)
		g->now = earliest;
	g->unit_start = g->now;
	g->started = true;
}

static int put(struct gen_ctx *g, struct trace_event *ev)
{
	ev->time = g->now;
	return trace_writer_put(g->w, ev, g->err);
}

int gen_attach(struct gen_ctx *g)
{
	struct trace_event ev = {
		.kind = TRACE_ATTACH,
		.dev = g->c->dev,
		.has_pasid = g->c->pasid >= 0,
		.pasid = g->c->pasid >= 0 ? (uint32_t)g->c->pasid : 0,
		.as = g->c->as,
	};

	return put(g, &ev);
}

int gen_map(struct gen_ctx *g, uint64_t iova, uint64_t size, uint64_t pa, uint8_t prot)
{
	struct trace_event ev = {
		.kind = TRACE_MAP, .as = g->c->as, .iova = iova, .size = size,
		.pa = pa, .access = prot,
	};

	return put(g, &ev);
}

int gen_unmap(struct gen_ctx *g, uint64_t iova, uint64_t size)
{
	struct trace_event ev = {
		.kind = TRACE_UNMAP, .as = g->c->as, .iova = iova, .size = size,
	};

	return put(g, &ev);
}

int gen_inval(struct gen_ctx *g, uint64_t iova, uint64_t size)
{
	struct trace_event ev = {
		.kind = TRACE_INVAL, .as = g->c->as, .iova = iova, .size = size,
	};

	return put(g, &ev);
}

int gen_dma(struct gen_ctx *g, uint64_t iova, uint64_t size, uint8_t access)
{
	struct trace_event ev = {
		.kind = TRACE_DMA,
		.dev = g->c->dev,
		.has_pasid = g->c->pasid >= 0,
		.pasid = g->c->pasid >= 0 ? (uint32_t)g->c->pasid : 0,
		.iova = iova,
		.size = size,
		.access = access,
	};
	/* size <= 1 GiB and bw >= 1: the product fits in 64 bits. */
	uint64_t busy = size * 1000000 / g->c->bw_mbps;

	if (put(g, &ev))
		return -1;
	if (g->now > UINT64_MAX - busy) {
		trace_err_set(g->err, "simulated time overflows 64 bits of picoseconds");
		return -1;
	}
	g->now += busy;
	return 0;
}

int gen_common_check(const struct gen_common *c, const char *gen, struct trace_err *err)
{
	if (c->iova % TRACE_PAGE_SIZE || c->pa % TRACE_PAGE_SIZE) {
		trace_err_set(err, "%s: iova and pa must be 4 KiB aligned", gen);
		return -1;
	}
	if (c->bw_mbps == 0) {
		trace_err_set(err, "%s: bw must be at least 1", gen);
		return -1;
	}
	if (c->pasid > (int64_t)TRACE_PASID_MAX) {
		trace_err_set(err, "%s: pasid wider than 20 bits", gen);
		return -1;
	}
	return 0;
}

/* --- key=value parameters ---------------------------------------------- */

static int set_one(const struct trace_gen *g, void *params, const char *key,
		   const char *val, struct trace_err *err)
{
	const struct gen_param *p;
	char *base = params;
	uint64_t v = 0;
	uint32_t dev;
	int rc;

	for (p = g->params; p->key; p++)
		if (!strcmp(p->key, key))
			break;
	if (!p->key) {
		trace_err_set(err, "%s: unknown parameter '%s' (list them with: gen %s --help)",
			      g->name, key, g->name);
		return -1;
	}
	switch (p->type) {
	case GEN_P_ENUM:
		for (int i = 0; p->names[i]; i++)
			if (!strcmp(p->names[i], val)) {
				*(unsigned *)(base + p->off) = i;
				return 0;
			}
		trace_err_set(err, "%s: parameter %s: unknown value '%s'", g->name, key, val);
		return -1;
	case GEN_P_BOOL:
		if (!strcmp(val, "1") || !strcmp(val, "yes") || !strcmp(val, "true")) {
			*(bool *)(base + p->off) = true;
			return 0;
		}
		if (!strcmp(val, "0") || !strcmp(val, "no") || !strcmp(val, "false")) {
			*(bool *)(base + p->off) = false;
			return 0;
		}
		trace_err_set(err, "%s: parameter %s: want 0 or 1, got '%s'", g->name, key, val);
		return -1;
	case GEN_P_PASID:
		if (!strcmp(val, "-")) {
			*(int64_t *)(base + p->off) = -1;
			return 0;
		}
		break;
	default:
		break;
	}
	if (p->type == GEN_P_U32 && !strcmp(key, "dev") && strchr(val, ':')) {
		if (trace_parse_dev(val, &dev)) {
			trace_err_set(err, "%s: parameter dev: bad PCI device '%s'", g->name, val);
			return -1;
		}
		*(uint32_t *)(base + p->off) = dev;
		return 0;
	}
	rc = trace_parse_u64(val, &v, true);
	if (rc == -1) {
		trace_err_set(err, "%s: parameter %s: bad number '%s'", g->name, key, val);
		return -1;
	}
	if (rc == -2 || v < p->min || v > p->max) {
		trace_err_set(err, "%s: parameter %s: %s out of range [%" PRIu64 ", %" PRIu64 "]",
			      g->name, key, val, p->min, p->max);
		return -1;
	}
	switch (p->type) {
	case GEN_P_U64:
		*(uint64_t *)(base + p->off) = v;
		break;
	case GEN_P_U32:
		*(uint32_t *)(base + p->off) = (uint32_t)v;
		break;
	case GEN_P_PASID:
		*(int64_t *)(base + p->off) = (int64_t)v;
		break;
	default:
		break;
	}
	return 0;
}

int trace_gen_set(const struct trace_gen *g, void *params, const char *kv,
		  struct trace_err *err)
{
	char *copy = strdup(kv), *save = NULL, *item;
	int rc = 0;

	if (!copy) {
		trace_err_set(err, "out of memory");
		return -1;
	}
	for (item = strtok_r(copy, ",", &save); item && !rc;
	     item = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(item, '=');

		if (!eq || eq == item || !eq[1]) {
			trace_err_set(err, "%s: expected key=value, got '%s'", g->name, item);
			rc = -1;
			break;
		}
		*eq = 0;
		rc = set_one(g, params, item, eq + 1, err);
	}
	free(copy);
	return rc;
}

void trace_gen_describe(const struct trace_gen *g, const void *params, FILE *out)
{
	const char *base = params;

	fprintf(out, "%s: %s\nparameters (current value):\n", g->name, g->summary);
	for (const struct gen_param *p = g->params; p->key; p++) {
		char val[64];

		switch (p->type) {
		case GEN_P_U64:
			snprintf(val, sizeof(val), "%" PRIu64, *(const uint64_t *)(base + p->off));
			break;
		case GEN_P_U32:
			snprintf(val, sizeof(val), "%" PRIu32, *(const uint32_t *)(base + p->off));
			break;
		case GEN_P_PASID: {
			int64_t v = *(const int64_t *)(base + p->off);

			if (v < 0)
				snprintf(val, sizeof(val), "-");
			else
				snprintf(val, sizeof(val), "%" PRId64, v);
			break;
		}
		case GEN_P_ENUM:
			snprintf(val, sizeof(val), "%s",
				 p->names[*(const unsigned *)(base + p->off)]);
			break;
		case GEN_P_BOOL:
			snprintf(val, sizeof(val), "%d", *(const bool *)(base + p->off));
			break;
		}
		fprintf(out, "  %-10s %-12s %s", p->key, val, p->help);
		if (p->type == GEN_P_ENUM) {
			fprintf(out, " (");
			for (int i = 0; p->names[i]; i++)
				fprintf(out, "%s%s", i ? "|" : "", p->names[i]);
			fprintf(out, ")");
		}
		fprintf(out, "\n");
	}
}

int trace_gen_run(const struct trace_gen *g, const void *params, uint64_t seed,
		  struct trace_writer *w, struct trace_err *err)
{
	if (g->check(params, err))
		return -1;
	return g->run(params, seed, w, err);
}
