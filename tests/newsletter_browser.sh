#!/usr/bin/env bash
# The editions' emails in headless Chromium at 375 and 600 px
# (tests/newsletter/email_browser.py, Playwright driving the system's
# Chromium): the example site's editions and an edge site (a long unbroken
# word, a long URL, sections, many stories). No external request, no script
# or stylesheet, inline styles only, no sideways scrolling, a column of at
# most 600 px.
#
# Usage: tests/newsletter_browser.sh [--screenshots]
#   --screenshots  also writes docs/screenshots/email-375.png, email-600.png and
#                  docs/screenshots/email-600-dark.png (Chromium's automatic dark mode,
#                  as clients that darken messages do) of the example site.
# Needs cargo, python3 with playwright (pip), and chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$CHROMIUM" ] || ! python3 -c 'import playwright' 2> /dev/null; then
  echo "newsletter_browser: needs chromium and python3 playwright (.ci/run installs both)" >&2
  exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
broadsheet() { cargo run --locked --quiet -- "$@"; }

broadsheet build --quiet --output-dir "$tmp/example"

site="$tmp/edge"
mkdir -p "$site/content/articles" "$site/content/editions"
cat > "$site/config.toml" <<'TOML'
title = "Edge & Case Gazette"
base_url = "https://example.org/gazette/"
[newsletter]
unsubscribe_url = "https://example.org/unsubscribe?address={email}"
max_stories = 12
TOML
for i in $(seq 1 15); do
  cat > "$site/content/articles/story-$i.md" <<MD
+++
title = "Story $i: Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch council meets"
date = 2025-07-21T0$((i % 10)):00:00Z
source = "a-very-long-source-name-without-any-spaces.example.org"
+++
See https://example.org/a/very/long/address/that/does/not/break/anywhere/at/all/$i for the report.
MD
done
cat > "$site/content/editions/2025-07-21.md" <<'MD'
+++
title = "A curated day"
sections = [{ name = "First", articles = ["story-1", "story-2"] }, { name = "Everything else", articles = ["story-3", "story-4", "story-5", "story-6", "story-7", "story-8", "story-9", "story-10", "story-11", "story-12", "story-13", "story-14", "story-15"] }]
+++
An intro with a [link](https://example.org/) and *emphasis*.
MD
broadsheet build --quiet --root "$site" --output-dir "$tmp/edge-out" --now 2025-07-22T12:00:00Z

shots=()
if [ "${1:-}" = "--screenshots" ]; then shots=(--screenshots docs/screenshots); fi
# The example site's curated edition (an intro and a section) comes first: it is the screenshot.
latest="$tmp/example/editions/2026-11-26"
python3 tests/newsletter/email_browser.py --chromium "$CHROMIUM" "${shots[@]}" \
  "$latest/email.html" "$tmp"/example/editions/*/email.html "$tmp"/edge-out/editions/*/email.html

if [ "${1:-}" = "--screenshots" ]; then
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$tmp/profile" \
    --hide-scrollbars --blink-settings=forceDarkModeEnabled=true --window-size=600,1100 \
    --screenshot=docs/screenshots/email-600-dark.png "file://$latest/email.html" 2> /dev/null
  echo "wrote docs/screenshots/email-600-dark.png"
fi
