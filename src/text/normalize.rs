//! The one text normalisation that indexing and querying share, so that a
//! quote typed with straight quotes finds an article set with curly ones.
//! Normalised text keeps, for every byte, where it came from, because
//! diagnostics and fixes must point at the exact original text.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

/// Text after NFKC, case folding, quote/apostrophe/dash folding and white
/// space collapsing, with a map back to the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    /// For each byte of `text`, the original range of the grapheme (or white
    /// space run) it came from. Kept per byte so any slice maps back directly.
    origin: Vec<Range<usize>>,
}

impl Normalized {
    /// The original byte range that a range of the normalised text came from.
    /// Out-of-range input is clamped, so callers never panic on it.
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        if self.origin.is_empty() {
            return 0..0;
        }
        let last = self.origin.len() - 1;
        let start = range.start.min(last);
        if range.end <= range.start {
            let at = self.origin[start].start;
            return at..at;
        }
        let end = (range.end - 1).min(last);
        self.origin[start].start..self.origin[end].end.max(self.origin[start].start)
    }
}

/// Typographic variants that writers use interchangeably.
fn fold(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        // Invisible characters that scraped pages and editors leave behind.
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => return None,
        _ => c,
    })
}

/// Normalise `text`; see [`Normalized`].
pub fn normalize(text: &str) -> Normalized {
    let mut out = String::with_capacity(text.len());
    let mut origin: Vec<Range<usize>> = Vec::with_capacity(text.len());
    let mut pending_space: Option<Range<usize>> = None;
    let push = |out: &mut String, origin: &mut Vec<Range<usize>>, c: char, from: Range<usize>| {
        out.push(c);
        for _ in 0..c.len_utf8() {
            origin.push(from.clone());
        }
    };
    let mut emit = |c: char, range: &Range<usize>| {
        let Some(c) = fold(c) else { return };
        if c.is_whitespace() {
            pending_space = Some(match pending_space.take() {
                Some(run) => run.start..range.end,
                None => range.clone(),
            });
            return;
        }
        if let Some(run) = pending_space.take()
            && !out.is_empty()
        {
            push(&mut out, &mut origin, ' ', run);
        }
        if c.is_ascii() {
            push(&mut out, &mut origin, c.to_ascii_lowercase(), range.clone());
        } else {
            for lower in c.to_lowercase() {
                push(&mut out, &mut origin, lower, range.clone());
            }
        }
    };
    // Every character of the corpus passes here: a one-byte grapheme (most
    // of them) skips NFKC, and none is copied into a buffer of its own.
    for (start, grapheme) in text.grapheme_indices(true) {
        let range = start..start + grapheme.len();
        if grapheme.len() == 1 {
            emit(grapheme.as_bytes()[0] as char, &range);
        } else if grapheme.chars().next().is_some_and(is_combining_mark) {
            // A mark whose letter is a control or invisible character has
            // nothing to sit on; kept, it would join the letter before the
            // dropped character on a second pass.
            continue;
        } else {
            // Invisible characters go before composing: kept until after,
            // one between a letter and its mark ("a\u{200c}\u{301}") would
            // keep them apart on this pass and not on the next. A mark with
            // no letter before it in its grapheme ("¯" is a space and a
            // macron once decomposed) would stand alone, and be dropped, on
            // a second pass: it is dropped now.
            let mut on_letter = false;
            for c in grapheme.chars().filter(|&c| fold(c).is_some()).nfkc() {
                if is_combining_mark(c) {
                    if !on_letter {
                        continue;
                    }
                } else {
                    on_letter = !c.is_whitespace();
                }
                emit(c, &range);
            }
        }
    }
    Normalized { text: out, origin }
}

/// A word of a text: its normalised form and where it is in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub range: Range<usize>,
}

/// The words of `text`, normalised: letters and digits, with apostrophes
/// inside words ("don't") and separators inside numbers ("30,000" becomes
/// "30000", "2.5" stays) kept. Everything else separates words.
pub fn words(text: &str) -> Vec<Word> {
    let normalized = normalize(text);
    let chars: Vec<(usize, char)> = normalized.text.char_indices().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        while end < chars.len() {
            let c = chars[end].1;
            if c.is_alphanumeric() {
                end += 1;
                continue;
            }
            let next = chars.get(end + 1).map(|&(_, n)| n);
            let previous = chars[end - 1].1;
            let joins = match c {
                '\'' => next.is_some_and(char::is_alphabetic) && previous.is_alphanumeric(),
                ',' | '.' => previous.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()),
                _ => false,
            };
            if !joins {
                break;
            }
            end += 2;
        }
        let byte_start = chars[start].0;
        let byte_end = chars.get(end).map_or(normalized.text.len(), |&(b, _)| b);
        let mut word = normalized.text[byte_start..byte_end].to_string();
        if word.starts_with(|c: char| c.is_ascii_digit()) && word.contains(',') {
            word.retain(|c| c != ',');
        }
        found.push(Word {
            text: word,
            range: normalized.source_range(byte_start..byte_end),
        });
        i = end;
    }
    found
}

