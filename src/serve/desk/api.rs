//! The desk's JSON API: the story queue, the story editor and the edition
//! editor. Every save names the SHA-256 of the file as the desk loaded it;
//! a file changed on disk since is not overwritten (409).

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::edit::{self, EditionFields, SectionFields, StoryFields};
use super::model::{Snapshot, Story};
use super::{Desk, paths};
use crate::hash::sha256_hex;
use crate::source::parse;

/// Where curated editions are, relative to the site root.
pub(crate) const EDITIONS_DIR: &str = "content/editions";

/// Filters of the story queue; empty ones match everything.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Filters {
    /// First day, `yyyy-mm-dd`.
    #[serde(default)]
    from: String,
    /// Last day, `yyyy-mm-dd`.
    #[serde(default)]
    to: String,
    /// A tag (any case).
    #[serde(default)]
    tag: String,
    /// A source.
    #[serde(default)]
    source: String,
    /// Words that the title, summary, source or tags contain (any case).
    #[serde(default)]
    q: String,
}

impl Filters {
    fn matches(&self, s: &Story) -> bool {
        let q = self.q.to_lowercase();
        (self.from.is_empty() || s.date.as_str() >= self.from.as_str())
            && (self.to.is_empty() || s.date.as_str() <= self.to.as_str())
            && (self.tag.is_empty() || s.tags.iter().any(|t| t.eq_ignore_ascii_case(&self.tag)))
            && (self.source.is_empty() || s.source.as_deref() == Some(self.source.as_str()))
            && (q.is_empty()
                || q.split_whitespace().all(|w| {
                    s.title.to_lowercase().contains(w)
                        || s.summary.to_lowercase().contains(w)
                        || s.source
                            .as_deref()
                            .is_some_and(|x| x.to_lowercase().contains(w))
                        || s.tags.iter().any(|t| t.to_lowercase().contains(w))
                }))
    }
}

/// `GET /_desk/api/stories`: the queue, newest first, with the site's tags and sources.
pub(crate) async fn stories(
    State(desk): State<Arc<Desk>>,
    Query(filters): Query<Filters>,
) -> Response {
    let snapshot = desk.snapshot();
    let stories: Vec<&Story> = snapshot
        .stories
        .iter()
        .filter(|s| filters.matches(s))
        .collect();
    Json(json!({
        "stories": stories,
        "total": snapshot.stories.len(),
        "tags": snapshot.tags,
        "sources": snapshot.sources,
    }))
    .into_response()
}

/// What the story editor loads.
#[derive(Debug, Serialize)]
struct StoryDoc<'a> {
    slug: &'a str,
    file: &'a str,
    url: &'a str,
    sha256: String,
    #[serde(flatten)]
    fields: StoryFieldsOut,
    candidates: Vec<&'a Story>,
}

#[derive(Debug, Serialize)]
struct StoryFieldsOut {
    title: String,
    summary: String,
    tags: Vec<String>,
    featured: bool,
    draft: bool,
    duplicate_of: String,
}

