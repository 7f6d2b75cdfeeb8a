//! Ordinals: "the sixth rate cut", "the 11th this year", "twenty-first".
//! They compare only with ordinals.

use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{LEXICON, NumberWord, alternation};
use super::read::Single;
use super::{Bound, Kind, Quantity};

static ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
    let lexicon = &*LEXICON;
    let mut ordinals: Vec<&str> = lexicon.ordinal_words.keys().copied().collect();
    let mut tens: Vec<&str> = (lexicon.number_words.iter())
        .filter(|(_, meaning)| {
            matches!(meaning, NumberWord::Value(v) if *v >= 20.0 && *v < 100.0 && v % 10.0 == 0.0)
        })
        .map(|(word, _)| *word)
        .collect();
    Regex::new(&format!(
        r"(?i)\b(?:(?P<digits>\d+)(?:st|nd|rd|th)|(?:(?P<tens>{})-)?(?P<word>{}))\b",
        alternation(&mut tens),
        alternation(&mut ordinals),
    ))
    .expect("valid regex")
});

/// The ordinals of `text` that no other quantity in `taken` overlaps.
pub(super) fn ordinals(text: &str, taken: &[Single]) -> Vec<Single> {
    let lexicon = &*LEXICON;
    let mut found = Vec::new();
    for caps in ORDINAL.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let overlapping = taken
            .iter()
            .any(|s| s.quantity.range.start < whole.end() && whole.start() < s.quantity.range.end);
        let glued_before = text[..whole.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '.');
        if overlapping || glued_before {
            continue;
        }
        let value = match (caps.name("digits"), caps.name("word")) {
            // Hundreds of digits read as infinity, which is no place.
            (Some(digits), _) => digits
                .as_str()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite()),
            (None, Some(word)) => {
                let place = lexicon
                    .ordinal_words
                    .get(word.as_str().to_ascii_lowercase().as_str());
                let tens = (caps.name("tens")).and_then(|t| {
                    match lexicon
                        .number_words
                        .get(t.as_str().to_ascii_lowercase().as_str())
                    {
                        Some(NumberWord::Value(v)) => Some(*v),
                        _ => None,
                    }
                });
                place.map(|p| p + tens.unwrap_or(0.0))
            }
            _ => None,
        };
        let Some(value) = value else { continue };
        found.push(Single {
            quantity: Quantity {
                range: whole.range(),
                low: value,
                high: value,
                kind: Kind::Ordinal,
                bound: Bound::Exact,
                step: 1.0,
                slack: 1.0,
            },
            scale: 1.0,
            digits: caps.name("digits").is_some(),
        });
    }
    found
}
