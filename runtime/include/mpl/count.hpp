#pragma once
// A replica count or a capacity: a literal, a param read after the command line is
// parsed, or one per online CPU.
#include <functional>
#include <type_traits>

namespace mpl {

class count {
public:
  template <class I>
    requires std::is_integral_v<I>
  count(I literal) : value_(static_cast<long>(literal)) {}  // NOLINT: implicit by design
  // A value known only at run time, e.g. count([] { return static_cast<long>(nworkers); }).
  template <class F>
    requires std::is_invocable_r_v<long, F>
  explicit count(F read_later) : read_later_(std::move(read_later)) {}

  static count online_cpus();

  long resolve() const { return read_later_ ? read_later_() : value_; }

private:
  long value_ = 0;
  std::function<long()> read_later_;
};

}  // namespace mpl
