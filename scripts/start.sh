#!/usr/bin/env bash
# Builds everything, then previews the example mini-program (examples/todo) at
# http://127.0.0.1:${PORT:-8080}/, with its own backend (examples/todo/backend/server.mjs)
# on ${BACKEND_PORT:-PORT+1}; the app logs in through it and wxrt's WeChat stand-in, and
# WeChat's prefetch (played by wxrt serve) gets the day's tip from it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash "$ROOT/scripts/build.sh"

PORT="${PORT:-8080}"
BACKEND_PORT="${BACKEND_PORT:-$((PORT + 1))}"
node examples/todo/backend/server.mjs --port "$BACKEND_PORT" --wechat "http://127.0.0.1:$PORT" &
backend=$!
trap 'kill "$backend" 2>/dev/null || true' EXIT INT TERM

if [ "$BACKEND_PORT" != 8081 ]; then
  echo "start: the app's backend is not on its default port; open http://127.0.0.1:$PORT/?query=backend%3Dhttp%3A%2F%2F127.0.0.1%3A$BACKEND_PORT"
fi
"$ROOT/target/release/wxrt" serve examples/todo --port "$PORT" --runtime-dir "$ROOT" \
  --prefetch-url "http://127.0.0.1:$BACKEND_PORT/prefetch"
