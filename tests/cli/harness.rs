//! `TestSite`: a site in a temporary folder, built with the library or the binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use broadsheet::build::{BuildOptions, BuildSummary, build};
use broadsheet::error::Error;

/// The moment every test build happens, so "future" and "expired" are stable.
pub const NOW: &str = "2025-07-22T12:00:00Z";

pub struct TestSite {
    dir: tempfile::TempDir,
}

impl TestSite {
    /// A site with a minimal config.
    pub fn new() -> Self {
        Self::with_config("title = \"Test Digest\"\nbase_url = \"https://news.example.org/\"\n")
    }

    /// A site with this `config.toml`.
    pub fn with_config(config: &str) -> Self {
        let site = TestSite {
            dir: tempfile::tempdir().unwrap(),
        };
        site.write("config.toml", config);
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        // Written aside and renamed into place, as editors save: a watching
        // `serve` never reads a half-written file.
        let aside = self.root().join(".harness-write.tmp");
        std::fs::write(&aside, text).unwrap();
        std::fs::rename(&aside, path).unwrap();
        self
    }

    /// Writes `content/articles/<name>.md` with a title, date, extra front matter and body.
    pub fn article(&self, name: &str, date: &str, front: &str, body: &str) -> &Self {
        let title = name.replace('-', " ");
        self.write(
            &format!("content/articles/{name}.md"),
            &format!("+++\ntitle = \"{title}\"\ndate = {date}\n{front}+++\n{body}"),
        )
    }

    /// `n` articles a day apart, newest `a-1`, tagged `all`.
    pub fn articles(&self, n: usize) -> &Self {
        for i in 1..=n {
            let day = 21 - (i as i64 - 1) % 20;
            let hour = 23 - (i - 1) / 20;
            self.article(
                &format!("a-{i}"),
                &format!("2025-07-{day:02}T{hour:02}:00:00Z"),
                "tags = [\"all\"]\nsource = \"example.com\"\n",
                &format!("Paragraph of article {i}.\n"),
            );
        }
        self
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            now: Some(NOW.parse().unwrap()),
            ..BuildOptions::default()
        }
    }

    /// Builds with the library into `public/`.
    pub fn build(&self) -> Result<BuildSummary, Error> {
        build(self.root(), &self.options())
    }

    /// Builds and panics with the diagnostics on failure.
    pub fn build_ok(&self) -> BuildSummary {
        match self.build() {
            Ok(s) => s,
            Err(Error::Site(d)) => panic!("build failed:\n{d}"),
            Err(e) => panic!("build failed: {e}"),
        }
    }

    /// Runs the binary with `--root` set to the site.
    pub fn cmd(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_broadsheet"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .current_dir(self.root())
            .output()
            .unwrap()
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(&format!("public/{rel}")).is_file()
    }

    pub fn read(&self, rel: &str) -> String {
        let path = self.path(&format!("public/{rel}"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn html(&self, rel: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.read(rel))
    }

    /// Every output file with its bytes.
    pub fn snapshot(&self) -> BTreeMap<String, (Vec<u8>, std::time::SystemTime)> {
        let out = self.path("public");
        walkdir::WalkDir::new(&out)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(&out)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                let mtime = e.metadata().unwrap().modified().unwrap();
                (rel, (std::fs::read(e.path()).unwrap(), mtime))
            })
            .collect()
    }

    /// Every HTML file of the output, relative to it.
    pub fn html_files(&self) -> Vec<String> {
        self.snapshot()
            .into_keys()
            .filter(|k| k.ends_with(".html"))
            .collect()
    }
}

/// Texts of the elements matching `selector`.
pub fn texts(doc: &scraper::Html, selector: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>().trim().to_owned())
        .collect()
}

/// Values of attribute `attr` of the elements matching `selector`.
pub fn attrs(doc: &scraper::Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

/// The text of the first child element named `name` (in any namespace).
pub fn child_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.children()
        .find(|c| c.tag_name().name() == name)
        .and_then(|c| c.text())
}

/// Children named `name`.
pub fn children<'a>(
    node: roxmltree::Node<'a, 'a>,
    name: &'a str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'a>> {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}
