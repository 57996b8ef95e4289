//! Plain-text analysis shared by `import` (tags, near-duplicates) and, later,
//! related articles and the search index.
//!
//! Everything here is pure and deterministic: words come from Unicode word
//! segmentation (UAX #29), hashes are a fixed FNV-1a with a final mixer (never
//! `RandomState`), so a fingerprint written today compares with one computed
//! on another machine next year.

use std::borrow::Cow;
use std::sync::{Arc, LazyLock, Mutex};

use crate::hash::{FxMap, FxSet, Hash64, hash64};
use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

/// The words of `text` as written (Unicode word boundaries; punctuation and
/// spaces are skipped, `Russia’s` and `U.S` are one word each).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.unicode_words()
}

/// The words of `text`, lowercased and folded (see [`fold`]).
pub fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    words(text).map(|w| fold(w).into_owned())
}

/// Lowercases `word` and removes diacritics from Latin letters
/// (`Zürich` → `zurich`, `Économie` → `economie`); other scripts are only
/// lowercased. Curly apostrophes become straight ones.
pub fn fold(word: &str) -> Cow<'_, str> {
    if is_folded(word) {
        return Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    Cow::Owned(out)
}

/// True when `word` is its own [`fold`]: ASCII without capitals.
fn is_folded(word: &str) -> bool {
    word.bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
}

/// Appends [`fold`] of `word` to `out`: the same text, into a buffer the
/// caller reuses, so folding many words allocates nothing.
pub fn fold_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        // ASCII folds byte by byte: the common case, without the per-char match below.
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            // Latin-1 Supplement and Latin Extended-A/B: letters with diacritics.
            '\u{c0}'..='\u{24f}' if c.is_alphabetic() => {
                let ascii = deunicode::deunicode_char(c).unwrap_or("");
                if ascii.is_empty() || !ascii.bytes().all(|b| b.is_ascii_alphabetic()) {
                    out.extend(c.to_lowercase());
                } else {
                    out.push_str(&ascii.to_ascii_lowercase());
                }
            }
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// [`hash64`] of [`fold`] of `word`, without building the folded word
/// when `word` is ASCII (its bytes are then lowercased one by one).
pub fn hash_folded(word: &str) -> u64 {
    if !word.is_ascii() {
        return hash64(fold(word).as_bytes());
    }
    let mut h = Hash64::new();
    for b in word.bytes() {
        h.write(&[b.to_ascii_lowercase()]);
    }
    h.finish()
}

static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// The English Snowball stem of a lowercase word (`attacks` → `attack`).
pub fn stem(word: &str) -> Cow<'_, str> {
    ENGLISH.stem(word)
}

/// English stop words, sorted, lowercase, with straight apostrophes.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "afterwards",
    "again",
    "against",
    "ago",
    "all",
    "almost",
    "alone",
    "along",
    "already",
    "also",
    "although",
    "always",
    "am",
    "among",
    "amongst",
    "an",
    "and",
    "another",
    "any",
    "anyone",
    "anything",
    "anyway",
    "anywhere",
    "are",
    "around",
    "as",
    "at",
    "back",
    "be",
    "became",
    "because",
    "become",
    "becomes",
    "been",
    "before",
    "behind",
    "being",
    "below",
    "beside",
    "besides",
    "between",
    "beyond",
    "both",
    "but",
    "by",
    "can",
    "cannot",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "either",
    "else",
    "elsewhere",
    "enough",
    "even",
    "ever",
    "every",
    "everyone",
    "everything",
    "everywhere",
    "except",
    "few",
    "for",
    "former",
    "formerly",
    "from",
    "further",
    "get",
    "gets",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "hence",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "indeed",
    "into",
    "is",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "last",
    "latter",
    "least",
    "less",
    "let",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "meanwhile",
    "might",
    "mine",
    "more",
    "moreover",
    "most",
    "mostly",
    "much",
    "must",
    "my",
    "myself",
    "neither",
    "never",
    "nevertheless",
    "next",
    "no",
    "nobody",
    "none",
    "nor",
    "not",
    "nothing",
    "now",
    "nowhere",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "onto",
    "or",
    "other",
    "others",
    "otherwise",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "perhaps",
    "rather",
    "really",
    "said",
    "same",
    "say",
    "says",
    "see",
    "seem",
    "seemed",
    "seems",
    "several",
    "she",
    "should",
    "since",
    "so",
    "some",
    "somehow",
    "someone",
    "something",
    "sometimes",
    "somewhere",
    "still",
    "such",
    "than",
    "that",
    "that's",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "there's",
    "thereby",
    "therefore",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "throughout",
    "thus",
    "to",
    "together",
    "too",
    "toward",
    "towards",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "well",
    "were",
    "what",
    "whatever",
    "when",
    "whenever",
    "where",
    "whereas",
    "wherever",
    "whether",
    "which",
    "while",
    "who",
    "whoever",
    "whole",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yes",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// Calls `f` with the index terms of `text`: runs of letters and digits,
