// Headers split over lines, declarations sharing a line, lambdas and templates in C++.
stage split_header
// <----- keyword.other.declaration.mpl
//    ^^^^^^^^^^^^ entity.name.function.mpl
    [2]
//   ^ constant.numeric.mpl
    (inbox)
//   ^^^^^ variable.other.queue.mpl
    -> outbox
//  ^^ keyword.operator.arrow.mpl
//     ^^^^^^ variable.other.queue.mpl
{
// <- punctuation.section.block.begin.mpl
    auto twice = [](long v) { return 2 * v; };
//                          ^ punctuation.section.block.begin.bracket.curly.cpp
//                                   ^ constant.numeric.cpp
//                                          ^ punctuation.section.block.end.bracket.curly.cpp
    std::vector<std::pair<int, long>> pairs{{1, 2}, {3, 4}};
//                                         ^ punctuation.section.block.begin.bracket.curly.cpp
    for (long v : inbox) outbox.push(twice(v));
}
// <- punctuation.section.block.end.mpl
queue inbox: long queue outbox: long
// <----- keyword.other.declaration.mpl
//                ^^^^^ keyword.other.declaration.mpl
//                      ^^^^^^ variable.other.declaration.mpl
//                              ^^^^ entity.name.type.mpl
stage first() -> inbox { emit(1L); } stage last(outbox) { }
//                                   ^^^^^ keyword.other.declaration.mpl - meta.embedded.block.cpp
//                                         ^^^^ entity.name.function.mpl
include <vector>
// <------- keyword.control.include.mpl
// A header still being typed does not take the next declaration into it.
stage unfinished(numbers) -> out
queue after_unfinished: long
// <----- keyword.other.declaration.mpl - meta.stage.header.mpl
//    ^^^^^^^^^^^^^^^^ variable.other.declaration.mpl
stage unclosed(numbers -> out
queue after_unclosed: long
// <----- keyword.other.declaration.mpl - meta.stage.header.mpl meta.inputs.mpl
pool unclosed_replicas[4 {
//                       ^ punctuation.section.block.begin.mpl - meta.replicas.mpl
}
// <- punctuation.section.block.end.mpl
