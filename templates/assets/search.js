// Broadsheet search: the search page's script (an ES module, no dependencies).
//
// It reads the index that `broadsheet build` writes under search/ (see
// docs/search.md): the manifest first, then only the shards of the query's
// words, the filter files of the chosen filters, and the document files of
// the results shown. Words become terms exactly as the index made them
// (src/text.rs): runs of Unicode letters and digits, folded (lowercase,
// Latin diacritics removed), English stop words and one-letter words
// dropped, then the English Snowball (Porter2) stem. Tests check the tables
// below against the Rust code, and the stemmer against rust-stemmers.
//
// Everything shown comes from the site's content: it is inserted as text
// (textContent, text nodes, <mark> elements), never as HTML.

// ---- Terms: the index's tokeniser, in JavaScript ------------------------------------------

// fold() of every character from U+00C0 to U+024F (Latin-1 Supplement, Latin Extended-A and -B).
const LATIN = "a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o|×|o|u|u|u|u|y|th|ss|a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o|÷|o|u|u|u|u|y|th|y|a|a|a|a|a|a|c|c|c|c|c|c|c|c|d|d|d|d|e|e|e|e|e|e|e|e|e|e|g|g|g|g|g|g|g|g|h|h|h|h|i|i|i|i|i|i|i|i|i|i|ij|ij|j|j|k|k|k|l|l|l|l|l|l|l|l|l|l|n|n|n|n|n|n|ŉ|ng|ng|o|o|o|o|o|o|oe|oe|r|r|r|r|r|r|s|s|s|s|s|s|s|s|t|t|t|t|t|t|u|u|u|u|u|u|u|u|u|u|u|u|w|w|y|y|y|z|z|z|z|z|z|s|b|b|b|b|ƅ|ƅ|o|c|c|d|d|d|d|d|ǝ|ə|e|f|f|g|g|hv|i|i|k|k|l|l|w|n|n|o|o|o|oi|oi|p|p|yr|ƨ|ƨ|sh|sh|t|t|t|t|u|u|y|v|y|y|z|z|zh|zh|zh|zh|ƻ|ƽ|ƽ|ts|w|ǀ|ǁ|ǂ|ǃ|dz|dz|dz|lj|lj|lj|nj|nj|nj|a|a|i|i|o|o|u|u|u|u|u|u|u|u|u|u|ǝ|a|a|a|a|ae|ae|g|g|g|g|k|k|o|o|o|o|zh|zh|j|dz|dz|dz|g|g|hv|w|n|n|a|a|ae|ae|o|o|a|a|a|a|e|e|e|e|i|i|i|i|o|o|o|o|r|r|r|r|u|u|u|u|s|s|t|t|y|y|h|h|n|d|ou|ou|z|z|a|a|e|e|o|o|o|o|o|o|o|o|y|y|l|n|t|j|db|qp|a|c|c|l|t|s|z|ɂ|ɂ|b|u|ʌ|e|e|j|j|q|q|r|r|y|y";
const STOP_WORDS = "a about above across after afterwards again against ago all almost alone along already also although always am among amongst an and another any anyone anything anyway anywhere are around as at back be became because become becomes been before behind being below beside besides between beyond both but by can cannot could did do does doing done down during each either else elsewhere enough even ever every everyone everything everywhere except few for former formerly from further get gets got had has have having he hence her here hers herself him himself his how however i if in indeed into is it it's its itself just last latter least less let like made make many may me meanwhile might mine more moreover most mostly much must my myself neither never nevertheless next no nobody none nor not nothing now nowhere of off often on once one only onto or other others otherwise our ours ourselves out over own per perhaps rather really said same say says see seem seemed seems several she should since so some somehow someone something sometimes somewhere still such than that that's the their theirs them themselves then there there's thereby therefore these they this those though through throughout thus to together too toward towards under until up upon us very via was we well were what whatever when whenever where whereas wherever whether which while who whoever whole whom whose why will with within without would yes yet you your yours yourself yourselves";
const STOP = new Set(STOP_WORDS.split(" "));
const FOLD = LATIN.split("|");
const WORD = /[\p{Alphabetic}\p{N}]+/gu;

