#!/usr/bin/env python3
"""Benchmark of main-content extraction on saved news pages of our own making.

    python3 benches/extract.py [--pages 300] [--seed 7] [--work DIR] [--binary PATH]
                               [--score OTHER_DIR --name NAME]

Generates `--pages` article pages in six layouts of news sites (a broadsheet
with a cookie banner, nav, breadcrumbs, share bar, inline related box and
comments; a tabloid of nested divs with ad slots, most-read sidebar and a
newsletter form; a wire service with itemprop=articleBody; a magazine with a
hero figure, pull quotes, author bio and related grid; an old table layout
with a link column; a portal whose story is text and <br> in one div, with a
trending list). Every page's expected body (its paragraphs, subheadings,
list items and quotes, not the title, byline or captions) is written beside
it. The text is random sentences from a word list in this file: no corpus
text is used.

It imports the pages with `broadsheet import --dry-run` into a new site and
scores each article's body against the expected body as bags of lower-case
word tokens: precision = shared / extracted, recall = shared / expected, F1.
It prints the mean over pages (macro) and the figure over all tokens
(micro), per layout and overall. `--score DIR` scores another extractor's
output instead (DIR/<page>.txt, plain text), for comparison.
"""

import argparse
import collections
import random
import re
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORDS = """the council harbour ferry minister city river bridge school hospital police
court election budget plan water energy price market workers union strike teachers
doctors patients village town region government party leader report study data
farmers weather storm flood fire road rail station airport museum library park
children families residents visitors shops business company jobs wages rent homes
tax fund project contract board vote law rule change year month week day morning
evening night season summer winter spring autumn island coast mountain valley north
south east west public private local national new old big small first last long
short early late high low open closed said told asked warned agreed announced
rejected approved planned expected reported confirmed denied added explained
would could should will may must also still only even already again more most less
after before during since while because although however instead about around""".split()
NAMES = """Ada Quay|Bo Marsh|Cy Hollow|Di Fenwick|Ed Brandt|Flo Garner|Gus Ilves|Hana Ott|
Ivo Renn|Jo Tamsin|Kit Lyle|Lu Varga""".replace("\n", "").split("|")
PLACES = "Porthaven|Lindmoor|Eastbridge|Kestrel Bay|Ashfold|Norreby|Greywater|Tallis".split("|")


def sentence(rng, lo=8, hi=24):
    n = rng.randint(lo, hi)
    words = [rng.choice(WORDS) for _ in range(n)]
    if rng.random() < 0.5:
        words[rng.randrange(n)] = rng.choice(PLACES)
    if rng.random() < 0.3:
        words[rng.randrange(n)] = rng.choice(NAMES)
    for _ in range(rng.randint(0, 2)):
        i = rng.randrange(1, n)
        words[i - 1] += ","
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def paragraph(rng, lo=2, hi=5):
    return " ".join(sentence(rng) for _ in range(rng.randint(lo, hi)))


def title(rng):
    t = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 9)))
    return t[0].upper() + t[1:]


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def story(rng):
    """The blocks of a story: (kind, text) with kind p, h2, li, quote."""
    blocks = [("p", paragraph(rng)) for _ in range(rng.randint(2, 4))]
    for _ in range(rng.randint(1, 3)):
        r = rng.random()
        if r < 0.35:
            blocks.append(("h2", title(rng)))
        elif r < 0.6:
            blocks += [("li", sentence(rng, 4, 10)) for _ in range(rng.randint(2, 4))]
        elif r < 0.8:
            blocks.append(("quote", sentence(rng)))
        blocks += [("p", paragraph(rng)) for _ in range(rng.randint(1, 4))]
    return blocks


