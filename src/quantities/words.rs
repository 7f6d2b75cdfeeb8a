//! Numbers in words: "three", "a dozen", "two hundred and five", "half a
//! million", "twenty-five per cent", "two million dollars".

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Kind;
use super::lexicon::{LEXICON, NumberWord, alternation};
use super::read::{PERCENT, Single, overlaps, single};

static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    let lexicon = &*LEXICON;
    let words = lexicon.words();
    let after: Vec<&str> = lexicon.currency_after.iter().map(|(m, _)| *m).collect();
    Regex::new(&format!(
        r"(?i)\b(?:an?\s+)?(?:{words})(?:(?:\s+and\s+|[\s-]+)(?:{words}))*\b(?P<pct>{PERCENT})?(?P<after>\s+(?:{})\b)?",
        alternation(&mut after.clone())
    ))
    .expect("valid regex")
});

/// Numbers in words: "three", "a dozen", "two million", "twenty-five per
/// cent", except where digits already were read ("1.5 million").
pub(super) fn in_words(text: &str, taken: &[Single]) -> Vec<Single> {
    let mut found = Vec::new();
    for caps in WORDS.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        if overlaps(&whole.range(), taken) {
            continue;
        }
        let tail = (caps.name("pct").or(caps.name("after"))).map_or(whole.end(), |m| m.start());
        let numbers = word_numbers(text, whole.start()..tail);
        let last = numbers.len().saturating_sub(1);
        for (i, (mut range, mut value, scale)) in numbers.into_iter().enumerate() {
            let lone_one = text[range.clone()].eq_ignore_ascii_case("one");
            if lone_one {
                continue;
            }
            if let Some((start, share)) = fraction_before(text, &range) {
                range.start = start;
                value *= share;
            }
            let (end, kind) = match (i == last, caps.name("pct"), caps.name("after")) {
                (true, Some(pct), _) => (pct.end(), Kind::Percent),
                (true, None, Some(after)) => (
                    after.end(),
                    LEXICON
                        .currency_after
                        .iter()
                        .find(|(m, _)| m.eq_ignore_ascii_case(after.as_str().trim_start()))
                        .map_or(Kind::Count, |(_, c)| Kind::Money(*c)),
                ),
                _ => (range.end, Kind::Count),
            };
            found.push(Single {
                quantity: single(range.start..end, value, kind, scale, scale),
                scale,
                digits: false,
            });
        }
    }
    found
}

/// The fraction word just before a number that opens with "a" ("half a
/// million"), and where it starts.
fn fraction_before(text: &str, number: &Range<usize>) -> Option<(usize, f64)> {
    let opens_with_a = text[number.clone()]
        .split_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an"));
    if !opens_with_a {
        return None;
    }
    let before = text[..number.start].trim_end();
    let word = before.rsplit(|c: char| !c.is_alphabetic()).next()?;
    let share = LEXICON.fraction(word)?;
    Some((before.len() - word.len(), share))
}

/// The numbers a run of number words holds, with their ranges, values and
/// last scales: "two hundred and five" is one, "two and five" two, and "a"
/// belongs to a number only before a scale ("a dozen").
fn word_numbers(text: &str, run: Range<usize>) -> Vec<(Range<usize>, f64, f64)> {
    let tokens = tokens(text, run);
    let mut numbers = Vec::new();
    let mut current: Option<WordNumber> = None;
    for (i, (range, token)) in tokens.iter().enumerate() {
        let lower = token.to_ascii_lowercase();
        let next = tokens.get(i + 1).map(|(_, t)| t.to_ascii_lowercase());
        let meaning = LEXICON.number_words.get(lower.as_str()).copied();
        let taken = match (&mut current, meaning) {
            (Some(number), Some(word)) => number.take(word, range.end),
            (Some(number), None) if lower == "and" => number.after_scale(),
            _ => false,
        };
        if taken {
            continue;
        }
        numbers.extend(current.take().and_then(WordNumber::finish));
        let starts_scale = |word: Option<&String>| {
            word.and_then(|w| LEXICON.number_words.get(w.as_str()))
                .is_some_and(|m| matches!(m, NumberWord::Scale(_)))
        };
        current = match meaning {
            Some(word) => WordNumber::start(range.clone(), word),
            None if matches!(lower.as_str(), "a" | "an") && starts_scale(next.as_ref()) => {
                Some(WordNumber::article(range.start))
            }
            None => None,
        };
    }
    numbers.extend(current.and_then(WordNumber::finish));
    numbers
}

/// The words of `run`, split at white space and hyphens, with their ranges.
fn tokens(text: &str, run: Range<usize>) -> Vec<(Range<usize>, &str)> {
    let mut found = Vec::new();
    let mut start = None;
    for (i, c) in text[run.clone()].char_indices() {
        let at = run.start + i;
        if c.is_whitespace() || c == '-' {
            if let Some(s) = start.take() {
                found.push((s..at, &text[s..at]));
            }
        } else if start.is_none() {
            start = Some(at);
        }
    }
    if let Some(s) = start {
        found.push((s..run.end, &text[s..run.end]));
    }
    found
}

/// A number being read from words.
struct WordNumber {
    range: Range<usize>,
    total: f64,
    current: f64,
    last: Option<NumberWord>,
    scale: f64,
}

impl WordNumber {
    fn start(range: Range<usize>, word: NumberWord) -> Option<WordNumber> {
        let mut number = WordNumber::article(range.start);
        number.take(word, range.end).then_some(number)
    }

    /// "a", before a scale: the scale alone is one of it.
    fn article(start: usize) -> WordNumber {
        WordNumber {
            range: start..start,
            total: 0.0,
            current: 0.0,
            last: None,
            scale: 1.0,
        }
    }

    /// Whether `word` continues this number.
    fn take(&mut self, word: NumberWord, end: usize) -> bool {
        match (self.last, word) {
            (Some(NumberWord::Value(last)), NumberWord::Value(v))
                if !(last >= 20.0 && last % 10.0 == 0.0 && v < 10.0) =>
            {
                return false;
            }
            (_, NumberWord::Value(v)) => self.current += v,
            (_, NumberWord::Scale(scale)) => {
                if self.current == 0.0 {
                    self.current = 1.0;
                }
                if scale >= 1000.0 {
                    self.total += self.current * scale;
                    self.current = 0.0;
                } else {
                    self.current *= scale;
                }
                self.scale = scale;
            }
        }
        if let NumberWord::Value(_) = word {
            self.scale = 1.0;
        }
        self.last = Some(word);
        self.range.end = end;
        true
    }

    /// "and" continues a number only after a scale ("two hundred and five").
    fn after_scale(&self) -> bool {
        matches!(self.last, Some(NumberWord::Scale(_)))
    }

    fn finish(self) -> Option<(Range<usize>, f64, f64)> {
        let value = self.total + self.current;
        (self.last.is_some() && value != 0.0 && value.is_finite())
            .then_some((self.range, value, self.scale))
    }
}
