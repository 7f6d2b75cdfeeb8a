//! Diagnostics as the command line reports them: paths relative to the
//! current folder (absolute for files outside it), `/`-separated, 1-based
//! lines and columns counted in Unicode scalars. This is the JSON contract;
//! every other format is rendered from it, with the same paths.

use std::path::Path;

use serde::Serialize;

use super::applicability::{Applicability, applicability};
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Location};
use crate::text::{ColumnUnit, LineIndex};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Span {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Record {
    #[serde(flatten)]
    pub span: Span,
    pub severity: &'static str,
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<RelatedRecord>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<FixRecord>,
    /// Byte range in the file, for renderers that show the source.
    #[serde(skip)]
    pub byte_range: std::ops::Range<usize>,
    #[serde(skip)]
    pub absolute_path: std::path::PathBuf,
}

#[cfg(test)]
impl Record {
    /// An error at `range` of the note `path`, starting at `line` and
    /// `column`.
    pub fn at(path: &str, line: usize, column: usize, range: std::ops::Range<usize>) -> Record {
        Record {
            span: Span {
                path: path.to_string(),
                line,
                column,
                end_line: line,
                end_column: column,
            },
            severity: "error",
            code: "number-mismatch",
            message: "the cited source never states it".to_string(),
            related: Vec::new(),
            fix: None,
            byte_range: range,
            absolute_path: path.into(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RelatedRecord {
    #[serde(flatten)]
    pub span: Span,
    pub message: String,
    #[serde(skip)]
    pub byte_range: std::ops::Range<usize>,
    #[serde(skip)]
    pub absolute_path: std::path::PathBuf,
}

#[derive(Debug, Clone, Serialize)]
pub struct FixRecord {
    pub message: String,
    /// `safe`: `--fix` applies it; `unsafe`: only with `--unsafe-fixes`.
    pub applicability: Applicability,
    pub edits: Vec<EditRecord>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EditRecord {
    #[serde(flatten)]
    pub span: Span,
    pub new_text: String,
    #[serde(skip)]
    pub byte_range: std::ops::Range<usize>,
}

/// Converts locations of one analysis, caching line indexes per file.
pub struct Locator<'a> {
    analysis: &'a Analysis,
    base: &'a Path,
    indexes: std::collections::HashMap<(std::path::PathBuf, usize), LineIndex>,
}

/// The folder report paths are relative to: the current folder.
pub fn display_base() -> std::path::PathBuf {
    std::env::current_dir()
        .and_then(|cwd| cwd.canonicalize())
        .unwrap_or_default()
}

/// `path` as reports show it: relative to `base` with `/` separators when
/// below it, else absolute.
pub fn display_path(path: &Path, base: &Path) -> String {
    match path.strip_prefix(base) {
        Ok(relative) if !relative.as_os_str().is_empty() => {
            relative.to_string_lossy().replace('\\', "/")
        }
        _ => path.to_string_lossy().into_owned(),
    }
}

/// A folder as reports show it: `.` for `base` itself, else as
/// `display_path`.
pub fn display_folder(path: &Path, base: &Path) -> String {
    if path == base {
        ".".to_string()
    } else {
        display_path(path, base)
    }
}

impl<'a> Locator<'a> {
    /// `base`: see `display_base`.
    pub fn new(analysis: &'a Analysis, base: &'a Path) -> Self {
        Locator {
            analysis,
            base,
            indexes: Default::default(),
        }
    }

    pub fn analysis(&self) -> &'a Analysis {
        self.analysis
    }

    pub fn base(&self) -> &'a Path {
        self.base
    }

    pub fn relative_path(&self, path: &Path) -> String {
        display_path(path, self.base)
    }

    pub fn span(&mut self, location: &Location) -> Span {
        let path = self.relative_path(&location.path);
        let Some(text) = self.analysis.excerpt(&location.path, location.range.end) else {
            return Span {
                path,
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 1,
            };
        };
        // Keyed by length too: an article's head, then its whole text.
        let index = self
            .indexes
            .entry((location.path.clone(), text.len()))
            .or_insert_with(|| LineIndex::new(text));
        let start = index.position(text, location.range.start, ColumnUnit::Char);
        let end = index.position(text, location.range.end, ColumnUnit::Char);
        Span {
            path,
            line: start.line + 1,
            column: start.col + 1,
            end_line: end.line + 1,
            end_column: end.col + 1,
        }
    }

    pub fn record(&mut self, diagnostic: &Diagnostic) -> Record {
        Record {
            span: self.span(&diagnostic.location),
            severity: diagnostic.severity.as_str(),
            code: diagnostic.rule.code(),
            message: diagnostic.message.clone(),
            related: diagnostic
                .related
                .iter()
                .map(|r| RelatedRecord {
                    span: self.span(&r.location),
                    message: r.message.clone(),
                    byte_range: r.location.range.clone(),
                    absolute_path: r.location.path.clone(),
                })
                .collect(),
            fix: diagnostic.fix.as_ref().map(|fix| FixRecord {
                message: fix.title.clone(),
                applicability: applicability(diagnostic, self.analysis),
                edits: fix
                    .edits
                    .iter()
                    .map(|e| EditRecord {
                        span: self.span(&e.location),
                        new_text: e.new_text.clone(),
                        byte_range: e.location.range.clone(),
                    })
                    .collect(),
            }),
            byte_range: diagnostic.location.range.clone(),
            absolute_path: diagnostic.location.path.clone(),
        }
    }
}
