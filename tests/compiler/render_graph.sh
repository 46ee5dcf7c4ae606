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
# mplc renders through dot itself when -o asks for SVG or PNG, annotated or not.
"$mplc" "$input" --graph -o "$out/direct.svg"
grep -q "<svg" "$out/direct.svg"
stats=$(dirname "$input")/squares.stats.json
"$mplc" "$input" --graph --stats-from="$stats" -o "$out/annotated.png"
[ "$(head -c 8 "$out/annotated.png" | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ]
"$mplc" "$input" --graph --stats-from="$stats" -o "$out/annotated.svg"
grep -q "the bottleneck" "$out/annotated.svg"
# --stats-from needs --graph, and stats JSON.
if "$mplc" "$input" --stats-from="$stats" 2>/dev/null; then exit 1; fi
if "$mplc" "$input" --graph --stats-from="$input" 2>/dev/null; then exit 1; fi
# An image format mplc does not render is refused, not written as DOT text.
if "$mplc" "$input" --graph -o "$out/graph.jpg" 2>/dev/null; then exit 1; fi
[ ! -e "$out/graph.jpg" ]
# Figures of the wrong type or sign are refused, not drawn as 0.
if "$mplc" "$input" --graph --stats-from="$(dirname "$input")/squares.bad-types.stats.json" 2>/dev/null; then exit 1; fi
