#!/usr/bin/env python3
"""The editions' emails in headless Chromium (Playwright over the system's
Chromium), at 375 px (a phone) and 600 px (a desktop client's column).

    email_browser.py [--screenshots DIR] EMAIL.html...

For every file and width: no request leaves the file (no external image,
font or stylesheet), no <script>, <style> or stylesheet link, every element
styled inline only, nothing wider than the window (no sideways scrolling),
the column at most 600 px, every image with width, height and alt, and the
text readable (no text the same colour as its background). With
--screenshots, writes DIR/email-<width>.png of the first file. Exits 1 on
any failure, listing them.
"""

import argparse
import pathlib
import sys

from playwright.sync_api import sync_playwright

CHECK = """() => {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth + 1)
    problems.push(`scrolls sideways: ${doc.scrollWidth}px in a ${window.innerWidth}px window`);
  for (const el of document.querySelectorAll('script, style, link[rel=stylesheet], iframe, object, embed, form'))
    problems.push(`has <${el.tagName.toLowerCase()}>`);
  for (const el of document.querySelectorAll('[class], [id]'))
    problems.push(`<${el.tagName.toLowerCase()}> has a class or id: styles must be inline`);
  for (const img of document.images)
    if (!img.getAttribute('width') || !img.getAttribute('height') || !img.hasAttribute('alt'))
      problems.push(`image ${img.src} lacks width, height or alt`);
  const column = document.querySelector('table table');
  if (!column) problems.push('no 600 px column table');
  else if (column.getBoundingClientRect().width > 600.5)
    problems.push(`column is ${column.getBoundingClientRect().width}px wide`);
  for (const el of document.querySelectorAll('a, p, h1, h2, h3, td')) {
    const s = getComputedStyle(el);
    if (s.display === 'none' || !el.textContent.trim()) continue;
    if (s.color === s.backgroundColor) problems.push(`<${el.tagName.toLowerCase()}> text is invisible`);
  }
  return problems;
}"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    failures = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=args.chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        for i, file in enumerate(args.files):
            url = pathlib.Path(file).resolve().as_uri()
            for width in (375, 600):
                page = browser.new_page(viewport={"width": width, "height": 900})
                external = []
                page.on("request", lambda r: r.url.startswith("file:") or external.append(r.url))
                page.goto(url, wait_until="load")
                for problem in page.evaluate(CHECK) + [f"loads {u}" for u in external]:
                    failures.append(f"{file} at {width}px: {problem}")
                if args.screenshots and i == 0:
                    out = pathlib.Path(args.screenshots) / f"email-{width}.png"
                    page.screenshot(path=str(out), full_page=True)
                    print(f"wrote {out}")
                page.close()
        browser.close()
    for f in failures:
        print(f, file=sys.stderr)
    print(f"checked {len(args.files)} emails at 375 and 600 px: "
          f"{'ok' if not failures else str(len(failures)) + ' problems'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
