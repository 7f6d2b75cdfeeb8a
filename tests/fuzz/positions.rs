//! Offsets and positions (UTF-8, UTF-16 and character columns), and the
//! normalised text that maps words back to their source.

use backstop::text::{ColumnUnit, LineCol, LineIndex, normalize, words};
use proptest::prelude::*;

use crate::hostile_text::{offsets, text};
use crate::{cases, in_text};

const UNITS: [ColumnUnit; 3] = [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Char];

proptest! {
    #![proptest_config(cases(300, "tests/hostile/proptest/positions.txt"))]

    /// An offset on a character boundary goes to a position and back to
    /// itself (an offset inside a line break comes back as the line's end).
    #[test]
    fn offsets_round_trip_through_positions(text in text("note", 30), picks in offsets()) {
        let index = LineIndex::new(&text);
        for pick in picks {
            let mut offset = pick % (text.len() + 1);
            while !text.is_char_boundary(offset) {
                offset -= 1;
            }
            for unit in UNITS {
                let position = index.position(&text, offset, unit);
                prop_assert!(position.line < index.line_count());
                let back = index.offset(&text, position, unit);
                let line = index.line_range(&text, position.line);
                prop_assert_eq!(back, offset.min(line.end), "{:?} {:?}", unit, position);
            }
        }
    }

    /// Any position an editor may send, however far out, lands on a
    /// character boundary inside the text.
    #[test]
    fn any_position_lands_on_a_boundary(text in text("note", 30), line in 0usize..40, col in 0usize..5000) {
        let index = LineIndex::new(&text);
        for unit in UNITS {
            let offset = index.offset(&text, LineCol { line, col }, unit);
            in_text(&text, &(offset..offset), "offset")?;
        }
        for line in 0..index.line_count() {
            in_text(&text, &index.line_range(&text, line), "line")?;
        }
    }

    /// Normalised words map back into the text, and normalising twice
    /// changes nothing more.
    #[test]
    fn words_map_back_to_the_text(text in text("note", 30), cuts in offsets()) {
        for word in words(&text) {
            in_text(&text, &word.range, "word")?;
        }
        let normalized = normalize(&text);
        prop_assert_eq!(&normalize(&normalized.text).text, &normalized.text);
        for pair in cuts.chunks(2) {
            let (a, b) = (pair[0] % (normalized.text.len() + 2), pair.get(1).map_or(0, |b| b % (normalized.text.len() + 2)));
            in_text(&text, &normalized.source_range(a.min(b)..a.max(b)), "source range")?;
        }
    }
}
