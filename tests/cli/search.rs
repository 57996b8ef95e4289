//! The search page and its index: the files a build writes, and the
//! fixtures that keep the page's script in agreement with the Rust
//! tokeniser (tests/search/*.test.mjs read them).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use broadsheet::build::BuildOptions;
use broadsheet::serve::{Changes, IncrementalCache};
use broadsheet::text;

use crate::harness::{NOW, TestSite, attrs, texts};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Set to rewrite the fixtures from what Rust computes.
const UPDATE: &str = "UPDATE_SEARCH_FIXTURES";

/// `tests/search/fixtures/stems.tsv`: a word a line, then a tab and its
/// stem when the stem differs. The page's script must stem them alike.
#[test]
fn the_stem_fixture_is_what_rust_stemmers_gives() {
    let path = repo().join("tests/search/fixtures/stems.tsv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = BTreeMap::new();
    let mut wrong = Vec::new();
    for line in text.lines() {
        let (word, expected) = line.split_once('\t').unwrap_or((line, line));
        let stem = text::stem(word).into_owned();
        if stem != expected {
            wrong.push(format!("{word}: fixture {expected}, rust-stemmers {stem}"));
        }
        out.insert(word.to_owned(), stem);
    }
    if std::env::var_os(UPDATE).is_some() {
        let lines: String = out
            .iter()
            .map(|(w, s)| {
                if w == s {
                    format!("{w}\n")
                } else {
                    format!("{w}\t{s}\n")
                }
            })
            .collect();
        std::fs::write(&path, lines).unwrap();
        return;
    }
    assert!(out.len() > 9000, "{} words", out.len());
    assert!(
        wrong.is_empty(),
        "run with {UPDATE}=1 to rewrite:\n{}",
        wrong.join("\n")
    );
}

/// Texts and the index terms Rust makes of them; the script must make the same.
const TOKEN_TEXTS: &[&str] = &[
    "The Russian drones’ attacks on Kyiv — a 2025 “Zürich” café, x.",
    "Russia's U.S.-backed e-mail: COVID-19 cases rose 3.5% (to 1,204) in İstanbul.",
    "ΟΔΟΣ Σίσυφος and Москва: Новости Москвы",
    "Straße, façade, naïve, Ærø, Łódź, Đà Nẵng, Þingvellir, œuvre, ĳssel",
    "東京タワー and 北京 are one word each; é and x are short words",
    "Combining e\u{301} marks and Arabic-Indic digits ٢٠٢٥ and superscript² and Ⅻ",
    "negotiations negotiating negotiated generously communities arsenals skies dying",
    "It’s the news: howe’er the Andes’ atlas, inning and outing proceed.",
    "emoji 🙂 split words, tabs\tand\nnew lines, under_scores and hy-phens",
    "THE OF AND said SAID Said however HOWEVER",
    "",
];

#[test]
fn the_token_fixture_is_the_index_tokeniser() {
    let path = repo().join("tests/search/fixtures/tokens.json");
    let expected: Vec<(String, Vec<String>)> = TOKEN_TEXTS
        .iter()
        .map(|t| {
            let mut terms = Vec::new();
            text::index_terms(t, |s| terms.push(s.to_owned()));
            ((*t).to_owned(), terms)
        })
        .collect();
    let json = serde_json::to_string_pretty(&expected).unwrap() + "\n";
    if std::env::var_os(UPDATE).is_some() {
        std::fs::write(&path, json).unwrap();
        return;
    }
    let fixture = std::fs::read_to_string(&path).unwrap();
    assert_eq!(fixture, json, "run with {UPDATE}=1 to rewrite the fixture");
}

/// The search fixture site, copied into a temporary folder (a build writes
/// its cache beside the content).
fn fixture() -> TestSite {
    let site = TestSite::with_config(
        &std::fs::read_to_string(repo().join("tests/search/site/config.toml")).unwrap(),
    );
    let articles = repo().join("tests/search/site/content/articles");
    for entry in std::fs::read_dir(&articles).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap();
        site.write(
            &format!("content/articles/{name}"),
            &std::fs::read_to_string(&path).unwrap(),
        );
    }
    site
}

