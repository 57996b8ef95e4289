// The search page's script against a built index: `node --test tests/search/`.
//
// Builds tests/search/site (copied into a temporary folder) with the
// broadsheet binary ($BROADSHEET, else `cargo run`), then runs the script's
// search on the shards read from disk. The tokeniser and the stemmer are
// checked against fixtures that tests/cli/search.rs checks against Rust.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { before, describe, test } from "node:test";
import { REPO, diskLoader, loadScript, manifestUrl } from "./module.mjs";

const NOW = "2025-07-22T12:00:00Z";

/** Builds the site at `root` into `out`. */
function build(root, out) {
  const args = ["build", "--quiet", "--root", root, "--output-dir", out, "--now", NOW];
  if (process.env.BROADSHEET) execFileSync(process.env.BROADSHEET, args, { stdio: "inherit" });
  else execFileSync("cargo", ["run", "--quiet", "--locked", "--", ...args], { cwd: REPO, stdio: "inherit" });
}

let S; // the script's exports
let out; // the fixture site's output folder

before(async () => {
  S = await loadScript();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-search-site-"));
  fs.cpSync(path.join(REPO, "tests/search/site"), path.join(tmp, "site"), { recursive: true });
  out = path.join(tmp, "public");
  build(path.join(tmp, "site"), out);
});

/** A fresh index over the fixture site, and the files it reads. */
function open() {
  const disk = diskLoader();
  return { index: new S.SearchIndex(manifestUrl(out), disk.load), files: disk.files };
}

/** The titles of the results of `query`, best first. */
async function titles(query, filters = {}) {
  const { index } = open();
  const result = await index.search(query, filters);
  const docs = await index.documents(result.ids);
  return docs.map((d) => d.title);
}

const STORM = "Storm damages the Port Aldwin harbour wall";
const COUNCIL = "Council approves repairs to the sea wall";
const ZURICH = "Café culture returns to Zürich";

describe("terms: the same as the index's", () => {
  test("the stemmer agrees with rust-stemmers on the word list", () => {
    const lines = fs.readFileSync(path.join(REPO, "tests/search/fixtures/stems.tsv"), "utf8").split("\n");
    let checked = 0;
    const wrong = [];
    for (const line of lines) {
      if (!line) continue;
      const [word, stem = word] = line.split("\t");
      if (S.stem(word) !== stem) wrong.push(`${word}: js ${S.stem(word)}, rust ${stem}`);
      checked++;
    }
    assert.ok(checked > 9000, `${checked} words`);
    assert.deepEqual(wrong, []);
  });

  test("the tokeniser agrees with src/text.rs on every kind of text", () => {
    const fixture = JSON.parse(fs.readFileSync(path.join(REPO, "tests/search/fixtures/tokens.json"), "utf8"));
    assert.ok(fixture.length >= 10);
    for (const [text, terms] of fixture) assert.deepEqual(S.terms(text), terms, text);
  });

  test("folding lowercases and strips Latin diacritics only", () => {
    assert.equal(S.fold("Zürich"), "zurich");
    assert.equal(S.fold("ÉCONOMIE"), "economie");
    assert.equal(S.fold("Straße"), "strasse");
    assert.equal(S.fold("Москва"), "москва");
    assert.equal(S.fold("ΟΔΟΣ"), "οδοσ"); // character by character, as Rust's char::to_lowercase
  });

  test("a query's last word is a prefix while it is typed", () => {
    const [word] = S.parseQuery("Negotiat");
    assert.deepEqual(word.exact, ["negotiat"]);
    assert.deepEqual(word.prefixes, ["negotiat"]);
    assert.deepEqual(word.stems, ["negotia", "negoti", "negot", "nego"], "its suffix may be half typed");
    assert.deepEqual(S.parseQuery("Attacks")[0].prefixes, ["attack", "attacks"]);
    const done = S.parseQuery("negotiations ");
    assert.deepEqual(done.map((g) => [g.exact, g.prefixes]), [[["negoti"], []]]);
    assert.deepEqual(S.parseQuery("the "), [], "a stop word alone is no word");
    assert.deepEqual(S.parseQuery("the")[0].prefixes, ["the"], "but it may begin one");
    assert.deepEqual(S.parseQuery("ha")[0].prefixes, [], "two letters are too few to expand");
    assert.ok(S.parseQuery("inflati")[0].stems.includes("inflat"), "a half-typed suffix");
  });
});

