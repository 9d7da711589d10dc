# `childtune-cli runs ...` without a model: empty stores, bad store files, bad ids, and the
# confirmation rule of `runs delete`. Training-based checks are in store_kill_test.py.
# Invoked by ctest: cmake -DCLI=... -DWORK_DIR=... -P store_cli.cmake

function(expect_run)
  cmake_parse_arguments(E "" "EXIT;STDOUT;STDERR;INPUT" "ARGS" ${ARGN})
  if(E_INPUT)
    execute_process(COMMAND ${CLI} ${E_ARGS} INPUT_FILE ${E_INPUT}
      RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  else()
    execute_process(COMMAND ${CLI} ${E_ARGS}
      RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  endif()
  if(NOT rc EQUAL E_EXIT)
    message(FATAL_ERROR "childtune-cli ${E_ARGS}: exit ${rc}, expected ${E_EXIT}\nstdout: ${out}\nstderr: ${err}")
  endif()
  if(E_STDOUT AND NOT out MATCHES "${E_STDOUT}")
    message(FATAL_ERROR "childtune-cli ${E_ARGS}: stdout does not match '${E_STDOUT}':\n${out}")
  endif()
  if(E_STDERR)
    if(NOT err MATCHES "${E_STDERR}")
      message(FATAL_ERROR "childtune-cli ${E_ARGS}: stderr does not match '${E_STDERR}':\n${err}")
    endif()
  endif()
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(store ${WORK_DIR}/runs.sqlite)

# A new store is created on first use; an empty one lists nothing (and JSON is an empty array).
expect_run(ARGS runs list --store ${store} EXIT 0 STDERR "no runs in .*runs.sqlite")
expect_run(ARGS runs list --store ${store} --json EXIT 0 STDOUT "^\\[\\]")
if(NOT EXISTS ${store})
  message(FATAL_ERROR "runs list did not create ${store}")
endif()
# CHILDTUNE_HOME decides the default location.
set(ENV{CHILDTUNE_HOME} ${WORK_DIR}/home)
expect_run(ARGS runs list EXIT 0)
if(NOT EXISTS ${WORK_DIR}/home/runs.sqlite)
  message(FATAL_ERROR "runs list did not use \$CHILDTUNE_HOME/runs.sqlite")
endif()

# Bad command lines: exit 2.
expect_run(ARGS runs EXIT 2 STDERR "runs needs a subcommand")
expect_run(ARGS runs frob --store ${store} EXIT 2 STDERR "unknown runs subcommand 'frob'")
expect_run(ARGS runs show abc --store ${store} EXIT 2 STDERR "run id is a positive integer, got 'abc'")
expect_run(ARGS runs list --status done --store ${store} EXIT 2 STDERR "option --status must be")
expect_run(ARGS runs compare 1 --store ${store} EXIT 2 STDERR "at least two run ids")
expect_run(ARGS runs export 1 --format xml --store ${store} EXIT 2 STDERR "csv or json")
expect_run(ARGS train --model /m --task RTE --store ${store} --no-store EXIT 2
           STDERR "contradict")

# Unknown ids: exit 1 with a message naming the id and the store.
expect_run(ARGS runs show 42 --store ${store} EXIT 1 STDERR "no run 42 in the run store .*runs.sqlite")
expect_run(ARGS runs delete 42 --yes --store ${store} EXIT 1 STDERR "no run 42")
expect_run(ARGS runs resume 42 --store ${store} EXIT 1 STDERR "no run 42")

# A file that is not a run store is refused with one clear line and never modified.
set(notes ${WORK_DIR}/notes.sqlite)
file(WRITE ${notes} "my lecture notes\n")
file(SHA256 ${notes} before)
expect_run(ARGS runs list --store ${notes} EXIT 1
           STDERR "notes.sqlite: not a ChildTune run store \\(not an SQLite database\\)")
file(SHA256 ${notes} after)
if(NOT before STREQUAL after)
  message(FATAL_ERROR "runs list modified a file that is not a run store")
endif()
if(EXISTS ${notes}-wal OR EXISTS ${notes}-journal)
  message(FATAL_ERROR "runs list created SQLite side files next to a foreign file")
endif()

# `runs delete` without --yes refuses when stdin is not a terminal, even if it says "y".
file(WRITE ${WORK_DIR}/yes.txt "y\n")
expect_run(ARGS runs delete 1 --store ${store} INPUT ${WORK_DIR}/yes.txt EXIT 2
           STDERR "stdin is not a terminal: pass --yes")
