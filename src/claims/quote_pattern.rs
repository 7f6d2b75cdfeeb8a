//! A note's quote as a pattern of words, and its exact occurrences in an
//! article's words: after normalisation, with `...`/`…` standing for
//! omitted words and `[insertions]` for the note's own.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::{Words, words};

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

/// The first exact occurrence of `pattern` in `source`: the earliest start,
/// and after each gap the earliest place from which the rest can follow.
///
/// A depth-first search over the runs between gaps, with its stack in a
/// vector (a quote may have thousands of gaps). Whether the rest of the
/// quote can follow a run placed at a source word depends on nothing else,
/// so each run is tried at each place once: the places that failed are
/// marked, which keeps a quote of many gaps from trying the same tails
/// again after every earlier choice.
pub fn find_exact(pattern: &Pattern, source: Words<'_>) -> Option<Occurrence> {
    let runs = Runs::of(pattern, source);
    // A run held nowhere would be found out only after every place of
    // the runs before it: ask each different run once, first.
    let mut held: HashMap<&[String], bool> = HashMap::new();
    for run in 0..runs.words.len() {
        let holds = *held
            .entry(runs.words[run])
            .or_insert_with(|| (runs.places(run).iter()).any(|&at| runs.holds_at(run, at)));
        if !holds {
            return None;
        }
    }
    // For each run, by index into its places: the rest cannot follow it there.
    let mut failed: Vec<Vec<bool>> = vec![Vec::new(); runs.words.len()];
    let mut stack: Vec<Placed> = Vec::new();
    for (index, &start) in runs.places(0).iter().enumerate() {
        if !runs.holds_at(0, start) {
            continue;
        }
        stack.push(runs.place(0, index, start));
        while let Some(top) = stack.last_mut() {
            let next = top.run + 1;
            if next == runs.words.len() {
                let positions = stack
                    .iter()
                    .flat_map(|placed| placed.at..=placed.last)
                    .collect();
                return Some(Occurrence { positions });
            }
            let reach = top.last + MAX_GAP_WORDS;
            let index = top.cursor;
            let Some(&at) = runs.places(next).get(index).filter(|&&at| at <= reach) else {
                let (run, place) = (top.run, top.index);
                mark(&mut failed[run], runs.places(run).len(), place);
                stack.pop();
                continue;
            };
            top.cursor += 1;
            if failed[next].get(index).copied().unwrap_or(false) {
                continue;
            }
            if !runs.holds_at(next, at) {
                mark(&mut failed[next], runs.places(next).len(), index);
                continue;
            }
            stack.push(runs.place(next, index, at));
        }
    }
    None
}

/// Sets `marks[index]`, the marks of `len` places made on first use.
fn mark(marks: &mut Vec<bool>, len: usize, index: usize) {
    if marks.is_empty() {
        marks.resize(len, false);
    }
    marks[index] = true;
}

/// Run `run` of the quote placed at source word `at`, and how far the
/// search has tried places for the next run.
struct Placed {
    run: usize,
    /// Index of `at` in the run's places.
    index: usize,
    at: usize,
    /// The source word the run ends on.
    last: usize,
    /// Index in the next run's places of the next one to try.
    cursor: usize,
}

/// A quote's runs of words between gaps, and where in the source the word
/// opening each run occurs.
struct Runs<'a> {
    /// The words of each run.
    words: Vec<&'a [String]>,
    /// The source words of each run's first word, in order.
    places: HashMap<&'a str, Vec<usize>>,
    source: Words<'a>,
}

