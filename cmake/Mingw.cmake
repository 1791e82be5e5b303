# Builds Windows PE programs and DLLs with Debian's mingw-w64 cross compilers.
find_program(MINGW_CC x86_64-w64-mingw32-gcc REQUIRED)
find_program(MINGW_CXX x86_64-w64-mingw32-g++ REQUIRED)

# sill_pe_program(<target> OUTPUT <name.exe|name.dll> SOURCES <files...>
#                 [CXX] [DLL] [FLAGS <flags...>] [LIBS <libs...>] [DEPENDS <targets...>])
# A DLL also produces lib<name>.a, its import library, beside it.
function(sill_pe_program target)
  cmake_parse_arguments(PE "CXX;DLL" "OUTPUT" "SOURCES;FLAGS;LIBS;DEPENDS" ${ARGN})
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${PE_OUTPUT})
  set(compiler ${MINGW_CC})
  set(extra -std=c11)
  if(PE_CXX)
    set(compiler ${MINGW_CXX})
    set(extra -std=c++17 -static-libgcc -static-libstdc++)
  endif()
  set(outputs ${out})
  if(PE_DLL)
    get_filename_component(stem ${PE_OUTPUT} NAME_WE)
    set(implib ${CMAKE_CURRENT_BINARY_DIR}/lib${stem}.a)
    list(APPEND extra -shared -Wl,--out-implib,${implib})
    list(APPEND outputs ${implib})
  endif()
  set(srcs)
  foreach(s IN LISTS PE_SOURCES)
    list(APPEND srcs ${CMAKE_CURRENT_SOURCE_DIR}/${s})
  endforeach()
  add_custom_command(OUTPUT ${outputs}
    COMMAND ${compiler} -O2 -g0 -Wall ${extra} ${PE_FLAGS} ${srcs} -o ${out} ${PE_LIBS}
    DEPENDS ${srcs} ${PE_DEPENDS}
    COMMENT "mingw-w64: ${PE_OUTPUT}"
    VERBATIM)
  add_custom_target(${target} ALL DEPENDS ${outputs})
  foreach(d IN LISTS PE_DEPENDS)
    if(TARGET ${d})
      add_dependencies(${target} ${d})
    endif()
  endforeach()
endfunction()
