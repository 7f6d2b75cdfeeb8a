//! The one place where backstop's types meet the protocol's: positions in the
//! negotiated encoding, URIs, diagnostics and fixes.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{self as lsp, PositionEncodingKind, Uri};

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::text::{ColumnUnit, LineCol, LineIndex};

/// The position encoding agreed with the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no conversion needed), else the
    /// protocol's mandatory UTF-16.
    pub fn negotiate(capabilities: &lsp::ClientCapabilities) -> Encoding {
        let offered = capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref());
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    pub fn unit(self) -> ColumnUnit {
        match self {
            Encoding::Utf8 => ColumnUnit::Utf8,
            Encoding::Utf16 => ColumnUnit::Utf16,
        }
    }
}

/// A text with its line index, converting byte offsets to protocol positions
/// and back.
pub struct LineMap<'a> {
    pub text: &'a str,
    index: LineIndex,
    encoding: Encoding,
}

impl<'a> LineMap<'a> {
    pub fn new(text: &'a str, encoding: Encoding) -> Self {
        LineMap {
            text,
            index: LineIndex::new(text),
            encoding,
        }
    }

    pub fn position(&self, offset: usize) -> lsp::Position {
        let pos = self.index.position(self.text, offset, self.encoding.unit());
        lsp::Position::new(pos.line as u32, pos.col as u32)
    }

    pub fn range(&self, range: &std::ops::Range<usize>) -> lsp::Range {
        lsp::Range::new(self.position(range.start), self.position(range.end))
    }

    /// Byte offset of a position; positions past a line's end or the text's
    /// end are clamped, as the protocol asks.
    pub fn offset(&self, position: lsp::Position) -> usize {
        self.index.offset(
            self.text,
            LineCol {
                line: position.line as usize,
                col: position.character as usize,
            },
            self.encoding.unit(),
        )
    }

    pub fn byte_range_of(&self, range: lsp::Range) -> std::ops::Range<usize> {
        let start = self.offset(range.start);
        start..self.offset(range.end).max(start)
    }

    /// The position at the end of a line's content (before its terminator).
    pub fn line_range_end(&self, line: u32) -> lsp::Position {
        let range = self.index.line_range(self.text, line as usize);
        self.position(range.end)
    }

    pub fn line_count(&self) -> usize {
        self.index.line_count()
    }
}

pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

pub fn path_to_uri(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

pub fn severity(severity: Severity) -> lsp::DiagnosticSeverity {
    match severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

/// A fix as the client keeps it in `Diagnostic.data`, so a code action needs
/// no recomputation.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FixData {
    pub title: String,
    pub changes: Vec<(Uri, Vec<lsp::TextEdit>)>,
}

/// Texts of other files, to place related evidence and edits in them.
pub type TextLookup<'a> = dyn Fn(&Path) -> Option<std::sync::Arc<str>> + 'a;

fn location_in(
    path: &Path,
    range: &std::ops::Range<usize>,
    map: &LineMap<'_>,
    own_path: &Path,
    texts: &TextLookup<'_>,
    encoding: Encoding,
) -> Option<(Uri, lsp::Range)> {
    let uri = path_to_uri(path)?;
    if path == own_path {
        return Some((uri, map.range(range)));
    }
    let text = texts(path)?;
    Some((uri, LineMap::new(&text, encoding).range(range)))
}

pub fn fix_data(
    fix: &Fix,
    map: &LineMap<'_>,
    own_path: &Path,
    texts: &TextLookup<'_>,
    encoding: Encoding,
) -> Option<FixData> {
    let mut changes: Vec<(Uri, Vec<lsp::TextEdit>)> = Vec::new();
    for edit in &fix.edits {
        let (uri, range) = location_in(
            &edit.location.path,
            &edit.location.range,
            map,
            own_path,
            texts,
            encoding,
        )?;
        let text_edit = lsp::TextEdit::new(range, edit.new_text.clone());
        match changes.iter_mut().find(|(u, _)| *u == uri) {
            Some((_, edits)) => edits.push(text_edit),
            None => changes.push((uri, vec![text_edit])),
        }
    }
    Some(FixData {
        title: fix.title.clone(),
        changes,
    })
}

pub fn diagnostic(
    diagnostic: &Diagnostic,
    map: &LineMap<'_>,
    own_path: &Path,
    texts: &TextLookup<'_>,
    encoding: Encoding,
) -> lsp::Diagnostic {
    let related: Vec<lsp::DiagnosticRelatedInformation> = diagnostic
        .related
        .iter()
        .filter_map(|related| {
            let (uri, range) = location_in(
                &related.location.path,
                &related.location.range,
                map,
                own_path,
                texts,
                encoding,
            )?;
            Some(lsp::DiagnosticRelatedInformation {
                location: lsp::Location::new(uri, range),
                message: related.message.clone(),
            })
        })
        .collect();
    let data = diagnostic
        .fix
        .as_ref()
        .and_then(|fix| fix_data(fix, map, own_path, texts, encoding))
        .and_then(|fix| serde_json::to_value(fix).ok());
    lsp::Diagnostic {
        range: map.range(&diagnostic.location.range),
        severity: Some(severity(diagnostic.severity)),
        code: Some(lsp::NumberOrString::String(
            diagnostic.rule.code().to_string(),
        )),
        code_description: None,
        source: Some("backstop".to_string()),
        message: diagnostic.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data,
    }
}

pub fn workspace_edit(fix: &FixData) -> lsp::WorkspaceEdit {
    lsp::WorkspaceEdit {
        changes: Some(fix.changes.iter().cloned().collect()),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_positions_count_surrogate_pairs() {
        let text = "a😀b\nc";
        let map = LineMap::new(text, Encoding::Utf16);
        assert_eq!(map.position(5), lsp::Position::new(0, 3));
        assert_eq!(map.offset(lsp::Position::new(0, 3)), 5);
        let map = LineMap::new(text, Encoding::Utf8);
        assert_eq!(map.position(5), lsp::Position::new(0, 5));
        // Past the end of a line or of the text: clamped.
        assert_eq!(map.offset(lsp::Position::new(0, 99)), 6);
        assert_eq!(map.offset(lsp::Position::new(9, 0)), text.len());
    }
}
