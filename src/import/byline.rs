//! Bylines and outlets' names, as pages print them above the story: `By
//! Jane Doe`, `By JANE DOE, Associated Press`, `Jane Doe | Reuters`, `Jane
//! Doe / Staff Writer`, `Jane Doe, Special to The Washington Post`, `Jane
//! Doe in Nairobi`, `Business reporter, BBC News`, `BBC News, Lagos`,
//! `Reuters Staff`.
//!
//! By hand, not as patterns: a byline is a few segments (names, a role, an
//! outlet, a place) between separators, each told by the shape of its
//! words, which a pattern list cannot say for every order.

/// Outlets and roles known by name.
pub(crate) const KNOWN: &[&str] = &[
    "associated press",
    "the associated press",
    "ap",
    "reuters",
    "afp",
    "agence france-presse",
    "cnn",
    "bbc news",
    "bbc",
    "bloomberg",
    "bloomberg news",
    "upi",
    "nbc news",
    "abc news",
    "cbs news",
    "fox news",
    "npr",
    "usa today",
    "the new york times",
    "the washington post",
    "the guardian",
    "the independent",
    "al jazeera",
    "the times",
    "the telegraph",
    "cnn business",
    "cnn politics",
    "bbc sport",
    "sky news",
    "dpa",
    "efe",
    "ansa",
    "kyodo",
    "yonhap",
    "xinhua",
    "pti",
    "ians",
    "ani",
    "aap",
    "the canadian press",
    "canadian press",
    "pa media",
    "press association",
    "tass",
    "anadolu agency",
    "agencies",
    "wire services",
    "news agencies",
];

/// Words that make a segment a role (`Staff Writer`, `Business reporter`).
const ROLE_WORDS: &[&str] = &[
    "reporter",
    "reporters",
    "correspondent",
    "correspondents",
    "editor",
    "editors",
    "writer",
    "writers",
    "columnist",
    "contributor",
    "contributors",
    "producer",
    "analyst",
    "journalist",
    "staff",
    "desk",
    "bureau",
    "team",
    "newsroom",
    "wires",
    "chief",
    "presenter",
    "anchor",
    "photographer",
];

/// Last words of outlets' names (`The Denver Post`, `Gulf News`).
const OUTLET_WORDS: &[&str] = &[
    "news",
    "times",
    "post",
    "journal",
    "tribune",
    "herald",
    "gazette",
    "chronicle",
    "telegraph",
    "guardian",
    "independent",
    "express",
    "mail",
    "mirror",
    "standard",
    "star",
    "sun",
    "today",
    "daily",
    "weekly",
    "review",
    "insider",
    "wire",
    "press",
    "monitor",
    "register",
    "courier",
    "dispatch",
    "record",
    "bulletin",
    "citizen",
    "globe",
    "inquirer",
    "examiner",
    "sentinel",
    "leader",
    "advocate",
    "enquirer",
    "observer",
    "argus",
    "echo",
    "mercury",
    "voice",
    "online",
    "network",
    "tv",
    "radio",
    "magazine",
    "media",
    "agency",
    "service",
    "hill",
    "conversation",
    "report",
    "reports",
    "business",
    "politics",
    "world",
    "sport",
    "sports",
];

/// Lower-case words a name or an outlet may have (`Jan de Vries`, `The
/// Globe and Mail`, `Special to The Washington Post`).
const CONNECTORS: &[&str] = &[
    "and", "&", "de", "van", "von", "der", "da", "del", "la", "le", "bin", "al", "of", "the", "to",
    "for", "at", "on", "y", "e",
];

