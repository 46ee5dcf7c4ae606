# ANTLR 4.9's umbrella header does not compile with clang 14:
#   misc/InterpreterDataReader.h:20  `InterpreterData() {};` → "call to implicitly-deleted
#   default constructor of 'dfa::Vocabulary'".
# For clang builds only, copy the ANTLR headers into the build tree at configure time,
# patch that one line to `InterpreterData() = default;`, and put the copy first on the
# include path. g++ builds use the system headers unchanged.
find_package(antlr4-runtime 4.9 REQUIRED CONFIG)
set(MPL_ANTLR_PATCHED ${CMAKE_BINARY_DIR}/antlr4-clang/antlr4-runtime)
if(NOT EXISTS ${MPL_ANTLR_PATCHED}/antlr4-runtime.h)
  file(COPY ${ANTLR4_INCLUDE_DIR}/ DESTINATION ${MPL_ANTLR_PATCHED})
  set(header ${MPL_ANTLR_PATCHED}/misc/InterpreterDataReader.h)
  file(READ ${header} text)
  string(REPLACE "InterpreterData() {};" "InterpreterData() = default;" text "${text}")
  file(WRITE ${header} "${text}")
endif()
include_directories(BEFORE SYSTEM ${MPL_ANTLR_PATCHED})
