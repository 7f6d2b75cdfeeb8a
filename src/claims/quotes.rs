//! Matching a note's quote against article words: exact after
//! normalisation (with `...`/`…` gaps and `[insertions]`), else the closest
//! passage by word-level alignment.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::{Word, normalize::is_stopword, words};

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

fn extend(pattern: &Pattern, source: &[Word], positions: &mut Vec<usize>) -> bool {
    let i = positions.len();
    if i == pattern.words.len() {
        return true;
    }
    let previous = positions[i - 1];
    if !pattern.gap_before[i] {
        if source
            .get(previous + 1)
            .is_some_and(|w| same_word(&w.text, &pattern.words[i]))
        {
            positions.push(previous + 1);
            if extend(pattern, source, positions) {
                return true;
            }
            positions.pop();
        }
        return false;
    }
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
    false
}

/// One step of an alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Same {
        quote: usize,
        source: usize,
    },
    Changed {
        quote: usize,
        source: usize,
    },
    /// A quote word the source does not have here.
    Added {
        quote: usize,
    },
    /// A source word the quote leaves out (without an ellipsis).
    Omitted {
        source: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    pub steps: Vec<Step>,
    pub cost: f32,
    /// Source words covered, as a range of the `source` slice given.
    pub span: Range<usize>,
}

impl Alignment {
    pub fn matched(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| matches!(s, Step::Same { .. }))
            .count()
    }

    /// Quote words, not stop words, found in place.
    pub fn matched_content(&self, pattern: &Pattern) -> usize {
        self.steps
            .iter()
            .filter(
                |s| matches!(s, Step::Same { quote, .. } if !is_stopword(&pattern.words[*quote])),
            )
            .count()
    }

    /// Source word range each run of the pattern covers.
    pub fn run_spans(&self, pattern: &Pattern) -> Vec<Option<Range<usize>>> {
        let runs = pattern.run_of.last().map_or(0, |r| r + 1);
        let mut spans: Vec<Option<Range<usize>>> = vec![None; runs];
        for step in &self.steps {
            if let Step::Same { quote, source } | Step::Changed { quote, source } = *step {
                let run = pattern.run_of[quote];
                let span = spans[run].get_or_insert(source..source + 1);
                span.start = span.start.min(source);
                span.end = span.end.max(source + 1);
            }
        }
        spans
    }
}

/// Cost of putting quote word `a` where the source has `b`: spelling
/// variants (favor/favour, Zelensky/Zelenskiy) cost less than other words.
fn substitution(a: &str, b: &str) -> f32 {
    if a == b {
        return 0.0;
    }
    if a.chars().count() >= 5 && strsim::jaro_winkler(a, b) >= 0.92 {
        return 0.4;
    }
    // Just under an added word, so that "going to fail" against "going to
    // hold" reads as one changed word, not an addition.
    0.9
}

/// Cost of each source word a quote silently leaves out. Lower than a
/// changed word, so that a dropped clause reads as an omission rather than
/// as a run of changed words.
const OMISSION: f32 = 0.5;

/// Align the whole quote against the best-fitting stretch of `source`
/// (semi-global: source words before and after are free; inside, leaving a
/// source word out costs 1 unless the quote marks a gap there).
pub fn align(pattern: &Pattern, source: &[Word]) -> Option<Alignment> {
    let m = pattern.words.len();
    let n = source.len();
    if m == 0 || n == 0 {
        return None;
    }
    let width = n + 1;
    let mut cost = vec![f32::INFINITY; (m + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for j in 0..=n {
        cost[at(0, j)] = 0.0;
    }
    for i in 0..=m {
        for j in 0..=n {
            let here = cost[at(i, j)];
            if !here.is_finite() {
                continue;
            }
            if i < m && j < n {
                let c = here + substitution(&pattern.words[i], &source[j].text);
                if c < cost[at(i + 1, j + 1)] {
                    cost[at(i + 1, j + 1)] = c;
                }
            }
            if i < m {
                let c = here + 1.0;
                if c < cost[at(i + 1, j)] {
                    cost[at(i + 1, j)] = c;
                }
            }
            if j < n && i > 0 && i < m {
                let skip = if pattern.gap_before[i] { 0.0 } else { OMISSION };
                let c = here + skip;
                if c < cost[at(i, j + 1)] {
                    cost[at(i, j + 1)] = c;
                }
            }
        }
    }
    let (end, best) = (0..=n)
        .map(|j| (j, cost[at(m, j)]))
        .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))?;
    // Walk back.
    let mut steps = Vec::new();
    let (mut i, mut j) = (m, end);
    let close = |a: f32, b: f32| (a - b).abs() < 1e-4;
    while i > 0 {
        let here = cost[at(i, j)];
        if j > 0 {
            let sub = substitution(&pattern.words[i - 1], &source[j - 1].text);
            if close(cost[at(i - 1, j - 1)] + sub, here) {
                steps.push(if sub == 0.0 {
                    Step::Same {
                        quote: i - 1,
                        source: j - 1,
                    }
                } else {
                    Step::Changed {
                        quote: i - 1,
                        source: j - 1,
                    }
                });
                i -= 1;
                j -= 1;
                continue;
            }
        }
        if close(cost[at(i - 1, j)] + 1.0, here) {
            steps.push(Step::Added { quote: i - 1 });
            i -= 1;
            continue;
        }
        if j > 0 && i < m {
            let skip = if pattern.gap_before[i] { 0.0 } else { OMISSION };
            if close(cost[at(i, j - 1)] + skip, here) {
                if skip > 0.0 {
                    steps.push(Step::Omitted { source: j - 1 });
                }
                j -= 1;
                continue;
            }
        }
        // Unreachable with a consistent table; stop rather than loop.
        break;
    }
    steps.reverse();
    let sources: Vec<usize> = steps
        .iter()
        .filter_map(|s| match *s {
            Step::Same { source, .. } | Step::Changed { source, .. } | Step::Omitted { source } => {
                Some(source)
            }
            Step::Added { .. } => None,
        })
        .collect();
    let span = match (sources.iter().min(), sources.iter().max()) {
        (Some(&a), Some(&b)) => a..b + 1,
        _ => 0..0,
    };
    Some(Alignment {
        steps,
        cost: best,
        span,
    })
}

