#pragma once
// A precompiled <mpl/mpl.hpp>, kept in the build cache: parsing the runtime's headers
// (fmt's above all) is a third of the time g++ spends on a generated program.

#include "driver/BuildCache.h"
#include "driver/Toolchain.h"

#include <string>
#include <vector>

namespace mpl {

/// The flags that make a compile use the runtime's mpl/mpl.hpp precompiled for this
/// compiler and these flags (GCC's .gch or clang's .pch, in a cache folder), built first
/// when missing (once per configuration; concurrent builds are safe). Empty when there
/// is none to use: turned off, or a failed build — the program is then compiled from
/// the headers as usual.
std::vector<std::string> precompiledRuntimeHeader(const BuildOptions &options, const RuntimeLocation &runtime,
                                     const BuildCache &cache);

}  // namespace mpl
