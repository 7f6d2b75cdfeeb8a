//! Each form news writes quantities in, read and compared; the parser's
//! properties under random text.

use proptest::prelude::*;

use super::*;

/// (value, kind, text) of each quantity.
fn read(text: &str) -> Vec<(f64, Kind, &str)> {
    quantities(text)
        .into_iter()
        .map(|q| (q.low, q.kind, &text[q.range]))
        .collect()
}

fn one(text: &str) -> Quantity {
    let found = quantities(text);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    found.into_iter().next().unwrap()
}

fn agreement(claim: &str, source: &str) -> Agreement {
    one(claim).agreement(&one(source))
}

const AUD: Currency = Currency {
    family: "dollar",
    country: Some("AU"),
};

#[test]
fn plain_numbers_and_scales() {
    assert_eq!(
        read("up to 30,000 troops, 2.5 percent, 50% and 1.5 million people, 200000 peacekeepers"),
        vec![
            (30000.0, Kind::Count, "up to 30,000"),
            (2.5, Kind::Percent, "2.5 percent"),
            (50.0, Kind::Percent, "50%"),
            (1_500_000.0, Kind::Count, "1.5 million"),
            (200000.0, Kind::Count, "200000"),
        ]
    );
    assert_eq!(
        read("the G7 and F-16 jets on the 27th, in the 1990s"),
        vec![(27.0, Kind::Ordinal, "27th")]
    );
    assert_eq!(read("a 10km walk"), vec![(10.0, Kind::Count, "10")]);
}

#[test]
fn money_marked_before_or_after() {
    for text in [
        "$A8,800",
        "A$8,800",
        "AUD 8,800",
        "8,800 Australian dollars",
    ] {
        assert_eq!(read(text), vec![(8800.0, Kind::Money(AUD), text)], "{text}");
    }
    let us = one("US$2m");
    assert_eq!(us.low, 2e6);
    assert_eq!(
        us.kind,
        Kind::Money(Currency {
            family: "dollar",
            country: Some("US")
        })
    );
    assert_eq!(one("AUD 1.1 billion").low, 1.1e9);
    assert_eq!(one("2.3 billion dollars").low, 2.3e9);
    assert!(matches!(one("€5 million").kind, Kind::Money(c) if c.family == "euro"));
    assert!(matches!(one("EUR 5").kind, Kind::Money(c) if c.family == "euro"));
    assert!(matches!(one("£300").kind, Kind::Money(c) if c.family == "pound"));
    assert_eq!(agreement("$8,800", "$A8,800"), Agreement::Agrees);
    assert_eq!(agreement("A$8,800", "$A8,800"), Agreement::Agrees);
    assert_eq!(agreement("8,800", "$A8,800"), Agreement::Agrees);
    assert_eq!(agreement("US$8,800", "$A8,800"), Agreement::Disagrees);
    assert_eq!(agreement("$9,800", "$A8,800"), Agreement::Disagrees);
    assert_eq!(agreement("5%", "$5"), Agreement::Disagrees);
}

#[test]
fn clock_times_are_one_value() {
    assert_eq!(
        read("at 6:30 pm and at 18:45"),
        vec![
            (
                18.0 * 60.0 + 30.0,
                Kind::Clock {
                    half_day_known: true
                },
                "6:30 pm"
            ),
            (
                18.0 * 60.0 + 45.0,
                Kind::Clock {
                    half_day_known: true
                },
                "18:45"
            ),
        ]
    );
    assert_eq!(agreement("12:55pm", "12.55pm"), Agreement::Agrees);
    assert_eq!(agreement("4pm", "4:00pm"), Agreement::Agrees);
    assert_eq!(agreement("4 p.m.", "4pm"), Agreement::Agrees);
    assert_eq!(agreement("6:30", "6.30pm"), Agreement::Agrees);
    assert_eq!(agreement("5pm", "4:00pm"), Agreement::Disagrees);
    assert_eq!(agreement("4pm", "4.30pm"), Agreement::Disagrees);
    assert_eq!(
        agreement("6pm", "6"),
        Agreement::Disagrees,
        "a clock only meets a clock"
    );
    assert_eq!(read("scored 2.30 goals"), vec![(2.3, Kind::Count, "2.30")]);
}

