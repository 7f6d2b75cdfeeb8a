//! Dates as articles and notes write them, weekdays, and the strict
//! metadata date.

use backstop::dates::{find_dates, find_weekdays, month_name, parse_metadata_date};
use jiff::civil::Date;
use proptest::prelude::*;

use crate::hostile_text::text;
use crate::{cases, in_text};

/// A day jiff accepts, with a four-digit year as the patterns read it.
fn days() -> impl Strategy<Value = Date> {
    (1i16..=9999, 1i8..=12, 1i8..=31)
        .prop_filter_map("no such day", |(y, m, d)| Date::new(y, m, d).ok())
}

proptest! {
    #![proptest_config(cases(300, "tests/hostile/proptest/dates.txt"))]

    #[test]
    fn date_mentions_lie_inside_in_order(text in text("dates", 30)) {
        let mentions = find_dates(&text);
        for mention in &mentions {
            in_text(&text, &mention.range, "date")?;
            prop_assert!((1..=12).contains(&mention.month) && (1..=31).contains(&mention.day));
            let _ = mention.resolve(Some(2025));
        }
        prop_assert!(mentions.windows(2).all(|p| p[0].range.end <= p[1].range.start));
        for weekday in find_weekdays(&text) {
            in_text(&text, &weekday.range, "weekday")?;
        }
    }

    /// A metadata date is either accepted as exactly itself or refused;
    /// a suggestion, when made, is a real day.
    #[test]
    fn metadata_dates_never_panic(value in text("dates", 6)) {
        if let Ok(date) = parse_metadata_date(&value) {
            prop_assert_eq!(date.to_string(), value.trim());
        }
    }

    /// A day written in each form the patterns know reads back as that day.
    #[test]
    fn written_days_read_back(day in days(), before in text("common", 3)) {
        let month = month_name(day.month());
        let short = &month[..3];
        let forms = [
            format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day()),
            format!("{month} {}, {:04}", day.day(), day.year()),
            format!("{} {month} {:04}", day.day(), day.year()),
            format!("{short}. {}, {:04}", day.day(), day.year()),
        ];
        for form in forms {
            let sentence = format!("{before} on {form}.");
            let mentions = find_dates(&sentence);
            let last = mentions.last();
            prop_assert!(
                last.is_some_and(|m| m.resolve(None) == Some(day) && sentence[m.range.clone()] == form),
                "{:?} read as {:?}", sentence, mentions
            );
        }
    }
}
