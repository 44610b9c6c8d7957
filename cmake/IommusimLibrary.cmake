# SPDX-License-Identifier: GPL-2.0-only
#
# iommusim_library(<name> <sources>... [LINK <libraries>...])
# A static library of the project's own C code: the folder it is declared
# in is its public include directory, it builds with IOMMUSIM_WARNINGS,
# and it passes on what it links (users of a model also need common).
function(iommusim_library name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "LINK")
  add_library(${name} STATIC ${arg_UNPARSED_ARGUMENTS})
  target_include_directories(${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
  target_compile_options(${name} PRIVATE ${IOMMUSIM_WARNINGS})
  if(arg_LINK)
    target_link_libraries(${name} PUBLIC ${arg_LINK})
  endif()
endfunction()