#[test]
fn ranges() {
    let between = one("between 10 and 15 people");
    assert_eq!((between.low, between.high), (10.0, 15.0));
    let hyphen = one("10-15 per cent");
    assert_eq!(
        (hyphen.low, hyphen.high, hyphen.kind),
        (10.0, 15.0, Kind::Percent)
    );
    let scaled = one("between 2 and 3 million");
    assert_eq!((scaled.low, scaled.high), (2e6, 3e6));
    assert_eq!(one("10 to 15").high, 15.0);
    assert_eq!(
        quantities("rose from 10 to 15").len(),
        2,
        "a change, not a range"
    );
    assert_eq!(quantities("won 6-3 6-4").len(), 4, "scores are not ranges");
    assert_eq!(quantities("in 2001-02").len(), 2);
    assert_eq!(agreement("between 10 and 15", "12"), Agreement::Agrees);
    assert_eq!(agreement("12", "10-15"), Agreement::Unsure);
    assert_eq!(agreement("20", "10-15"), Agreement::Disagrees);
}

#[test]
fn approximations_against_the_stated_value() {
    assert_eq!(one("about 4,000").bound, Bound::About);
    assert_eq!(agreement("about 4,000", "3,950"), Agreement::Agrees);
    assert_eq!(agreement("about 4,000", "2,000"), Agreement::Disagrees);
    assert_eq!(agreement("more than 100", "120"), Agreement::Agrees);
    assert_eq!(agreement("more than 100", "90"), Agreement::Disagrees);
    assert_eq!(
        agreement("more than 100", "more than 100"),
        Agreement::Agrees
    );
    assert_eq!(agreement("at least 20", "20"), Agreement::Agrees);
    assert_eq!(agreement("at least 20", "25"), Agreement::Agrees);
    assert_eq!(agreement("at least 20", "15"), Agreement::Disagrees);
    assert_eq!(agreement("nearly 100", "97"), Agreement::Agrees);
    assert_eq!(agreement("almost 100", "80"), Agreement::Disagrees);
    assert_eq!(agreement("almost 100", "120"), Agreement::Disagrees);
    assert_eq!(agreement("fewer than 50", "40"), Agreement::Agrees);
    assert_eq!(agreement("fewer than 50", "60"), Agreement::Disagrees);
    assert_eq!(agreement("100 or more", "130"), Agreement::Agrees);
    // A source's own approximation is not contradicted by a value near it.
    assert_eq!(agreement("4,100", "about 4,000"), Agreement::Unsure);
    assert_eq!(agreement("4,000", "about 4,000"), Agreement::Agrees);
    // The same qualifier with another value, or a range with another end.
    assert_eq!(
        agreement("more than 550", "more than 400"),
        Agreement::Disagrees
    );
    assert_eq!(agreement("about 4,000", "about 3,950"), Agreement::Unsure);
    assert_eq!(
        agreement("between $5,000 and $9,000", "between $5,000 and $7,000"),
        Agreement::Disagrees
    );
    assert_eq!(
        agreement("between 5,000 and 7,000", "$5,000-$7,000"),
        Agreement::Agrees
    );
    // Two approximations far apart.
    assert_eq!(
        agreement("about 4,300", "about 3,400"),
        Agreement::Disagrees
    );
    assert_eq!(
        agreement("about 680,000", "an estimated 608,000"),
        Agreement::Disagrees
    );
}

