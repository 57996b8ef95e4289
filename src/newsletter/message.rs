//! One recipient's MIME message: multipart/alternative (text, then HTML),
//! with the list headers of RFC 2369, RFC 2919 and RFC 8058.

use std::time::SystemTime;

use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{Address, Message};

use super::links::{escape_attr, unsubscribe_for, unsubscribe_placeholder};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What every recipient's message of an edition shares.
#[derive(Debug, Clone)]
pub(crate) struct Edition {
    /// The edition's date, `yyyy-mm-dd`.
    pub date: String,
    /// The subject line.
    pub subject: String,
    /// The sender.
    pub from: Mailbox,
    /// Where replies go.
    pub reply_to: Option<Mailbox>,
    /// `List-Id`'s identifier, such as `digest.example.org`.
    pub list_id: String,
    /// `List-Id`'s label, the site's title.
    pub list_name: String,
    /// The unsubscribe URL template (`{email}` for the recipient).
    pub unsubscribe_url: Option<String>,
    /// The HTML part, as built.
    pub html: String,
    /// The text part, as built.
    pub text: String,
}

impl Edition {
    /// The `Message-ID` of the edition's message to `to`: the same for the
    /// same edition and recipient, so a copy sent twice is recognisable.
    pub(crate) fn message_id(&self, to: &Address) -> String {
        let hash = crate::hash::fnv1a(AsRef::<str>::as_ref(to).to_ascii_lowercase().as_bytes());
        format!("<edition-{}.{hash:016x}@{}>", self.date, self.list_id)
    }

    /// The HTML and text parts for `to`, and their unsubscribe address:
    /// the build wrote the placeholder address, each recipient gets their own.
    pub(crate) fn bodies_for(&self, to: &Address) -> (String, String, Option<String>) {
        let Some(template) = &self.unsubscribe_url else {
            return (self.html.clone(), self.text.clone(), None);
        };
        let url = unsubscribe_for(template, to.as_ref());
        let placeholder = unsubscribe_placeholder(template);
        let html = self
            .html
            .replace(&escape_attr(&placeholder), &escape_attr(&url));
        let text = self.text.replace(&placeholder, &url);
        (html, text, Some(url))
    }

    /// The message to `to`, dated `date`.
    pub(crate) fn message(
        &self,
        to: &Address,
        date: SystemTime,
    ) -> Result<Message, lettre::error::Error> {
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(None, to.clone()))
            .subject(&self.subject)
            .date(date)
            .message_id(Some(self.message_id(to)))
            .header(ListId(format!(
                "{} <{}>",
                quote(&self.list_name),
                self.list_id
            )));
        if let Some(reply_to) = &self.reply_to {
            builder = builder.reply_to(reply_to.clone());
        }
        let (html, text, url) = self.bodies_for(to);
        if let Some(url) = url {
            builder = builder
                .header(ListUnsubscribe(format!("<{url}>")))
                .header(ListUnsubscribePost);
        }
        builder.multipart(MultiPart::alternative_plain_html(text, html))
    }
}

/// A phrase for a header, quoted (RFC 5322) unless it is plain words.
fn quote(phrase: &str) -> String {
    let plain = phrase
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == ' ');
    if plain {
        phrase.to_owned()
    } else {
        format!("\"{}\"", phrase.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

macro_rules! text_header {
    ($(#[$doc:meta])* $ty:ident, $name:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        struct $ty(String);

        impl Header for $ty {
            fn name() -> HeaderName {
                HeaderName::new_from_ascii_str($name)
            }
            fn parse(s: &str) -> Result<Self, BoxError> {
                Ok($ty(s.to_owned()))
            }
            fn display(&self) -> HeaderValue {
                HeaderValue::new(Self::name(), self.0.clone())
            }
        }
    };
}

text_header!(
    /// `List-Id` (RFC 2919).
    ListId,
    "List-Id"
);
text_header!(
    /// `List-Unsubscribe` (RFC 2369).
    ListUnsubscribe,
    "List-Unsubscribe"
);

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
#[derive(Debug, Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> Result<Self, BoxError> {
        Ok(ListUnsubscribePost)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition() -> Edition {
        Edition {
            date: "2025-07-21".into(),
            subject: "Monday 21 July 2025 — Test Digest".into(),
            from: "Test Digest <digest@example.org>".parse().unwrap(),
            reply_to: None,
            list_id: "news.example.org".into(),
            list_name: "Test Digest".into(),
            unsubscribe_url: Some("https://news.example.org/u?a={email}&l=1".into()),
            html: "<a href=\"https://news.example.org/u?a=%7Bemail%7D&amp;l=1\">unsubscribe</a>"
                .into(),
            text: "Unsubscribe: https://news.example.org/u?a=%7Bemail%7D&l=1\n".into(),
        }
    }

    #[test]
    fn headers_and_both_parts() {
        let to: Address = "ann@example.org".parse().unwrap();
        let m = edition().message(&to, SystemTime::UNIX_EPOCH).unwrap();
        let raw = String::from_utf8(m.formatted()).unwrap();
        for header in [
            "List-Id: Test Digest <news.example.org>",
            "List-Unsubscribe: <https://news.example.org/u?a=ann%40example.org&l=1>",
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
            "Date: Thu, 01 Jan 1970 00:00:00 +0000",
            "To: ann@example.org",
            "multipart/alternative",
            "text/plain",
            "text/html",
        ] {
            assert!(raw.contains(header), "{header} in\n{raw}");
        }
        assert!(raw.contains(&edition().message_id(&to)));
        let (html, text, _) = edition().bodies_for(&to);
        assert_eq!(
            html,
            "<a href=\"https://news.example.org/u?a=ann%40example.org&amp;l=1\">unsubscribe</a>"
        );
        assert_eq!(
            text,
            "Unsubscribe: https://news.example.org/u?a=ann%40example.org&l=1\n"
        );
    }

    #[test]
    fn message_ids_are_stable_per_recipient() {
        let e = edition();
        let a: Address = "ann@example.org".parse().unwrap();
        let b: Address = "bob@example.org".parse().unwrap();
        assert_eq!(
            e.message_id(&a),
            e.message_id(&"ANN@example.org".parse().unwrap())
        );
        assert_ne!(e.message_id(&a), e.message_id(&b));
    }

    #[test]
    fn list_names_are_quoted_when_needed() {
        assert_eq!(quote("Test Digest"), "Test Digest");
        assert_eq!(quote("A \"B\", C"), "\"A \\\"B\\\", C\"");
    }
}
