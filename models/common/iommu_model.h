/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * iommu_model.h - the face every IOMMU model shows to the rest of the
 * simulator: device requests in, MMIO from the driver, statistics out.
 * Trace replay, the SystemC wrapper and the benches hold a
 * struct iommu_model * and never a model's private types.
 */
#ifndef MODELS_COMMON_IOMMU_MODEL_H
#define MODELS_COMMON_IOMMU_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "inject.h"
#include "xlate.h"

/*
 * Named statistics, emitted in a fixed order by the model so that reports
 * are deterministic. Names are dotted paths: "iotlb.hits",
 * "walk.s2.level3.refs". Models never depend on a report format.
 */
struct stats_sink {
	void (*u64)(void *ctx, const char *name, uint64_t value);
	void (*f64)(void *ctx, const char *name, double value);
	void *ctx;
};

/* Interrupt line from the model to its driver (fault event, queue, PRQ). */
struct iommu_irq {
	void (*raise)(void *ctx, unsigned vector);
	void *ctx;
};

struct iommu_model;
struct cache;
struct xlate_pipe;

struct iommu_model_ops {
	const char *name;       /* "vtd", "smmuv3" */
	/* A device request; fills *res (never fails: faults are results). */
	void (*translate)(struct iommu_model *m, const struct xlate_req *req,
			  struct xlate_res *res);
	/* Register access at byte offset off; size 4 or 8. now: sim time. */
	uint64_t (*mmio_read)(struct iommu_model *m, uint64_t off, unsigned size,
			      sim_time_t now);
	void (*mmio_write)(struct iommu_model *m, uint64_t off, uint64_t val,
			   unsigned size, sim_time_t now);
	void (*stats)(struct iommu_model *m, const struct stats_sink *sink);
	void (*reset_stats)(struct iommu_model *m);
	void (*destroy)(struct iommu_model *m);
	/* Optional, for observers such as the RTL lock-step (models/rtl): a
	 * cache by its report name ("iotlb", "tlb", ...; NULL if none), and
	 * the translation pipeline whose timing hooks they may set. */
	struct cache *(*cache)(struct iommu_model *m, const char *name);
	struct xlate_pipe *(*pipe)(struct iommu_model *m);
};

/* Embedded as the first member of each model's struct. */
struct iommu_model {
	const struct iommu_model_ops *ops;
	struct inj_hw *inj;     /* an armed hardware fault (inject.h); NULL: none */
};

/*
 * A register access a model decodes: 32 or 64 bits, naturally aligned,
 * within its register space of space bytes.
 */
static inline bool iommu_mmio_ok(uint64_t off, unsigned size, uint64_t space)
{
	return off < space && !(off & (size - 1)) && (size == 4 || size == 8);
}

static inline void iommu_translate(struct iommu_model *m, const struct xlate_req *req,
				   struct xlate_res *res)
{
	m->ops->translate(m, req, res);
}

#endif /* MODELS_COMMON_IOMMU_MODEL_H */
