//! The words around a number or date, in a claim and in a source: a claim's
//! number is bound to the source's value whose neighbouring words are the
//! claim's words around its own.

use std::ops::Range;
use std::sync::LazyLock;

use crate::article::facts::quantities_outside_dates;
use crate::claims::content_terms::stem;
use crate::dates;
use crate::lexicon::{self, WordSet};
use crate::text::normalize::is_stopword;
use crate::text::{WordList, Words, words};

/// Content words looked at on each side of a number or date.
const REACH: usize = 6;

/// Whether a word says what a number or date is about.
fn is_content(word: &str) -> bool {
    word.chars().count() >= 2
        && word.chars().any(char::is_alphabetic)
        && !word.chars().any(|c| c.is_ascii_digit())
        && !is_stopword(word)
}

/// The content words near a number or date, as stems, with how many other
/// content words lie between and how much each counts.
#[derive(Debug, Default, Clone)]
pub struct Neighbours(Vec<Neighbour>);

#[derive(Debug, Clone)]
struct Neighbour {
    stem: String,
    distance: usize,
    /// A name binds a number more surely than a verb ("Gafner four
    /// months" against "Oehler received five months").
    weight: f32,
}

static VALUE_PREPOSITIONS: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::of(&[lexicon::VALUE_PREPOSITIONS]));

/// How much a name near a claim's number or date counts against another
/// word.
const NAME_WEIGHT: f32 = 2.0;

impl Neighbours {
    /// The words of `within` around `fact` (word ranges of `words`), up to
    /// another fact on either side, that fact's unit word included;
    /// `is_name` tells which words are names.
    pub fn around(
        words: Words<'_>,
        within: Range<usize>,
        fact: Range<usize>,
        facts: &[Fact],
        is_name: impl Fn(usize) -> bool,
    ) -> Neighbours {
        let other = |i: usize| {
            facts
                .iter()
                .any(|f| f.words.contains(&i) && f.words != fact)
        };
        // A date has no unit after it ("three days ago Kontrol crossed").
        let quantity_ends = |i: usize| {
            (facts.iter()).any(|f| f.quantity && f.words.end == i + 1 && f.words != fact)
        };
        // A comma, a colon or a bracket between two words ends a clause:
        // "to 1.75 per cent, and the discount rate to 1.25 per cent".
        let clause_break = |a: usize, b: usize| {
            Some(words.gap(a, b))
                .is_some_and(|gap| gap.contains([',', ';', ':', '(', ')', '\u{2013}', '\u{2014}']))
        };
        let mut found = Vec::new();
        let left = (within.start..fact.start.max(within.start)).rev();
        let right = fact.end.min(within.end)..within.end;
        // "to" in "rose to 31.5" says which number of "rose five cents to
        // 31.5 cents" the claim's is.
        if let Some(before) = fact.start.checked_sub(1).filter(|&i| within.contains(&i))
            && VALUE_PREPOSITIONS.contains(words.text(before))
        {
            found.push(Neighbour {
                stem: words.text(before).to_string(),
                distance: 0,
                weight: 1.0,
            });
        }
        for (side, leftwards) in [(left.collect::<Vec<_>>(), true), (right.collect(), false)] {
            let mut distance = 0;
            for i in side {
                // The word just after another number is that number's
                // ("20 homes and 12 shops").
                let unit_of_other = leftwards && i > 0 && quantity_ends(i - 1);
                let (a, b) = if leftwards { (i, i + 1) } else { (i - 1, i) };
                if other(i) || distance >= REACH || unit_of_other || clause_break(a, b) {
                    break;
                }
                if is_content(words.text(i)) {
                    found.push(Neighbour {
                        stem: stem(words.text(i)).to_string(),
                        distance,
                        weight: if is_name(i) { NAME_WEIGHT } else { 1.0 },
                    });
                    distance += 1;
                }
            }
        }
        Neighbours(found)
    }