/// How many letters or digits of `text` start a run of them: at most the
/// words `words` or the people scan finds in it, nearly as many, and so
/// what a list of its words is reserved at.
pub fn word_starts(text: &str) -> usize {
    let mut previous_alphanumeric = false;
    let mut count = 0;
    for c in text.chars() {
        let alphanumeric = c.is_alphanumeric();
        if alphanumeric && !previous_alphanumeric {
            count += 1;
        }
        previous_alphanumeric = alphanumeric;
    }
    count
}

/// Common English words that carry no content of their own
/// (`lexicon::CLAIM_STOP_SET`). Used to decide what a claim is about and to
/// keep retrieval queries short.
pub fn is_stopword(word: &str) -> bool {
    crate::lexicon::CLAIM_STOP_SET.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts(words: &[Word]) -> Vec<&str> {
        words.iter().map(|w| w.text.as_str()).collect()
    }

    #[test]
    fn folds_typography_case_and_space() {
        let n = normalize("“It’s  a\tDeal” — Trump…");
        assert_eq!(n.text, "\"it's a deal\" - trump...");
        // The ellipsis maps back to the single original character.
        let dots = n.text.find("...").unwrap();
        let back = n.source_range(dots..dots + 3);
        assert_eq!(&"“It’s  a\tDeal” — Trump…"[back], "…");
    }

    #[test]
    fn words_keep_numbers_and_apostrophes() {
        let text = "Up to 30,000 troops; 2.5% by 2027. Zelensky’s ‘deal’ isn't done—yet.";
        let found = words(text);
        assert_eq!(
            texts(&found),
            vec![
                "up",
                "to",
                "30000",
                "troops",
                "2.5",
                "by",
                "2027",
                "zelensky's",
                "deal",
                "isn't",
                "done",
                "yet"
            ]
        );
        assert_eq!(&text[found[2].range.clone()], "30,000");
        assert_eq!(&text[found[7].range.clone()], "Zelensky’s");
    }

    #[test]
    fn nfkc_and_invisible_characters() {
        assert_eq!(normalize("ﬁnal\u{00A0}word\u{200B}s").text, "final words");
        assert_eq!(normalize("  leading").text, "leading");
    }

    #[test]
    fn stopwords() {
        assert!(is_stopword("the"));
        assert!(is_stopword("according"));
        assert!(!is_stopword("troops"));
    }

    fn typographic_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just("Z"),
                Just("é"),
                Just("e\u{301}"),
                Just("ﬁ"),
                Just("…"),
                Just("’"),
                Just("‘"),
                Just("“"),
                Just("”"),
                Just("\""),
                Just("'"),
                Just("—"),
                Just("–"),
                Just("-"),
                Just(" "),
                Just("\n"),
                Just("\t"),
                Just("\u{00A0}"),
                Just("3"),
                Just(","),
                Just("."),
                Just("Ⅻ"),
                Just("Ａ"),
                Just("ß"),
                Just("İ"),
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    #[test]
    fn a_mark_with_no_letter_is_dropped_and_invisibles_do_not_split_one() {
        for text in [
            " \u{301}",
            "said \u{301}Starmer",
            "a\u{a0}\u{301}b",
            "\u{200c}\u{301}",
            "\u{af}",
            "x\u{af}y",
            "a\u{200c}\u{301}",
            "\u{0}\u{200c}\u{301}",
        ] {
            let once = normalize(text).text;
            assert_eq!(normalize(&once).text, once, "{text:?}");
            assert!(!once.contains('\u{301}'), "{text:?}: {once:?}");
        }
        assert_eq!(normalize("said \u{301}Starmer").text, "said starmer");
        assert_eq!(normalize("a\u{200c}\u{301}").text, "\u{e1}");
    }

    #[test]
    fn a_mark_after_an_invisible_character_is_dropped() {
        let once = normalize("Starmer\u{200b}\u{301} said").text;
        assert_eq!(once, "starmer said");
        assert_eq!(normalize(&once).text, once);
    }

    proptest! {
        #[test]
        fn source_ranges_are_valid(text in "\\PC{0,60}", a in 0usize..200, b in 0usize..200) {
            let n = normalize(&text);
            let r = n.source_range(a.min(b)..a.max(b));
            prop_assert!(r.start <= r.end && r.end <= text.len());
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            for word in words(&text) {
                prop_assert!(text.get(word.range.clone()).is_some());
                prop_assert!(!word.text.is_empty());
            }
        }

        #[test]
        fn normalising_is_idempotent(text in typographic_text()) {
            let once = normalize(&text).text;
            prop_assert_eq!(normalize(&once).text, once.clone());
        }

        #[test]
        fn curly_and_straight_marks_are_one(text in "[a-z ]{0,12}") {
            let curly = format!("“{text}’s”");
            let straight = format!("\"{text}'s\"");
            prop_assert_eq!(normalize(&curly).text, normalize(&straight).text);
        }

        #[test]
        fn words_map_back_to_their_source(text in typographic_text()) {
            for word in words(&text) {
                let original = &text[word.range.clone()];
                // The word is the normalised form of the text it points at.
                let again: Vec<Word> = words(original);
                prop_assert_eq!(again.len(), 1, "{:?} from {:?}", original, text);
                prop_assert_eq!(&again[0].text, &word.text);
            }
        }
    }
}
