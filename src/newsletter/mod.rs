//! Editions as newsletters: email rendering helpers, MIME messages and
//! their delivery over SMTP (`broadsheet send`), and the sent log.
//!
//! The build renders every edition's `email.html` and `email.txt` (see
//! `render::email`); `send` reads them from the output folder, makes one
//! message per recipient ([`message`]) and records each delivery
//! ([`sent_log`]) so that an interrupted send resumes without duplicates.

pub mod config;
pub mod links;
pub mod message;
pub mod plain;
pub mod recipients;
pub mod send;
pub mod sent_log;
pub mod smtp;
pub mod style;

pub use config::NewsletterConfig;

/// The size of HTML past which Gmail clips a message ("[Message clipped]").
pub const MAX_HTML_BYTES: usize = 102 * 1024;
