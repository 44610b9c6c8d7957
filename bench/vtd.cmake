# SPDX-License-Identifier: GPL-2.0-only
# VT-d model throughput: translations per second for an all-IOTLB-hit
# stream, an IOTLB-miss/paging-structure-cache-hit stream and full nested
# walks. Run: build/<dir>/bench/bench_vtd [millions]
add_executable(bench_vtd ${CMAKE_CURRENT_LIST_DIR}/vtd_xlate.c)
target_link_libraries(bench_vtd PRIVATE iommusim_vtd)
target_compile_options(bench_vtd PRIVATE ${IOMMUSIM_WARNINGS})
