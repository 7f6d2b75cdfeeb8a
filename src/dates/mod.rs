//! Calendar dates as people write them in articles and notes: ISO, "February
//! 27", "Feb. 27", "27th Feb, 2025", "27/02/2025", days named instead of
//! dated ("Boxing Day", `named`); days and years named relative to
//! the day of writing (`relative`); metadata dates (`metadata`). Shared by
//! the article rules (metadata, datelines), the facts an article gives and
//! the claim checks.

mod metadata;
mod named;
mod relative;
mod spelled;

use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

pub use metadata::{DateProblem, parse_metadata_date};
pub use relative::{
    RelativeDayMention, RelativeYearMention, WeekdayMention, WeekendMention, days_after,
    find_relative_days, find_relative_years, find_weekdays, find_weekends, resolve_weekday,
    speaks_of_future, weekday_name, weekend_days,
};

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

/// A calendar day; the year is unknown when the text does not give it,
/// the day when the text names only the month ("in March").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarDay {
    pub year: Option<i16>,
    pub month: i8,
    pub day: Option<i8>,
}

/// How a date is written: "February 27, 2025", "27 February 2025" or ISO.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    MonthFirst,
    DayFirst,
    Iso,
}

impl CalendarDay {
    pub fn of(date: Date) -> CalendarDay {
        CalendarDay {
            year: Some(date.year()),
            month: date.month(),
            day: Some(date.day()),
        }
    }

    pub fn of_mention(mention: &DateMention) -> CalendarDay {
        CalendarDay {
            year: mention.year,
            month: mention.month,
            day: Some(mention.day),
        }
    }

    /// The same day, as far as both know the year and the day: "in March"
    /// agrees with any day of March.
    pub fn agrees(self, other: CalendarDay) -> bool {
        self.month == other.month
            && (self.day.is_none() || other.day.is_none() || self.day == other.day)
            && (self.year.is_none() || other.year.is_none() || self.year == other.year)
    }

    /// The date, when the day and year are known.
    pub fn date(self) -> Option<Date> {
        Date::new(self.year?, self.month, self.day?).ok()
    }

    /// The day without its year.
    pub fn without_year(self) -> CalendarDay {
        CalendarDay { year: None, ..self }
    }

    /// The day written in `style` (ISO needs the year; without one the day
    /// is written month first).
    pub fn written(self, style: DateStyle) -> String {
        let month = self.month;
        let name = month_name(month);
        let Some(day) = self.day else {
            return match self.year {
                Some(year) => format!("{name} {year}"),
                None => name.to_string(),
            };
        };
        match (style, self.year) {
            (DateStyle::Iso, Some(year)) => format!("{year:04}-{month:02}-{day:02}"),
            (DateStyle::DayFirst, Some(year)) => format!("{day} {name} {year}"),
            (DateStyle::DayFirst, None) => format!("{day} {name}"),
            (_, Some(year)) => format!("{name} {day}, {year}"),
            (_, None) => format!("{name} {day}"),
        }
    }
}

impl DateMention {
    /// How the mention is written.
    pub fn style(&self, text: &str) -> DateStyle {
        let written = text.get(self.range.clone()).unwrap_or("");
        if ISO.is_match(written) {
            DateStyle::Iso
        } else if written.starts_with(|c: char| c.is_ascii_digit()) {
            DateStyle::DayFirst
        } else {
            DateStyle::MonthFirst
        }
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

/// A month named without a day ("in March", "July 1961").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthMention {
    pub range: Range<usize>,
    pub year: Option<i16>,
    pub month: i8,
}

static MONTH_NAME: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<String> = (1..=12).map(|m| month_name(m).to_string()).collect();
    Regex::new(&format!(r"\b({})\b(?:,?\s+(\d{{4}})\b)?", names.join("|"))).expect("valid regex")
});

static DATE_PREPOSITIONS: LazyLock<crate::lexicon::WordSet> =
    LazyLock::new(|| crate::lexicon::WordSet::of(&[crate::lexicon::DATE_PREPOSITIONS]));