/// True for an outlet's name: known, a domain, or capitalised words
/// ending in an outlet's word (`The Seattle Times`, `Gulf News`).
pub(crate) fn is_outlet(s: &str) -> bool {
    let s = s.trim();
    let lower = s.to_lowercase();
    if KNOWN.contains(&lower.as_str()) {
        return true;
    }
    if !lower.contains(' ') && lower.contains('.') && !lower.ends_with('.') {
        return true;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=6).contains(&words.len())
        && capitalised(&words)
        && words
            .last()
            .is_some_and(|w| OUTLET_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Every word capitalised (or a connector, a number, an initial).
fn capitalised(words: &[&str]) -> bool {
    words.iter().all(|w| {
        let first = w.chars().next();
        first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || CONNECTORS.contains(&w.to_lowercase().as_str())
    }) && words
        .iter()
        .any(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// A person's name: two to five capitalised words (`Jane Doe`, `JANE
/// DOE`, `Mary-Kate O'Neill`, `Jan de Vries`, `J. R. Smith Jr.`).
fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let named = words
        .iter()
        .filter(|w| !CONNECTORS.contains(&w.to_lowercase().as_str()))
        .count();
    (1..=5).contains(&named)
        && capitalised(&words)
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_alphabetic() || ".'’-&".contains(c)))
}

/// A role: a few words with a role's word in them (`Staff Writer`,
/// `Business reporter`, `Special to The Washington Post`).
fn is_role(s: &str) -> bool {
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    if lower.starts_with("special to ") || lower.starts_with("for ") {
        return is_outlet(s.split_once(' ').map_or("", |(_, o)| o))
            || capitalised(&s.split_whitespace().skip(1).collect::<Vec<_>>());
    }
    (1..=5).contains(&words.len())
        && words.iter().any(|w| ROLE_WORDS.contains(w))
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_alphabetic() || ".'’-&".contains(c)))
}

/// A place: one to three capitalised words (`Lagos`, `New Delhi`).
fn is_place(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && capitalised(&words)
        && s.chars().all(|c| c.is_alphabetic() || " .'’-".contains(c))
}

/// True for a byline: `By` and names, perhaps with an outlet, a role and
/// a place; or segments between separators that read as names, roles,
/// outlets and places (`Jane Doe | Reuters`, `Business reporter, BBC
/// News`, `BBC News, Lagos`, `Jane Doe in Nairobi`, `Reuters Staff`).
pub(crate) fn is_byline(line: &str) -> bool {
    let line = line.trim();
    if line.chars().count() > 120
        || line.split_whitespace().count() > 16
        || (line.ends_with(['.', '!', '?']) && !line.ends_with(" Jr.") && !line.ends_with(" Sr."))
    {
        return false;
    }
    let lower = line.to_lowercase();
    let by = [
        "by ",
        "by: ",
        "written by ",
        "words by ",
        "story by ",
        "author: ",
        "authors: ",
        "posted by ",
        "report by ",
    ]
    .iter()
    .find_map(|p| lower.starts_with(p).then(|| &line[p.len()..]));
    let rest = by.unwrap_or(line);
    let segments = split_segments(rest);
    let Some((first, others)) = segments.split_first() else {
        return false;
    };
    if by.is_some() {
        // `By Jane Doe and John Roe, Associated Press | Updated …`: names
        // first, then anything a byline has.
        return is_names(first)
            && others
                .iter()
                .all(|s| is_names(s) || is_role(s) || is_outlet(s) || is_place(s) || is_stamp(s));
    }
    match others {
        // `Reuters Staff`, `Staff Reporter`, `Web Desk`.
        [] => is_staff(first),
        // `Jane Doe in Nairobi`: a full name and a place.
        [place] if rest.contains(" in ") && first.split_whitespace().count() >= 2 => {
            is_names(first) && is_place(place)
        }
        // `Jane Doe | Reuters`, `Jane Doe / Staff Writer`, `Jane Doe in Lagos`,
        // `Business reporter, BBC News`, `BBC News, Lagos`.
        _ => {
            let head = is_names(first) || is_role(first) || is_outlet(first) || is_staff(first);
            let tail_ok = others
                .iter()
                .all(|s| is_role(s) || is_outlet(s) || is_place(s) || is_stamp(s));
            let told = segments
                .iter()
                .any(|s| is_role(s) || is_outlet(s) || is_staff(s));
            head && tail_ok && told
        }
    }
}

/// A byline on two lines: a full name, then a role or an outlet (`Jane
/// Doe` / `Senior Editor`). Not a date: `Ewood Park` / `Tuesday, 1 March`
/// is a fixture.
pub(crate) fn is_name_and_role(name: &str, next: &str) -> bool {
    let (name, next) = (name.trim(), next.trim());
    name.split_whitespace().count() >= 2
        && !name.ends_with(['.', '!', '?', ':'])
        && is_names(name)
        && (is_role(next) || is_outlet(next) || is_staff(next))
}

/// `Jane Doe`, `Jane Doe and John Roe`, `JANE DOE`.
fn is_names(s: &str) -> bool {
    s.split(" and ")
        .flat_map(|p| p.split(" & "))
        .all(|p| is_name(p.trim()))
}

