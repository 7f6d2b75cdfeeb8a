//! `date-mismatch`: a date in a cited claim that no cited source gives for
//! it. Dates are compared as calendar days; weekdays are resolved against
//! the article's date. The finding shows the dates the closest passage
//! gives; when it gives one, the fix puts it in.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use super::ClaimContext;
use crate::article::Article;
use crate::claims::content_terms::content_words;
use crate::claims::evidence::Evidence;
use crate::dates;
use crate::diagnostic::Diagnostic;
use crate::rules::{Documentation, FixtureFile, Fixtures, Rule};
use crate::text::words;

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "a date in a cited claim that the cited source does not give for that event",
    explanation: "Dates are compared as calendar days (`February 27`, `Feb. 27`, \
        `27th Feb, 2025`, `2025-02-27`; weekday names are resolved against the \
        article's date). A date in the claim that the cited source does not give for \
        the event is reported with the date it does give.",
    example: "Starmer met Trump on February 26 [@001].\n\n# the source says February 27",
};

const STORM: FixtureFile = (
    "sources/storm.md",
    "---\ntitle: Storm damages old pier\ndate: 2024-02-02\nsource: Post\n---\n\
     A storm on January 30 damaged the old pier in Porto Verde.\n",
);

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[
        STORM,
        (
            "notes/n.md",
            "The storm hit the pier on January 31 [@storm].\n",
        ),
    ],
    // The same day in ISO form.
    silent: &[
        STORM,
        (
            "notes/n.md",
            "The storm hit the pier on 2024-01-30 [@storm].\n",
        ),
    ],
};

/// A calendar day; the year is unknown when the text does not give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Day {
    year: Option<i16>,
    month: i8,
    day: i8,
}

impl Day {
    fn of(date: Date) -> Day {
        Day {
            year: Some(date.year()),
            month: date.month(),
            day: date.day(),
        }
    }

    /// The same day, as far as both know the year.
    fn agrees(self, other: Day) -> bool {
        self.month == other.month
            && self.day == other.day
            && (self.year.is_none() || other.year.is_none() || self.year == other.year)
    }

    /// As a claim writes it: ISO, or "February 27, 2025" ("February 27"
    /// without a year).
    fn written(self, iso: bool) -> String {
        let (month, day) = (self.month, self.day);
        match (iso, self.year) {
            (true, Some(year)) => format!("{year:04}-{month:02}-{day:02}"),
            (_, Some(year)) => format!("{} {day}, {year}", dates::month_name(month)),
            (_, None) => format!("{} {day}", dates::month_name(month)),
        }
    }
}

/// A date an article gives, and where in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SourceDate {
    day: Day,
    range: Range<usize>,
}

/// A date a claim gives: where in its own words, the days it can mean (a
/// weekday means one for each cited article's date), and whether it is
/// written in ISO form.
struct ClaimedDate {
    range: Range<usize>,
    readings: Vec<Day>,
    iso: bool,
}

pub fn check(ctx: &ClaimContext) -> Vec<Diagnostic> {
    let claimed = claimed_dates(ctx);
    let Some(&first_cited) = ctx.cited.first() else {
        return Vec::new();
    };
    if claimed.is_empty() {
        return Vec::new();
    }
    let given: Vec<Vec<SourceDate>> = (ctx.cited.iter())
        .map(|&a| article_dates(ctx.corpus.article(a)))
        .collect();
    let claim_words = words(ctx.own);
    let query = content_words(&claim_words);
    claimed
        .iter()
        .filter(|date| {
            !given
                .iter()
                .any(|dates| (dates.iter()).any(|d| date.readings.iter().any(|&r| d.day.agrees(r))))
        })
        .map(|date| finding(ctx, date, first_cited, &given[0], &query))
        .collect()
}

/// The dates of the claim's own words, weekdays resolved against each cited
/// article's date (a weekday no cited article dates is left alone).
fn claimed_dates(ctx: &ClaimContext) -> Vec<ClaimedDate> {
    let own = ctx.own;
    let mut claimed: Vec<ClaimedDate> = dates::find_dates(own)
        .into_iter()
        .map(|m| ClaimedDate {
            iso: own[m.range.clone()].contains('-'),
            readings: vec![Day {
                year: m.year,
                month: m.month,
                day: m.day,
            }],
            range: m.range,
        })
        .collect();
    for weekday in dates::find_weekdays(own) {
        let readings: Vec<Day> = (ctx.cited.iter())
            .filter_map(|&a| ctx.corpus.article(a).date())
            .flat_map(|anchor| dates::resolve_weekday(anchor, weekday.weekday))
            .map(Day::of)
            .collect();
        if !readings.is_empty() {
            claimed.push(ClaimedDate {
                range: weekday.range,
                readings,
                iso: false,
            });
        }
    }
    claimed
}

