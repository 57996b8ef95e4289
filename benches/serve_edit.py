import subprocess, sys, time, re, os, statistics, urllib.request, glob
site = sys.argv[1]; binary = sys.argv[2]; n = int(sys.argv[3]) if len(sys.argv) > 3 else 20
p = subprocess.Popen([binary, "serve", "--port", "0", "--timings", "--root", site], stderr=subprocess.PIPE, text=True)
url = None
t0 = time.time()
for line in p.stderr:
    m = re.search(r"Serving (http://\S+)", line)
    if m: url = m.group(1); break
startup = time.time() - t0
files = sorted(glob.glob(os.path.join(site, "content/articles/*.md")))
target = files[len(files)//2]
orig = open(target).read()
slug = os.path.basename(target)[:-3]
import threading
log = []
threading.Thread(target=lambda: [log.append(l) for l in p.stderr], daemon=True).start()
def fetch(path):
    with urllib.request.urlopen(url + path) as r: return r.read().decode()
times = []
try:
    fetch("articles/%s/" % slug)
    for i in range(n):
        marker = "Edit number %d at %f." % (i, time.time())
        text = orig.replace("+++\n", "+++\n" + marker + "\n\n", 1) if False else orig.rstrip("\n") + "\n\n" + marker + "\n"
        t = time.perf_counter()
        with open(target, "w") as f: f.write(text)
        while marker not in fetch("articles/%s/" % slug):
            time.sleep(0.002)
        times.append((time.perf_counter() - t) * 1000)
        time.sleep(0.3)
    # no-op save
    with open(target, "w") as f: f.write(text)
    time.sleep(0.5)
finally:
    with open(target, "w") as f: f.write(orig)
    time.sleep(0.5)
    p.terminate(); p.wait()
print("startup %.2f s" % startup)
print("edit->served ms: median %.1f  min %.1f  max %.1f  (n=%d)" % (statistics.median(times), min(times), max(times), len(times)))
print("noop save:", log[-2].strip() if len(log) >= 2 else log)
print("".join(log[-40:]))