describe("search over the fixture site's index", () => {
  test("exact words, in any field; the headline counts most", async () => {
    assert.deepEqual(await titles("harbour "), [STORM, COUNCIL]);
    assert.deepEqual(await titles("waterline "), [STORM], "body");
    assert.deepEqual(await titles("divers "), [STORM], "front matter summary");
    assert.deepEqual(await titles("espresso "), [ZURICH]);
    assert.deepEqual(await titles("harbour wall"), [STORM, COUNCIL], "every word");
  });

  test("prefixes of the word being typed", async () => {
    assert.deepEqual(await titles("harb"), [STORM, COUNCIL]);
    assert.deepEqual(await titles("negot"), ["Negotiators resume talks on the fishing quota"]);
    assert.deepEqual(await titles("inflati"), ["Inflation falls to two percent"], "stem shorter than the word");
    assert.deepEqual(await titles("harb "), [], "a finished word is not a prefix");
  });

  test("stemmed forms find each other", async () => {
    assert.deepEqual(await titles("attacked "), ["Drone attacks on the capital"]);
    assert.deepEqual(await titles("negotiating "), ["Negotiators resume talks on the fishing quota"]);
    assert.deepEqual(await titles("inflationary "), ["Inflation falls to two percent"]);
    assert.deepEqual(await titles("runner "), ["Marathon runners brave the heat"]);
  });

  test("tags and sources: as words and as filters", async () => {
    assert.deepEqual(await titles("switzerland "), [ZURICH]);
    assert.deepEqual(await titles("harbourtimes "), [STORM]);
    assert.deepEqual(await titles("wall", { tags: "council" }), [COUNCIL]);
    assert.deepEqual(await titles("", { tags: "weather" }), ["Marathon runners brave the heat", STORM], "newest first");
    assert.deepEqual(await titles("", { tags: "weather", sources: "sportsdesk-example" }), [
      "Marathon runners brave the heat",
    ]);
    assert.deepEqual(await titles("storm", { tags: "council" }), []);
    assert.deepEqual(await titles("", { tags: "../../index" }), [], "only slugs are fetched");
  });

  test("diacritics and scripts", async () => {
    assert.deepEqual(await titles("zurich "), [ZURICH]);
    assert.deepEqual(await titles("ZÜRICH "), [ZURICH]);
    assert.deepEqual(await titles("cafe"), [ZURICH]);
    assert.deepEqual(await titles("über "), [ZURICH]);
    assert.deepEqual(await titles("москвы "), ["Новости Москвы: the river festival"]);
    assert.deepEqual(await titles("covid 19"), ["COVID-19 cases rise again in 2025"]);
  });

  test("an empty query reads nothing but the manifest", async () => {
    const { index, files } = open();
    const result = await index.search("");
    assert.equal(result.total, 0);
    assert.equal(result.groups.length, 0);
    assert.deepEqual(
      files.map((f) => path.basename(f.file)),
      ["index.json"],
    );
    assert.equal((await index.search("  the  ")).total, 0);
  });

  test("a query with no hits", async () => {
    const { index } = open();
    const result = await index.search("xylophone ");
    assert.equal(result.total, 0);
    assert.equal(result.partial, false);
    assert.deepEqual(await titles("zeppelin "), [], "drafts are not searched");
    assert.deepEqual(await titles("quokka "), [], "nor duplicates");
  });

  test("when no article has every word, those with some are given", async () => {
    const { index } = open();
    const result = await index.search("harbour xylophone ");
    assert.equal(result.partial, true);
    assert.equal(result.total, 2);
  });

  test("a query reads only the shards of its words", async () => {
    const { index, files } = open();
    await index.search("espresso ");
    const shards = files.filter((f) => f.file.includes("/terms/"));
    assert.equal(shards.length, 1);
    assert.ok(index.manifest.shards.length > 3);
  });

  test("every term is in the shard the manifest sends it to", async () => {
    const { index } = open();
    await index.open();
    for (let i = 0; i < index.manifest.shards.length; i++) {
      for (const term of (await index.shard(i)).keys()) assert.equal(index.shardOf(term), i, term);
    }
  });

  test("results carry their metadata, markup as plain text", async () => {
    const { index } = open();
    const result = await index.search("onerror ");
    const [doc] = await index.documents(result.ids);
    assert.equal(doc.title, "Markup <img src=x onerror=alert(1)> in a headline");
    assert.equal(doc.url, "/articles/markup/");
    assert.deepEqual(doc.tags, ["<script>alert(2)</script>"]);
    const [storm] = await index.documents([0]);
    assert.equal(storm.day, "1 July 2025");
    assert.equal(storm.source, "harbourtimes.example");
  });

  test("highlighting marks the words that match, as the index matches them", () => {
    const groups = S.parseQuery("zurich cafe");
    const pieces = S.highlight("Café culture returns to Zürich", groups);
    assert.deepEqual(
      pieces.filter((p) => p.hit).map((p) => p.text),
      ["Café", "Zürich"],
    );
    assert.equal(pieces.map((p) => p.text).join(""), "Café culture returns to Zürich");
    const typed = S.highlight("Negotiations and negotiators", S.parseQuery("negotiat"));
    assert.deepEqual(typed.filter((p) => p.hit).map((p) => p.text), ["Negotiations", "negotiators"]);
    const stop = S.highlight("the theatre", S.parseQuery("the"));
    assert.deepEqual(stop.filter((p) => p.hit).map((p) => p.text), ["theatre"]);
  });
});

