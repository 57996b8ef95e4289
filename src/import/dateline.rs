//! Datelines (`WASHINGTON (AP) — `) and dates written in text
//! (`Monday, July 21, 2025`), for the cleaning passes.

use jiff::civil;

use crate::calendar::{self, month_number};

/// A dateline found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dateline {
    /// How many bytes to remove, separator and spaces included.
    pub len: usize,
    /// The dateline to keep (`WASHINGTON (AP)`, `CNN`), empty for `()`.
    pub text: String,
    /// A date written in it.
    pub date: Option<civil::Date>,
}

/// Reads a dateline at the start of `line`: `[PLACE[, State.][, Date]] (OUTLET) [—]`
/// or `PLACE[, State.][, Date] —` (or `:`). Before an outlet the place is in
/// capitals or capitalised words (`Hong Kong (CNN)`); before a bare dash it
/// is in capitals. The outlet's words are capitalised. A date without a
/// year (`July 21 (Reuters)`) is the last such day on or before `today`.
pub(crate) fn parse_dateline(line: &str, today: civil::Date) -> Option<Dateline> {
    let head_end = line.char_indices().nth(100).map_or(line.len(), |(i, _)| i);
    let head = &line[..head_end];
    let found = dateline_with_outlet(head, today)
        .or_else(|| dateline_with_slashes(head, today))
        .or_else(|| dateline_with_dash(head, today))
        .or_else(|| dateline_with_date(head, today))?;
    if line[found.len..].trim().is_empty() {
        return None;
    }
    Some(found)
}

/// A dateline on a line of its own above the story: `ANKARA`, `KATHMANDU,
/// July 28`, `DATELINE: NAIROBI, Kenya`. The place is in capitals.
pub(crate) fn parse_dateline_line(line: &str, today: civil::Date) -> Option<Dateline> {
    let line = line.trim().trim_end_matches(['—', '–', '-', ':', ' ']);
    let bare = ["DATELINE:", "Dateline:", "DATELINE"]
        .iter()
        .find_map(|p| line.strip_prefix(p))
        .unwrap_or(line)
        .trim();
    let place = bare.split(',').next().unwrap_or(bare);
    if !is_capitals(place) || bare.chars().count() > 60 {
        return None;
    }
    let (_, date) = parse_place(bare, false, today)?;
    Some(Dateline {
        len: line.len(),
        text: bare.to_owned(),
        date,
    })
}

/// The dashes and marks between a dateline and its story.
const SEPARATORS: &[&str] = &["—", "–", "--", "-", ":", ".-", "_", "."];

/// `rest` without a leading separator (`— `, `-- `, `: `), and whether it had one.
fn strip_separator(rest: &str) -> (&str, bool) {
    let rest = rest.trim_start_matches([' ', '\u{a0}']);
    for dash in SEPARATORS {
        if let Some(r) = rest.strip_prefix(dash) {
            // `.` only ends a dateline (`/TASS/.`), never starts a sentence.
            if *dash == "." && !r.starts_with(' ') {
                continue;
            }
            let r = r.trim_start_matches([' ', '\u{a0}']);
            // A second mark: `/TASS/. --`, `(EFE).-`
            let r = SEPARATORS
                .iter()
                .find_map(|d| r.strip_prefix(d).filter(|x| x.starts_with(' ')))
                .map_or(r, |x| x.trim_start_matches([' ', '\u{a0}']));
            return (r, true);
        }
    }
    (rest, false)
}

/// `PLACE, Date /OUTLET/ --` (press-release wires, TASS).
fn dateline_with_slashes(head: &str, today: civil::Date) -> Option<Dateline> {
    let open = head.find(" /")? + 1;
    let close = open + 1 + head[open + 1..].find('/')?;
    let outlet = head[open + 1..close].trim();
    if outlet.is_empty()
        || outlet.chars().count() > 40
        || !outlet.chars().next().is_some_and(char::is_uppercase)
        || outlet.split_whitespace().count() > 4
    {
        return None;
    }
    let prefix = head[..open].trim();
    let (place, date) = parse_place(prefix, true, today)?;
    if place.is_empty() {
        return None;
    }
    let (rest, _) = strip_separator(&head[close + 1..]);
    Some(Dateline {
        len: head.len() - rest.len(),
        text: format!("{prefix} /{outlet}/"),
        date,
    })
}

