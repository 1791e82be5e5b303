# Runs the PE parser fuzzer for SECONDS seconds from a freshly generated seed
# corpus; any crash, sanitizer report, leak or timeout fails the test and
# leaves the input in WORKDIR.
file(REMOVE_RECURSE ${WORKDIR}/corpus)
file(MAKE_DIRECTORY ${WORKDIR}/corpus)
execute_process(COMMAND ${SEEDGEN} ${WORKDIR}/corpus RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pe_seed_gen failed (${rc})")
endif()
execute_process(
  COMMAND ${FUZZER} -max_total_time=${SECONDS} -timeout=10 -rss_limit_mb=2048
          -print_final_stats=1 -artifact_prefix=${WORKDIR}/ ${WORKDIR}/corpus
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pe_fuzzer found a problem (exit ${rc}); the input is in ${WORKDIR}")
endif()