/// The finding for a claimed date no cited article gives, shown against
/// `article`, which gives `given`.
fn finding(
    ctx: &ClaimContext,
    claimed: &ClaimedDate,
    article: usize,
    given: &[SourceDate],
    query: &[&str],
) -> Diagnostic {
    let article_ref = ctx.corpus.article(article);
    let in_body: Vec<&SourceDate> = (given.iter())
        .filter(|d| article_ref.body.start <= d.range.start)
        .collect();
    let inside =
        |d: &SourceDate, r: &Range<usize>| r.start <= d.range.start && d.range.end <= r.end;
    let evidence = ctx.best_passage(article, query, |r| in_body.iter().any(|d| inside(d, &r)));
    let passage_dates = evidence
        .as_ref()
        .map(|evidence| passage_dates(claimed, &in_body, evidence))
        .unwrap_or_default();
    let written = &ctx.own[claimed.range.clone()];
    let message = if passage_dates.is_empty() {
        format!(
            "the cited source `{}` does not give {written} for this{}",
            article_ref.key,
            (article_ref.date())
                .map(|d| format!(" (it is dated {d})"))
                .unwrap_or_default()
        )
    } else {
        format!(
            "the cited source `{}` does not give {written} for this; it gives {}",
            article_ref.key,
            passage_dates.join(", ")
        )
    };
    let location = ctx.location(ctx.claim.text.source_range(claimed.range.clone()));
    let mut diagnostic = Diagnostic::new(Rule::DateMismatch, location.clone(), message);
    if let Some(evidence) = &evidence {
        diagnostic = diagnostic.with_related(
            ctx.article_location(evidence.article, evidence.sentence.clone()),
            format!(
                "closest passage in `{}`: “{}”",
                article_ref.key,
                evidence.excerpt(ctx.corpus)
            ),
        );
    }
    if let [only] = passage_dates.as_slice()
        && claimed.readings.len() == 1
    {
        diagnostic =
            diagnostic.with_replacement(format!("Replace with {only}"), location, only.clone());
    }
    diagnostic
}

/// The dates of the body the evidence sentence gives, written as the claim
/// writes its date (with a year only when the claim gives one or is ISO).
fn passage_dates(
    claimed: &ClaimedDate,
    in_body: &[&SourceDate],
    evidence: &Evidence,
) -> Vec<String> {
    let sentence = &evidence.sentence;
    let claim_has_year = claimed.readings[0].year.is_some() || claimed.iso;
    let mut written: Vec<String> = Vec::new();
    for d in in_body {
        if sentence.start <= d.range.start && d.range.end <= sentence.end {
            let day = Day {
                year: d.day.year.filter(|_| claim_has_year),
                ..d.day
            };
            let text = day.written(claimed.iso);
            if !written.contains(&text) {
                written.push(text);
            }
        }
    }
    written
}

static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(will|next|plans?|planned|is due|are due|expected|scheduled|set to|upcoming|later this)\b",
    )
    .expect("valid regex")
});

/// Every date an article gives: its metadata date ("today" in its own
/// terms), dates in the body, and weekdays resolved against its date.
fn article_dates(article: &Article) -> Vec<SourceDate> {
    let mut found = Vec::new();
    let anchor = article.date();
    if let (Some(date), Some(field)) = (anchor, article.field("date")) {
        found.push(SourceDate {
            day: Day::of(date),
            range: field.value_range.clone(),
        });
    }
    let body = article.body_text();
    let offset = article.body.start;
    for mention in dates::find_dates(body) {
        found.push(SourceDate {
            day: Day {
                year: mention.year.or(anchor.map(|d| d.year())),
                month: mention.month,
                day: mention.day,
            },
            range: mention.range.start + offset..mention.range.end + offset,
        });
    }
    if let Some(anchor) = anchor {
        found.extend(weekday_dates(body, offset, anchor));
    }
    found
}

/// The weekdays of an article's `body` (at `offset` of its text) as the
/// days they can mean, given the article's date.
fn weekday_dates(body: &str, offset: usize, anchor: Date) -> Vec<SourceDate> {
    let mut found = Vec::new();
    for weekday in dates::find_weekdays(body) {
        let [past, next] = dates::resolve_weekday(anchor, weekday.weekday);
        // News reports what happened; the coming weekday is meant only
        // when the sentence speaks of the future.
        let sentence_start = body[..weekday.range.start]
            .rfind(['\n', '.'])
            .map_or(0, |i| i + 1);
        let sentence_end = body[weekday.range.end..]
            .find(['\n', '.'])
            .map_or(body.len(), |i| i + weekday.range.end);
        let readings = if FUTURE.is_match(&body[sentence_start..sentence_end]) {
            vec![past, next]
        } else {
            vec![past]
        };
        for date in readings {
            found.push(SourceDate {
                day: Day::of(date),
                range: weekday.range.start + offset..weekday.range.end + offset,
            });
        }
    }
    found
}
