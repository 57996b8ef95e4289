// Drives headless Chromium through the search page of a served site, over
// the DevTools protocol on a pipe (no WebSocket, no dependency). Called by
// tests/search_browser.sh; exits non-zero on the first failure.
//
//   node tests/search/browser.mjs http://127.0.0.1:PORT/search/ [chromium]
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const [pageUrl, binary = "chromium"] = process.argv.slice(2);
if (!pageUrl) {
  console.error("usage: node tests/search/browser.mjs URL [chromium]");
  process.exit(2);
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-chromium-"));
const browser = spawn(
  binary,
  [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    `--user-data-dir=${profile}`,
    "--remote-debugging-pipe",
    "about:blank",
  ],
  { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] },
);
let stderr = "";
browser.stderr.on("data", (d) => {
  stderr += d;
});

// The protocol: JSON messages ending in a NUL byte, commands on fd 3, replies and events on fd 4.
let nextId = 1;
const pending = new Map();
const listeners = [];
let buffer = "";
browser.stdio[4].on("data", (chunk) => {
  buffer += chunk.toString("utf8");
  let end;
  while ((end = buffer.indexOf("\0")) >= 0) {
    const message = JSON.parse(buffer.slice(0, end));
    buffer = buffer.slice(end + 1);
    if (message.id && pending.has(message.id)) {
      const { resolve, reject } = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) reject(new Error(`${message.error.message} (${message.error.code})`));
      else resolve(message.result);
    } else {
      for (const f of listeners) f(message);
    }
  }
});

