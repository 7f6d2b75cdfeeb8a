//! Byte offsets are the currency inside backstop; line/column forms exist only
//! at the edges (terminal output is 1-based Unicode scalars, LSP is UTF-16 or
//! UTF-8 code units), so every conversion lives here.

/// The start offset of every line of a text, for offset ↔ position conversion.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// Every `CHECKPOINT_BYTES` or so of a long line, how many characters
    /// and UTF-16 units precede that point in its line: a column is counted
    /// from the nearest one, not from the line's start, so a single-line
    /// note of a megabyte costs no more per position than a short line.
    checkpoints: Vec<Checkpoint>,
    len: usize,
}

/// Stride between checkpoints, in bytes.
const CHECKPOINT_BYTES: usize = 1024;

#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    offset: usize,
    chars: usize,
    utf16: usize,
}

/// How a column is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnUnit {
    Utf8,
    Utf16,
    /// Unicode scalar values, as the command line reports them.
    Char,
}

/// A 0-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        // Line breaks are `\n`, `\r\n` and a lone `\r`, as the LSP
        // specification and editors count them.
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            let lone_cr = b == b'\r' && bytes.get(i + 1) != Some(&b'\n');
            if b == b'\n' || lone_cr {
                line_starts.push(i + 1);
            }
        }
        let checkpoints = checkpoints(text, &line_starts);
        Self {
            line_starts,
            checkpoints,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line holding `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).copied().unwrap_or(self.len)
    }

    /// The byte range of a line without its line terminator (`\n` or `\r\n`).
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.line_start(line);
        let mut end = self.line_start(line + 1);
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end.max(start)
    }

    /// Position of a byte offset. An offset inside a multi-byte character is
    /// moved back to that character's start.
    pub fn position(&self, text: &str, offset: usize, unit: ColumnUnit) -> LineCol {
        let offset = text.floor_char_boundary(offset);
        let line = self.line_of(offset);
        let line_start = self.line_start(line);
        if unit == ColumnUnit::Utf8 {
            return LineCol {
                line,
                col: offset - line_start,
            };
        }
        // The nearest checkpoint of this line at or before `offset`.
        let from = self.checkpoints[..self.checkpoints.partition_point(|c| c.offset <= offset)]
            .last()
            .filter(|c| c.offset >= line_start)
            .copied()
            .unwrap_or(Checkpoint {
                offset: line_start,
                chars: 0,
                utf16: 0,
            });
        let prefix = &text[from.offset..offset];
        let col = match unit {
            ColumnUnit::Utf16 => from.utf16 + prefix.encode_utf16().count(),
            _ => from.chars + prefix.chars().count(),
        };
        LineCol { line, col }
    }

    /// Byte offset of a position. A line past the end maps to the end of the
    /// text; a column past the end of its line maps to the end of that line;
    /// a UTF-16 column inside a surrogate pair maps to the character's start.
    pub fn offset(&self, text: &str, pos: LineCol, unit: ColumnUnit) -> usize {
        if pos.line >= self.line_count() {
            return text.len();
        }
        let range = self.line_range(text, pos.line);
        let line = &text[range.clone()];
        let mut counted = 0;
        for (i, ch) in line.char_indices() {
            if counted >= pos.col {
                return range.start + i;
            }
            let width = match unit {
                ColumnUnit::Utf8 => ch.len_utf8(),
                ColumnUnit::Utf16 => ch.len_utf16(),
                ColumnUnit::Char => 1,
            };
            if counted + width > pos.col {
                return range.start + i;
            }
            counted += width;
        }
        range.end
    }
}

/// Checkpoints every `CHECKPOINT_BYTES` of each line longer than that.
fn checkpoints(text: &str, line_starts: &[usize]) -> Vec<Checkpoint> {
    let mut found = Vec::new();
    for (line, &start) in line_starts.iter().enumerate() {
        let end = line_starts.get(line + 1).copied().unwrap_or(text.len());
        let mut point = Checkpoint {
            offset: start,
            chars: 0,
            utf16: 0,
        };
        while end - point.offset > CHECKPOINT_BYTES {
            let mut next = point.offset + CHECKPOINT_BYTES;
            while !text.is_char_boundary(next) {
                next += 1;
            }
            let piece = &text[point.offset..next];
            point = Checkpoint {
                offset: next,
                chars: point.chars + piece.chars().count(),
                utf16: point.utf16 + piece.encode_utf16().count(),
            };
            found.push(point);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn crlf_lines_exclude_the_carriage_return() {
        let text = "ab\r\ncd\r\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_range(text, 0), 0..2);
        assert_eq!(index.line_range(text, 1), 4..6);
        assert_eq!(
            index.position(text, 5, ColumnUnit::Char),
            LineCol { line: 1, col: 1 }
        );
    }

    #[test]
    fn surrogate_pairs_count_two_utf16_units() {
        let text = "a😀b";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 5, ColumnUnit::Utf16).col, 3);
        assert_eq!(index.position(text, 5, ColumnUnit::Char).col, 2);
        // A column in the middle of the pair lands on the emoji's start.
        assert_eq!(
            index.offset(text, LineCol { line: 0, col: 2 }, ColumnUnit::Utf16),
            1
        );
    }

    #[test]
    fn columns_on_long_lines_count_every_character_before_them() {
        let line: String = (0..3000).map(|i| ["a", "é", "😀", " "][i % 4]).collect();
        let text = format!("short\n{line}\r\n{line}");
        let index = LineIndex::new(&text);
        for (offset, _) in text.char_indices().step_by(37) {
            let line = index.line_of(offset);
            let prefix = &text[index.line_start(line)..offset];
            assert_eq!(
                index.position(&text, offset, ColumnUnit::Char),
                LineCol {
                    line,
                    col: prefix.chars().count()
                }
            );
            assert_eq!(
                index.position(&text, offset, ColumnUnit::Utf16).col,
                prefix.encode_utf16().count()
            );
        }
    }

    #[test]
    fn positions_on_one_long_line_cost_no_more_than_on_short_lines() {
        // 40,000 positions spread over a line of four megabytes: counted
        // from the line's start each would read two megabytes on average.
        let text = "word ".repeat(800_000);
        let index = LineIndex::new(&text);
        let started = std::time::Instant::now();
        let mut total = 0;
        for k in 0..40_000 {
            total += index.position(&text, k * 100, ColumnUnit::Utf16).col;
        }
        assert_eq!(total, (0..40_000).map(|k| k * 100).sum::<usize>());
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
    }

    proptest! {
        #[test]
        fn offsets_round_trip_through_positions(
            text in "([a-zé😀\u{FEFF}\r ]{0,8}\n?){0,6}",
            pick in 0usize..200,
        ) {
            let index = LineIndex::new(&text);
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(text.len()))
                .filter(|&i| {
                    // A position never points between `\r` and `\n`.
                    !(i > 0 && text.as_bytes()[i - 1] == b'\r' && text.as_bytes().get(i) == Some(&b'\n'))
                })
                .collect();
            let offset = boundaries[pick % boundaries.len()];
            for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Char] {
                let pos = index.position(&text, offset, unit);
                let back = index.offset(&text, pos, unit);
                let range = index.line_range(&text, pos.line);
                // Offsets inside a line terminator clamp to the line's end.
                let expected = offset.min(range.end);
                prop_assert_eq!(back, expected, "unit {:?} pos {:?}", unit, pos);
            }
        }

        #[test]
        fn arbitrary_positions_never_panic(text in "\\PC{0,40}", line in 0usize..10, col in 0usize..50) {
            let index = LineIndex::new(&text);
            for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Char] {
                let offset = index.offset(&text, LineCol { line, col }, unit);
                prop_assert!(text.is_char_boundary(offset));
            }
        }
    }
}