def body_html(blocks, rng, inline=""):
    out, in_list = [], False
    for i, (kind, text) in enumerate(blocks):
        if kind == "li" and not in_list:
            out.append("<ul>")
            in_list = True
        if kind != "li" and in_list:
            out.append("</ul>")
            in_list = False
        if kind == "p":
            words = text.split(" ")
            if rng.random() < 0.3 and len(words) > 6:
                j = rng.randrange(len(words) - 3)
                link = " ".join(words[j : j + 2])
                text = " ".join(words[:j]) + f' <a href="/news/{j}">{link}</a> ' + " ".join(words[j + 2 :])
                out.append(f"<p>{text}</p>")
            else:
                out.append(f"<p>{esc(text)}</p>")
        elif kind == "h2":
            out.append(f"<h2>{esc(text)}</h2>")
        elif kind == "li":
            out.append(f"<li>{esc(text)}</li>")
        elif kind == "quote":
            out.append(f"<blockquote><p>{esc(text)}</p></blockquote>")
        if i == len(blocks) // 2 and inline:
            if in_list:
                out.append("</ul>")
                in_list = False
            out.append(inline)
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def links(rng, n, cls=""):
    items = "".join(f'<li><a href="/story/{rng.randrange(10**6)}">{title(rng)}</a></li>' for _ in range(n))
    return f'<ul class="{cls}">{items}</ul>'


def css(rng):
    """A class name as CSS-in-JS tools write them: no meaning to go by."""
    return "css-" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(6))


def pick(rng, *names):
    return rng.choice(names)


PROMOS = [
    "Sign up to our morning briefing and get the news you need in your inbox before breakfast every day.",
    "Support independent local journalism today: become a member for less than the price of a coffee a week.",
    "Download our app to follow this story and get alerts when there is breaking news in your area.",
]


def head(t, site, rng):
    return (
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{esc(t)} | {site}</title>"
        f'<meta property="og:title" content="{esc(t)}"><meta property="og:site_name" content="{site}">'
        f'<link rel="canonical" href="https://{site.lower().replace(" ", "")}.example/news/{rng.randrange(10**8)}">'
        f"<script>var dataLayer=[];function track(){{}}</script><style>body{{font:16px serif}}</style></head>"
    )


def comments(rng):
    items = "".join(
        f'<div class="comment"><span class="author">{rng.choice(NAMES)}</span><p>{esc(paragraph(rng, 1, 2))}</p></div>'
        for _ in range(rng.randint(2, 6))
    )
    return f'<section id="comments" class="comments"><h3>Comments</h3>{items}</section>'


def broadsheet(t, blocks, rng):
    nav = links(rng, 8, pick(rng, "nav-menu", "c-links", "site-sections"))
    box = pick(rng, "related-box", "c-recirc", "inline-package", "")
    related = f'<div class="{box}"><h4>{pick(rng, "Related", "See also", "More on this story")}</h4>{links(rng, 3)}</div>'
    return (
        head(t, "Harbour Times", rng)
        + '<body><div class="cookie-banner" role="dialog"><p>We use cookies to improve your experience of our site and to show you relevant advertising, with your consent.</p><button>Accept</button></div>'
        + f'<header class="masthead"><a href="/">Harbour Times</a><nav>{nav}</nav></header>'
        + f'<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ol>'
        + f'<main><article><h1>{esc(t)}</h1><p class="byline">By {rng.choice(NAMES)}, {rng.choice(PLACES)}</p>'
        + f'<div class="share-bar"><a href="#">Share on social media</a> <a href="#">Email this story</a></div>'
        + f'<div class="article-body">{body_html(blocks, rng, related)}</div></article>'
        + comments(rng)
        + f'</main><footer><p>{esc(paragraph(rng, 1, 1))}</p>{links(rng, 6)}<p>Copyright Harbour Times.</p></footer></body></html>'
    )


def tabloid(t, blocks, rng):
    ad = f'<div class="{pick(rng, "ad-slot", "dfp", "mpu")}"><span>Advertisement</span></div><p><strong>{rng.choice(PROMOS)}</strong></p>'
    side = f'<div class="{pick(rng, "col-side", "rail", "col-right")}"><div class="{pick(rng, "most-read", "mod-list", "hot")}"><h3>Most read</h3>{links(rng, 8)}</div>' + (
        '<div class="newsletter"><h3>Get the headlines</h3><form><input type=email placeholder="Your email"><button>Sign up</button></form></div></div>'
    )
    return (
        head(t, "Daily Bugle", rng)
        + f'<body><div id="top-bar">{links(rng, 10, "menu")}</div><div id="content"><div class="col-main"><div class="post">'
        + f'<h1 class="headline">{esc(t)}</h1><div class="meta">{rng.choice(NAMES)} | 3 hours ago</div>'
        + f'<div class="entry">{body_html(blocks, rng, ad)}</div>'
        + f'<div class="tags"><a href="/t/1">{rng.choice(WORDS)}</a> <a href="/t/2">{rng.choice(WORDS)}</a></div>'
        + f'<div class="read-more"><h3>Read more</h3>{links(rng, 4)}</div></div></div>{side}</div>'
        + f'<div id="footer">{links(rng, 8)}<p>{esc(sentence(rng))}</p></div></body></html>'
    )


