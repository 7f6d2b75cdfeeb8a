//! Which fixes `--fix` applies on its own and which need `--unsafe-fixes`.
//!
//! Safe fixes cannot change what a note claims: a mistyped citation key
//! replaced by the one key it is clearly a typo of, a misquote replaced by
//! the source's exact words, scraped page residue removed from an article.
//! Every other fix (a changed number or date, a re-attribution, another
//! source cited, rewritten metadata) is a judgement the user makes.

use serde::Serialize;

use crate::analysis::Analysis;
use crate::diagnostic::Diagnostic;
use crate::rules::Rule;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    Safe,
    Unsafe,
}

/// How far (in edits) a typed key may be from the key its fix cites, and
/// how far every other key must be, for the typo to have one clear
/// candidate.
const KEY_TYPO_DISTANCE: usize = 2;

pub fn applicability(diagnostic: &Diagnostic, analysis: &Analysis) -> Applicability {
    match diagnostic.rule {
        Rule::Misquote | Rule::Boilerplate => Applicability::Safe,
        Rule::UnknownSource if has_one_clear_candidate(diagnostic, analysis) => Applicability::Safe,
        _ => Applicability::Unsafe,
    }
}

/// Whether the key the fix cites is within `KEY_TYPO_DISTANCE` edits of the
/// typed key and no other key of the corpus is.
fn has_one_clear_candidate(diagnostic: &Diagnostic, analysis: &Analysis) -> bool {
    let Some(fix) = &diagnostic.fix else {
        return false;
    };
    let [edit] = fix.edits.as_slice() else {
        return false;
    };
    let Some(typed) = analysis
        .text_of(&edit.location.path)
        .and_then(|text| text.get(edit.location.range.clone()))
    else {
        return false;
    };
    let typed: Vec<char> = typed.to_lowercase().chars().collect();
    let within = |key: &str| {
        let key: Vec<char> = key.to_lowercase().chars().collect();
        within_edits(&typed, &key, KEY_TYPO_DISTANCE)
    };
    if !within(&edit.new_text) {
        return false;
    }
    let corpus = &analysis.corpus;
    // Keys whose lengths or letters differ by more than the distance cannot
    // be within it: most of a large corpus is passed over cheaply.
    let letters = ByteCounts::of(String::from_iter(&typed).as_bytes());
    (0..corpus.len())
        .map(|i| corpus.key(i))
        .filter(|key| *key != edit.new_text)
        .filter(|key| key.chars().count().abs_diff(typed.len()) <= KEY_TYPO_DISTANCE)
        .filter(|key| letters.bag_distance(key.to_lowercase().as_bytes()) <= KEY_TYPO_DISTANCE)
        .all(|key| !within(key))
}

/// Whether `a` and `b` are at most `most` edits apart (insertions,
/// deletions, substitutions, transpositions of neighbours: the optimal
/// string alignment distance). Only cells within `most` of the diagonal
/// can stay within it, and a row with none ends the comparison.
fn within_edits(a: &[char], b: &[char], most: usize) -> bool {
    if a.len().abs_diff(b.len()) > most {
        return false;
    }
    let over = most + 1;
    let width = b.len() + 1;
    // Three rows of the distance table: two back (for transpositions), one
    // back, and the one being filled.
    let mut before: Vec<usize> = vec![over; width];
    let mut previous: Vec<usize> = (0..width).map(|j| j.min(over)).collect();
    let mut current: Vec<usize> = vec![over; width];
    for i in 1..=a.len() {
        current.fill(over);
        if i <= most {
            current[0] = i;
        }
        let from = i.saturating_sub(most).max(1);
        let to = (i + most).min(b.len());
        let mut row_best = current[0];
        for j in from..=to {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut value = (previous[j - 1] + cost)
                .min(previous[j] + 1)
                .min(current[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = value.min(before[j - 2] + 1);
            }
            current[j] = value.min(over);
            row_best = row_best.min(current[j]);
        }
        if row_best > most {
            return false;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()] <= most
}

/// How often each byte occurs in a text.
struct ByteCounts {
    counts: [u16; 256],
    len: usize,
}

impl ByteCounts {
    fn of(text: &[u8]) -> ByteCounts {
        let mut counts = [0u16; 256];
        for &b in text {
            counts[b as usize] = counts[b as usize].saturating_add(1);
        }
        ByteCounts {
            counts,
            len: text.len(),
        }
    }

    /// The bytes one text has that the other lacks, the larger side: a
    /// lower bound of the edit distance, since an edit changes at most one
    /// byte on each side and a transposition none.
    fn bag_distance(&self, other: &[u8]) -> usize {
        let mut left = self.counts;
        let mut extra = 0;
        for &b in other {
            match &mut left[b as usize] {
                0 => extra += 1,
                count => *count -= 1,
            }
        }
        let shared = other.len() - extra;
        extra.max(self.len - shared)
    }
}

#[cfg(test)]
mod tests {
    use super::{ByteCounts, within_edits};

    #[test]
    fn bag_distance_is_a_lower_bound_of_the_edit_distance() {
        for (a, b) in [
            ("reuters-2024", "reuters-2042"),
            ("afp-talks", "afp-tlaks"),
            ("bbc-aid", "bbc-aix"),
            ("gen-000123", "gen-000321"),
            ("", "abc"),
            ("abc", ""),
            ("kitten", "sitting"),
        ] {
            let bag = ByteCounts::of(a.as_bytes()).bag_distance(b.as_bytes());
            assert!(bag <= strsim::osa_distance(a, b), "{a} {b}");
        }
        assert_eq!(ByteCounts::of(b"abc").bag_distance(b"xyz"), 3);
        assert_eq!(ByteCounts::of(b"abc").bag_distance(b"cab"), 0);
    }

    proptest::proptest! {
        /// The banded comparison agrees with the full distance table.
        #[test]
        fn within_edits_agrees_with_the_full_distance(
            a in "[ab-]{0,8}",
            b in "[ab-]{0,8}",
            most in 0usize..4,
        ) {
            let chars = |s: &str| s.chars().collect::<Vec<char>>();
            proptest::prop_assert_eq!(
                within_edits(&chars(&a), &chars(&b), most),
                strsim::osa_distance(&a, &b) <= most
            );
        }
    }
}