/// folded, without stop words and one-letter words, stemmed.
///
/// This is the tokeniser of related articles and of the search index, and
/// the search page's script splits queries the same way: a term is a run of
/// Unicode letters and digits (an apostrophe ends it: `Russia’s` gives
/// `russia`). Stems are memoised per thread: a corpus repeats its words.
pub fn index_terms(text: &str, mut f: impl FnMut(&str)) {
    index_tokens(text, Intern::Nothing, |t| f(t.stem));
}

/// An index term interned for the life of the process: the same string
/// always has the same id, in every thread ([`term_strings`] gives it back).
/// Ids depend on the order in which terms were first seen, so nothing
/// written to disk may depend on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TermId(pub u32);

/// Which interned term [`index_tokens`] gives with each token, and in
/// which vocabulary.
#[derive(Clone, Copy)]
pub enum Intern<'v> {
    /// None.
    Nothing,
    /// The stem.
    Stem(&'v Vocabulary),
    /// The folded word, unstemmed.
    Word(&'v Vocabulary),
}

/// One index term of a text.
#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    /// The stem of the folded word.
    pub stem: &'a str,
    /// [`hash64`] of the stem.
    pub hash: u64,
    /// The interned stem or word, as asked.
    pub id: Option<TermId>,
}

/// [`index_terms`] with more about each term: its hash and, if asked, its
/// interned id. One pass gives related articles their keywords (by hash)
/// and the search index its terms (by id).
pub fn index_tokens(text: &str, intern: Intern<'_>, mut f: impl FnMut(Token<'_>)) {
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        if let Intern::Stem(v) | Intern::Word(v) = intern {
            memo.use_vocabulary(v);
        }
        let mut buffer = String::new();
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            if word.len() < 2 && word.is_ascii() {
                continue;
            }
            // `fold`, into a buffer reused from word to word.
            let folded: &str = if is_folded(word) {
                word
            } else {
                buffer.clear();
                fold_into(word, &mut buffer);
                &buffer
            };
            let m = memo.entry(folded);
            if m.stop {
                continue;
            }
            let id = match intern {
                Intern::Nothing => None,
                Intern::Stem(v) => Some(*m.stem_id.get_or_insert_with(|| v.intern(&m.stem))),
                Intern::Word(v) => Some(*m.word_id.get_or_insert_with(|| v.intern(folded))),
            };
            f(Token {
                stem: &m.stem,
                hash: m.hash,
                id,
            });
        }
    });
}

/// What a thread remembers of a folded word.
struct Memo {
    stem: Box<str>,
    hash: u64,
    /// A stop word: no index term.
    stop: bool,
    stem_id: Option<TermId>,
    word_id: Option<TermId>,
}

/// A thread's memos, found by one hash lookup per word. Stems are the same
/// for every build; the interned ids are those of one [`Vocabulary`].
#[derive(Default)]
struct Memos {
    index: FxMap<Box<str>, u32>,
    entries: Vec<Memo>,
    /// The [`Vocabulary::generation`] the ids are of.
    vocabulary: u64,
}

