# SPDX-License-Identifier: GPL-2.0-only
#
# The real Linux sources come from Debian's linux-source-6.12 package at
# configure time; nothing of the kernel is ever kept in this repository.
#
# IOMMUSIM_KERNEL_SOURCE picks the tree: Debian's tarball by default, or
# any 6.12.y (y >= 117) tarball or unpacked tree, e.g. a patched one:
#   cmake --preset default -DIOMMUSIM_KERNEL_SOURCE=$HOME/linux-6.12.y
# A tarball is extracted (only the paths the build reads) into the build
# tree; an unpacked tree is compiled where it is, so editing it and
# rebuilding recompiles what changed, and its uAPI headers are installed
# out of tree (make O=...), leaving it untouched.
#
# Sets:
#   LINUX_SRC          the tree compiled (extracted, or the given directory)
#   LINUX_UAPI_DIR     `make headers_install` output (user-space uAPI headers)
#   LINUX_PASSTHROUGH  the few real kernel headers the shim uses as they are
#   LINUX_VERSION      e.g. 6.12.118, also in generated/kernel_version.h

set(IOMMUSIM_KERNEL_SOURCE "/usr/src/linux-source-6.12.tar.xz" CACHE PATH
    "Linux 6.12.y sources: a tarball or an unpacked tree (default: Debian's linux-source-6.12)")
set(LINUX_MIN_SUBLEVEL 117)
get_filename_component(_ksrc "${IOMMUSIM_KERNEL_SOURCE}" ABSOLUTE)

if(NOT EXISTS "${_ksrc}")
  message(FATAL_ERROR
    "IOMMUSIM_KERNEL_SOURCE: ${_ksrc} not found.\n"
    "The real iommufd sources come from Debian's package: "
    "apt-get install linux-source-6.12   (or run: sh make.sh setup), "
    "or point -DIOMMUSIM_KERNEL_SOURCE at a 6.12.y tarball or tree.")
endif()

set(_extract_root "${CMAKE_BINARY_DIR}/linux")
set(LINUX_UAPI_DIR "${CMAKE_BINARY_DIR}/linux-uapi")
set(LINUX_PASSTHROUGH "${CMAKE_BINARY_DIR}/linux-passthrough")

# Only the paths the build reads (linux_paths.txt); tar still decompresses
# the whole file.
file(STRINGS "${CMAKE_CURRENT_LIST_DIR}/linux_paths.txt" _linux_paths REGEX "^[^#]")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             "${CMAKE_CURRENT_LIST_DIR}/linux_paths.txt")

if(IS_DIRECTORY "${_ksrc}")
  set(LINUX_SRC "${_ksrc}")
  foreach(_p IN LISTS _linux_paths)
    if(NOT EXISTS "${LINUX_SRC}/${_p}")
      message(FATAL_ERROR "IOMMUSIM_KERNEL_SOURCE: ${LINUX_SRC} is not a kernel tree "
        "(no ${_p})")
    endif()
  endforeach()
  # Out of tree, as `make O=` builds: the kernel refuses if the tree was
  # configured or built in place (then: make mrproper in it).
  set(_hdr_obj "${CMAKE_BINARY_DIR}/linux-obj")
  set(_hdr_args O=${_hdr_obj})
  file(GLOB_RECURSE _uapi_files LIST_DIRECTORIES false
       "${LINUX_SRC}/include/uapi/*.h" "${LINUX_SRC}/arch/x86/include/uapi/*.h")
  list(LENGTH _uapi_files _n_uapi)
  set(_stamp_want "tree:${LINUX_SRC}:${_n_uapi}")
  foreach(_f IN LISTS _uapi_files)
    file(TIMESTAMP "${_f}" _t "%s" UTC)
    string(APPEND _stamp_want ":${_t}")
  endforeach()
  string(SHA256 _stamp_want "${_stamp_want}")
else()
  set(LINUX_SRC "${_extract_root}/linux-source-6.12")
  set(_hdr_args "")
  file(SIZE "${_ksrc}" _tar_size)
  file(TIMESTAMP "${_ksrc}" _tar_time "%s" UTC)
  set(_stamp_want "tar:${_ksrc}:${_tar_size}:${_tar_time}:${_linux_paths}")
endif()
# One stamp for both kinds of source: switching between them redoes all.
set(_stamp "${CMAKE_BINARY_DIR}/linux-source.stamp")

set(_stamp_have "")
if(EXISTS "${_stamp}")
  file(READ "${_stamp}" _stamp_have)
endif()
if(NOT _stamp_have STREQUAL _stamp_want)
  file(REMOVE_RECURSE "${LINUX_UAPI_DIR}")
  if(NOT IS_DIRECTORY "${_ksrc}")
    message(STATUS "Extracting iommufd and its headers from ${_ksrc}")
    file(REMOVE_RECURSE "${_extract_root}")
    file(MAKE_DIRECTORY "${LINUX_SRC}")
    # Whatever the tarball's top directory is called (linux-source-6.12/,
    # linux-6.12.118/, ...), it becomes LINUX_SRC.
    list(TRANSFORM _linux_paths PREPEND "*/" OUTPUT_VARIABLE _members)
    execute_process(
      COMMAND tar -xf "${_ksrc}" -C "${LINUX_SRC}" --strip-components=1
              --wildcards --no-wildcards-match-slash ${_members}
      RESULT_VARIABLE _rc ERROR_VARIABLE _err)
    if(NOT _rc EQUAL 0 OR NOT EXISTS "${LINUX_SRC}/drivers/iommu/iommufd/hw_pagetable.c")
      message(FATAL_ERROR
        "Could not extract the kernel sources from ${_ksrc}: ${_err}\n"
        "It must be a Linux 6.12.y source tarball with one top directory, such as "
        "Debian's linux-source-6.12 (apt-get install --reinstall linux-source-6.12).")
    endif()
  endif()
