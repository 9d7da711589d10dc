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
function(childtune_link_torch target visibility)
  target_link_libraries(${target} ${visibility} ${TORCH_LIBRARIES})
  target_include_directories(${target} SYSTEM ${visibility} ${TORCH_INCLUDE_DIRS})
endfunction()
