//! Calendar dates as people write them in articles and notes: ISO, "February
//! 27", "Feb. 27", "27th Feb, 2025", "27/02/2025". Shared by the article
//! rules (metadata, datelines) and the claim checks.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

/// A date expression found in text. The year is missing when the text does
/// not give one ("on February 27").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub range: Range<usize>,
    pub year: Option<i16>,
    pub month: i8,
    pub day: i8,
}

impl DateMention {
    /// The full date, using `default_year` when the text gave none.
    pub fn resolve(&self, default_year: Option<i16>) -> Option<Date> {
        let year = self.year.or(default_year)?;
        Date::new(year, self.month, self.day).ok()
    }
}

/// An optional date as the cache stores it: year, month and day as
/// numbers, for `#[serde(with = "crate::dates::stored")]`. jiff writes an
/// ISO string, which must be parsed back, and a people index holds a date
/// per role record (1.3 million at 100,000 articles).
pub mod stored {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    pub fn serialize<S: Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
        date.map(|d| (d.year(), d.month(), d.day()))
            .serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Date>, D::Error> {
        let parts: Option<(i16, i8, i8)> = Deserialize::deserialize(deserializer)?;
        parts
            .map(|(year, month, day)| Date::new(year, month, day).map_err(D::Error::custom))
            .transpose()
    }
}

const MONTHS: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS})\b\.?(?:,?\s+(\d{{4}})\b)?"
    ))
    .expect("valid regex")
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b({MONTHS})\b\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?"
    ))
    .expect("valid regex")
});
static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").expect("valid regex"));
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b").expect("valid regex"));

