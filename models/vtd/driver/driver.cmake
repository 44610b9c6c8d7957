# SPDX-License-Identifier: GPL-2.0-only
# The simvtd driver: kernel-side code (shim headers, -nostdinc) that
# programs the VT-d model through its registers and simulated memory.
set(SIMVTD_DRIVER_SOURCES
  ${PROJECT_SOURCE_DIR}/models/vtd/driver/simvtd.c
  ${PROJECT_SOURCE_DIR}/models/vtd/driver/simvtd_qi.c
  ${PROJECT_SOURCE_DIR}/models/vtd/driver/simvtd_pasid.c
  ${PROJECT_SOURCE_DIR}/models/vtd/driver/simvtd_pgtable.c
  ${PROJECT_SOURCE_DIR}/models/vtd/driver/simvtd_domain.c
  ${PROJECT_SOURCE_DIR}/models/vtd/driver/simvtd_nested.c
  ${PROJECT_SOURCE_DIR}/models/vtd/driver/simvtd_dirty.c
  ${PROJECT_SOURCE_DIR}/models/vtd/driver/simvtd_fault.c)
kshim_add_driver(MODEL iommusim_vtd MODEL_DIR ${PROJECT_SOURCE_DIR}/models/vtd
                 SOURCES ${SIMVTD_DRIVER_SOURCES})
