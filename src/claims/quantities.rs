//! Numbers as writers give them: `30,000`, `30000`, `2.5 percent`, `2.5%`,
//! `1.5 million`, `two hundred`. Each becomes a value so that different
//! spellings of the same quantity compare equal.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub range: Range<usize>,
    pub value: f64,
    pub percent: bool,
}

impl Quantity {
    pub fn same_value(&self, other: &Quantity) -> bool {
        let scale = self.value.abs().max(other.value.abs()).max(1.0);
        (self.value - other.value).abs() <= scale * 1e-9
    }
}

static DIGITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*(thousand|million|billion|trillion|bn)\b)?(\s*%|\s*percent\b|\s+per\s*cent\b)?",
    )
    .expect("valid regex")
});

static NUMBER_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    let small = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen";
    Regex::new(&format!(
        r"(?i)\b(?:{small})(?:(?:\s+and\s+|[\s-]+)(?:{small}))*\b(\s*%|\s*percent\b|\s+per\s*cent\b)?"
    ))
    .expect("valid regex")
});

fn word_value(word: &str) -> Option<f64> {
    Some(match word {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" | "dozen" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

fn scale(word: &str) -> Option<f64> {
    Some(match word.to_ascii_lowercase().as_str() {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

/// Every quantity in `text`, in order. Digits glued to letters (`G7`,
/// `F-16`, `27th`) are names or ordinals, not quantities; a lone "one" is
/// too often a pronoun to count.
pub fn quantities(text: &str) -> Vec<Quantity> {
    let mut found = written_in_digits(text);
    let in_words = written_in_words(text, &found);
    found.extend(in_words);
    // Hundreds of digits, or "million" said hundreds of times, overflow to
    // infinity, which equals no written value and compares as nothing.
    found.retain(|q| q.value.is_finite());
    found.sort_by_key(|q| q.range.start);
    found
}

/// `30,000`, `2.5 percent`, `1.5 million`.
fn written_in_digits(text: &str) -> Vec<Quantity> {
    let mut found = Vec::new();
    for caps in DIGITS.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let number = &caps[1];
        let before = text[..whole.start()].chars().next_back();
        let glued_before = before.is_some_and(|c| c.is_alphanumeric() || c == '.')
            || (before == Some('-')
                && text[..whole.start() - 1]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic));
        let after = text[caps.get(1).map_or(whole.end(), |m| m.end())..]
            .chars()
            .next();
        let glued_after = after.is_some_and(|c| c.is_alphabetic())
            && caps.get(2).is_none()
            && caps.get(3).is_none();
        if glued_before || glued_after {
            continue;
        }
        let Ok(mut value) = number.replace(',', "").parse::<f64>() else {
            continue;
        };
        if let Some(multiplier) = caps.get(2).and_then(|m| scale(m.as_str())) {
            value *= multiplier;
        }
        found.push(Quantity {
            range: whole.start()..whole.end(),
            value,
            percent: caps.get(3).is_some(),
        });
    }
    found
}

/// `two hundred thousand`, `twenty-five percent`, except where `in_digits`
/// already read the words ("1.5 million").
fn written_in_words(text: &str, in_digits: &[Quantity]) -> Vec<Quantity> {
    let mut found = Vec::new();
    for caps in NUMBER_WORDS.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        if in_digits
            .iter()
            .any(|q| q.range.start < whole.end() && whole.start() < q.range.end)
        {
            continue;
        }
        let words_only = &text[whole.start()..caps.get(1).map_or(whole.end(), |m| m.start())];
        let Some(value) = words_value(words_only) else {
            continue;
        };
        if words_only.eq_ignore_ascii_case("one") {
            continue;
        }
        found.push(Quantity {
            range: whole.start()..whole.end(),
            value,
            percent: caps.get(1).is_some(),
        });
    }
    found
}

/// The value of number words ("two hundred and five"); `None` when they
/// hold no number or come to zero.
fn words_value(words_only: &str) -> Option<f64> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut any_value = false;
    for word in words_only
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("and"))
    {
        let lower = word.to_ascii_lowercase();
        if let Some(v) = word_value(&lower) {
            current += v;
            any_value = true;
        } else if let Some(m) = scale(&lower) {
            if current == 0.0 {
                current = 1.0;
            }
            if m >= 1e3 {
                total += current * m;
                current = 0.0;
            } else {
                current *= m;
            }
            any_value = true;
        }
    }
    let value = total + current;
    (any_value && value != 0.0).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn values(text: &str) -> Vec<(f64, bool, &str)> {
        quantities(text)
            .into_iter()
            .map(|q| (q.value, q.percent, &text[q.range]))
            .collect()
    }

    #[test]
    fn spellings_of_one_value() {
        assert_eq!(
            values(
                "up to 30,000 troops, 2.5 percent, 50% and 1.5 million people, 200,000 peacekeepers"
            ),
            vec![
                (30000.0, false, "30,000"),
                (2.5, true, "2.5 percent"),
                (50.0, true, "50%"),
                (1_500_000.0, false, "1.5 million"),
                (200000.0, false, "200,000"),
            ]
        );
        assert_eq!(
            values("two hundred thousand troops and twenty-five percent; one of them"),
            vec![
                (200_000.0, false, "two hundred thousand"),
                (25.0, true, "twenty-five percent")
            ]
        );
        assert!(values("the G7 and F-16 jets on the 27th").is_empty());
        let a = &quantities("30,000")[0];
        let b = &quantities("thirty thousand")[0];
        assert!(a.same_value(b));
    }

    #[test]
    fn numbers_too_long_for_a_float_are_left_out() {
        let digits = "30000".repeat(62);
        assert!(quantities(&format!("{digits} troops, then 30,000")).len() == 1);
        let near_the_limit = format!("1{}", "0".repeat(300));
        assert_eq!(quantities(&near_the_limit).len(), 1);
        assert_eq!(
            quantities(&format!("{near_the_limit} trillion")),
            Vec::new()
        );
    }

    proptest! {
        #[test]
        fn never_panics(text in "[0-9a-z ,.%-]{0,40}") {
            for q in quantities(&text) {
                prop_assert!(text.get(q.range.clone()).is_some());
            }
        }
    }
}
