/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * scen_model.h - the model parameters a scenario may set, by name: cache
 * geometries and timing values of the VT-d and SMMUv3 configurations.
 * One table per model, used by the parser, --help and the report.
 */
#ifndef SIM_SCEN_MODEL_H
#define SIM_SCEN_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "scenario.h"

/* The cache named name in sc's configuration of model kind, or NULL. */
struct cache_config *scen_model_cache(struct scenario *sc, enum scen_iommu kind,
				      const char *name);
const char *scen_model_cache_names(enum scen_iommu kind);

bool scen_model_param_known(const struct scenario *sc, const char *name);
int scen_model_param_set(struct scenario *sc, const char *name, uint64_t val);
const char *scen_model_param_names(enum scen_iommu kind);

/* Walk the effective configuration, in a fixed order, for reports. */
struct scen_model_visitor {
	void (*cache)(void *ctx, const char *name, const struct cache_config *cc);
	void (*param)(void *ctx, const char *name, uint64_t val);
	void *ctx;
};
void scen_model_visit(const struct scenario *sc, const struct scen_model_visitor *v);

#endif /* SIM_SCEN_MODEL_H */
