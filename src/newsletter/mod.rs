//! Editions as newsletters: email rendering helpers, MIME messages and
//! their delivery over SMTP (`broadsheet send`), and the sent log.
//!
//! The build renders every edition's `email.html` and `email.txt` (see
//! `render::email`); `send` reads them from the output folder, makes one
//! message per recipient ([`message`]) and records each delivery
//! ([`sent_log`]) so that an interrupted send resumes without duplicates.

pub(crate) mod config;
pub(crate) mod links;
pub(crate) mod message;
pub(crate) mod plain;
pub(crate) mod recipients;
pub(crate) mod send;
pub(crate) mod sent_log;
pub(crate) mod smtp;
pub(crate) mod style;

pub(crate) use config::NewsletterConfig;

/// The size of HTML past which Gmail clips a message ("[Message clipped]").
pub(crate) const MAX_HTML_BYTES: usize = 102 * 1024;
