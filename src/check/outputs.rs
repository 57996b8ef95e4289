//! Every page and file a build of the site would write, and where each
//! comes from, worked out from [`render::plan`] without rendering.
//!
//! Links are resolved against this list, and it finds clashes the build
//! would trip over: two things at one output path, a file where the site
//! needs a folder of the same name, a static file that replaces a page or
//! a generated file. A test in `tests/cli/check.rs` compares the list with
//! what `build` writes, so the two cannot drift apart.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{ArticleId, Site};
use crate::render::sitemap::MAX_URLS;
use crate::render::templates::BUILTIN_ASSETS;
use crate::render::view::page_path;
use crate::render::{self, Job};
use crate::source::{self, SourceTree};

/// What a page of the site shows, for checking anchors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Target {
    /// An article's page.
    Article(ArticleId),
    /// A plain page, by index.
    Page(usize),
    /// A list, an edition, the archive… (its ids are not checked).
    Other,
}

/// One file the build would write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Output {
    /// The file, relative to the output folder (`articles/x/index.html`).
    pub(super) file: String,
    /// The site file it comes from (`content/articles/x.md`,
    /// `static/a.png`), if it comes from one.
    pub(super) origin: Option<String>,
    /// Whether it is copied from `static/` or `templates/assets/`.
    pub(super) copied: bool,
}

/// The pages and files of the site.
#[derive(Debug, Default)]
pub(super) struct Outputs {
    /// Pages by site path (`articles/x/`, and `` for home).
    pages: HashMap<String, Target>,
    /// Other files by site path (`atom.xml`, `img/a.png`).
    files: BTreeSet<String>,
    /// Everything, in plan order, then the copied files.
    all: Vec<Output>,
}

impl Outputs {
    /// The outputs of `site`, with the copied files of `tree`.
    pub(super) fn of(site: &Site, config: &Config, tree: &SourceTree) -> Outputs {
        let mut out = Outputs::default();
        let jobs = render::plan(site, config);
        let mut sitemap_pages = 0;
        for job in &jobs {
            out.job(site, config, job, &mut sitemap_pages);
        }
        if sitemap_pages > MAX_URLS {
            for n in 1..=sitemap_pages.div_ceil(MAX_URLS) {
                out.file(format!("sitemap-{n}.xml"), None);
            }
        }
        // Theme assets, overridden by `templates/assets/`, overridden by `static/`.
        let mut copied: BTreeMap<String, Option<String>> = BUILTIN_ASSETS
            .iter()
            .map(|(name, _)| ((*name).to_owned(), None))
            .collect();
        for (dir, files) in [
            ("templates/assets", &tree.asset_files),
            (source::STATIC_DIR, &tree.static_files),
        ] {
            for f in files {
                copied.insert(f.rel.clone(), Some(format!("{dir}/{}", f.rel)));
            }
        }
        for (file, origin) in copied {
            out.files.insert(file.clone());
            out.all.push(Output {
                file,
                origin,
                copied: true,
            });
        }
        out
    }

