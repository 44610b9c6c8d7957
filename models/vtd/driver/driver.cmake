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
target_sources(iommusim_kernel PRIVATE ${SIMVTD_DRIVER_SOURCES})
set_source_files_properties(${SIMVTD_DRIVER_SOURCES} PROPERTIES
  INCLUDE_DIRECTORIES "${KSHIM_INCLUDES};${PROJECT_SOURCE_DIR}/models/common;${PROJECT_SOURCE_DIR}/models/vtd"
  COMPILE_OPTIONS "${KSHIM_FLAGS}")
target_link_libraries(iommusim_kernel PUBLIC iommusim_vtd)
