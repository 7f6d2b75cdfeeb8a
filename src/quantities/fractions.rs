//! Fractions as news writes them: "a quarter of a percentage point" and "a
//! quarter-point" are 0.25 points, "three quarters of his pay" and
//! "one-eighth of the costs" are shares (75 and 12.5 per cent), and basis
//! points are hundredths of a point ("25 basis points"). All read as per
//! cent, so they compare with "0.25 per cent" and "75 per cent". The
//! words are data (`fractions.txt`).

use std::sync::LazyLock;

use regex::Regex;

use super::Kind;
use super::lexicon::{LEXICON, NumberWord, alternation};
use super::read::{Single, overlaps, single};

/// What a fraction is a share of.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Tail {
    /// A percentage point.
    Point,
    /// A whole: the share in per cent.
    Whole,
}

struct Fractions {
    parts: Vec<(&'static str, f64)>,
    tails: Vec<(&'static str, Tail)>,
    regex: Regex,
}

static FRACTIONS: LazyLock<Fractions> = LazyLock::new(|| {
    let mut parts = Vec::new();
    let mut tails = Vec::new();
    let rows = include_str!("fractions.txt")
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| line.split('\t').map(str::trim).collect::<Vec<_>>());
    for row in rows {
        match row.as_slice() {
            ["part", word, whole] => {
                parts.push((*word, whole.parse().expect("fractions.txt: a number")))
            }
            ["tail", words, "point"] => tails.push((*words, Tail::Point)),
            ["tail", words, "whole"] => tails.push((*words, Tail::Whole)),
            _ => panic!("fractions.txt: `{row:?}` is neither a part nor a tail"),
        }
    }
    let mut part_words: Vec<&str> = parts.iter().map(|(w, _)| *w).collect();
    let mut tail_words: Vec<String> = (tails.iter())
        .map(|(w, _)| w.replace(' ', r"\s+"))
        .collect();
    tail_words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let regex = Regex::new(&format!(
        r"(?i)\b(?P<num>an?|{})[\s-]+(?P<part>{})(?P<tail>[\s-]+(?:{}))\b",
        LEXICON.words(),
        alternation(&mut part_words),
        tail_words.join("|"),
    ))
    .expect("valid regex");
    Fractions {
        parts,
        tails,
        regex,
    }
});

static BASIS_POINTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<num>\d+(?:\.\d+)?)\s+basis\s+points?\b").expect("valid regex")
});

/// Fractions and basis points of `text`, as per cent, except where others
/// were read already.
pub(super) fn fractions(text: &str, taken: &[Single]) -> Vec<Single> {
    let table = &*FRACTIONS;
    let mut found = Vec::new();
    for caps in table.regex.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let numerator = match caps["num"].to_lowercase().as_str() {
            "a" | "an" => Some(1.0),
            word => match LEXICON.number_words.get(word) {
                Some(NumberWord::Value(v)) => Some(*v),
                _ => None,
            },
        };
        let part = (table.parts.iter()).find(|(w, _)| w.eq_ignore_ascii_case(&caps["part"]));
        let written_tail = caps["tail"].trim_start_matches([' ', '-']).to_lowercase();
        let written_tail = written_tail
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let tail = (table.tails.iter()).find(|(w, _)| *w == written_tail);
        let (Some(numerator), Some((_, parts)), Some((_, tail))) = (numerator, part, tail) else {
            continue;
        };
        let share = numerator / parts;
        let (value, end) = match tail {
            Tail::Point => (share, whole.end()),
            // "of" belongs to what follows: the share alone.
            Tail::Whole => (
                share * 100.0,
                caps.name("part").map_or(whole.end(), |p| p.end()),
            ),
        };
        let range = whole.start()..end;
        if overlaps(&range, taken) || overlaps(&range, &found) {
            continue;
        }
        found.push(fraction(range, value));
    }
    for caps in BASIS_POINTS.captures_iter(text) {
        let (Some(whole), Ok(number)) = (caps.get(0), caps["num"].parse::<f64>()) else {
            continue;
        };
        if !overlaps(&whole.range(), taken) {
            found.push(fraction(whole.range(), number / 100.0));
        }
    }
    found
}

/// A fraction's quantity: per cent, a value of its own precision.
fn fraction(range: std::ops::Range<usize>, value: f64) -> Single {
    let step = value.abs().max(f64::EPSILON) / 1000.0;
    Single {
        quantity: single(range, value, Kind::Percent, step, step),
        scale: 1.0,
        digits: false,
    }
}
