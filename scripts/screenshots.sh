#!/usr/bin/env bash
# Screenshots of the default theme for the README: builds the example site (the
# repository root) with the debug binary, serves public/ on 127.0.0.1, and
# captures the home page, an article and a tag page at 390 px and 1280 px wide,
# plus the article in the dark scheme, with headless Chromium.
#
# Usage: scripts/screenshots.sh [OUT_DIR]        (default: docs/screenshots)
# Needs: cargo, python3, chromium (Debian: apt-get install chromium).
# Environment: CHROMIUM (the browser binary), HEIGHT (viewport height, default 1500).
# The fonts are whatever the machine has: the theme uses system font stacks, so
# a machine with only DejaVu shows DejaVu (the committed images do).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-docs/screenshots}
HEIGHT=${HEIGHT:-1500}
# name:path:width[:dark]
SHOTS=(
  "home-390::390" "home-1280::1280"
  "article-390:articles/storm-damage/:390" "article-1280:articles/storm-damage/:1280"
  "tag-390:tags/port-aldwin/:390" "tag-1280:tags/port-aldwin/:1280"
  "article-1280-dark:articles/storm-damage/:1280:dark"
)

CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
[ -n "$CHROMIUM" ] || { echo "screenshots: no chromium found (apt-get install chromium)" >&2; exit 2; }

cargo run --quiet -- build --quiet

tmp=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2> /dev/null || true; wait "$server_pid" 2> /dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory public "$port" > "$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do
  python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' \
    "http://127.0.0.1:$port/" 2> /dev/null && break
  sleep 0.1
done

mkdir -p "$OUT"
for shot in "${SHOTS[@]}"; do
  IFS=: read -r name path width scheme <<< "$shot"
  flags=()
  [ "${scheme:-}" = dark ] && flags=(--force-dark-mode --blink-settings=preferredColorScheme=0)
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$tmp/profile-$name" --hide-scrollbars "${flags[@]}" \
    --window-size="$width,$HEIGHT" --screenshot="$OUT/$name.png" \
    "http://127.0.0.1:$port/$path" > /dev/null 2>&1
  echo "$OUT/$name.png"
done
