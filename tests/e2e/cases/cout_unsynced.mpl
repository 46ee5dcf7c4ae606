// std::ios::sync_with_stdio(false) in a body: std::cout still reaches stdout.
include <iostream>

stage hello() {
    std::ios::sync_with_stdio(false);
    std::cout << "hello from stage" << std::endl;
    std::cout << "second line\n";
}
after { std::cout << "after\n"; }
