#!/usr/bin/env bash
# Builds the console's pages into $1 (run by `mvn package` through console/pom.xml): installs the
# locked npm packages when node_modules is missing or older than package-lock.json, then Vite.
set -euo pipefail
cd "$(dirname "$0")"
out="$1"
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npx vite build --logLevel warn --emptyOutDir --outDir "$out"