    /// What each of these words adds to how much the words around one
    /// fact are the words around `other`: a shared word counts more the
    /// nearer it is to this fact, and a little more the nearer to that one.
    pub fn shares(&self, other: &Neighbours) -> Vec<f32> {
        let weight = |d: usize| 1.0 / (1.0 + d as f32);
        let decay = |d: usize| 1.0 / (1.0 + d as f32 / 3.0);
        (self.0.iter())
            .map(|mine| {
                (other.0.iter())
                    .filter(|theirs| theirs.stem == mine.stem)
                    .map(|theirs| mine.weight * weight(mine.distance) * decay(theirs.distance))
                    .fold(0.0, f32::max)
            })
            .collect()
    }

    /// Which of these words `other` has right beside its fact: with at
    /// most one other content word between ("Gafner four months").
    pub fn beside(&self, other: &Neighbours) -> Vec<bool> {
        (self.0.iter())
            .map(|mine| {
                (other.0.iter()).any(|theirs| theirs.stem == mine.stem && theirs.distance <= 1)
            })
            .collect()
    }

    /// Which of these words are names.
    pub fn names(&self) -> Vec<bool> {
        self.0.iter().map(|n| n.weight > 1.0).collect()
    }

    /// How much the words around one fact are the words around another.
    #[cfg(test)]
    fn closeness(&self, other: &Neighbours) -> f32 {
        self.shares(other).iter().sum()
    }
}

/// A claim's own words and where its numbers and dates are among them.
pub struct ClaimWords {
    text: String,
    words: WordList,
    /// Which words are names: capitalised, and not a function word
    /// opening the claim.
    names: Vec<bool>,
    facts: Vec<Fact>,
    /// Whether the claim speaks of what is to come.
    pub future: bool,
}

impl ClaimWords {
    pub fn new(own: &str) -> ClaimWords {
        let words = WordList::of(own, words(own));
        let quantities = quantities_outside_dates(own)
            .into_iter()
            .map(|q| (q.range, true));
        let days = (dates::find_dates(own).into_iter().map(|d| d.range))
            .chain(dates::find_months(own).into_iter().map(|m| m.range))
            .chain(dates::find_weekdays(own).into_iter().map(|w| w.range))
            .map(|r| (r, false));
        let facts = (quantities.chain(days))
            .map(|(r, quantity)| Fact {
                words: word_range(&words, r),
                quantity,
            })
            .collect();
        let read = words.view(own);
        let names = (read.iter().enumerate())
            .map(|(i, w)| {
                own[w.range.clone()].starts_with(char::is_uppercase)
                    && (i > 0 || !is_stopword(w.text))
            })
            .collect();
        ClaimWords {
            text: own.to_string(),
            words,
            names,
            facts,
            future: dates::speaks_of_future(own),
        }
    }

    /// The words around the number or date at `bytes` of the claim.
    pub fn around(&self, bytes: Range<usize>) -> Neighbours {
        let fact = word_range(&self.words, bytes);
        Neighbours::around(
            self.words.view(&self.text),
            0..self.words.len(),
            fact,
            &self.facts,
            |i| self.names[i],
        )
    }
}

/// A number or date among a text's words, for where neighbours stop.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub words: Range<usize>,
    /// A quantity, whose unit may follow it ("20 homes"); else a date.
    pub quantity: bool,
}

/// The words of `words` that `bytes` covers.
fn word_range(words: &WordList, bytes: Range<usize>) -> Range<usize> {
    let first = words.partition_point(|w| w.end <= bytes.start);
    let end = words.partition_point(|w| w.start < bytes.end);
    first..end.max(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(text: &str, fact: &str) -> Neighbours {
        let claim = ClaimWords::new(text);
        let at = text.find(fact).unwrap();
        claim.around(at..at + fact.len())
    }

    #[test]
    fn the_value_among_the_claims_words_is_nearest() {
        let claim = near("The Fed cut the discount rate to 1.75 per cent", "1.75");
        let source = "It cut the federal funds rate by a quarter point to 1.75 per cent, and the discount rate to 1.25 per cent.";
        let funds = near(source, "1.75");
        let discount = near(source, "1.25");
        assert!(
            claim.closeness(&discount) > claim.closeness(&funds) + 0.5,
            "{discount:?} {funds:?}"
        );
    }

    #[test]
    fn neighbours_stop_at_another_fact() {
        let words: Vec<String> = near("20 homes and 12 shops burned", "12")
            .0
            .into_iter()
            .map(|n| n.stem)
            .collect();
        assert_eq!(words, vec!["shop", "burn"]);
    }
}
