#!/usr/bin/env python3
"""Takes the desk's screenshots in docs/ from the fixture site (tests/desk/site).

Usage: python3 tests/desk/screenshots.py [path/to/broadsheet]
Needs what tests/desk/test_desk.py needs (Playwright for Python, the system's Chromium).
"""

import sys

from test_desk import ARGS, CHROMIUM, REPO, Served, sync_playwright, expect

DOCS = REPO / "docs" / "screenshots"


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else str(REPO / "target/debug/broadsheet")
    served = Served(binary)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 860})
            page.goto(served.url + "/_desk/")
            expect(page.locator("#stories li")).to_have_count(8)
            page.fill("#edition [name=date]", "2025-07-21")
            page.dispatch_event("#edition [name=date]", "change")
            expect(page.locator("#status")).to_contain_text("2025-07-21")
            for slug in ["ferry-timetable-changes", "library-reopens", "heatwave-advice"]:
                page.click(f"#story-{slug} .add")
            page.fill("#edition [name=title]", "Monday in Harbour Town")
            page.fill("#edition [name=intro]", "Three stories to start the week.")
            page.click("#add-section")
            page.fill("#sections .section:nth-child(2) input", "Also today")
            page.click("#story-council-budget-vote .add")
            page.click("#story-ferry-summer-schedule")
            expect(page.locator("#candidate-list li")).to_have_count(1)
            page.focus('#sections li[data-slug="library-reopens"]')
            page.keyboard.press("Alt+ArrowUp")
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(DOCS / "desk.png"))
            # A conflict: the file changed on disk while the desk had it open.
            rel = "content/articles/ferry-summer-schedule.md"
            (served.root / rel).write_text(served.file(rel).replace("A second", "An edited"))
            page.fill("#story [name=title]", "Summer ferries: earlier departures")
            page.click("#story button[type=submit]")
            expect(page.locator("#story-problems")).to_contain_text("changed on disk")
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(DOCS / "desk-conflict.png"), clip={"x": 940, "y": 0, "width": 460, "height": 760})
            browser.close()
    finally:
        served.stop()


if __name__ == "__main__":
    main()