/// Whether an alignment is close enough to call the quote a misquote of that
/// passage rather than a quote the corpus does not hold.
pub fn is_close(pattern: &Pattern, alignment: &Alignment) -> bool {
    let length = pattern.words.len() as f32;
    let content = pattern.words.iter().filter(|w| !is_stopword(w)).count();
    let matched_content = alignment.matched_content(pattern);
    alignment.matched() >= 2
        && alignment.cost <= (0.4 * length).max(1.0)
        && matched_content * 2 >= content
        && matched_content >= 1
}

/// What differs, in words a reader can check: `“time” instead of “money”`.
pub fn describe_difference(pattern: &Pattern, alignment: &Alignment, source: &[Word]) -> String {
    let mut parts = Vec::new();
    let mut k = 0;
    let steps = &alignment.steps;
    while k < steps.len() {
        if matches!(steps[k], Step::Same { .. }) {
            k += 1;
            continue;
        }
        let mut quote_words = Vec::new();
        let mut source_words = Vec::new();
        while k < steps.len() && !matches!(steps[k], Step::Same { .. }) {
            match steps[k] {
                Step::Changed { quote, source: s } => {
                    quote_words.push(pattern.words[quote].as_str());
                    source_words.push(source[s].text.as_str());
                }
                Step::Added { quote } => quote_words.push(pattern.words[quote].as_str()),
                Step::Omitted { source: s } => source_words.push(source[s].text.as_str()),
                Step::Same { .. } => {}
            }
            k += 1;
        }
        parts.push(match (quote_words.is_empty(), source_words.is_empty()) {
            (false, false) => format!(
                "has “{}” where the source has “{}”",
                quote_words.join(" "),
                source_words.join(" ")
            ),
            (false, true) => format!("adds “{}”", quote_words.join(" ")),
            (true, false) => format!("leaves out “{}”", source_words.join(" ")),
            (true, true) => continue,
        });
    }
    let shown = parts.len().min(3);
    let mut text = parts[..shown].join("; ");
    if parts.len() > shown {
        text.push_str(&format!("; and {} more", parts.len() - shown));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Vec<Word> {
        words(text)
    }

    #[test]
    fn exact_with_gaps_and_insertions() {
        let s =
            source("I've met him twice ... I'm clear in my mind that he does want lasting peace.");
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
    fn alignment_explains_a_misquote() {
        let s = source(
            "Macron has reportedly failed, with an official describing the trip as a \"waste of time\" in comments.",
        );
        let p = Pattern::parse("describing the trip as a waste of money");
        let a = align(&p, &s).unwrap();
        assert!(is_close(&p, &a));
        assert_eq!(
            describe_difference(&p, &a, &s),
            "has “money” where the source has “time”"
        );
        let p = Pattern::parse("we will never abandon our friends in Kyiv");
        let a = align(&p, &s).unwrap();
        assert!(!is_close(&p, &a));
    }

    #[test]
    fn omissions_without_ellipsis_are_differences() {
        let s = source("it will simply give him the opportunity to wait and to come again");
        let p = Pattern::parse("it will give him the opportunity to come again");
        let a = align(&p, &s).unwrap();
        assert!(is_close(&p, &a));
        assert_eq!(
            describe_difference(&p, &a, &s),
            "leaves out “simply”; leaves out “to wait and”"
        );
    }
}
