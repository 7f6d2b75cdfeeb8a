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
    let typed = typed.to_lowercase();
    let distance = |key: &str| strsim::osa_distance(&typed, &key.to_lowercase());
    if distance(&edit.new_text) > KEY_TYPO_DISTANCE {
        return false;
    }
    let corpus = &analysis.corpus;
    // Keys whose lengths differ by more than the distance cannot be within
    // it: most of a large corpus is passed over without comparing.
    let length = typed.chars().count();
    (0..corpus.len())
        .map(|i| corpus.key(i))
        .filter(|key| *key != edit.new_text)
        .filter(|key| key.chars().count().abs_diff(length) <= KEY_TYPO_DISTANCE)
        .all(|key| distance(key) > KEY_TYPO_DISTANCE)
}