/** Lowercases `word` and removes diacritics from Latin letters (Zürich → zurich), as src/text.rs `fold`. */
export function fold(word) {
  let out = "";
  for (const c of word) {
    const cp = c.codePointAt(0);
    if (c === "\u2019" || c === "\u2018") out += "'";
    else if (cp >= 0xc0 && cp <= 0x24f) out += FOLD[cp - 0xc0];
    else out += c.toLowerCase();
  }
  return out;
}

/** True for an English stop word (expects a folded word). */
export function isStopWord(word) {
  return STOP.has(word);
}

const isAscii = (s) => /^[\x00-\x7f]*$/.test(s);

/** The words of `text` with their positions: runs of letters and digits. */
export function words(text) {
  return Array.from(text.matchAll(WORD), (m) => ({ word: m[0], start: m.index, end: m.index + m[0].length }));
}

/** The index term of one word, or null for a stop word or a one-letter word. */
export function term(word, language = "english") {
  if (word.length < 2 && isAscii(word)) return null;
  const folded = fold(word);
  if (STOP.has(folded)) return null;
  return language === "english" ? stem(folded) : folded;
}

/** The index terms of `text`, in order: what src/text.rs `index_terms` gives. */
export function terms(text, language = "english") {
  const out = [];
  for (const { word } of words(text)) {
    const t = term(word, language);
    if (t !== null) out.push(t);
  }
  return out;
}

// ---- The English Snowball stemmer (Porter2), as rust-stemmers 1.2 implements it -----------

