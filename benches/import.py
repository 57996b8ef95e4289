#!/usr/bin/env python3
"""Benchmark of `broadsheet import` alone, on generated raw articles.

    python3 benches/import.py [--sizes 10000] [--runs 5] [--against OTHER_BINARY]
                              [--instructions 1000] [--no-build] [--work DIR]

For each size it generates raw articles with ../shared/bench/gen_corpus.py
(seed 1; the first 1,000 of a 10,000 corpus are the 1,000 corpus), then imports
them into a new site (on tmpfs) `--runs` times and reports the medians of wall
time, user and system CPU time and peak memory (/usr/bin/time).

Other builds often share the machine, so wall times are noisy:
- `--against` alternates each run with another binary (say, a release build of
  main copied aside), so both see the same load; compare user time too.
- `--instructions N` counts the instructions of importing N articles under
  `valgrind --tool=callgrind` (slow, but stable to a fraction of a percent).
  Valgrind hides the SHA extensions, so SHA-256 costs more there than natively.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEN = ROOT.parent / "shared" / "bench" / "gen_corpus.py"


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def generate(n, out):
    if out.exists() and any(out.iterdir()):
        return
    out.mkdir(parents=True, exist_ok=True)
    run([sys.executable, str(GEN), "--n", str(n), "--seed", "1", "--format", "raw", "--out", str(out)],
        stdout=subprocess.DEVNULL)


def new_site(binary, site):
    shutil.rmtree(site, ignore_errors=True)
    run([binary, "init", "--quiet", str(site)])


def timed_import(binary, site, raw):
    """Imports `raw` into a new `site`; returns (wall s, user s, sys s, peak KiB)."""
    new_site(binary, site)
    p = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", binary, "import", "--quiet",
                        "--root", str(site), str(raw)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit("import failed:\n" + p.stderr[-2000:])
    wall, user, system, peak = p.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user), float(system), int(peak)


def instructions(binary, site, raw):
    """Instructions executed by importing `raw` into a new `site`, under callgrind."""
    new_site(binary, site)
    out = site.parent / "callgrind.out"
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + str(out),
                        binary, "import", "--quiet", "--root", str(site), str(raw)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    out.unlink(missing_ok=True)
    for line in p.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split(":")[-1].strip())
    sys.exit("callgrind failed:\n" + p.stderr[-2000:])


def report(label, results):
    med = lambda i: statistics.median(r[i] for r in results)
    print("%-24s wall %6.2f s   user %6.2f s   sys %5.2f s   peak %6.0f MiB   (median of %d)" % (
        label, med(0), med(1), med(2), med(3) / 1024, len(results)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--against", help="another broadsheet binary, timed alternately")
    ap.add_argument("--instructions", type=int, metavar="N",
                    help="also count the instructions of importing N articles (valgrind)")
    ap.add_argument("--work", default="/dev/shm/broadsheet-import-bench")
    ap.add_argument("--no-build", action="store_true", help="use the existing target/release binary")
    args = ap.parse_args()
    if not GEN.exists():
        sys.exit("needs %s (the shared benchmark material)" % GEN)
    if not args.no_build:
        run(["cargo", "build", "--release", "--quiet"], cwd=ROOT)
    binaries = {"this": str(ROOT / "target" / "release" / "broadsheet")}
    if args.against:
        binaries["against"] = os.path.abspath(args.against)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    site = work / "site"
    for n in [int(s) for s in args.sizes.split(",")]:
        raw = work / ("raw-%d" % n)
        generate(n, raw)
        results = {name: [] for name in binaries}
        for _ in range(args.runs):
            for name, binary in binaries.items():
                results[name].append(timed_import(binary, site, raw))
        for name in binaries:
            report("%d articles, %s" % (n, name), results[name])
    if args.instructions:
        if not shutil.which("valgrind"):
            sys.exit("--instructions needs valgrind")
        raw = work / ("raw-%d" % args.instructions)
        generate(args.instructions, raw)
        for name, binary in binaries.items():
            count = instructions(binary, site, raw)
            print("%d articles, %-10s %.3f G instructions" % (args.instructions, name, count / 1e9))
    shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
