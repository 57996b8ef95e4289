#!/usr/bin/env bash
# The default theme's HTML and CSS are valid: builds the example site (the
# repository root), a site that exercises every branch of the templates
# (authors, images, datelines, credits, duplicates, weekly curated editions
# with sections, long pagination, no sources taxonomy, tables and code) and an
# empty site, then checks every page (the search page included), the
# stylesheet and the favicon with the W3C Nu Html Checker (vnu). Any error or
# warning fails the test. tests/search_browser.sh checks the search page with
# its results, as the script renders them.
#
# Usage: tests/html_valid.sh
# Needs cargo and Java 17+; the first run fetches vnu-jar with npm into
# $HOME/.cache/broadsheet-vnu. VNU_JAR=/path/to/vnu.jar uses that jar instead;
# HTML_VALID_OUT=DIR keeps the three built sites in DIR, to look at.
set -euo pipefail
cd "$(dirname "$0")/.."

VNU_VERSION=26.9.27
VNU_CACHE=${VNU_CACHE:-$HOME/.cache/broadsheet-vnu}

find_jar() {
  local candidate
  for candidate in "${VNU_JAR:-}" \
    "$VNU_CACHE/node_modules/vnu-jar/build/dist/vnu.jar" \
    /opt/site-validators/node_modules/vnu-jar/build/dist/vnu.jar; do
    [ -n "$candidate" ] && [ -f "$candidate" ] && { echo "$candidate"; return 0; }
  done
  return 1
}

if ! command -v java > /dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    echo "== installing Java (openjdk-17-jre-headless)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless > /dev/null
  else
    echo "html_valid: java is missing (install a Java 17+ runtime)" >&2
    exit 2
  fi
fi
if ! JAR=$(find_jar); then
  echo "== installing vnu-jar@$VNU_VERSION into $VNU_CACHE"
  mkdir -p "$VNU_CACHE"
  npm install --silent --no-audit --no-fund --prefix "$VNU_CACHE" "vnu-jar@$VNU_VERSION" > /dev/null
  JAR=$(find_jar) || { echo "html_valid: vnu.jar not found after npm install" >&2; exit 2; }
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

broadsheet() { cargo run --locked --quiet -- "$@"; }

# ---- a site that reaches every branch of the templates --------------------------------
site="$tmp/edge"
mkdir -p "$site/content/articles" "$site/content/editions" "$site/content/pages" "$site/static/img"
cat > "$site/config.toml" <<'TOML'
title = "Edge & Case Gazette"
description = "Every branch of the default theme, for the validator."
base_url = "https://example.org/gazette/"
language = "en-GB"
timezone = "+02:00"
paginate_by = 2
editions = "weekly"
taxonomies = [
    { name = "tags", title = "Topics" },
    { name = "authors", title = "Writers", feed = false },
]
[feeds]
json = false
TOML
printf '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3"/></svg>\n' > "$site/static/img/lead.svg"
for i in $(seq 1 14); do
  day=$(printf '%02d' $(( (i - 1) % 9 + 1 )))
  cat > "$site/content/articles/story-$i.md" <<MD
+++
title = "Story number $i <with> \"quotes\" & ampersands"
date = 2025-06-${day}T0$(( i % 9 )):30:00
source = "wire$(( i % 3 )).example"
tags = ["Topic $(( i % 4 ))", "All"]
+++
Paragraph one of story $i.

Paragraph two.
MD
done
cat > "$site/content/articles/everything.md" <<'MD'
+++
title = "A story with everything"
date = 2025-06-10T12:00:00
updated = 2025-06-11T08:00:00
source = "Agency"
source_url = "https://agency.example/story"
authors = ["Ada Writer", "Bo Reporter", "Cy Editor"]
tags = ["Topic 1"]
summary = "A summary given in the front matter."
featured = true
image = "/img/lead.svg"
credit = "The Agency contributed to this report."
dateline = "PORT ALDWIN (Agency)"
aliases = ["/2019/06/everything/"]
+++
Lead paragraph with a [link](https://example.com/) and *emphasis*.

## A subheading

> A quotation from somebody.

| Column | Value |
|--------|-------|
| a      | 1     |

```
code block
```

![A drawing](/img/lead.svg)

- a list
- of items

### A smaller heading

<span title="raw">Raw HTML, sanitized.</span>
MD
# A lead image the build processes: <picture> with AVIF and WebP sources.
cp static/images/harbour-wall.jpg "$site/static/img/photo.jpg"
cat > "$site/content/articles/photo.md" <<'MD'
+++
title = "A story with a photograph"
date = 2025-06-10T14:00:00
tags = ["Topic 1"]
image = "img/photo.jpg"
image_alt = "A harbour wall & its beacon"
image_credit = "Illustration: The Gazette"
+++
A paragraph under the picture.
MD
cat > "$site/content/articles/copy.md" <<'MD'
+++
title = "The same story from elsewhere"
date = 2025-06-10T13:00:00
source_url = "https://other.example/story"
duplicate_of = "everything"
+++
Another outlet's version.
MD
cat > "$site/content/editions/2025-06-09.md" <<'MD'
+++
title = "The week's <best>"
sections = [
    { name = "Top stories", articles = ["everything", "story-1", "story-2"] },
    { name = "Also", articles = ["story-3"] },
]
+++
An *introduction* by the editor.
MD
cat > "$site/content/pages/about.md" <<'MD'
+++
title = "About"
description = "About the gazette."
+++
About us, with a [link](https://example.com/).
MD

# ---- an empty site ---------------------------------------------------------------------
mkdir -p "$tmp/empty"
printf 'title = "Empty"\nbase_url = "https://empty.example/"\n' > "$tmp/empty/config.toml"

out=${HTML_VALID_OUT:-$tmp/out}
broadsheet build --quiet --output-dir "$out/example"
broadsheet build --quiet --root "$site" --output-dir "$out/edge"
broadsheet build --quiet --root "$tmp/empty" --output-dir "$out/empty"

passed=0; failed=0
for name in example edge empty; do
  dir="$out/$name"
  pages=$(find "$dir" -name '*.html' | wc -l)
  if java -Xss1m -jar "$JAR" --format gnu --Werror --skip-non-html --also-check-css --also-check-svg \
      "$dir" 2> "$tmp/vnu-$name.txt"; then
    passed=$((passed + 1))
    echo "ok: $name site, $pages pages, style.css and favicon.svg: no errors, no warnings"
  else
    failed=$((failed + 1))
    echo "FAILED: $name site ($pages pages):"
    sed "s#file:$dir/##" "$tmp/vnu-$name.txt"
  fi
done
echo "html_valid: $passed passed, $failed failed"
[ "$failed" = 0 ]
