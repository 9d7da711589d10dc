# The headless CLI must not link Qt: it has to run on a GPU box without Qt installed.
# Checked two ways:
#  - the binary's own dependencies (ELF NEEDED entries) name no Qt library;
#  - nothing in its whole dependency closure is Qt 6, the toolkit of our GUI.
# Debian's libtorch 1.13 itself pulls in Qt 5 through OpenCV's highgui (libtorch_cpu ->
# libopencv_highgui -> libQt5*); that comes with Debian's LibTorch package, not with ChildTune,
# and a LibTorch from PyTorch's builds (the GPU setup) has no such dependency.
execute_process(COMMAND readelf -d ${CLI} RESULT_VARIABLE rc OUTPUT_VARIABLE dynamic ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "readelf -d ${CLI} failed: ${err}")
endif()
string(REGEX MATCHALL "NEEDED[^\n]*" needed "${dynamic}")
if(NOT needed MATCHES "libtorch")
  message(FATAL_ERROR "unexpected readelf output (no libtorch among NEEDED):\n${dynamic}")
endif()
if(needed MATCHES "libQt")
  message(FATAL_ERROR "childtune-cli itself links Qt:\n${needed}")
endif()
execute_process(COMMAND ldd ${CLI} RESULT_VARIABLE rc OUTPUT_VARIABLE closure ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "ldd ${CLI} failed: ${err}")
endif()
if(closure MATCHES "libQt6")
  message(FATAL_ERROR "childtune-cli pulls in Qt 6:\n${closure}")
endif()
