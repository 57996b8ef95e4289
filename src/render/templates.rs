//! Templates: the embedded default theme, overridden file by file by the
//! site's own `templates/` folder.
//!
//! Every template of the default theme is compiled into the binary from the
//! repository's `templates/` folder. A site's template with the same name
//! replaces it; a site template may also `{% extends "base.html" %}` a
//! built-in one. Template errors become diagnostics naming the template
//! file and line.

use std::hash::{Hash, Hasher};
use std::path::Path;

use tera::{Context, Kwargs, State, Tera};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, LineCol};
use crate::source::{TEMPLATES_DIR, decode};

/// The default theme's templates, by name.
pub(crate) const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "components.html",
        include_str!("../../templates/components.html"),
    ),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("page.html", include_str!("../../templates/page.html")),
    (
        "taxonomy_list.html",
        include_str!("../../templates/taxonomy_list.html"),
    ),
    ("term.html", include_str!("../../templates/term.html")),
    ("archive.html", include_str!("../../templates/archive.html")),
    (
        "archive_year.html",
        include_str!("../../templates/archive_year.html"),
    ),
    (
        "archive_month.html",
        include_str!("../../templates/archive_month.html"),
    ),
    ("edition.html", include_str!("../../templates/edition.html")),
    (
        "editions.html",
        include_str!("../../templates/editions.html"),
    ),
    ("404.html", include_str!("../../templates/404.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("email.html", include_str!("../../templates/email.html")),
    ("email.txt", include_str!("../../templates/email.txt")),
    ("card.svg", include_str!("../../templates/card.svg")),
];

/// The default theme's assets (`templates/assets/`), copied to the output root.
pub(crate) const BUILTIN_ASSETS: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../../templates/assets/style.css"),
    ),
    (
        "favicon.svg",
        include_bytes!("../../templates/assets/favicon.svg"),
    ),
    (
        "search.js",
        include_bytes!("../../templates/assets/search.js"),
    ),
];

/// Template names the renderer uses.
pub(crate) mod name {
    /// Home and its pages.
    pub(crate) const INDEX: &str = "index.html";
    /// An article.
    pub(crate) const ARTICLE: &str = "article.html";
    /// A plain page.
    pub(crate) const PAGE: &str = "page.html";
    /// A taxonomy's list of terms.
    pub(crate) const TAXONOMY_LIST: &str = "taxonomy_list.html";
    /// A term's articles.
    pub(crate) const TERM: &str = "term.html";
    /// The archive's years and months.
    pub(crate) const ARCHIVE: &str = "archive.html";
    /// One year of the archive.
    pub(crate) const ARCHIVE_YEAR: &str = "archive_year.html";
    /// One month of the archive.
    pub(crate) const ARCHIVE_MONTH: &str = "archive_month.html";
    /// An edition.
    pub(crate) const EDITION: &str = "edition.html";
    /// The editions index.
    pub(crate) const EDITIONS: &str = "editions.html";
    /// The not-found page.
    pub(crate) const NOT_FOUND: &str = "404.html";
    /// The search page.
    pub(crate) const SEARCH: &str = "search.html";
    /// An edition's email, HTML part.
    pub(crate) const EMAIL_HTML: &str = "email.html";
    /// An edition's email, text part.
    pub(crate) const EMAIL_TXT: &str = "email.txt";
    /// A social card (SVG, drawn as PNG).
    pub(crate) const CARD: &str = "card.svg";
}

/// The loaded templates, ready to render from many threads.
pub struct Templates {
    tera: Tera,
    overridden: Vec<String>,
    fingerprint: u64,
    /// How long one page may render (`[build] render_timeout_secs`).
    time_limit: std::time::Duration,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("overridden", &self.overridden)
            .finish()
    }
}

impl Templates {
    /// Loads the built-in templates, then the site's `templates/*.html`.
    pub fn load(root: &Path, config: &Config) -> Result<Templates, Diagnostics> {
        let mut tera = Tera::new();
        // Social cards are SVG: escaped like HTML and XML.
        tera.autoescape_on(vec![".html", ".htm", ".xml", ".svg"]);
        register_filters(&mut tera, config);
        tera.add_raw_templates(BUILTIN.iter().copied())
            .expect("the built-in templates compile (checked by tests)");
        let mut diagnostics = Diagnostics::new();
        let mut overridden = Vec::new();
        let mut hasher = crate::hash::FxHasher::default();
        for (name, text) in site_templates(root, &mut diagnostics) {
            (&name, &text).hash(&mut hasher);
            match tera.add_raw_template(&name, &text) {
                Ok(()) => overridden.push(name),
                Err(e) => diagnostics.push(template_diagnostic(&e, &name, &overridden_file, None)),
            }
        }
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        Ok(Templates {
            tera,
            overridden,
            fingerprint: hasher.finish(),
            time_limit: std::time::Duration::from_secs(config.build.render_timeout_secs),
        })
    }

