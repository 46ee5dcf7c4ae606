// libFuzzer target over the front-end: what `mplc --check` runs (parse + checks) on
// arbitrary bytes. A crash, hang, leak or sanitizer report here is a bug; diagnostics
// are the expected outcome for almost every input. See docs/reliability.md.
#include "driver/Frontend.h"

#include <llvm/Support/raw_ostream.h>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string diagnostics;
  llvm::raw_string_ostream out(diagnostics);
  mpl::Frontend frontend(out);
  frontend.loadText(llvm::StringRef(reinterpret_cast<const char *>(data), size), "fuzz.mpl");
  return 0;
}
