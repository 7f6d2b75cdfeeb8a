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

/// The path a terminal user can click or a CI annotation can attach to:
/// relative to the current folder when the file is below it.
pub(crate) fn display_path(record: &Record) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| cwd.canonicalize().ok())
        .and_then(|cwd| {
            record
                .absolute_path
                .strip_prefix(cwd)
                .ok()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
        })
        .unwrap_or_else(|| record.absolute_path.to_string_lossy().into_owned())
}

/// Looks up the analysed text of a file, for snippets: at least through the
/// given byte offset (an article's recorded head may be all it returns).
pub type SourceLookup<'a> = dyn Fn(&Path, usize) -> Option<&'a str> + 'a;

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
