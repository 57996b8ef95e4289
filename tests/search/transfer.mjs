// What a reader downloads for a query: the manifest, the shards of its
// words, the filter files and the document files of the first page of
// results (10), read from a built site. Not a test: a measuring tool.
//
//   node tests/search/transfer.mjs PUBLIC_DIR "query one" "query two" …
//
// For each query, prints the bytes of each kind of file for the query
// loaded at once (as from a ?q= link), and the total downloaded while
// typing it a character at a time (each file once, as the browser caches).
import path from "node:path";
import { diskLoader, loadScript, manifestUrl } from "./module.mjs";

const { SearchIndex } = await loadScript();
const [publicDir, ...queries] = process.argv.slice(2);
if (!publicDir || queries.length === 0) {
  console.error('usage: node tests/search/transfer.mjs PUBLIC_DIR "query" …');
  process.exit(2);
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
function kinds(files) {
  const sum = { manifest: 0, shards: 0, filters: 0, docs: 0 };
  for (const { file, size } of files) {
    const rel = path.relative(path.join(publicDir, "search"), file);
    if (rel === "index.json") sum.manifest += size;
    else if (rel.startsWith("terms")) sum.shards += size;
    else if (rel.startsWith("filters")) sum.filters += size;
    else sum.docs += size;
  }
  return sum;
}

async function page(index, query, filters) {
  const t0 = performance.now();
  const result = await index.search(query, filters);
  await index.documents(result.ids.slice(0, 10));
  return { result, ms: performance.now() - t0 };
}

for (const spec of queries) {
  // "words | tags=slug" adds a filter.
  const [query, filter] = spec.split("|").map((s) => s.trim());
  const filters = filter ? Object.fromEntries([filter.split("=")]) : {};
  const once = diskLoader();
  const { result, ms } = await page(new SearchIndex(manifestUrl(publicDir), once.load), query, filters);
  const k = kinds(once.files);
  const total = once.files.reduce((a, f) => a + f.size, 0);
  const typed = diskLoader();
  const typing = new SearchIndex(manifestUrl(publicDir), typed.load);
  for (let i = 1; i <= query.length; i++) await page(typing, query.slice(0, i), filters);
  const typedTotal = typed.files.reduce((a, f) => a + f.size, 0);
  console.log(
    `${JSON.stringify(spec)}: ${result.total} results${result.truncated ? " (truncated)" : ""}; ` +
      `at once ${kb(total)} in ${once.files.length} files (manifest ${kb(k.manifest)}, shards ${kb(k.shards)}, ` +
      `filters ${kb(k.filters)}, docs ${kb(k.docs)}), ${ms.toFixed(0)} ms; typed ${kb(typedTotal)} in ${typed.files.length} files`,
  );
}
