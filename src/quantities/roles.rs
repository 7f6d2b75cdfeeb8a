//! What a plain number stands for, where its words say: a year ("in 1999")
//! or someone's age ("aged 72", "Reid, 28,", "a 26-year-old son"). A
//! claim's year or age is compared only with the source's years or ages:
//! "a 40-year low" is no answer to "2001", nor "20-year jail terms" to
//! "aged 28". The words are data (`age_words.txt`).

use std::sync::LazyLock;

use super::{Bound, Kind, Quantity};

/// What a number stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Year,
    Age,
    /// Anything else: a count, an amount.
    Other,
}

/// Words before and after a number that make it an age.
struct AgeWords {
    before: Vec<&'static str>,
    after: Vec<&'static str>,
}

static AGE_WORDS: LazyLock<AgeWords> = LazyLock::new(|| {
    let mut words = AgeWords {
        before: Vec::new(),
        after: Vec::new(),
    };
    let rows = include_str!("age_words.txt")
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'));
    for row in rows {
        match row.split_once('\t') {
            Some(("before", w)) => words.before.push(w.trim()),
            Some(("after", w)) => words.after.push(w.trim()),
            _ => panic!("age_words.txt: `{row}` is not `before` or `after`, a tab, words"),
        }
    }
    words
});

/// Earliest and latest year a four-digit number is read as.
const YEARS: std::ops::RangeInclusive<f64> = 1800.0..=2100.0;

/// The role of `quantity`, found in `text`.
pub fn role(text: &str, quantity: &Quantity) -> Role {
    if quantity.kind != Kind::Count || quantity.bound != Bound::Exact || quantity.is_range() {
        return Role::Other;
    }
    let written = text.get(quantity.range.clone()).unwrap_or("").trim();
    let before = text[..quantity.range.start].trim_end().to_lowercase();
    let after = text[quantity.range.end..].to_lowercase();
    if written.len() == 4
        && written.bytes().all(|b| b.is_ascii_digit())
        && YEARS.contains(&quantity.value())
        && !after.trim_start().starts_with(['%', '-'])
    {
        return Role::Year;
    }
    let words = &*AGE_WORDS;
    let before_says = (words.before.iter()).any(|w| before.ends_with(w));
    let after_says = (words.after.iter())
        .any(|w| after.starts_with(w) || after.trim_start().starts_with(w.trim_start_matches('-')));
    if before_says || after_says || apposition(text, quantity) {
        return Role::Age;
    }
    Role::Other
}

/// Whether the number stands alone between commas after a name ("Reid,
/// 28, was"), as an age does.
fn apposition(text: &str, quantity: &Quantity) -> bool {
    let before = text[..quantity.range.start].trim_end();
    let Some(before) = before.strip_suffix(',') else {
        return false;
    };
    let name = before.split_whitespace().next_back().unwrap_or("");
    let after = text[quantity.range.end..].trim_start();
    name.starts_with(char::is_uppercase)
        && (after.is_empty() || after.starts_with([',', '.', ')', ';']))
}
