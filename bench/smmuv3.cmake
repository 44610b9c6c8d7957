# SPDX-License-Identifier: GPL-2.0-only
# SMMUv3 model translation throughput (prints figures; never asserts timing).
add_executable(bench_smmuv3 ${CMAKE_CURRENT_LIST_DIR}/smmuv3_xlate.c)
target_link_libraries(bench_smmuv3 PRIVATE iommusim_smmuv3)
target_compile_options(bench_smmuv3 PRIVATE ${IOMMUSIM_WARNINGS})
