//! Integration tests: one binary, one module per feature (STYLE.md §4.11).
//!
//! Each test builds a small fixture site in a temporary folder and checks
//! the output by parsing it: HTML with `scraper`, XML with `roxmltree`,
//! JSON with `serde_json`.

#![allow(unreachable_pub)]

mod build;
mod check;
mod digest;
mod errors;
mod fuzz;
mod hardening;
mod harness;
mod images;
mod import;
mod incremental;
mod injection;
mod output;
mod search;
mod serve;
mod theme;
