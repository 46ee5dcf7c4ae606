#!/usr/bin/env bash
# run_case.sh MPLC CASE.mpl WORKDIR
# Compiles CASE.mpl with mplc, runs it, and checks what the files next to it say:
#   CASE.out           expected stdout, exactly
#   CASE.sorted.out    expected stdout after `sort` (processes print in any order)
#   CASE.mplc-args     extra arguments for mplc (one line, shell words)
#   CASE.args          command-line arguments for the program (one line, shell words)
#   CASE.in            standard input for the program
#   CASE.status        expected exit status of the program (default 0)
#   CASE.err           extended regexes, one per line, each must match a line of stderr
#   CASE.mplc-status   expected exit status of mplc itself; when given and non-zero,
#                      the program is not run and CASE.err applies to mplc's stderr
#   CASE.first-error   an extended regex the first line of mplc's stderr that says
#                      "error:" must match (what a user reads first)
# Every file mplc's messages name (FILE:LINE:…, "FILE: In …", "included from FILE:…")
# must exist when mplc has finished: never a deleted temporary file.
#   CASE.check         extra bash run after the program with $OUT, $ERR, $STATUS and
#                      $PROGRAM (the executable) set
# Every run also checks that no process of the program outlives it.
#
# MPL_E2E_MPLC_ARGS: more arguments for mplc (shell words), before CASE.mplc-args.
#
# With MPL_E2E_MPI_RANKS="2 3" the program is built with `mplc --mpi` and run under
# `mpirun -n 2`, then `-n 3` (TCP between ranks on this host), and every check above
# applies to each run (docs/distributed.md: the same file gives the same output).
set -uo pipefail
export LC_ALL=C
mplc=$1 case=$2 work=$3
base=${case%.mpl}
name=$(basename "$base")
mkdir -p "$work"
fail() { echo "FAIL [$name]: $*" >&2; exit 1; }

expect_mplc=0
[ -f "$base.mplc-status" ] && expect_mplc=$(cat "$base.mplc-status")
eval "mplc_args=(${MPL_E2E_MPLC_ARGS:-})"
[ -f "$base.mplc-args" ] && eval "mplc_args+=($(cat "$base.mplc-args"))"
mpi_ranks=${MPL_E2E_MPI_RANKS:-}
[ -n "$mpi_ranks" ] && mplc_args+=(--mpi)
( cd "$(dirname "$case")" && "$mplc" "${mplc_args[@]}" "$(basename "$case")" -o "$work/$name" ) 2> "$work/mplc.err"
status=$?
if [ "$status" != "$expect_mplc" ]; then
  cat "$work/mplc.err" >&2
  fail "mplc exited $status, expected $expect_mplc"
fi
check_stderr() {
  [ -f "$base.err" ] || return 0
  while IFS= read -r pattern; do
    [ -z "$pattern" ] && continue
    grep -Eq -- "$pattern" "$1" || { echo "--- stderr:" >&2; cat "$1" >&2; fail "stderr has no line matching: $pattern"; }
  done < "$base.err"
}
named_files() {
  sed -nE -e 's/^(In file included from|[[:space:]]+from) ([^:]+):[0-9]+[:,].*/\2/p' \
          -e 's/^([^ :][^:]*):[0-9]+:[0-9]+: .*/\1/p' -e 's/^([^ :][^:]*): In .*/\1/p' "$1" | sort -u
}
while IFS= read -r named; do
  [ -z "$named" ] && continue
  ( cd "$(dirname "$case")" && [ -e "$named" ] ) ||
    { cat "$work/mplc.err" >&2; fail "mplc's messages name '$named', which does not exist"; }
done < <(named_files "$work/mplc.err")
if [ -f "$base.first-error" ]; then
  first=$(grep -m1 -- 'error:' "$work/mplc.err")
  grep -Eq -- "$(cat "$base.first-error")" <<< "$first" ||
    { echo "--- stderr:" >&2; cat "$work/mplc.err" >&2; fail "first error line does not match $name.first-error: $first"; }
fi
if [ "$expect_mplc" != 0 ]; then
  check_stderr "$work/mplc.err"
  echo "PASS [$name]: mplc failed as expected"
  exit 0
fi

args=()
[ -f "$base.args" ] && eval "args=($(cat "$base.args"))"
stdin=/dev/null
[ -f "$base.in" ] && stdin="$base.in"

# One run of the program (under mpirun with $1 ranks when given) and every check.
run_and_check() {
  local launcher=() label=$name
  if [ -n "${1:-}" ]; then
    # TCP on loopback only (docs/distributed.md, "On one host").
    launcher=(mpirun --oversubscribe --mca btl tcp,self --mca btl_tcp_if_include lo -n "$1")
    label="$name, $1 ranks"
  fi
  tag="mpl-e2e-$name-$$-$RANDOM"   # in the program's environment only, not this script's
  OUT="$work/stdout" ERR="$work/stderr"
  timeout -s KILL 60 env MPL_E2E_TAG="$tag" "${launcher[@]}" "$work/$name" "${args[@]}" < "$stdin" > "$OUT" 2> "$ERR"
  STATUS=$?
  [ "$STATUS" = 137 ] && fail "timed out (killed after 60 s) [$label]"

  # No process of the program may outlive it (docs/programs.md).
  leftover=""
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    leftover=$(grep -lz "MPL_E2E_TAG=$tag" /proc/[0-9]*/environ 2>/dev/null | tr -dc '0-9\n/' | cut -d/ -f3 | tr '\n' ' ')
    [ -z "$leftover" ] && break
    sleep 0.1
  done
  [ -z "$leftover" ] || fail "processes left behind: $leftover [$label]"

  expect_status=0
  [ -f "$base.status" ] && expect_status=$(cat "$base.status")
  if [ "$STATUS" != "$expect_status" ]; then
    echo "--- stderr:" >&2; cat "$ERR" >&2
    fail "exit status $STATUS, expected $expect_status [$label]"
  fi
  if [ -f "$base.out" ]; then
    diff -u "$base.out" "$OUT" >&2 || fail "stdout differs from $name.out [$label]"
  fi
  if [ -f "$base.sorted.out" ]; then
    sort "$OUT" | diff -u "$base.sorted.out" - >&2 || fail "sorted stdout differs from $name.sorted.out [$label]"
  fi
  check_stderr "$ERR"
  if [ -f "$base.check" ]; then
    PROGRAM="$work/$name"
    export OUT ERR STATUS PROGRAM
    bash -euo pipefail "$base.check" || fail "$name.check failed [$label]"
  fi
}

if [ -n "$mpi_ranks" ]; then
  for ranks in $mpi_ranks; do run_and_check "$ranks"; done
else
  run_and_check
fi
echo "PASS [$name]"
