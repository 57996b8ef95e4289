//! `check`: every problem of a site, found without writing anything.
//!
//! [`check`] runs the build's stages 1–4 (config, discover, parse, model)
//! exactly as `build` does, then looks for what a build accepts but a reader
//! would trip over:
//!
//! - `links`: Markdown links and images that lead nowhere on the site, and
//!   anchors (`#id`) that are not in the page they point to;
//! - `outputs`: two things written at one output path, a file where the
//!   site needs a folder, a static file replacing a generated one;
//! - `content`: articles without tags or summary, dated in the future,
//!   tags that collide after slugifying, URLs the renderer drops, feed and
//!   sitemap settings that publish wrong addresses.
//!
//! Problems the build itself reports (bad front matter, duplicate slugs,
//! editions naming missing or draft articles…) come from the same stage
//! functions, so `check` and `build` never disagree about them. With
//! [`CheckOptions::render`], every page is also rendered (and thrown away)
//! to find template errors.
//!
//! Nothing here writes a file: no output folder, no build manifest. The
//! result is a [`CheckReport`]; printing it is the CLI's job ([`to_json`]
//! gives the documented JSON form, `docs/check.md`).

mod content;
mod links;
mod outputs;
mod sources;

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use jiff::Timestamp;
use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::error::{Error, Result};
use crate::model::{Overlay, Site, Visibility};
use crate::render::templates::Templates;
use crate::render::view::Views;
use crate::render::{self, Renderer};

use self::sources::Sources;

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Check the site as `build --drafts` would publish it.
    pub drafts: bool,
    /// Check the site as `build --future` would publish it.
    pub future: bool,
    /// The moment of the check (decides which articles are in the future);
    /// `None` reads the clock.
    pub now: Option<Timestamp>,
    /// Also render every page, without writing it, to find template errors.
    pub render: bool,
    /// Check the files that symbolic links in the folders copied as they are
    /// lead to, as `build --follow-links` copies them.
    pub follow_links: bool,
}

/// What a check found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Every problem found.
    pub diagnostics: Diagnostics,
    /// Published articles checked.
    pub articles: usize,
    /// Plain pages checked.
    pub pages: usize,
    /// Curated editions checked.
    pub editions: usize,
    /// Markdown links and images checked.
    pub links: usize,
    /// Pages and files the site would have.
    pub outputs: usize,
    /// Pages rendered (with [`CheckOptions::render`] only).
    pub rendered: usize,
    /// True when `config.toml` has errors, so nothing else was checked.
    pub config_failed: bool,
}

impl CheckReport {
    /// True when the check fails: errors, or warnings when they are denied.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.diagnostics.has_errors() || (deny_warnings && self.diagnostics.warning_count() > 0)
    }
}

/// Checks the site at `root`. Problems in the site's files (its config
/// included) are in the report; only a missing site or a failure of the
/// machine is an `Err`.
pub fn check(root: &Path, options: &CheckOptions) -> Result<CheckReport> {
    let config = match Config::load(root) {
        Ok(config) => config,
        Err(Error::Site(diagnostics)) => {
            // Every file is read according to the config: without one, stop here.
            return Ok(CheckReport {
                diagnostics,
                config_failed: true,
                ..CheckReport::default()
            });
        }
        Err(e) => return Err(e),
    };
    let mut diagnostics = Diagnostics::new();
    let templates = match Templates::load(root, &config) {
        Ok(t) => Some(t),
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    };
    let visibility = Visibility {
        drafts: options.drafts,
        future: options.future,
        now: options.now.unwrap_or_else(Timestamp::now),
    };
    let crate::build::Loaded {
        tree,
        content,
        site,
    } = crate::build::load(
        root,
        &config,
        visibility,
        options.follow_links,
        &mut diagnostics,
    );
    let mut sources = Sources::new(root);
    content::check(
        &content::Input {
            config: &config,
            content: &content,
            site: &site,
            visibility: &visibility,
        },
        &mut sources,
        &mut diagnostics,
    );
    if let Some(templates) = &templates {
        missing_templates(&site, templates, &mut diagnostics);
    }
    let outputs = outputs::Outputs::of(&site, &config, &tree);
    let broken: BTreeSet<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.file.clone())
        .collect();
    outputs.clashes(&broken, &mut diagnostics);
    let links = links::check(
        &links::Input {
            config: &config,
            content: &content,
            site: &site,
            outputs: &outputs,
        },
        &mut sources,
        &mut diagnostics,
    );
    let rendered = match templates {
        Some(mut templates) if options.render => dry_render(
            &site,
            &config,
            &mut templates,
            options.now,
            &mut diagnostics,
        ),
        _ => 0,
    };
    Ok(CheckReport {
        diagnostics,
        articles: site.articles.len(),
        pages: site.pages.len(),
        editions: content.editions.len(),
        links,
        outputs: outputs.len(),
        rendered,
        config_failed: false,
    })
}

