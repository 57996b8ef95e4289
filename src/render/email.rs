//! The email of each edition: `editions/<date>/email.html` and `email.txt`,
//! from the `email.html` and `email.txt` templates (see `crate::newsletter`).

use std::sync::{Arc, LazyLock};

use serde::Serialize;
use tera::context;

use super::templates::name;
use super::{RenderedFile, Renderer};
use crate::diagnostic::Diagnostic;
use crate::model::{ArticleId, Edition, Period};
use crate::newsletter::links::{escape_attr, unsubscribe_placeholder, with_utm};
use crate::newsletter::plain::html_to_text;
use crate::newsletter::style::{EmailStyle, Tokens};
use crate::newsletter::{MAX_HTML_BYTES, NewsletterConfig};

/// The default theme's styles, made once.
static STYLE: LazyLock<EmailStyle> = LazyLock::new(|| {
    let css = super::templates::BUILTIN_ASSETS
        .iter()
        .find(|(n, _)| *n == "style.css")
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    EmailStyle::new(&Tokens::from_css(&css))
});

/// An edition's two email parts.
#[derive(Debug, Clone)]
pub(super) struct EmailParts {
    /// The HTML part.
    pub(super) html: String,
    /// The plain-text part.
    pub(super) text: String,
}

/// `email` in the email templates.
#[derive(Debug, Serialize)]
struct EmailView<'a> {
    /// The subject line (and the HTML's title).
    subject: String,
    /// The hidden line clients show after the subject.
    preheader: String,
    /// The edition's title.
    title: String,
    /// "Daily edition" or "Weekly edition".
    kicker: &'static str,
    /// The edition's day (RFC 3339), for the `date` filter.
    date: String,
    /// Stories in the edition.
    count: usize,
    /// The editor's introduction as HTML (sanitised), and as text.
    intro: String,
    intro_text: String,
    /// The stories shown, in sections.
    sections: Vec<EmailSection<'a>>,
    /// Stories left out by `[newsletter] max_stories`.
    more: usize,
    /// The edition's page, with the UTM parameters.
    edition_url: String,
    /// The site's home page, with the UTM parameters.
    site_url: String,
    /// This email on the web.
    web_url: String,
    /// The unsubscribe address (with the recipient placeholder that `send`
    /// fills in), as text and escaped for an attribute.
    unsubscribe_url: Option<String>,
    unsubscribe_href: Option<String>,
}

#[derive(Debug, Serialize)]
struct EmailSection<'a> {
    name: Option<&'a str>,
    stories: Vec<EmailStory<'a>>,
}

#[derive(Debug, Serialize)]
struct EmailStory<'a> {
    title: &'a str,
    url: String,
    summary: &'a str,
    source: Option<&'a str>,
    date: String,
}

