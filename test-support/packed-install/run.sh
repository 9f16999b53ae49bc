#!/usr/bin/env bash
# The library as a user installs it: packs every package (each builds its dist on prepack), installs the tarballs
# into a fresh project outside the workspace with plain `npm install` (and the one setting that keeps
# onnxruntime-node from downloading CUDA files: ONNXRUNTIME_NODE_INSTALL=skip), then runs the README's library
# script (examples/library.mjs, plain JavaScript, no tsx) on a generated folder with the tiny test model, on each
# Node version given, and type-checks examples/library.ts with a strict tsc (skipLibCheck false).
#
#   bash test-support/packed-install/run.sh [node versions...]     e.g. 20 22 24; default: the current node only
# A version other than the current one runs through the `node` package of the npm registry (npx -y node@24).
set -euo pipefail
export npm_config_update_notifier=false
cd "$(dirname "$0")/../.."
repo=$(pwd)
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(current)

work=$(mktemp -d "${TMPDIR:-/tmp}/glimpse-install-XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "== packing the packages into $work/packs"
mkdir -p "$work/packs" "$work/project" "$work/pictures/trip"
npm pack --workspaces --pack-destination "$work/packs" --silent >/dev/null
ls "$work/packs"

echo "== installing them into a fresh project (outside the workspace)"
cd "$work/project"
cat >package.json <<'JSON'
{ "name": "glimpse-install-test", "private": true, "type": "module" }
JSON
ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund --loglevel=error "$work"/packs/*.tgz \
  typescript@5.9.3 @types/node@20.19.43
cp "$repo/examples/library.mjs" "$repo/examples/library.ts" .
for f in dist/index.js dist/index.d.ts; do
  test -f "node_modules/@glimpse/http-koa/$f" || { echo "FAIL: the installed package has no $f"; exit 1; }
done

echo "== a folder of pictures"
(cd "$repo" && node -e '
  const sharp = require("sharp");
  const [dir] = process.argv.slice(1);
  Promise.all([["trip/red.jpg", "#ff0000"], ["trip/green.jpg", "#00ff00"], ["blue.png", "#0000ff"]].map(([name, c]) =>
    sharp({ create: { width: 64, height: 48, channels: 3, background: c } }).toFile(`${dir}/${name}`)));
' "$work/pictures")
# An iPhone-style HEIC with a thumbnail: the installed HEIC worker embeds it from the thumbnail.
cp "$repo/test-support/fixtures/split-thumb.heic" "$work/pictures/trip/split.heic"

model="$work/project/node_modules/@glimpse/adapters-onnx/test-model/tiny-color-clip"
for v in "${versions[@]}"; do
  if [ "$v" = current ]; then node=(node); else node=(npx -y "node@$v"); fi
  echo "== the README's library script on Node $("${node[@]}" --version)"
  out=$(GLIMPSE_DATA_DIR="$work/data-$v" GLIMPSE_MODEL="$model" HOME="$work/home" \
    "${node[@]}" library.mjs "$work/pictures" red 2>&1) || { echo "$out"; echo "FAIL on Node $v"; exit 1; }
  echo "$out"
  grep -q "scanned 4 files: 4 new, 4 embedded, 0 failed" <<<"$out" || { echo "FAIL: the scan on Node $v"; exit 1; }
  ! grep -q "HEIC thumbnails cannot be read" <<<"$out" || { echo "FAIL: the HEIC worker cannot read thumbnails on Node $v"; exit 1; }
  first=$(grep -m1 -E '^[0-9]\.[0-9]{3}  ' <<<"$out" || true)
  [[ "$first" == *"/trip/red.jpg" ]] || { echo "FAIL: red.jpg is not the first result on Node $v"; exit 1; }
  again=$(GLIMPSE_DATA_DIR="$work/data-$v" HOME="$work/home" "${node[@]}" library.mjs "$work/pictures" green 2>&1)
  grep -q "scanned 4 files: 0 new, 0 embedded" <<<"$again" || { echo "$again"; echo "FAIL: the rescan on Node $v"; exit 1; }
  [[ "$(grep -m1 -E '^[0-9]\.[0-9]{3}  ' <<<"$again")" == *"/trip/green.jpg" ]] ||
    { echo "$again"; echo "FAIL: the index did not remember its model on Node $v"; exit 1; }
  # The CLI as installed runs its bundle (dist/cli-bundle), which finds its native and WebAssembly dependencies
  # and the other packages' workers and data from node_modules.
  test -f node_modules/@glimpse/http-koa/dist/cli-bundle/glimpse.js || { echo "FAIL: no CLI bundle"; exit 1; }
  cli=$(HOME="$work/home" "${node[@]}" node_modules/@glimpse/http-koa/bin/glimpse.js search red \
    --data-dir "$work/data-$v" 2>&1) || { echo "$cli"; echo "FAIL: glimpse search on Node $v"; exit 1; }
  [[ "$(grep -m1 -E '^[0-9]\.[0-9]{3}  ' <<<"$cli")" == *"/trip/red.jpg" ]] ||
    { echo "$cli"; echo "FAIL: glimpse search did not find red.jpg first on Node $v"; exit 1; }
  echo "glimpse search red (the installed CLI): $(grep -m1 -E '^[0-9]' <<<"$cli")"
done

echo "== a strict TypeScript build of the same (skipLibCheck false)"
cat >tsconfig.json <<'JSON'
{
  "compilerOptions": {
    "target": "ES2023",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "noUncheckedIndexedAccess": true,
    "exactOptionalPropertyTypes": true,
    "skipLibCheck": false,
    "noEmit": true,
    "types": ["node"]
  },
  "files": ["library.ts"]
}
JSON
npx tsc -p tsconfig.json
echo "== the packed packages install, run and type-check"
