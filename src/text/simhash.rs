//! Near-duplicate fingerprints: word shingles and their 64-bit SimHash.

use super::fold_into;
use crate::hash::{Hash64, hash64};

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

/// Folded words (see [`fold`](super::fold)) kept one after the other in a single string,
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
    use crate::text::{tokens, words};

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
