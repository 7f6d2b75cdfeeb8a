//! Renderers for `check` results. All start from `report::Record`, whose
//! paths are already relative to the current folder; `html` also shows the
//! notes and articles themselves.

mod concise;
mod github;
pub mod html;
mod human;
mod sarif;
mod statistics;
mod summary;

use std::io::{self, Write};
use std::path::Path;

use clap::ValueEnum;

use super::report::Record;

pub use summary::fix_counts;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style snippets with the source line and a caret.
    Human,
    /// One `path:line:col: severity[code] message` line per finding.
    Concise,
    /// One JSON array of diagnostics.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
    /// One self-contained HTML page: notes with their claims marked, the
    /// evidence, the articles and a summary per rule.
    Html,
}

impl Format {
    /// Whether the format is read by programs, which want nothing on
    /// stdout but the document.
    pub fn is_machine(self) -> bool {
        matches!(
            self,
            Format::Json | Format::Sarif | Format::Github | Format::Html
        )
    }
}

/// How a report is written besides its records.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub color: bool,
    /// Findings only: no summary line.
    pub quiet: bool,
}

/// Looks up the analysed text of a file, for snippets: at least through the
/// given byte offset (an article's recorded head may be all it returns).
pub type SourceLookup<'a> = dyn Fn(&Path, usize) -> Option<&'a str> + 'a;

/// Render every format but `html`, which needs the analysis
/// (`html::Report`).
pub fn render(
    format: Format,
    records: &[Record],
    source: &SourceLookup<'_>,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => {
            human::render(records, source, style.color, out)?;
            summary::write_unless_quiet(records, style, out)
        }
        Format::Concise => {
            concise::render(records, style.color, out)?;
            summary::write_unless_quiet(records, style, out)
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, records)?;
            writeln!(out)
        }
        Format::Sarif => sarif::render(records, &super::report::display_base(), out),
        Format::Github => github::render(records, out),
        Format::Html => Err(io::Error::other(
            "the HTML report is rendered from the analysis",
        )),
    }
}

/// `--statistics`: one line per rule (a JSON array for `json`), then the
/// summary.
pub fn render_statistics(
    format: Format,
    records: &[Record],
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    statistics::render(format, records, out)?;
    if format != Format::Json {
        summary::write_unless_quiet(records, style, out)?;
    }
    Ok(())
}