fn json(site: &TestSite, rel: &str) -> serde_json::Value {
    serde_json::from_str(&site.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn varint(bytes: &[u8], pos: &mut usize) -> u64 {
    let (mut n, mut shift) = (0u64, 0);
    loop {
        let b = bytes[*pos];
        *pos += 1;
        n |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return n;
        }
        shift += 7;
    }
}

/// A term of a shard: the term, its document frequency, its postings `(document, impact)`.
type ShardTerm = (String, u64, Vec<(u64, u8)>);

/// Every term of a shard.
fn shard_terms(bytes: &[u8]) -> Vec<ShardTerm> {
    let mut pos = 0;
    let mut previous: Vec<u8> = Vec::new();
    let count = varint(bytes, &mut pos);
    let mut out = Vec::new();
    for _ in 0..count {
        let shared = varint(bytes, &mut pos) as usize;
        let len = varint(bytes, &mut pos) as usize;
        let mut term = previous[..shared].to_vec();
        term.extend_from_slice(&bytes[pos..pos + len]);
        pos += len;
        let df = varint(bytes, &mut pos);
        let _weight = varint(bytes, &mut pos);
        let kept = varint(bytes, &mut pos);
        let end = varint(bytes, &mut pos) as usize + pos;
        let mut postings = Vec::new();
        let mut doc = 0;
        while pos < end {
            doc += varint(bytes, &mut pos);
            postings.push((doc, bytes[pos]));
            pos += 1;
        }
        assert_eq!(postings.len() as u64, kept);
        previous = term.clone();
        out.push((String::from_utf8(term).unwrap(), df, postings));
    }
    assert_eq!(pos, bytes.len(), "a shard is its terms and nothing more");
    out
}

/// Every term of the index with its documents, and the titles of the documents.
fn read_index(site: &TestSite) -> (BTreeMap<String, Vec<u64>>, Vec<String>) {
    let manifest = json(site, "search/index.json");
    let shards = manifest["shards"].as_array().unwrap();
    let mut terms = BTreeMap::new();
    for (i, first) in shards.iter().enumerate() {
        let bytes = std::fs::read(site.path(&format!("public/search/terms/{i}.bin"))).unwrap();
        let decoded = shard_terms(&bytes);
        assert!(i == 0 || decoded[0].0 == first.as_str().unwrap());
        for (term, df, postings) in decoded {
            assert_eq!(df, postings.len() as u64);
            assert!(postings.iter().all(|p| p.1 > 0));
            let previous = terms.insert(term.clone(), postings.iter().map(|p| p.0).collect());
            assert!(previous.is_none(), "{term} is in two shards");
        }
    }
    assert!(
        terms.keys().zip(terms.keys().skip(1)).all(|(a, b)| a < b),
        "terms are sorted"
    );
    let per = manifest["docs_per_file"].as_u64().unwrap() as usize;
    let count = manifest["documents"].as_u64().unwrap() as usize;
    let titles = (0..count)
        .map(|d| {
            let file = json(site, &format!("search/docs/{}.json", d / per));
            file[d % per]["title"].as_str().unwrap().to_owned()
        })
        .collect();
    (terms, titles)
}

#[test]
fn the_index_holds_every_term_of_the_listed_articles() {
    let site = fixture();
    site.build_ok();
    let manifest = json(&site, "search/index.json");
    assert_eq!(manifest["version"], 1);
    assert_eq!(manifest["language"], "english");
    assert_eq!(manifest["filters"], serde_json::json!(["tags", "sources"]));
    let shards = manifest["shards"].as_array().unwrap();
    assert!(shards.len() > 3, "a small max_shard_size makes many shards");
    assert_eq!(shards[0], "");
    assert_eq!(manifest["versions"].as_array().unwrap().len(), shards.len());
    for i in 0..shards.len() {
        let size = std::fs::metadata(site.path(&format!("public/search/terms/{i}.bin")))
            .unwrap()
            .len();
        assert!(size <= 1024 + 8, "shard {i}: {size} bytes");
    }
    let (terms, titles) = read_index(&site);
    // Twelve listed articles, oldest first: no draft, no duplicate.
    assert_eq!(titles.len(), 12);
    assert_eq!(titles[0], "Storm damages the Port Aldwin harbour wall");
    assert_eq!(
        titles[9],
        "Markup <img src=x onerror=alert(1)> in a headline"
    );
    let docs = |t: &str| terms.get(t).cloned().unwrap_or_default();
    let title = |t: &str| -> Vec<&str> {
        docs(t)
            .iter()
            .map(|&d| titles[d as usize].as_str())
            .collect()
    };
    // Stemmed, folded, from every field.
    assert_eq!(
        title("negoti"),
        ["Negotiators resume talks on the fishing quota"]
    );
    assert_eq!(title("zurich"), ["Café culture returns to Zürich"]);
    assert_eq!(title("cafe").len(), 1);
    assert_eq!(
        title("waterlin"),
        ["Storm damages the Port Aldwin harbour wall"],
        "body"
    );
    assert_eq!(title("diver").len(), 1, "front matter summary");
    assert_eq!(title("switzerland").len(), 1, "tags");
    assert_eq!(title("harbourtim").len(), 1, "source");
    assert_eq!(docs("harbour"), [0, 1]);
    assert_eq!(title("москвы").len(), 1);
    assert_eq!(title("москва").len(), 1);
    assert_eq!(title("19").len(), 1);
    assert!(terms.contains_key("2025"));
    for absent in ["the", "said", "zeppelin", "quokka", "x"] {
        assert!(!terms.contains_key(absent), "{absent}");
    }
}

#[test]
fn results_and_filters_say_what_a_result_shows() {
    let site = fixture();
    site.build_ok();
    let doc = &json(&site, "search/docs/0.json")[0];
    assert_eq!(doc["title"], "Storm damages the Port Aldwin harbour wall");
    assert_eq!(doc["url"], "/articles/harbour-storm/");
    assert_eq!(doc["date"], "2025-07-01T09:00:00+00:00");
    assert_eq!(doc["day"], "1 July 2025");
    assert_eq!(doc["source"], "harbourtimes.example");
    assert_eq!(doc["tags"], serde_json::json!(["Harbour", "Weather"]));
    assert_eq!(
        doc["summary"],
        "Divers found new cracks in the harbour wall after the storm."
    );
    // Markup in content is data: it stays text in the JSON.
    let markup = &json(&site, "search/docs/0.json")[9];
    assert_eq!(
        markup["title"],
        "Markup <img src=x onerror=alert(1)> in a headline"
    );
    assert_eq!(markup["tags"][0], "<script>alert(2)</script>");
    // A filter file lists its term's documents.
    let bytes = std::fs::read(site.path("public/search/filters/tags/harbour.bin")).unwrap();
    let (mut pos, mut doc, mut docs) = (0, 0, Vec::new());
    while pos < bytes.len() {
        doc += varint(&bytes, &mut pos);
        docs.push(doc);
    }
    assert_eq!(docs, [0, 1]);
    assert!(site.exists("search/filters/sources/wire-example.bin"));
}

#[test]
fn the_search_page_works_with_and_says_so_without_javascript() {
    let site = fixture();
    site.build_ok();
    let page = site.html("search/index.html");
    assert_eq!(texts(&page, "h1"), ["Search"]);
    assert_eq!(
        attrs(&page, "form#search", "data-index"),
        ["/search/index.json"]
    );
    assert_eq!(
        attrs(&page, "form#search", "hidden").len(),
        1,
        "shown by the script"
    );
    assert_eq!(attrs(&page, "#search-q", "name"), ["q"]);
    assert_eq!(attrs(&page, "select", "name"), ["tags", "sources"]);
    let tags = texts(&page, "select[name=tags] option");
    assert_eq!(tags[0], "All");
    assert!(tags.contains(&"Harbour (2)".to_owned()), "{tags:?}");
    // Crawlable (Lighthouse counts `noindex` against it), but not in the sitemap.
    assert!(attrs(&page, "meta[name=robots]", "content").is_empty());
    assert!(!site.read("sitemap.xml").contains("/search/"));
    let noscript = texts(&page, "noscript");
    assert!(noscript[0].contains("needs JavaScript"), "{noscript:?}");
    let script = attrs(&page, "script[type=module]", "src");
    assert_eq!(script.len(), 1);
    assert!(script[0].starts_with("/search.js?h="));
    assert!(site.read("search.js").contains("export class SearchIndex"));
    assert_eq!(attrs(&page, "[role=status]", "id"), ["search-status"]);
    // Every page links to it.
    let home = site.html("index.html");
    assert_eq!(attrs(&home, ".nav-search a", "href"), ["/search/"]);
    assert_eq!(attrs(&page, ".nav-search a", "aria-current"), ["page"]);
    // The sitemap leaves it out.
    assert!(!site.read("sitemap.xml").contains("/search/"));
}

#[test]
fn search_can_be_turned_off() {
    let site = TestSite::with_config(
        "title = \"T\"\nbase_url = \"https://e.org/\"\n[search]\nenabled = false\n",
    );
    site.articles(3);
    site.build_ok();
    assert!(!site.path("public/search").exists());
    assert!(
        !site.exists("search.js"),
        "no script on a site without search"
    );
    assert!(attrs(&site.html("index.html"), ".nav-search a", "href").is_empty());
    let without_js = site
        .html_files()
        .into_iter()
        .all(|p| !site.read(&p).contains("type=\"module\""));
    assert!(without_js);
}

#[test]
fn fields_and_language_change_the_terms() {
    let site = TestSite::with_config(
        "title = \"T\"\nbase_url = \"https://e.org/\"\n[search]\nfields = [\"title\", \"tags\"]\nlanguage = \"none\"\n",
    );
    site.article(
        "a",
        "2025-07-01",
        "tags = [\"Storms\"]\nsource = \"wire.example\"\n",
        "Bodies are not read.\n",
    );
    site.build_ok();
    assert_eq!(json(&site, "search/index.json")["language"], "none");
    let (terms, _) = read_index(&site);
    let got: Vec<&str> = terms.keys().map(String::as_str).collect();
    assert_eq!(
        got,
        ["storms"],
        "the title `a` is one letter; unstemmed tags"
    );
}

#[test]
fn a_rebuild_rewrites_only_the_search_files_that_change() {
    let site = TestSite::new();
    site.articles(12);
    let options = BuildOptions {
        now: Some(NOW.parse().unwrap()),
        output_dir: Some(site.path("preview")),
        ..BuildOptions::default()
    };
    let mut session = IncrementalCache::new(site.root(), options);
    session.build(&Changes::All).unwrap();
    let docs = |dir: &Path| std::fs::read_dir(dir.join("search/docs")).unwrap().count();
    assert_eq!(docs(&site.path("preview")), 2);
    // A new article is the newest: it goes at the end of the documents.
    site.article("a-0", "2025-07-22T00:00:00Z", "", "Brand new.\n");
    let added = session
        .build(&Changes::Paths(vec![site.path("content/articles/a-0.md")]))
        .unwrap();
    let search: Vec<&String> = added
        .rendered
        .iter()
        .filter(|k| k.starts_with("search/"))
        .collect();
    assert_eq!(
        search,
        ["search/", "search/docs/1.json", "search/index.json"],
        "the page (its count), the last documents file and the index"
    );
    let last = std::fs::read_to_string(site.path("preview/search/docs/1.json")).unwrap();
    assert!(last.contains("a 0"), "{last}");
}