impl Renderer<'_> {
    /// The email of edition `i`, rendered once per build.
    pub(super) fn edition_email(&self, i: usize) -> Result<Arc<EmailParts>, Diagnostic> {
        let lock = || self.emails.lock().expect("no panics while locked");
        if let Some(parts) = lock().get(&i) {
            return Ok(Arc::clone(parts));
        }
        let parts = Arc::new(self.render_email(i)?);
        lock().insert(i, Arc::clone(&parts));
        Ok(parts)
    }

    fn render_email(&self, i: usize) -> Result<EmailParts, Diagnostic> {
        let (site, v) = (self.site(), &self.views);
        let e = &site.editions[i];
        let n = &self.config().newsletter;
        let edition = v.edition(e, false);
        let day = e.date.to_string();
        let utm = |path: &str| with_utm(&v.permalink(path), &n.utm, &day);
        let mut left = n.max_stories;
        let sections: Vec<EmailSection<'_>> = e
            .sections
            .iter()
            .map(|s| {
                let take = s.articles.len().min(left);
                left -= take;
                EmailSection {
                    name: s.name.as_deref(),
                    stories: s.articles[..take]
                        .iter()
                        .map(|&id| self.story(id, &utm))
                        .collect(),
                }
            })
            .filter(|s| !s.stories.is_empty())
            .collect();
        let shown: usize = sections.iter().map(|s| s.stories.len()).sum();
        // Sanitised again: a site that trusts raw HTML on its pages still
        // sends no script or form by email.
        let intro = crate::markdown::sanitize(&e.intro_html);
        let intro_text = html_to_text(&intro);
        let view = EmailView {
            subject: format!("{} — {}", edition.title, self.config().title),
            preheader: preheader(&intro_text, &sections),
            title: edition.title.clone(),
            kicker: match e.period {
                Period::Day => "Daily edition",
                Period::Week => "Weekly edition",
            },
            date: edition.date.clone(),
            count: edition.count,
            intro,
            intro_text,
            sections,
            more: edition.count - shown,
            edition_url: utm(&e.path()),
            site_url: utm(""),
            web_url: v.permalink(&email_path(e, "html")),
            unsubscribe_url: n.unsubscribe_url.as_deref().map(unsubscribe_placeholder),
            unsubscribe_href: n
                .unsubscribe_url
                .as_deref()
                .map(|u| escape_attr(&unsubscribe_placeholder(u))),
        };
        let context = context! { email => &view, style => &*STYLE };
        let render = |template: &str, path: String| -> Result<String, Diagnostic> {
            let mut bytes = Vec::with_capacity(16 * 1024);
            self.templates
                .render(template, &context, &mut bytes, &path)?;
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        };
        Ok(EmailParts {
            html: render(name::EMAIL_HTML, email_path(e, "html"))?,
            text: render(name::EMAIL_TXT, email_path(e, "txt"))?,
        })
    }

    fn story<'b>(&'b self, id: ArticleId, utm: &dyn Fn(&str) -> String) -> EmailStory<'b> {
        let a = self.site().article(id);
        EmailStory {
            title: &a.title,
            url: utm(&a.path),
            summary: &a.summary_text,
            source: a.source.as_deref(),
            date: self.views.date(a.date),
        }
    }

    /// Warns when the HTML of edition `i`'s email is past the size at which
    /// Gmail clips a message.
    pub(super) fn warn_email_size(&self, i: usize, bytes: usize) {
        let e = &self.site().editions[i];
        if let Some(warning) = size_warning(e, bytes, &self.config().newsletter) {
            self.warn(warning);
        }
    }

    /// The files of edition `i`'s email job.
    pub(super) fn email_files(&self, i: usize, parts: &EmailParts) -> Vec<RenderedFile> {
        let e = &self.site().editions[i];
        vec![
            RenderedFile {
                path: email_path(e, "html"),
                bytes: parts.html.clone().into_bytes(),
            },
            RenderedFile {
                path: email_path(e, "txt"),
                bytes: parts.text.clone().into_bytes(),
            },
        ]
    }
}

/// The site path of an edition's email part (`html` or `txt`).
pub(super) fn email_path(e: &Edition, ext: &str) -> String {
    format!("{}email.{ext}", e.path())
}

/// The first words a client previews: the intro, else the headlines.
fn preheader(intro: &str, sections: &[EmailSection<'_>]) -> String {
    let source = if intro.is_empty() {
        sections
            .iter()
            .flat_map(|s| s.stories.iter().map(|st| st.title))
            .collect::<Vec<_>>()
            .join(" · ")
    } else {
        intro.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let mut out: String = source.chars().take(140).collect();
    if out.len() < source.len() {
        out.push('…');
    }
    out
}

/// The warning for an email of `bytes` bytes of HTML, if past the limit.
fn size_warning(e: &Edition, bytes: usize, n: &NewsletterConfig) -> Option<Diagnostic> {
    (bytes > MAX_HTML_BYTES).then(|| {
        let file = e.file.clone().unwrap_or_else(|| e.path());
        Diagnostic::warning(
            "email-size",
            file,
            format!(
                "the email of the edition {} is {} KB of HTML: Gmail clips messages past {} KB",
                e.date,
                bytes.div_ceil(1024),
                MAX_HTML_BYTES / 1024
            ),
        )
        .with_help(format!(
            "show fewer stories: lower `[newsletter] max_stories` (now {}) in config.toml, or shorten the intro and summaries",
            n.max_stories
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preheader_is_short_and_from_the_intro_or_the_headlines() {
        let stories = vec![EmailSection {
            name: None,
            stories: vec![EmailStory {
                title: "Storm hits harbour",
                url: String::new(),
                summary: "",
                source: None,
                date: String::new(),
            }],
        }];
        assert_eq!(preheader("", &stories), "Storm hits harbour");
        assert_eq!(preheader("Good\n\nmorning.", &stories), "Good morning.");
        let long = "word ".repeat(100);
        let p = preheader(&long, &stories);
        assert!(p.chars().count() == 141 && p.ends_with('…'));
    }
}
