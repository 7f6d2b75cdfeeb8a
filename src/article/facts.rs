//! The numbers and dates an article's body gives, each placed in its
//! sentence: what a claim's numbers and dates are checked against. Found
//! once per article (`Corpus::facts_at`), not once per claim.
//!
//! Dates are calendar days: dates as written ("12 December"), weekdays and
//! relative days ("yesterday") resolved against the article's date. The
//! article's own date is not among them: it says when the story was
//! written, not when anything in it happened.

use std::ops::Range;

use jiff::civil::Date;

use super::{Article, ArticleWords};
use crate::dates::{self, CalendarDay, DateStyle};
use crate::quantities::{Quantity, quantities};

/// A number or date of an article, and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact<T> {
    pub what: T,
    /// Byte range in the article's text.
    pub range: Range<usize>,
    /// The words of the article's `ArticleText` it covers.
    pub words: Range<usize>,
    /// The sentence (of `ArticleText::sentences`) holding it.
    pub sentence: usize,
}

/// How the body names a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateForm {
    /// "12 December", "2001-12-12".
    Calendar,
    /// "Wednesday".
    Weekday,
    /// "yesterday", "last night".
    Relative,
    /// "last weekend": its Saturday and Sunday.
    Weekend,
}

/// A day the body gives.
#[derive(Debug, Clone, PartialEq)]
pub struct GivenDate {
    /// The days it can mean: one, or for a weekday in a sentence about
    /// what is to come, the past one and the coming one.
    pub days: Vec<CalendarDay>,
    pub form: DateForm,
}

/// Every number and date of an article's body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleFacts {
    pub quantities: Vec<Fact<Quantity>>,
    pub dates: Vec<Fact<GivenDate>>,
    /// Years named by their distance from the article's date ("last
    /// year"), resolved.
    pub relative_years: Vec<Fact<i16>>,
    /// How the body writes dates, when it writes one.
    pub style: Option<DateStyle>,
}

/// The quantities of `text` that are not part of a date ("May 9, 2024").
/// A month's year ("March 2001") is one: the year is checked as a number.
pub fn quantities_outside_dates(text: &str) -> Vec<Quantity> {
    let date_ranges: Vec<_> = (dates::find_dates(text).into_iter())
        .map(|d| d.range)
        .collect();
    quantities(text)
        .into_iter()
        .filter(|q| {
            !date_ranges
                .iter()
                .any(|d| d.start < q.range.end && q.range.start < d.end)
        })
        .collect()
}

impl ArticleFacts {
    pub fn new(article: &Article, text: ArticleWords<'_>) -> ArticleFacts {
        let body = article.body_text();
        let offset = article.body.start;
        let anchor = article.date();
        let place = |range: Range<usize>| locate(text, range.start + offset..range.end + offset);
        let mut facts = ArticleFacts::default();
        for mut quantity in quantities_outside_dates(body) {
            if let Some((range, words, sentence)) = place(quantity.range.clone()) {
                quantity.range = range.clone();
                facts.quantities.push(Fact {
                    what: quantity,
                    range,
                    words,
                    sentence,
                });
            }
        }
        let mentions = dates::find_dates(body);
        // A named day ("Boxing Day") shows no way of writing dates.
        facts.style = (mentions.iter())
            .find(|m| body[m.range.clone()].contains(|c: char| c.is_ascii_digit()))
            .map(|m| m.style(body));
        let mut given: Vec<(Range<usize>, GivenDate)> = Vec::new();
        for mention in &mentions {
            let mut day = CalendarDay::of_mention(mention);
            if day.year.is_none() {
                day.year = anchor.and_then(|a| nearest_year(a, day)).or(day.year);
            }
            let date = GivenDate {
                days: vec![day],
                form: DateForm::Calendar,
            };
            given.push((mention.range.clone(), date));
        }
        for month in dates::find_months(body) {
            // No year is guessed for a month alone: "in March" in December
            // is as likely this year's as next year's.
            let day = CalendarDay {
                year: month.year,
                month: month.month,
                day: None,
            };
            let date = GivenDate {
                days: vec![day],
                form: DateForm::Calendar,
            };
            given.push((month.range, date));
        }
        if let Some(anchor) = anchor {
            given.extend(weekdays(body, anchor));
            for relative in dates::find_relative_years(body) {
                if let Some((range, words, sentence)) = place(relative.range) {
                    facts.relative_years.push(Fact {
                        what: anchor.year() + relative.years,
                        range,
                        words,
                        sentence,
                    });
                }
            }
            for weekend in dates::find_weekends(body) {
                let days = dates::weekend_days(anchor, weekend.coming);
                let date = GivenDate {
                    days: days.into_iter().map(CalendarDay::of).collect(),
                    form: DateForm::Weekend,
                };
                given.push((weekend.range, date));
            }
            for relative in dates::find_relative_days(body) {
                let day = CalendarDay::of(dates::days_after(anchor, relative.days));
                let date = GivenDate {
                    days: vec![day],
                    form: DateForm::Relative,
                };
                given.push((relative.range, date));
            }
        }
        given.sort_by_key(|(range, _)| range.start);
        for (range, date) in given {
            if let Some((range, words, sentence)) = place(range) {
                facts.dates.push(Fact {
                    what: date,
                    range,
                    words,
                    sentence,
                });
            }
        }
        facts
    }
}

