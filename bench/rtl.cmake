# SPDX-License-Identifier: GPL-2.0-only
# The verilated cache: cycles/s alone, and the lock-step's speed as a
# ratio to the C cache alone on the same seeded stream.
# Run: build/<dir>/bench/bench_rtl [events]
add_executable(bench_rtl ${CMAKE_CURRENT_LIST_DIR}/bench_rtl.c)
target_link_libraries(bench_rtl PRIVATE iommusim_rtl)
target_compile_options(bench_rtl PRIVATE ${IOMMUSIM_WARNINGS})
