#!/usr/bin/env python3
"""Benchmark of `broadsheet import` on whole-page text: how well it keeps an
article's paragraphs and drops the rest of the page.

    python3 benches/page_text.py [--n 300] [--seed 7] [--binary target/release/broadsheet]

It generates page text of our own making (standard library only): each file
is what a cheap scraper extracts from a news page without boilerplate
removal. Around the article (title, paragraphs, quotes, subheadings) it puts
the page's menus, breadcrumbs, share widgets, bylines and time stamps,
advertising slugs, inline teasers, a "Next Story" teaser at the top, a
trailing teaser block, a comment section, a footer link list and copyright
lines, each drawn from several real-site shapes and in varying order. The
article's paragraphs are recorded as they are generated.

It then imports the files into a new site with `--dry-run`, reads each
article's body back and scores the kept paragraphs against the article's:
precision (kept paragraphs that are the article's), recall (the article's
paragraphs kept, exactly) and F1, over all paragraphs. Titles are checked
too. Nothing here runs in CI.
"""

import argparse
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PLACES = ["Port Aldwin", "Harrow", "Kestrel Bay", "Millbrook", "Ostery", "Lanmoor", "Fenwick"]
PEOPLE = ["Elena Marsh", "Tomas Reyes", "Ana Holt", "Priya Nair", "Owen Clarke", "Mei Tan", "Jonas Berg"]
ROLES = ["the harbourmaster", "the council leader", "a local engineer", "the ferry operator",
         "a shop owner", "the head teacher", "a police spokeswoman"]
THINGS = ["the harbour wall", "the ferry service", "the new school", "the bypass", "the flood defences",
          "the market hall", "the rail line", "the hospital wing"]
VERBS = ["approved", "delayed", "criticised", "funded", "reopened", "closed", "reviewed", "praised"]
WHEN = ["on Monday", "on Tuesday", "last week", "this morning", "after a long meeting", "in March"]
NUMS = ["£4.2m", "300 homes", "12 weeks", "40%", "two years", "1,500 people", "£80,000"]


def sentence(r):
    shapes = [
        lambda: f"{r.choice(PEOPLE)}, {r.choice(ROLES)}, said {r.choice(THINGS)} had been {r.choice(VERBS)} {r.choice(WHEN)}.",
        lambda: f"The council {r.choice(VERBS)} plans for {r.choice(THINGS)} in {r.choice(PLACES)} {r.choice(WHEN)}.",
        lambda: f"About {r.choice(NUMS)} depend on {r.choice(THINGS)}, according to figures seen by the paper.",
        lambda: f"Work on {r.choice(THINGS)} is expected to cost {r.choice(NUMS)} and take {r.choice(NUMS)}.",
        lambda: f"Residents of {r.choice(PLACES)} have asked for {r.choice(THINGS)} to be {r.choice(VERBS)} for years.",
        lambda: f"It is the first time since 2019 that {r.choice(THINGS)} has been {r.choice(VERBS)} by the county.",
    ]
    return r.choice(shapes)()


def quote(r):
    return f"“We have waited long enough for {r.choice(THINGS)},” said {r.choice(PEOPLE)}."


def article(r):
    title = f"{r.choice(PLACES)} council {r.choice(VERBS)} {r.choice(THINGS).replace('the ', '')} plan"
    paragraphs = []
    for i in range(r.randint(4, 12)):
        kind = r.random()
        if kind < 0.15 and i > 1:
            paragraphs.append(quote(r))
        elif kind < 0.22 and 1 < i:
            paragraphs.append(f"What happens to {r.choice(THINGS).replace('the ', '')} next")
        else:
            paragraphs.append(" ".join(sentence(r) for _ in range(r.randint(1, 4))))
    # A subheading never ends the article.
    while not paragraphs[-1].endswith((".", "”")):
        paragraphs.pop()
    return title, paragraphs


def menu(r):
    items = ["Home", "News", "Sport", "Business", "Opinion", "Weather", "Video", "Local", "World"]
    r.shuffle(items)
    shape = r.randint(0, 2)
    if shape == 0:
        return ["\n".join(items[: r.randint(4, 8)])]
    if shape == 1:
        return [" | ".join(items[: r.randint(4, 8)])]
    return ["Skip to main content", "Menu\nSearch", " › ".join(["Home", "News", r.choice(PLACES)])]


