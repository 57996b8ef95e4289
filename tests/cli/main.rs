//! Integration tests: one binary, one module per feature (STYLE.md §4.11).
//!
//! Each test builds a small fixture site in a temporary folder and checks
//! the output by parsing it: HTML with `scraper`, XML with `roxmltree`,
//! JSON with `serde_json`.

#![allow(unreachable_pub)]

mod build;
mod check;
mod deploy;
mod desk;
mod digest;
mod errors;
mod front_matter_lines;
mod fuzz;
mod gather;
mod hardening;
mod harness;
mod hosting;
mod images;
mod import;
mod incremental;
mod injection;
mod newsletter;
mod output;
mod pipes;
mod rebuild_props;
mod safety;
mod search;
mod serve;
mod serve_http;
mod served;
mod servers;
mod theme;
mod urls;
