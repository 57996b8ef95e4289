#!/usr/bin/env python3
"""The desk of `broadsheet serve` in headless Chromium (Playwright for Python).

Serves a copy of tests/desk/site with the freshly built binary, then:
  1. picks three stories into an edition (mouse and keyboard), reorders them
     (drag and keyboard), saves, and checks the file on disk and the rebuilt
     edition page;
  2. edits a story's tags and checks the file (only the tags line changed)
     and the rebuilt tag pages;
  3. saves a story that was changed on disk meanwhile: the desk shows the
     conflict and the file keeps the external edit.

Usage: python3 tests/desk/test_desk.py [path/to/broadsheet]
Needs the Python package `playwright` and the system's Chromium
(/usr/bin/chromium or $CHROMIUM); never downloads a browser. Without them it
says so and exits 0, unless DESK_BROWSER_REQUIRED=1 (CI), when it fails.
"""

import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def skip(why):
    if os.environ.get("DESK_BROWSER_REQUIRED") == "1":
        sys.exit(f"desk browser tests: {why}")
    print(f"skipped: desk browser tests: {why}")
    sys.exit(0)


try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:
    skip("the Python package playwright is missing (pip install playwright)")
if not Path(CHROMIUM).exists():
    skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")


class Served:
    """`broadsheet serve --port 0` on a copy of the fixture site."""

    def __init__(self, binary):
        self.tmp = Path(tempfile.mkdtemp(prefix="desk-test-"))
        self.root = self.tmp / "site"
        shutil.copytree(HERE / "site", self.root)
        self.proc = subprocess.Popen(
            [binary, "serve", "--port", "0", "--root", str(self.root)],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        )
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(l) for l in self.proc.stderr], daemon=True).start()
        deadline = time.monotonic() + 60
        self.url = None
        while self.url is None:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            m = re.match(r"Serving (http://[^/]+)/", line)
            if m:
                self.url = m.group(1)

    def file(self, rel):
        return (self.root / rel).read_text()

    def get(self, path):
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, ""

    def stop(self):
        self.proc.kill()
        self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


def front(text):
    return tomllib.loads(text.split("+++\n")[1])


def wait_until(what, check, seconds=20):
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def edition_order(preview, served):
    """The stories of the built edition page, in order, read from its DOM."""
    preview.goto(served.url + "/editions/2025-07-21/")
    hrefs = preview.locator('.edition-section a[href^="/articles/"]').evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")
    return [h.strip("/").split("/")[1] for h in dict.fromkeys(hrefs)]


def curate(page, served):
    page.goto(served.url + "/_desk/")
    expect(page.locator("#stories li")).to_have_count(8)
    page.fill("#edition [name=date]", "2025-07-21")
    page.dispatch_event("#edition [name=date]", "change")
    expect(page.locator("#status")).to_contain_text("content/editions/2025-07-21.md")
    # Pick: two with the mouse, one with the keyboard (arrows, then A).
    page.click("#story-ferry-timetable-changes .add")
    page.click("#story-library-reopens .add")
    page.focus("#story-council-budget-vote")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#story-heatwave-advice")).to_be_focused()
    page.keyboard.press("a")
    picks = page.locator("#sections li")
    expect(picks).to_have_count(3)
    assert picks.evaluate_all("els => els.map(e => e.dataset.slug)") == [
        "ferry-timetable-changes", "library-reopens", "heatwave-advice"]
    # Reorder: the last one up twice with the keyboard…
    page.focus('#sections li[data-slug="heatwave-advice"]')
    page.keyboard.press("Alt+ArrowUp")
    page.keyboard.press("Alt+ArrowUp")
    expect(page.locator('#sections li[data-slug="heatwave-advice"]')).to_be_focused()
    # …and the (now) last one dragged before the second.
    page.drag_and_drop('#sections li[data-slug="library-reopens"]',
                       '#sections li[data-slug="ferry-timetable-changes"]')
    order = ["heatwave-advice", "library-reopens", "ferry-timetable-changes"]
    assert picks.evaluate_all("els => els.map(e => e.dataset.slug)") == order
    page.fill("#edition [name=title]", "Monday in Harbour Town")
    page.fill("#edition [name=intro]", "Three stories to start the week.")
    page.click("#edition button[type=submit]")
    expect(page.locator("#edition-problems")).to_contain_text("Saved content/editions/2025-07-21.md")
    saved = front(served.file("content/editions/2025-07-21.md"))
    assert saved == {"title": "Monday in Harbour Town", "articles": order}, saved
    assert served.file("content/editions/2025-07-21.md").endswith("+++\nThree stories to start the week.\n")
    preview = page.context.browser.new_page()
    wait_until("the edition page", lambda: edition_order(preview, served) == order)
    expect(preview.locator("h1")).to_have_text("Monday in Harbour Town")
    preview.close()
    # The queue hears of the rebuild and marks the stories.
    expect(page.locator("#story-library-reopens .badge.in").first).to_contain_text("in 2025-07-21")
    print("ok: three stories picked, reordered, saved and built")


def edit_tags(page, served):
    before = served.file("content/articles/rowing-regatta.md")
    page.click("#story-rowing-regatta")
    expect(page.locator("#story [name=title]")).to_have_value("Rowing regatta draws record entries")
    page.click('#tags button[aria-label="Remove tag Sport"]')
    page.fill("#new-tag", "Regatta")
    page.keyboard.press("Enter")
    expect(page.locator("#tags li")).to_have_count(2)
    page.click("#story button[type=submit]")
    expect(page.locator("#story-problems")).to_contain_text("Saved content/articles/rowing-regatta.md")
    after = served.file("content/articles/rowing-regatta.md")
    assert after == before.replace('tags = ["Sport", "Harbour"]', 'tags = ["Harbour", "Regatta"]'), after
    wait_until("the new tag page", lambda: "/articles/rowing-regatta/" in served.get("/tags/regatta/")[1])
    wait_until("the old tag page to go", lambda: served.get("/tags/sport/")[0] == 404)
    print("ok: a tag edited, only the tags line changed, tag pages rebuilt")


def conflict(page, served):
    rel = "content/articles/school-meals.md"
    page.click("#story-school-meals")
    expect(page.locator("#story [name=title]")).to_have_value("Free school meals extended through the holidays")
    # Someone edits the file in a text editor while the desk has it open.
    external = served.file(rel).replace("A second paragraph", "An edited paragraph")
    (served.root / rel).write_text(external)
    page.fill("#story [name=title]", "Free meals all summer")
    page.click("#story button[type=submit]")
    expect(page.locator("#story-problems")).to_contain_text("changed on disk")
    expect(page.locator("#status")).to_contain_text("Conflict")
    assert served.file(rel) == external, "the external edit is kept"
    # Loading the version on disk, then saving again, keeps both changes.
    page.click("#story-problems button")
    expect(page.locator("#story [name=title]")).to_have_value("Free school meals extended through the holidays")
    page.fill("#story [name=title]", "Free meals all summer")
    page.click("#story button[type=submit]")
    expect(page.locator("#story-problems")).to_contain_text("Saved")
    assert served.file(rel) == external.replace(
        'title = "Free school meals extended through the holidays"', 'title = "Free meals all summer"')
    print("ok: a concurrent external edit is reported as a conflict, nothing overwritten")


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else str(REPO / "target/debug/broadsheet")
    served = Served(binary)
    try:
        with sync_playwright() as p:
            # Playwright gives every launch a fresh temporary profile.
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            curate(page, served)
            edit_tags(page, served)
            conflict(page, served)
            assert not errors, errors
            browser.close()
    finally:
        served.stop()


if __name__ == "__main__":
    main()