impl<'a> Runs<'a> {
    fn of(pattern: &'a Pattern, source: Words<'a>) -> Runs<'a> {
        let mut words = Vec::new();
        let mut start = 0;
        for i in 1..=pattern.words.len() {
            if i == pattern.words.len() || pattern.gap_before[i] {
                words.push(&pattern.words[start..i]);
                start = i;
            }
        }
        let mut places: HashMap<&str, Vec<usize>> = words
            .iter()
            .map(|run: &&[String]| (run[0].as_str(), Vec::new()))
            .collect();
        for (i, word) in source.texts().enumerate() {
            if let Some(found) = places.get_mut(word) {
                found.push(i);
            }
        }
        Runs {
            words,
            places,
            source,
        }
    }

    /// The places of the word opening run `run`; none past the last run.
    fn places(&self, run: usize) -> &[usize] {
        self.words
            .get(run)
            .and_then(|words| self.places.get(words[0].as_str()))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether the source words from `at` on are run `run`'s.
    fn holds_at(&self, run: usize, at: usize) -> bool {
        let words = self.words[run];
        at + words.len() <= self.source.len()
            && (words.iter().enumerate())
                .all(|(k, expected)| same_word(self.source.text(at + k), expected))
    }

    /// Run `run` placed at `at`, the next run to be tried from the first
    /// place after it.
    fn place(&self, run: usize, index: usize, at: usize) -> Placed {
        let last = at + self.words[run].len() - 1;
        Placed {
            run,
            index,
            at,
            last,
            cursor: self.places(run + 1).partition_point(|&p| p <= last),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::text::word_list::leaked;

    /// The search by plain backtracking, without remembering failures:
    /// exponential in the gaps at worst, but plainly right.
    fn find_by_backtracking(pattern: &Pattern, source: Words<'_>) -> Option<Vec<usize>> {
        fn extend(pattern: &Pattern, source: Words<'_>, positions: &mut Vec<usize>) -> bool {
            let i = positions.len();
            if i == pattern.words.len() {
                return true;
            }
            let previous = positions[i - 1];
            let limit = if pattern.gap_before[i] {
                previous + 1 + MAX_GAP_WORDS
            } else {
                previous + 2
            };
            for next in previous + 1..limit.min(source.len()) {
                if source.text(next) == pattern.words[i] {
                    positions.push(next);
                    if extend(pattern, source, positions) {
                        return true;
                    }
                    positions.pop();
                }
            }
            false
        }
        let first = pattern.words.first()?;
        (0..source.len()).find_map(|start| {
            let mut positions = vec![start];
            (source.text(start) == *first && extend(pattern, source, &mut positions))
                .then_some(positions)
        })
    }

    proptest! {
        #[test]
        fn finds_what_backtracking_finds(
            source in proptest::collection::vec(0..3usize, 0..40),
            quote in proptest::collection::vec((0..3usize, 0..4usize), 1..8),
        ) {
            let names = ["peace", "talks", "now"];
            let source: Vec<&str> = source.into_iter().map(|w| names[w]).collect();
            let quote: Vec<String> = quote
                .into_iter()
                .map(|(w, gap)| format!("{}{}", ["", "... ", "… ", "[sic] "][gap], names[w]))
                .collect();
            let (source, pattern) = (leaked(&source.join(" ")), Pattern::parse(&quote.join(" ")));
            prop_assert_eq!(
                find_exact(&pattern, source).map(|o| o.positions),
                find_by_backtracking(&pattern, source)
            );
        }
    }

    #[test]
    fn a_gap_stands_for_at_most_its_limit_of_words() {
        for skipped in [MAX_GAP_WORDS - 1, MAX_GAP_WORDS] {
            let text = format!("peace {}talks", "now ".repeat(skipped));
            let found = find_exact(&Pattern::parse("peace ... talks"), leaked(&text));
            assert_eq!(found.is_some(), skipped < MAX_GAP_WORDS, "{skipped}");
        }
    }

    /// An article of `sentences` sentences of common words.
    fn article(sentences: usize) -> Words<'static> {
        let vocabulary = [
            "the", "council", "said", "budget", "would", "grow", "and", "the", "minister", "said",
            "the", "plan", "was", "late",
        ];
        let mut state: u64 = 7;
        let text: Vec<&str> = (0..sentences * 15)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                vocabulary[(state >> 33) as usize % vocabulary.len()]
            })
            .collect();
        leaked(&text.join(" "))
    }

    #[test]
    fn a_quote_of_five_thousand_gaps_is_found_or_not_at_once() {
        // Without remembering the places that failed, each gap multiplies
        // the places tried: the searches for the quotes changed at the end
        // would not end.
        let source = article(4_000);
        let mut quote = vec!["the"; 5_000].join(" ... ");
        assert!(find_exact(&Pattern::parse(&quote), source).is_some());
        quote.push_str(" ... zeppelin");
        assert!(find_exact(&Pattern::parse(&quote), source).is_none());
        // Every run's first word occurs; the last run nowhere.
        let quote = vec!["the"; 5_000].join(" ... ") + " ... the zeppelin";
        assert!(find_exact(&Pattern::parse(&quote), source).is_none());
        let mut pieces: Vec<String> = (0..5_000)
            .map(|i| {
                let at = i * 11;
                let piece: Vec<&str> = source.slice(at..at + 3).texts().collect();
                piece.join(" ")
            })
            .collect();
        let found = find_exact(&Pattern::parse(&pieces.join(" … ")), source).unwrap();
        assert_eq!(found.positions.len(), 15_000);
        pieces[4_990] = "the plan grow".to_string();
        assert!(find_exact(&Pattern::parse(&pieces.join(" … ")), source).is_none());
    }

    #[test]
    fn exact_with_gaps_and_insertions() {
        let s =
            leaked("I've met him twice ... I'm clear in my mind that he does want lasting peace.");
        let p = Pattern::parse("I'm clear in my mind that [Trump] does want lasting peace");
        assert!(p.has_insertion);
        assert!(find_exact(&p, s).is_some());
        let p = Pattern::parse("I’ve met him twice… he does want lasting peace.");
        assert_eq!(p.ellipsis, Some("…"));
        assert_eq!(p.longest_run(), &["he", "does", "want", "lasting", "peace"]);
        assert!(find_exact(&p, s).is_some());
        let p = Pattern::parse("he does not want lasting peace");
        assert!(find_exact(&p, s).is_none());
    }

    #[test]
    fn a_quote_of_a_hundred_thousand_words_is_found_on_a_small_stack() {
        let text = "we will rebuild every school in the north ".repeat(12_500);
        let (s, p) = (leaked(&text), Pattern::parse(&text));
        // Word by word recursion would need far more than this stack.
        let found = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || find_exact(&p, s).map(|o| o.span()))
            .unwrap()
            .join()
            .expect("no stack overflow");
        assert_eq!(found, Some(0..100_000));
    }
}
