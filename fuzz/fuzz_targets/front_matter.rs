#![no_main]
//! The front-matter splitter and parsers, and the build's parser of articles,
//! pages and editions, on any bytes (decoded as the build decodes a file).
//!
//! `cargo fuzz run front_matter --sanitizer none` (docs/fuzzing.md).

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
#[allow(dead_code)] // each target uses one of the checks
mod checks;

fuzz_target!(|bytes: &[u8]| checks::front_matter(bytes));