    /// Adds the outputs of one job. Every kind of job is named, so that a
    /// new kind cannot be forgotten here.
    fn job(&mut self, site: &Site, config: &Config, job: &Job, sitemap_pages: &mut usize) {
        match *job {
            Job::Home(n) => self.page(page_path("", n), Target::Other, None),
            Job::Article(id) => {
                let a = site.article(id);
                self.page(a.path.clone(), Target::Article(id), Some(&a.file));
                // Social cards of articles without an image (one whose image
                // proves unusable at build also gets one: only the build reads images).
                if config.images.cards && a.image.is_none() {
                    self.file(format!("{}card.png", a.path), Some(&a.file));
                }
                if site.duplicates.is_duplicate(id) {
                    return; // not in the sitemap
                }
            }
            Job::Page(i) => {
                let p = &site.pages[i];
                self.page(p.path(), Target::Page(i), Some(&p.file));
            }
            Job::TaxonomyList(t) => self.page(site.taxonomies[t].path(), Target::Other, None),
            Job::Term {
                taxonomy,
                term,
                page,
            } => {
                let t = &site.taxonomies[taxonomy];
                self.page(
                    page_path(&t.term_path(&t.terms[term]), page),
                    Target::Other,
                    None,
                );
                if config.images.cards && page == 1 {
                    self.file(format!("{}card.png", t.term_path(&t.terms[term])), None);
                }
            }
            Job::TermFeed { taxonomy, term } => {
                let t = &site.taxonomies[taxonomy];
                self.file(format!("{}atom.xml", t.term_path(&t.terms[term])), None);
                return;
            }
            Job::Archive => self.page("archive/".to_owned(), Target::Other, None),
            Job::ArchiveYear(y) => self.page(site.archive[y].path(), Target::Other, None),
            Job::ArchiveMonth(y, m) => {
                self.page(site.archive[y].months[m].path(), Target::Other, None);
            }
            Job::Edition(i) => {
                let e = &site.editions[i];
                self.page(e.path(), Target::Other, e.file.as_deref());
                if config.images.cards {
                    self.file(format!("{}card.png", e.path()), e.file.as_deref());
                }
            }
            Job::Editions(n) => self.page(page_path("editions/", n), Target::Other, None),
            Job::EditionsFeed => {
                self.file("editions/atom.xml".to_owned(), None);
                return;
            }
            // Lead images and social cards are planned by the build only
            // (`render::image_jobs`): `check` does not process images.
            Job::Image(_) | Job::Card(_) => return,
            Job::NotFound => {
                self.file("404.html".to_owned(), None);
                return;
            }
            Job::SiteFeeds => {
                let feeds = &config.feeds;
                for (on, name) in [
                    (feeds.atom, "atom.xml"),
                    (feeds.rss, "rss.xml"),
                    (feeds.json, "feed.json"),
                ] {
                    if on {
                        self.file(name.to_owned(), None);
                    }
                }
                return;
            }
            Job::Search => {
                // A page, but not one for the sitemap.
                self.page(crate::search::PAGE.to_owned(), Target::Other, None);
                return;
            }
            Job::SearchIndex => {
                // The manifest and the filters; the term shards (`search/terms/<n>.bin`)
                // are numbered by the index's size, known only once it is built.
                self.file(crate::search::MANIFEST.to_owned(), None);
                for filter in crate::search::Plan::new(site, config)
                    .map(|plan| plan.filters)
                    .unwrap_or_default()
                {
                    for term in &filter.terms {
                        let path = crate::search::filter_path(&filter, term);
                        self.file(format!("{}{path}", crate::search::PAGE), None);
                    }
                }
                return;
            }
            Job::SearchDocs(n) => {
                self.file(format!("search/docs/{n}.json"), None);
                return;
            }
            Job::Sitemap => {
                self.file("sitemap.xml".to_owned(), None);
                if config.news.sitemap {
                    self.file("news-sitemap.xml".to_owned(), None);
                }
                self.file("robots.txt".to_owned(), None);
                return;
            }
        }
        *sitemap_pages += 1;
    }

    fn page(&mut self, path: String, target: Target, origin: Option<&str>) {
        self.all.push(Output {
            file: format!("{path}index.html"),
            origin: origin.map(str::to_owned),
            copied: false,
        });
        self.pages.insert(path, target);
    }

    fn file(&mut self, path: String, origin: Option<&str>) {
        self.all.push(Output {
            file: path.clone(),
            origin: origin.map(str::to_owned),
            copied: false,
        });
        self.files.insert(path);
    }

    /// How many files the build would write.
    pub(super) fn len(&self) -> usize {
        self.all.len()
    }

    /// The page at site path `path` (`articles/x/`, `` for home).
    pub(super) fn page_at(&self, path: &str) -> Option<Target> {
        self.pages.get(path).copied()
    }

    /// Every page and file, by site path, in no particular order.
    pub(super) fn addresses(&self) -> impl Iterator<Item = &str> {
        self.pages
            .keys()
            .chain(self.files.iter())
            .map(String::as_str)
    }