impl Memos {
    /// Forgets the ids of another vocabulary than `v`.
    fn use_vocabulary(&mut self, v: &Vocabulary) {
        if self.vocabulary != v.generation {
            for m in &mut self.entries {
                m.stem_id = None;
                m.word_id = None;
            }
            self.vocabulary = v.generation;
        }
    }

    /// The memo of a folded word, made on first sight.
    fn entry(&mut self, folded: &str) -> &mut Memo {
        if let Some(&i) = self.index.get(folded) {
            return &mut self.entries[i as usize];
        }
        if self.entries.len() >= 500_000 {
            // Bound the memory of a long-running `serve`.
            self.index.clear();
            self.entries.clear();
        }
        let stem: Box<str> = stem(folded).into();
        self.index.insert(folded.into(), self.entries.len() as u32);
        self.entries.push(Memo {
            hash: hash64(stem.as_bytes()),
            stem,
            stop: is_stop_word(folded),
            stem_id: None,
            word_id: None,
        });
        self.entries.last_mut().expect("pushed above")
    }
}

thread_local! {
    /// Stems (and interned ids) already worked out on this thread, by folded word.
    static MEMO: std::cell::RefCell<Memos> = std::cell::RefCell::default();
}

/// [`stem`], remembered: the stem of a lowercase word, computed once per
/// thread (a corpus repeats its words, and stemming is the costly part).
pub fn stem_cached(word: &str) -> String {
    with_stem(word, str::to_owned)
}

/// Calls `f` with [`stem_cached`] of `word`, lent from the per-thread memo
/// instead of copied. `f` must not stem words itself (the memo is in use).
pub fn with_stem<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    MEMO.with(|memo| f(&memo.borrow_mut().entry(word).stem))
}

/// The terms a build or a `serve` session has interned, by id: owned by
/// it, so that it goes when the session drops it (and `serve` can start a
/// new one when the old one holds mostly terms no file has any more).
pub struct Vocabulary {
    /// Unique among the vocabularies of the process, so that the per-thread
    /// memo knows whose ids it holds.
    generation: u64,
    inner: Mutex<Terms>,
}

#[derive(Default)]
struct Terms {
    ids: FxMap<Arc<str>, u32>,
    terms: Vec<Arc<str>>,
}

impl Default for Vocabulary {
    fn default() -> Self {
        static GENERATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Vocabulary {
            generation: GENERATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            inner: Mutex::default(),
        }
    }
}

impl std::fmt::Debug for Vocabulary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Vocabulary({} terms)", self.len())
    }
}

impl Vocabulary {
    fn lock(&self) -> std::sync::MutexGuard<'_, Terms> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The id of `term`, interning it when new. Threads call this once per
    /// word they have not met before (see [`index_tokens`]), so the lock is cold.
    pub fn intern(&self, term: &str) -> TermId {
        let mut v = self.lock();
        if let Some(&id) = v.ids.get(term) {
            return TermId(id);
        }
        let id = u32::try_from(v.terms.len()).expect("fewer than 2^32 distinct terms");
        let term: Arc<str> = term.into();
        v.terms.push(Arc::clone(&term));
        v.ids.insert(term, id);
        TermId(id)
    }

    /// The strings of interned terms, in the order of `ids`.
    pub fn strings(&self, ids: impl IntoIterator<Item = TermId>) -> Vec<Arc<str>> {
        let v = self.lock();
        ids.into_iter()
            .map(|id| Arc::clone(&v.terms[id.0 as usize]))
            .collect()
    }

