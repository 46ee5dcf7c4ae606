// ANTLR's runtime and generated headers, with the warnings they trigger in our
// -Werror build silenced for these headers only. Included by the parse layer only.
#pragma once

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wattributes"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include <antlr4-runtime.h>
#include "MPLLexer.h"
#include "MPLParser.h"
#pragma GCC diagnostic pop