/// `Reuters Staff`, `Staff Reporter`, `Web Desk`, `Agencies`.
fn is_staff(s: &str) -> bool {
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    if ["agencies", "wire services", "news agencies", "staff"].contains(&lower.as_str()) {
        return true;
    }
    (2..=5).contains(&words.len())
        && capitalised(&s.split_whitespace().collect::<Vec<_>>())
        && words.last().is_some_and(|w| STAFF_WORDS.contains(w))
}

/// Last words of a byline that names no person (`Reuters Staff`, `Web
/// Desk`, `Express News Service`).
const STAFF_WORDS: &[&str] = &[
    "staff",
    "desk",
    "bureau",
    "team",
    "wires",
    "newsroom",
    "reporter",
    "writer",
    "correspondent",
    "service",
    "editor",
    "editors",
];

/// A time stamp after a byline (`Updated 3 hours ago`, `March 3, 2025`).
fn is_stamp(s: &str) -> bool {
    let lower = s.to_lowercase();
    ["published", "updated", "posted", "last updated"]
        .iter()
        .any(|p| lower.starts_with(p))
        || lower.ends_with(" ago")
        || ["just now", "today", "yesterday"].contains(&lower.as_str())
        || s.chars()
            .all(|c| c.is_ascii_digit() || " :.apmAPM".contains(c))
        || (s.chars().any(|c| c.is_ascii_digit())
            && s.split_whitespace().count() <= 6
            && s.split_whitespace().any(|w| {
                crate::calendar::month_number(
                    &w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase(),
                )
                .is_some()
                    || w.contains(':')
                    || w.eq_ignore_ascii_case("ago")
            }))
}

/// Splits a byline at its separators (`,`, `|`, `/`, dashes, bullets,
/// ` in `), trimmed, empty parts dropped.
fn split_segments(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    for part in s.split([',', '|', '/', '—', '–', '•', '·', ';']) {
        for part in part.split(" -- ") {
            for part in part.split(" - ") {
                // `Jane Doe in Nairobi`: a place after ` in `.
                let mut pieces = part.splitn(2, " in ");
                let head = pieces.next().unwrap_or("");
                match pieces.next() {
                    Some(place) if is_place(place.trim()) && is_names(head.trim()) => {
                        parts.push(head.trim());
                        parts.push(place.trim());
                    }
                    _ => parts.push(part.trim()),
                }
            }
        }
    }
    parts.retain(|p| !p.is_empty());
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_in_their_many_shapes() {
        for line in [
            "By Jane Doe",
            "By JANE DOE, Associated Press",
            "By Jane Doe and John Roe",
            "Jane Doe | Reuters",
            "Jane Doe / Staff Writer",
            "Jane Doe, Special to The Washington Post",
            "Jane Doe in Nairobi",
            "Jane Doe — Gulf News",
            "Jane Doe -- The Seattle Times",
            "Business reporter, BBC News",
            "BBC News, Lagos",
            "Reuters Staff",
            "Staff Reporter",
            "By Ana Reyes • Published March 3, 2025",
            "Jan de Vries, The Irish Times",
            "By Jane Doe • an hour ago",
            "Express News Service",
        ] {
            assert!(is_byline(line), "{line}");
        }
        assert!(is_name_and_role("Jane Doe", "Senior Editor"));
        assert!(is_name_and_role("Jane Doe", "The Seattle Times"));
        assert!(!is_name_and_role(
            "Storm warning",
            "Officials said more rain was due."
        ));
    }

    #[test]
    fn headlines_and_sentences_are_not_bylines() {
        for line in [
            "By the end of the year, prices had doubled.",
            "Storm Hits Coast",
            "Brexit - what happens next",
            "Prices rise in London",
            "The council voted to rebuild the wall.",
            "What comes next",
            "Police in Lagos",
            "By 2030",
        ] {
            assert!(!is_byline(line), "{line}");
        }
    }

    #[test]
    fn outlets() {
        for s in [
            "Reuters",
            "The Seattle Times",
            "Gulf News",
            "wral.com",
            "Hindustan Times",
        ] {
            assert!(is_outlet(s), "{s}");
        }
        for s in ["what happens next", "Oil Prices", "Storm"] {
            assert!(!is_outlet(s), "{s}");
        }
    }
}
