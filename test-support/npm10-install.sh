#!/usr/bin/env bash
# A plain `npm install` of a clean clone with npm 10 (the npm that Node 20 and 22 ship): no warnings, and
# onnxruntime-node's CUDA download stays off (see .npmrc); then `npx glimpse --version` runs, again without a warning.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/glimpse-npm10-XXXXXX")
trap 'rm -rf "$work"' EXIT
git clone --quiet --no-local . "$work/clone"
cd "$work/clone"
export npm_config_update_notifier=false
log=$(npx -y npm@10.9.4 install --no-audit --no-fund 2>&1) || { echo "$log"; echo "FAIL: npm 10 install"; exit 1; }
echo "$log" | tail -3
if grep -i -E '^npm (warn|error)' <<<"$log"; then echo 'FAIL: npm 10 warned'; exit 1; fi
if ls node_modules/onnxruntime-node/bin/napi-v6/linux/x64/ | grep -q cuda; then
  echo 'FAIL: onnxruntime-node downloaded its CUDA files'
  exit 1
fi
version=$(npx -y npm@10.9.4 exec -- glimpse --version 2>&1)
[ "$version" = "glimpse 0.1.0" ] || { echo "$version"; echo 'FAIL: npx glimpse with npm 10'; exit 1; }
echo "== npm 10 installs without warnings or CUDA downloads, and runs glimpse"
