//! The email's inline styles, made from the theme's design tokens.
//!
//! Email clients drop `<style>` blocks and linked stylesheets, so every
//! element carries its own `style` attribute. The colours and fonts are the
//! custom properties of the theme's stylesheet (`:root { --bg: …; }` in
//! `templates/assets/style.css`).

use std::collections::HashMap;

use serde::Serialize;

/// The theme tokens an email uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tokens {
    bg: String,
    fg: String,
    muted: String,
    rule: String,
    accent: String,
    link: String,
    card: String,
    serif: String,
    sans: String,
}

impl Tokens {
    /// The light-scheme tokens of a stylesheet's first `:root` block; a
    /// token it lacks keeps the default theme's value.
    pub(crate) fn from_css(css: &str) -> Tokens {
        let vars = root_properties(css);
        let builtin = root_properties(BUILTIN_CSS);
        let get = |name: &str| {
            vars.get(name)
                .or_else(|| builtin.get(name))
                .cloned()
                .unwrap_or_default()
        };
        Tokens {
            bg: get("bg"),
            fg: get("fg"),
            muted: get("muted"),
            rule: get("rule"),
            accent: get("accent"),
            link: get("link"),
            card: get("card"),
            serif: get("serif"),
            sans: get("sans"),
        }
    }
}

const BUILTIN_CSS: &str = include_str!("../../templates/assets/style.css");

/// The custom properties (`--name: value;`) of the first `:root { … }`.
fn root_properties(css: &str) -> HashMap<String, String> {
    let Some(start) = css.find(":root") else {
        return HashMap::new();
    };
    let body = &css[start..];
    let (Some(open), Some(close)) = (body.find('{'), body.find('}')) else {
        return HashMap::new();
    };
    if close < open {
        return HashMap::new();
    }
    body[open + 1..close]
        .split(';')
        .filter_map(|decl| {
            let (name, value) = decl.split_once(':')?;
            let name = name.trim().strip_prefix("--")?;
            // A value goes into a `style="…"` attribute: no quotes that could end it.
            let value = value.trim().replace('"', "'");
            (!value.is_empty() && !value.contains(['<', '>', '{', '}']))
                .then(|| (name.to_owned(), value))
        })
        .collect()
}

/// The `style` attribute of each part of the email, as templates see it
/// (`style="{{ style.story_title }}"`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EmailStyle {
    /// `<body>` and the outer table: the page behind the column.
    pub body: String,
    /// The 600 px column.
    pub column: String,
    /// The hidden preheader text.
    pub preheader: String,
    /// The masthead cell.
    pub masthead: String,
    /// The site's name in the masthead.
    pub site_title: String,
    /// The small capitals above a title.
    pub kicker: String,
    /// The edition's title.
    pub title: String,
    /// The date line.
    pub meta: String,
    /// The editor's introduction (its paragraphs keep their own margins).
    pub intro: String,
    /// A section heading.
    pub section: String,
    /// A story's cell.
    pub story: String,
    /// A story's headline link.
    pub story_title: String,
    /// A story's summary.
    pub summary: String,
    /// A story's source and date.
    pub story_meta: String,
    /// An ordinary link.
    pub link: String,
    /// The "read the edition" button.
    pub button: String,
    /// The footer.
    pub footer: String,
}

impl EmailStyle {
    /// The styles for `tokens`. Every text has its own colour on its own
    /// background, so a client that darkens backgrounds (or inverts the
    /// message) never leaves dark text on a dark ground.
    pub(crate) fn new(t: &Tokens) -> EmailStyle {
        let Tokens {
            bg,
            fg,
            muted,
            rule,
            accent,
            link,
            card,
            serif,
            sans,
        } = t;
        EmailStyle {
            body: format!(
                "margin:0;padding:0;width:100%;background-color:{card};color:{fg};font-family:{serif}"
            ),
            column: format!(
                "width:100%;max-width:600px;margin:0 auto;table-layout:fixed;overflow-wrap:anywhere;background-color:{bg};color:{fg};border-collapse:collapse;border-top:6px solid {accent}"
            ),
            preheader: "display:none;max-height:0;overflow:hidden;opacity:0;font-size:1px;line-height:1px;color:transparent".to_owned(),
            masthead: format!("padding:20px 24px 12px;text-align:center;border-bottom:1px solid {rule}"),
            site_title: format!(
                "font-family:{serif};font-size:28px;line-height:1.15;font-weight:700;color:{fg};text-decoration:none"
            ),
            kicker: format!(
                "margin:0;font-family:{sans};font-size:12px;line-height:1.4;font-weight:700;letter-spacing:0.08em;text-transform:uppercase;color:{accent}"
            ),
            title: format!(
                "margin:4px 0 4px;font-family:{serif};font-size:26px;line-height:1.2;font-weight:700;color:{fg}"
            ),
            meta: format!("margin:0;font-family:{sans};font-size:13px;line-height:1.5;color:{muted}"),
            intro: format!(
                "padding:0 24px;font-family:{serif};font-size:17px;line-height:1.6;color:{fg}"
            ),
            section: format!(
                "padding:20px 24px 4px;font-family:{sans};font-size:13px;line-height:1.4;font-weight:700;letter-spacing:0.07em;text-transform:uppercase;color:{fg};border-bottom:1px solid {rule}"
            ),
            story: format!("padding:16px 24px;border-bottom:1px solid {rule}"),
            story_title: format!(
                "font-family:{serif};font-size:20px;line-height:1.25;font-weight:700;color:{fg};text-decoration:none"
            ),
            summary: format!(
                "margin:6px 0 0;font-family:{serif};font-size:16px;line-height:1.55;color:{fg}"
            ),
            story_meta: format!(
                "margin:6px 0 0;font-family:{sans};font-size:13px;line-height:1.5;color:{muted}"
            ),
            link: format!("color:{link};text-decoration:underline"),
            button: format!(
                "display:inline-block;padding:10px 18px;font-family:{sans};font-size:15px;font-weight:700;color:{bg};background-color:{accent};text-decoration:none;border-radius:3px"
            ),
            footer: format!(
                "padding:20px 24px 28px;font-family:{sans};font-size:12px;line-height:1.6;color:{muted};text-align:center"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_come_from_the_first_root_block() {
        let t = Tokens::from_css(
            ":root { --bg: #fff; --fg: #111; --serif: \"A B\", serif; }\n@media (prefers-color-scheme: dark) { :root { --bg: #000; } }",
        );
        assert_eq!(t.bg, "#fff");
        assert_eq!(t.fg, "#111");
        assert_eq!(t.serif, "'A B', serif", "no double quotes in an attribute");
        let builtin = Tokens::from_css(BUILTIN_CSS);
        assert_eq!(t.accent, builtin.accent, "missing tokens fall back");
        assert_eq!(builtin.bg, "#fbfaf7");
    }

    #[test]
    fn styles_use_the_tokens() {
        let s = EmailStyle::new(&Tokens::from_css(BUILTIN_CSS));
        assert!(s.column.contains("max-width:600px") && s.column.contains("#fbfaf7"));
        assert!(s.link.contains("#0f4c8a"));
        assert!(!s.body.contains('"'));
    }
}
