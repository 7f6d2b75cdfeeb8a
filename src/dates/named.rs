//! Days news names instead of dating them ("Boxing Day", "New Year's Eve"),
//! from `lexicon::HOLIDAYS`: each is read as the month and day it always
//! falls on, with no year, like "December 26".

use std::sync::LazyLock;

use regex::Regex;

use super::DateMention;
use crate::lexicon;

/// A named day's words (an apostrophe dropped), month and day.
type NamedDay = (String, i8, i8);

/// The named days: a regex for all of them, and each one.
static NAMED_DAYS: LazyLock<(Regex, Vec<NamedDay>)> = LazyLock::new(|| {
    let mut days: Vec<(&str, i8, i8)> = lexicon::HOLIDAYS
        .entries()
        .map(|line| {
            let mut parts = line.rsplitn(3, ' ');
            let day = parts.next().and_then(|d| d.parse().ok());
            let month = parts.next().and_then(|m| m.parse().ok());
            let (Some(words), Some(month), Some(day)) = (parts.next(), month, day) else {
                panic!("holidays.txt: `{line}` is not words, month and day");
            };
            (words, month, day)
        })
        .collect();
    days.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
    // Any apostrophe, or none, where the list writes one ("New Year's",
    // "New Year’s", "New Years").
    let alternatives: Vec<String> = (days.iter())
        .map(|(words, _, _)| {
            regex::escape(words)
                .replace('\'', "['’]?")
                .replace(' ', r"\s+")
        })
        .collect();
    let regex =
        Regex::new(&format!(r"(?i)\b(?:{})\b", alternatives.join("|"))).expect("valid regex");
    let days = (days.into_iter())
        .map(|(words, month, day)| (without_apostrophes(words), month, day))
        .collect();
    (regex, days)
});

fn without_apostrophes(words: &str) -> String {
    words.replace(['\'', '’'], "")
}

/// The named days of `text`, in order, as dates without a year.
pub fn find_named_days(text: &str) -> Vec<DateMention> {
    let (regex, days) = &*NAMED_DAYS;
    regex
        .find_iter(text)
        .filter_map(|m| {
            let written = without_apostrophes(m.as_str()).to_lowercase();
            let written = written.split_whitespace().collect::<Vec<_>>().join(" ");
            let (_, month, day) = days.iter().find(|(words, _, _)| *words == written)?;
            Some(DateMention {
                range: m.range(),
                year: None,
                month: *month,
                day: *day,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_days_are_their_dates() {
        let found = find_named_days(
            "He died on Boxing Day. Fires burned on New Year’s Eve and on new years day.",
        );
        let days: Vec<(i8, i8)> = found.iter().map(|d| (d.month, d.day)).collect();
        assert_eq!(days, vec![(12, 26), (12, 31), (1, 1)]);
        assert!(find_named_days("The boxing match was on a day off.").is_empty());
    }
}
