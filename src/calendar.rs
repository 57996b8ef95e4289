//! The one table of English month and weekday names, shared by every date
//! parser (import's datelines and date lines) and formatter (archive pages).

/// The months, January first, as a page shows them.
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The weekdays, Monday first.
pub(crate) const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The name of month `month` (1 to 12), if there is one.
pub(crate) fn month_name(month: i8) -> Option<&'static str> {
    usize::try_from(month - 1)
        .ok()
        .and_then(|i| MONTHS.get(i).copied())
}

/// True for a day's full name, in any case (`Monday`, `monday`).
pub(crate) fn is_weekday_name(word: &str) -> bool {
    WEEKDAYS.iter().any(|d| d.eq_ignore_ascii_case(word))
}

/// True for a day's name or abbreviation (`Monday`, `Mon`, `Tues.`).
pub(crate) fn is_weekday(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    word.len() >= 3 && WEEKDAYS.iter().any(|d| is_name_or_prefix(d, word))
}

/// The number of a month named by `word` (`July`, `Jul.`, `Sept`).
pub(crate) fn month_number(word: &str) -> Option<i8> {
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| is_name_or_prefix(m, word))
        .map(|i| i as i8 + 1)
}

/// True for a folded weekday or month name, or a month's usual
/// abbreviation (`jan`, `sept`): words that are never tags.
pub(crate) fn is_calendar_word(folded: &str) -> bool {
    is_weekday_name(folded)
        || folded == "sept"
        || MONTHS.iter().any(|m| {
            m.eq_ignore_ascii_case(folded)
                || (folded.len() == 3 && m[..3].eq_ignore_ascii_case(folded))
        })
}

/// `word` is `name`, or (up to four letters) its beginning, in any case.
fn is_name_or_prefix(name: &str, word: &str) -> bool {
    name.eq_ignore_ascii_case(word)
        || (word.len() <= 4
            && name
                .get(..word.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(word)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_read_by_name_and_abbreviation() {
        assert_eq!(month_number("July"), Some(7));
        assert_eq!(month_number("Jul."), Some(7));
        assert_eq!(month_number("sept"), Some(9));
        assert_eq!(month_number("Ju"), None);
        assert_eq!(month_number("Julyy"), None);
        assert_eq!(month_name(9), Some("September"));
        assert_eq!(month_name(0), None);
        assert_eq!(month_name(13), None);
    }

    #[test]
    fn weekdays_and_calendar_words() {
        assert!(is_weekday("Tues.") && is_weekday("monday") && !is_weekday("Mo"));
        assert!(is_weekday_name("SUNDAY") && !is_weekday_name("Sun"));
        for w in ["monday", "jan", "sept", "may", "december"] {
            assert!(is_calendar_word(w), "{w}");
        }
        for w in ["sun", "janu", "kyiv"] {
            assert!(!is_calendar_word(w), "{w}");
        }
    }
}
