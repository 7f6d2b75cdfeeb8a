//! The word alignment of a quote against a stretch of an article, for a
//! quote no article holds word for word: how close the stretch is, and what
//! differs in words a reader can check.

use std::collections::HashMap;
use std::ops::Range;

use super::quote_pattern::Pattern;
use crate::text::{Words, normalize::is_stopword};

mod pieces;

pub use pieces::{PIECE_WORDS, WHOLE_WORDS, align_in_pieces};

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

/// `substitution` of every quote word for every source word, each distinct
/// pair of words computed once: filling the table meets every pair of a
/// long quote and its source many times over.
struct Substitutions<'a> {
    /// Each quote word and each source word as the number of its text:
    /// equal numbers are equal words.
    quote: Vec<u32>,
    source: Vec<u32>,
    /// The text of each number.
    texts: Vec<&'a str>,
    /// Whether the text of each number is long enough for a spelling
    /// variant.
    may_vary: Vec<bool>,
    costs: HashMap<(u32, u32), f32>,
}

impl<'a> Substitutions<'a> {
    fn new(pattern: &'a Pattern, source: Words<'a>) -> Substitutions<'a> {
        let mut numbers: HashMap<&'a str, u32> = HashMap::new();
        let mut texts = Vec::new();
        let mut number = |text: &'a str| {
            *numbers.entry(text).or_insert_with(|| {
                texts.push(text);
                (texts.len() - 1) as u32
            })
        };
        let quote = pattern.words.iter().map(|w| number(w)).collect();
        let source = source.texts().map(&mut number).collect();
        let may_vary = texts.iter().map(|t| t.chars().count() >= 5).collect();
        Substitutions {
            quote,
            source,
            texts,
            may_vary,
            costs: HashMap::new(),
        }
    }

    /// `substitution` of quote word `i` for source word `j`.
    fn cost(&mut self, i: usize, j: usize) -> f32 {
        let (a, b) = (self.quote[i], self.source[j]);
        if a == b {
            return 0.0;
        }
        if !self.may_vary[a as usize] {
            return substitution(self.texts[a as usize], self.texts[b as usize]);
        }
        let texts = &self.texts;
        *self
            .costs
            .entry((a, b))
            .or_insert_with(|| substitution(texts[a as usize], texts[b as usize]))
    }
}

/// Cost of each source word a quote silently leaves out. Lower than a
/// changed word, so that a dropped clause reads as an omission rather than
/// as a run of changed words.
const OMISSION: f32 = 0.5;

/// Align the whole quote against the best-fitting stretch of `source`
/// (semi-global: source words before and after are free; inside, leaving a
/// source word out costs 1 unless the quote marks a gap there).
pub fn align(pattern: &Pattern, source: Words<'_>) -> Option<Alignment> {
    if pattern.words.is_empty() || source.is_empty() {
        return None;
    }
    let table = CostTable::fill(pattern, source);
    let (end, cost) = table.best_end()?;
    let steps = table.walk_back(pattern, source, end);
    let span = source_span(&steps);
    Some(Alignment { steps, cost, span })
}

/// Cost of leaving out the source word before quote word `i`: nothing where
/// the quote marks a gap.
fn skip_cost(pattern: &Pattern, i: usize) -> f32 {
    if pattern.gap_before[i] { 0.0 } else { OMISSION }
}

/// The least cost of aligning the first `i` quote words so that they end
/// before source word `j`, for every `i` and `j`.
struct CostTable {
    /// Quote words.
    m: usize,
    /// Source words.
    n: usize,
    cost: Vec<f32>,
}

impl CostTable {
    fn at(&self, i: usize, j: usize) -> usize {
        i * (self.n + 1) + j
    }

    /// Lower a cell to `c` if `c` is cheaper.
    fn relax(&mut self, i: usize, j: usize, c: f32) {
        let cell = self.at(i, j);
        if c < self.cost[cell] {
            self.cost[cell] = c;
        }
    }

    fn fill(pattern: &Pattern, source: Words<'_>) -> CostTable {
        let (m, n) = (pattern.words.len(), source.len());
        let mut substitutions = Substitutions::new(pattern, source);
        let mut table = CostTable {
            m,
            n,
            cost: vec![f32::INFINITY; (m + 1) * (n + 1)],
        };
        // The quote may start at any source word.
        table.cost[..=n].fill(0.0);
        for i in 0..=m {
            for j in 0..=n {
                let here = table.cost[table.at(i, j)];
                if !here.is_finite() {
                    continue;
                }
                if i < m && j < n {
                    let c = here + substitutions.cost(i, j);
                    table.relax(i + 1, j + 1, c);
                }
                if i < m {
                    table.relax(i + 1, j, here + 1.0);
                }
                if j < n && i > 0 && i < m {
                    table.relax(i, j + 1, here + skip_cost(pattern, i));
                }
            }
        }
        table
    }

