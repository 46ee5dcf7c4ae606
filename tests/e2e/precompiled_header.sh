#!/usr/bin/env bash
# precompiled_header.sh MPLC EXAMPLES_DIR WORKDIR
# mplc builds a precompiled <mpl/mpl.hpp> once per compiler configuration in its cache,
# and GCC really uses it (-H marks a used precompiled header with '!'); MPL_NO_PCH=1
# and --no-pch turn it off; the programs are the same either way.
set -euo pipefail
mplc=$1 examples=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
expected=$(cat "$examples/squares.out")
count_pch() { find "$1" -name mpl.hpp.gch | wc -l; }

export XDG_CACHE_HOME="$work/cache"
"$mplc" "$examples/squares.mpl" -o "$work/first"
[ "$(count_pch "$XDG_CACHE_HOME")" = 1 ] || fail "no precompiled header in the cache after a build"
[ "$("$work/first")" = "$expected" ] || fail "wrong output with the precompiled header"

# -H lists the headers GCC reads; a precompiled header it uses is marked with '!'.
CXX=g++ "$mplc" --cxxflags=-H "$examples/squares.mpl" -o "$work/h1" 2> /dev/null
CXX=g++ "$mplc" --cxxflags=-H "$examples/squares.mpl" -o "$work/h2" 2> "$work/h2.err"
grep -q '^! .*mpl/mpl.hpp.gch' "$work/h2.err" || { head -5 "$work/h2.err" >&2; fail "GCC did not use the precompiled header"; }

before=$(count_pch "$XDG_CACHE_HOME")
MPL_NO_PCH=1 "$mplc" -O1 "$examples/squares.mpl" -o "$work/off1"
"$mplc" --no-pch -O3 "$examples/squares.mpl" -o "$work/off2"
[ "$(count_pch "$XDG_CACHE_HOME")" = "$before" ] || fail "a precompiled header was built with it turned off"
[ "$("$work/off1")" = "$expected" ] && [ "$("$work/off2")" = "$expected" ] || fail "wrong output without it"
echo "PASS: precompiled header built once, used, and optional"
