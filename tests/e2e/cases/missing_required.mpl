// Params of every type, set on the command line in both spellings.
/// How many items.
param count: long = 5
/// A scale factor.
param scale: double = 1.5
/// Print more.
param verbose: bool = false
/// The name to greet.
param name: std::string
param small: unsigned = 7

stage show() {
    fmt::print("count={} scale={} verbose={} name={} small={}\n", count, scale, verbose, name, small);
}
