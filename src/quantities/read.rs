//! Reading quantities out of text: clock times, numbers in digits (with
//! money marks, scales and per cent), then ranges and the qualifiers
//! around them. Numbers in words are read in `words.rs`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::lexicon::{LEXICON, Qualifier, alternation};
use super::{Bound, Currency, Kind, Quantity};

/// One number as written, before ranges and qualifiers join it to others.
#[derive(Debug, Clone)]
pub(super) struct Single {
    pub quantity: Quantity,
    /// The scale written with it ("million"); 1 when none.
    pub scale: f64,
    pub digits: bool,
}

/// "6:30 pm", "6.30pm", "4 p.m.", "18:45".
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})(?:([:.])(\d{2}))?(?:\s?(a\.m\.|p\.m\.|am|pm))?")
        .expect("valid regex")
});

pub(super) static PERCENT: &str =
    r"\s?%|\s?(?i:percent)\b|\s+(?i:per\s?cent)\b|\s+(?i:percentage\s+points?)\b";

static DIGITS: LazyLock<Regex> = LazyLock::new(|| {
    let lexicon = &*LEXICON;
    let marks: Vec<String> = (lexicon.currency_before.iter())
        .map(|(mark, _)| {
            let boundary = if mark.starts_with(char::is_alphanumeric) {
                r"\b"
            } else {
                ""
            };
            format!("{boundary}{}", regex::escape(mark))
        })
        .collect();
    let after: Vec<&str> = lexicon.currency_after.iter().map(|(m, _)| *m).collect();
    Regex::new(&format!(
        r"(?P<cur>(?:{})\s?)?(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?P<scale>(?i:{}))\b|(?P<short>(?i:{}))\b)?(?P<pct>{PERCENT})?(?P<after>\s+(?i:{})\b)?",
        marks.join("|"),
        lexicon.scales(|u| u.after_digits),
        lexicon.scales(|u| u.glued_to_money),
        alternation(&mut after.clone()),
    ))
    .expect("valid regex")
});

pub(super) fn overlaps(range: &Range<usize>, taken: &[Single]) -> bool {
    taken
        .iter()
        .any(|s| s.quantity.range.start < range.end && range.start < s.quantity.range.end)
}

/// A single exact value.
pub(super) fn single(
    range: Range<usize>,
    value: f64,
    kind: Kind,
    step: f64,
    slack: f64,
) -> Quantity {
    Quantity {
        range,
        low: value,
        high: value,
        kind,
        bound: Bound::Exact,
        step,
        slack,
    }
}

/// Clock times: with "am"/"pm", or with a colon ("18:45").
pub(super) fn clocks(text: &str) -> Vec<Single> {
    let mut found = Vec::new();
    for caps in CLOCK.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let half = caps.get(4).map(|m| m.as_str().to_ascii_lowercase());
        let colon = caps.get(2).is_some_and(|m| m.as_str() == ":");
        if half.is_none() && !colon {
            continue;
        }
        let glued_before = text[..whole.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '.' || c == ',' || c == ':');
        let glued_after = text[whole.end()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || (half.is_none() && c == ':'));
        let hour: u32 = caps[1].parse().unwrap_or(99);
        let minute: u32 = caps
            .get(3)
            .map_or(Some(0), |m| m.as_str().parse().ok())
            .unwrap_or(99);
        let hour_limit = if half.is_some() { 1..=12 } else { 0..=23 };
        if glued_before || glued_after || !hour_limit.contains(&hour) || minute > 59 {
            continue;
        }
        let pm = half.as_deref().is_some_and(|h| h.starts_with('p'));
        let hours = match &half {
            Some(_) => hour % 12 + if pm { 12 } else { 0 },
            None => hour,
        };
        let half_day_known = half.is_some() || hour == 0 || hour > 12;
        let slack = if caps.get(3).is_some() { 1.0 } else { 60.0 };
        found.push(Single {
            quantity: single(
                whole.range(),
                f64::from(hours * 60 + minute),
                Kind::Clock { half_day_known },
                1.0,
                slack,
            ),
            scale: 1.0,
            digits: true,
        });
    }
    found
}

