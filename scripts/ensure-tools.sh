#!/usr/bin/env bash
# Installs what building and testing wxrt needs, skipping every step that is
# already satisfied. Safe to run again and again; build.sh, start.sh and test.sh
# run it first. Nothing here downloads a browser: Chromium comes from apt.
set -euo pipefail

WASM_BINDGEN_VERSION=0.2.130 # must equal the `wasm-bindgen = "=…"` pin in crates/wasm/Cargo.toml
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$CARGO_BIN:$PATH"

say() { printf 'ensure-tools: %s\n' "$*"; }
die() { printf 'ensure-tools: error: %s\n' "$*" >&2; exit 1; }

# `cargo install --locked` uses the crate's own lockfile, which can pin versions a
# registry mirror lacks; then the resolver's choice is the next best thing.
cargo_install() {
  cargo install "$@" --locked || {
    say "locked install of $1 failed; retrying without --locked"
    cargo install "$@"
  }
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run: $* (no sudo available)"
  fi
}

command -v cargo >/dev/null 2>&1 || die "cargo not found; install Rust with rustup first (https://rustup.rs)"
command -v rustup >/dev/null 2>&1 || die "rustup not found; it is needed to add the wasm32 target"

# (a) the WebAssembly compilation target
if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
  say "rust target wasm32-unknown-unknown: installed, skipping"
else
  say "rust target wasm32-unknown-unknown: adding"
  rustup target add wasm32-unknown-unknown
fi

# (b) the wasm-bindgen CLI, at exactly the version the glue crate pins
if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "wasm-bindgen $WASM_BINDGEN_VERSION: installed, skipping"
else
  say "wasm-bindgen $WASM_BINDGEN_VERSION: installing with cargo install (takes a few minutes)"
  cargo_install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# (c) wasm-pack
if command -v wasm-pack >/dev/null 2>&1; then
  say "wasm-pack: installed ($(wasm-pack --version)), skipping"
else
  say "wasm-pack: installing with cargo install (takes a few minutes)"
  cargo_install wasm-pack
fi

# (d) Chromium and its WebDriver, for the browser and end-to-end tests
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  say "chromium + chromedriver: installed, skipping"
else
  command -v apt-get >/dev/null 2>&1 ||
    die "chromium or chromedriver missing from /usr/bin and apt-get is not available to install them"
  say "chromium + chromedriver: installing with apt-get"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
fi

# (e) npm packages (binaryen's wasm-opt, playwright-core, typescript, ...)
command -v npm >/dev/null 2>&1 || die "npm not found; install Node.js 20 or newer"
stamp="$ROOT/node_modules/.wxrt-installed"
needs_npm=""
if [ ! -e "$stamp" ]; then
  needs_npm="node_modules missing"
elif [ "$ROOT/package.json" -nt "$stamp" ]; then
  needs_npm="package.json changed"
elif [ -e "$ROOT/package-lock.json" ] && [ "$ROOT/package-lock.json" -nt "$stamp" ]; then
  needs_npm="package-lock.json changed"
fi
if [ -z "$needs_npm" ]; then
  say "npm packages: up to date, skipping"
elif [ -e "$ROOT/package-lock.json" ]; then
  say "npm packages: $needs_npm; running npm ci"
  (cd "$ROOT" && npm ci --no-audit --no-fund)
  touch "$stamp"
else
  say "npm packages: $needs_npm; running npm install"
  (cd "$ROOT" && npm install --no-audit --no-fund)
  touch "$stamp"
fi
