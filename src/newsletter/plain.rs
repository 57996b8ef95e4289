//! HTML to plain text, for the editor's intro in the text part.
//!
//! Written by hand: the input is only our own sanitised Markdown output
//! (paragraphs, emphasis, links, lists), so a small tag stripper that keeps
//! link targets and paragraph breaks is enough, and a full HTML-to-text
//! crate would be a large dependency for one field.

/// The text of `html`: tags removed, entities decoded, a blank line between
/// blocks, and each link's address in brackets after its text.
pub(crate) fn html_to_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    let mut href: Vec<Option<String>> = Vec::new();
    while let Some(start) = rest.find('<') {
        let text = &rest[..start];
        // Line breaks between tags are layout, not text.
        if !(text.trim().is_empty() && text.contains('\n')) {
            out.push_str(&decode(text));
        }
        let Some(end) = rest[start..].find('>') else {
            rest = &rest[start..]; // not a tag: the rest is text
            break;
        };
        let tag = &rest[start + 1..start + end];
        rest = &rest[start + end + 1..];
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let closing = tag.starts_with('/');
        match (name.as_str(), closing) {
            ("a", false) => href.push(attr(tag, "href")),
            ("a", true) => {
                if let Some(Some(url)) = href.pop()
                    && !url.starts_with('#')
                {
                    out.push_str(&format!(" [{url}]"));
                }
            }
            ("li", false) => out.push_str("- "),
            ("br", _) => out.push('\n'),
            ("p" | "ul" | "ol" | "blockquote" | "h1" | "h2" | "h3" | "h4" | "div", true) => {
                out.push_str("\n\n");
            }
            ("li", true) => out.push('\n'),
            _ => {}
        }
    }
    out.push_str(&decode(rest));
    let lines: Vec<&str> = out.lines().map(str::trim_end).collect();
    let mut text = lines.join("\n");
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    text.trim().to_owned()
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = tag[at..].find('"')?;
    Some(decode(&tag[at..at + end]))
}

/// Decodes the entities our HTML writers and Tera's escaping produce.
pub(crate) fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_links_and_entities() {
        let html = "<p>Storm &amp; <em>flood</em> in <a href=\"https://x.org/a?b=1&amp;c=2\">the harbour</a>.</p>\n<p>Second.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>";
        assert_eq!(
            html_to_text(html),
            "Storm & flood in the harbour [https://x.org/a?b=1&c=2].\n\nSecond.\n\n- one\n- two"
        );
    }

    #[test]
    fn broken_markup_does_not_panic() {
        assert_eq!(html_to_text("a < b"), "a < b");
        assert_eq!(html_to_text("</a><a>x</a>é"), "xé");
    }
}