/// `KATHMANDU, July 28 The …`: a place in capitals and a date, then the
/// story with no mark between them.
fn dateline_with_date(head: &str, today: civil::Date) -> Option<Dateline> {
    let (place, rest) = head.split_once(", ")?;
    if !is_capitals(place) {
        return None;
    }
    let (date, len) = parse_text_date(rest).or_else(|| parse_month_day(rest, today))?;
    let after = rest[len..].trim_start_matches(['.', ',']);
    let story = after.trim_start();
    if after.len() == story.len() || !story.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let end = head.len() - story.len();
    Some(Dateline {
        len: end,
        text: head[..end]
            .trim_end()
            .trim_end_matches(['.', ','])
            .to_owned(),
        date: Some(date),
    })
}

/// A place in capitals: `WASHINGTON`, `NEW DELHI`, `ST. PETERSBURG`.
fn is_capitals(place: &str) -> bool {
    place.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && place
            .chars()
            .all(|c| (c.is_alphabetic() && c.is_uppercase()) || " .'’-".contains(c))
}

/// `[PLACE] (OUTLET) [—] `
fn dateline_with_outlet(head: &str, today: civil::Date) -> Option<Dateline> {
    let open = head.find('(')?;
    if head[..open].chars().count() > 70 {
        return None;
    }
    let close = open + head[open..].find(')')?;
    let outlet = head[open + 1..close].trim();
    let known = OUTLETS.iter().any(|o| o.eq_ignore_ascii_case(outlet));
    let words_ok = known
        || outlet.split_whitespace().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        });
    if outlet.chars().count() > 40 || outlet.contains('(') || !words_ok {
        return None;
    }
    let prefix = head[..open].trim();
    let (place, date) = parse_place(prefix, true, today)?;
    let (mut rest, dashed) = strip_separator(&head[close + 1..]);
    // `Hong Kong (CNN)`: a place in capitalised words only before a news
    // outlet, a date or a dash (`Scientists (NASA) found` is a sentence).
    let in_capitals = place.chars().all(|c| !c.is_lowercase());
    if !in_capitals && !dashed && !known && date.is_none() {
        return None;
    }
    // `(ANSA) - NAPLES, MAR 23 - `: the outlet first, then the place.
    let mut date = date;
    let mut then = None;
    if place.is_empty()
        && dashed
        && let Some(more) = dateline_with_dash(rest, today)
    {
        rest = &rest[more.len..];
        date = date.or(more.date);
        then = Some(more.text);
    }
    let text = match (place.is_empty(), outlet) {
        (true, outlet) if let Some(place) = then => format!("{place} ({outlet})"),
        (_, "") => prefix.to_owned(),
        (true, outlet) => outlet.to_owned(),
        (false, outlet) => format!("{prefix} ({outlet})"),
    };
    Some(Dateline {
        len: head.len() - rest.len(),
        text,
        date,
    })
}

