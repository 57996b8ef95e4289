//! Integration tests: one binary, one module per subcommand (STYLE.md §4.11).

mod import;
