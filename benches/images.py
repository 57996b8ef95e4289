#!/usr/bin/env python3
"""Benchmark of lead images and social cards: 1,000 articles, each with its own image.

    python3 benches/images.py [--n 1000] [--runs 3] [--work DIR] [--binary PATH]

Generates a corpus with ../shared/bench/gen_corpus.py (seed 1), gives every
article a lead image of its own (1600x900 JPEGs made with ImageMagick's
`convert`, distinct bytes each), and times release builds with /usr/bin/time:

- cold: no image cache (`.broadsheet/` removed) and no output: every image is
  decoded, resized to 480/960/1440 and encoded as AVIF, WebP and JPEG, and
  every card of a page without an image (editions, terms) is drawn;
- warm: the cache kept, the output and the build manifest removed: every page
  is rendered again, every image comes from the cache (0 processed);
- no-images: the same corpus without `image` keys and with `[images] cards = false`,
  for the cost of the rest of the build.

It prints the median wall time, the median CPU time (user + system: the
figure to compare on a shared machine) and the peak memory of each, and the
images processed as `--timings` reports them. Needs ../shared/bench and ImageMagick.
Benchmarks do not run in CI.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEN = ROOT.parent / "shared" / "bench" / "gen_corpus.py"

CONFIG = """title = "News Digest"
base_url = "https://digest.example.org/"
paginate_by = 20
"""


def make_site(work: Path, n: int, images: bool) -> Path:
    site = work / ("site" if images else "site-noimages")
    if site.exists():
        shutil.rmtree(site)
    articles = site / "content" / "articles"
    articles.mkdir(parents=True)
    subprocess.run(
        [sys.executable, str(GEN), "--n", str(n), "--seed", "1",
         "--format", "broadsheet", "--out", str(articles)],
        check=True, stdout=subprocess.DEVNULL)
    config = CONFIG if images else CONFIG + "[images]\ncards = false\n"
    (site / "config.toml").write_text(config)
    if not images:
        return site
    pics = site / "static" / "images"
    pics.mkdir(parents=True)
    files = sorted(articles.rglob("*.md"))
    for i, md in enumerate(files):
        jpg = pics / f"{i}.jpg"
        hue = (i * 37) % 360
        subprocess.run(
            ["convert", "-size", "1600x900",
             f"gradient:hsl({hue},60%,70%)-hsl({(hue + 120) % 360},50%,30%)",
             "-fill", f"hsl({(hue + 200) % 360},70%,50%)",
             "-draw", f"circle {400 + i % 800},{300 + i % 300} {520 + i % 800},{300 + i % 300}",
             "-quality", "82", str(jpg)],
            check=True)
        text = md.read_text()
        # The image key goes after the opening `+++`.
        md.write_text(text.replace("+++\n", f"+++\nimage = \"images/{i}.jpg\"\n", 1))
    return site


def timed(cmd, cwd):
    out = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", *cmd], cwd=cwd,
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"build failed:\n{out.stderr}")
    wall, user, system, kib = out.stderr.strip().splitlines()[-1].split()
    processed = re.search(r"images: (\d+) processed", out.stderr)
    return (float(wall), float(user) + float(system), int(kib) // 1024,
            int(processed.group(1)) if processed else None)


def run(binary, site, cold, runs):
    results = []
    for _ in range(runs):
        shutil.rmtree(site / "public", ignore_errors=True)
        cache = site / ".broadsheet"
        if cold:
            shutil.rmtree(cache, ignore_errors=True)
        elif cache.exists():
            for f in cache.glob("*.manifest"):
                f.unlink()
        results.append(timed([str(binary), "build", "--quiet", "--timings"], site))
    return (statistics.median(r[0] for r in results), statistics.median(r[1] for r in results),
            max(r[2] for r in results), results[-1][3])


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=1000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--work", type=Path, default=Path("/tmp/broadsheet-images-bench"))
    p.add_argument("--binary", type=Path, help="a built broadsheet (default: build target/release)")
    a = p.parse_args()
    if not GEN.exists():
        sys.exit(f"needs {GEN}")
    if not shutil.which("convert"):
        sys.exit("needs ImageMagick's `convert`")
    if a.binary is None:
        subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=ROOT, check=True)
        a.binary = ROOT / "target" / "release" / "broadsheet"
    a.work.mkdir(parents=True, exist_ok=True)
    site = make_site(a.work, a.n, True)
    plain = make_site(a.work, a.n, False)
    print(f"{a.n} articles, {os.cpu_count()} cores, median of {a.runs}")
    for name, s, cold in [("cold cache", site, True), ("warm cache", site, False),
                          ("no images, no cards", plain, True)]:
        wall, cpu, mib, processed = run(a.binary, s, cold, a.runs)
        print(f"{name:>20}: {wall:6.2f} s wall, {cpu:6.2f} s CPU, {mib:5d} MiB peak, "
              f"images processed: {processed}", flush=True)


if __name__ == "__main__":
    main()