def wire(t, blocks, rng):
    return (
        head(t, "Newswire", rng)
        + f'<body><div class="top"><a href="/">Newswire</a> {links(rng, 5, "nav")}</div>'
        + f'<div class="story"><h1>{esc(t)}</h1><div class="dateline">{rng.choice(PLACES).upper()}, July 21</div>'
        + f'<div itemprop="articleBody">{body_html(blocks, rng)}</div>'
        + f'<p class="attribution">Reporting by {rng.choice(NAMES)}; editing by {rng.choice(NAMES)}</p></div>'
        + f'<div class="footer">{links(rng, 6)}</div></body></html>'
    )


def magazine(t, blocks, rng):
    more = f'<div class="inline-more"><strong>Read more:</strong>{links(rng, 2)}</div>'
    grid = "".join(
        f'<div class="card"><a href="/s/{i}"><h3>{title(rng)}</h3></a><p>{esc(sentence(rng, 6, 12))}</p></div>'
        for i in range(4)
    )
    return (
        head(t, "The Long Read", rng)
        + f'<body><header><nav>{links(rng, 7)}</nav></header><main>'
        + f'<section class="hero"><h1>{esc(t)}</h1><p class="standfirst">{esc(sentence(rng))}</p>'
        + f'<figure><img src="/i.jpg" alt=""><figcaption>{esc(sentence(rng, 6, 10))} Photograph: {rng.choice(NAMES)}</figcaption></figure></section>'
        + f'<div class="prose">{body_html(blocks, rng, more)}</div>'
        + f'<div class="author-bio"><p>{rng.choice(NAMES)} is a writer based in {rng.choice(PLACES)}, and the author of three books about the coast.</p></div>'
        + f'<section class="related-grid"><h2>More from The Long Read</h2>{grid}</section></main>'
        + f'<footer>{links(rng, 5)}</footer></body></html>'
    )


def table_layout(t, blocks, rng):
    return (
        head(t, "Valley Gazette", rng)
        + f'<body><table width="100%"><tr><td colspan=2><a href="/">Valley Gazette</a></td></tr>'
        + f'<tr><td width="180" valign="top">{links(rng, 15)}</td><td valign="top">'
        + f'<h1>{esc(t)}</h1><p><i>Posted by {rng.choice(NAMES)}</i></p>{body_html(blocks, rng)}'
        + f'</td></tr><tr><td colspan=2><p>{esc(sentence(rng))}</p></td></tr></table></body></html>'
    )


def portal(t, blocks, rng):
    parts = []
    for kind, text in blocks:
        if kind == "h2":
            parts.append(f"<b>{esc(text)}</b><br><br>")
        elif kind == "quote":
            parts.append(f"<blockquote>{esc(text)}</blockquote>")
        elif kind == "li":
            parts.append(f"&bull; {esc(text)}<br>")
        else:
            parts.append(f"{esc(text)}<br><br>")
    trending = f'<div class="trending"><h3>Trending now</h3>{links(rng, 6)}</div>'
    return (
        head(t, "Portal News", rng)
        + f'<body><div class="navbar">{links(rng, 12)}</div><div class="wrapper"><div class="main-col">'
        + f'<h1>{esc(t)}</h1><div class="story-text">{"".join(parts)}</div>'
        + f'<div class="social-share"><a href="#">Share</a> <a href="#">Tweet</a></div></div>{trending}</div>'
        + comments(rng)
        + "</body></html>"
    )


