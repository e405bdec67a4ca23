#!/usr/bin/env bash
# Runs every check wxrt has, in order, stopping at the first failure:
# formatting, lints (host and wasm32), host tests, browser tests of the glue in
# headless Chromium, a release build, and the end-to-end tests.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

bash "$ROOT/scripts/ensure-tools.sh"
# npm binaryen's wasm-opt first, so nothing falls back to Debian's or downloads one.
export PATH="$ROOT/node_modules/.bin:$PATH"

logs="$(mktemp -d "${TMPDIR:-/tmp}/wxrt-test.XXXXXX")"
trap 'rm -rf "$logs"' EXIT

# step NAME COMMAND...: announces the step, runs it, keeps its output for the summary.
step() {
  local name="$1"
  shift
  printf '\n==> %s\n' "$*"
  "$@" 2>&1 | tee "$logs/$name.log"
}

step fmt cargo fmt --all -- --check
step clippy-host cargo clippy --workspace --all-targets -- -D warnings
# Core's own tests are host tests (proptest has no wasm32 randomness), so on wasm32 its
# library is checked, with every target of the glue.
step clippy-wasm-core cargo clippy -p wxrt-core --lib --target wasm32-unknown-unknown -- -D warnings
step clippy-wasm-glue cargo clippy -p wxrt-wasm --all-targets --target wasm32-unknown-unknown -- -D warnings
step clippy-wasm-apis cargo clippy -p wxrt-wasm --lib --target wasm32-unknown-unknown --no-default-features --features apis -- -D warnings
step clippy-wasm-brotli cargo clippy -p wxrt-wasm --lib --target wasm32-unknown-unknown --no-default-features --features brotli -- -D warnings
step host cargo test --workspace

# wasm-bindgen-test-runner reads Chromium's flags from this file (it is looked up
# in the working directory unless named here).
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/crates/wasm/webdriver.json"
export WASM_BINDGEN_TEST_TIMEOUT=120
step browser wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver crates/wasm

step build env WXRT_SKIP_ENSURE=1 bash "$ROOT/scripts/build.sh"
step e2e npm run test:e2e

# Totals from the runners' own summaries: cargo and wasm-bindgen-test print
# "test result: ok. N passed; M failed; ...", node --test prints "# pass N" (TAP)
# or "ℹ pass N" (spec).
rust_counts() {
  sed -nE 's/^test result: [a-zA-Z]+\. ([0-9]+) passed; ([0-9]+) failed.*/\1 \2/p' "$1" |
    awk '{ p += $1; f += $2; n++ } END { if (n) print p, f }'
}
node_counts() {
  sed -nE 's/^(# |ℹ )(pass|fail) ([0-9]+)$/\2 \3/p' "$1" |
    awk '$1 == "pass" { p += $2; n++ } $1 == "fail" { f += $2 } END { if (n) print p, f + 0 }'
}
read -r host_pass host_fail < <(rust_counts "$logs/host.log") || true
read -r browser_pass browser_fail < <(rust_counts "$logs/browser.log") || true
read -r e2e_pass e2e_fail < <(node_counts "$logs/e2e.log") || true

printf '\n==> summary\n'
if [ -n "${host_pass:-}" ] && [ -n "${browser_pass:-}" ] && [ -n "${e2e_pass:-}" ]; then
  printf 'host %s passed, browser %s passed, end-to-end %s passed\n' "$host_pass" "$browser_pass" "$e2e_pass"
  printf '%s passed, %s failed\n' "$((host_pass + browser_pass + e2e_pass))" "$((host_fail + browser_fail + e2e_fail))"
else
  echo "all steps succeeded (see each runner's summary above)"
fi
