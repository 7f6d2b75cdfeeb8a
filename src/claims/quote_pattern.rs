//! A note's quote as a pattern of words, and its exact occurrences in an
//! article's words: after normalisation, with `...`/`…` standing for
//! omitted words and `[insertions]` for the note's own.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::{Word, words};

/// A quote as a sequence of word runs separated by gaps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The quote's words, in order.
    pub words: Vec<String>,
    /// For each word: it follows an ellipsis or insertion, so any number of
    /// source words may come before it.
    pub gap_before: Vec<bool>,
    /// Index of the run (between gaps) each word belongs to.
    pub run_of: Vec<usize>,
    /// The quote contains `[…]` insertions: a replacement would lose them.
    pub has_insertion: bool,
    /// How the quote writes an omission, reused in fixes.
    pub ellipsis: Option<&'static str>,
}

static GAP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\.\s?\.\s?\.|…|\[[^\]]*\]").expect("valid regex"));

/// Most words a single `...` may stand for; further apart is not one quote.
const MAX_GAP_WORDS: usize = 120;

impl Pattern {
    pub fn parse(quote: &str) -> Pattern {
        let mut pattern = Pattern {
            words: Vec::new(),
            gap_before: Vec::new(),
            run_of: Vec::new(),
            has_insertion: false,
            ellipsis: None,
        };
        let mut gap = false;
        let mut run = 0;
        let mut last = 0;
        let push_words = |piece: &str, gap: &mut bool, run: &mut usize, pattern: &mut Pattern| {
            for word in words(piece) {
                pattern.words.push(word.text);
                pattern.gap_before.push(*gap && !pattern.run_of.is_empty());
                pattern.run_of.push(*run);
                *gap = false;
            }
        };
        for m in GAP.find_iter(quote) {
            push_words(&quote[last..m.start()], &mut gap, &mut run, &mut pattern);
            if m.as_str().starts_with('[') {
                pattern.has_insertion = true;
            } else if pattern.ellipsis.is_none() {
                pattern.ellipsis = Some(if m.as_str() == "…" { "…" } else { "..." });
            }
            gap = true;
            if !pattern.words.is_empty() {
                run += 1;
            }
            last = m.end();
        }
        push_words(&quote[last..], &mut gap, &mut run, &mut pattern);
        pattern
    }

    /// The words `range` of the quote as a pattern of their own.
    pub fn piece(&self, range: Range<usize>) -> Pattern {
        Pattern {
            words: self.words[range.clone()].to_vec(),
            gap_before: self.gap_before[range.clone()].to_vec(),
            run_of: self.run_of[range].to_vec(),
            has_insertion: self.has_insertion,
            ellipsis: self.ellipsis,
        }
    }

    /// The longest run of words without a gap.
    pub fn longest_run(&self) -> &[String] {
        let mut best = 0..0;
        let mut start = 0;
        for i in 0..=self.words.len() {
            if i == self.words.len() || (i > start && self.gap_before[i]) {
                if i - start > best.len() {
                    best = start..i;
                }
                start = i;
            }
        }
        &self.words[best]
    }
}

/// An exact occurrence: the source words each pattern word matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub positions: Vec<usize>,
}

impl Occurrence {
    pub fn span(&self) -> Range<usize> {
        match (self.positions.first(), self.positions.last()) {
            (Some(&a), Some(&b)) => a..b + 1,
            _ => 0..0,
        }
    }
}

fn same_word(a: &str, b: &str) -> bool {
    a == b
}

/// The first exact occurrence of `pattern` in `source`.
pub fn find_exact(pattern: &Pattern, source: &[Word]) -> Option<Occurrence> {
    let first = pattern.words.first()?;
    for start in 0..source.len() {
        if !same_word(&source[start].text, first) {
            continue;
        }
        let mut positions = vec![start];
        if extend(pattern, source, &mut positions) {
            return Some(Occurrence { positions });
        }
    }
    None
}

/// Extend a partial occurrence to the whole pattern; on failure
/// `positions` is left as it was. Words without a gap before them follow on
/// the next source word, in a loop: only a gap may try several places, so
/// the recursion is as deep as the quote has gaps, not words.
fn extend(pattern: &Pattern, source: &[Word], positions: &mut Vec<usize>) -> bool {
    let base = positions.len();
    while let Some(word) = pattern.words.get(positions.len())
        && !pattern.gap_before[positions.len()]
    {
        let next = positions[positions.len() - 1] + 1;
        if !source.get(next).is_some_and(|w| same_word(&w.text, word)) {
            positions.truncate(base);
            return false;
        }
        positions.push(next);
    }
    let i = positions.len();
    if i == pattern.words.len() {
        return true;
    }
    let previous = positions[i - 1];
    let limit = (previous + 1 + MAX_GAP_WORDS).min(source.len());
    for next in previous + 1..limit {
        if same_word(&source[next].text, &pattern.words[i]) {
            positions.push(next);
            if extend(pattern, source, positions) {
                return true;
            }
            positions.pop();
        }
    }
    positions.truncate(base);
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_with_gaps_and_insertions() {
        let s =
            words("I've met him twice ... I'm clear in my mind that he does want lasting peace.");
        let p = Pattern::parse("I'm clear in my mind that [Trump] does want lasting peace");
        assert!(p.has_insertion);
        assert!(find_exact(&p, &s).is_some());
        let p = Pattern::parse("I’ve met him twice… he does want lasting peace.");
        assert_eq!(p.ellipsis, Some("…"));
        assert_eq!(p.longest_run(), &["he", "does", "want", "lasting", "peace"]);
        assert!(find_exact(&p, &s).is_some());
        let p = Pattern::parse("he does not want lasting peace");
        assert!(find_exact(&p, &s).is_none());
    }

    #[test]
    fn a_quote_of_a_hundred_thousand_words_is_found_on_a_small_stack() {
        let text = "we will rebuild every school in the north ".repeat(12_500);
        let (s, p) = (words(&text), Pattern::parse(&text));
        // Word by word recursion would need far more than this stack.
        let found = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || find_exact(&p, &s).map(|o| o.span()))
            .unwrap()
            .join()
            .expect("no stack overflow");
        assert_eq!(found, Some(0..100_000));
    }
}