def modern(t, blocks, rng):
    """A site built with CSS-in-JS: every class is a hash, nothing to go by but the tree."""
    promo = f'<div class="{css(rng)}"><p class="{css(rng)}">{rng.choice(PROMOS)}</p></div>'
    paras = body_html(blocks, rng, promo).replace("<p>", f'<p class="{css(rng)}">')
    popular = "".join(
        f'<li class="{css(rng)}"><a href="/p/{i}"><span>{i + 1}</span><h3>{title(rng)}</h3></a></li>'
        for i in range(5)
    )
    return (
        head(t, "Metro Now", rng)
        + f'<body><div id="__next"><div class="{css(rng)}"><div class="{css(rng)}">{links(rng, 9, css(rng))}</div></div>'
        + f'<div class="{css(rng)}"><div class="{css(rng)}"><h1 class="{css(rng)}">{esc(t)}</h1>'
        + f'<div class="{css(rng)}"><span>{rng.choice(NAMES)}</span><time datetime="2025-07-21">21 July 2025</time></div>'
        + f'<div class="{css(rng)}">{paras}</div></div>'
        + f'<div class="{css(rng)}"><h2>Most popular</h2><ol class="{css(rng)}">{popular}</ol></div></div>'
        + f'<div class="{css(rng)}"><p>{esc(sentence(rng))}</p>{links(rng, 8, css(rng))}</div></div></body></html>'
    )


LAYOUTS = {
    "broadsheet": broadsheet,
    "tabloid": tabloid,
    "wire": wire,
    "magazine": magazine,
    "table": table_layout,
    "portal": portal,
    "modern": modern,
}


def tokens(text):
    return re.findall(r"[a-z0-9]+", text.lower())


def markdown_text(md):
    md = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", md)
    return md.replace("\\", " ")


def score(extracted, expected):
    a, b = collections.Counter(extracted), collections.Counter(expected)
    shared = sum((a & b).values())
    return shared, sum(a.values()), sum(b.values())


def prf(shared, got, want):
    p = shared / got if got else 0.0
    r = shared / want if want else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def generate(n, seed, pages):
    rng = random.Random(seed)
    pages.mkdir(parents=True, exist_ok=True)
    names = list(LAYOUTS)
    for i in range(n):
        layout = names[i % len(names)]
        blocks = story(rng)
        t = title(rng)
        (pages / f"{i:04d}-{layout}.html").write_text(LAYOUTS[layout](t, blocks, rng))
        (pages / f"{i:04d}-{layout}.expected").write_text("\n\n".join(text for _, text in blocks))


def extract_with_broadsheet(binary, pages, work):
    site = work / "site"
    subprocess.run([binary, "init", str(site)], check=True, capture_output=True)
    out = subprocess.run(
        [binary, "--quiet", "--root", str(site), "import", "--dry-run", str(pages)],
        capture_output=True,
        text=True,
    )
    bodies = {}
    for chunk in out.stdout.split("==> ")[1:]:
        text = chunk.split(" <==\n", 1)[1]
        front, _, body = text.partition("\n+++\n")
        file = re.search(r'^file = "(.*)"$', front, re.M)
        if file:
            stem = Path(file.group(1)).name.removesuffix(".html")
            bodies[stem] = markdown_text(body)
    return bodies


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--work", type=Path)
    ap.add_argument("--binary", default=str(ROOT / "target/release/broadsheet"))
    ap.add_argument("--score", type=Path, help="score DIR/<page>.txt instead of broadsheet")
    ap.add_argument("--name", default="broadsheet")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="extract-bench-"))
    pages = work / "pages"
    if not pages.exists():
        generate(args.pages, args.seed, pages)
    if args.score:
        bodies = {p.stem: p.read_text() for p in args.score.glob("*.txt")}
    else:
        bodies = extract_with_broadsheet(args.binary, pages, work)
    per_layout = collections.defaultdict(list)
    for exp in sorted(pages.glob("*.expected")):
        layout = exp.stem.split("-", 1)[1]
        got = tokens(bodies.get(exp.stem, ""))
        per_layout[layout].append(score(got, tokens(exp.read_text())))
    print(f"{args.name}: {sum(map(len, per_layout.values()))} pages in {work}")
    print(f"{'layout':<12} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6}   (macro: mean over pages)")
    everything = []
    for layout in list(LAYOUTS) + ["all"]:
        rows = everything if layout == "all" else per_layout[layout]
        if layout != "all":
            everything.extend(rows)
        scores = [prf(*r) for r in rows]
        p, r, f = (sum(s[i] for s in scores) / len(scores) for i in range(3))
        print(f"{layout:<12} {len(rows):>5} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
    micro = prf(*(sum(r[i] for r in everything) for i in range(3)))
    print("micro (all tokens): P {:.3f} R {:.3f} F1 {:.3f}".format(*micro))


if __name__ == "__main__":
    main()
