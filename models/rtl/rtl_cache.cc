// SPDX-License-Identifier: GPL-2.0-only
/*
 * rtl_cache.cc - the thin harness: one C API over every verilated variant
 * of iommu_tcache (a template instance per variant), clocked by hand.
 */
#include <cstring>
#include <memory>

#include <verilated.h>
#if VM_COVERAGE
#include <verilated_cov.h>
#endif

#include "rtl_cache.h"
#include "rtl_variant_headers.h"

namespace {

const rtl_cache_variant variants[] = {
#define RTL_VARIANT(name, sets, ways, repl, stages, layout, bug) \
	{ #name, sets, ways, (enum cache_repl)(repl), stages, layout, bug != 0 },
#include "rtl_variants.inc"
#undef RTL_VARIANT
};

struct port {
	virtual ~port() = default;
	virtual void load_rng(const uint64_t s[4]) = 0;
	virtual bool cycle(const rtl_cache_req *req, bool *taken, rtl_cache_resp *resp) = 0;
	virtual void line(unsigned set, unsigned way, rtl_cache_line *l) = 0;
};

// One context for every model: one coverage database, written once.
VerilatedContext &context()
{
	static VerilatedContext ctx;
	return ctx;
}

template <class V> struct model final : port {
	std::unique_ptr<V> v;

	model()
	{
		v.reset(new V(&context(), "tc"));
		v->clk = 0;
		v->rst_n = 0;
		v->rng_load = 0;
		v->req_valid = 0;
		v->eval();
		v->clk = 1;     // one edge in reset
		v->eval();
		v->clk = 0;
		v->rst_n = 1;
		v->eval();
	}
	~model() override { v->final(); }

	void load_rng(const uint64_t s[4]) override
	{
		for (int i = 0; i < 4; i++) {
			v->rng_seed[2 * i] = (uint32_t)s[i];
			v->rng_seed[2 * i + 1] = (uint32_t)(s[i] >> 32);
		}
		v->rng_load = 1;
	}

	bool cycle(const rtl_cache_req *req, bool *taken, rtl_cache_resp *resp) override
	{
		v->req_valid = req != nullptr;
		if (req) {
			v->req_op = req->op;
			v->req_sel = req->sel;
			v->req_addr = req->addr;
			v->req_tag = req->tag;
			v->req_data = req->data;
			v->req_lo = req->lo;
			v->req_hi = req->hi;
		}
		v->eval();
		if (taken)
			*taken = req && v->req_ready;
		v->clk = 1;
		v->eval();
		v->clk = 0;
		v->rng_load = 0;
		if (!v->resp_valid)
			return false;
		resp->op = (enum rtl_op)v->resp_op;
		resp->hit = v->resp_hit;
		resp->evict = v->resp_evict;
		resp->set = v->resp_set;
		resp->way = v->resp_way;
		resp->old_addr = v->resp_old_addr;
		resp->old_tag = v->resp_old_tag;
		resp->data = v->resp_data;
		resp->count = v->resp_count;
		return true;
	}

	void line(unsigned set, unsigned way, rtl_cache_line *l) override
	{
		v->dbg_set = set;
		v->dbg_way = way;
		v->eval();
		l->valid = v->dbg_valid;
		l->addr = v->dbg_addr;
		l->tag = v->dbg_tag;
		l->data = v->dbg_data;
		l->repl = v->dbg_repl;
	}
};

std::unique_ptr<port> make(const char *name)
{
#define RTL_VARIANT(n, sets, ways, repl, stages, layout, bug) \
	if (!strcmp(name, #n))                               \
		return std::unique_ptr<port>(new model<Vtc_##n>());
#include "rtl_variants.inc"
#undef RTL_VARIANT
	return nullptr;
}

} // namespace

struct rtl_cache {
	std::unique_ptr<port> p;
	const rtl_cache_variant *info;
	uint64_t cycles;
};

extern "C" {

const struct rtl_cache_variant *rtl_cache_variants(unsigned *n)
{
	*n = sizeof(variants) / sizeof(variants[0]);
	return variants;
}

const struct rtl_cache_variant *rtl_cache_variant_named(const char *name)
{
	for (const auto &v : variants)
		if (!strcmp(v.name, name))
			return &v;
	return nullptr;
}

const struct rtl_cache_variant *rtl_cache_find(unsigned sets, unsigned ways,
					       enum cache_repl repl, const char *layout)
{
	for (const auto &v : variants)
		if (v.sets == sets && v.ways == ways && v.repl == repl && !v.plru_bug &&
		    !strcmp(v.layout, layout) && strncmp(v.name, "t_", 2))
			return &v;
	return nullptr;
}

struct rtl_cache *rtl_cache_open(const char *variant)
{
	const rtl_cache_variant *info = rtl_cache_variant_named(variant);

	if (!info)
		return nullptr;
	auto *r = new rtl_cache{ make(variant), info, 0 };
	return r;
}

void rtl_cache_close(struct rtl_cache *r)
{
	if (!r)
		return;
#if VM_COVERAGE
	// The coverage database points at the model's counters until it is
	// written at exit: keep the model (a --coverage build only).
	(void)r->p.release();
#endif
	delete r;
}

const struct rtl_cache_variant *rtl_cache_info(const struct rtl_cache *r)
{
	return r->info;
}

void rtl_cache_load_rng(struct rtl_cache *r, const uint64_t s[4])
{
	r->p->load_rng(s);
}

bool rtl_cache_cycle(struct rtl_cache *r, const struct rtl_cache_req *req, bool *taken,
		     struct rtl_cache_resp *resp)
{
	r->cycles++;
	return r->p->cycle(req, taken, resp);
}

uint64_t rtl_cache_cycles(const struct rtl_cache *r)
{
	return r->cycles;
}

void rtl_cache_read_line(struct rtl_cache *r, unsigned set, unsigned way, struct rtl_cache_line *l)
{
	r->p->line(set, way, l);
}

bool rtl_cache_coverage_enabled(void)
{
	return VM_COVERAGE != 0;
}

void rtl_cache_coverage_write(const char *path)
{
#if VM_COVERAGE
	// every model registers its points with the one global database
	context().coveragep()->write(path);
#else
	(void)path;
#endif
}

} // extern "C"
