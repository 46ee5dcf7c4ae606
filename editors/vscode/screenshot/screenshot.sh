#!/usr/bin/env bash
# Regenerates editors/screenshot.png from examples/squares.mpl: installs the pinned
# grammar and theme packages (package-lock.json) and needs Debian's chromium.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
(cd "$here/.." && [ -d node_modules/vscode-textmate ] || npm ci --no-audit --no-fund)
(cd "$here" && [ -d node_modules/tm-grammars ] || npm ci --no-audit --no-fund)
node "$here/screenshot.mjs" "$repo/examples/squares.mpl" "$repo/editors/screenshot.png"
