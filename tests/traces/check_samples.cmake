# SPDX-License-Identifier: GPL-2.0-only
# Re-run every `iommusim-trace ...` line of traces/samples/README.md's code
# blocks and compare each output with the committed sample, so the README's
# provenance stays true. -DTOOL=<iommusim-trace> -DSAMPLES=<dir> -DWORK=<dir>
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
file(GLOB inputs ${SAMPLES}/*-iommu.txt)
file(COPY ${inputs} DESTINATION ${WORK})
file(STRINGS ${SAMPLES}/README.md lines REGEX "^iommusim-trace ")
list(LENGTH lines n)
if(n LESS 10)
  message(FATAL_ERROR "expected at least 10 commands in README.md, found ${n}")
endif()
foreach(line IN LISTS lines)
  if(NOT line MATCHES "-o ([^ ]+)")
    message(FATAL_ERROR "no -o in: ${line}")
  endif()
  set(out ${CMAKE_MATCH_1})
  file(REMOVE ${WORK}/${out})
  separate_arguments(args UNIX_COMMAND "${line}")
  list(POP_FRONT args)
  execute_process(COMMAND ${TOOL} ${args} WORKING_DIRECTORY ${WORK}
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${line}\n${err}")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK}/${out} ${SAMPLES}/${out}
                  RESULT_VARIABLE diff)
  if(NOT diff EQUAL 0)
    message(FATAL_ERROR "${out} differs from what its README command produces: ${line}")
  endif()
  message(STATUS "ok ${out}")
endforeach()
