//! The one place where backstop's types meet the protocol's. Here: positions
//! in the negotiated encoding and URIs; `diagnostics` converts diagnostics and
//! fixes, `answers` the engine's answers to requests (hovers, outlines,
//! symbols, hints, completions, locations).

mod answers;
mod diagnostics;

pub use answers::*;
pub use diagnostics::*;

use std::path::{Path, PathBuf};

use tower_lsp_server::ls_types::{self as lsp, PositionEncodingKind, Uri};

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
    pub encoding: Encoding,
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
        position_in(self.text, &self.index, offset, self.encoding)
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

    pub fn line_count(&self) -> usize {
        self.index.line_count()
    }
}

/// The position of a byte offset of `text`, whose line index is `index`.
fn position_in(text: &str, index: &LineIndex, offset: usize, encoding: Encoding) -> lsp::Position {
    let pos = index.position(text, offset, encoding.unit());
    lsp::Position::new(pos.line as u32, pos.col as u32)
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

/// The path of a document URI, its folder resolved through symbolic links
/// so that it matches the (canonical) workspace roots; `None` for
/// `untitled:` and other schemes.
pub fn document_path(uri: &Uri) -> Option<PathBuf> {
    let path = uri_to_path(uri)?;
    Some(
        match (
            path.parent().and_then(|p| p.canonicalize().ok()),
            path.file_name(),
        ) {
            (Some(parent), Some(name)) => parent.join(name),
            _ => path,
        },
    )
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
