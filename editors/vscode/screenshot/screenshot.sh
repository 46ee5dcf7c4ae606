#!/usr/bin/env bash
# Regenerates editors/screenshot.png from examples/primes.mpl (or the file given):
# installs the pinned npm packages (../package-lock.json) when missing and needs
# Debian's chromium (apt-get install chromium), or CHROMIUM=/path/to/chrome.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
(cd "$here/.." && { [ -d node_modules/tm-themes ] && [ -d node_modules/tm-grammars ]; } || npm ci --no-audit --no-fund)
node "$here/screenshot.mjs" "${1:-$repo/examples/primes.mpl}" "$repo/editors/screenshot.png"