    /// How many terms it holds.
    pub fn len(&self) -> usize {
        self.lock().terms.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The English stop words that no index term is (sorted).
pub fn stop_words() -> &'static [&'static str] {
    STOP_WORDS
}

static STOP_WORD_SET: LazyLock<FxSet<&'static str>> =
    LazyLock::new(|| STOP_WORDS.iter().copied().collect());

/// True for an English stop word (`the`, `said`, `however`); expects a folded word.
pub fn is_stop_word(word: &str) -> bool {
    word.len() <= 13 && STOP_WORD_SET.contains(word)
}

/// The hashes of the `n`-word shingles of `tokens` (every run of `n`
/// consecutive words). Fewer than `n` words make one shingle of them all.
pub fn shingles<S: AsRef<str>>(tokens: &[S], n: usize) -> impl Iterator<Item = u64> + '_ {
    let n = n.max(1);
    (0..shingle_count(tokens.len(), n)).map(move |i| {
        // The hash of the words joined by single spaces, fed word by word.
        let mut h = Hash64::new();
        for (j, t) in tokens[i..(i + n).min(tokens.len())].iter().enumerate() {
            if j > 0 {
                h.write(b" ");
            }
            h.write(t.as_ref().as_bytes());
        }
        h.finish()
    })
}

/// How many `n`-word shingles `words` words make (see [`shingles`]).
fn shingle_count(words: usize, n: usize) -> usize {
    if words == 0 {
        0
    } else {
        words.saturating_sub(n) + 1
    }
}

/// Folded words (see [`fold`]) kept one after the other in a single string,
/// joined by single spaces. A run of consecutive words is then one slice
/// of it, so [`FoldedWords::shingles`] hashes each shingle where it lies,
/// and the words cost no allocation each.
#[derive(Debug, Clone, Default)]
pub struct FoldedWords {
    text: String,
    /// Where each word starts in `text`.
    starts: Vec<usize>,
}

impl FoldedWords {
    /// Room for words taking up to `bytes` bytes with their spaces.
    pub fn with_capacity(bytes: usize) -> Self {
        FoldedWords {
            text: String::with_capacity(bytes),
            // Words of news text average some six bytes with their space.
            starts: Vec::with_capacity(bytes / 5),
        }
    }

    /// Adds the folded form of `word`, and returns it.
    pub fn push(&mut self, word: &str) -> &str {
        if !self.starts.is_empty() {
            self.text.push(' ');
        }
        let start = self.text.len();
        self.starts.push(start);
        fold_into(word, &mut self.text);
        &self.text[start..]
    }

    /// How many words there are.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// True when there are no words.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The same hashes as [`shingles`] of the words.
    pub fn shingles(&self, n: usize) -> impl Iterator<Item = u64> + '_ {
        let n = n.max(1);
        (0..shingle_count(self.len(), n)).map(move |i| {
            // Up to the space before word `i + n`, or to the end.
            let end = self
                .starts
                .get(i + n)
                .map_or(self.text.len(), |&next| next - 1);
            hash64(&self.text.as_bytes()[self.starts[i]..end])
        })
    }
}

/// The 64-bit SimHash of a set of feature hashes: similar sets give hashes
/// that differ in few bits (see [`hamming`]). No features give 0.
pub fn simhash(features: impl IntoIterator<Item = u64>) -> u64 {
    // A bit is set when more features set it than not. The counts of set
    // bits are kept eight to a `u64`, one per byte: each byte of a feature
    // adds its bits spread over the eight bytes (`SPREAD`), so a feature
    // costs 8 additions instead of 64. The bytes are emptied into `ones`
    // before they can overflow.
    let mut ones = [0u64; 64];
    let mut packed = [0u64; 8];
    let mut total = 0u64;
    let mut pending = 0u32;
    for h in features {
        for (k, counts) in packed.iter_mut().enumerate() {
            *counts += SPREAD[usize::from((h >> (8 * k)) as u8)];
        }
        total += 1;
        pending += 1;
        if pending == u32::from(u8::MAX) {
            unpack_counts(&mut packed, &mut ones);
            pending = 0;
        }
    }
    unpack_counts(&mut packed, &mut ones);
    ones.iter()
        .enumerate()
        .filter(|&(_, &n)| 2 * n > total)
        .fold(0, |acc, (bit, _)| acc | 1 << bit)
}

/// Byte `j` of `SPREAD[b]` is bit `j` of `b`.
const SPREAD: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut j = 0;
        while j < 8 {
            table[b] |= ((b as u64 >> j) & 1) << (8 * j);
            j += 1;
        }
        b += 1;
    }
    table
};

