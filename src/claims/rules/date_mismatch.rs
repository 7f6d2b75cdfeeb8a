//! `date-mismatch`: a date in a cited claim that the cited source does not
//! give for the event the claim reports. Dates compare as calendar days;
//! weekdays and "yesterday" are resolved against the article's date. The
//! date is checked against the passage that supports the rest of the claim
//! (`binding`); the finding shows the source's own words for the event's
//! day ("the source says Wednesday (12 December)") and offers the fix. An
//! article's own date is not a date it gives for an event.

use std::ops::Range;

use super::ClaimContext;
use crate::article::facts::{DateForm, Fact, GivenDate};
use crate::claims::binding::{Candidate, ClaimEvent, Mismatch, mid_sentence};
use crate::claims::content_terms;
use crate::claims::evidence::collapse_space;
use crate::dates::{self, CalendarDay, DateStyle};
use crate::diagnostic::Diagnostic;
use crate::rules::{Documentation, FixtureFile, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "a date in a cited claim that the cited source does not give for that event",
    explanation: "Dates are compared as calendar days (`February 27`, `Feb. 27`, \
        `27th Feb, 2025`, `2025-02-27`; weekdays and `yesterday` are resolved against \
        the article's date). A date is checked against the passage of the cited source \
        that supports the rest of the claim: a date the article gives only for another \
        event, or the article's own date, does not support it. The finding shows the \
        source's own words for the day.",
    example: "Starmer met Trump on February 26 [@001].\n\n# the source says February 27",
};

const STORM: FixtureFile = (
    "sources/storm.md",
    "---\ntitle: Storm damages old pier\ndate: 2024-02-02\nsource: Post\n---\n\
     A storm on January 30 damaged the old pier in Porto Verde.\n\
     The harbour master inspected the pier on Wednesday.\n\
     The council met yesterday to discuss repairs.\n",
);

pub const FIXTURES: Fixtures = Fixtures {
    // A day the source gives for another event than the claim's.
    fires: &[
        STORM,
        (
            "notes/n.md",
            "The storm hit the pier on January 31 [@storm].\n\n\
             The harbour master inspected the pier on Thursday [@storm].\n",
        ),
    ],
    // The same days in other forms.
    silent: &[
        STORM,
        (
            "notes/n.md",
            "The storm hit the pier on 2024-01-30 [@storm].\n\n\
             The harbour master inspected the pier on January 31 [@storm].\n\n\
             The council met on February 1 to discuss repairs [@storm].\n",
        ),
    ],
};

/// A date a claim gives, where in its own words, and how it is written.
struct ClaimedDate {
    range: Range<usize>,
    form: ClaimedForm,
}

enum ClaimedForm {
    Calendar { day: CalendarDay, style: DateStyle },
    Weekday(jiff::civil::Weekday),
}

impl ClaimedDate {
    /// The days the date can mean in an article of `anchor`'s date: a
    /// weekday the past one or the coming one; none for a weekday when the
    /// article has no date.
    fn readings(&self, anchor: Option<jiff::civil::Date>) -> Vec<CalendarDay> {
        match self.form {
            ClaimedForm::Calendar { day, .. } => vec![day],
            ClaimedForm::Weekday(weekday) => anchor
                .map(|a| dates::resolve_weekday(a, weekday))
                .into_iter()
                .flatten()
                .map(CalendarDay::of)
                .collect(),
        }
    }
}

pub fn check(ctx: &ClaimContext) -> Vec<Diagnostic> {
    let claimed = claimed_dates(ctx.own);
    if claimed.is_empty() || ctx.cited.is_empty() {
        return Vec::new();
    }
    let event = ClaimEvent::new(ctx);
    claimed
        .iter()
        .filter_map(|date| {
            let mismatch = event.mismatch(date.range.clone(), |article| {
                let anchor = ctx.corpus.article(article).date();
                let readings = date.readings(anchor);
                if readings.is_empty() {
                    return None;
                }
                let agrees = |day: &CalendarDay| readings.iter().any(|r| r.agrees(*day));
                let precise = readings.iter().all(|r| r.day.is_some());
                let facts = ctx.corpus.facts_at(article);
                let source = &ctx.corpus.article(article).text;
                let weekday = matches!(date.form, ClaimedForm::Weekday(_));
                let candidates = (facts.dates.iter().enumerate())
                    .map(|(index, fact)| {
                        // "The weekend" gives a calendar date of it, not
                        // which of its days a claim's weekday names.
                        let weekend = fact.what.form == DateForm::Weekend;
                        Candidate {
                            index,
                            sentence: fact.sentence,
                            words: fact.words.clone(),
                            agrees: fact.what.days.iter().any(agrees) && !(weekend && weekday),
                            // "last August" is not the day the source gives.
                            bindable: (!precise || fact.what.days.iter().all(|d| d.day.is_some()))
                                && !weekend
                                && !of_something_else(source, fact, ctx.own),
                        }
                    })
                    .collect();
                let own_date = anchor.is_some_and(|a| agrees(&CalendarDay::of(a)));
                Some((candidates, own_date))
            })?;
            // A month alone is too loose to call never given: only one the
            // passage contradicts is reported.
            let month_alone =
                matches!(date.form, ClaimedForm::Calendar { day, .. } if day.day.is_none());
            if month_alone && mismatch.bound.is_none() {
                return None;
            }
            Some(finding(ctx, date, &mismatch))
        })
        .collect()
}