#[test]
fn roundings() {
    assert_eq!(agreement("28%", "28.4 per cent"), Agreement::Agrees);
    assert_eq!(agreement("1.5 million", "1,520,000"), Agreement::Agrees);
    assert_eq!(agreement("4,000", "3,950"), Agreement::Unsure);
    assert_eq!(agreement("30", "31"), Agreement::Disagrees);
    assert_eq!(
        agreement("2000", "2001"),
        Agreement::Disagrees,
        "years are exact"
    );
    // A claim more precise than its source cannot have it from there.
    assert_eq!(
        agreement("1.52 million", "1.5 million"),
        Agreement::Disagrees
    );
    assert_eq!(agreement("621,000", "620,000"), Agreement::Disagrees);
    assert_eq!(
        agreement("680,000", "679,000"),
        Agreement::Disagrees,
        "two figures are exact"
    );
    assert_eq!(
        agreement("3 percent", "2.5 percent"),
        Agreement::Disagrees,
        "no rounding up from a half"
    );
}

#[test]
fn percent_forms() {
    for text in ["10 per cent", "10%", "10 percent", "10 %", "ten per cent"] {
        let q = one(text);
        assert_eq!((q.low, q.kind), (10.0, Kind::Percent), "{text}");
        assert_eq!(q.range, 0..text.len(), "{text}");
    }
    assert_eq!(one("0.25 percentage points").kind, Kind::Percent);
}

#[test]
fn number_words() {
    assert_eq!(
        read("three ministers, a dozen eggs, two million people and two hundred and five"),
        vec![
            (3.0, Kind::Count, "three"),
            (12.0, Kind::Count, "a dozen"),
            (2e6, Kind::Count, "two million"),
            (205.0, Kind::Count, "two hundred and five"),
        ]
    );
    assert_eq!(
        read("twenty-five percent; one of them; two dozen"),
        vec![
            (25.0, Kind::Percent, "twenty-five percent"),
            (24.0, Kind::Count, "two dozen")
        ]
    );
    assert_eq!(
        read("half a million people and a quarter of them"),
        vec![
            (500_000.0, Kind::Count, "half a million"),
            (25.0, Kind::Percent, "a quarter")
        ]
    );
    assert!(read("since 9/11, open 24/7").is_empty());
    let between = one("between two and five");
    assert_eq!((between.low, between.high), (2.0, 5.0));
    assert_eq!(read("a three-year deal"), vec![(3.0, Kind::Count, "three")]);
    assert!(one("30,000").agreement(&one("thirty thousand")) == Agreement::Agrees);
}

#[test]
fn ordinals_compare_only_with_ordinals() {
    assert_eq!(
        read("the sixth rate cut, the 11th this year and the twenty-first, on the 27th of May"),
        vec![
            (6.0, Kind::Ordinal, "sixth"),
            (11.0, Kind::Ordinal, "11th"),
            (21.0, Kind::Ordinal, "twenty-first"),
            (27.0, Kind::Ordinal, "27th"),
        ]
    );
    assert_eq!(agreement("fifth", "sixth"), Agreement::Disagrees);
    assert_eq!(agreement("second", "2nd"), Agreement::Agrees);
    assert!(!one("third").comparable(&one("3")));
}

/// Words for `n` below a million, as a writer spells it.
fn spelled(n: u32) -> String {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let below_hundred = |n: u32| match n {
        0..20 => ONES[n as usize].to_string(),
        _ if n.is_multiple_of(10) => TENS[(n / 10) as usize].to_string(),
        _ => format!("{}-{}", TENS[(n / 10) as usize], ONES[(n % 10) as usize]),
    };
    let below_thousand = |n: u32| match (n / 100, n % 100) {
        (0, rest) => below_hundred(rest),
        (h, 0) => format!("{} hundred", ONES[h as usize]),
        (h, rest) => format!("{} hundred and {}", ONES[h as usize], below_hundred(rest)),
    };
    match (n / 1000, n % 1000) {
        (0, rest) => below_thousand(rest),
        (t, 0) => format!("{} thousand", below_thousand(t)),
        (t, rest) => format!("{} thousand {}", below_thousand(t), below_thousand(rest)),
    }
}

/// `n` with thousands separators.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

