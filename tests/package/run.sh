#!/usr/bin/env bash
# run.sh BUILD_DIR SOURCE_DIR WORK_DIR
# Installs MPL from BUILD_DIR into a temporary prefix, then (1) builds a small consumer
# project with find_package(MPL) + mpl_add_executable and runs it, (2) checks that
# editing the .mpl file rebuilds the program, (3) compiles and runs an example with the
# installed mplc, which must find the installed runtime; (4) when MPL was built with MPI,
# the MPI target of the consumer and `mplc --mpi` run under mpirun with the same output.
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
if [ -f "$prefix/lib/libmplrt-mpi.a" ] && command -v mpirun > /dev/null; then
  mpirun=(env OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
          mpirun --oversubscribe --mca btl tcp,self --mca btl_tcp_if_include lo -n 2)
  "${mpirun[@]}" "$work/consumer-build/greet_mpi" | diff -u "$work/out2" -
  "$prefix/bin/mplc" --mpi "$source/examples/squares.mpl" -o squares_mpi
  "${mpirun[@]}" ./squares_mpi | diff -u "$source/examples/squares.out" -
  echo "PASS: the MPI target and mplc --mpi of the installed package"
fi
echo "PASS: installed package, rebuild on .mpl change, installed mplc"
