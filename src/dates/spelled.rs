//! Dates whose day is an ordinal word ("the eleventh of September",
//! "September the eleventh") or an ordinal after "the" ("September the
//! 11th"), from `day_ordinals.txt`. The month must be written with a
//! capital, so that "may first" in a sentence is no date.

use std::sync::LazyLock;

use regex::Regex;

use super::{DateMention, MONTHS, month_number, valid_day};

/// Ordinal words and the day each names, longest first.
static DAYS: LazyLock<Vec<(&'static str, i8)>> = LazyLock::new(|| {
    let mut days: Vec<(&str, i8)> = (include_str!("day_ordinals.txt").lines())
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            let parsed = line
                .split_once(' ')
                .and_then(|(word, day)| Some((word, day.parse().ok()?)));
            parsed.unwrap_or_else(|| panic!("day_ordinals.txt: `{line}` is not a word and a day"))
        })
        .collect();
    days.sort_by_key(|(word, _)| std::cmp::Reverse(word.len()));
    days
});

/// "the eleventh of September" and "September the eleventh" (or "the
/// 11th"), with a year after either.
static PATTERNS: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    let words: Vec<String> = DAYS.iter().map(|(w, _)| regex::escape(w)).collect();
    let day = format!(r"(?:{}|\d{{1,2}}(?:st|nd|rd|th))", words.join("|"));
    let year = r"(?:,?\s+(\d{4})\b)?";
    [
        Regex::new(&format!(
            r"(?i)\bthe\s+({day})\s+(?:day\s+)?of\s+({MONTHS})\b{year}"
        )),
        Regex::new(&format!(r"(?i)\b({MONTHS})\s+the\s+({day})\b{year}")),
    ]
    .map(|r| r.expect("valid regex"))
});

/// The day a written ordinal names ("eleventh", "11th").
fn day_of(written: &str) -> Option<i8> {
    let lower = written.to_lowercase();
    if lower.starts_with(|c: char| c.is_ascii_digit()) {
        return lower
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse()
            .ok();
    }
    DAYS.iter()
        .find(|(word, _)| *word == lower)
        .map(|(_, d)| *d)
}

/// The dates of `text` whose day is spelled as an ordinal.
pub fn find_spelled_days(text: &str) -> Vec<DateMention> {
    let mut found = Vec::new();
    for (pattern, (day_group, month_group)) in PATTERNS.iter().zip([(1, 2), (2, 1)]) {
        for caps in pattern.captures_iter(text) {
            let (Some(day), Some(month)) = (caps.get(day_group), caps.get(month_group)) else {
                continue;
            };
            if !month.as_str().starts_with(char::is_uppercase) {
                continue;
            }
            let (Some(day), Some(month)) = (day_of(day.as_str()), month_number(month.as_str()))
            else {
                continue;
            };
            if valid_day(month, day) {
                found.push(DateMention {
                    range: caps.get(0).map_or(0..0, |m| m.range()),
                    year: caps.get(3).and_then(|y| y.as_str().parse().ok()),
                    month,
                    day,
                });
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(text: &str) -> Vec<(i8, i8, Option<i16>)> {
        (find_spelled_days(text).into_iter())
            .map(|d| (d.month, d.day, d.year))
            .collect()
    }

    #[test]
    fn ordinal_words_and_the_ordinal_after_the_month() {
        assert_eq!(days("on the eleventh of September"), [(9, 11, None)]);
        assert_eq!(
            days("on September the eleventh, 2001"),
            [(9, 11, Some(2001))]
        );
        assert_eq!(days("since March the 3rd"), [(3, 3, None)]);
        assert_eq!(days("the twenty-first of June"), [(6, 21, None)]);
        assert!(days("it may the first time").is_empty());
        assert!(days("the fortieth of February").is_empty());
    }
}
