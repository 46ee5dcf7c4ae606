#pragma once
// The one header a generated MPL program includes (docs/runtime-api.md).
#include "mpl/cli.hpp"
#include "mpl/codec.hpp"
#include "mpl/context.hpp"
#include "mpl/count.hpp"
#include "mpl/endpoint.hpp"
#include "mpl/program.hpp"
#include "mpl/shared.hpp"

// docs/language.md, "Declarations": every program can use these without including them.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
