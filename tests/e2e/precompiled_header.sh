#!/usr/bin/env bash
# precompiled_header.sh MPLC EXAMPLES_DIR WORKDIR [CXX]
# mplc builds a precompiled <mpl/mpl.hpp> once per compiler configuration in its cache
# (GCC's mpl.hpp.gch, or clang's mpl.hpp.pch when CXX is clang), and the compiler really
# uses it; MPL_NO_PCH=1 and --no-pch turn it off; the programs are the same either way.
set -euo pipefail
mplc=$1 examples=$2 work=$3
export CXX=${4:-g++}
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
expected=$(cat "$examples/squares.out")
case $CXX in *clang*) kind=pch ;; *) kind=gch ;; esac
count_pch() { find "$1" -name "mpl.hpp.$kind" | wc -l; }

export XDG_CACHE_HOME="$work/cache"
"$mplc" "$examples/squares.mpl" -o "$work/first"
[ "$(count_pch "$XDG_CACHE_HOME")" = 1 ] || fail "no precompiled header (mpl.hpp.$kind) in the cache after a build"
[ "$("$work/first")" = "$expected" ] || fail "wrong output with the precompiled header"

# -H lists the headers the compiler reads. GCC marks a precompiled header it uses with
# '!'; clang lists none of the headers that came precompiled (mpl/cli.hpp is read only
# through mpl/mpl.hpp), and lists them all without it.
"$mplc" --cxxflags=-H "$examples/squares.mpl" -o "$work/h1" 2> /dev/null
"$mplc" --cxxflags=-H "$examples/squares.mpl" -o "$work/h2" 2> "$work/h2.err"
"$mplc" --cxxflags=-H --no-pch "$examples/squares.mpl" -o "$work/h3" 2> "$work/h3.err"
grep -q 'mpl/cli\.hpp' "$work/h3.err" || { head -5 "$work/h3.err" >&2; fail "-H lists no mpl/cli.hpp without the precompiled header"; }
if [ $kind = gch ]; then
  grep -q '^! .*mpl/mpl.hpp.gch' "$work/h2.err" || { head -5 "$work/h2.err" >&2; fail "GCC did not use the precompiled header"; }
else
  ! grep -q 'mpl/cli\.hpp' "$work/h2.err" || { grep 'mpl/' "$work/h2.err" | head -5 >&2; fail "clang read the runtime's headers instead of the precompiled header"; }
fi

# Never a build that fails only because of it: behind a compiler launcher ($CXX's first
# word is not the compiler, as with ccache); with clang, which refuses a .pch made with
# other options or from headers that changed since, also with --static (a predefined
# macro) and after a header given with -include changed.
printf '#!/bin/sh\nexec "$@"\n' > "$work/launcher" && chmod +x "$work/launcher"
CXX="$work/launcher $CXX" "$mplc" "$examples/squares.mpl" -o "$work/launched" ||
  fail "the build behind a launcher failed"
[ "$("$work/launched")" = "$expected" ] || fail "wrong output behind a launcher"
if [ $kind = pch ]; then
  "$mplc" --static "$examples/squares.mpl" -o "$work/static" || fail "the --static build failed"
  [ "$("$work/static")" = "$expected" ] || fail "wrong output with --static"
  cat > "$work/user.mpl" <<'MPL'
queue numbers: long
stage produce() -> numbers { emit(USER_VALUE); }
stage consume(numbers) { for (long x : numbers) fmt::print("{}\n", x); }
MPL
  echo '#define USER_VALUE 1L' > "$work/user.h"
  "$mplc" --cxxflags="-include $work/user.h" "$work/user.mpl" -o "$work/user1" || fail "the -include build failed"
  sleep 1
  echo '#define USER_VALUE 2L' > "$work/user.h"
  "$mplc" --cxxflags="-include $work/user.h" "$work/user.mpl" -o "$work/user2" ||
    fail "the build failed after a header the precompiled header was made from changed"
  [ "$("$work/user1")" = 1 ] && [ "$("$work/user2")" = 2 ] || fail "the changed header was not read"
fi

before=$(count_pch "$XDG_CACHE_HOME")
MPL_NO_PCH=1 "$mplc" -O1 "$examples/squares.mpl" -o "$work/off1"
"$mplc" --no-pch -O3 "$examples/squares.mpl" -o "$work/off2"
[ "$(count_pch "$XDG_CACHE_HOME")" = "$before" ] || fail "a precompiled header was built with it turned off"
[ "$("$work/off1")" = "$expected" ] && [ "$("$work/off2")" = "$expected" ] || fail "wrong output without it"
echo "PASS: precompiled header ($CXX) built once, used, and optional"
