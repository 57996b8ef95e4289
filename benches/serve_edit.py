#!/usr/bin/env python3
"""Edit-to-served latency of `broadsheet serve` (and `hugo server`, to compare).

    python3 benches/serve_edit.py SITE [--edits 20] [--binary target/release/broadsheet]
    python3 benches/serve_edit.py HUGO_SITE --hugo /opt/hugo-venv/bin/hugo

Starts the server on a free port, then edits one article N times: each edit
appends a unique sentence, and the time is measured from the write until the
article's page, fetched over HTTP, shows the sentence (polling every 2 ms).
Prints the median, min and max, and the server's report of a no-op save.
"""

import argparse
import glob
import os
import re
import socket
import statistics
import subprocess
import threading
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--binary", default="target/release/broadsheet")
    ap.add_argument("--hugo")
    args = ap.parse_args()
    log = []
    if args.hugo:
        port = free_port()
        cmd = [args.hugo, "server", "-s", args.site, "--port", str(port), "--bind", "127.0.0.1"]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        url = "http://127.0.0.1:%d/" % port
        ready = "Web Server is available"
    else:
        proc = subprocess.Popen([args.binary, "serve", "--port", "0", "--root", args.site],
                                stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        url, ready = None, "Serving http://"
    stream = proc.stdout if args.hugo else proc.stderr
    t0 = time.time()
    for line in stream:
        log.append(line)
        if ready in line:
            if not url:
                url = re.search(r"(http://\S+)", line).group(1)
            break
    startup = time.time() - t0
    threading.Thread(target=lambda: [log.append(l) for l in stream], daemon=True).start()
    files = sorted(glob.glob(os.path.join(args.site, "content/articles/**/*.md"), recursive=True))
    target = files[len(files) // 2]
    slug = os.path.basename(target)[:-3]
    page = "articles/%s/" % slug
    original = open(target, encoding="utf-8").read()

    def fetch():
        try:
            with urllib.request.urlopen(url + page, timeout=10) as r:
                return r.read().decode()
        except Exception:
            return ""

    times = []
    try:
        fetch()
        for i in range(args.edits):
            marker = "Edit number %d, made at %.6f." % (i, time.time())
            text = original.rstrip("\n") + "\n\n" + marker + "\n"
            start = time.perf_counter()
            with open(target, "w", encoding="utf-8") as f:
                f.write(text)
            while marker not in fetch():
                time.sleep(0.002)
            times.append((time.perf_counter() - start) * 1000)
            time.sleep(0.3)
        before = len(log)
        with open(target, "w", encoding="utf-8") as f:  # a save that changes nothing
            f.write(text)
        time.sleep(1.0)
        noop = "".join(log[before:]).strip()
    finally:
        with open(target, "w", encoding="utf-8") as f:
            f.write(original)
        time.sleep(0.5)
        proc.terminate()
        proc.wait()
    print("server ready after %.2f s" % startup)
    print("edit -> served: median %.0f ms, min %.0f ms, max %.0f ms (%d edits)" % (
        statistics.median(times), min(times), max(times), len(times)))
    print("no-op save: %s" % (noop.splitlines()[-1] if noop else "(nothing)"))


if __name__ == "__main__":
    main()
