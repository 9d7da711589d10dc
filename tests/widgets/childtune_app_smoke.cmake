# Runs the real `childtune` executable offscreen: --screenshot-dir with no models trains two tiny
# demo runs (recorded in a run store in a temporary folder, never under CHILDTUNE_HOME), writes
# every view and exits 0; a --model folder that does not exist exits 2 naming the option;
# --version prints the version without needing a display.
file(REMOVE_RECURSE ${WORK_DIR} ${SCREENSHOT_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/home/models)
set(ENV{QT_QPA_PLATFORM} offscreen)
set(ENV{CHILDTUNE_HOME} ${WORK_DIR}/home)
set(ENV{HF_HUB_CACHE} ${WORK_DIR}/hub)

execute_process(COMMAND ${APP} --screenshot-dir ${SCREENSHOT_DIR}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "childtune --screenshot-dir exited with ${rc}:\n${out}\n${err}")
endif()
foreach(view model model-tensors tokenizer setup training child-network learn history)
  if(NOT EXISTS ${SCREENSHOT_DIR}/${view}.png)
    message(FATAL_ERROR "childtune --screenshot-dir did not write ${view}.png:\n${out}\n${err}")
  endif()
  file(SIZE ${SCREENSHOT_DIR}/${view}.png size)
  if(size LESS 1000)
    message(FATAL_ERROR "${SCREENSHOT_DIR}/${view}.png is only ${size} bytes")
  endif()
endforeach()
# The demo runs must not land in the user's run store (here: the one under CHILDTUNE_HOME).
file(GLOB_RECURSE stores ${WORK_DIR}/home/*.sqlite)
if(stores)
  message(FATAL_ERROR "childtune --screenshot-dir wrote a run store under CHILDTUNE_HOME: ${stores}")
endif()

execute_process(COMMAND ${APP} --model ${WORK_DIR}/no-such-model
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
if(NOT rc EQUAL 2)
  message(FATAL_ERROR "childtune --model <missing> exited with ${rc}, expected 2:\n${out}\n${err}")
endif()
if(NOT err MATCHES "--model" OR NOT err MATCHES "no-such-model")
  message(FATAL_ERROR "childtune --model <missing> printed no useful error:\n${err}")
endif()

set(ENV{QT_QPA_PLATFORM} "no-such-platform")  # --version must not need a display
execute_process(COMMAND ${APP} --version
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
if(NOT rc EQUAL 0 OR NOT out MATCHES "childtune [0-9]+\\.[0-9]+")
  message(FATAL_ERROR "childtune --version exited with ${rc}:\n${out}\n${err}")
endif()