const VOWELS = "aeiouy";
const isV = (c) => c !== undefined && VOWELS.includes(c);
const NOT_SHORT = "aeiouywxY";
const VALID_LI = "cdeghkmnrt";
const EXCEPTIONS = {
  skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie",
  idly: "idl", gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl",
  sky: "sky", news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes",
};
const EXCEPTIONS_2 = new Set(["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]);
const STEP_2 = [
  ["ization", "ize"], ["ational", "ate"], ["fulness", "ful"], ["ousness", "ous"], ["iveness", "ive"],
  ["tional", "tion"], ["biliti", "ble"], ["lessli", "less"],
  ["entli", "ent"], ["ation", "ate"], ["alism", "al"], ["aliti", "al"], ["ousli", "ous"], ["iviti", "ive"], ["fulli", "ful"],
  ["enci", "ence"], ["anci", "ance"], ["abli", "able"], ["izer", "ize"], ["ator", "ate"], ["alli", "al"],
  ["bli", "ble"], ["ogi", "og"], ["li", ""],
];
const STEP_3 = [
  ["ational", "ate"], ["tional", "tion"], ["alize", "al"], ["icate", "ic"], ["iciti", "ic"], ["ative", ""],
  ["ical", "ic"], ["ness", ""], ["ful", ""],
];
const STEP_4 = [
  "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion",
  "al", "er", "ic",
];

/** The English Snowball stem of a lowercase word (attacks → attack). */
export function stem(word) {
  if (Object.hasOwn(EXCEPTIONS, word)) return EXCEPTIONS[word];
  let w = Array.from(word);
  if (w.length < 3) return word;
  // Prelude: no initial apostrophe; y as a consonant becomes Y.
  if (w[0] === "'") w.shift();
  let yFound = false;
  for (let i = 0; i < w.length; i++) {
    if (w[i] === "y" && (i === 0 || isV(w[i - 1]))) {
      w[i] = "Y";
      yFound = true;
    }
  }
  // Regions: R1 after the first non-vowel that follows a vowel (or after a
  // known prefix), R2 the same within R1.
  const n = w.length;
  const afterVowelConsonant = (from) => {
    let i = from;
    while (i < n && !isV(w[i])) i++;
    if (i >= n) return n;
    while (i < n && isV(w[i])) i++;
    return i >= n ? n : i + 1;
  };
  let p1 = n;
  let p2 = n;
  const prefix = ["gener", "commun", "arsen"].find((p) => w.slice(0, p.length).join("") === p);
  if (prefix) p1 = prefix.length;
  else p1 = afterVowelConsonant(0);
  if (p1 < n || prefix) p2 = afterVowelConsonant(p1);

  const ends = (s) => w.length >= s.length && w.slice(w.length - s.length).join("") === s;
  const longest = (list) => list.find(([s]) => ends(s));
  const replace = (len, by) => {
    w = w.slice(0, w.length - len).concat(Array.from(by));
  };
  // A short syllable ends the word before position `k`.
  const shortv = (k) =>
    (k >= 3 && !NOT_SHORT.includes(w[k - 1]) && isV(w[k - 2]) && !isV(w[k - 3])) ||
    (k === 2 && !isV(w[1]) && isV(w[0]));

  // Step 1a
  if (ends("'s'")) replace(3, "");
  else if (ends("'s")) replace(2, "");
  else if (ends("'")) replace(1, "");
  if (ends("sses")) replace(4, "ss");
  else if (ends("ied") || ends("ies")) replace(3, w.length - 3 >= 2 ? "i" : "ie");
  else if (ends("us") || ends("ss")) {
    // unchanged
  } else if (ends("s")) {
    if (w.slice(0, w.length - 2).some(isV)) replace(1, "");
  }
  if (!EXCEPTIONS_2.has(w.join(""))) {
    // Step 1b
    const b = longest([["eedly"], ["ingly"], ["edly"], ["eed"], ["ing"], ["ed"]]);
    if (b) {
      const s = b[0];
      const k = w.length - s.length;
      if (s === "eed" || s === "eedly") {
        if (k >= p1) replace(s.length, "ee");
      } else if (w.slice(0, k).some(isV)) {
        replace(s.length, "");
        if (ends("at") || ends("bl") || ends("iz")) w.push("e");
        else if (["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"].some(ends)) w.pop();
        else if (w.length === p1 && shortv(w.length)) w.push("e");
      }
    }
    // Step 1c
    const last = w.length - 1;
    if ((w[last] === "y" || w[last] === "Y") && last >= 2 && !isV(w[last - 1])) w[last] = "i";
    // Step 2
    const s2 = longest(STEP_2);
    if (s2 && w.length - s2[0].length >= p1) {
      const k = w.length - s2[0].length;
      if (s2[0] === "ogi") {
        if (w[k - 1] === "l") replace(3, "og");
      } else if (s2[0] === "li") {
        if (k > 0 && VALID_LI.includes(w[k - 1])) replace(2, "");
      } else replace(s2[0].length, s2[1]);
    }
    // Step 3
    const s3 = longest(STEP_3);
    if (s3 && w.length - s3[0].length >= p1) {
      if (s3[0] !== "ative" || w.length - 5 >= p2) replace(s3[0].length, s3[1]);
    }
    // Step 4
    const s4 = STEP_4.find(ends);
    if (s4 && w.length - s4.length >= p2) {
      const k = w.length - s4.length;
      if (s4 !== "ion" || (k > 0 && (w[k - 1] === "s" || w[k - 1] === "t"))) replace(s4.length, "");
    }
    // Step 5
    const k = w.length - 1;
    if (w[k] === "e") {
      if (k >= p2 || (k >= p1 && !shortv(k))) w.pop();
    } else if (w[k] === "l") {
      if (k >= p2 && w[k - 1] === "l") w.pop();
    }
  }
  const out = w.join("");
  return yFound ? out.replaceAll("Y", "y") : out;
}

// ---- Queries ------------------------------------------------------------------------------

/** Most terms a prefix (the word being typed) expands to: the most frequent. */
const MAX_EXPANSIONS = 20;
/** Most shards read to expand one prefix. */
const MAX_PREFIX_SHARDS = 2;
/** Shortest word (in characters) expanded as a prefix while it is typed. */
const MIN_PREFIX = 3;
/** A partly typed suffix: the index may hold the stem, up to this many characters shorter. */
const MAX_TYPED_SUFFIX = 4;
/** A prefix match (not the word itself) counts this much of an exact match. */
const PREFIX_WEIGHT = 0.7;

/**
 * The words of a query, each with the terms it matches (`exact`). The last
 * word, when the query does not end with a space, is still being typed: it
 * also matches the terms that start with it (`prefixes`: its stem, or the
 * word folded) and, as its suffix may be half typed (`inflati`), the terms
 * it starts with (`stems`: `inflat`).
 */
export function parseQuery(query, language = "english") {
  const list = words(query);
  const open = list.length > 0 && list[list.length - 1].end === query.length;
  const groups = [];
  list.forEach(({ word }, i) => {
    const typing = open && i === list.length - 1;
    if (word.length < 2 && isAscii(word)) return;
    const folded = fold(word);
    const stemmed = language === "english" ? stem(folded) : folded;
    const exact = STOP.has(folded) ? [] : [stemmed];
    const chars = Array.from(folded);
    const expand = typing && chars.length >= MIN_PREFIX;
    const prefixes = expand ? [...new Set([stemmed, folded])] : [];
    const stems = [];
    if (expand && language === "english") {
      for (let n = chars.length - 1; n >= Math.max(MIN_PREFIX, chars.length - MAX_TYPED_SUFFIX); n--) {
        const head = chars.slice(0, n).join("");
        if (!exact.includes(head) && !STOP.has(head)) stems.push(head);
      }
    }
    if (exact.length === 0 && prefixes.length === 0) return;
    const same = exact.length > 0 && groups.find((g) => g.exact.join() === exact.join());
    if (same) {
      same.prefixes = [...new Set([...same.prefixes, ...prefixes])];
      same.stems = [...new Set([...same.stems, ...stems])];
    } else groups.push({ word, exact, prefixes, stems });
  });
  return groups;
}

/** Compares strings by code point, as Rust sorts them. */
export function compareTerms(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i);
    const y = b.codePointAt(i);
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

function varint(bytes, at) {
  let n = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at.pos++];
    n += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return n;
    shift += 7;
  }
}

