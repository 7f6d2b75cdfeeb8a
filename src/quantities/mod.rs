//! Quantities as news writes them, read into values that compare: `30,000`
//! and `thirty thousand`; `2.5 per cent`, `2.5 percent` and `2.5%`; money
//! with its mark before or after (`$A8,800`, `A$8,800`, `US$2m`, `AUD 1.1
//! billion`, `€5`, `2.3 billion dollars`); clock times (`6:30 pm` is one
//! value, and `12.55pm` the same as `12:55 pm`); ranges (`between 10 and
//! 15`, `10-15`); and approximations and bounds (`about 4,000`, `more than
//! 100`, `at least 20`, `nearly`); ordinals (`sixth`, `11th`); fractions and
//! basis points as per cent (`a quarter of a percentage point`, `three
//! quarters of`, `25 basis points`). `agreement`
//! says whether a quantity a
//! claim gives is what a source's quantity states.
//!
//! `role` says when a plain number is a year or someone's age.
//!
//! The words involved are data: `number_words.txt`, `currencies.txt`,
//! `qualifiers.txt`, `age_words.txt`, `fractions.txt`.

mod compare;
mod fractions;
mod lexicon;
mod ordinals;
mod read;
mod roles;
mod words;

use std::ops::Range;

pub use compare::Agreement;
pub use roles::{Role, role};

/// A currency as a mark gives it: its family (dollar, euro) and, when the
/// mark says, its country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Currency {
    pub family: &'static str,
    pub country: Option<&'static str>,
}

impl Currency {
    /// Whether two marks can mean one currency: "$" and "$A" can, "US$" and
    /// "$A" cannot.
    pub fn agrees(self, other: Currency) -> bool {
        self.family == other.family
            && (self.country.is_none() || other.country.is_none() || self.country == other.country)
    }
}

/// What a quantity counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// A plain number: people, votes, years.
    Count,
    /// Per cent, or percentage points.
    Percent,
    Money(Currency),
    /// A time of day in minutes after midnight; `half_day_known` is false
    /// for "6:30", which may be morning or evening.
    Clock {
        half_day_known: bool,
    },
    /// A place in a series: "sixth", "11th".
    Ordinal,
}

/// How a quantity's value is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// The value itself, or a range from `low` to `high`.
    Exact,
    /// "about", "some", "around".
    About,
    /// "nearly", "almost": a little under.
    Nearly,
    /// "more than", "over".
    Above,
    /// "at least".
    AtLeast,
    /// "less than", "under".
    Below,
    /// "up to", "at most".
    AtMost,
}

/// A quantity found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The whole expression: qualifier, money mark, number, scale, per cent.
    pub range: Range<usize>,
    /// The value, or the low end of a range.
    pub low: f64,
    /// The high end of a range; `low` when the quantity is one value.
    pub high: f64,
    pub kind: Kind,
    pub bound: Bound,
    /// The unit of the last digit written: 0.1 for "4.2", 100,000 for "4.2
    /// million". A value rounded to it is the same value.
    pub step: f64,
    /// Within this the written value may be a rounding (1,000 for
    /// "4,000"; 60 minutes for "4pm"), so a value that close is not
    /// plainly another.
    pub slack: f64,
}

impl Quantity {
    /// The value, for a quantity that is one.
    pub fn value(&self) -> f64 {
        self.low
    }

    pub fn is_range(&self) -> bool {
        self.high > self.low
    }
}

/// Every quantity in `text`, in order, without overlaps. Digits glued to
/// letters before them (`G7`, `F-16`) are names, and decades (`1990s`) are
/// not quantities; a lone "one" is too often a pronoun to count.
pub fn quantities(text: &str) -> Vec<Quantity> {
    let clocks = read::clocks(text);
    let mut found = clocks.clone();
    let shares = fractions::fractions(text, &clocks);
    found.extend(shares.iter().cloned());
    let taken: Vec<read::Single> = found.clone();
    found.extend(read::in_digits(text, &taken));
    let taken: Vec<read::Single> = found.clone();
    found.extend(ordinals::ordinals(text, &taken));
    let taken: Vec<read::Single> = found.clone();
    found.extend(words::in_words(text, &taken));
    found.sort_by_key(|single| single.quantity.range.start);
    read::qualified(text, found)
}

#[cfg(test)]
mod tests;
