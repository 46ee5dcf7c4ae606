// `include` takes a header name in <> or "".
include cmath  // expected-error:9 {{expected a header name after 'include': <header> or "file.hpp"}}