/// What `caps` of `DIGITS` says of money: the mark before or after.
fn currency(caps: &Captures) -> Option<Currency> {
    let lexicon = &*LEXICON;
    if let Some(mark) = caps.name("cur") {
        let mark = mark.as_str().trim_end();
        return (lexicon.currency_before.iter())
            .find(|(m, _)| *m == mark)
            .map(|(_, c)| *c);
    }
    let after = caps.name("after")?.as_str().trim_start();
    (lexicon.currency_after.iter())
        .find(|(m, _)| m.eq_ignore_ascii_case(after))
        .map(|(_, c)| *c)
}

/// Why digits at `start..end` are not a number: glued to a name before
/// ("G7", "F-16"), an ordinal or a decade after ("27th", "1990s"), or
/// either side of a slash ("9/11").
fn glued(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let glued_before = before.is_some_and(|c| c.is_alphanumeric() || c == '.')
        || (before == Some('-')
            && text[..start - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic));
    let letters: String = text[end..]
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    // "9/11", "24/7", "1/2": dates, slogans and fractions, not figures.
    let slashed = (before == Some('/')
        && text[..start - 1]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit()))
        || text[end..]
            .strip_prefix('/')
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    glued_before || slashed || matches!(letters.as_str(), "st" | "nd" | "rd" | "th" | "s")
}

/// Numbers in digits: `30,000`, `2.5 per cent`, `1.5 million`, `$A8,800`,
/// `US$2m`, `AUD 1.1 billion`, `2.3 billion dollars`.
pub(super) fn in_digits(text: &str, clocks: &[Single]) -> Vec<Single> {
    let mut found = Vec::new();
    for caps in DIGITS.captures_iter(text) {
        let (Some(whole), Some(number)) = (caps.get(0), caps.name("num")) else {
            continue;
        };
        if overlaps(&whole.range(), clocks) || glued(text, whole.start(), number.end()) {
            continue;
        }
        let Ok(mut value) = number.as_str().replace(',', "").parse::<f64>() else {
            continue;
        };
        let money = currency(&caps);
        let mut end = whole.end();
        let mut scale = 1.0;
        if let Some(word) = caps.name("scale") {
            scale = LEXICON.scale(word.as_str()).unwrap_or(1.0);
        } else if let Some(short) = caps.name("short") {
            if money.is_some() {
                scale = LEXICON.scale(short.as_str()).unwrap_or(1.0);
            } else {
                // "10m" is ten metres: the number without its unit.
                end = number.end();
            }
        }
        value *= scale;
        if !value.is_finite() {
            // Four hundred digits in a row are no quantity anyone wrote.
            continue;
        }
        let decimals = number.as_str().split_once('.').map_or(0, |(_, d)| d.len());
        let step = 10f64.powi(-(decimals as i32)) * scale;
        let kind = match (money, caps.name("pct")) {
            (_, Some(_)) if end == whole.end() => Kind::Percent,
            (Some(currency), _) => Kind::Money(currency),
            _ => Kind::Count,
        };
        found.push(Single {
            quantity: single(
                whole.start()..end,
                value,
                kind,
                step,
                slack(number.as_str(), value, step),
            ),
            scale,
            digits: true,
        });
    }
    found
}

/// How far a value written as `number` may be a rounding: the unit of its
/// last digit; for a round figure of one significant digit, of ten
/// thousand or more or written with thousands separators ("4,000",
/// "20,000"), the unit of that digit ("4,000" may stand for 3,950). A
/// figure with more digits ("680,000") is taken as written, and a year
/// ("2000") is never rounded.
fn slack(number: &str, value: f64, step: f64) -> f64 {
    if step != 1.0 || !(number.contains(',') || value >= 10_000.0) {
        return step;
    }
    let digits = number.replace(',', "");
    let significant = digits.trim_end_matches('0');
    let zeros = digits.len() - significant.len();
    if zeros >= 2 && significant.len() == 1 {
        10f64.powi(zeros as i32)
    } else {
        step
    }
}

/// `singles` (in order) joined into ranges and given the qualifiers before
/// and after them.
pub(super) fn qualified(text: &str, singles: Vec<Single>) -> Vec<Quantity> {
    let mut out: Vec<Quantity> = Vec::new();
    let mut rest = singles.into_iter().peekable();
    while let Some(low) = rest.next() {
        let joined = rest.peek().and_then(|high| joined_range(text, &low, high));
        let mut quantity = match joined {
            Some(range) => {
                rest.next();
                range
            }
            None => low.quantity,
        };
        qualify(text, &mut quantity);
        if out
            .last()
            .is_none_or(|last| last.range.end <= quantity.range.start)
        {
            out.push(quantity);
        }
    }
    out
}

