#!/usr/bin/env bash
# run.sh NODE TEST.mjs — runs one test file, after installing the pinned npm packages
# (package-lock.json) if scripts/setup has not.
set -euo pipefail
node=$1 test_file=$2
cd "$(dirname "$0")/.."
if [ ! -d node_modules/vscode-textmate ] || [ ! -d node_modules/vscode-oniguruma ]; then
  npm ci --no-audit --no-fund >&2
fi
exec "$node" --test "$test_file"
