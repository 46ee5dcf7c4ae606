#pragma once
// A precompiled <mpl/mpl.hpp>, kept in the build cache: parsing the runtime's headers
// (fmt's above all) is a third of the time g++ spends on a generated program.

#include "driver/BuildCache.h"
#include "driver/Toolchain.h"

#include <string>

namespace mpl {

/// The cache folder holding mpl/mpl.hpp.gch (made from the runtime's mpl/mpl.hpp) for
/// this compiler and these flags, built first when missing (once per configuration; concurrent builds are
/// safe). Empty when there is none to use: turned off, a compiler other than GCC (which
/// would not look for a .gch beside a header), or a failed build — the program is then
/// compiled from the headers as usual.
std::string precompiledRuntimeHeader(const BuildOptions &options, const RuntimeLocation &runtime,
                                     const BuildCache &cache);

}  // namespace mpl
