//! The two hashes of the crate, so that no module picks its own.
//!
//! - [`Hash64`] / [`hash64`]: the **stable** content hash (FNV-1a with a
//!   64-bit finaliser). Everything that outlives a run or leaves the machine
//!   uses it: near-duplicate fingerprints and term hashes in front matter,
//!   search index versions, cache and ledger file names, asset versions,
//!   message ids. Its values never change.
//! - [`FxHasher`], [`FxMap`], [`FxSet`]: the **fast** hasher (rustc-hash) of
//!   in-memory maps and of fingerprints that live only as long as a process
//!   (render and source fingerprints, output content hashes). Never persist
//!   its values: they may change with the crate's version.
//!
//! Two deliberate exceptions use SHA-256: the raw-file identity that `import`
//! records (and the desk's edit-conflict check built on it) and deploy
//! content hashes, because what they are compared with (older front matter,
//! a host's listing) is defined by that algorithm.

use std::hash::Hasher;

use sha2::{Digest, Sha256};

pub(crate) use rustc_hash::FxHasher;

/// A map hashed by [`FxHasher`].
pub(crate) type FxMap<K, V> = rustc_hash::FxHashMap<K, V>;
/// A set hashed by [`FxHasher`].
pub(crate) type FxSet<K> = rustc_hash::FxHashSet<K>;

/// The SHA-256 of `bytes`, in lowercase hex (see the module docs for where).
pub fn sha256_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for &b in digest.iter() {
        // Two hex digits by hand: a `format!` per byte cost more than the hash.
        hex.push(char::from(DIGITS[usize::from(b >> 4)]));
        hex.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    hex
}

/// The fast in-memory hash of `bytes` (see the module docs: never persist it).
pub(crate) fn fast_hash(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.finish()
}

/// A stable 64-bit hash of `bytes`: FNV-1a followed by a 64-bit finaliser,
/// so every output bit depends on every input bit (SimHash needs that).
pub(crate) fn hash64(bytes: &[u8]) -> u64 {
    let mut h = Hash64::new();
    h.write(bytes);
    h.finish()
}

/// [`hash64`] fed in pieces: writing `a` then `b` gives `hash64` of `a`
/// followed by `b`, without building that text (FNV-1a reads bytes in order).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hash64(u64);

impl Hash64 {
    /// A hash of nothing yet.
    pub(crate) const fn new() -> Self {
        Hash64(0xcbf2_9ce4_8422_2325)
    }

    /// Adds `bytes` after those written before.
    pub(crate) fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }

    /// The hash of the bytes written so far.
    pub(crate) fn finish(&self) -> u64 {
        // MurmurHash3's fmix64.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

impl Default for Hash64 {
    fn default() -> Self {
        Hash64::new()
    }
}

impl Hasher for Hash64 {
    fn write(&mut self, bytes: &[u8]) {
        Hash64::write(self, bytes);
    }

    fn finish(&self) -> u64 {
        Hash64::finish(self)
    }
}

/// Plain FNV-1a of `bytes`: [`Hash64`] before its finaliser. Only for the
/// names and ids it already gave (cache files, ledgers, asset versions,
/// message ids), which must stay as they are.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = Hash64::new();
    h.write(bytes);
    h.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable() {
        // These values are part of the front matter written by `import`: never change them.
        assert_eq!(hash64(b""), 0xefd0_1f60_ba99_2926);
        assert_eq!(hash64(b"kyiv"), 0x3c4c_ed08_de88_206c);
        assert_ne!(hash64(b"kyiv"), hash64(b"kiev"));
    }

    #[test]
    fn hashing_in_pieces_equals_hashing_at_once() {
        let mut h = Hash64::new();
        h.write(b"kyiv");
        h.write(b"");
        h.write(b" attack");
        assert_eq!(h.finish(), hash64(b"kyiv attack"));
        assert_eq!(Hash64::default().finish(), hash64(b""));
    }

    #[test]
    fn hash64_as_a_std_hasher_hashes_what_it_is_fed() {
        use std::hash::{BuildHasher, BuildHasherDefault};
        let build = BuildHasherDefault::<Hash64>::default();
        // `str` hashes its bytes and then 0xff.
        assert_eq!(build.hash_one("kyiv"), hash64(b"kyiv\xff"));
    }

    #[test]
    fn fnv1a_is_the_unmixed_stable_hash() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