/// Whether a date of the source is written as the date of a thing the
/// claim does not name ("yesterday's outburst" for a claim about the fine):
/// it is that thing's date, not the claim's event's.
fn of_something_else(source: &str, fact: &Fact<GivenDate>, own: &str) -> bool {
    let written = &source[fact.range.clone()];
    let after = &source[fact.range.end..];
    let possessive = after.starts_with("'s") || after.starts_with("’s") || written.ends_with("'s");
    if !possessive {
        return false;
    }
    let thing = (after
        .trim_start_matches(['\'', '’', 's'])
        .split_whitespace())
    .map(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    })
    .find(|w| content_terms::is_content(w) && !w.contains('-'));
    let claim_words: Vec<String> = (own.split_whitespace())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    thing.is_some_and(|thing| {
        let stem = content_terms::stem(&thing);
        !claim_words.iter().any(|w| content_terms::stem(w) == stem)
    })
}

/// The dates of a claim's own words: calendar dates, months and weekdays.
fn claimed_dates(own: &str) -> Vec<ClaimedDate> {
    let mut claimed: Vec<ClaimedDate> = dates::find_dates(own)
        .into_iter()
        .map(|m| ClaimedDate {
            form: ClaimedForm::Calendar {
                day: CalendarDay::of_mention(&m),
                style: m.style(own),
            },
            range: m.range,
        })
        .collect();
    // A month's year ("July 1961") is left to `number-mismatch`.
    claimed.extend(dates::find_months(own).into_iter().map(|m| ClaimedDate {
        form: ClaimedForm::Calendar {
            day: CalendarDay {
                year: None,
                month: m.month,
                day: None,
            },
            style: DateStyle::MonthFirst,
        },
        range: m.range,
    }));
    claimed.extend(dates::find_weekdays(own).into_iter().map(|w| ClaimedDate {
        range: w.range,
        form: ClaimedForm::Weekday(w.weekday),
    }));
    claimed
}

/// The finding for a claimed date that the cited source does not give for
/// the event: against the date bound to it, when there is one, else with
/// the article's own date.
fn finding(ctx: &ClaimContext, claimed: &ClaimedDate, mismatch: &Mismatch) -> Diagnostic {
    let source = ctx.corpus.article(mismatch.article);
    let facts = ctx.corpus.facts_at(mismatch.article);
    let written = collapse_space(&ctx.own[claimed.range.clone()]);
    let location = ctx.location(ctx.claim.text.source_range(claimed.range.clone()));
    let bound = mismatch.bound.map(|i| &facts.dates[i]);
    let style = match claimed.form {
        ClaimedForm::Calendar { style, .. } => style,
        ClaimedForm::Weekday(_) => facts.style.unwrap_or(DateStyle::DayFirst),
    };
    let message = match bound {
        Some(fact) => format!(
            "the cited source `{}` does not give {written} for this; the source says {}",
            source.key,
            source_words(&source.text, fact, style)
        ),
        None => format!(
            "the cited source `{}` does not give {written} for this{}",
            source.key,
            (source.date())
                .map(|d| format!(" (it is dated {d})"))
                .unwrap_or_default()
        ),
    };
    let diagnostic = Diagnostic::new(Rule::DateMismatch, location.clone(), message);
    let diagnostic = mismatch.with_passage(ctx, diagnostic, bound.map(|fact| fact.sentence));
    match bound.and_then(|fact| replacement(claimed, &source.text, fact)) {
        Some(new_text) => diagnostic.with_replacement(
            format!("Replace with {new_text}"),
            location,
            new_text.clone(),
        ),
        None => diagnostic,
    }
}

/// The source's words for a day, with the day they mean when they do not
/// say it themselves: "Wednesday (12 December)", "yesterday (11
/// December)", "December 12".
fn source_words(text: &str, fact: &Fact<GivenDate>, style: DateStyle) -> String {
    let mut words = collapse_space(&text[fact.range.clone()]);
    if matches!(fact.what.form, DateForm::Relative | DateForm::Weekend) {
        // "Yesterday" opened the source's sentence, not the message's.
        words = mid_sentence(&words);
    }
    match (fact.what.form, fact.what.days.as_slice()) {
        (DateForm::Calendar, _) => words,
        (_, [day]) => format!("{words} ({})", day.without_year().written(style)),
        _ => words,
    }
}

/// The claim's date rewritten to the day the source gives, in the claim's
/// own form: a weekday for a weekday, a calendar date as the claim writes
/// one (with the year only when the claim gives one).
fn replacement(claimed: &ClaimedDate, text: &str, fact: &Fact<GivenDate>) -> Option<String> {
    let [day] = fact.what.days.as_slice() else {
        return None;
    };
    match claimed.form {
        ClaimedForm::Weekday(_) => match fact.what.form {
            DateForm::Weekday => Some(collapse_space(&text[fact.range.clone()])),
            _ => Some(dates::weekday_name(day.date()?.weekday())),
        },
        ClaimedForm::Calendar {
            day: claimed_day,
            style,
        } => {
            let mut shown = if claimed_day.year.is_some() || style == DateStyle::Iso {
                *day
            } else {
                day.without_year()
            };
            if claimed_day.day.is_none() {
                // A month for a month: "in March" for "in September".
                shown.day = None;
            }
            (style != DateStyle::Iso || shown.year.is_some()).then(|| shown.written(style))
        }
    }
}