const utf8 = new TextDecoder();

/** Decodes a shard: a Map from term to `{df, weight, kept, bytes}` (postings still packed). */
export function decodeShard(buffer) {
  const bytes = new Uint8Array(buffer);
  const at = { pos: 0 };
  const count = varint(bytes, at);
  const terms = new Map();
  let previous = new Uint8Array(0);
  for (let i = 0; i < count; i++) {
    const shared = varint(bytes, at);
    const len = varint(bytes, at);
    const raw = new Uint8Array(shared + len);
    raw.set(previous.subarray(0, shared));
    raw.set(bytes.subarray(at.pos, at.pos + len), shared);
    at.pos += len;
    const df = varint(bytes, at);
    const weight = varint(bytes, at) / 1000;
    const kept = varint(bytes, at);
    const size = varint(bytes, at);
    terms.set(utf8.decode(raw), { df, weight, kept, bytes: bytes.subarray(at.pos, at.pos + size) });
    at.pos += size;
    previous = raw;
  }
  return terms;
}

/** The postings of a decoded term: `[document, score]` pairs, by document. */
export function postings(entry) {
  const out = [];
  const at = { pos: 0 };
  let doc = 0;
  while (at.pos < entry.bytes.length) {
    doc += varint(entry.bytes, at);
    out.push([doc, (entry.weight * entry.bytes[at.pos++]) / 255]);
  }
  return out;
}

/** Decodes a filter file: its documents, ascending. */
export function decodeDocs(buffer) {
  const bytes = new Uint8Array(buffer);
  const at = { pos: 0 };
  const out = [];
  let doc = 0;
  while (at.pos < bytes.length) {
    doc += varint(bytes, at);
    out.push(doc);
  }
  return out;
}

/** Loads a file of the index over HTTP: JSON, or bytes as an ArrayBuffer; a missing file is null. */
async function fetchFile(url, type) {
  // A shard's address names its version; other files keep their name when they change.
  const response = await fetch(url, { cache: url.includes("?v=") ? "default" : "no-cache" });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return type === "json" ? response.json() : response.arrayBuffer();
}

