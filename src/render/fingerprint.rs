//! Job fingerprints, taken from the very values a job renders from.
//!
//! [`super::Renderer::prepare`] builds each job's template context (or, for
//! feeds, sitemaps and search files, the data they are written from) once,
//! through [`Inputs`]: asked for a fingerprint, `Inputs` hashes every value
//! as it is set; asked to render, it collects them into the template's
//! context. Nothing mirrors by hand what a template reads, so a value that
//! reaches a page also reaches its fingerprint. Two builds that give a job
//! the same fingerprint give it the same output, so `serve` renders only
//! the jobs whose fingerprint changed.

use std::hash::{Hash, Hasher};

use serde::Serialize;
use tera::Context;

use crate::hash::FxHasher;

/// What a job is prepared for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Only its fingerprint: nothing is rendered, article bodies are not read.
    Fingerprint,
    /// Its files.
    Render,
}

/// The values a job renders from, hashed or collected by [`Mode`].
pub struct Inputs {
    mode: Mode,
    hasher: FxHasher,
    context: Context,
}

impl Inputs {
    /// Inputs for `mode`, starting from the fingerprint of what every job
    /// depends on (`global`) and the job's key.
    pub(super) fn new(mode: Mode, global: u64, key: &str) -> Inputs {
        let mut hasher = FxHasher::default();
        if mode == Mode::Fingerprint {
            (global, key).hash(&mut hasher);
        }
        Inputs {
            mode,
            hasher,
            context: Context::new(),
        }
    }

    /// What the inputs are for.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Sets a template variable.
    pub fn set<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        match self.mode {
            Mode::Fingerprint => {
                name.hash(&mut self.hasher);
                // Hashing cannot fail; a value that does not serialise fails
                // the render, which reports it.
                let _ = serde_json::to_writer(HashWriter(&mut self.hasher), value);
            }
            Mode::Render => self.context.insert(name, value),
        }
    }

    /// Adds a value the output is made from that is not a template
    /// variable (feed entries, an article body's source fingerprint).
    pub fn hash<T: Hash + ?Sized>(&mut self, value: &T) {
        if self.mode == Mode::Fingerprint {
            value.hash(&mut self.hasher);
        }
    }

    /// The fingerprint of everything set and hashed.
    pub(super) fn fingerprint(&self) -> u64 {
        self.hasher.finish()
    }

    /// The template context of everything set.
    pub(super) fn into_context(self) -> Context {
        self.context
    }
}

/// Feeds serialised bytes into a hasher, so that values are hashed without
/// being written out first.
struct HashWriter<'a>(&'a mut FxHasher);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The fingerprint of a serialisable value (an article's card).
pub(super) fn of_value<T: Serialize + ?Sized>(value: &T) -> u64 {
    let mut h = FxHasher::default();
    let _ = serde_json::to_writer(HashWriter(&mut h), value);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_set_reaches_the_fingerprint() {
        let fp = |total: usize| {
            let mut i = Inputs::new(Mode::Fingerprint, 1, "tags/a/");
            i.set("paginator", &serde_json::json!({ "total_items": total }));
            i.fingerprint()
        };
        assert_eq!(fp(3), fp(3));
        assert_ne!(fp(3), fp(2));
    }

    #[test]
    fn the_key_and_global_reach_the_fingerprint() {
        let a = Inputs::new(Mode::Fingerprint, 1, "a/").fingerprint();
        assert_ne!(a, Inputs::new(Mode::Fingerprint, 2, "a/").fingerprint());
        assert_ne!(a, Inputs::new(Mode::Fingerprint, 1, "b/").fingerprint());
    }

    #[test]
    fn rendering_collects_the_context() {
        let mut i = Inputs::new(Mode::Render, 1, "a/");
        i.set("n", &3);
        i.hash(&"not a variable");
        let context = i.into_context();
        assert!(context.contains_key("n"));
        assert!(!context.contains_key("not a variable"));
    }
}
