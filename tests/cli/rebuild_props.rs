//! A property of `serve`'s incremental cache: after any sequence of edits,
//! renames, deletions and folder moves, its output is the output of a fresh
//! build of the same files.

use std::collections::BTreeMap;
use std::path::Path;

use broadsheet::build::{self, BuildOptions};
use broadsheet::serve::{Changes, IncrementalCache};
use proptest::prelude::*;

use crate::harness::{NOW, TestSite};

/// One change to the site's content.
#[derive(Debug, Clone)]
enum Op {
    /// Rewrites an article: `variant` picks its title, date, tags and body.
    Edit { article: usize, variant: u8 },
    /// Renames an article's file (its slug and address change).
    Rename { article: usize },
    /// Deletes an article.
    Delete { article: usize },
    /// Adds an article in a folder.
    Add { folder: usize, variant: u8 },
    /// Renames a folder of articles, with everything in it.
    MoveFolder { folder: usize },
}

const FOLDERS: [&str; 3] = ["2025", "desk", "world/europe"];

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..8usize, 0..6u8).prop_map(|(article, variant)| Op::Edit { article, variant }),
        (0..8usize).prop_map(|article| Op::Rename { article }),
        (0..8usize).prop_map(|article| Op::Delete { article }),
        (0..3usize, 0..6u8).prop_map(|(folder, variant)| Op::Add { folder, variant }),
        (0..3usize).prop_map(|folder| Op::MoveFolder { folder }),
    ]
}

fn article_text(n: usize, variant: u8) -> String {
    let tags = ["\"a\"", "\"a\", \"b\"", "\"b\"", "\"c\""][usize::from(variant) % 4];
    let day = 10 + (n + usize::from(variant)) % 15;
    format!(
        "+++\ntitle = \"Story {n} take {variant}\"\ndate = 2025-07-{day:02}T10:00:00Z\ntags = [{tags}]\n+++\nThe body of story {n}, version {variant}.\n"
    )
}

/// The site's articles, by path relative to the site, and a counter for new names.
struct Content {
    files: Vec<String>,
    next: usize,
}

impl Content {
    fn add(&mut self, site: &TestSite, folder: &str, variant: u8) -> String {
        let n = self.next;
        self.next += 1;
        let rel = format!("content/articles/{folder}/story-{n}.md");
        site.write(&rel, &article_text(n, variant));
        self.files.push(rel.clone());
        rel
    }

    /// Applies `op`; returns the paths an editor's file events would name.
    fn apply(&mut self, site: &TestSite, op: &Op) -> Vec<String> {
        let pick = |files: &[String], i: usize| (!files.is_empty()).then(|| i % files.len());
        match *op {
            Op::Edit { article, variant } => {
                let Some(i) = pick(&self.files, article) else {
                    return vec![];
                };
                site.write(&self.files[i], &article_text(i + 100, variant));
                vec![self.files[i].clone()]
            }
            Op::Rename { article } => {
                let Some(i) = pick(&self.files, article) else {
                    return vec![];
                };
                let old = self.files[i].clone();
                let new = old.replace(".md", &format!("-r{}.md", self.next));
                self.next += 1;
                std::fs::rename(site.path(&old), site.path(&new)).unwrap();
                self.files[i] = new.clone();
                vec![old, new]
            }
            Op::Delete { article } => {
                let Some(i) = pick(&self.files, article) else {
                    return vec![];
                };
                let old = self.files.remove(i);
                std::fs::remove_file(site.path(&old)).unwrap();
                vec![old]
            }
            Op::Add { folder, variant } => vec![self.add(site, FOLDERS[folder], variant)],
            Op::MoveFolder { folder } => {
                let from = format!("content/articles/{}", FOLDERS[folder]);
                if !site.path(&from).is_dir() {
                    return vec![];
                }
                let to = format!("content/articles/moved-{}", self.next);
                self.next += 1;
                std::fs::rename(site.path(&from), site.path(&to)).unwrap();
                for f in &mut self.files {
                    if let Some(rest) = f.strip_prefix(&format!("{from}/")) {
                        *f = format!("{to}/{rest}");
                    }
                }
                vec![from, to]
            }
        }
    }
}

fn options(site: &TestSite, out: &str) -> BuildOptions {
    BuildOptions {
        now: Some(NOW.parse().unwrap()),
        output_dir: Some(site.path(out)),
        ..BuildOptions::default()
    }
}

/// Every file under `dir`, by relative path, with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The output of a fresh build of the site as it is.
fn fresh(site: &TestSite, step: usize) -> BTreeMap<String, Vec<u8>> {
    let out = format!("fresh-{step}");
    build::build(site.root(), &options(site, &out)).unwrap();
    tree(&site.path(&out))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn a_tracked_rebuild_equals_a_fresh_build(ops in prop::collection::vec(op(), 1..7)) {
        let site = TestSite::with_config(
            "title = \"T\"\nbase_url = \"https://e.org/\"\npaginate_by = 2\ntaxonomies = [{ name = \"tags\" }]\n",
        );
        let mut content = Content { files: Vec::new(), next: 0 };
        for (i, folder) in FOLDERS.iter().enumerate() {
            content.add(&site, folder, i as u8);
            content.add(&site, folder, i as u8 + 3);
        }
        let mut session = IncrementalCache::new(site.root(), options(&site, "preview"));
        session.build(&Changes::All).unwrap();
        for (step, op) in ops.iter().enumerate() {
            let paths = content.apply(&site, op);
            let changes = Changes::Paths(paths.iter().map(|p| site.path(p)).collect());
            session.build(&changes).unwrap();
            let tracked = tree(&site.path("preview"));
            let expected = fresh(&site, step);
            let tracked_files: Vec<&String> = tracked.keys().collect();
            let expected_files: Vec<&String> = expected.keys().collect();
            prop_assert_eq!(tracked_files, expected_files, "files after {:?}", &ops[..=step]);
            for (path, bytes) in &expected {
                prop_assert!(tracked[path] == *bytes, "{} differs after {:?}", path, &ops[..=step]);
            }
        }
    }
}