/// News outlets of datelines, for a place in capitalised words before one.
const OUTLETS: &[&str] = &[
    "AP",
    "Reuters",
    "AFP",
    "CNN",
    "CNN Business",
    "CNN Politics",
    "CNN Sport",
    "UPI",
    "Bloomberg",
    "Xinhua",
    "ANI",
    "PTI",
    "IANS",
    "dpa",
    "DPA",
    "TASS",
    "Kyodo",
    "Yonhap",
    "EFE",
    "AAP",
    "CP",
    "PA",
    "BBC",
    "NBC",
    "CBS",
    "ABC",
    "Fox",
    "Fox News",
    "NPR",
    "WJHL",
    "KABC",
    "CNN Espanol",
    "CNN en Español",
    "Sputnik",
    "Anadolu",
    "WAFA",
    "AP Photo",
    "The Conversation",
    "UNI",
    "APP",
    "Bernama",
    "WAM",
    "SPA",
    "KUNA",
    "IRNA",
    "QNA",
    "ANSA",
    "Antara",
    "PNA",
    "BSS",
    "NNA",
    "MENA",
    "Prensa Latina",
    "Notimex",
    "ANP",
    "Belga",
    "APA",
    "PAP",
    "MTI",
    "BTA",
    "Agerpres",
    "Ukrinform",
    "Interfax",
    "RIA Novosti",
    "ATS",
    "NTB",
    "TT",
    "Ritzau",
    "STT",
    "Lusa",
    "AGI",
    "NAN",
    "KNA",
    "GNA",
    "MAP",
    "TAP",
    "SANA",
    "Petra",
    "ONA",
    "BNA",
    "Jiji",
    "KCNA",
    "CNA",
    "VNA",
    "TNA",
    "NZPA",
    "Canadian Press",
    "The Canadian Press",
    "PA Media",
    "PA",
    "Press Association",
    "Reuters Health",
    "Thomson Reuters Foundation",
    "AFP-JIJI",
    "Kyodo News",
    "Xinhua News Agency",
    "Anadolu Agency",
    "ABC News",
    "NBC News",
    "CBS News",
    "CNN Business",
    "CNNMoney",
    "MarketWatch",
    "Bloomberg News",
    "Reuters Breakingviews",
    "HealthDay News",
    "UPI",
    "Globe Newswire",
    "GLOBE NEWSWIRE",
    "Business Wire",
    "BUSINESS WIRE",
    "PRNewswire",
    "ACCESSWIRE",
];

/// `PLACE — `, `PLACE: `
fn dateline_with_dash(head: &str, today: civil::Date) -> Option<Dateline> {
    let (at, sep) = [" — ", " – ", " - ", " -- ", "— ", "– ", "--", ": "]
        .iter()
        .filter_map(|sep| head.find(sep).map(|i| (i, *sep)))
        .min()?;
    let prefix = head[..at].trim();
    // `Abuja — `, `New Delhi: `: a place in capitalised words before a
    // long dash or a colon, when no word of it starts sentences or labels.
    let titled = sep != " - "
        && sep != " -- "
        && sep != "--"
        && !prefix.contains(',')
        && (1..=3).contains(&prefix.split_whitespace().count())
        && prefix.split_whitespace().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || ".'’-".contains(c))
                && !NOT_PLACES.contains(&w.to_lowercase().as_str())
                && !crate::text::is_stop_word(&w.to_lowercase())
        });
    let (place, date) = parse_place(prefix, titled, today)?;
    if sep == ": " && prefix.contains(',') {
        return None;
    }
    if place.is_empty() {
        return None;
    }
    Some(Dateline {
        len: at + sep.len(),
        text: prefix.to_owned(),
        date,
    })
}

