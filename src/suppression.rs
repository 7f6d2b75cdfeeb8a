//! `<!-- backstop-ignore CODE[, CODE] -->`: at the end of a line it silences
//! those codes on that line; alone on a line, on the next line.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::LineIndex;

/// The word every suppression comment holds: a text without it has none.
pub const MARKER: &str = "backstop-ignore";

static IGNORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*backstop-ignore\s+([A-Za-z0-9_\-]+(?:\s*,\s*[A-Za-z0-9_\-]+)*)\s*-->\s*$")
        .expect("valid regex")
});

/// Which codes are silenced on which 0-based line.
#[derive(Debug, Default)]
pub struct Suppressions {
    by_line: HashMap<usize, Vec<String>>,
}

impl Suppressions {
    pub fn parse(text: &str, index: &LineIndex) -> Suppressions {
        let mut by_line: HashMap<usize, Vec<String>> = HashMap::new();
        if !text.contains(MARKER) {
            return Suppressions { by_line };
        }
        for line in 0..index.line_count() {
            let range = index.line_range(text, line);
            let content = &text[range];
            let Some(caps) = IGNORE.captures(content) else {
                continue;
            };
            let whole = caps.get(0).map_or(0, |m| m.start());
            let target = if content[..whole].trim().is_empty() {
                line + 1
            } else {
                line
            };
            let codes = caps[1].split(',').map(|c| c.trim().to_string());
            by_line.entry(target).or_default().extend(codes);
        }
        Suppressions { by_line }
    }

    pub fn is_suppressed(&self, line: usize, code: &str) -> bool {
        self.by_line
            .get(&line)
            .is_some_and(|codes| codes.iter().any(|c| c == code || c == "all"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_of_line_and_next_line() {
        let text = "a \"x y z\" <!-- backstop-ignore misquote, number-mismatch -->\n<!-- backstop-ignore date-mismatch -->\nb\n";
        let s = Suppressions::parse(text, &LineIndex::new(text));
        assert!(s.is_suppressed(0, "misquote"));
        assert!(s.is_suppressed(0, "number-mismatch"));
        assert!(!s.is_suppressed(0, "date-mismatch"));
        assert!(s.is_suppressed(2, "date-mismatch"));
        assert!(!s.is_suppressed(1, "date-mismatch"));
    }
}
