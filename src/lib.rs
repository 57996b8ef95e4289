//! Broadsheet: a static site generator for curated news digests.
//!
//! The build is a chain of stages, each a module with plain data in and out:
//!
//! | # | stage | module | in → out |
//! |---|-------|--------|----------|
//! | 1 | load config | [`config`] | `config.toml` → [`config::Config`] |
//! | 2 | discover | [`source`] | site folder → [`source::SourceTree`] (sorted) |
//! | 3 | parse | [`source::parse`], [`markdown`] | files → parsed articles (parallel) |
//! | 4 | assemble | [`model`] | parsed articles → [`model::Site`] (immutable) |
//! | 5 | render | [`render`], [`search`] | site + templates → files (parallel) |
//! | 6 | write | [`output`] | files → output folder (staged, unchanged files untouched) |
//!
//! [`build::build`] runs them all; [`check::check`] runs stages 1–4 and
//! looks for broken links and other problems without writing anything. Problems in the site's files are
//! [`diagnostic::Diagnostic`]s naming the file and line; everything else is
//! an [`error::Error`].

pub mod build;
pub mod calendar;
pub mod check;
pub mod cli;
pub mod config;
pub mod deploy;
pub mod diagnostic;
pub mod error;
pub mod fs;
pub mod hash;
pub mod images;
pub mod import;
pub mod interrupt;
pub mod keep;
pub mod markdown;
pub mod model;
pub mod newsletter;
pub mod output;
pub mod render;
pub mod report;
pub mod search;
pub mod serve;
pub mod slug;
pub mod source;
pub mod text;