    /// Sets the values every template sees (`site`).
    pub fn set_globals(&mut self, globals: Context) {
        *self.tera.global_context() = globals;
    }

    /// A hash of the site's own templates: equal hashes, equal templates.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// True when a template of this name exists.
    pub fn contains(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders `name` into `out`; `page` names the page for the error message.
    pub fn render(
        &self,
        name: &str,
        context: &Context,
        out: &mut Vec<u8>,
        page: &str,
    ) -> Result<(), Diagnostic> {
        let _watched = super::watchdog::watch(name, || self.file_of(name), page, self.time_limit);
        self.tera
            .render_to(name, context, &mut *out)
            .map_err(|e| template_diagnostic(&e, name, &|n| self.file_of(n), Some(page)))
    }

    fn file_of(&self, name: &str) -> String {
        if self.overridden.iter().any(|n| n == name) {
            overridden_file(name)
        } else {
            format!("{TEMPLATES_DIR}/{name} (built-in)")
        }
    }
}

fn overridden_file(name: &str) -> String {
    format!("{TEMPLATES_DIR}/{name}")
}

/// The site's template files (`templates/**/*.{html,xml,txt,svg}`, not `assets/`), sorted.
fn site_templates(root: &Path, diagnostics: &mut Diagnostics) -> Vec<(String, String)> {
    let dir = root.join(TEMPLATES_DIR);
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let is_assets = e.depth() == 1 && e.file_name() == "assets";
            let is_scratch = e
                .file_name()
                .to_str()
                .is_some_and(crate::source::is_scratch_file);
            !is_assets && !is_scratch
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| crate::source::rel_display(root, p))
                    .unwrap_or_default();
                diagnostics.push(Diagnostic::error("unreadable", path, e.to_string()));
                continue;
            }
        };
        let Some(rel) = entry.path().strip_prefix(&dir).ok().and_then(Path::to_str) else {
            continue;
        };
        let is_template = [".html", ".xml", ".txt", ".svg"]
            .iter()
            .any(|s| rel.ends_with(s));
        if !entry.file_type().is_file() || !is_template {
            continue;
        }
        let name = rel.replace('\\', "/");
        let file = overridden_file(&name);
        match crate::fs::read(entry.path())
            .map_err(|e| Diagnostic::error("unreadable", &file, e.to_string()))
            .and_then(|b| decode::decode(&file, b))
        {
            Ok(text) => out.push((name, text)),
            Err(d) => diagnostics.push(d),
        }
    }
    out
}

/// A Tera error as a diagnostic on the template that caused it.
///
/// `fallback` is the template being rendered, used when Tera does not say
/// which one failed; `file_of` turns a template name into the file shown.
fn template_diagnostic(
    err: &tera::Error,
    fallback: &str,
    file_of: &dyn Fn(&str) -> String,
    page: Option<&str>,
) -> Diagnostic {
    let d = match err.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let name = if r.filename().is_empty() {
                fallback
            } else {
                r.filename()
            };
            let span = r.span();
            Diagnostic::error("template", file_of(name), r.message()).at(LineCol {
                line: span.start_line as u32,
                col: span.start_col as u32 + 1,
            })
        }
        other => Diagnostic::error("template", file_of(fallback), other.to_string()),
    };
    match page {
        Some(page) => d.with_help(format!("while rendering `{page}`")),
        None => d,
    }
}

fn register_filters(tera: &mut Tera, config: &Config) {
    let tz = config.timezone.0.clone();
    let default_format = config.date_format.clone();
    tera.register_filter("date", move |value: &str, kwargs: Kwargs, _: &State| {
        let format: Option<&str> = kwargs.get("format")?;
        let ts: jiff::Timestamp = value
            .parse()
            .map_err(|e| tera::Error::message(format!("`{value}` is not a date: {e}")))?;
        let zoned = ts.to_zoned_datetime(tz.clone());
        Ok::<_, tera::Error>(
            zoned
                .strftime(format.unwrap_or(&default_format))
                .to_string(),
        )
    });
}