/** A search index, read lazily: each file at most once. */
export class SearchIndex {
  /**
   * `manifestUrl` is the address of search/index.json; `load(url, type)`
   * reads a file ("json" or "bytes"), resolving to null when it is missing.
   */
  constructor(manifestUrl, load = fetchFile) {
    this.manifestUrl = manifestUrl;
    this.load = load;
    this.files = new Map();
    this.shards = new Map();
    this.manifest = null;
  }

  file(path, type) {
    if (!this.files.has(path)) {
      const url = new URL(path, this.manifestUrl).href;
      const promise = this.load(url, type);
      promise.catch(() => this.files.delete(path)); // try again next time
      this.files.set(path, promise);
    }
    return this.files.get(path);
  }

  async open() {
    if (!this.manifest) {
      const manifest = await this.load(this.manifestUrl, "json");
      if (!manifest || manifest.version !== 1) throw new Error("this search index is missing or of another version");
      this.manifest = manifest;
    }
    return this.manifest;
  }

  /** The index of the shard that holds `term`. */
  shardOf(term) {
    const shards = this.manifest.shards;
    let lo = 0;
    let hi = shards.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (compareTerms(shards[mid], term) <= 0) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Shard `i`, decoded. */
  shard(i) {
    const key = `terms/${i}.bin?v=${this.manifest.versions[i]}`;
    if (!this.shards.has(key)) {
      this.shards.set(
        key,
        this.file(key, "bytes").then((b) => (b ? decodeShard(b) : new Map())),
      );
    }
    return this.shards.get(key);
  }

  /** The entry of `term` in the index, or undefined. */
  async lookup(term) {
    if (this.manifest.shards.length === 0) return undefined;
    return (await this.shard(this.shardOf(term))).get(term);
  }

  /** The terms a word matches: `{term, entry, weight}`. */
  async expand(group) {
    const found = new Map();
    for (const t of group.exact) {
      const entry = await this.lookup(t);
      if (entry) found.set(t, { term: t, entry, weight: 1 });
    }
    const near = [];
    for (const t of group.stems) {
      const entry = await this.lookup(t);
      if (entry) near.push({ term: t, entry, weight: PREFIX_WEIGHT });
    }
    const shards = this.manifest.shards;
    for (const p of group.prefixes) {
      if (shards.length === 0) break;
      const first = this.shardOf(p);
      for (let i = first; i < Math.min(first + MAX_PREFIX_SHARDS, shards.length); i++) {
        if (i > first && !shards[i].startsWith(p)) break;
        for (const [t, entry] of await this.shard(i)) {
          if (t.startsWith(p)) near.push({ term: t, entry, weight: PREFIX_WEIGHT });
        }
      }
    }
    near.sort((a, b) => b.entry.df - a.entry.df || compareTerms(a.term, b.term));
    for (const m of near) {
      if (found.size >= MAX_EXPANSIONS + group.exact.length) break;
      if (!found.has(m.term)) found.set(m.term, m);
    }
    return [...found.values()];
  }

  /** The documents of a filter term, as a Set. */
  async filterDocs(taxonomy, slug) {
    if (!this.manifest.filters.includes(taxonomy) || !/^[\p{L}\p{N}_-]+$/u.test(slug)) return new Set();
    const bytes = await this.file(`filters/${taxonomy}/${slug}.bin`, "bytes");
    return new Set(bytes ? decodeDocs(bytes) : []);
  }

  /**
   * Searches: `filters` maps a taxonomy name to a term slug. Resolves to
   * `{groups, ids, total, partial, truncated}`: `ids` are the documents,
   * best first. A document must match every word; when none does, the
   * documents matching most words are given (`partial`). `truncated` says
   * a word is so common that only its best documents were searched.
   */
  async search(query, filters = {}) {
    const manifest = await this.open();
    const groups = parseQuery(query, manifest.language);
    const active = Object.entries(filters).filter(([, slug]) => slug);
    const allowed = await Promise.all(active.map(([taxonomy, slug]) => this.filterDocs(taxonomy, slug)));
    const keep = (doc) => allowed.every((set) => set.has(doc));
    if (groups.length === 0) {
      if (allowed.length === 0) return { groups, ids: [], total: 0, partial: false, truncated: false };
      // Filters alone: their documents, newest first.
      const [smallest] = [...allowed].sort((a, b) => a.size - b.size);
      const ids = [...smallest].filter(keep).sort((a, b) => b - a);
      return { groups, ids, total: ids.length, partial: false, truncated: false };
    }
    const matches = await Promise.all(groups.map((g) => this.expand(g)));
    let truncated = false;
    const scores = new Map(); // document → [words matched, score]
    matches.forEach((terms) => {
      const best = new Map();
      for (const { entry, weight } of terms) {
        if (entry.kept < entry.df) truncated = true;
        for (const [doc, score] of postings(entry)) {
          const s = score * weight;
          if (!(best.get(doc) >= s)) best.set(doc, s);
        }
      }
      for (const [doc, s] of best) {
        const acc = scores.get(doc);
        if (acc) {
          acc[0] += 1;
          acc[1] += s;
        } else scores.set(doc, [1, s]);
      }
    });
    let ranked = [...scores].filter(([doc]) => keep(doc));
    const all = ranked.filter(([, [n]]) => n === groups.length);
    const partial = all.length === 0 && ranked.length > 0;
    if (!partial) ranked = all;
    ranked.sort((a, b) => b[1][0] - a[1][0] || b[1][1] - a[1][1] || b[0] - a[0]);
    const ids = ranked.map(([doc]) => doc);
    return { groups, ids, total: ids.length, partial, truncated };
  }

  /** The documents `ids` (title, url, date, day, source, tags, summary), in that order. */
  async documents(ids) {
    const per = (await this.open()).docs_per_file;
    const files = await Promise.all(
      ids.map((id) => this.file(`docs/${Math.floor(id / per)}.json`, "json")),
    );
    return ids.map((id, i) => ({ id, ...(files[i] ? files[i][id % per] : {}) }));
  }
}

/**
 * Splits `text` into `{text, hit}` pieces: a hit is a word that matches a
 * word of the query (`groups` from parseQuery) the way the index does.
 */
export function highlight(text, groups, language = "english") {
  const exact = new Set(groups.flatMap((g) => [...g.exact, ...g.stems]));
  const prefixes = groups.flatMap((g) => g.prefixes);
  const pieces = [];
  let at = 0;
  for (const { word, start, end } of words(text)) {
    const folded = fold(word);
    const t = term(word, language);
    // Stop words are never terms, so they never match.
    const hit = t !== null && (exact.has(t) || prefixes.some((p) => folded.startsWith(p) || t.startsWith(p)));
    if (!hit) continue;
    if (start > at) pieces.push({ text: text.slice(at, start), hit: false });
    pieces.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), hit: false });
  return pieces;
}

