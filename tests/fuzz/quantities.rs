//! Numbers as writers give them, in digits and in words.

use backstop::quantities::{Agreement, Kind, quantities};
use proptest::prelude::*;

use crate::hostile_text::text;
use crate::{cases, in_text};

proptest! {
    #![proptest_config(cases(300, "tests/hostile/proptest/quantities.txt"))]

    #[test]
    fn quantities_lie_inside_and_are_finite(text in text("quantities", 30)) {
        let found = quantities(&text);
        for quantity in &found {
            in_text(&text, &quantity.range, "quantity")?;
            prop_assert!(quantity.low.is_finite() && quantity.high.is_finite(), "{:?} in {:?}", quantity, text);
            prop_assert!(quantity.low <= quantity.high, "{:?} in {:?}", quantity, text);
            prop_assert_eq!(quantity.agreement(quantity), Agreement::Agrees, "{:?} in {:?}", quantity, text);
        }
        prop_assert!(found.windows(2).all(|p| p[0].range.start <= p[1].range.start));
    }

    /// A value written out in digits, with or without a percent sign,
    /// reads back as the same value.
    #[test]
    fn written_values_read_back(value in 0u64..10_000_000_000_000, cents in 0u32..100, percent in any::<bool>()) {
        let number = value as f64 + f64::from(cents) / 100.0;
        let written = format!("{number}{}", if percent { "%" } else { "" });
        let sentence = format!("Officials counted {written} troops.");
        let found = quantities(&sentence);
        prop_assert_eq!(found.len(), 1, "{:?}", sentence);
        prop_assert_eq!(&sentence[found[0].range.clone()], written.as_str());
        prop_assert!((found[0].value() - number).abs() <= number.abs() * 1e-12);
        prop_assert_eq!(found[0].kind == Kind::Percent, percent);
    }
}
