//! An open editor buffer: a rope that takes incremental edits in the
//! negotiated position encoding.

use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::ls_types as lsp;

use super::convert::Encoding;

#[derive(Debug, Clone)]
pub struct Document {
    rope: Rope,
    pub version: i32,
    /// The current text, shared with snapshots; refreshed after each edit.
    text: Arc<str>,
}

impl Document {
    pub fn new(text: &str, version: i32) -> Self {
        Document {
            rope: Rope::from_str(text),
            version,
            text: Arc::from(text),
        }
    }

    pub fn text(&self) -> Arc<str> {
        self.text.clone()
    }

    /// Apply the changes of one `didChange`, in order.
    pub fn apply(
        &mut self,
        changes: Vec<lsp::TextDocumentContentChangeEvent>,
        version: i32,
        encoding: Encoding,
    ) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let start = char_index(&self.rope, range.start, encoding);
                    let end = char_index(&self.rope, range.end, encoding).max(start);
                    self.rope.remove(start..end);
                    self.rope.insert(start, &change.text);
                }
                None => self.rope = Rope::from_str(&change.text),
            }
        }
        self.version = version;
        self.text = Arc::from(self.rope.to_string());
    }
}

/// The char index of a protocol position, clamped to its line (a column past
/// the end, or inside a surrogate pair, lands on a character boundary).
pub fn char_index(rope: &Rope, position: lsp::Position, encoding: Encoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let line_start = rope.line_to_char(line);
    let line_slice = rope.line(line);
    // The line's content without its terminator.
    let mut line_chars = line_slice.len_chars();
    while line_chars > 0 {
        let c = line_slice.char(line_chars - 1);
        if c == '\n' || c == '\r' {
            line_chars -= 1;
        } else {
            break;
        }
    }
    let column = position.character as usize;
    let mut counted = 0;
    for (i, c) in line_slice.chars().take(line_chars).enumerate() {
        let width = match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
        if counted + width > column {
            return line_start + i;
        }
        counted += width;
    }
    line_start + line_chars
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::convert::LineMap;
    use proptest::prelude::*;

    fn change(range: lsp::Range, text: &str) -> lsp::TextDocumentContentChangeEvent {
        lsp::TextDocumentContentChangeEvent {
            range: Some(range),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn incremental_edit_after_an_emoji() {
        let mut doc = Document::new("a😀b\nline two\n", 1);
        let range = lsp::Range::new(lsp::Position::new(0, 3), lsp::Position::new(0, 4));
        doc.apply(vec![change(range, "B")], 2, Encoding::Utf16);
        assert_eq!(&*doc.text(), "a😀B\nline two\n");
        let range = lsp::Range::new(lsp::Position::new(1, 0), lsp::Position::new(1, 4));
        doc.apply(vec![change(range, "LINE")], 3, Encoding::Utf8);
        assert_eq!(&*doc.text(), "a😀B\nLINE two\n");
        assert_eq!(doc.version, 3);
    }

    proptest! {
        /// The rope applies an edit exactly as the same edit applied to a
        /// string through `LineMap`, in both encodings, for any text.
        #[test]
        fn rope_edits_agree_with_string_edits(
            text in "([aé😀\r ]{0,6}\n?){0,5}",
            a in (0u32..7, 0u32..9),
            b in (0u32..7, 0u32..9),
            insert in "[xé😀\n]{0,3}",
            utf8 in any::<bool>(),
        ) {
            let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
            let (start, end) = if a <= b { (a, b) } else { (b, a) };
            let range = lsp::Range::new(lsp::Position::new(start.0, start.1), lsp::Position::new(end.0, end.1));
            let map = LineMap::new(&text, encoding);
            let bytes = map.byte_range_of(range);
            let mut expected = text.clone();
            expected.replace_range(bytes, &insert);
            let mut doc = Document::new(&text, 0);
            doc.apply(vec![change(range, &insert)], 1, encoding);
            prop_assert_eq!(&*doc.text(), expected.as_str());
        }
    }
}
