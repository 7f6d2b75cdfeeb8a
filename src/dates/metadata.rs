//! Metadata dates, which must be exactly `YYYY-MM-DD`, and why one is not.

use jiff::civil::Date;

use super::{find_dates, month_name};

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
