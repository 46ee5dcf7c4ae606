// Every declaration form of docs/language.md, "Declarations".
include <cmath>
// <------- keyword.control.include.mpl
//      ^^^^^^^ string.quoted.other.lt-gt.include.mpl
include "point.hpp"
//      ^^^^^^^^^^^ string.quoted.double.include.mpl

/// How many numbers to produce.
// <--- comment.line.documentation.mpl
param count: long = 5
// <----- keyword.other.declaration.mpl
//    ^^^^^ variable.other.declaration.mpl
//         ^ punctuation.separator.type.mpl
//           ^^^^ entity.name.type.mpl
//                ^ keyword.operator.assignment.mpl
//                  ^ constant.numeric.mpl
/// Help text for the next param.
// <--- comment.line.documentation.mpl
param input: std::string
//           ^^^ entity.name.type.mpl
//              ^^ punctuation.separator.scope.mpl
//                ^^^^^^ entity.name.type.mpl
param verbose: bool = false
//                    ^^^^^ constant.language.boolean.mpl
param ratio: double = -1.5e3
//                    ^^^^^^ constant.numeric.mpl
param greeting: std::string = "hello { world"
//                            ^^^^^^^^^^^^^^^ string.quoted.double.mpl - meta.embedded.block.cpp
param after_string: int = 1
// <----- keyword.other.declaration.mpl

queue numbers: long
// <----- keyword.other.declaration.mpl
//    ^^^^^^^ variable.other.declaration.mpl
//             ^^^^ entity.name.type.mpl
queue lines: std::string capacity 256
//                       ^^^^^^^^ keyword.other.capacity.mpl
//                                ^^^ constant.numeric.mpl
queue jobs: std::pair<int, double> capacity qsize
//          ^^^^^^^^^^^^^^^^^^^^^^ meta.type.mpl
//                   ^ punctuation.definition.template.mpl
//                    ^^^ entity.name.type.mpl
//                         ^^^^^^ entity.name.type.mpl
//                                 ^^^^^^^^ keyword.other.capacity.mpl
//                                          ^^^^^ variable.other.mpl
queue cells: std::array<char, 16>
//                            ^^ constant.numeric.mpl
queue sizes: unsigned long
//           ^^^^^^^^ entity.name.type.mpl
//                    ^^^^ entity.name.type.mpl
pipe control: int
// <---- keyword.other.declaration.mpl
//   ^^^^^^^ variable.other.declaration.mpl
//            ^^^ entity.name.type.mpl

shared hits: long = 0
// <------ keyword.other.declaration.mpl
//     ^^^^ variable.other.declaration.mpl
//                  ^ constant.numeric.mpl
shared hist: long[16]
//           ^^^^ entity.name.type.mpl
//               ^ punctuation.section.brackets.mpl
//                ^^ constant.numeric.mpl
//                  ^ punctuation.section.brackets.mpl
/* a block comment { with a brace */ queue spare: long
// <-------------------------------- comment.block.mpl - meta.embedded.block.cpp
//                                   ^^^^^ keyword.other.declaration.mpl
