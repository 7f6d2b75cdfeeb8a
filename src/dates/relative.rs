//! Days named relative to when a text was written: weekdays ("on
//! Friday") and relative days ("yesterday", `lexicon::RELATIVE_DAYS`) and
//! years ("last year", `lexicon::RELATIVE_YEARS`),
//! resolved against the article's date, and whether a sentence speaks of
//! what is to come (`lexicon::FUTURE_WORDS`), which decides the weekday
//! meant.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use super::find_dates;
use crate::lexicon;

/// A weekday named in text ("on Friday").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekdayMention {
    pub range: Range<usize>,
    pub weekday: jiff::civil::Weekday,
}

/// The weekdays of `lexicon::weekdays`, capitalised, as a regex.
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<String> = lexicon::weekdays()
        .iter()
        .map(|day| capitalised(day))
        .collect();
    Regex::new(&format!(r"\b({})\b", names.join("|"))).expect("valid regex")
});

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Capitalised weekday names in `text` that are not part of a full date
/// ("Thursday, February 27" is a date, not a bare weekday).
pub fn find_weekdays(text: &str) -> Vec<WeekdayMention> {
    use jiff::civil::Weekday;
    let dates = find_dates(text);
    WEEKDAY
        .captures_iter(text)
        .filter_map(|caps| {
            let m = caps.get(1)?;
            let after = text[m.end()..].trim_start_matches([',', ' ']);
            if dates
                .iter()
                .any(|d| d.range.start >= m.end() && d.range.start == text.len() - after.len())
            {
                return None;
            }
            let position = lexicon::weekdays()
                .iter()
                .position(|day| day.eq_ignore_ascii_case(m.as_str()))?;
            let weekday = Weekday::from_monday_zero_offset(position as i8).ok()?;
            Some(WeekdayMention {
                range: m.range(),
                weekday,
            })
        })
        .collect()
}

/// The days a weekday can mean in a text written on `anchor`: the last such
/// day on or before it (news reports what happened), and the next one after
/// it (what is planned). Which one the writer meant needs the tense.
pub fn resolve_weekday(anchor: Date, weekday: jiff::civil::Weekday) -> [Date; 2] {
    let back =
        (anchor.weekday().to_monday_zero_offset() - weekday.to_monday_zero_offset()).rem_euclid(7);
    let past = anchor
        .checked_sub(jiff::Span::new().days(i64::from(back)))
        .unwrap_or(anchor);
    let ahead = 7 - back;
    let next = anchor
        .checked_add(jiff::Span::new().days(i64::from(ahead)))
        .unwrap_or(anchor);
    [past, next]
}

/// A day named by its distance from when the text was written
/// ("yesterday").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelativeDayMention {
    pub range: Range<usize>,
    /// Days after the day of writing (-1 for "yesterday").
    pub days: i8,
}

/// A whole-word, any-case regex for `phrases`, longest first.
fn phrases_regex(phrases: &mut [&str]) -> Regex {
    phrases.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let alternatives: Vec<String> = phrases
        .iter()
        .map(|p| regex::escape(p).replace(' ', r"\s+"))
        .collect();
    Regex::new(&format!(r"(?i)\b(?:{})\b", alternatives.join("|"))).expect("valid regex")
}

