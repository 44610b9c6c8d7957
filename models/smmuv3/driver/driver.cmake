# SPDX-License-Identifier: GPL-2.0-only
# The simsmmu driver: kernel-side sources compiled like the rest of the
# shim's kernel side, plus the SMMUv3 model it drives. Included at the end
# of kernel_shim/CMakeLists.txt.
set(SIMSMMU_DIR ${PROJECT_SOURCE_DIR}/models/smmuv3/driver)
set(SIMSMMU_SOURCES
  ${SIMSMMU_DIR}/simsmmu.c
  ${SIMSMMU_DIR}/simsmmu_cmdq.c
  ${SIMSMMU_DIR}/simsmmu_domain.c
  ${SIMSMMU_DIR}/simsmmu_nested.c
  ${SIMSMMU_DIR}/simsmmu_pgtable.c
  ${SIMSMMU_DIR}/simsmmu_ste.c)
kshim_add_driver(MODEL iommusim_smmuv3 MODEL_DIR ${PROJECT_SOURCE_DIR}/models/smmuv3
                 SOURCES ${SIMSMMU_SOURCES})
# simsmmu_test.h and uapi/iommusim_smmuv3.h for user-space tests
target_include_directories(iommusim_kernel PUBLIC ${SIMSMMU_DIR})