/// Articles and pages that ask for a template that does not exist (the
/// same error as the renderer's, which `--render` finds again).
fn missing_templates(site: &Site, templates: &Templates, diagnostics: &mut Diagnostics) {
    let asked = site
        .articles
        .iter()
        .map(|a| (&a.file, &a.template))
        .chain(site.pages.iter().map(|p| (&p.file, &p.template)));
    for (file, template) in asked {
        if let Some(name) = template
            && !templates.contains(name)
        {
            diagnostics.push(
                Diagnostic::error(
                    "missing-template",
                    file.clone(),
                    format!("the template `{name}` does not exist"),
                )
                .with_help("add it to `templates/`, or remove `template` from the front matter"),
            );
        }
    }
}

/// Renders every page of `site` and throws the result away; template
/// errors become diagnostics. Returns the number of jobs rendered.
fn dry_render(
    site: &Site,
    config: &Config,
    templates: &mut Templates,
    now: Option<Timestamp>,
    diagnostics: &mut Diagnostics,
) -> usize {
    // `check` does not process images: pages are rendered without them.
    let images = crate::images::Images::none(&config.images);
    let site_view = Views {
        config,
        site: Overlay::plain(site),
        cards: &[],
        images: &images,
    }
    // The stylesheet's content hash only matters to browsers' caches.
    .site(config.base_url.url("style.css"));
    templates.set_globals(tera::context! { site => &site_view });
    let (cards, _) = render::article_cards(site, config, &images, &mut HashMap::new());
    let views = Views {
        config,
        site: Overlay::plain(site),
        cards: &cards,
        images: &images,
    };
    let jobs = render::plan(site, config);
    let renderer = Renderer::new(views, templates, &jobs, now, 0);
    let failures: Vec<Diagnostic> = jobs
        .par_iter()
        .filter_map(|job| renderer.render(job).err())
        .collect();
    diagnostics.extend(failures);
    jobs.len()
}

/// The version of the JSON form of a report; it changes only when a field
/// is removed or changes meaning (new fields may be added).
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport {
    version: u32,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic>,
}

#[derive(Serialize)]
struct JsonDiagnostic {
    severity: Severity,
    code: &'static str,
    file: String,
    line: Option<u32>,
    col: Option<u32>,
    message: String,
    help: Option<String>,
}

/// The diagnostics as the JSON document `check --format json` prints
/// (documented in `docs/check.md`): sorted like the human form, every key
/// always present, `null` where there is no value. Ends with a newline.
pub fn to_json(diagnostics: &Diagnostics) -> String {
    let report = JsonReport {
        version: JSON_VERSION,
        errors: diagnostics.error_count(),
        warnings: diagnostics.warning_count(),
        diagnostics: diagnostics
            .clone()
            .sorted()
            .into_iter()
            .map(|d| JsonDiagnostic {
                severity: d.severity,
                code: d.code,
                file: d.file,
                line: d.location.map(|l| l.line),
                col: d.location.map(|l| l.col),
                message: d.message,
                help: d.help,
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&report).expect("a report serializes");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::LineCol;

    #[test]
    fn json_has_every_key_and_counts() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::warning("no-tags", "b.md", "no tags"));
        ds.push(
            Diagnostic::error("broken-link", "a.md", "nowhere")
                .at(LineCol { line: 3, col: 5 })
                .with_help("fix it"),
        );
        let json: serde_json::Value = serde_json::from_str(&to_json(&ds)).unwrap();
        assert_eq!(json["version"], 1);
        assert_eq!(json["errors"], 1);
        assert_eq!(json["warnings"], 1);
        let first = &json["diagnostics"][0];
        assert_eq!(first["file"], "a.md");
        assert_eq!(first["severity"], "error");
        assert_eq!(
            (first["line"].as_u64(), first["col"].as_u64()),
            (Some(3), Some(5))
        );
        let second = &json["diagnostics"][1];
        assert!(second["line"].is_null() && second["help"].is_null());
        let mut keys: Vec<&str> = second
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["code", "col", "file", "help", "line", "message", "severity"]
        );
    }
}