/// Adds the byte counters of `packed` (byte `j` of `packed[k]` counts bit
/// `8k + j`) to `ones`, and empties them.
fn unpack_counts(packed: &mut [u64; 8], ones: &mut [u64; 64]) {
    for (k, counts) in packed.iter_mut().enumerate() {
        for j in 0..8 {
            ones[8 * k + j] += (*counts >> (8 * j)) & 0xff;
        }
        *counts = 0;
    }
}

/// The number of bits in which two hashes differ.
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_and_found() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stop_word("the") && is_stop_word("said") && is_stop_word("it's"));
        assert!(!is_stop_word("ukraine"));
    }

    #[test]
    fn words_follow_unicode_boundaries() {
        let w: Vec<_> = words("Russia’s U.S. drones—420 of them, “clear”.").collect();
        assert_eq!(
            w,
            ["Russia’s", "U.S", "drones", "420", "of", "them", "clear"]
        );
    }

    #[test]
    fn fold_lowercases_and_removes_diacritics() {
        assert_eq!(fold("Zürich"), "zurich");
        assert_eq!(fold("ÉCONOMIE"), "economie");
        assert_eq!(fold("Russia’s"), "russia's");
        assert_eq!(fold("Москва"), "москва");
        assert!(matches!(fold("plain"), Cow::Borrowed(_)));
        let t: Vec<_> = tokens("Kyiv’s Café").collect();
        assert_eq!(t, ["kyiv's", "cafe"]);
    }

    #[test]
    fn index_terms_split_fold_drop_and_stem() {
        let mut terms = Vec::new();
        index_terms(
            "The Russian drones’ attacks on Kyiv — a 2025 “Zürich” café, x.",
            |t| terms.push(t.to_owned()),
        );
        assert_eq!(
            terms,
            [
                "russian", "drone", "attack", "kyiv", "2025", "zurich", "cafe"
            ]
        );
    }

    #[test]
    fn tokens_carry_hashes_and_interned_ids() {
        let v = Vocabulary::default();
        let mut got = Vec::new();
        index_tokens(
            "Attacks attacked ATTACKING Zürich",
            Intern::Stem(&v),
            |t| {
                got.push((t.stem.to_owned(), t.hash, t.id.unwrap()));
            },
        );
        assert_eq!(got.len(), 4);
        assert!(
            got[..3]
                .iter()
                .all(|g| g.0 == "attack" && g.1 == hash64(b"attack"))
        );
        assert!(got[..3].iter().all(|g| g.2 == got[0].2));
        assert_eq!(got[3].0, "zurich");
        let strings = v.strings([got[0].2, got[3].2]);
        assert_eq!(&*strings[0], "attack");
        assert_eq!(&*strings[1], "zurich");
        let mut words = Vec::new();
        index_tokens("Attacks attacked", Intern::Word(&v), |t| {
            words.push(t.id.unwrap())
        });
        assert_eq!(
            v.strings(words).iter().map(|s| &**s).collect::<Vec<_>>(),
            ["attacks", "attacked"]
        );
        assert_eq!(v.intern("attack"), got[0].2);
        // Another vocabulary has ids of its own, whatever the memo saw.
        let other = Vocabulary::default();
        let mut ids = Vec::new();
        index_tokens("Zürich", Intern::Stem(&other), |t| ids.push(t.id.unwrap()));
        assert_eq!(ids, [TermId(0)]);
        assert_eq!((other.len(), v.len()), (1, 4));
        let mut none = Vec::new();
        index_tokens("attack", Intern::Nothing, |t| none.push(t.id));
        assert_eq!(none, [None]);
    }

    #[test]
    fn stems_english_words() {
        assert_eq!(stem("attacks"), "attack");
        assert_eq!(stem("negotiations"), "negoti");
    }

    #[test]
    fn shingles_cover_every_window() {
        let t = ["a", "b", "c", "d"];
        assert_eq!(shingles(&t, 3).count(), 2);
        assert_eq!(shingles(&t[..2], 3).count(), 1);
        assert_eq!(shingles::<&str>(&[], 3).count(), 0);
        assert_eq!(
            shingles(&t, 2).next(),
            Some(hash64(b"a b")),
            "words are joined by one space"
        );
    }

    #[test]
    fn fold_into_appends_what_fold_gives() {
        let mut buf = String::from("x");
        for word in [
            "Zürich",
            "plain",
            "NATO",
            "Russia’s",
            "Москва",
            "ǅemal",
            "Ǳ",
            "straße",
        ] {
            buf.truncate(1);
            fold_into(word, &mut buf);
            assert_eq!(&buf[1..], fold(word), "{word}");
        }
    }

    #[test]
    fn hash_folded_is_the_hash_of_the_folded_word() {
        for word in ["Kyiv", "NATO", "plain", "Zürich", "Russia’s", ""] {
            assert_eq!(hash_folded(word), hash64(fold(word).as_bytes()), "{word}");
        }
    }

    #[test]
    fn with_stem_lends_the_cached_stem() {
        assert_eq!(with_stem("attacks", str::len), "attack".len());
        assert_eq!(
            with_stem("negotiations", str::to_owned),
            stem("negotiations")
        );
        assert_eq!(stem_cached("negotiations"), "negoti");
    }

    #[test]
    fn folded_words_give_the_same_shingles() {
        let text = "Russian drones’ attacks on Kyiv — a 2025 “Zürich” CAFÉ, x.";
        let tokens: Vec<String> = tokens(text).collect();
        for len in 0..=tokens.len() {
            let mut folded = FoldedWords::default();
            for w in words(text).take(len) {
                folded.push(w);
            }
            assert_eq!(folded.len(), len);
            assert_eq!(folded.is_empty(), len == 0);
            for n in [0, 1, 2, 3, 5, 20] {
                let expected: Vec<u64> = shingles(&tokens[..len], n).collect();
                assert_eq!(
                    folded.shingles(n).collect::<Vec<_>>(),
                    expected,
                    "{len} {n}"
                );
            }
        }
    }

    /// SimHash as first written: one signed weight per bit.
    fn simhash_by_weights(features: &[u64]) -> u64 {
        let mut weights = [0i64; 64];
        for h in features {
            for (bit, w) in weights.iter_mut().enumerate() {
                *w += if h >> bit & 1 == 1 { 1 } else { -1 };
            }
        }
        (0..64)
            .filter(|&b| weights[b] > 0)
            .fold(0, |acc, b| acc | 1 << b)
    }

    #[test]
    fn simhash_counts_bits_exactly() {
        // Enough features to empty the packed counters several times.
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut features = Vec::new();
        for _ in 0..1200 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Biased bits, so some weights are near zero and some far from it.
            features.push(x & (x >> 3) | 0x8000_0000_0000_0001);
        }
        for len in [0, 1, 2, 3, 254, 255, 256, 510, 511, 1200] {
            let f = &features[..len];
            assert_eq!(simhash(f.iter().copied()), simhash_by_weights(f), "{len}");
        }
        let ties = [0b01u64, 0b10];
        assert_eq!(simhash(ties), 0, "a tie leaves the bit clear");
        assert_eq!(simhash([u64::MAX; 300]), u64::MAX);
    }

    #[test]
    fn simhash_keeps_similar_texts_close() {
        let text = "Russian drone attacks bombarded Kyiv on Monday, hours before European NATO leaders were expected to meet and discuss the latest plans to send weapons to Ukraine. At least two were killed in the attacks.";
        let other = text.replace("Monday", "Tuesday");
        let unrelated = "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three months to December, from $639m year-earlier, the firm said.";
        let sh = |t: &str| {
            let toks: Vec<String> = tokens(t).collect();
            simhash(shingles(&toks, 3))
        };
        assert!(hamming(sh(text), sh(&other)) < 16);
        assert!(hamming(sh(text), sh(unrelated)) > 16);
        assert_eq!(simhash([]), 0);
        assert_eq!(hamming(0b1011, 0b0001), 2);
    }
}