def top_widgets(r, title):
    blocks = []
    if r.random() < 0.3:
        blocks.append("Next Story\n" + f"{r.choice(PLACES)} school {r.choice(VERBS)} after inspection")
    blocks.append(r.choice([f"By {r.choice(PEOPLE)}", f"By {r.choice(PEOPLE).upper()}, Associated Press",
                            f"{r.choice(PEOPLE)}, Reuters"]))
    blocks.append(r.choice(["Published 3 hours ago", "Updated 2:15 PM EDT, Mon March 3, 2025",
                            "Posted: Mar 3, 2025 / 10:32 AM EST", "March 3, 2025"]))
    blocks.append(r.choice(["Share\nFacebook\nTwitter\nEmail", "Facebook | X | WhatsApp | Copy link",
                            "Share this article", "Listen to this article", "4 min read"]))
    r.shuffle(blocks)
    return blocks


INLINE = ["Advertisement", "ADVERTISEMENT", "Story continues below advertisement",
          "Sign up for our daily newsletter to get the latest news in your inbox.",
          "RELATED: Ferry fares to rise in April", "READ MORE: What the plan means for you",
          "Image caption, The harbour after the storm", "Waves break over the wall. (AP Photo/Ana Holt)",
          "Photo: Ana Holt/AFP via Getty Images", "Advertisement - Scroll to continue"]


def tail(r):
    blocks = []
    if r.random() < 0.7:
        heading = r.choice(["You May Also Like", "Most Read", "Related Stories", "More from The Herald",
                            "Recommended for you", "Trending Now", "Top Stories"])
        blocks.append(heading)
        for _ in range(r.randint(3, 6)):
            blocks.append(f"{r.choice(PLACES)} {r.choice(THINGS).replace('the ', '')} {r.choice(VERBS)}")
            if r.random() < 0.5:
                blocks.append(sentence(r)[:70].rsplit(" ", 1)[0] + "…")
    if r.random() < 0.4:
        blocks.append(r.choice(["24 Comments", "Comments", "Join the conversation"]))
        for _ in range(r.randint(2, 4)):
            blocks.append(r.choice(["About time too!", "Who is paying for this? Not me I hope.",
                                    "My family has lived here for fifty years and nobody ever asked us.",
                                    "Reply"]))
    if r.random() < 0.8:
        blocks.append("\n".join(r.sample(["About us", "Contact us", "Privacy policy", "Terms of use",
                                          "Advertise with us", "Careers", "Cookie settings"], 4)))
        blocks.append(r.choice(["© 2025 The Aldwin Herald. All rights reserved.",
                                "Copyright 2025 The Associated Press. All rights reserved."]))
    return blocks


def page(r):
    title, paragraphs = article(r)
    blocks = menu(r) + [title] + top_widgets(r, title)
    body = list(paragraphs)
    for _ in range(r.randint(0, 3)):
        body.insert(r.randint(1, len(body)), r.choice(INLINE))
    blocks += body + tail(r)
    return title, paragraphs, "\n\n".join(blocks) + "\n"


def unescape(markdown):
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--binary", default=str(ROOT / "target/release/broadsheet"))
    args = ap.parse_args()
    r = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pages = tmp / "pages"
        pages.mkdir()
        truth = {}
        for i in range(args.n):
            title, paragraphs, text = page(r)
            name = f"page-{i:04}.txt"
            (pages / name).write_text(text)
            truth[f"pages/{name}"] = (title, paragraphs)
        site = tmp / "site"
        subprocess.run([args.binary, "init", str(site)], check=True, capture_output=True)
        out = subprocess.run([args.binary, "--root", str(site), "import", "--dry-run", str(pages)],
                             capture_output=True, text=True)
        if out.returncode not in (0, 1):
            sys.exit(out.stderr)
        tp = fp = fn = titles = 0
        for chunk in out.stdout.split("==> ")[1:]:
            head, _, text = chunk.partition("\n")
            front, _, body = text.partition("+++\n")[2].partition("+++\n")
            name = re.search(r'^file = "(.*)"$', front, re.M).group(1)
            title = re.search(r'^title = "(.*)"$', front, re.M).group(1)
            want_title, want = truth.pop(name)
            titles += title == want_title
            kept = [unescape(p.strip().removeprefix("## ")) for p in body.split("\n\n") if p.strip()]
            tp += sum(1 for p in kept if p in want)
            fp += sum(1 for p in kept if p not in want)
            fn += sum(1 for p in want if p not in kept)
        fn += sum(len(p) for _, p in truth.values())  # files not imported at all
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"{args.n} pages, seed {args.seed}: titles {titles}/{args.n}; paragraphs kept: "
              f"precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f} "
              f"(tp {tp}, fp {fp}, fn {fn})")


if __name__ == "__main__":
    main()
