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
//!
//! The public API is what the binary, the integration tests and the fuzz
//! targets drive: [`build`], [`check`], [`config`], [`source`], [`markdown`],
//! [`render`] (its views), [`serve`] (its incremental cache), [`diagnostic`],
//! [`error`], [`cli`], [`import`] (with its cleaning rules, for the rule
//! gallery) and [`text`]. Everything else (the model, output, images,
//! search, deploy, newsletter, ...) is
//! `pub(crate)`, so the `unreachable_pub` and `missing_docs` lints in
//! `Cargo.toml` flag any item that is public without a reader outside.

pub mod build;
pub(crate) mod calendar;
pub mod check;
pub mod cli;
pub mod config;
pub(crate) mod deploy;
pub mod diagnostic;
pub mod error;
pub(crate) mod fs;
pub(crate) mod hash;
pub(crate) mod images;
pub mod import;
pub(crate) mod interrupt;
pub(crate) mod keep;
pub mod markdown;
pub(crate) mod model;
pub(crate) mod newsletter;
pub(crate) mod output;
pub mod render;
pub(crate) mod report;
pub(crate) mod search;
pub mod serve;
pub(crate) mod slug;
pub mod source;
pub mod text;
