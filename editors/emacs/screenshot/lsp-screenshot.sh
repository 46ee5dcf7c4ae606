#!/usr/bin/env bash
# lsp-screenshot.sh [MPLC] — makes editors/lsp-screenshot.png: Emacs with eglot and
# `mplc lsp` in a 150x26 tmux terminal, captured with its colours (capture-pane -e) and
# rendered by render_ansi.py (needs tmux, emacs, elpa-eglot and python3-pil).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mplc=${1:-mplc}
session=mpl-lsp-screenshot-$$
work=$(mktemp -d)
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT
cp "$here/demo.mpl" "$work/squares.mpl"
tmux new-session -d -s "$session" -x 150 -y 26 \
  "TERM=xterm-256color MPL_MPLC='$mplc' emacs -nw -Q -L '$here/..' -l '$here/lsp-screenshot.el' '$work/squares.mpl'"
sleep 9
tmux capture-pane -e -p -t "$session" > "$work/screen.ansi"
"${PYTHON:-/usr/bin/python3}" "$here/render_ansi.py" "$work/screen.ansi" "$here/../../lsp-screenshot.png"
