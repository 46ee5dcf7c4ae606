#!/usr/bin/env bash
# concurrent_run.sh MPLC WORKDIR [FAST_ROUNDS]
# 8 `mplc run`s of the same new file at once must all build, publish into the cache and
# run the program. BuildCache::publish once removed an entry that another mplc had just
# published and was about to exec ("cannot run …: No such file or directory").
#   1. one round with the real C++ compiler, in a fresh cache (the precompiled header
#      is built and published concurrently too);
#   2. FAST_ROUNDS (default 20) rounds with a stand-in compiler that copies a prebuilt
#      program and holds all 8 builds until each has started, so that the 8 publishes
#      land within milliseconds of each other: the race, every round.
set -uo pipefail
mplc=$(realpath "$1") work=$2 fast_rounds=${3:-20}
runs=8
rm -rf "$work" && mkdir -p "$work"
work=$(realpath "$work")
fail() { echo "FAIL: $*" >&2; exit 1; }

# race ROUND EXPECTED: 8 concurrent runs of $work/race.mpl, each must print EXPECTED.
race() {
  local round=$1 expected=$2 pids=() i status
  for i in $(seq 1 "$runs"); do
    "$mplc" run "$work/race.mpl" > "$work/out.$i" 2> "$work/err.$i" &
    pids+=($!)
  done
  for i in $(seq 1 "$runs"); do
    wait "${pids[$((i - 1))]}"
    status=$?
    if [ "$status" != 0 ]; then
      cat "$work/err.$i" >&2
      fail "round $round: mplc run $i of $runs exited $status"
    fi
    [ "$(cat "$work/out.$i")" = "$expected" ] || fail "round $round: run $i printed '$(cat "$work/out.$i")'"
  done
  local leftovers
  leftovers=$(find "$XDG_CACHE_HOME" -maxdepth 2 \( -name '*.tmp*' -o -name '*.old*' \) | wc -l)
  [ "$leftovers" = 0 ] || fail "round $round: staging folders left in the cache"
}

write_program() {  # a new file content each round: a new cache entry
  cat > "$work/race.mpl" <<MPL
// round $1
queue numbers: long
stage produce() -> numbers { for (long i = 1; i <= 3; ++i) emit(i); }
stage consume(numbers) { long sum = 0; while (auto v = numbers.pop()) sum += *v; std::printf("%ld\n", sum); }
MPL
}

export XDG_CACHE_HOME="$work/cache-real"
write_program real
race real 6

# The stand-in compiler: a precompiled header is an empty file; a program is a copy of
# the one built above, with the dependency file -MD would write.
prebuilt=$(find "$XDG_CACHE_HOME/mpl" -maxdepth 2 -type f -name race | head -1)
[ -n "$prebuilt" ] || fail "no program in the cache after the real round"
cp "$prebuilt" "$work/prebuilt"
cat > "$work/fakecxx" <<'SH'
#!/usr/bin/env bash
out= dep= cpp=
while [ $# -gt 0 ]; do
  case $1 in
    -o) out=$2; shift ;;
    -MF) dep=$2; shift ;;
    *.cpp) cpp=$1 ;;
  esac
  shift
done
if [ -z "$dep" ]; then : > "$out"; exit 0; fi   # the precompiled header
touch "$FAKE_BARRIER/$$"
for _ in $(seq 1 500); do
  [ "$(ls "$FAKE_BARRIER" | wc -l)" -ge "$FAKE_RUNS" ] && break
  sleep 0.01
done
cp "$FAKE_PREBUILT" "$out"
echo "$out: $cpp" > "$dep"
SH
chmod +x "$work/fakecxx"
export CXX="$work/fakecxx" FAKE_PREBUILT="$work/prebuilt" FAKE_RUNS=$runs
for round in $(seq 1 "$fast_rounds"); do
  export XDG_CACHE_HOME="$work/cache-fast" FAKE_BARRIER="$work/barrier$round"
  mkdir -p "$FAKE_BARRIER"
  write_program "$round"
  race "$round" 6
done
echo "PASS: $((fast_rounds + 1)) rounds of $runs concurrent 'mplc run's of a new file"
