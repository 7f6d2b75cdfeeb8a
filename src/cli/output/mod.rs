//! Renderers for `check` results. All start from `report::Record`.

mod github;
mod human;
mod sarif;

use std::io::{self, Write};
use std::path::Path;

use clap::ValueEnum;

use super::report::Record;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style snippets with the source line and a caret.
    Human,
    /// One JSON array of diagnostics.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
}

/// Looks up the analysed text of a file, for snippets.
pub type SourceLookup<'a> = dyn Fn(&Path) -> Option<&'a str> + 'a;

pub fn render(
    format: Format,
    records: &[Record],
    source: &SourceLookup<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::render(records, source, out),
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, records)?;
            writeln!(out)
        }
        Format::Sarif => sarif::render(records, out),
        Format::Github => github::render(records, out),
    }
}