endif()

# The exact version, from the top-level Makefile.
file(STRINGS "${LINUX_SRC}/Makefile" _mk REGEX "^(VERSION|PATCHLEVEL|SUBLEVEL|EXTRAVERSION) =")
foreach(_line IN LISTS _mk)
  if(_line MATCHES "^([A-Z]+) = ?(.*)$")
    set(_K_${CMAKE_MATCH_1} "${CMAKE_MATCH_2}")
  endif()
endforeach()
if(NOT _K_VERSION STREQUAL "6" OR NOT _K_PATCHLEVEL STREQUAL "12"
   OR NOT _K_SUBLEVEL MATCHES "^[0-9]+$" OR _K_SUBLEVEL LESS LINUX_MIN_SUBLEVEL)
  message(FATAL_ERROR
    "${_ksrc} holds Linux ${_K_VERSION}.${_K_PATCHLEVEL}.${_K_SUBLEVEL}; "
    "iommusim needs 6.12.y with y >= ${LINUX_MIN_SUBLEVEL}.\n"
    "Install Debian's current package (apt-get install linux-source-6.12) or point "
    "-DIOMMUSIM_KERNEL_SOURCE at a supported tree.")
endif()
set(LINUX_VERSION "${_K_VERSION}.${_K_PATCHLEVEL}.${_K_SUBLEVEL}${_K_EXTRAVERSION}")
message(STATUS "Kernel sources: Linux ${LINUX_VERSION}")

# kernel_shim/core/mock_dev.c adds devices to the selftest's mock bus with a
# struct laid out as selftest.c's private struct mock_dev. Check that the
# tarball's definition is still the one it mirrors, so a change in a later
# 6.12.y stops the build here instead of corrupting memory at run time.
if(NOT EXISTS "${LINUX_SRC}/drivers/iommu/iommufd/selftest.c")
  message(FATAL_ERROR "${_ksrc} (Linux ${LINUX_VERSION}) has no "
    "drivers/iommu/iommufd/selftest.c: not a 6.12 iommufd tree")
endif()
file(READ "${LINUX_SRC}/drivers/iommu/iommufd/selftest.c" _selftest_c)
string(REGEX MATCH "struct mock_dev {[^}]*};" _mock_dev "${_selftest_c}")
string(REGEX REPLACE "[ \t\n]+" " " _mock_dev "${_mock_dev}")
set(_mock_dev_expected
  "struct mock_dev { struct device dev; struct rw_semaphore iopf_rwsem; unsigned long flags; int id; };")
if(NOT _mock_dev STREQUAL _mock_dev_expected)
  message(FATAL_ERROR
    "${_ksrc} (Linux ${LINUX_VERSION}): drivers/iommu/iommufd/selftest.c "
    "has a struct mock_dev the shim does not know:\n  ${_mock_dev}\n"
    "kernel_shim/core/mock_dev.c mirrors:\n  ${_mock_dev_expected}\n"
    "The shim must be updated (struct shim_mock_dev) before it can build this tree.")
endif()

# The uAPI headers, once the tree is known to be a supported one. Needs
# make, a host C compiler (scripts/unifdef) and rsync.
if(NOT _stamp_have STREQUAL _stamp_want)
  message(STATUS "Installing the kernel's uAPI headers (make headers_install)")
  execute_process(
    COMMAND make -s -C "${LINUX_SRC}" ${_hdr_args} headers_install ARCH=x86
            INSTALL_HDR_PATH=${LINUX_UAPI_DIR}
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "make headers_install failed in ${LINUX_SRC}:\n${_out}${_err}")
  endif()
  file(WRITE "${_stamp}" "${_stamp_want}")
endif()

file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}/generated")
file(CONFIGURE OUTPUT "${CMAKE_BINARY_DIR}/generated/kernel_version.h" CONTENT
"/* Generated by cmake/LinuxSource.cmake from ${_ksrc}. */
#ifndef IOMMUSIM_KERNEL_VERSION_H
#define IOMMUSIM_KERNEL_VERSION_H
#define IOMMUSIM_KERNEL_VERSION \"${LINUX_VERSION}\"
#define IOMMUSIM_KERNEL_SUBLEVEL ${_K_SUBLEVEL}
#define IOMMUSIM_VERSION \"${PROJECT_VERSION}\"
#endif
")

# Real kernel headers used as they are. Everything else under linux/ comes
# from kernel_shim/include; putting the whole include/ on the path would
# drag in the real kernel's arch and locking headers.
set(LINUX_PASSTHROUGH_HEADERS
  include/linux/iommu.h
  include/linux/iommufd.h
  include/linux/iova_bitmap.h
  include/linux/xarray.h
  include/linux/interval_tree.h
  include/linux/interval_tree_generic.h
  include/linux/rbtree.h
  include/linux/rbtree_augmented.h
  include/linux/rbtree_types.h
  include/uapi/linux/iommufd.h
  include/uapi/linux/vfio.h
  include/uapi/linux/pci_regs.h
  # drivers/iommu/intel's own interface and the pure-macro headers it uses
  include/linux/dmar.h
  include/linux/iova.h
  include/linux/io-64-nonatomic-lo-hi.h
  include/linux/bitfield.h
)
foreach(_h IN LISTS LINUX_PASSTHROUGH_HEADERS)
  string(REGEX REPLACE "^include/" "" _rel "${_h}")
  configure_file("${LINUX_SRC}/${_h}" "${LINUX_PASSTHROUGH}/${_rel}" COPYONLY)
endforeach()
