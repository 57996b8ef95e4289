//! Whole-page text: what a page's text looks like when a scraper kept all
//! of it (menus, link lists, footers), told from the article by features
//! of each line and block that need no HTML: length, stop-word density,
//! final punctuation, separators, and position in the file.
//!
//! The article's text is sentences; navigation is runs of short phrases.
//! A block is only ever removed when it has no sentence in it, so an
//! article's paragraph is never taken for a menu.

use crate::text;

/// Features of one line of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LineFeatures {
    /// Words (split at spaces).
    pub words: usize,
    /// The share of them that are stop words (`the`, `of`, `said`).
    pub stop_share: f64,
    /// Ends as a sentence does (`.`, `?`, `!`, a closing quote after one).
    pub ends_sentence: bool,
    /// Has the separators of menus and breadcrumbs (` | `, ` › `, ` • `).
    pub separators: usize,
    /// Ends with a full stop, as a menu item or a link never does
    /// (`Image: Jane Doe.` is a gallery's credit, not page furniture).
    pub full_stop: bool,
}

impl LineFeatures {
    /// Works out the features of `line`.
    pub(crate) fn of(line: &str) -> Self {
        let mut words = 0;
        let mut stops = 0;
        let mut separators = 0;
        for word in line.split_whitespace() {
            if word.chars().all(|c| "|›»•·>/".contains(c)) {
                separators += 1;
                continue;
            }
            words += 1;
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            // Stop words are short and ASCII: lowercase only those (no allocation).
            let mut buf = [0u8; 16];
            if word.len() <= buf.len() && word.is_ascii() {
                let buf = &mut buf[..word.len()];
                buf.copy_from_slice(word.as_bytes());
                buf.make_ascii_lowercase();
                if std::str::from_utf8(buf).is_ok_and(text::is_stop_word) {
                    stops += 1;
                }
            }
        }
        let end = line.trim_end_matches(['"', '”', '’', '\'', ')', ']', '*']);
        LineFeatures {
            words,
            stop_share: if words == 0 {
                0.0
            } else {
                stops as f64 / words as f64
            },
            ends_sentence: end.ends_with(['.', '?', '!', '…', ':', ';']) && !end.ends_with("..."),
            separators,
            full_stop: end.ends_with('.') && !end.ends_with(".."),
        }
    }

    /// Reads as (part of) a sentence of running text.
    pub(crate) fn is_sentence(&self) -> bool {
        (self.words >= 5 && self.ends_sentence && self.stop_share >= 0.1)
            || (self.words >= 12 && self.stop_share >= 0.2)
    }

    /// Reads as a menu item, a link or a label: a few words, no sentence.
    pub(crate) fn is_phrase(&self) -> bool {
        !self.is_sentence() && self.words <= 6 && !self.full_stop
    }

    /// A menu or breadcrumb line: several items between separators.
    pub(crate) fn is_menu(&self) -> bool {
        self.separators >= 2 && !self.ends_sentence && self.words <= 3 * (self.separators + 1)
    }
}

/// Words of site menus at the top of whole-page text.
pub(crate) const MENU_WORDS: &[&str] = &[
    "home",
    "menu",
    "main menu",
    "search",
    "sections",
    "news",
    "sport",
    "sports",
    "world",
    "business",
    "politics",
    "opinion",
    "entertainment",
    "culture",
    "lifestyle",
    "tech",
    "technology",
    "science",
    "health",
    "travel",
    "video",
    "videos",
    "podcasts",
    "weather",
    "local",
    "live",
    "log in",
    "login",
    "sign in",
    "sign out",
    "register",
    "account",
    "my account",
    "skip to content",
    "skip to main content",
    "skip to navigation",
    "open menu",
    "close menu",
    "toggle navigation",
    "navigation",
    "back to top",
    "more",
    "subscribe",
    "newsletters",
    "u.s.",
    "us",
    "uk",
    "europe",
    "asia",
    "africa",
    "americas",
    "australia",
    "middle east",
    "markets",
    "economy",
    "climate",
    "arts",
    "books",
    "style",
    "food",
    "games",
    "crosswords",
    "obituaries",
    "photos",
    "latest",
    "top stories",
    "español",
    "edition",
    "international edition",
    "us edition",
    "uk edition",
    "today's paper",
    "print",
];

/// Words of page footers and account links.
const FOOTER_WORDS: &[&str] = &[
    "about",
    "about us",
    "contact",
    "contact us",
    "privacy",
    "privacy policy",
    "privacy notice",
    "cookie policy",
    "cookies",
    "cookie settings",
    "terms",
    "terms of use",
    "terms of service",
    "terms and conditions",
    "careers",
    "jobs",
    "advertise",
    "advertise with us",
    "help",
    "help centre",
    "help center",
    "faq",
    "sitemap",
    "site map",
    "rss",
    "accessibility",
    "corrections",
    "newsletters",
    "archive",
    "archives",
    "press",
    "media kit",
    "licensing",
    "syndication",
    "contributors",
    "our team",
    "staff",
    "masthead",
    "ethics",
    "editorial standards",
    "code of conduct",
    "feedback",
    "tips",
    "send us a tip",
    "store",
    "shop",
    "events",
    "donate",
    "podcasts",
    "apps",
    "mobile apps",
    "follow us",
    "connect",
    "subscriptions",
    "manage subscription",
    "e-paper",
    "epaper",
    "digital edition",
    "do not sell my personal information",
    "your privacy choices",
];