    /// Where the cheapest alignment of the whole quote ends, and its cost;
    /// of equals, the earliest end.
    fn best_end(&self) -> Option<(usize, f32)> {
        (0..=self.n)
            .map(|j| (j, self.cost[self.at(self.m, j)]))
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
    }

    /// The steps of the cheapest alignment ending at `end`, in order.
    fn walk_back(&self, pattern: &Pattern, source: Words<'_>, end: usize) -> Vec<Step> {
        let mut steps = Vec::new();
        let (mut i, mut j) = (self.m, end);
        let close = |a: f32, b: f32| (a - b).abs() < 1e-4;
        while i > 0 {
            let here = self.cost[self.at(i, j)];
            if j > 0 {
                let sub = substitution(&pattern.words[i - 1], source.text(j - 1));
                if close(self.cost[self.at(i - 1, j - 1)] + sub, here) {
                    let (quote, source) = (i - 1, j - 1);
                    steps.push(if sub == 0.0 {
                        Step::Same { quote, source }
                    } else {
                        Step::Changed { quote, source }
                    });
                    i -= 1;
                    j -= 1;
                    continue;
                }
            }
            if close(self.cost[self.at(i - 1, j)] + 1.0, here) {
                steps.push(Step::Added { quote: i - 1 });
                i -= 1;
                continue;
            }
            if j > 0 && i < self.m {
                let skip = skip_cost(pattern, i);
                if close(self.cost[self.at(i, j - 1)] + skip, here) {
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
        steps
    }
}

/// The source words an alignment covers.
fn source_span(steps: &[Step]) -> Range<usize> {
    let sources: Vec<usize> = steps
        .iter()
        .filter_map(|s| match *s {
            Step::Same { source, .. } | Step::Changed { source, .. } | Step::Omitted { source } => {
                Some(source)
            }
            Step::Added { .. } => None,
        })
        .collect();
    match (sources.iter().min(), sources.iter().max()) {
        (Some(&a), Some(&b)) => a..b + 1,
        _ => 0..0,
    }
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
pub fn describe_difference(pattern: &Pattern, alignment: &Alignment, source: Words<'_>) -> String {
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
                    source_words.push(source.text(s));
                }
                Step::Added { quote } => quote_words.push(pattern.words[quote].as_str()),
                Step::Omitted { source: s } => source_words.push(source.text(s)),
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
    use crate::text::word_list::leaked;

    fn source(text: &str) -> Words<'static> {
        leaked(text)
    }

    proptest::proptest! {
        /// The costs read from the table of pairs are those of
        /// `substitution` itself, repeated and varied words included.
        #[test]
        fn each_pair_costs_what_substitution_says(
            quote in "(favor|favour|zelensky|zelenskiy|plan|planned|a|the) ( ?(favor|favour|zelensky|zelenskiy|plan|planned|a|the) ){0,12}",
            text in "(favor|favour|zelensky|zelenskiy|plan|planned|a|the) ( ?(favor|favour|zelensky|zelenskiy|plan|planned|a|the) ){0,12}",
        ) {
            let pattern = Pattern::parse(&quote);
            let words = source(&text);
            let mut substitutions = Substitutions::new(&pattern, words);
            for (i, a) in pattern.words.iter().enumerate() {
                for j in 0..words.len() {
                    proptest::prop_assert_eq!(
                        substitutions.cost(i, j),
                        substitution(a, words.text(j))
                    );
                }
            }
        }
    }

    #[test]
    fn alignment_explains_a_misquote() {
        let s = source(
            "Macron has reportedly failed, with an official describing the trip as a \"waste of time\" in comments.",
        );
        let p = Pattern::parse("describing the trip as a waste of money");
        let a = align(&p, s).unwrap();
        assert!(is_close(&p, &a));
        assert_eq!(
            describe_difference(&p, &a, s),
            "has “money” where the source has “time”"
        );
        let p = Pattern::parse("we will never abandon our friends in Kyiv");
        let a = align(&p, s).unwrap();
        assert!(!is_close(&p, &a));
    }

    #[test]
    fn omissions_without_ellipsis_are_differences() {
        let s = source("it will simply give him the opportunity to wait and to come again");
        let p = Pattern::parse("it will give him the opportunity to come again");
        let a = align(&p, s).unwrap();
        assert!(is_close(&p, &a));
        assert_eq!(
            describe_difference(&p, &a, s),
            "leaves out “simply”; leaves out “to wait and”"
        );
    }
}