/// Words that open a paragraph as a label, never as a place (`Update:`,
/// `Analysis —`).
const NOT_PLACES: &[&str] = &[
    "update",
    "updated",
    "breaking",
    "analysis",
    "exclusive",
    "opinion",
    "comment",
    "editorial",
    "note",
    "warning",
    "correction",
    "clarification",
    "watch",
    "live",
    "video",
    "photos",
    "audio",
    "explainer",
    "factbox",
    "timeline",
    "quotes",
    "summary",
    "background",
    "context",
    "why",
    "what",
    "how",
    "who",
    "where",
    "when",
    "meanwhile",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "now",
    "later",
    "earlier",
    "first",
    "second",
    "third",
    "finally",
    "also",
    "however",
    "still",
    "yes",
    "no",
    "q",
    "a",
    "question",
    "answer",
    "interviewer",
    "disclaimer",
    "source",
    "sources",
    "read",
    "more",
    "related",
    "listen",
    "report",
    "reporting",
    "editor",
    "editors",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "police",
    "officials",
    "residents",
    "witnesses",
    "experts",
    "critics",
    "supporters",
    "update:",
    "bottom",
    "line",
    "key",
    "points",
    "takeaways",
    "highlights",
    "inside",
    "sport",
    "sports",
    "business",
    "politics",
    "world",
    "news",
    "health",
    "science",
    "tech",
    "technology",
    "result",
    "results",
    "score",
    "scores",
    "scorers",
    "backs",
    "forwards",
    "subs",
    "replacements",
    "referee",
    "attendance",
    "venue",
    "teams",
    "lineup",
    "line-up",
    "final",
    "verdict",
    "review",
    "rating",
    "profile",
    "facts",
    "fact",
    "quote",
    "quotes",
    "tip",
    "tips",
    "step",
    "notes",
    "fixtures",
    "standings",
    "table",
    "recipe",
    "ingredients",
    "method",
    "cast",
    "credits",
    "location",
    "price",
    "prices",
    "cost",
    "details",
    "info",
    "information",
    "contact",
    "tickets",
    "dates",
    "time",
    "times",
    "date",
    "host",
    "guest",
    "speaker",
    "moderator",
    "caption",
    "photo",
];

