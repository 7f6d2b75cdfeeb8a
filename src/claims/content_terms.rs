//! A claim's content in its own words: the names, places and key terms a
//! source must carry to support it, and the forms that let words be
//! compared: a rough stem ("deploy" and "deployment") and the word without
//! diacritics ("Traore" and "Traoré"). The passage model (`passage`)
//! matches them.

use std::collections::HashSet;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::dates::month_number;
use crate::note::Claim;
use crate::text::{Word, normalize::is_stopword, words};

/// A content term of a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub word: String,
    /// Written with a capital inside the sentence: a name or place.
    pub name: bool,
}

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Common words that a claim adds around its facts ("reported", "week").
static FILLER: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("filler_words.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
});

/// The claim's own words: citations and quotes blanked out (offsets kept),
/// so that what the claim quotes or cites is not taken for what it states.
pub fn own_words(claim: &Claim) -> String {
    let mut text = claim.text.text.clone();
    for span in &claim.cited_spans {
        if let Some(slice) = text.get(span.clone()) {
            let blank = " ".repeat(slice.len());
            text.replace_range(span.clone(), &blank);
        }
    }
    text
}

/// The words of a claim worth searching for.
pub fn content_words(words: &[Word]) -> Vec<&str> {
    words
        .iter()
        .map(|w| w.text.as_str())
        .filter(|w| !is_stopword(w))
        .collect()
}

/// Whether a word carries content a source must hold: three letters at
/// least, no digit, and not a stop word, filler, weekday or month.
pub fn is_content(word: &str) -> bool {
    word.chars().count() >= 3
        && !word.chars().any(|c| c.is_ascii_digit())
        && !is_stopword(word)
        && !FILLER.contains(word)
        && !WEEKDAYS.contains(&word)
        && (month_number(word).is_none() || word.len() > 9)
}

/// The content terms of a claim's own words.
pub fn terms(text: &str) -> Vec<Term> {
    let mut found: Vec<Term> = Vec::new();
    for (i, word) in words(text).into_iter().enumerate() {
        let w = word.text.trim_end_matches("'s").to_string();
        if !is_content(&w) {
            continue;
        }
        let original = &text[word.range.clone()];
        let name = i > 0 && original.starts_with(char::is_uppercase);
        if let Some(existing) = found.iter_mut().find(|t| t.word == w) {
            existing.name |= name;
            continue;
        }
        found.push(Term { word: w, name });
    }
    found
}

/// A rough stem: enough to equate "deploy", "deployed", "deployment".
pub fn stem(word: &str) -> &str {
    let mut word = word;
    // `strip_suffix` in a loop rather than `trim_end_matches`, which builds
    // a substring searcher on every call of this hot function.
    while let Some(shorter) = word.strip_suffix("'s") {
        word = shorter;
    }
    // "-ated", "-ates" and "-ating" go as "-ation" does: "nominated",
    // "nomination": "nomin".
    for suffix in [
        "ations", "ation", "ating", "ated", "ates", "ments", "ment", "ings", "ing", "ions", "ion",
        "ies", "ied", "ers", "er", "ed", "es", "ly", "s", "e",
    ] {
        // Three letters are enough before the endings of verbs ("ending",
        // "ended": "end").
        let shortest = if matches!(suffix, "ing" | "ed") { 3 } else { 4 };
        if let Some(stripped) = word.strip_suffix(suffix)
            && stripped.chars().count() >= shortest
        {
            return stripped;
        }
    }
    word
}

/// `word` without diacritics: names are often written without them
/// ("Traore" for "Traoré").
pub fn plain(word: &str) -> String {
    word.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_terms() {
        let t = terms(
            "On Friday, Starmer told the BBC that Zelensky's deployment plan needs 30,000 troops in February.",
        );
        let words: Vec<(&str, bool)> = t.iter().map(|t| (t.word.as_str(), t.name)).collect();
        assert_eq!(
            words,
            vec![
                ("starmer", true),
                ("bbc", true),
                ("zelensky", true),
                ("deployment", false),
                ("plan", false),
                ("needs", false),
                ("troops", false)
            ]
        );
    }

    proptest::proptest! {
        /// `term_in` compares stems only of words that start with the
        /// term's stem: sound only while a stem is a prefix of its word.
        #[test]
        fn a_stem_is_a_prefix_of_its_word(word in "[a-zé']{0,14}(s|es|ed|ing|ment|ation|'s)?") {
            proptest::prop_assert!(word.starts_with(stem(&word)));
        }
    }
}