function send(method, params = {}, sessionId) {
  const id = nextId++;
  const message = { id, method, params, ...(sessionId ? { sessionId } : {}) };
  browser.stdio[3].write(`${JSON.stringify(message)}\0`);
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const problems = [];
  listeners.push((m) => {
    if (m.method === "Runtime.exceptionThrown") problems.push(`exception: ${m.params.exceptionDetails.text}`);
    if (m.method === "Page.javascriptDialogOpening") problems.push(`a dialog opened: ${m.params.message}`);
    if (m.method === "Runtime.consoleAPICalled" && m.params.type === "error") {
      problems.push(`console error: ${m.params.args.map((a) => a.value).join(" ")}`);
    }
  });
  const { targetId } = await send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
  const cmd = (method, params) => send(method, params, sessionId);
  await cmd("Page.enable");
  await cmd("Runtime.enable");

  const evaluate = async (expression) => {
    const r = await cmd("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails) throw new Error(`${expression}: ${r.exceptionDetails.text}`);
    return r.result.value;
  };
  const until = async (what, expression, ms = 10000) => {
    const start = Date.now();
    for (;;) {
      const value = await evaluate(expression);
      if (value) return value;
      if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}: ${expression}`);
      await sleep(50);
    }
  };
  const load = async (url) => {
    const loaded = new Promise((resolve) => {
      const f = (m) => {
        if (m.method === "Page.loadEventFired" && m.sessionId === sessionId) {
          listeners.splice(listeners.indexOf(f), 1);
          resolve();
        }
      };
      listeners.push(f);
    });
    await cmd("Page.navigate", { url });
    await loaded;
  };
  const key = async (name, code, keyCode) => {
    const base = { key: name, code, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode };
    await cmd("Input.dispatchKeyEvent", { type: "rawKeyDown", ...base });
    await cmd("Input.dispatchKeyEvent", { type: "keyUp", ...base });
  };
  const type = async (text) => {
    for (const c of text) {
      await cmd("Input.dispatchKeyEvent", { type: "keyDown", key: c, text: c, unmodifiedText: c });
      await cmd("Input.dispatchKeyEvent", { type: "keyUp", key: c });
      await sleep(30);
    }
  };
  const results = `[...document.querySelectorAll("#search-results .card-title")].map((h) => h.textContent)`;
  const status = `document.getElementById("search-status").textContent`;
  const active = `document.activeElement.id || document.activeElement.textContent`;

  // 1. The page shows its form and waits for words.
  await load(pageUrl);
  await until("the form", `!document.getElementById("search").hidden`);
  await until("the status", `/Type to search 12 articles/.test(${status})`);

  // 2. Typing searches as you type; the last word is a prefix; hits are marked.
  await evaluate(`document.getElementById("search-q").focus()`);
  await type("harb");
  await until("results for harb", `${results}.length === 2`);
  assert.deepEqual(await evaluate(results), [
    "Storm damages the Port Aldwin harbour wall",
    "Council approves repairs to the sea wall",
  ]);
  assert.equal(await evaluate(`document.querySelector("#search-results mark").textContent`), "harbour");
  assert.match(await evaluate(status), /^2 articles for “harb”\.$/);
  assert.equal(await evaluate("location.search"), "?q=harb");

  // 3. Keyboard: Down into the results, Down, Up, Up back to the box, Escape clears.
  await key("ArrowDown", "ArrowDown", 40);
  assert.equal(await evaluate(active), "Storm damages the Port Aldwin harbour wall");
  await key("ArrowDown", "ArrowDown", 40);
  assert.equal(await evaluate(active), "Council approves repairs to the sea wall");
  await key("ArrowUp", "ArrowUp", 38);
  await key("ArrowUp", "ArrowUp", 38);
  assert.equal(await evaluate(active), "search-q");
  await key("Escape", "Escape", 27);
  await until("cleared results", `${results}.length === 0 && document.getElementById("search-q").value === ""`);

  // 4. A filter narrows the results.
  await type("wall");
  await until("results for wall", `${results}.length === 2`);
  await evaluate(`(() => { const s = document.getElementById("search-tags"); s.value = "council"; s.dispatchEvent(new Event("change")); })()`);
  await until("filtered results", `${results}.length === 1`);
  assert.deepEqual(await evaluate(results), ["Council approves repairs to the sea wall"]);
  assert.equal(await evaluate("location.search"), "?q=wall&tags=council");

  // 5. ?q= in the address; markup in content stays text; no hits is said plainly.
  await load(`${pageUrl}?q=onerror`);
  await until("the markup result", `${results}.length === 1`);
  assert.equal(await evaluate(results + "[0]"), "Markup <img src=x onerror=alert(1)> in a headline");
  assert.equal(await evaluate(`document.querySelectorAll("#search-results img, #search-results script").length`), 0);
  assert.equal(await evaluate(`document.querySelector("#search-results .tags li").textContent`), "<script>alert(2)</script>");
  await load(`${pageUrl}?q=${encodeURIComponent("Zürich café")}`);
  await until("Zürich", `${results}.length === 1`);
  assert.deepEqual(await evaluate(`[...document.querySelectorAll("#search-results h2 mark")].map((m) => m.textContent)`), ["Café", "Zürich"]);
  await load(`${pageUrl}?q=xylophone`);
  await until("no hits", `/No articles match “xylophone”/.test(${status})`);

  // 6. More than ten results: ten, then the others on demand, focus on the first new one.
  await load(`${pageUrl}?q=example`);
  await until("ten results", `${results}.length === 10`);
  assert.match(await evaluate(status), /^12 articles for “example”\.$/);
  await evaluate(`document.getElementById("search-more").click()`);
  await until("twelve results", `${results}.length === 12 && document.getElementById("search-more").hidden`);
  assert.equal(await evaluate(active), await evaluate(results + "[10]"));

  // 7. Without JavaScript the page says so, and hides the form that would do nothing.
  await cmd("Emulation.setScriptExecutionDisabled", { value: true });
  await load(pageUrl);
  assert.match(await evaluate(`document.body.innerText`), /Search runs in your browser and needs JavaScript, which is turned off/);
  assert.equal(await evaluate(`getComputedStyle(document.getElementById("search")).display`), "none");

  assert.deepEqual(problems, []);
}

const timeout = setTimeout(() => {
  console.error("search_browser: timed out after 90 s");
  browser.kill("SIGKILL");
  process.exit(1);
}, 90000);
try {
  await main();
  console.log("search_browser: typing, prefixes, highlights, keyboard, filters, ?q=, markup and no-JavaScript: ok");
  process.exitCode = 0;
} catch (error) {
  console.error(`search_browser: FAILED: ${error.stack || error}`);
  if (stderr.trim()) console.error(`chromium said:\n${stderr.slice(-2000)}`);
  process.exitCode = 1;
} finally {
  clearTimeout(timeout);
  try {
    await Promise.race([send("Browser.close"), sleep(2000)]);
  } catch {
    // already gone
  }
  if (browser.exitCode === null && browser.signalCode === null) {
    const exited = new Promise((resolve) => browser.once("exit", resolve));
    browser.kill("SIGKILL");
    await Promise.race([exited, sleep(5000)]);
  }
  try {
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  } catch {
    // a leftover profile in the temporary folder fails nothing
  }
}
