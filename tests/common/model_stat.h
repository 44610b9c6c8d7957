/* SPDX-License-Identifier: GPL-2.0-only */
/* A model's named statistic, for tests of any model (iommu_model.h). */
#ifndef TESTS_COMMON_MODEL_STAT_H
#define TESTS_COMMON_MODEL_STAT_H

#include <stdbool.h>
#include <stdint.h>

#include "iommu_model.h"

/* The u64 statistic called name: true with *value set when m reports it. */
bool model_stat_find(struct iommu_model *m, const char *name, uint64_t *value);

#endif
