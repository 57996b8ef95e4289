//! The desk's changes to content files, made with a format-preserving TOML
//! editor: comments, key order, untouched values and the body stay
//! byte-identical; only the keys whose value changed are rewritten.

use serde::Deserialize;
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

use crate::source::front_matter::{self, DELIMITER};

/// The fields of an article the story editor changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub(crate) struct StoryFields {
    /// The headline.
    pub(crate) title: String,
    /// The summary; empty for none (the body's first paragraph).
    #[serde(default)]
    pub(crate) summary: String,
    /// The tags.
    #[serde(default)]
    pub(crate) tags: Vec<String>,
    /// Put forward on index pages.
    #[serde(default)]
    pub(crate) featured: bool,
    /// Left out of the site.
    #[serde(default)]
    pub(crate) draft: bool,
    /// The primary story's slug; empty for none.
    #[serde(default)]
    pub(crate) duplicate_of: String,
}

/// An edition as the edition editor sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub(crate) struct EditionFields {
    /// The title; empty for the default ("Edition of …").
    #[serde(default)]
    pub(crate) title: String,
    /// The introduction, in Markdown: the file's body.
    #[serde(default)]
    pub(crate) intro: String,
    /// The stories in groups. One group without a name is written as a flat
    /// `articles` list; otherwise every group needs a name.
    pub(crate) sections: Vec<SectionFields>,
}

/// A group of stories of an edition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub(crate) struct SectionFields {
    /// The heading; empty for none.
    #[serde(default)]
    pub(crate) name: String,
    /// Slugs, in order.
    pub(crate) articles: Vec<String>,
}

/// The text of an article file with `fields` applied to its front matter.
pub(crate) fn edit_story(rel: &str, text: &str, fields: &StoryFields) -> Result<String, String> {
    let (head, mut doc, close, body) = open(rel, text)?;
    let root = doc.as_table_mut();
    set_string(root, "title", &fields.title, false);
    set_string(root, "summary", &fields.summary, true);
    set_strings(root, "tags", &fields.tags);
    set_bool(root, "featured", fields.featured);
    set_bool(root, "draft", fields.draft);
    set_string(root, "duplicate_of", &fields.duplicate_of, true);
    Ok(format!("{head}{doc}{close}{body}"))
}

/// The text of an edition file: `existing` (if there is one) with `fields`
/// applied, or a new file.
pub(crate) fn edit_edition(
    rel: &str,
    existing: Option<&str>,
    fields: &EditionFields,
) -> Result<String, String> {
    let new_file = format!("{DELIMITER}\n{DELIMITER}\n");
    let (head, mut doc, close, body) = open(rel, existing.unwrap_or(&new_file))?;
    let root = doc.as_table_mut();
    set_string(root, "title", &fields.title, true);
    match fields.sections.as_slice() {
        [only] if only.name.is_empty() => {
            root.remove("sections");
            set_strings(root, "articles", &only.articles);
        }
        sections => {
            if let Some(i) = sections.iter().position(|s| s.name.trim().is_empty()) {
                return Err(format!(
                    "section {} has no name: name every section, or use a single unnamed one",
                    i + 1
                ));
            }
            root.remove("articles");
            let wanted: Vec<(String, Vec<String>)> = sections
                .iter()
                .map(|s| (s.name.clone(), s.articles.clone()))
                .collect();
            if current_sections(root).as_ref() != Some(&wanted) {
                let mut tables = ArrayOfTables::new();
                for (name, articles) in &wanted {
                    let mut table = Table::new();
                    table.insert("name", toml_edit::value(name.as_str()));
                    table.insert("articles", toml_edit::value(string_array(articles)));
                    tables.push(table);
                }
                if sections.is_empty() {
                    root.remove("sections");
                } else {
                    root.insert("sections", Item::ArrayOfTables(tables));
                }
            }
        }
    }
    let body = if body.trim_end() == fields.intro.trim_end() {
        body.to_owned()
    } else if fields.intro.trim().is_empty() {
        String::new()
    } else {
        format!("{}\n", fields.intro.trim_end())
    };
    Ok(format!("{head}{doc}{close}{body}"))
}

