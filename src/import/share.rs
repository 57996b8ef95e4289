//! Social share widgets as their text is scraped: `Share this article`,
//! `Facebook Twitter Email`, `Share on X`, `Tweet 12`, `Click to share on
//! WhatsApp (Opens in new window)`, one network a line, several in a row.
//!
//! By hand, not as patterns: a widget line is any sequence of the widget's
//! words in any order, which a token check says simply and a pattern list
//! cannot.

/// What a line is, as share-widget text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ShareLine {
    /// Nothing but widget words, with a network's name or `share` among them.
    Widget,
    /// Only words that are widget words when next to a widget (`Email`, `Print`, `Save`).
    Weak,
    /// Not widget text.
    No,
}

/// Names of networks and sharing verbs: one of these makes a widget line.
const STRONG: &[&str] = &[
    "share",
    "shares",
    "shared",
    "sharing",
    "tweet",
    "retweet",
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "whatsapp",
    "pinterest",
    "reddit",
    "tumblr",
    "telegram",
    "messenger",
    "flipboard",
    "pocket",
    "bluesky",
    "threads",
    "mastodon",
    "instagram",
    "snapchat",
    "tiktok",
    "youtube",
    "viber",
    "wechat",
    "weibo",
    "vk",
    "digg",
    "stumbleupon",
    "gmail",
    "pin",
    "pinit",
    "fb",
    "google+",
    "sms",
    "imessage",
    "nextdoor",
    "gettr",
    "parler",
    "bsky",
    "copylink",
    "permalink",
    "clipboard",
    "kakaotalk",
    "xing",
    "koo",
];

/// Words of widgets that alone are too plain to remove (`Email`, `Print`).
const WEAK: &[&str] = &[
    "email",
    "e-mail",
    "mail",
    "print",
    "save",
    "saved",
    "copy",
    "copied",
    "link",
    "url",
    "comment",
    "comments",
    "gift",
    "send",
    "text",
    "more",
    "options",
    "embed",
    "bookmark",
    "notes",
    "like",
    "likes",
    "react",
    "reactions",
    "close",
    "panel",
    "reply",
    "repost",
    "reposts",
    "flip",
    "subscribe",
];

/// Glue words of widgets (`Share this article on Facebook`).
const GLUE: &[&str] = &[
    "from",
    "social",
    "media",
    "network",
    "networks",
    "platforms",
    "this",
    "the",
    "article",
    "story",
    "page",
    "post",
    "on",
    "via",
    "by",
    "to",
    "with",
    "a",
    "an",
    "and",
    "or",
    "it",
    "your",
    "friends",
    "friend",
    "full",
    "opens",
    "open",
    "in",
    "new",
    "window",
    "tab",
    "click",
    "tap",
    "here",
    "us",
    "follow",
    "icon",
    "button",
    "options",
    "news",
    "video",
    "link",
    "copied",
    "clipboard",
    "now",
    "of",
    "for",
    "about",
    "loading",
    "loading...",
    "button",
    "share-icon",
    "opens",
];

/// Classifies one line.
pub(crate) fn classify(line: &str) -> ShareLine {
    let line = line.trim();
    if line.is_empty() || line.len() > 160 {
        return ShareLine::No;
    }
    let mut strong = false;
    let mut weak = false;
    let mut words = 0;
    let mut counts = 0;
    for word in line.split(|c: char| c.is_whitespace() || "|•·/,;:()[]{}<>!«»›‹–—".contains(c))
    {
        let word = word.trim_matches(|c: char| ".\"'“”’‘*".contains(c));
        if word.is_empty()
            || word
                .chars()
                .all(|c| c.is_ascii_digit() || ".,kKmM+".contains(c))
        {
            // Share counts: `Share 12`, `1.2K shares`.
            counts += 1;
            continue;
        }
        if !word.chars().any(char::is_alphanumeric) {
            // Icons and emoji: `👍 Like`, `↗ Share`.
            continue;
        }
        words += 1;
        let lower = word.to_lowercase();
        let lower = lower.as_str();
        if STRONG.contains(&lower) || lower.starts_with("share") {
            strong = true;
        } else if WEAK.contains(&lower) {
            weak = true;
        } else if !GLUE.contains(&lower) && !is_domain(lower) {
            return ShareLine::No;
        }
    }
    match (strong, weak) {
        // A count alone (`12K`, `2,790`) is a widget's beside one.
        _ if words == 0 && counts > 0 && line.len() <= 12 => ShareLine::Weak,
        _ if words == 0 => ShareLine::No,
        (true, _) => ShareLine::Widget,
        (false, true) => ShareLine::Weak,
        (false, false) => ShareLine::No,
    }
}

/// `@outlet.com`, `bbc.co.uk`: named by a share line.
fn is_domain(word: &str) -> bool {
    let word = word.trim_start_matches('@');
    word.contains('.')
        && word
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widget_lines_in_their_many_shapes() {
        for line in [
            "Share",
            "Share this article",
            "Share this story:",
            "SHARE",
            "Share on Facebook",
            "Share on X (Opens in new window)",
            "Click to share on WhatsApp (Opens in new window)",
            "Facebook Twitter Email",
            "Facebook | Twitter | LinkedIn | Email | Print",
            "Tweet",
            "Share 12",
            "1.2K Shares",
            "Pinterest",
            "Share via Email",
            "Share full article",
            "Copy link Facebook X",
            "Share this @example.org",
            "WhatsApp",
        ] {
            assert_eq!(classify(line), ShareLine::Widget, "{line}");
        }
        for line in ["Email", "Print", "Copy link", "Save", "Link copied"] {
            assert_eq!(classify(line), ShareLine::Weak, "{line}");
        }
    }

    #[test]
    fn sentences_are_not_widgets() {
        for line in [
            "Facebook shares fell 4% on Tuesday.",
            "Share prices rose.",
            "Twitter",
            "The post on X was deleted.",
            "Line 3",
            "Send in the clowns",
            "More",
        ] {
            let got = classify(line);
            assert!(
                (line == "Twitter" && got == ShareLine::Widget)
                    || (line == "More" && got == ShareLine::Weak)
                    || got == ShareLine::No,
                "{line}: {got:?}"
            );
        }
        assert_eq!(
            classify("Facebook shares fell 4% on Tuesday."),
            ShareLine::No
        );
        assert_eq!(classify("Share prices rose."), ShareLine::No);
        assert_eq!(classify("The post on X was deleted."), ShareLine::No);
    }
}
