# tsumiki_library(NAME DEPS...) builds src/<name> as a static library from every .cpp in it,
# so adding a file never means editing a CMakeLists. Includes are rooted at src/.
function(tsumiki_library name)
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(tsumiki_${name} STATIC ${sources})
  target_include_directories(tsumiki_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(tsumiki_${name} PUBLIC ${ARGN})
endfunction()
