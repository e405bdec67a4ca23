#!/usr/bin/env bash
# Builds everything, then previews the example mini-program (examples/todo) at http://127.0.0.1:${PORT:-8080}/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash "$ROOT/scripts/build.sh"
exec "$ROOT/target/release/wxrt" serve examples/todo --port "${PORT:-8080}" --runtime-dir "$ROOT"
