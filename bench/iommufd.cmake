# SPDX-License-Identifier: GPL-2.0-only
if(IOMMUSIM_WITH_KERNEL)
  add_executable(bench_iommufd ${CMAKE_CURRENT_LIST_DIR}/iommufd_ioctl.c)
  target_compile_options(bench_iommufd PRIVATE ${IOMMUSIM_WARNINGS})
  target_include_directories(bench_iommufd BEFORE PRIVATE
    ${LINUX_UAPI_DIR}/include ${LINUX_SRC}/drivers/iommu/iommufd)
  target_link_libraries(bench_iommufd PRIVATE $<LINK_LIBRARY:WHOLE_ARCHIVE,iommusim_kernel>)
endif()

# Linux's Intel driver's invalidation paths on the VT-d model (issue 12).
if(IOMMUSIM_WITH_KERNEL)
  add_executable(bench_intel_inval ${CMAKE_CURRENT_LIST_DIR}/intel_inval.c)
  target_compile_options(bench_intel_inval PRIVATE ${IOMMUSIM_WARNINGS})
  target_include_directories(bench_intel_inval BEFORE PRIVATE ${LINUX_UAPI_DIR}/include)
  target_link_libraries(bench_intel_inval PRIVATE
    $<LINK_LIBRARY:WHOLE_ARCHIVE,iommusim_kernel> iommusim_vtd)
endif()
