#pragma once
// Mapping the run's shared memory (internal; run_memory.cpp).
#include "run_plan.hpp"

#include <optional>
#include <string>

namespace mpl::detail {

// Maps `plan_bytes` for the plan (plan.memory, plan.bytes) and every shared object not
// mapped yet; nothing when either mapping fails: then the message for the user.
std::optional<std::string> map_run_memory(const program_decl& decl, run_plan& plan,
                                          std::size_t plan_bytes);

}  // namespace mpl::detail
