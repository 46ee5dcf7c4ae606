// Braces in C++ strings, characters, comments and nested blocks do not end the body.
stage tricky() -> out {
    std::string open = "{ not a block";
//                     ^^^^^^^^^^^^^^^ string.quoted.double.cpp
    std::string close = "} still C++ \" }";
//                      ^^^^^^^^^^^^^^^^^^ string.quoted.double.cpp
    char brace = '}';
//               ^^^ string.quoted.single.cpp
    char quote = '\'';
//               ^^^^ string.quoted.single.cpp
    long big = 1'000'000;
//             ^^^^^^^^^ constant.numeric.cpp
    // a comment with } and {
//  ^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.double-slash.cpp
    /* block comment } */
//  ^^^^^^^^^^^^^^^^^^^^^ comment.block.cpp
    auto raw = R"x(a raw } string)x";
//             ^^^^^^^^^^^^^^^^^^^^^ string.quoted.double.raw.cpp
    if (big > 0) {
//               ^ punctuation.section.block.begin.bracket.curly.cpp
        for (int i = 0; i < 3; ++i) {
            if (i == 1) { emit(i); }
//                      ^ punctuation.section.block.begin.bracket.curly.cpp
//                                 ^ punctuation.section.block.end.bracket.curly.cpp
        }
//      ^ punctuation.section.block.end.bracket.curly.cpp meta.embedded.block.cpp
    }
//  ^ punctuation.section.block.end.bracket.curly.cpp
    out.push(2);
//  ^^^ meta.embedded.block.cpp
}
// <- punctuation.section.block.end.mpl - meta.embedded.block.cpp

// After the block, this is MPL again.
queue out: long
// <----- keyword.other.declaration.mpl - meta.embedded.block.cpp
//    ^^^ variable.other.declaration.mpl
stage sink(out) { for (long x : out) (void)x; }
//                                            ^ punctuation.section.block.end.mpl
param tail: long = 3
// <----- keyword.other.declaration.mpl - meta.embedded.block.cpp
cpp { extern "C" { int puts(const char*); } }
//    ^^^^^^ storage.type.extern.cpp meta.embedded.block.cpp
//           ^^^ string.quoted.double.cpp
//               ^ punctuation.section.block.begin.bracket.curly.cpp
//                                        ^ punctuation.section.block.end.bracket.curly.cpp
//                                          ^ punctuation.section.block.end.mpl
queue after_extern: long
// <----- keyword.other.declaration.mpl - meta.embedded.block.cpp
