//! The English stop words that no index term is, read from `stop_words.txt`.

use std::sync::LazyLock;

use crate::hash::FxSet;

/// The list, one word a line: sorted, lowercase, with straight apostrophes.
const LIST: &str = include_str!("stop_words.txt");

/// The list parsed once: its words in order, as a set, and the longest's length.
struct StopWords {
    sorted: Vec<&'static str>,
    set: FxSet<&'static str>,
    longest: usize,
}

static STOP_WORDS: LazyLock<StopWords> = LazyLock::new(|| {
    let sorted: Vec<&str> = LIST.lines().filter(|w| !w.is_empty()).collect();
    StopWords {
        set: sorted.iter().copied().collect(),
        longest: sorted.iter().map(|w| w.len()).max().unwrap_or(0),
        sorted,
    }
});

/// The English stop words that no index term is (sorted).
pub fn stop_words() -> &'static [&'static str] {
    &STOP_WORDS.sorted
}

/// True for an English stop word (`the`, `said`, `however`); expects a folded word.
pub fn is_stop_word(word: &str) -> bool {
    word.len() <= STOP_WORDS.longest && STOP_WORDS.set.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_and_found() {
        let words = stop_words();
        assert!(words.len() > 200);
        assert!(words.windows(2).all(|w| w[0] < w[1]));
        assert!(
            words
                .iter()
                .all(|w| { w.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'') })
        );
        assert!(is_stop_word("the") && is_stop_word("said") && is_stop_word("it's"));
        assert!(is_stop_word("yourselves") && is_stop_word("a"));
        assert!(!is_stop_word("ukraine") && !is_stop_word(""));
    }
}