proptest! {
    #[test]
    fn never_panics_and_stays_in_bounds(text in r"[0-9a-zA-Z ,.%$€£:\-]{0,60}") {
        for q in quantities(&text) {
            prop_assert!(text.get(q.range.clone()).is_some());
            prop_assert!(q.low.is_finite() && q.high.is_finite());
            prop_assert!(q.low <= q.high);
            prop_assert!(q.step > 0.0 && q.slack >= q.step);
        }
    }

    #[test]
    fn huge_figures_stay_finite(digits in "[1-9][0-9]{300,400}( trillion|th)?", hundreds in 150usize..300) {
        let words = vec!["hundred"; hundreds].join(" ");
        for q in quantities(&digits).into_iter().chain(quantities(&words)) {
            prop_assert!(q.low.is_finite());
        }
    }

    #[test]
    fn found_in_order_without_overlap(text in r"(about |more than |between |\$A?|)([0-9]{1,7}|[0-9]{1,3}\.[0-9]{1,2})( million| per cent|%|pm| and | to |-| ){0,3}[0-9]{0,4}( people|)") {
        let found = quantities(&text);
        for pair in found.windows(2) {
            prop_assert!(pair[0].range.end <= pair[1].range.start);
        }
    }

    #[test]
    fn digits_round_trip(n in 0u64..10_000_000_000) {
        let text = format!("in all {} were counted", grouped(n));
        let q = one(&text);
        prop_assert_eq!(q.low, n as f64);
        prop_assert_eq!(q.agreement(&one(&n.to_string())), Agreement::Agrees);
    }

    #[test]
    fn words_round_trip(n in 2u32..1_000_000) {
        let text = format!("they counted {} of them", spelled(n));
        let q = one(&text);
        prop_assert_eq!(q.low, f64::from(n), "{}", text);
    }

    #[test]
    fn percent_forms_agree(whole in 0u32..1000, tenths in 0u32..10) {
        let value = format!("{whole}.{tenths}");
        let forms = [format!("{value}%"), format!("{value} per cent"), format!("{value} percent")];
        for a in &forms {
            for b in &forms {
                prop_assert_eq!(one(a).agreement(&one(b)), Agreement::Agrees);
            }
        }
    }

    #[test]
    fn clock_forms_agree(hour in 1u32..=12, minute in 0u32..60, pm in any::<bool>()) {
        let half = if pm { "pm" } else { "am" };
        let colon = format!("{hour}:{minute:02} {half}");
        let dot = format!("{hour}.{minute:02}{half}");
        prop_assert_eq!(one(&colon).agreement(&one(&dot)), Agreement::Agrees);
        let a = one(&colon);
        prop_assert!(a.low >= 0.0 && a.low < 1440.0);
    }
}

#[test]
fn fractions_and_basis_points_are_per_cent() {
    assert_eq!(
        read("cut by a quarter of a percentage point, then a quarter-point and 25 basis points"),
        vec![
            (0.25, Kind::Percent, "a quarter of a percentage point"),
            (0.25, Kind::Percent, "a quarter-point"),
            (0.25, Kind::Percent, "25 basis points")
        ]
    );
    assert_eq!(
        read("three quarters of his pay; one-eighth of the costs; the fifth cut"),
        vec![
            (75.0, Kind::Percent, "three quarters"),
            (12.5, Kind::Percent, "one-eighth"),
            (5.0, Kind::Ordinal, "fifth")
        ]
    );
    let claimed = one("75 per cent");
    assert_eq!(
        claimed.agreement(&one("three quarters of")),
        Agreement::Agrees
    );
}

#[test]
fn years_and_ages_by_their_words() {
    let roles =
        |text: &str| -> Vec<Role> { quantities(text).iter().map(|q| role(text, q)).collect() };
    assert_eq!(
        roles("In 1999 Reid, 28, and a 26-year-old, aged 72, paid 2001 dollars; 20-year terms"),
        vec![
            Role::Year,
            Role::Age,
            Role::Age,
            Role::Age,
            Role::Other,
            Role::Other
        ]
    );
}
