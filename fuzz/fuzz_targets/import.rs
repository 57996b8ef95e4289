#![no_main]
//! The importer (`broadsheet::import::convert_one`: decode, clean, analyse,
//! tags, Markdown) on any raw file; what it writes must read back as written.
//!
//! `cargo fuzz run import --sanitizer none` (docs/fuzzing.md).

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
#[allow(dead_code)] // each target uses one of the checks
mod checks;

fuzz_target!(|bytes: &[u8]| checks::import(bytes));