impl ArticleFacts {
    /// Whether the body names `year` in any form: in digits, in a date
    /// (a day or month without a year read in the article's year or the one
    /// before), or relative to the article's date ("last year").
    pub fn names_year(&self, year: f64, anchor: Option<Date>) -> bool {
        let given = |y: i16| f64::from(y) == year;
        let near_anchor = |y: Option<i16>| match y {
            Some(y) => given(y),
            None => anchor.is_some_and(|a| given(a.year()) || given(a.year() - 1)),
        };
        (self.quantities.iter()).any(|q| q.what.value() == year && !q.what.is_range())
            || (self.dates.iter()).any(|d| d.what.days.iter().any(|day| near_anchor(day.year)))
            || self.relative_years.iter().any(|y| given(y.what))
    }
}

/// The year that puts `day` nearest the article's date: an article of 3
/// January 2002 means December 2001 by "December 12".
fn nearest_year(anchor: Date, day: CalendarDay) -> Option<i16> {
    let year = anchor.year();
    let day_of_month = day.day?;
    [year - 1, year, year + 1]
        .into_iter()
        .filter_map(|y| Date::new(y, day.month, day_of_month).ok().map(|d| (y, d)))
        .min_by_key(|(_, d)| {
            d.since(anchor)
                .map_or(i64::MAX, |s| i64::from(s.get_days().abs()))
        })
        .map(|(y, _)| y)
}

/// Words before a weekday read for whether it is to come.
const FUTURE_REACH: usize = 8;

/// The weekdays of `body` as the days they can mean, given the article's
/// date: the past one, as news reports what happened, and the coming one
/// too when the words before it speak of what is to come.
fn weekdays(body: &str, anchor: Date) -> Vec<(Range<usize>, GivenDate)> {
    let mut found = Vec::new();
    for weekday in dates::find_weekdays(body) {
        let [past, next] = dates::resolve_weekday(anchor, weekday.weekday);
        // The words just before it, within its sentence, say whether it is
        // to come ("talks are due to resume on Friday").
        let sentence_start = body[..weekday.range.start]
            .rfind(['\n', '.'])
            .map_or(0, |i| i + 1);
        let clause: Vec<&str> = body[sentence_start..weekday.range.start]
            .split_whitespace()
            .rev()
            .take(FUTURE_REACH)
            .collect();
        let clause: Vec<&str> = clause.into_iter().rev().collect();
        let word_before = body[..weekday.range.start]
            .split_whitespace()
            .next_back()
            .unwrap_or("")
            .to_ascii_lowercase();
        let days = match word_before.as_str() {
            "last" => vec![past],
            "next" | "this" | "coming" => vec![next],
            _ if dates::speaks_of_future(&clause.join(" ")) => vec![past, next],
            _ => vec![past],
        };
        let date = GivenDate {
            days: days.into_iter().map(CalendarDay::of).collect(),
            form: DateForm::Weekday,
        };
        found.push((weekday.range, date));
    }
    found
}

/// `range` of the article's text as (itself, the words it covers, their
/// sentence); none when it covers no word.
fn locate(
    text: ArticleWords<'_>,
    range: Range<usize>,
) -> Option<(Range<usize>, Range<usize>, usize)> {
    let first = text.words.partition_point(|w| w.end <= range.start);
    let end = text.words.partition_point(|w| w.start < range.end);
    if first >= end {
        return None;
    }
    let sentence = text.sentence_of(first)?;
    Some((range, first..end, sentence))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::article::ArticleText;

    fn facts(text: &str) -> (Article, ArticleFacts) {
        let article = Article::parse(PathBuf::from("/w/a.md"), "a.md".into(), text.into());
        let facts = ArticleFacts::new(&article, ArticleText::new(&article).read(&article));
        (article, facts)
    }

    #[test]
    fn numbers_and_days_in_their_sentences() {
        let (article, facts) = facts(
            "---\ndate: 2001-12-13\n---\nThe meeting was on Wednesday. A report came out yesterday.\n\
             The fine was $A8,800 on December 3, and talks will resume on Monday.\n",
        );
        let numbers: Vec<(&str, usize)> = (facts.quantities.iter())
            .map(|f| (&article.text[f.range.clone()], f.sentence))
            .collect();
        assert_eq!(numbers, vec![("$A8,800", 2)]);
        let days: Vec<(&str, Vec<String>, usize)> = (facts.dates.iter())
            .map(|f| {
                let days = f
                    .what
                    .days
                    .iter()
                    .map(|d| d.written(DateStyle::Iso))
                    .collect();
                (&article.text[f.range.clone()], days, f.sentence)
            })
            .collect();
        assert_eq!(
            days,
            vec![
                ("Wednesday", vec!["2001-12-12".to_string()], 0),
                ("yesterday", vec!["2001-12-12".to_string()], 1),
                ("December 3", vec!["2001-12-03".to_string()], 2),
                (
                    "Monday",
                    vec!["2001-12-10".to_string(), "2001-12-17".to_string()],
                    2
                ),
            ]
        );
        assert_eq!(facts.style, Some(DateStyle::MonthFirst));
    }

    #[test]
    fn years_named_in_words_and_dates() {
        let (article, facts) = facts(
            "---\ndate: 2001-12-12\n---\nIt was the 11th cut this year. It began in March.\n\
             They met two years ago, on Boxing Day.\n",
        );
        let anchor = article.date();
        for year in [2001.0, 2000.0, 1999.0] {
            assert!(facts.names_year(year, anchor), "{year}");
        }
        assert!(!facts.names_year(1998.0, anchor));
        let boxing_day = facts.dates.iter().find(|d| d.what.days[0].day == Some(26));
        assert_eq!(boxing_day.map(|d| d.what.days[0].month), Some(12));
        assert_eq!(facts.style, None);
    }

    #[test]
    fn a_date_without_a_year_is_the_nearest_one() {
        let (_, facts) = facts("---\ndate: 2002-01-03\n---\nIt opened on December 12.\n");
        assert_eq!(facts.dates[0].what.days[0].year, Some(2001));
    }
}