/// Months named, capitalised and in full, without a day: after a word that
/// makes them a date ("in May", "since June") or before a year ("July
/// 1961"); "May said" is a name.
pub fn find_months(text: &str) -> Vec<MonthMention> {
    let days = find_dates(text);
    MONTH_NAME
        .captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            if (days.iter()).any(|d| d.range.start < whole.end() && whole.start() < d.range.end) {
                return None;
            }
            let year = caps.get(2).and_then(|y| y.as_str().parse().ok());
            let word_before = text[..whole.start()]
                .split_whitespace()
                .next_back()
                .map(|w| w.to_ascii_lowercase());
            let a_date =
                year.is_some() || word_before.is_some_and(|w| DATE_PREPOSITIONS.contains(&w));
            a_date.then(|| MonthMention {
                range: whole.range(),
                year,
                month: month_number(&caps[1]).unwrap_or(1),
            })
        })
        .collect()
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
    // "27 February" and "February 27": the same date, its groups in turn.
    for (pattern, day_group, month_group) in [(&*DAY_MONTH, 1, 2), (&*MONTH_DAY, 2, 1)] {
        for caps in pattern.captures_iter(text) {
            let (Some(day), Some(month)) = (
                number(caps.get(day_group)),
                caps.get(month_group).and_then(|m| month_number(m.as_str())),
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
    found.extend(named::find_named_days(text));
    found.extend(spelled::find_spelled_days(text));
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
    fn months_without_a_day() {
        let found: Vec<(Option<i16>, i8, String)> = find_months(
            "It slid into recession in March, the lowest since July 1961. May said so on May 3.",
        )
        .into_iter()
        .map(|m| (m.year, m.month, m.range.len().to_string()))
        .collect();
        assert_eq!(
            found,
            vec![(None, 3, "5".to_string()), (Some(1961), 7, "9".to_string())]
        );
        let march = CalendarDay {
            year: None,
            month: 3,
            day: None,
        };
        assert!(march.agrees(CalendarDay::of(Date::constant(2001, 3, 12))));
        assert!(!march.agrees(CalendarDay::of(Date::constant(2001, 9, 11))));
        assert_eq!(march.written(DateStyle::DayFirst), "March");
    }

    proptest::proptest! {
        #[test]
        fn finders_never_panic_and_stay_in_bounds(text in "[0-9A-Za-z ,./:-]{0,50}") {
            let found = find_dates(&text);
            for pair in found.windows(2) {
                proptest::prop_assert!(pair[0].range.end <= pair[1].range.start);
            }
            let ranges = (found.into_iter().map(|m| m.range))
                .chain(find_months(&text).into_iter().map(|m| m.range))
                .chain(find_weekdays(&text).into_iter().map(|m| m.range))
                .chain(find_relative_days(&text).into_iter().map(|m| m.range));
            for range in ranges {
                proptest::prop_assert!(text.get(range).is_some());
            }
        }

        #[test]
        fn a_day_written_reads_back(year in 1990i16..2040, month in 1i8..=12, day in 1i8..=28) {
            let written = CalendarDay { year: Some(year), month, day: Some(day) };
            for style in [DateStyle::MonthFirst, DateStyle::DayFirst, DateStyle::Iso] {
                let text = format!("It happened on {}.", written.written(style));
                let found = find_dates(&text);
                proptest::prop_assert_eq!(found.len(), 1, "{}", text);
                proptest::prop_assert_eq!(CalendarDay::of_mention(&found[0]), written);
                proptest::prop_assert_eq!(found[0].style(&text), style);
            }
        }

        #[test]
        fn a_weekday_resolves_to_the_days_around(days in 0i64..20_000, weekday in 0i8..7) {
            let anchor = Date::constant(1990, 1, 1)
                .checked_add(jiff::Span::new().days(days))
                .unwrap();
            let weekday = jiff::civil::Weekday::from_monday_zero_offset(weekday).unwrap();
            let [past, next] = resolve_weekday(anchor, weekday);
            proptest::prop_assert!(past <= anchor && anchor < next);
            proptest::prop_assert_eq!((past.weekday(), next.weekday()), (weekday, weekday));
            proptest::prop_assert_eq!(past.until(next).unwrap().get_days(), 7);
            proptest::prop_assert_eq!(days_after(anchor, -1).until(anchor).unwrap().get_days(), 1);
        }
    }
}
