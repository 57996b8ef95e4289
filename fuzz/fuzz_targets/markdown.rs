#![no_main]
//! Markdown → sanitized (or escaped) HTML on any text: nothing in the output
//! may run script.
//!
//! `cargo fuzz run markdown --sanitizer none` (docs/fuzzing.md).

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
#[allow(dead_code)] // each target uses one of the checks
mod checks;

fuzz_target!(|bytes: &[u8]| checks::markdown(bytes));
