#!/usr/bin/env bash
# run.sh BUILD_DIR SOURCE_DIR WORK_DIR
# Installs MPL from BUILD_DIR into a temporary prefix, then (1) builds a small consumer
# project with find_package(MPL) + mpl_add_executable and runs it, (2) checks that
# editing the .mpl file rebuilds the program, (3) compiles and runs an example with the
# installed mplc, which must find the installed runtime.
set -euo pipefail
build=$1 source=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" > "$work/install.log"

cp -r "$source/tests/package/consumer" "$work/consumer"
cmake -S "$work/consumer" -B "$work/consumer-build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" > "$work/configure.log"
cmake --build "$work/consumer-build" > "$work/build.log"
"$work/consumer-build/greet" > "$work/out1"
printf 'Hello, Ada!\nHello, Grace!\nHello, Barbara!\n' | diff -u - "$work/out1"

sed -i 's/"Barbara"/"Linus"/' "$work/consumer/greet.mpl"
cmake --build "$work/consumer-build" > "$work/rebuild.log"
"$work/consumer-build/greet" > "$work/out2"
printf 'Hello, Ada!\nHello, Grace!\nHello, Linus!\n' | diff -u - "$work/out2"

cd "$work"
"$prefix/bin/mplc" "$source/examples/squares.mpl" -o squares
./squares | diff -u "$source/examples/squares.out" -
echo "PASS: installed package, rebuild on .mpl change, installed mplc"