/// The words just before `at` when they are one of `phrases` (as whole
/// words), and where they start.
fn phrase_before<T: Copy>(
    text: &str,
    at: usize,
    phrases: &[(&'static str, T)],
) -> Option<(usize, T)> {
    let before = text[..at].trim_end();
    phrases.iter().find_map(|(phrase, meaning)| {
        let start = before.len().checked_sub(phrase.len())?;
        let candidate = before.get(start..)?;
        let whole_word = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        (candidate.eq_ignore_ascii_case(phrase) && whole_word).then_some((start, *meaning))
    })
}

/// `low` and `high` as one range ("between 10 and 15", "10-15", "10 to 15
/// per cent"), when the words between join them and `low` is below `high`.
fn joined_range(text: &str, low: &Single, high: &Single) -> Option<Quantity> {
    let gap = text.get(low.quantity.range.end..high.quantity.range.start)?;
    let joiner = gap.trim().replace(['\u{2013}', '\u{2014}'], "-");
    if !LEXICON
        .joiners
        .iter()
        .any(|j| j.eq_ignore_ascii_case(&joiner))
    {
        return None;
    }
    let between = phrase_before(text, low.quantity.range.start, &LEXICON.qualifier_before)
        .filter(|(_, q)| *q == Qualifier::Range);
    let word_before = text[..low.quantity.range.start]
        .split_whitespace()
        .next_back()
        .unwrap_or("");
    let allowed = match joiner.to_ascii_lowercase().as_str() {
        "and" => between.is_some(),
        "to" => !word_before.eq_ignore_ascii_case("from"),
        // "6-3 6-4" is a score, "2001-02" a financial year.
        _ => low.digits && high.digits && !gap.contains(' ') && !chained(text, low, high),
    };
    let (lo, hi) = (&low.quantity, &high.quantity);
    let kind = match (lo.kind, hi.kind) {
        (Kind::Count, other) => other,
        (same, other) if same == other => other,
        _ => return None,
    };
    let mut low_value = lo.low;
    if low.scale == 1.0 && high.scale > 1.0 && low_value * high.scale < hi.high {
        low_value *= high.scale;
    }
    if !allowed
        || low_value >= hi.high
        || matches!(kind, Kind::Clock { .. }) != matches!(lo.kind, Kind::Clock { .. })
    {
        return None;
    }
    Some(Quantity {
        range: between.map_or(lo.range.start, |(start, _)| start)..hi.range.end,
        low: low_value,
        high: hi.high,
        kind,
        bound: Bound::Exact,
        step: hi.step,
        slack: hi.slack,
    })
}

/// Whether a hyphenated pair sits among others ("6-3 6-4"): scores.
fn chained(text: &str, low: &Single, high: &Single) -> bool {
    let before = text[..low.quantity.range.start].trim_end();
    let after = text[high.quantity.range.end..].trim_start();
    before.ends_with(|c: char| c.is_ascii_digit())
        || after.starts_with(|c: char| c.is_ascii_digit())
        || before.ends_with('-')
        || after.starts_with('-')
}

/// `quantity` with the qualifier just before it ("more than") or after it
/// ("or more"), if any.
fn qualify(text: &str, quantity: &mut Quantity) {
    if quantity.bound != Bound::Exact || quantity.is_range() {
        return;
    }
    if let Some((start, Qualifier::Bound(bound))) =
        phrase_before(text, quantity.range.start, &LEXICON.qualifier_before)
    {
        quantity.bound = bound;
        quantity.range.start = start;
        return;
    }
    let after = &text[quantity.range.end..];
    let trimmed = after.trim_start();
    for (phrase, qualifier) in &LEXICON.qualifier_after {
        let Qualifier::Bound(bound) = qualifier else {
            continue;
        };
        let Some(candidate) = trimmed.get(..phrase.len()) else {
            continue;
        };
        let whole_word = trimmed[phrase.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if candidate.eq_ignore_ascii_case(phrase) && whole_word {
            quantity.bound = *bound;
            quantity.range.end += after.len() - trimmed.len() + phrase.len();
            return;
        }
    }
}
