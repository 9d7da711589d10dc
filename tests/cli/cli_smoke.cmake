# Runs childtune-cli as a user would and checks exit codes and one-line errors.
# Invoked by ctest: cmake -DCLI=... -DREFERENCE_DIR=... -P cli_smoke.cmake

function(expect_run)
  cmake_parse_arguments(E "" "EXIT;STDOUT;STDERR" "ARGS" ${ARGN})
  execute_process(COMMAND ${CLI} ${E_ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
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
    string(STRIP "${err}" stripped)
    string(FIND "${stripped}" "\n" newline)
    if(NOT newline EQUAL -1)
      message(FATAL_ERROR "childtune-cli ${E_ARGS}: error is not one line:\n${err}")
    endif()
  endif()
endfunction()

expect_run(ARGS --help EXIT 0 STDOUT "childtune-cli inspect MODEL_DIR")
expect_run(ARGS --version EXIT 0 STDOUT "^childtune-cli [0-9]+\\.[0-9]+\\.[0-9]+")
expect_run(ARGS frobnicate EXIT 2 STDERR "^childtune-cli: unknown command 'frobnicate'")
expect_run(ARGS inspect EXIT 2 STDERR "inspect needs exactly one MODEL_DIR")
expect_run(ARGS inspect /nonexistent/model EXIT 1 STDERR "/nonexistent/model: model folder does not exist")
expect_run(ARGS inspect ${REFERENCE_DIR} --bogus EXIT 2 STDERR "unknown option --bogus")
expect_run(ARGS tokenize ${REFERENCE_DIR}/models/tiny-bert "hi" --max-length abc EXIT 2
           STDERR "option --max-length expects an integer, got 'abc'")
expect_run(ARGS tokenize ${REFERENCE_DIR}/models/tiny-bert "Hello, world!" --json EXIT 0
           STDOUT "\"input_ids\":\\[2,")
expect_run(ARGS runtime EXIT 0 STDOUT "Threads")
expect_run(ARGS fisher --model /nonexistent/model --method vanilla EXIT 2
           STDERR "option --method must be ct-d, ct-d-random or ct-d-lowest for fisher")
expect_run(ARGS fisher --task RTE EXIT 2 STDERR "fisher needs --model DIR")
expect_run(ARGS fisher --model /m --p 1.5 --no-store EXIT 2 STDERR "unknown option --no-store")
expect_run(ARGS train --model /m --task RTE --checkpoint-every 5 --no-store EXIT 1
           STDERR "checkpoint-every.*needs an output folder")
expect_run(ARGS train --model /m --task RTE --precision fp8 --no-store EXIT 1
           STDERR "setting 'precision' must be fp32 or bf16, got 'fp8'")
expect_run(ARGS train --resume /nonexistent/ckpt --no-store EXIT 1
           STDERR "/nonexistent/ckpt/state.json: cannot read the checkpoint state")
expect_run(ARGS train --resume /nonexistent/ckpt --config x.json EXIT 2
           STDERR "--resume reads the configuration from the checkpoint")