/// `GET /_desk/api/stories/<slug>`: the story's editable fields, as in its file.
pub(crate) async fn story(State(desk): State<Arc<Desk>>, Path(slug): Path<String>) -> Response {
    let snapshot = desk.snapshot();
    let Some(story) = snapshot.story(&slug) else {
        return error(
            StatusCode::NOT_FOUND,
            &format!("no published story `{slug}`"),
        );
    };
    let bytes = match crate::fs::read(&desk.root.join(&story.file)) {
        Ok(b) => b,
        Err(e) => return error(StatusCode::NOT_FOUND, &e.to_string()),
    };
    let text = String::from_utf8_lossy(&bytes);
    let table = front_matter_table(&story.file, &text).unwrap_or_default();
    let text_of = |k: &str| {
        table
            .get(k)
            .and_then(toml::Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let flag = |k: &str| table.get(k).and_then(toml::Value::as_bool).unwrap_or(false);
    let fields = StoryFieldsOut {
        title: text_of("title"),
        summary: text_of("summary"),
        tags: table
            .get("tags")
            .and_then(toml::Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default(),
        featured: flag("featured"),
        draft: flag("draft"),
        duplicate_of: text_of("duplicate_of"),
    };
    Json(StoryDoc {
        slug: &story.slug,
        file: &story.file,
        url: &story.url,
        sha256: sha256_hex(&bytes),
        fields,
        candidates: snapshot.near_duplicates(&story.slug),
    })
    .into_response()
}

/// A save from the story editor.
#[derive(Debug, Deserialize)]
pub(crate) struct SaveStory {
    /// The file's SHA-256 as the desk loaded it.
    sha256: String,
    #[serde(flatten)]
    fields: StoryFields,
}

/// `PUT /_desk/api/stories/<slug>`.
pub(crate) async fn save_story(
    State(desk): State<Arc<Desk>>,
    Path(slug): Path<String>,
    Json(save): Json<SaveStory>,
) -> Response {
    let snapshot = desk.snapshot();
    let Some(story) = snapshot.story(&slug) else {
        return error(
            StatusCode::NOT_FOUND,
            &format!("no published story `{slug}`"),
        );
    };
    let rel = story.file.clone();
    let fields = save.fields;
    let mut problems = Vec::new();
    if !fields.duplicate_of.is_empty() {
        if fields.duplicate_of == slug {
            problems.push(format!("{rel}: a story cannot be a duplicate of itself"));
        } else if snapshot.story(&fields.duplicate_of).is_none() {
            problems.push(format!(
                "{rel}: `duplicate_of` names `{}`, which is not a published story",
                fields.duplicate_of
            ));
        }
    }
    blocking(move || {
        desk.save(
            &rel,
            &save.sha256,
            |text| edit::edit_story(&rel, text.unwrap_or_default(), &fields),
            |new, config| {
                let mut all = problems;
                if let Err(ds) =
                    parse::parse_article(&rel, new, config, &crate::text::Vocabulary::default())
                {
                    all.extend(ds.iter().map(ToString::to_string));
                }
                all
            },
        )
    })
    .await
}

/// What the edition editor loads.
#[derive(Debug, Serialize)]
struct EditionDoc {
    date: String,
    file: String,
    exists: bool,
    sha256: String,
    title: String,
    intro: String,
    sections: Vec<SectionOut>,
}

#[derive(Debug, Serialize)]
struct SectionOut {
    name: String,
    articles: Vec<String>,
}

/// `GET /_desk/api/editions/<yyyy-mm-dd>`: the curated edition of that day,
/// or an empty one.
pub(crate) async fn edition(State(desk): State<Arc<Desk>>, Path(date): Path<String>) -> Response {
    let rel = match edition_file(&date) {
        Ok(rel) => rel,
        Err(why) => return error(StatusCode::BAD_REQUEST, &why),
    };
    let Ok(bytes) = crate::fs::read(&desk.root.join(&rel)) else {
        return Json(EditionDoc {
            date,
            file: rel,
            exists: false,
            sha256: String::new(),
            title: String::new(),
            intro: String::new(),
            sections: vec![SectionOut {
                name: String::new(),
                articles: Vec::new(),
            }],
        })
        .into_response();
    };
    let text = String::from_utf8_lossy(&bytes);
    let table = front_matter_table(&rel, &text).unwrap_or_default();
    let slugs = |v: Option<&toml::Value>| -> Vec<String> {
        v.and_then(toml::Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut sections: Vec<SectionOut> = table
        .get("sections")
        .and_then(toml::Value::as_array)
        .map(|a| {
            a.iter()
                .map(|s| SectionOut {
                    name: s
                        .get("name")
                        .and_then(toml::Value::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                    articles: slugs(s.get("articles")),
                })
                .collect()
        })
        .unwrap_or_default();
    if sections.is_empty() {
        sections.push(SectionOut {
            name: String::new(),
            articles: slugs(table.get("articles")),
        });
    }
    let intro = crate::source::front_matter::split(&rel, &text)
        .map(|s| s.body.to_owned())
        .unwrap_or_default();
    Json(EditionDoc {
        date,
        file: rel,
        exists: true,
        sha256: sha256_hex(&bytes),
        title: table
            .get("title")
            .and_then(toml::Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        intro,
        sections,
    })
    .into_response()
}

/// A save from the edition editor.
#[derive(Debug, Deserialize)]
pub(crate) struct SaveEdition {
    /// The file's SHA-256 as the desk loaded it; empty for a new file.
    #[serde(default)]
    sha256: String,
    #[serde(flatten)]
    fields: EditionFields,
}

/// `PUT /_desk/api/editions/<yyyy-mm-dd>`: creates or updates `content/editions/<date>.md`.
pub(crate) async fn save_edition(
    State(desk): State<Arc<Desk>>,
    Path(date): Path<String>,
    Json(save): Json<SaveEdition>,
) -> Response {
    let rel = match edition_file(&date) {
        Ok(rel) => rel,
        Err(why) => return error(StatusCode::BAD_REQUEST, &why),
    };
    let snapshot = desk.snapshot();
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for slug in save
        .fields
        .sections
        .iter()
        .flat_map(|s: &SectionFields| &s.articles)
    {
        if snapshot.story(slug).is_none() {
            problems.push(format!("{rel}: `{slug}` is not a published story"));
        } else if !seen.insert(slug) {
            problems.push(format!("{rel}: `{slug}` is in the edition twice"));
        }
    }
    blocking(move || {
        desk.save(
            &rel,
            &save.sha256,
            |text| edit::edit_edition(&rel, text, &save.fields),
            |new, config| {
                let mut all = problems;
                if let Err(ds) = parse::parse_edition(&rel, new, config) {
                    all.extend(ds.iter().map(ToString::to_string));
                }
                all
            },
        )
    })
    .await
}

/// `content/editions/<date>.md` for a valid date, else why not.
fn edition_file(date: &str) -> Result<String, String> {
    match date.parse::<jiff::civil::Date>() {
        Ok(d) if d.to_string() == date => Ok(format!("{EDITIONS_DIR}/{date}.md")),
        _ => Err(format!(
            "`{date}` is not a date: editions are named yyyy-mm-dd"
        )),
    }
}

fn front_matter_table(rel: &str, text: &str) -> Option<toml::Table> {
    let split = crate::source::front_matter::split(rel, text).ok()?;
    toml::from_str(split.toml).ok()
}

/// Runs a save (file I/O) off the server's thread.
async fn blocking(f: impl FnOnce() -> Response + Send + 'static) -> Response {
    tokio::task::spawn_blocking(f)
        .await
        .unwrap_or_else(|_| error(StatusCode::INTERNAL_SERVER_ERROR, "the save failed"))
}

/// A JSON error: `{"error": message}`.
pub(crate) fn error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

impl Desk {
    /// Writes `rel` with what `make` returns for its current text, if the
    /// file is still as the desk loaded it (`expected` SHA-256, empty for
    /// "does not exist") and `validate` finds no problems.
    fn save(
        &self,
        rel: &str,
        expected: &str,
        make: impl FnOnce(Option<&str>) -> Result<String, String>,
        validate: impl FnOnce(&str, &crate::config::Config) -> Vec<String>,
    ) -> Response {
        let snapshot: Arc<Snapshot> = self.snapshot();
        let Some(config) = snapshot.config.as_ref() else {
            return error(
                StatusCode::SERVICE_UNAVAILABLE,
                "the site has not built yet: fix the errors shown in the terminal, then save again",
            );
        };
        // One save at a time: the check and the write must not interleave.
        let _saving = self
            .saving
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if rel.starts_with(EDITIONS_DIR) {
            let folder = self.root.join(EDITIONS_DIR);
            if !folder.exists()
                && let Err(e) = crate::fs::create_dir_all(&folder)
            {
                return error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string());
            }
        }
        let abs = match paths::inside_content(&self.root, rel) {
            Ok(abs) => abs,
            Err(why) => return error(StatusCode::FORBIDDEN, &why),
        };
        let current = abs.exists().then(|| crate::fs::read(&abs)).transpose();
        let current = match current {
            Ok(current) => current,
            Err(e) => return error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
        };
        let current_sha = current.as_deref().map(sha256_hex).unwrap_or_default();
        if current_sha != expected {
            return (
                StatusCode::CONFLICT,
                Json(json!({
                    "error": format!("{rel} changed on disk since the desk loaded it; nothing was saved. Reload it to see the new version, then make your change again."),
                    "conflict": true,
                    "sha256": current_sha,
                })),
            )
                .into_response();
        }
        let current = match current.map(String::from_utf8).transpose() {
            Ok(text) => text,
            Err(_) => {
                return error(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &format!("{rel} is not UTF-8 text; edit it in a text editor"),
                );
            }
        };
        let new = match make(current.as_deref()) {
            Ok(new) => new,
            Err(why) => return problems(vec![why]),
        };
        let found = validate(&new, config);
        if !found.is_empty() {
            return problems(found);
        }
        if current.as_deref() == Some(new.as_str()) {
            return Json(json!({ "sha256": current_sha, "changed": false })).into_response();
        }
        match crate::fs::write_atomic(&abs, new.as_bytes()) {
            Ok(()) => Json(json!({ "sha256": sha256_hex(new.as_bytes()), "changed": true }))
                .into_response(),
            Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
        }
    }
}

/// 422 with the problems found, as `build` words them.
fn problems(found: Vec<String>) -> Response {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        Json(json!({ "error": "the change was not saved", "problems": found })),
    )
        .into_response()
}