/// Splits a file into the text before the TOML, the TOML as a document, the
/// closing delimiter line and the body.
fn open<'a>(rel: &str, text: &'a str) -> Result<(&'a str, DocumentMut, &'a str, &'a str), String> {
    let split = front_matter::split(rel, text).map_err(|d| d.to_string())?;
    let doc: DocumentMut = split
        .toml
        .parse()
        .map_err(|e| format!("{rel}: the front matter is not valid TOML: {e}"))?;
    let end = split.toml_offset + split.toml.len();
    Ok((
        &text[..split.toml_offset],
        doc,
        &text[end..split.body_offset],
        split.body,
    ))
}

/// The `[[sections]]` as written, if any.
fn current_sections(root: &Table) -> Option<Vec<(String, Vec<String>)>> {
    let tables = root.get("sections")?.as_array_of_tables()?;
    Some(
        tables
            .iter()
            .map(|t| {
                let name = t.get("name").and_then(Item::as_str).unwrap_or_default();
                let articles = t
                    .get("articles")
                    .and_then(Item::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(Value::as_str)
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default();
                (name.to_owned(), articles)
            })
            .collect(),
    )
}

/// Sets `key` to `value` unless it already is; removes it when `value` is
/// empty and `optional`.
fn set_string(table: &mut Table, key: &str, value: &str, optional: bool) {
    let current = table.get(key).and_then(Item::as_str);
    if current == Some(value) || (optional && value.is_empty() && current.is_none()) {
        return;
    }
    if optional && value.is_empty() {
        table.remove(key);
    } else {
        replace(table, key, Value::from(value));
    }
}

fn set_strings(table: &mut Table, key: &str, values: &[String]) {
    let current: Option<Vec<&str>> = table
        .get(key)
        .and_then(Item::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect());
    let same = match &current {
        Some(current) => current
            .iter()
            .copied()
            .eq(values.iter().map(String::as_str)),
        None => values.is_empty(),
    };
    if !same {
        replace(table, key, Value::Array(string_array(values)));
    }
}

/// Sets a flag that defaults to false: an absent key stays absent for false.
fn set_bool(table: &mut Table, key: &str, value: bool) {
    let current = table.get(key).and_then(Item::as_bool);
    if current.unwrap_or(false) != value {
        replace(table, key, Value::from(value));
    }
}

fn string_array(values: &[String]) -> Array {
    values.iter().map(String::as_str).collect()
}

/// Replaces the value of `key`, keeping its place and its comments.
fn replace(table: &mut Table, key: &str, mut value: Value) {
    match table.get_mut(key) {
        Some(item) => {
            if let Some(old) = item.as_value() {
                *value.decor_mut() = old.decor().clone();
            }
            *item = Item::Value(value);
        }
        None => {
            table.insert(key, Item::Value(value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "+++\n# Imported on Monday.\ntitle = \"Old title\"   # keep this note\ndate = 2025-07-21T10:00:00Z\ntags  =  [ \"a\",  \"b\" ]\nsource = \"example.com\"\n\n[import]\nfile = \"raw/x.txt\"\nsha256 = \"00\"\n+++\nThe body, *exactly*.\n\n+++ not a delimiter +++\n";

    fn fields_of_article() -> StoryFields {
        StoryFields {
            title: "Old title".into(),
            summary: String::new(),
            tags: vec!["a".into(), "b".into()],
            featured: false,
            draft: false,
            duplicate_of: String::new(),
        }
    }

    #[test]
    fn unchanged_fields_leave_the_file_byte_identical() {
        let out = edit_story("a.md", ARTICLE, &fields_of_article()).unwrap();
        assert_eq!(out, ARTICLE);
    }

    #[test]
    fn a_changed_key_is_the_only_change() {
        let mut fields = fields_of_article();
        fields.title = "New title".into();
        let out = edit_story("a.md", ARTICLE, &fields).unwrap();
        assert_eq!(
            out,
            ARTICLE.replace("title = \"Old title\"", "title = \"New title\"")
        );
        let mut fields = fields_of_article();
        fields.tags = vec!["a".into(), "c".into()];
        let out = edit_story("a.md", ARTICLE, &fields).unwrap();
        assert_eq!(
            out,
            ARTICLE.replace("tags  =  [ \"a\",  \"b\" ]", "tags  =  [\"a\", \"c\"]")
        );
    }

    #[test]
    fn new_keys_are_added_and_emptied_ones_removed() {
        let mut fields = fields_of_article();
        fields.featured = true;
        fields.summary = "In short.".into();
        let out = edit_story("a.md", ARTICLE, &fields).unwrap();
        let expected = ARTICLE.replace(
            "source = \"example.com\"\n",
            "source = \"example.com\"\nsummary = \"In short.\"\nfeatured = true\n",
        );
        assert_eq!(out, expected);
        fields.summary = String::new();
        fields.featured = false;
        let back = edit_story("a.md", &out, &fields).unwrap();
        assert_eq!(
            back,
            ARTICLE.replace(
                "source = \"example.com\"\n",
                "source = \"example.com\"\nfeatured = false\n"
            )
        );
    }

    #[test]
    fn text_that_is_not_toml_is_refused() {
        let err = edit_story("a.md", "+++\ntitle = \n+++\n", &fields_of_article()).unwrap_err();
        assert!(err.contains("a.md"), "{err}");
    }

    #[test]
    fn a_new_edition_has_a_flat_list_and_the_intro() {
        let fields = EditionFields {
            title: String::new(),
            intro: "Good morning.".into(),
            sections: vec![SectionFields {
                name: String::new(),
                articles: vec!["b".into(), "a".into()],
            }],
        };
        let out = edit_edition("e.md", None, &fields).unwrap();
        assert_eq!(out, "+++\narticles = [\"b\", \"a\"]\n+++\nGood morning.\n");
    }

    #[test]
    fn an_edition_update_keeps_comments_and_other_keys() {
        let existing = "+++\n# Monday's picks\ntitle = \"Monday\"\ndraft = false\narticles = [\"a\", \"b\"] # in order\n\n[extra]\nmood = \"calm\"\n+++\nIntro.\n";
        let mut fields = EditionFields {
            title: "Monday".into(),
            intro: "Intro.".into(),
            sections: vec![SectionFields {
                name: String::new(),
                articles: vec!["b".into(), "a".into()],
            }],
        };
        let out = edit_edition("e.md", Some(existing), &fields).unwrap();
        assert_eq!(out, existing.replace("[\"a\", \"b\"]", "[\"b\", \"a\"]"));
        fields.sections = vec![
            SectionFields {
                name: "Top".into(),
                articles: vec!["b".into()],
            },
            SectionFields {
                name: "More".into(),
                articles: vec!["a".into()],
            },
        ];
        let out = edit_edition("e.md", Some(existing), &fields).unwrap();
        assert!(
            !out.contains("\"a\", \"b\"") && !out.contains("# in order"),
            "{out}"
        );
        assert!(
            out.starts_with("+++\n# Monday's picks\ntitle = \"Monday\"\ndraft = false\n"),
            "{out}"
        );
        assert!(
            out.contains("[[sections]]\nname = \"Top\"\narticles = [\"b\"]\n"),
            "{out}"
        );
        assert!(out.contains("mood = \"calm\""));
        assert!(out.ends_with("+++\nIntro.\n"));
        let parsed: toml::Table = toml::from_str(
            out.strip_prefix("+++\n")
                .unwrap()
                .split("+++\n")
                .next()
                .unwrap(),
        )
        .unwrap();
        assert_eq!(parsed["sections"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn unnamed_sections_among_several_are_refused() {
        let fields = EditionFields {
            sections: vec![
                SectionFields::default(),
                SectionFields {
                    name: "Named".into(),
                    articles: vec![],
                },
            ],
            ..EditionFields::default()
        };
        assert!(
            edit_edition("e.md", None, &fields)
                .unwrap_err()
                .contains("section 1")
        );
    }
}
