/* A block comment
   over several lines { with braces } */
// <----- comment.block.mpl
param n: long = 1 // trailing comment {
//                ^^^^^^^^^^^^^^^^^^^^^ comment.line.double-slash.mpl
stage s() /* between header and body */ {
//        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.block.mpl
//                                      ^ punctuation.section.block.begin.mpl
    /* a C++ comment
       { spanning lines */
//     ^ comment.block.cpp
}
// <- punctuation.section.block.end.mpl
