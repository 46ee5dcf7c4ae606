#!/bin/sh
# ctest -R compiler.graph_renders_with_dot: `mplc --graph` output must be accepted by
# Graphviz. Usage: render_graph.sh MPLC INPUT.mpl OUTPUT_DIR. Exits 77 (skipped) when
# `dot` is not installed.
set -eu
mplc=$1 input=$2 out=$3
if ! command -v dot >/dev/null 2>&1; then
  echo "dot (Graphviz) not found: skipped"
  exit 77
fi
mkdir -p "$out"
"$mplc" "$input" --graph -o "$out/graph.dot"
dot -Tsvg "$out/graph.dot" -o "$out/graph.svg" 2>"$out/dot.err"
if [ -s "$out/dot.err" ]; then
  cat "$out/dot.err" >&2
  exit 1
fi
grep -q "<svg" "$out/graph.svg"
