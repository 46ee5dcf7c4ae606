# mpl_add_executable(<target> <file.mpl> [MPI] [MPLC_OPTIONS <option>...])
#
# MPI: the program runs over MPI ranks under mpirun/srun (docs/distributed.md); needs
# MPL built with MPI (libmplrt-mpi).
#
# Generates C++ from <file.mpl> with `mplc --emit-cpp` at build time (again whenever
# the .mpl file or mplc changes) and builds it as the executable <target>, linked to
# the MPL runtime. Quoted includes in the .mpl file resolve against its own folder.
# The result is an ordinary CMake target: add sources, include folders or libraries
# to it as to any other.
function(mpl_add_executable target source)
  cmake_parse_arguments(PARSE_ARGV 2 MPL "MPI" "" "MPLC_OPTIONS")
  set(runtime ${MPL_RUNTIME_TARGET})
  if(MPL_MPI)
    if(TARGET mplrt_mpi)
      set(runtime mplrt_mpi)
    elseif(MPL_RUNTIME_MPI_TARGET)
      set(runtime ${MPL_RUNTIME_MPI_TARGET})
    else()
      message(FATAL_ERROR "mpl_add_executable(${target} ... MPI): this MPL was built without MPI "
                          "(install libopenmpi-dev and rebuild MPL)")
    endif()
  endif()
  get_filename_component(source_path "${source}" ABSOLUTE)
  get_filename_component(source_dir "${source_path}" DIRECTORY)
  set(generated "${CMAKE_CURRENT_BINARY_DIR}/${target}.mpl.cpp")
  if(TARGET mplc)
    set(mplc_command $<TARGET_FILE:mplc>)
    set(mplc_dependency mplc)
  else()
    set(mplc_command "${MPL_MPLC}")
    set(mplc_dependency "${MPL_MPLC}")
  endif()
  add_custom_command(
    OUTPUT "${generated}"
    COMMAND ${mplc_command} --emit-cpp "${source_path}" -o "${generated}" ${MPL_MPLC_OPTIONS}
    DEPENDS "${source_path}" ${mplc_dependency}
    COMMENT "Generating C++ from ${source}"
    VERBATIM)
  add_executable(${target} "${generated}")
  target_include_directories(${target} PRIVATE "${source_dir}")
  target_link_libraries(${target} PRIVATE ${runtime})
  target_compile_features(${target} PRIVATE cxx_std_20)
endfunction()