pub fn month_number(name: &str) -> Option<i8> {
    let lower = name.to_ascii_lowercase();
    let prefix = lower.get(..3)?;
    Some(match prefix {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

pub fn month_name(month: i8) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES[(month.clamp(1, 12) - 1) as usize]
}

fn valid_day(month: i8, day: i8) -> bool {
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// Every date expression in `text`, in order, without overlaps. Numeric
/// `dd/mm/yyyy` forms are read day first only when that is the only valid
/// reading or the day is above 12; ambiguous ones are left out.
pub fn find_dates(text: &str) -> Vec<DateMention> {
    let mut found: Vec<DateMention> = Vec::new();
    let number = |s: Option<regex::Match>| s.and_then(|m| m.as_str().parse::<i16>().ok());
    for caps in ISO.captures_iter(text) {
        let (Some(year), Some(month), Some(day)) = (
            number(caps.get(1)),
            number(caps.get(2)),
            number(caps.get(3)),
        ) else {
            continue;
        };
        if valid_day(month as i8, day as i8) {
            found.push(DateMention {
                range: caps.get(0).map_or(0..0, |m| m.range()),
                year: Some(year),
                month: month as i8,
                day: day as i8,
            });
        }
    }
    for caps in DAY_MONTH.captures_iter(text) {
        let (Some(day), Some(month)) = (
            number(caps.get(1)),
            caps.get(2).and_then(|m| month_number(m.as_str())),
        ) else {
            continue;
        };
        if valid_day(month, day as i8) {
            found.push(DateMention {
                range: caps.get(0).map_or(0..0, |m| m.range()),
                year: number(caps.get(3)),
                month,
                day: day as i8,
            });
        }
    }
    for caps in MONTH_DAY.captures_iter(text) {
        let (Some(month), Some(day)) = (
            caps.get(1).and_then(|m| month_number(m.as_str())),
            number(caps.get(2)),
        ) else {
            continue;
        };
        if valid_day(month, day as i8) {
            found.push(DateMention {
                range: caps.get(0).map_or(0..0, |m| m.range()),
                year: number(caps.get(3)),
                month,
                day: day as i8,
            });
        }
    }
    for caps in NUMERIC.captures_iter(text) {
        let (Some(a), Some(b), Some(year)) = (
            number(caps.get(1)),
            number(caps.get(2)),
            number(caps.get(3)),
        ) else {
            continue;
        };
        let (day, month) = match (a > 12, b > 12) {
            (true, false) => (a, b),
            (false, true) => (b, a),
            _ if a == b => (a, b),
            _ => continue,
        };
        if valid_day(month as i8, day as i8) {
            found.push(DateMention {
                range: caps.get(0).map_or(0..0, |m| m.range()),
                year: Some(year),
                month: month as i8,
                day: day as i8,
            });
        }
    }
    // Longest match first at each start, then drop anything overlapping an
    // earlier keeper ("27th Feb, 2025" beats "Feb, 2025"... and "Feb 27").
    found.sort_by(|a, b| {
        a.range
            .start
            .cmp(&b.range.start)
            .then(b.range.len().cmp(&a.range.len()))
    });
    let mut kept: Vec<DateMention> = Vec::new();
    for mention in found {
        if kept
            .last()
            .is_some_and(|last| mention.range.start < last.range.end)
        {
            continue;
        }
        kept.push(mention);
    }
    kept
}

/// A weekday named in text ("on Friday").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekdayMention {
    pub range: Range<usize>,
    pub weekday: jiff::civil::Weekday,
}

/// The weekdays of `lexicon::weekdays`, capitalised, as a regex.
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<String> = crate::lexicon::weekdays()
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
            let position = crate::lexicon::weekdays()
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

/// Why a metadata date is not a valid ISO date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    /// Not in `YYYY-MM-DD` form; carries the ISO reading when one is certain.
    Malformed { suggestion: Option<Date> },
    /// In ISO form, but no such day exists.
    Impossible { reason: String },
}

/// Parse a metadata date, which must be exactly `YYYY-MM-DD`.
pub fn parse_metadata_date(value: &str) -> Result<Date, DateProblem> {
    let value = value.trim();
    let bytes = value.as_bytes();
    let iso_shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if iso_shape {
        let year: i16 = value[..4].parse().unwrap_or(0);
        let month: i8 = value[5..7].parse().unwrap_or(0);
        let day: i8 = value[8..].parse().unwrap_or(0);
        if !(1..=12).contains(&month) {
            return Err(DateProblem::Impossible {
                reason: format!("there is no month {month}"),
            });
        }
        return Date::new(year, month, day).map_err(|_| {
            let days = Date::new(year, month, 1)
                .map(|first| first.days_in_month())
                .unwrap_or(31);
            DateProblem::Impossible {
                reason: format!("{} {year} has {days} days", month_name(month)),
            }
        });
    }
    // A timestamp whose date part is fine is still not the contract's form,
    // but the fix is obvious.
    let suggestion = if value.len() > 10 && value.is_char_boundary(10) {
        parse_metadata_date(&value[..10]).ok()
    } else {
        None
    }
    .or_else(|| {
        let mentions = find_dates(value);
        match mentions.as_slice() {
            [only] if only.range == (0..value.len()) => only.resolve(None),
            _ => None,
        }
    })
    .or_else(|| {
        // 2025/02/27 and 2025.02.27
        let parts: Vec<&str> = value.split(['/', '.']).collect();
        match parts.as_slice() {
            [y, m, d] if y.len() == 4 => {
                Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
            }
            _ => None,
        }
    });
    Err(DateProblem::Malformed { suggestion })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(text: &str) -> Vec<(Option<i16>, i8, i8, &str)> {
        find_dates(text)
            .into_iter()
            .map(|m| (m.year, m.month, m.day, &text[m.range]))
            .collect()
    }

    #[test]
    fn finds_the_usual_forms() {
        assert_eq!(
            ymd("News - 27th Feb, 2025) and on February 28 and Feb. 26; 2025-03-02."),
            vec![
                (Some(2025), 2, 27, "27th Feb, 2025"),
                (None, 2, 28, "February 28"),
                (None, 2, 26, "Feb. 26"),
                (Some(2025), 3, 2, "2025-03-02"),
            ]
        );
        assert_eq!(
            ymd("on July 5, 2024."),
            vec![(Some(2024), 7, 5, "July 5, 2024")]
        );
        assert_eq!(ymd("27/02/2025"), vec![(Some(2025), 2, 27, "27/02/2025")]);
        assert!(
            ymd("03/02/2025").is_empty(),
            "ambiguous numeric dates are skipped"
        );
    }

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
    fn metadata_dates() {
        assert_eq!(
            parse_metadata_date("2025-02-27"),
            Ok(Date::constant(2025, 2, 27))
        );
        assert_eq!(
            parse_metadata_date("27/02/2025"),
            Err(DateProblem::Malformed {
                suggestion: Some(Date::constant(2025, 2, 27))
            })
        );
        assert_eq!(
            parse_metadata_date("2025-02-30"),
            Err(DateProblem::Impossible {
                reason: "February 2025 has 28 days".into()
            })
        );
        assert_eq!(
            parse_metadata_date("yesterday"),
            Err(DateProblem::Malformed { suggestion: None })
        );
        assert_eq!(
            parse_metadata_date("2025-02-27T10:00:00Z"),
            Err(DateProblem::Malformed {
                suggestion: Some(Date::constant(2025, 2, 27))
            })
        );
    }
}
