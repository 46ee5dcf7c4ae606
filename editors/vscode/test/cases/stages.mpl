// Stages and pools (docs/language.md): headers are MPL, bodies are C++.
stage produce() -> numbers {
// <----- keyword.other.declaration.mpl
//    ^^^^^^^ entity.name.function.mpl
//           ^ punctuation.definition.inputs.begin.mpl
//              ^^ keyword.operator.arrow.mpl
//                 ^^^^^^^ variable.other.queue.mpl - meta.embedded.block.cpp
//                         ^ punctuation.section.block.begin.mpl
    for (long i = 1; i <= count; ++i) emit(i);
//  ^^^ keyword.control.cpp meta.embedded.block.cpp
//       ^^^^ storage.type.cpp
//                ^ constant.numeric.cpp
}
// <- punctuation.section.block.end.mpl - meta.embedded.block.cpp

pool square[4](x: numbers) -> squares ordered retry 3 {
// <---- keyword.other.declaration.mpl
//   ^^^^^^ entity.name.function.mpl
//         ^ punctuation.definition.replicas.begin.mpl
//          ^ constant.numeric.mpl
//             ^ variable.parameter.binding.mpl
//              ^ punctuation.separator.binding.mpl
//                ^^^^^^^ variable.other.queue.mpl
//                         ^^ keyword.operator.arrow.mpl
//                            ^^^^^^^ variable.other.queue.mpl
//                                    ^^^^^^^ storage.modifier.mpl
//                                            ^^^^^ storage.modifier.mpl
//                                                  ^ constant.numeric.mpl
    emit(x * x);
//  ^^^^ meta.embedded.block.cpp
}

pool halve[workers](x: numbers) -> low, high unordered {
//         ^^^^^^^ variable.other.param.mpl
//                                 ^^^ variable.other.queue.mpl
//                                    ^ punctuation.separator.comma.mpl
//                                      ^^^^ variable.other.queue.mpl
//                                           ^^^^^^^^^ storage.modifier.mpl
    if (x % 2) low.push(x); else high.push(x);
}

stage report[2](squares, extra) {
//           ^ constant.numeric.mpl
//              ^^^^^^^ variable.other.queue.mpl
//                     ^ punctuation.separator.comma.mpl
//                       ^^^^^ variable.other.queue.mpl
    for (long s : squares) fmt::print("{}\n", s);
//                                    ^^^^^^ string.quoted.double.cpp
}

stage idle() {
}
// <- punctuation.section.block.end.mpl

cpp { struct Point { double x, y; }; }
// <--- keyword.other.declaration.mpl
//  ^ punctuation.section.block.begin.mpl
//    ^^^^^^ storage.type.cpp meta.embedded.block.cpp
//                 ^ punctuation.section.block.begin.bracket.curly.cpp
//                                ^ punctuation.section.block.end.bracket.curly.cpp
//                                   ^ punctuation.section.block.end.mpl
before { fmt::print("starting\n"); }
// <------ keyword.other.declaration.mpl
after {
// <----- keyword.other.declaration.mpl
    fmt::print("done\n");
}
queue after_blocks: long
// <----- keyword.other.declaration.mpl - meta.embedded.block.cpp
