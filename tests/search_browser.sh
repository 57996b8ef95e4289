#!/usr/bin/env bash
# The search page in a real browser: builds tests/search/site, serves it on
# 127.0.0.1 with `python3 -m http.server`, then
#   1. loads /search/?q=zurich with `chromium --dump-dom` and checks the result;
#   2. checks that page, results included, with the W3C Nu Html Checker when
#      tests/html_valid.sh has installed it (or VNU_JAR names it);
#   3. drives Chromium over the DevTools protocol (tests/search/browser.mjs):
#      typing, prefixes, highlights, keyboard, filters, ?q=, markup shown as
#      text, and the page with JavaScript off.
# Installs the Debian package `chromium` when it is missing (as root, with apt).
#
# Usage: tests/search_browser.sh   (needs cargo, python3, node 20+)
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    echo "== installing chromium"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium > /dev/null
    CHROMIUM=$(command -v chromium)
  else
    echo "search_browser: chromium is missing (apt-get install chromium)" >&2
    exit 2
  fi
fi

tmp=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2> /dev/null || true; wait "$server" 2> /dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

cp -R tests/search/site "$tmp/site"
cargo run --locked --quiet -- build --quiet --root "$tmp/site" --output-dir "$tmp/public" --now 2025-07-22T12:00:00Z

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$tmp/public" > "$tmp/http.log" 2>&1 &
server=$!
for _ in $(seq 1 50); do
  (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null && break
  sleep 0.1
done
url="http://127.0.0.1:$port/search/"

chrome_flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  "--user-data-dir=$tmp/profile")
"$CHROMIUM" "${chrome_flags[@]}" --virtual-time-budget=10000 --dump-dom "$url?q=zurich" > "$tmp/dom.html" 2> "$tmp/chromium.log" || {
  echo "search_browser: chromium failed:"; tail -20 "$tmp/chromium.log"; exit 1; }
if grep -q 'Café culture returns to <mark>Zürich</mark>' "$tmp/dom.html" \
  && grep -q '1 article for “zurich”' "$tmp/dom.html"; then
  echo "search_browser: ?q=zurich shows its result: ok"
else
  echo "search_browser: FAILED: ?q=zurich does not show its result; the page was:"
  grep -A3 'search-status' "$tmp/dom.html" || head -c 3000 "$tmp/dom.html"
  exit 1
fi

jar=
for candidate in "${VNU_JAR:-}" "$HOME/.cache/broadsheet-vnu/node_modules/vnu-jar/build/dist/vnu.jar" \
  /opt/site-validators/node_modules/vnu-jar/build/dist/vnu.jar; do
  [ -n "$candidate" ] && [ -f "$candidate" ] && { jar=$candidate; break; }
done
if [ -n "$jar" ] && command -v java > /dev/null; then
  java -Xss1m -jar "$jar" --format gnu --Werror "$tmp/dom.html"
  echo "search_browser: the page with its results is valid HTML: ok"
else
  echo "search_browser: vnu not found, the rendered page is not validated"
fi

node tests/search/browser.mjs "$url" "$CHROMIUM"