// ---- The page -----------------------------------------------------------------------------

/** Results shown at a time. */
const PAGE_SIZE = 10;

function el(name, className, text) {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Appends `text` to `parent`, its hits in <mark> elements. */
function appendHighlighted(parent, text, groups, language) {
  for (const piece of highlight(text, groups, language)) {
    parent.append(piece.hit ? el("mark", "", piece.text) : document.createTextNode(piece.text));
  }
}

function resultItem(doc, groups, language) {
  const li = el("li", "card search-result");
  const h2 = el("h2", "card-title");
  const a = el("a");
  // Addresses are the site's own (root-relative); anything else is not linked.
  if (typeof doc.url === "string" && doc.url.startsWith("/") && !doc.url.startsWith("//")) a.href = doc.url;
  appendHighlighted(a, String(doc.title ?? ""), groups, language);
  h2.append(a);
  li.append(h2);
  const meta = el("p", "meta");
  if (doc.date) {
    const time = el("time", "", String(doc.day ?? doc.date));
    time.dateTime = String(doc.date);
    meta.append(time);
  }
  if (doc.source) meta.append(" ", el("span", "source", String(doc.source)));
  li.append(meta);
  if (doc.summary) {
    const p = el("p", "card-summary");
    appendHighlighted(p, String(doc.summary), groups, language);
    li.append(p);
  }
  if (Array.isArray(doc.tags) && doc.tags.length > 0) {
    const ul = el("ul", "tags");
    ul.setAttribute("aria-label", "Tags");
    for (const tag of doc.tags) {
      const item = el("li");
      appendHighlighted(item, String(tag), groups, language);
      ul.append(item);
    }
    li.append(ul);
  }
  return li;
}

const number = (n) => n.toLocaleString("en");

/** Wires the search page: the form `#search` (with `data-index`), `#search-status`, `#search-results`, `#search-more`. */
export function init(root = document) {
  const form = root.getElementById("search");
  if (!form) return;
  const input = form.elements.namedItem("q");
  const status = root.getElementById("search-status");
  const list = root.getElementById("search-results");
  const more = root.getElementById("search-more");
  const selects = [...form.querySelectorAll("select[name]")];
  const index = new SearchIndex(new URL(form.dataset.index, document.baseURI).href);
  let current = null; // the search being shown
  let shown = 0;
  let seq = 0;
  let timer = 0;

  const filters = () => Object.fromEntries(selects.map((s) => [s.name, s.value]));
  const say = (text) => {
    status.textContent = text;
  };

  function updateUrl() {
    const params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value);
    for (const s of selects) if (s.value) params.set(s.name, s.value);
    const query = params.toString();
    history.replaceState(null, "", query ? `?${query}` : location.pathname);
  }

  /** The items of results `from` to `from + PAGE_SIZE` of `result`. */
  async function items(result, from) {
    const docs = await index.documents(result.ids.slice(from, from + PAGE_SIZE));
    return docs.map((doc) => resultItem(doc, result.groups, index.manifest.language));
  }

  async function run() {
    const mine = ++seq;
    updateUrl();
    const query = input.value;
    try {
      const result = await index.search(query, filters());
      const first = await items(result, 0);
      if (mine !== seq) return; // a newer search is under way
      current = result;
      shown = first.length;
      list.replaceChildren(...first);
      more.hidden = shown >= result.ids.length;
      const hasFilter = selects.some((s) => s.value);
      if (result.groups.length === 0 && !hasFilter) {
        say(query.trim() ? "Type a word to search." : `Type to search ${number(index.manifest.documents)} articles.`);
        return;
      }
      if (result.total === 0) {
        say(query.trim() ? `No articles match “${query.trim()}”.` : "No articles match these filters.");
        return;
      }
      let what = result.total === 1 ? "1 article" : `${number(result.total)} articles`;
      // A common word keeps only its most relevant articles: there may be more.
      if (result.truncated) what = `At least ${what}`;
      let text = query.trim() ? `${what} for “${query.trim()}”` : what;
      if (result.partial) text += " (none has every word: these have some)";
      say(`${text}.`);
    } catch (error) {
      if (mine === seq) say(`Search is unavailable: ${error.message}`);
    }
  }

  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  };

  form.hidden = false;
  input.addEventListener("input", later);
  for (const s of selects) s.addEventListener("change", run);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  more.addEventListener("click", async () => {
    const mine = seq;
    const next = await items(current, shown);
    if (mine !== seq) return;
    list.append(...next);
    shown += next.length;
    more.hidden = shown >= current.ids.length;
    next[0]?.querySelector("a")?.focus();
  });

  // Keyboard: Down from the box to the results, Up and Down between them, Escape back and clears.
  const links = () => [...list.querySelectorAll(".card-title a")];
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && links().length > 0) {
      event.preventDefault();
      links()[0].focus();
    } else if (event.key === "Escape" && input.value) {
      event.preventDefault();
      input.value = "";
      run();
    }
  });
  list.addEventListener("keydown", (event) => {
    const all = links();
    const i = all.indexOf(document.activeElement);
    if (i < 0) return;
    if (event.key === "ArrowDown" && i + 1 < all.length) {
      event.preventDefault();
      all[i + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (i > 0 ? all[i - 1] : input).focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      input.focus();
    }
  });

  const params = new URLSearchParams(location.search);
  input.value = params.get("q") ?? "";
  for (const s of selects) {
    const value = params.get(s.name);
    if (value && [...s.options].some((o) => o.value === value)) s.value = value;
  }
  run();
}

if (typeof document !== "undefined") init();
