//! `import`: plain-text articles → Markdown files with TOML front matter.

pub mod clean;
pub mod tags;
pub mod to_markdown;
