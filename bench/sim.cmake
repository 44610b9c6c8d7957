# SPDX-License-Identifier: GPL-2.0-only
# The simulator: fast path rate and peak RSS at 1M/10M/100M requests;
# the LT platform against an empty SystemC b_transport loop.
#   build/<dir>/bench/bench_sim_fast [millions...]
#   build/<dir>/bench/bench_sim_lt [millions]
add_executable(bench_sim_fast ${CMAKE_CURRENT_LIST_DIR}/sim_fast.c ${CMAKE_CURRENT_LIST_DIR}/sim_bench.c)
target_link_libraries(bench_sim_fast PRIVATE iommusim_simcore)
target_compile_options(bench_sim_fast PRIVATE ${IOMMUSIM_WARNINGS})
add_executable(bench_sim_lt ${CMAKE_CURRENT_LIST_DIR}/sim_lt.cc ${CMAKE_CURRENT_LIST_DIR}/sim_bench.c)
target_link_libraries(bench_sim_lt PRIVATE iommusim_platform iommusim_simcore)
