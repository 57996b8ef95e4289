//! The `[newsletter]` table of `config.toml`.
//!
//! Everything but secrets: SMTP credentials come from the environment
//! (`BROADSHEET_SMTP_USER`, `BROADSHEET_SMTP_PASSWORD`), never from a file
//! that may be committed.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

/// How every edition becomes an email, and how `broadsheet send` delivers it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NewsletterConfig {
    /// Write `editions/<date>/email.html` and `email.txt` for every edition.
    pub enabled: bool,
    /// The sender, such as `The Aldwin Digest <digest@example.org>`.
    pub from: Option<String>,
    /// Where replies go, if not to `from`.
    pub reply_to: Option<String>,
    /// The list's identifier for `List-Id` (RFC 2919), such as
    /// `digest.example.org` (default: the host of `base_url`).
    pub list_id: Option<String>,
    /// The unsubscribe address of one recipient; `{email}` stands for the
    /// recipient's address (percent-encoded). Sent as `List-Unsubscribe`
    /// with `List-Unsubscribe-Post` (RFC 8058), and linked in the footer.
    pub unsubscribe_url: Option<String>,
    /// Query parameters added to every link back to the site, such as
    /// `utm_source = "newsletter"`; `{date}` stands for the edition's date.
    pub utm: BTreeMap<String, String>,
    /// The most stories one email shows; the others are linked from the
    /// edition's page.
    pub max_stories: usize,
    /// The recipients: a CSV file with an `email` column, or one address a
    /// line; relative to the site root.
    pub recipients: PathBuf,
    /// The SMTP server's host name.
    pub smtp_host: String,
    /// Its port (default: 587 for STARTTLS, 465 for TLS, 25 for none).
    pub smtp_port: Option<u16>,
    /// How the connection is secured.
    pub smtp_security: SmtpSecurity,
    /// A PEM file of a certificate authority to trust besides the usual
    /// ones, for a relay with a private certificate; relative to the site root.
    pub smtp_ca_file: Option<PathBuf>,
}

impl Default for NewsletterConfig {
    fn default() -> Self {
        NewsletterConfig {
            enabled: true,
            from: None,
            reply_to: None,
            list_id: None,
            unsubscribe_url: None,
            utm: BTreeMap::from([
                ("utm_campaign".to_owned(), "edition-{date}".to_owned()),
                ("utm_medium".to_owned(), "email".to_owned()),
                ("utm_source".to_owned(), "newsletter".to_owned()),
            ]),
            max_stories: 30,
            recipients: PathBuf::from("subscribers.csv"),
            smtp_host: "localhost".to_owned(),
            smtp_port: None,
            smtp_security: SmtpSecurity::Starttls,
            smtp_ca_file: None,
        }
    }
}

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// Plain connection upgraded with STARTTLS, which must succeed (port 587).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a server on this machine.
    None,
}

impl NewsletterConfig {
    /// The SMTP port: the configured one, else the usual one for the security.
    pub fn port(&self) -> u16 {
        self.smtp_port.unwrap_or(match self.smtp_security {
            SmtpSecurity::Starttls => 587,
            SmtpSecurity::Tls => 465,
            SmtpSecurity::None => 25,
        })
    }

    /// What is wrong with the settings, one message each.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.max_stories == 0 {
            out.push("`[newsletter] max_stories` must be at least 1".to_owned());
        }
        if let Some(url) = &self.unsubscribe_url
            && !url.starts_with("https://")
        {
            out.push(format!(
                "`[newsletter] unsubscribe_url` `{url}` must be an https address (RFC 8058)"
            ));
        }
        out
    }
}