/// A list of `words offset` lines: a regex for the words, and each one's
/// offset.
fn offsets(file: lexicon::ListFile) -> (Regex, Vec<(&'static str, i8)>) {
    let offsets: Vec<(&str, i8)> = file
        .entries()
        .map(|line| {
            let (words, offset) = line
                .rsplit_once(' ')
                .unwrap_or_else(|| panic!("{}: `{line}` is not words, then a number", file.name));
            let offset = offset
                .parse()
                .unwrap_or_else(|_| panic!("{}: `{line}` ends with no number", file.name));
            (words.trim(), offset)
        })
        .collect();
    let mut words: Vec<&str> = offsets.iter().map(|(w, _)| *w).collect();
    (phrases_regex(&mut words), offsets)
}

/// The offset `found` (words of one of `offsets`, any case and spacing)
/// stands for.
fn offset_of(offsets: &[(&str, i8)], found: &str) -> Option<i8> {
    let written = found.split_whitespace().collect::<Vec<_>>().join(" ");
    (offsets.iter())
        .find(|(w, _)| w.eq_ignore_ascii_case(&written))
        .map(|(_, offset)| *offset)
}

static RELATIVE_DAYS: LazyLock<(Regex, Vec<(&'static str, i8)>)> =
    LazyLock::new(|| offsets(lexicon::RELATIVE_DAYS));

static RELATIVE_YEARS: LazyLock<(Regex, Vec<(&'static str, i8)>)> =
    LazyLock::new(|| offsets(lexicon::RELATIVE_YEARS));

static YEARS_AGO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(\d{1,3})\s+years?\s+ago\b").expect("valid regex"));

static DAYS_AGO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(\d{1,2})\s+days?\s+ago\b").expect("valid regex"));

static WEEKENDS: LazyLock<(Regex, Vec<(&'static str, bool)>)> = LazyLock::new(|| {
    let weekends: Vec<(&str, bool)> = lexicon::WEEKENDS
        .entries()
        .map(|line| match line.rsplit_once(' ') {
            Some((words, "past")) => (words, false),
            Some((words, "coming")) => (words, true),
            _ => panic!("weekends.txt: `{line}` ends with neither `past` nor `coming`"),
        })
        .collect();
    let mut words: Vec<&str> = weekends.iter().map(|(w, _)| *w).collect();
    (phrases_regex(&mut words), weekends)
});

/// A weekend named relative to when the text was written ("last
/// weekend").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekendMention {
    pub range: std::ops::Range<usize>,
    /// The coming weekend rather than the past one.
    pub coming: bool,
}

/// Weekends `text` names relative to when it was written, in order.
pub fn find_weekends(text: &str) -> Vec<WeekendMention> {
    let (regex, weekends) = &*WEEKENDS;
    regex
        .find_iter(text)
        .filter_map(|m| {
            let written = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
            let (_, coming) = (weekends.iter()).find(|(w, _)| w.eq_ignore_ascii_case(&written))?;
            Some(WeekendMention {
                range: m.range(),
                coming: *coming,
            })
        })
        .collect()
}

/// The Saturday and Sunday of a weekend named in a text of `anchor`'s date.
pub fn weekend_days(anchor: Date, coming: bool) -> [Date; 2] {
    let pick = |weekday| resolve_weekday(anchor, weekday)[usize::from(coming)];
    [
        pick(jiff::civil::Weekday::Saturday),
        pick(jiff::civil::Weekday::Sunday),
    ]
}

/// A year named by its distance from when the text was written ("last
/// year", "two years ago").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelativeYearMention {
    pub range: std::ops::Range<usize>,
    /// Years after the year of writing (-1 for "last year").
    pub years: i16,
}

/// Years `text` names relative to when it was written, in order.
pub fn find_relative_years(text: &str) -> Vec<RelativeYearMention> {
    let (regex, years) = &*RELATIVE_YEARS;
    let mut found: Vec<RelativeYearMention> = (regex.find_iter(text))
        .filter_map(|m| {
            Some(RelativeYearMention {
                range: m.range(),
                years: i16::from(offset_of(years, m.as_str())?),
            })
        })
        .collect();
    found.extend(YEARS_AGO.captures_iter(text).filter_map(|caps| {
        let years: i16 = caps[1].parse().ok()?;
        Some(RelativeYearMention {
            range: caps.get(0)?.range(),
            years: -years,
        })
    }));
    found.sort_by_key(|m| m.range.start);
    found
}

/// Days `text` names relative to when it was written ("yesterday", "last
/// night"), in order.
pub fn find_relative_days(text: &str) -> Vec<RelativeDayMention> {
    let (regex, days) = &*RELATIVE_DAYS;
    let mut found: Vec<RelativeDayMention> = (regex.find_iter(text))
        .filter_map(|m| {
            Some(RelativeDayMention {
                range: m.range(),
                days: offset_of(days, m.as_str())?,
            })
        })
        .collect();
    found.extend(DAYS_AGO.captures_iter(text).filter_map(|caps| {
        let days: i8 = caps[1].parse().ok()?;
        Some(RelativeDayMention {
            range: caps.get(0)?.range(),
            days: -days,
        })
    }));
    found.sort_by_key(|m| m.range.start);
    found
}

/// The day `days` after `anchor`.
pub fn days_after(anchor: Date, days: i8) -> Date {
    anchor
        .checked_add(jiff::Span::new().days(i64::from(days)))
        .unwrap_or(anchor)
}

static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    let mut words: Vec<&str> = lexicon::FUTURE_WORDS.entries().collect();
    phrases_regex(&mut words)
});

/// Whether `sentence` speaks of what is to come ("will", "is due"): a
/// weekday in it may mean the coming one.
pub fn speaks_of_future(sentence: &str) -> bool {
    FUTURE.is_match(sentence)
}

/// The English name of `weekday`, capitalised.
pub fn weekday_name(weekday: jiff::civil::Weekday) -> String {
    let days = lexicon::weekdays();
    capitalised(days[weekday.to_monday_zero_offset() as usize % days.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_resolve_around_the_article_date() {
        use jiff::civil::Weekday;
        let found = find_weekdays("meets Trump Thursday; on Friday, February 28 he signs");
        assert_eq!(
            found.len(),
            1,
            "a weekday that names a full date is not bare"
        );
        assert_eq!(found[0].weekday, Weekday::Thursday);
        let thursday = Date::constant(2025, 2, 27);
        assert_eq!(
            resolve_weekday(thursday, Weekday::Thursday),
            [thursday, Date::constant(2025, 3, 6)]
        );
        assert_eq!(
            resolve_weekday(Date::constant(2025, 3, 2), Weekday::Friday),
            [Date::constant(2025, 2, 28), Date::constant(2025, 3, 7)]
        );
    }

    #[test]
    fn relative_days_and_tense() {
        let found =
            find_relative_days("Police said yesterday that last  night's fire, and Today's");
        let days: Vec<i8> = found.iter().map(|m| m.days).collect();
        assert_eq!(days, vec![-1, -1, 0]);
        assert_eq!(
            days_after(Date::constant(2001, 12, 1), -1),
            Date::constant(2001, 11, 30)
        );
        assert!(speaks_of_future("Talks are due to resume on Friday."));
        assert!(!speaks_of_future("Talks resumed on Friday."));
        assert!(find_relative_days("the yesterdays").is_empty());
    }

    #[test]
    fn relative_years() {
        let found = find_relative_years("Last year, and two years ago, and 3 years ago; yearly");
        let years: Vec<i16> = found.iter().map(|m| m.years).collect();
        assert_eq!(years, vec![-1, -2, -3]);
    }

    #[test]
    fn days_ago_and_weekends() {
        let found = find_relative_days("It began three days ago, and 10 days ago");
        let days: Vec<i8> = found.iter().map(|m| m.days).collect();
        assert_eq!(days, vec![-3, -10]);
        let weekends = find_weekends("talks last weekend; a vote this weekend");
        assert_eq!(
            weekends.iter().map(|w| w.coming).collect::<Vec<_>>(),
            vec![false, true]
        );
        // A Monday: the weekend just gone, and the next.
        let monday = Date::constant(2001, 12, 17);
        assert_eq!(
            weekend_days(monday, false),
            [Date::constant(2001, 12, 15), Date::constant(2001, 12, 16)]
        );
        assert_eq!(
            weekend_days(monday, true),
            [Date::constant(2001, 12, 22), Date::constant(2001, 12, 23)]
        );
    }
}
