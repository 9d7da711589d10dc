# Compile options shared by every ChildTune target.
add_library(childtune_options INTERFACE)
target_compile_options(childtune_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor -Wcast-align -Wunused
  -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)
if(CHILDTUNE_WARNINGS_AS_ERRORS)
  target_compile_options(childtune_options INTERFACE -Werror)
endif()
if(CHILDTUNE_SANITIZE)
  target_compile_options(childtune_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(childtune_options INTERFACE -fsanitize=address,undefined)
endif()

# Torch headers are third-party: include them as system headers so their warnings don't fail
# our -Werror builds. TORCH_LIBRARIES carries the ABI define through the torch target.
# PyPI's LibTorch 2.x exports std::filesystem functions of its own (libtorch.so,
# libtorch_cpu.so); an H200 machine's copy of std::filesystem::remove_all there jumped to address
# 0. Our calls must bind to the C++ library the compiler brought, so it comes before LibTorch on
# the link line: shared, it is then ahead of LibTorch in the executables' needed libraries (the
# dynamic linker's search order); static (that machine's /opt/gcc links libstdc++.a), the
# functions are taken from the archive into the executable, which always wins. Named ahead of
# the objects instead (as link options), a static archive contributes nothing.
function(childtune_link_torch target visibility)
  if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    target_link_libraries(${target} ${visibility} "-Wl,--push-state,--no-as-needed" "-lstdc++"
                          "-Wl,--pop-state")
  endif()
  target_link_libraries(${target} ${visibility} ${TORCH_LIBRARIES})
  target_include_directories(${target} SYSTEM ${visibility} ${TORCH_INCLUDE_DIRS})
endfunction()
