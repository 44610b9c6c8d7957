/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rtl_run.h - iommu.rtl: the model's IOTLB and paging-structure / walk
 * caches in lock-step with the verilated RTL (models/rtl), and in timing
 * mode the IOTLB's answer time taken from the RTL pipeline.
 */
#ifndef SIM_ENGINE_RTL_RUN_H
#define SIM_ENGINE_RTL_RUN_H

#include "scenario.h"
#include "iommu_model.h"

struct sim_rtl;

/* NULL with nothing to do (iommu.rtl off) or on error (err set, *failed). */
struct sim_rtl *sim_rtl_attach(const struct scenario *sc, struct iommu_model *m,
			       struct sim_err *err, bool *failed);
/* Drains and compares every line; a divergence ends the process (status 1). */
void sim_rtl_detach(struct sim_rtl *rt);

#endif /* SIM_ENGINE_RTL_RUN_H */