    /// True when the site has a file (not a page) at `path`.
    pub(super) fn has_file(&self, path: &str) -> bool {
        self.files.contains(path)
    }

    /// Reports outputs that clash. Clashes that involve a file in
    /// `broken` (files with errors already) are left out: their error
    /// says what to fix first.
    pub(super) fn clashes(&self, broken: &BTreeSet<String>, diagnostics: &mut Diagnostics) {
        let shown = |o: &Output| o.origin.clone().unwrap_or_else(|| "config.toml".to_owned());
        let skip = |o: &Output| o.origin.as_ref().is_some_and(|f| broken.contains(f));
        let mut by_file: BTreeMap<&str, Vec<&Output>> = BTreeMap::new();
        for o in &self.all {
            by_file.entry(&o.file).or_default().push(o);
        }
        for (file, outputs) in &by_file {
            let (copied, made): (Vec<&Output>, Vec<&Output>) =
                outputs.iter().partition(|o| o.copied);
            if outputs.iter().any(|o| skip(o)) {
                continue;
            }
            if let [first, second, ..] = made[..] {
                diagnostics.push(
                    Diagnostic::error(
                        "output-clash",
                        shown(second),
                        format!(
                            "`{file}` would be written twice: also for `{}`",
                            shown(first)
                        ),
                    )
                    .with_help("give one of them another slug"),
                );
            }
            let Some(copy) = copied.first() else {
                continue;
            };
            if made.is_empty() {
                continue;
            }
            let origin = shown(copy);
            if file.ends_with(".html") {
                diagnostics.push(
                    Diagnostic::error(
                        "output-clash",
                        origin,
                        format!("this file would replace the page `{file}`"),
                    )
                    .with_help("rename or remove the static file"),
                );
            } else if *file != "robots.txt" {
                diagnostics.push(
                    Diagnostic::warning(
                        "output-replaced",
                        origin,
                        format!("this file replaces the `{file}` Broadsheet writes"),
                    )
                    .with_help("remove it, unless you mean to replace the generated file"),
                );
            }
        }
        // A file whose name the site also needs as a folder (`static/articles`).
        let mut reported = BTreeSet::new();
        for o in &self.all {
            let mut folder = o.file.as_str();
            while let Some((parent, _)) = folder.rsplit_once('/') {
                folder = parent;
                let Some(clash) = by_file.get(folder).and_then(|v| v.first()) else {
                    continue;
                };
                if skip(o) || skip(clash) || !reported.insert(folder) {
                    continue;
                }
                let needed_by = match &o.origin {
                    Some(f) => format!(" (for `{f}`)"),
                    None => String::new(),
                };
                diagnostics.push(
                    Diagnostic::error(
                        "output-clash",
                        shown(clash),
                        format!(
                            "the site also writes a folder `{folder}/`{needed_by}, so this file cannot be written"
                        ),
                    )
                    .with_help("rename or move the file"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outputs(list: &[(&str, Option<&str>, bool)]) -> Outputs {
        let mut out = Outputs::default();
        for &(file, origin, copied) in list {
            out.all.push(Output {
                file: file.to_owned(),
                origin: origin.map(str::to_owned),
                copied,
            });
        }
        out
    }

    fn codes(out: &Outputs) -> Vec<(String, &'static str, String)> {
        let mut ds = Diagnostics::new();
        out.clashes(&BTreeSet::new(), &mut ds);
        ds.sorted()
            .into_iter()
            .map(|d| (d.file, d.code, d.message))
            .collect()
    }

    /// The outputs `check` expects are exactly the files `build` writes.
    #[test]
    fn outputs_are_what_the_build_writes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let w = |rel: &str, text: &str| crate::fs::write(&root.join(rel), text.as_bytes()).unwrap();
        w(
            "config.toml",
            "title = \"T\"\nbase_url = \"https://e.org/digest/\"\npaginate_by = 2\n\
             [news]\nsitemap = true\n[feeds]\njson = false\n",
        );
        for (i, tags) in ["\"Rust\", \"NATO\"", "\"rust\"", "\"Kyiv\"", ""]
            .iter()
            .enumerate()
        {
            w(
                &format!("content/articles/2025-07-0{}-a{i}.md", i + 1),
                &format!(
                    "+++\ntitle = \"A{i}\"\ndate = 2025-07-0{}\ntags = [{tags}]\nsource = \"s.org\"\n+++\nBody.\n",
                    i + 1
                ),
            );
        }
        w(
            "content/articles/dup.md",
            "+++\ntitle = \"Dup\"\ndate = 2025-07-01\nduplicate_of = \"a0\"\n+++\nBody.\n",
        );
        w(
            "content/pages/about.md",
            "+++\ntitle = \"About\"\n+++\nHi.\n",
        );
        w(
            "content/editions/2025-07-02.md",
            "+++\narticles = [\"a1\"]\n+++\nIntro.\n",
        );
        w("static/img/a.png", "png");
        w("static/robots.txt", "User-agent: *\n");
        w("templates/assets/extra.css", "p {}");
        let out_dir = root.join("out");
        let options = crate::build::BuildOptions {
            now: Some("2025-07-22T12:00:00Z".parse().unwrap()),
            output_dir: Some(out_dir.clone()),
            ..Default::default()
        };
        crate::build::build(root, &options).unwrap();
        let mut written: Vec<String> = walkdir::WalkDir::new(&out_dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| crate::source::rel_display(&out_dir, e.path()))
            // Term shards are not listed (see `Outputs::job`).
            .filter(|f| !f.starts_with("search/terms/"))
            .collect();
        written.sort();

        let config = crate::build::load_config(root, &options).unwrap();
        let tree = crate::source::discover(root);
        let (content, _) = crate::source::parse::parse_all(&tree, &config);
        let visibility = crate::model::Visibility {
            drafts: false,
            future: false,
            now: options.now.unwrap(),
        };
        let site = Site::assemble(&config, &content, visibility, &mut Diagnostics::new());
        let outputs = Outputs::of(&site, &config, &tree);
        let mut expected: Vec<String> = outputs.all.iter().map(|o| o.file.clone()).collect();
        expected.sort();
        expected.dedup();
        assert_eq!(expected, written);
        for file in [
            "page/2/index.html",
            "news-sitemap.xml",
            "extra.css",
            "img/a.png",
        ] {
            assert!(written.iter().any(|w| w == file), "{file}: {written:?}");
        }
    }

    #[test]
    fn a_file_where_a_folder_is_needed_clashes() {
        let out = outputs(&[
            (
                "articles/a/index.html",
                Some("content/articles/a.md"),
                false,
            ),
            (
                "articles/b/index.html",
                Some("content/articles/b.md"),
                false,
            ),
            ("articles", Some("static/articles"), true),
        ]);
        let found = codes(&out);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "static/articles");
        assert_eq!(found[0].1, "output-clash");
    }

    #[test]
    fn static_files_replacing_pages_and_generated_files() {
        let out = outputs(&[
            ("about/index.html", Some("content/pages/about.md"), false),
            ("about/index.html", Some("static/about/index.html"), true),
            ("atom.xml", None, false),
            ("atom.xml", Some("static/atom.xml"), true),
            ("robots.txt", None, false),
            ("robots.txt", Some("static/robots.txt"), true),
        ]);
        let found = codes(&out);
        let summary: Vec<_> = found.iter().map(|f| (f.0.as_str(), f.1)).collect();
        assert_eq!(
            summary,
            [
                ("static/about/index.html", "output-clash"),
                ("static/atom.xml", "output-replaced")
            ]
        );
    }

    #[test]
    fn clashes_of_broken_files_are_left_to_their_errors() {
        let out = outputs(&[
            ("atom.xml/index.html", Some("content/pages/a.md"), false),
            ("atom.xml", None, false),
        ]);
        let mut ds = Diagnostics::new();
        out.clashes(
            &["content/pages/a.md".to_owned()].into_iter().collect(),
            &mut ds,
        );
        assert!(ds.is_empty());
        assert_eq!(codes(&out).len(), 1);
    }
}
