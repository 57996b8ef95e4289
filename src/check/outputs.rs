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
use crate::render::{self, Job, Planned};
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
        let mut jobs = render::plan(site, config);
        // The social cards (check reads no image, so lead images are not listed).
        let images = crate::images::Images::none(&config.images);
        jobs.extend(render::plan_images(site, config, &images));
        for planned in &jobs {
            out.job(planned);
        }
        let sitemap_pages = jobs.iter().filter(|p| p.sitemap.is_some()).count();
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
        // Files beside articles that have a folder of their own, in the
        // article's folder of the output (a file of `static/` there wins).
        for (path, file) in crate::build::bundle_outputs(site, &tree.bundle_files) {
            copied.entry(path).or_insert(Some(file.rel));
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

    /// Adds the outputs of one job, as planned.
    fn job(&mut self, planned: &Planned) {
        if !planned.is_page() {
            for file in &planned.files {
                self.file(file.clone(), planned.origin.as_deref());
            }
            return;
        }
        let target = match planned.job {
            Job::Article(id) => Target::Article(id),
            Job::Page(i) => Target::Page(i),
            _ => Target::Other,
        };
        self.page(planned.key.clone(), target, planned.origin.as_deref());
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
        let visibility = crate::model::Visibility {
            drafts: false,
            future: false,
            now: options.now.unwrap(),
        };
        let loaded = crate::build::load(root, &config, visibility, false, &mut Diagnostics::new());
        let (site, tree) = (loaded.site, loaded.tree);
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
