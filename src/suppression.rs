//! Suppression comments in notes and articles.
//!
//! - `<!-- backstop-ignore CODE[, CODE] -->` at the end of a line silences
//!   those codes on that line; alone on a line, on the next line.
//! - `<!-- backstop-disable CODE[, CODE] -->` silences them from its line
//!   until a `<!-- backstop-enable CODE[, CODE] -->` that names them (or
//!   `all`), or to the end of the file.
//!
//! `all` stands for every code.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::LineIndex;

/// The prefix every suppression comment holds: a text without it has none.
pub const MARKER: &str = "backstop-";

const CODES: &str = r"([A-Za-z0-9_\-]+(?:\s*,\s*[A-Za-z0-9_\-]+)*)";

static IGNORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"<!--\s*backstop-ignore\s+{CODES}\s*-->\s*$")).expect("valid regex")
});

static BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"<!--\s*backstop-(disable|enable)\s+{CODES}\s*-->"
    ))
    .expect("valid regex")
});

/// Which codes are silenced on which 0-based line.
#[derive(Debug, Default)]
pub struct Suppressions {
    by_line: HashMap<usize, Vec<String>>,
    /// Codes silenced over a range of lines: code, first line, and the line
    /// of the comment that ends it (`None`: the end of the file).
    blocks: Vec<(String, usize, Option<usize>)>,
}

impl Suppressions {
    pub fn parse(text: &str, index: &LineIndex) -> Suppressions {
        let mut suppressions = Suppressions::default();
        if !text.contains(MARKER) {
            return suppressions;
        }
        for line in 0..index.line_count() {
            let range = index.line_range(text, line);
            let content = &text[range];
            if !content.contains(MARKER) {
                continue;
            }
            if let Some(caps) = IGNORE.captures(content) {
                let whole = caps.get(0).map_or(0, |m| m.start());
                let target = if content[..whole].trim().is_empty() {
                    line + 1
                } else {
                    line
                };
                let codes = caps[1].split(',').map(|c| c.trim().to_string());
                suppressions
                    .by_line
                    .entry(target)
                    .or_default()
                    .extend(codes);
            }
            for caps in BLOCK.captures_iter(content) {
                let codes = caps[2].split(',').map(str::trim);
                if &caps[1] == "disable" {
                    for code in codes {
                        suppressions.blocks.push((code.to_string(), line, None));
                    }
                } else {
                    suppressions.enable(codes, line);
                }
            }
        }
        suppressions
    }

    /// Close the open blocks of `codes` at `line`.
    fn enable<'c>(&mut self, codes: impl Iterator<Item = &'c str>, line: usize) {
        for code in codes {
            for (blocked, _, end) in &mut self.blocks {
                if end.is_none() && (blocked == code || code == "all") {
                    *end = Some(line);
                }
            }
        }
    }

    pub fn is_suppressed(&self, line: usize, code: &str) -> bool {
        let named = |c: &str| c == code || c == "all";
        self.by_line
            .get(&line)
            .is_some_and(|codes| codes.iter().any(|c| named(c)))
            || self.blocks.iter().any(|(blocked, start, end)| {
                named(blocked) && line >= *start && end.is_none_or(|end| line <= end)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Suppressions {
        Suppressions::parse(text, &LineIndex::new(text))
    }

    #[test]
    fn end_of_line_and_next_line() {
        let text = "a \"x y z\" <!-- backstop-ignore misquote, number-mismatch -->\n<!-- backstop-ignore date-mismatch -->\nb\n";
        let s = parse(text);
        assert!(s.is_suppressed(0, "misquote"));
        assert!(s.is_suppressed(0, "number-mismatch"));
        assert!(!s.is_suppressed(0, "date-mismatch"));
        assert!(s.is_suppressed(2, "date-mismatch"));
        assert!(!s.is_suppressed(1, "date-mismatch"));
    }

    #[test]
    fn blocks_run_from_disable_to_enable() {
        let text = "a\n<!-- backstop-disable misquote, boilerplate -->\nb\nc\n\
                    <!-- backstop-enable misquote -->\nd\n<!-- backstop-disable all -->\ne\n";
        let s = parse(text);
        assert!(!s.is_suppressed(0, "misquote"));
        assert!(s.is_suppressed(2, "misquote"));
        assert!(s.is_suppressed(3, "misquote"));
        assert!(!s.is_suppressed(5, "misquote"));
        // Never enabled again: to the end of the file.
        assert!(s.is_suppressed(5, "boilerplate"));
        assert!(!s.is_suppressed(5, "number-mismatch"));
        assert!(s.is_suppressed(7, "number-mismatch"));
    }

    #[test]
    fn enable_all_closes_every_block() {
        let text = "<!-- backstop-disable misquote -->\na\n<!-- backstop-enable all -->\nb\n";
        let s = parse(text);
        assert!(s.is_suppressed(1, "misquote"));
        assert!(!s.is_suppressed(3, "misquote"));
    }
}