/// Checks the part before a dateline's outlet: empty, or a place in capitals
/// (`WASHINGTON`, `JONESBOROUGH, Tenn.`; capitalised words too when
/// `outlet`, as `Hong Kong (CNN)`), optionally followed by a date.
fn parse_place(
    prefix: &str,
    outlet: bool,
    today: civil::Date,
) -> Option<(&str, Option<civil::Date>)> {
    if prefix.is_empty() {
        return Some(("", None));
    }
    let (place, rest) = prefix.split_once(',').unwrap_or((prefix, ""));
    // `NEW DELHI [India]`
    let bare = place.split('[').next().unwrap_or(place).trim();
    let letters = bare.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = bare
        .chars()
        .all(|c| (c.is_alphabetic() && c.is_uppercase()) || " .'’-".contains(c));
    let capitalised = outlet
        && bare.split_whitespace().count() <= 4
        && bare.split_whitespace().all(|w| {
            is_capitalised(w) || ["de", "del", "la", "el", "al", "es", "am", "upon"].contains(&w)
        })
        && bare
            .chars()
            .all(|c| c.is_alphabetic() || " .'’-".contains(c));
    if letters < 3 || !(capitals || capitalised) || rest.chars().count() > 40 {
        return None;
    }
    let rest = rest.trim();
    if rest.is_empty() {
        return Some((place, None));
    }
    // `Tenn.`, `July 21, 2025`, `Ga., July 21, 2025`
    let starts = std::iter::once(0).chain(rest.match_indices(',').map(|(i, _)| i + 1));
    for i in starts {
        let tail = rest[i..].trim_start();
        let found = parse_text_date(tail).or_else(|| parse_month_day(tail, today));
        if let Some((date, len)) = found
            && tail[len..].trim_matches(['.', ' ']).is_empty()
            && rest[..i]
                .trim_end_matches(',')
                .split_whitespace()
                .all(is_capitalised)
        {
            return Some((place, Some(date)));
        }
    }
    let words = rest.split_whitespace();
    (words.clone().count() <= 3 && words.into_iter().all(is_capitalised)).then_some((place, None))
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Reads a date at the start of `text`: `2025-07-21`, `July 21, 2025`,
/// `Jul. 21 2025`, `21 July 2025`, each optionally after a weekday
/// (`Monday, July 21, 2025`). Returns the date and the bytes it took.
pub(crate) fn parse_text_date(text: &str) -> Option<(civil::Date, usize)> {
    let mut start = 0;
    if let Some(word) = text.split([',', ' ']).next()
        && calendar::is_weekday_name(word)
    {
        start = word.len();
        start += text[start..].len() - text[start..].trim_start_matches([',', ' ']).len();
    }
    let t = &text[start..];
    if let Some(date) = t.get(..10).and_then(|s| s.parse::<civil::Date>().ok()) {
        return Some((date, start + 10));
    }
    // `27.09.2020`: day, month, year (as Europe writes them).
    if let Some((d, m, y)) = t.get(..10).and_then(|s| {
        let mut parts = s.split('.');
        Some((parts.next()?, parts.next()?, parts.next()?))
    }) && d.len() == 2
        && m.len() == 2
        && y.len() == 4
        && let (Ok(d), Ok(m), Ok(y)) = (d.parse::<i8>(), m.parse::<i8>(), y.parse::<i16>())
        && let Ok(date) = civil::Date::new(y, m, d)
    {
        return Some((date, start + 10));
    }
    // Up to four word-like pieces: the year must be the last.
    let mut pieces = Vec::new();
    let mut pos = 0;
    while pieces.len() < 3 {
        let rest = &t[pos..];
        let skipped = rest.len() - rest.trim_start_matches([' ', ',']).len();
        if pieces.is_empty() && skipped > 0 {
            return None;
        }
        let word_start = pos + skipped;
        let word_len = t[word_start..]
            .find([' ', ','])
            .unwrap_or(t.len() - word_start);
        if word_len == 0 {
            break;
        }
        pieces.push(&t[word_start..word_start + word_len]);
        pos = word_start + word_len;
    }
    let [a, b, c] = pieces.as_slice() else {
        return None;
    };
    let number = |s: &str| {
        s.trim_end_matches(['.', ','])
            .trim_end_matches(|c: char| "stndrh".contains(c))
            .parse::<i16>()
            .ok()
    };
    let (month, day) = match (month_number(a), month_number(b)) {
        (Some(m), _) => (m, number(b)?),
        (None, Some(m)) => (m, number(a)?),
        _ => return None,
    };
    let year = number(c)?;
    if !(1900..=2999).contains(&year) {
        return None;
    }
    let date = civil::Date::new(year, month, i8::try_from(day).ok()?).ok()?;
    let used = pos - (t[..pos].len() - t[..pos].trim_end_matches(['.', ',']).len());
    Some((date, start + used))
}

/// Reads a day without a year at the start of `text` (`July 21`, `21 July`,
/// `Jul. 21`): the last such day on or before `today`.
pub(crate) fn parse_month_day(text: &str, today: civil::Date) -> Option<(civil::Date, usize)> {
    let mut words = text.split(' ');
    let a = words.next()?;
    let b = words.next()?;
    let number = |s: &str| s.trim_end_matches(['.', ',']).parse::<i8>().ok();
    let (month, day) = match (month_number(a), month_number(b)) {
        (Some(m), _) => (m, number(b)?),
        (None, Some(m)) => (m, number(a)?),
        _ => return None,
    };
    let len = a.len() + 1 + b.trim_end_matches(['.', ',']).len();
    let this_year = civil::Date::new(today.year(), month, day).ok();
    let date = match this_year {
        Some(d) if d <= today => d,
        _ => civil::Date::new(today.year() - 1, month, day).ok()?,
    };
    Some((date, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_dates_in_common_shapes() {
        fn d(s: &str) -> Option<(String, &str)> {
            parse_text_date(s).map(|(d, n)| (d.to_string(), &s[..n]))
        }
        assert_eq!(
            d("2025-07-21T09:00"),
            Some(("2025-07-21".into(), "2025-07-21"))
        );
        assert_eq!(
            d("July 21, 2025 (AP)"),
            Some(("2025-07-21".into(), "July 21, 2025"))
        );
        assert_eq!(
            d("Monday, Jul. 21, 2025."),
            Some(("2025-07-21".into(), "Monday, Jul. 21, 2025"))
        );
        assert_eq!(
            d("21 September 2024"),
            Some(("2024-09-21".into(), "21 September 2024"))
        );
        assert_eq!(d("February 30, 2025"), None);
        assert_eq!(d("May the force"), None);
        assert_eq!(d("July 2025"), None);
    }
}