describe("a large index", () => {
  let big;
  before(() => {
    // 60 articles share "common"; a term keeps 10 documents at most.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-search-big-"));
    const root = path.join(tmp, "site");
    fs.mkdirSync(path.join(root, "content/articles"), { recursive: true });
    fs.writeFileSync(
      path.join(root, "config.toml"),
      'title = "Big"\nbase_url = "https://big.example/"\n[search]\nmax_postings = 10\nmax_shard_size = 2048\n',
    );
    for (let i = 0; i < 60; i++) {
      const day = String(1 + (i % 28)).padStart(2, "0");
      const tag = i % 2 ? "Odd" : "Even";
      const extra = i === 7 ? " common common common" : "";
      fs.writeFileSync(
        path.join(root, `content/articles/a-${i}.md`),
        `+++\ntitle = "Story ${i}"\ndate = 2025-06-${day}T${String(i % 24).padStart(2, "0")}:00:00Z\ntags = ["${tag}"]\n+++\nA common word${extra}, and number${i}.\n`,
      );
    }
    big = path.join(tmp, "public");
    build(root, big);
  });

  test("a common word keeps its best documents and says so", async () => {
    const disk = diskLoader();
    const index = new S.SearchIndex(manifestUrl(big), disk.load);
    const result = await index.search("common ");
    assert.equal(result.total, 10);
    assert.equal(result.truncated, true);
    const [best] = await index.documents(result.ids.slice(0, 1));
    assert.equal(best.title, "Story 7", "the most occurrences first");
    const rare = await index.search("number42 ");
    assert.equal(rare.total, 1);
    assert.equal(rare.truncated, false);
  });

  test("filters alone list every document of their term, newest first", async () => {
    const index = new S.SearchIndex(manifestUrl(big), diskLoader().load);
    const result = await index.search("", { tags: "odd" });
    assert.equal(result.total, 30);
    assert.deepEqual(result.ids, [...result.ids].sort((a, b) => b - a));
  });

  test("ten results read at most ten document files", async () => {
    const disk = diskLoader();
    const index = new S.SearchIndex(manifestUrl(big), disk.load);
    const result = await index.search("common ");
    await index.documents(result.ids.slice(0, 10));
    const docs = disk.files.filter((f) => f.file.includes("/docs/"));
    assert.ok(docs.length <= 10 && docs.length > 0);
  });
});