/// True for a line of page furniture: a menu line, a menu or footer
/// word (`Home`, `About us`, `Privacy policy`), or a copyright line.
pub(crate) fn is_furniture(line: &str) -> bool {
    let trimmed = line.trim_matches(|c: char| !c.is_alphanumeric() && c != '©');
    let lower = trimmed.to_lowercase();
    LineFeatures::of(line).is_menu()
        || MENU_WORDS.contains(&lower.as_str())
        || FOOTER_WORDS.contains(&lower.as_str())
        || lower.starts_with('©')
        || lower.starts_with("copyright")
}

/// What [`classify`] says of each block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockClass {
    /// Part of the article.
    Content,
    /// Navigation, a link list or a footer.
    Boilerplate,
}

/// Classifies blocks (each a list of lines) of one file's body. A block is
/// boilerplate when it has no sentence and is either a menu line, or part
/// of a run of at least `min_run` phrase lines (in one block or in
/// consecutive blocks) before the first sentence or after the last, or after the last sentence of the file, with
/// another phrase line beside it; everything else is content.
pub(crate) fn classify(blocks: &[Vec<&str>], min_run: usize) -> Vec<BlockClass> {
    let features: Vec<Vec<LineFeatures>> = blocks
        .iter()
        .map(|b| b.iter().map(|l| LineFeatures::of(l)).collect())
        .collect();
    // A block of list items (`- item`) is the article's own list.
    let lists: Vec<bool> = blocks
        .iter()
        .map(|b| b.iter().any(|l| crate::import::clean::is_list_item(l)))
        .collect();
    let phrase_block = |f: &[LineFeatures]| f.iter().all(LineFeatures::is_phrase);
    let mut class = vec![BlockClass::Content; blocks.len()];
    let has_sentence = |f: &Vec<LineFeatures>| f.iter().any(LineFeatures::is_sentence);
    let first_sentence = features.iter().position(has_sentence);
    let last_sentence = features.iter().rposition(has_sentence);
    // Runs of blocks made of phrases only, before the first sentence or after the last.
    let mut i = 0;
    while i < blocks.len() {
        if !phrase_block(&features[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut lines = 0;
        while i < blocks.len() && phrase_block(&features[i]) {
            lines += features[i].len();
            i += 1;
        }
        // Short phrases alone are no proof: a gallery's captions and a
        // map's legend are phrases too. Half the run must be furniture.
        if 2 * furniture(&blocks[start..i]) < lines {
            continue;
        }
        // Between two sentences a run is the article's own list (a
        // gallery's credits, a table's rows): only the page's head and
        // tail are its furniture.
        let inside =
            first_sentence.is_some_and(|f| f < start) && last_sentence.is_some_and(|l| l >= i);
        if lines >= min_run && !inside {
            for c in &mut class[start..i] {
                *c = BlockClass::Boilerplate;
            }
        }
    }
    for (c, f) in class.iter_mut().zip(&features) {
        if f.iter().any(LineFeatures::is_menu) && !f.iter().any(LineFeatures::is_sentence) {
            *c = BlockClass::Boilerplate;
        }
    }
    // A footer: phrase blocks after the last sentence, two lines at least.
    if let Some(last) = features
        .iter()
        .rposition(|f| f.iter().any(LineFeatures::is_sentence))
    {
        let tail: usize = features[last + 1..].iter().map(Vec::len).sum();
        let all_phrases = features[last + 1..].iter().all(|f| phrase_block(f));
        if tail >= 2 && all_phrases && 2 * furniture(&blocks[last + 1..]) >= tail {
            for c in &mut class[last + 1..] {
                *c = BlockClass::Boilerplate;
            }
        }
    }
    for (c, list) in class.iter_mut().zip(lists) {
        if list {
            *c = BlockClass::Content;
        }
    }
    class
}

/// How many lines of `blocks` are page furniture.
fn furniture(blocks: &[Vec<&str>]) -> usize {
    blocks.iter().flatten().filter(|l| is_furniture(l)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_and_phrases() {
        let s = LineFeatures::of("The council voted on Monday to close the old bridge.");
        assert!(s.is_sentence() && !s.is_phrase());
        let p = LineFeatures::of("World News");
        assert!(p.is_phrase() && !p.is_sentence());
        assert!(LineFeatures::of("Home | News | Sport | Weather").is_menu());
        assert!(LineFeatures::of("Home › World › Europe").is_menu());
        assert!(!LineFeatures::of("Prices rose 4% | a record.").is_menu());
    }

    #[test]
    fn menus_and_footers_are_boilerplate_articles_are_not() {
        use BlockClass::{Boilerplate as B, Content as C};
        let blocks = vec![
            vec!["Home", "World", "Business", "Sport"],
            vec!["The council voted on Monday to close the old bridge."],
            vec!["Repairs"],
            vec!["Engineers said the repairs would take at least a year to finish."],
            vec!["About us"],
            vec!["Contact", "Privacy policy"],
        ];
        assert_eq!(classify(&blocks, 3), [B, C, C, C, B, B]);
        // A subheading alone and a short closing line stay.
        let blocks = vec![
            vec!["The council voted on Monday to close the old bridge."],
            vec!["What comes next"],
            vec!["Engineers said the repairs would take at least a year."],
            vec!["Updated at noon"],
        ];
        assert_eq!(classify(&blocks, 3), [C, C, C, C]);
        // A list inside the article (a gallery's credits) stays.
        let blocks = vec![
            vec!["The council voted on Monday to close the old bridge."],
            vec!["Image: Jane Doe."],
            vec!["Image: Jane Doe."],
            vec!["Image: Jane Doe."],
            vec!["Image: Jane Doe."],
            vec!["Engineers said the repairs would take at least a year."],
        ];
        assert_eq!(classify(&blocks, 3), [C, C, C, C, C, C]);
    }
}
