//! Plain-text analysis shared by `import` (tags, near-duplicates), related
//! articles and the search index.
//!
//! Everything here is pure and deterministic: words come from Unicode word
//! segmentation (UAX #29), hashes are a fixed FNV-1a with a final mixer (never
//! `RandomState`), so a fingerprint written today compares with one computed
//! on another machine next year. Nothing is kept between builds: the memo of
//! stems belongs to a [`Vocabulary`].

mod simhash;
mod stop_words;
mod terms;
mod words;

pub use simhash::{FoldedWords, hamming, shingles, simhash};
pub use stop_words::{is_stop_word, stop_words};
pub use terms::{Intern, TermId, Token, Vocabulary, index_terms};
pub use words::{fold, fold_into, hash_folded, stem, tokens, words};
