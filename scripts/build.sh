#!/usr/bin/env bash
# Builds the WebAssembly package into pkg/ (wasm-pack, optimised by npm binaryen's
# wasm-opt) and the `wxrt` dev server into target/release/.
# Set WXRT_SKIP_ENSURE=1 to skip the tool check (test.sh does, having run it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if [ "${WXRT_SKIP_ENSURE:-0}" != 1 ]; then
  bash "$ROOT/scripts/ensure-tools.sh"
fi

# wasm-pack runs the first wasm-opt on PATH. It must be binaryen from npm:
# Debian's older wasm-opt silently breaks wasm-bindgen's output.
export PATH="$ROOT/node_modules/.bin:$PATH"
wasm_opt="$(command -v wasm-opt || true)"
if [ "$wasm_opt" != "$ROOT/node_modules/.bin/wasm-opt" ]; then
  echo "build: error: wasm-opt on PATH is '${wasm_opt:-missing}', expected $ROOT/node_modules/.bin/wasm-opt" >&2
  echo "build: run 'npm install' (it provides binaryen's wasm-opt)" >&2
  exit 1
fi
echo "build: using $wasm_opt ($(wasm-opt --version))"

# One build at a time: concurrent wasm-pack runs race on pkg/ and its temp files.
mkdir -p "$ROOT/target"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$ROOT/target/.wxrt-build.lock"
  flock 9
fi

echo "build: wasm-pack build crates/wasm -> pkg/"
wasm-pack build crates/wasm --release --target web \
  --out-dir ../../pkg --out-name wxrt_wasm --no-pack
# pkg/ is served and packed as part of the root npm package, not as its own package.
rm -f pkg/.gitignore pkg/README.md pkg/package.json

# The tools, apart: the project compiler and the in-page WeChat stand-in. The dev server
# compiles natively and stands in for WeChat itself, so only a runtime without a server
# (createRuntime given bare sources, or no wechat.server) loads this build.
echo "build: wasm-pack build crates/wasm --features tools -> pkg/tools/"
wasm-pack build crates/wasm --release --target web \
  --out-dir ../../pkg/tools --out-name wxrt_tools --no-pack -- --features tools
rm -f pkg/tools/.gitignore pkg/tools/README.md pkg/tools/package.json

# The rules of the wx API families pages load on first use (files, permissions, location,
# ...), apart, so a page that never calls them never downloads them. It ends beside the
# boot build in pkg/, where its glue finds the wasm whether bundled into a preview chunk
# (in pkg/) or not; it is built in a folder of its own because wasm-pack optimises every
# wasm file in its output folder.
echo "build: wasm-pack build crates/wasm --features apis -> pkg/wxrt_apis*"
wasm-pack build crates/wasm --release --target web \
  --out-dir ../../pkg/apis --out-name wxrt_apis --no-pack -- --no-default-features --features apis
mv -f pkg/apis/wxrt_apis.js pkg/apis/wxrt_apis.d.ts pkg/apis/wxrt_apis_bg.wasm pkg/apis/wxrt_apis_bg.wasm.d.ts pkg/
rm -rf pkg/apis
echo "build: wasm-pack build crates/wasm --features brotli -> pkg/wxrt_brotli*"
wasm-pack build crates/wasm --release --target web \
  --out-dir ../../pkg/brotli --out-name wxrt_brotli --no-pack -- --no-default-features --features brotli
mv -f pkg/brotli/wxrt_brotli.js pkg/brotli/wxrt_brotli.d.ts pkg/brotli/wxrt_brotli_bg.wasm pkg/brotli/wxrt_brotli_bg.wasm.d.ts pkg/
rm -rf pkg/brotli

# The preview boots from one file: ten module requests cost a cold first visit more than
# everything else together. The sources in www/ stay what the npm package ships.
# The tools the preview never needs (the server compiles) land in a chunk of their own,
# as do the workbench's panels and each feature a page may not use (www/render/features.js),
# named after their module. All sit in pkg/, beside the wasm the glue finds relative to
# the script.
#
# Every preview script opens with V8's compile hint: nearly all of a script the preview
# loads runs as soon as it loads, so V8 compiles it whole while it streams in, off the
# main thread, instead of function by function on the main thread at first call. To
# other engines it is a comment. Measured: todo's boot 15 ms sooner (README, "Speed and
# size").
echo "build: rolldown www/preview/preview.js -> pkg/wxrt-preview.js"
rm -f pkg/preview-chunk-*
"$ROOT/node_modules/.bin/rolldown" www/preview/preview.js --dir pkg --entry-file-names wxrt-preview.js \
  --chunk-file-names 'preview-chunk-[name]-[hash].js' --format esm --platform browser --minify --sourcemap \
  --postBanner '//# allFunctionsCalledOnLoad' >/dev/null

echo "build: cargo build --release -p wxrt-cli"
cargo build --release -p wxrt-cli

size() { wc -c <"$1" | tr -d ' '; }
gzsize() { gzip -9 -c "$1" | wc -c | tr -d ' '; }
for file in pkg/wxrt_wasm_bg.wasm pkg/wxrt_wasm.js pkg/wxrt-preview.js; do
  printf 'build: %-22s %8s bytes (%s gzipped)\n' "$file" "$(size "$file")" "$(gzsize "$file")"
done
