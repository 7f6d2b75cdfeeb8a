//! The words quantities are written with, read once from the data files
//! beside this module: number words and scales (`number_words.txt`), money
//! marks (`currencies.txt`) and the words that make a number approximate, a
//! bound or a range (`qualifiers.txt`).

use std::collections::HashMap;
use std::sync::LazyLock;

use super::{Bound, Currency};

/// Where a scale word counts.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct ScaleUse {
    pub among_words: bool,
    pub after_digits: bool,
    pub glued_to_money: bool,
    /// "half" in "half a million".
    pub fraction: bool,
}

/// A number word: its value, or the scale it multiplies by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum NumberWord {
    Value(f64),
    Scale(f64),
}

/// What a qualifier makes of the number it sits by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Qualifier {
    Bound(Bound),
    /// "between": a range follows.
    Range,
    /// "and", "to", "-": the two ends of a range.
    Join,
}

pub(super) struct Lexicon {
    pub number_words: HashMap<&'static str, NumberWord>,
    /// "sixth": 6.
    pub ordinal_words: HashMap<&'static str, f64>,
    pub scale_uses: HashMap<&'static str, ScaleUse>,
    /// Marks before the number, longest first.
    pub currency_before: Vec<(&'static str, Currency)>,
    /// Marks after the number, longest first.
    pub currency_after: Vec<(&'static str, Currency)>,
    /// Qualifiers before the number, longest first.
    pub qualifier_before: Vec<(&'static str, Qualifier)>,
    pub qualifier_after: Vec<(&'static str, Qualifier)>,
    pub joiners: Vec<&'static str>,
}

pub(super) static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

/// The data lines of a file: neither blank nor comments, split at tabs.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| line.split('\t').map(str::trim).collect())
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lexicon = Lexicon {
            number_words: HashMap::new(),
            ordinal_words: HashMap::new(),
            scale_uses: HashMap::new(),
            currency_before: Vec::new(),
            currency_after: Vec::new(),
            qualifier_before: Vec::new(),
            qualifier_after: Vec::new(),
            joiners: Vec::new(),
        };
        lexicon.load_number_words();
        lexicon.load_ordinal_words();
        lexicon.load_currencies();
        lexicon.load_qualifiers();
        longest_first(&mut lexicon.currency_before);
        longest_first(&mut lexicon.currency_after);
        longest_first(&mut lexicon.qualifier_before);
        longest_first(&mut lexicon.qualifier_after);
        lexicon
    }

    fn load_number_words(&mut self) {
        for row in rows(include_str!("number_words.txt")) {
            let [word, meaning, uses @ ..] = row.as_slice() else {
                panic!("number_words.txt: a row needs a word and a value: {row:?}");
            };
            let number = match meaning.strip_prefix('x') {
                Some(scale) => NumberWord::Scale(parse_number(scale, "number_words.txt")),
                None => NumberWord::Value(parse_number(meaning, "number_words.txt")),
            };
            let mut scale_use = ScaleUse::default();
            for place in uses.iter().flat_map(|u| u.split_whitespace()) {
                match place {
                    "words" => scale_use.among_words = true,
                    "digits" => scale_use.after_digits = true,
                    "money" => scale_use.glued_to_money = true,
                    "fraction" => scale_use.fraction = true,
                    other => panic!("number_words.txt: unknown place {other:?}"),
                }
            }
            self.number_words.insert(word, number);
            self.scale_uses.insert(word, scale_use);
        }
    }

    fn load_ordinal_words(&mut self) {
        for row in rows(include_str!("ordinal_words.txt")) {
            let [word, place] = row.as_slice() else {
                panic!("ordinal_words.txt: a row needs a word and a number: {row:?}");
            };
            let place = parse_number(place, "ordinal_words.txt");
            self.ordinal_words.insert(word, place);
        }
    }

    fn load_currencies(&mut self) {
        for row in rows(include_str!("currencies.txt")) {
            let [mark, place, family, country] = row.as_slice() else {
                panic!("currencies.txt: a row needs four columns: {row:?}");
            };
            let currency = Currency {
                family,
                country: (*country != "-").then_some(*country),
            };
            match *place {
                "before" => self.currency_before.push((mark, currency)),
                "after" => self.currency_after.push((mark, currency)),
                other => panic!("currencies.txt: unknown place {other:?}"),
            }
        }
    }

    fn load_qualifiers(&mut self) {
        for row in rows(include_str!("qualifiers.txt")) {
            let [words, place, meaning] = row.as_slice() else {
                panic!("qualifiers.txt: a row needs three columns: {row:?}");
            };
            let qualifier = match *meaning {
                "about" => Qualifier::Bound(Bound::About),
                "nearly" => Qualifier::Bound(Bound::Nearly),
                "above" => Qualifier::Bound(Bound::Above),
                "at-least" => Qualifier::Bound(Bound::AtLeast),
                "below" => Qualifier::Bound(Bound::Below),
                "at-most" => Qualifier::Bound(Bound::AtMost),
                "range" => Qualifier::Range,
                "join" => Qualifier::Join,
                other => panic!("qualifiers.txt: unknown meaning {other:?}"),
            };
            match *place {
                "before" => self.qualifier_before.push((words, qualifier)),
                "after" => self.qualifier_after.push((words, qualifier)),
                "between" => self.joiners.push(words),
                other => panic!("qualifiers.txt: unknown place {other:?}"),
            }
        }
    }

    /// The words of one kind of scale use, as a regex alternation.
    pub fn scales(&self, wanted: impl Fn(&ScaleUse) -> bool) -> String {
        let mut words: Vec<&str> = (self.scale_uses.iter())
            .filter(|(word, used)| {
                wanted(used) && matches!(self.number_words.get(*word), Some(NumberWord::Scale(_)))
            })
            .map(|(word, _)| *word)
            .collect();
        alternation(&mut words)
    }

    /// Every word usable among number words, as a regex alternation.
    pub fn words(&self) -> String {
        let mut words: Vec<&str> = (self.scale_uses.iter())
            .filter(|(_, used)| used.among_words)
            .map(|(word, _)| *word)
            .collect();
        alternation(&mut words)
    }

    /// The share a fraction word stands for ("half": 0.5).
    pub fn fraction(&self, word: &str) -> Option<f64> {
        let lower = word.to_ascii_lowercase();
        let used = self.scale_uses.get(lower.as_str())?;
        used.fraction.then(|| self.scale(&lower)).flatten()
    }

    pub fn scale(&self, word: &str) -> Option<f64> {
        match self.number_words.get(word.to_ascii_lowercase().as_str()) {
            Some(NumberWord::Scale(scale)) => Some(*scale),
            _ => None,
        }
    }
}

/// Phrases sorted longest first, so that the first that matches is the
/// longest ("more than" before "more").
fn longest_first<T>(phrases: &mut [(&'static str, T)]) {
    phrases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
}

/// `words` as a regex alternation, longest first so that the regex prefers
/// "million" to "m".
pub(super) fn alternation(words: &mut [&str]) -> String {
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

fn parse_number(text: &str, file: &str) -> f64 {
    text.parse()
        .unwrap_or_else(|_| panic!("{file}: {text:?} is not a number"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_files_load() {
        let lexicon = &*LEXICON;
        assert_eq!(
            lexicon.number_words.get("dozen"),
            Some(&NumberWord::Scale(12.0))
        );
        assert_eq!(lexicon.scale("Million"), Some(1e6));
        assert!(lexicon.currency_before.iter().any(|(m, _)| *m == "$A"));
        assert_eq!(lexicon.joiners.len(), 3);
    }
}
