//! Plain text assembled from pieces of a Markdown source, with the way back.
//! Markup (emphasis markers, link targets, code spans) is left out of the
//! text, yet every offset in it still maps to the exact source bytes.

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    text: Range<usize>,
    source: Range<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MappedText {
    pub text: String,
    pieces: Vec<Piece>,
}

impl MappedText {
    /// Append `text` that stands for `source`. When both have the same length
    /// the mapping is byte for byte; otherwise (an escape, an entity, a
    /// placeholder) the whole piece maps to the whole source range.
    pub fn push(&mut self, text: &str, source: Range<usize>) {
        let start = self.text.len();
        self.text.push_str(text);
        let piece = Piece {
            text: start..self.text.len(),
            source,
        };
        // Adjacent verbatim pieces merge, so long runs cost one entry.
        if let Some(last) = self.pieces.last_mut() {
            let verbatim = |p: &Piece| p.text.len() == p.source.len();
            if verbatim(last)
                && verbatim(&piece)
                && last.text.end == piece.text.start
                && last.source.end == piece.source.start
            {
                last.text.end = piece.text.end;
                last.source.end = piece.source.end;
                return;
            }
        }
        self.pieces.push(piece);
    }

    fn piece_at(&self, offset: usize) -> Option<&Piece> {
        let index = self.pieces.partition_point(|p| p.text.end <= offset);
        self.pieces.get(index).or(self.pieces.last())
    }

    /// The source offset of a text offset, rounded down within coarse pieces.
    fn source_start(&self, offset: usize) -> usize {
        let Some(piece) = self.piece_at(offset) else {
            return 0;
        };
        if offset >= piece.text.end {
            return piece.source.end;
        }
        if piece.text.len() == piece.source.len() {
            piece.source.start + offset.saturating_sub(piece.text.start)
        } else {
            piece.source.start
        }
    }

    fn source_end(&self, offset: usize) -> usize {
        if offset == 0 {
            return self.source_start(0);
        }
        let Some(piece) = self.piece_at(offset - 1) else {
            return 0;
        };
        if piece.text.len() == piece.source.len() {
            piece.source.start + (offset - piece.text.start).min(piece.text.len())
        } else {
            piece.source.end
        }
    }

    /// Whether `range` of the text is written byte for byte in one run of
    /// the source, no markup or escape inside it: only then does an edit of
    /// its source range change exactly those words.
    pub fn is_verbatim(&self, range: Range<usize>) -> bool {
        let Some(piece) = self.piece_at(range.start) else {
            return false;
        };
        piece.text.len() == piece.source.len()
            && piece.text.start <= range.start
            && range.end <= piece.text.end
    }

    /// The source range of a range of the text.
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.source_start(range.start);
        if range.end <= range.start {
            return start..start;
        }
        let end = self.source_end(range.end);
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_verbatim_and_coarse_pieces() {
        // Source: `a *b* &amp; c`
        let mut m = MappedText::default();
        m.push("a ", 0..2);
        m.push("b", 3..4);
        m.push(" ", 5..6);
        m.push("&", 6..11);
        m.push(" c", 11..13);
        assert_eq!(m.text, "a b & c");
        assert_eq!(m.source_range(0..3), 0..4);
        assert_eq!(m.source_range(4..5), 6..11);
        assert_eq!(m.source_range(2..7), 3..13);
        assert_eq!(m.source_range(7..7), 13..13);
        assert_eq!(MappedText::default().source_range(0..4), 0..0);
        assert!(m.is_verbatim(0..2));
        assert!(!m.is_verbatim(0..3), "the text runs over the `*` left out");
        assert!(!m.is_verbatim(4..5), "an entity is not its text");
        assert!(m.is_verbatim(5..7));
    }
}
