# Builds Windows PE programs the way MSVC lays them out (MSVC C++ ABI, __CxxFrameHandler3 tables)
# with Debian's clang for x86_64-pc-windows-msvc and lld-link. No Windows SDK or CRT is involved:
# a program declares what it uses and links against import libraries llvm-dlltool makes from
# .def files, so it runs on the built-in DLLs (or Windows' own) only.
find_program(MSVC_CLANG clang++)
find_program(MSVC_LLD_LINK lld-link)
find_program(MSVC_DLLTOOL llvm-dlltool)
if(MSVC_CLANG AND MSVC_LLD_LINK AND MSVC_DLLTOOL)
  set(SILL_MSVC_CLANG ON)
else()
  set(SILL_MSVC_CLANG OFF)
  message(STATUS "clang++, lld-link or llvm-dlltool missing: MSVC-layout test programs are not built")
endif()

# sill_msvc_program(<target> OUTPUT <name.exe> SOURCES <files...> DEFS <dll.def...> [DEPENDS <files...>])
# The entry point is mainCRTStartup, which the program defines.
function(sill_msvc_program target)
  cmake_parse_arguments(MP "" "OUTPUT" "SOURCES;DEFS;DEPENDS" ${ARGN})
  set(dir ${CMAKE_CURRENT_BINARY_DIR}/${target}.d)
  set(objects)
  set(libs)
  foreach(d IN LISTS MP_DEFS)
    get_filename_component(stem ${d} NAME_WE)
    set(lib ${dir}/${stem}.lib)
    add_custom_command(OUTPUT ${lib}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
      COMMAND ${MSVC_DLLTOOL} -m i386:x86-64 -d ${CMAKE_CURRENT_SOURCE_DIR}/${d} -l ${lib}
      DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${d}
      COMMENT "llvm-dlltool: ${stem}.lib"
      VERBATIM)
    list(APPEND libs ${lib})
  endforeach()
  foreach(s IN LISTS MP_SOURCES)
    get_filename_component(stem ${s} NAME_WE)
    set(obj ${dir}/${stem}.obj)
    add_custom_command(OUTPUT ${obj}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
      COMMAND ${MSVC_CLANG} --target=x86_64-pc-windows-msvc -O1 -std=c++17 -fexceptions -fcxx-exceptions
              -Wall -c ${CMAKE_CURRENT_SOURCE_DIR}/${s} -o ${obj}
      DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${s} ${MP_DEPENDS}
      COMMENT "clang (x86_64-pc-windows-msvc): ${s}"
      VERBATIM)
    list(APPEND objects ${obj})
  endforeach()
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${MP_OUTPUT})
  add_custom_command(OUTPUT ${out}
    COMMAND ${MSVC_LLD_LINK} -nologo -nodefaultlib -entry:mainCRTStartup -subsystem:console
            ${objects} ${libs} -out:${out}
    DEPENDS ${objects} ${libs}
    COMMENT "lld-link: ${MP_OUTPUT}"
    VERBATIM)
  add_custom_target(${target} ALL DEPENDS ${out})
endfunction()
