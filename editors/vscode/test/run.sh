#!/usr/bin/env bash
# run.sh NODE TEST.mjs — runs one test file, after installing the pinned npm packages
# (npm ci from package-lock.json) when scripts/setup has not, or when the lockfile is
# newer than the installed packages. A lock keeps tests run in parallel from installing
# at the same time.
set -euo pipefail
node=$1 test_file=$2
cd "$(dirname "$0")/.."
stale() {
  [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] ||
    [ ! -d node_modules/vscode-textmate ] || [ ! -d node_modules/vscode-oniguruma ] || [ ! -d node_modules/tm-grammars ] ||
    [ ! -d node_modules/vscode-languageclient ]
}
if stale; then
  exec 9>"${TMPDIR:-/tmp}/mpl-editors-vscode-npm-ci.lock"
  flock 9
  if stale; then
    echo "run.sh: npm ci in $PWD" >&2
    npm ci --no-audit --no-fund --loglevel=error >&2 ||
      { echo "run.sh: npm ci failed: the npm registry is needed once (scripts/setup --editors)" >&2; exit 1; }
  fi
  exec 9>&-
fi
exec "$node" --test "$test_file"
