// Helpers shared by the search tests and tools: the theme's search script
// as a module, and a site's index read from disk.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SCRIPT = path.join(REPO, "templates/assets/search.js");

/** Imports templates/assets/search.js (a .js file outside any package: copied to a .mjs first). */
export async function loadScript() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-search-"));
  const copy = path.join(dir, "search.mjs");
  fs.copyFileSync(SCRIPT, copy);
  return import(pathToFileURL(copy).href);
}

/**
 * A loader for SearchIndex that reads files from disk and counts the bytes
 * it reads: `files` is the list of files read, with their sizes.
 */
export function diskLoader() {
  const files = [];
  const load = async (url, type) => {
    const file = fileURLToPath(url);
    if (!fs.existsSync(file)) return null;
    const bytes = fs.readFileSync(file);
    files.push({ file, size: bytes.length });
    if (type === "json") return JSON.parse(bytes.toString("utf8"));
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
  };
  return { load, files };
}

/** The manifest's file URL of a built site (its output folder). */
export function manifestUrl(publicDir) {
  return pathToFileURL(path.join(publicDir, "search/index.json")).href;
}
