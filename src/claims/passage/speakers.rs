//! Who says what a passage reports: a claim that one person said something
//! is not supported by a passage that names that person but gives the
//! words to someone else ("… and the Deputy Prime Minister, John Anderson,
//! did quote …," Mr Lew said" for "John Anderson said …").

use std::ops::Range;

use super::lexicon::LEXICON;
use super::stances::Stances;

/// Most words between a verb of saying and the name of its speaker ("Mr
/// Lew said", "said Ken McReddie").
const SPEAKER_REACH: usize = 3;

/// When the passage names the claim's speaker, but every verb of saying in
/// it has someone else the claim does not name as its speaker: the tokens
/// of the first such speaker's name.
pub fn said_by_another(stances: &Stances) -> Option<Range<usize>> {
    let shape = stances.shape;
    let speaker_terms: Vec<usize> = (0..shape.terms.len())
        .filter(|&t| shape.terms[t].speaker && shape.terms[t].entity.is_some())
        .collect();
    if speaker_terms.is_empty() {
        return None;
    }
    let at = |k: usize| {
        stances
            .hits
            .iter()
            .filter(move |h| h.word - stances.first_word == k)
    };
    let names_speaker = (stances.hits.iter()).any(|h| speaker_terms.contains(&h.term));
    if !names_speaker {
        return None;
    }
    let tokens = stances.tokens;
    let saying: Vec<usize> = (0..tokens.len())
        .filter(|&k| LEXICON.is_reporting(tokens[k].word))
        .collect();
    // The speaker of the verb at `k`: the first name beside it in its
    // clause, before it and else after it.
    let speaker_of = |k: usize| -> Option<usize> {
        let before = (k.saturating_sub(SPEAKER_REACH)..k)
            .rev()
            .take_while(|&j| !tokens[j + 1].boundary_before)
            .find(|&j| is_name(stances, j));
        let after = || {
            (k + 1..(k + 1 + SPEAKER_REACH).min(tokens.len()))
                .take_while(|&j| !tokens[j].boundary_before)
                .find(|&j| is_name(stances, j))
        };
        before.or_else(after)
    };
    // The words of the name holding token `j` ("said Ken McReddie"), with
    // a title before it ("Mr Lew").
    let name_at = |j: usize| {
        let start = (0..=j)
            .rev()
            .take_while(|&i| i == j || (tokens[i].capitalised && !tokens[i + 1].boundary_before))
            .last()
            .unwrap_or(j);
        let end = (j..tokens.len())
            .take_while(|&i| i == j || (is_name(stances, i) && !tokens[i].boundary_before))
            .last()
            .unwrap_or(j);
        start..end + 1
    };
    let mut other: Option<Range<usize>> = None;
    for k in saying {
        let Some(name) = speaker_of(k).map(name_at) else {
            // "he said": the claim's speaker, for all the passage says.
            return None;
        };
        if name.clone().any(|j| at(j).next().is_some()) {
            // The claim's speaker, or a name the claim gives in another role.
            return None;
        }
        other.get_or_insert(name);
    }
    other
}

/// Whether token `j` is a name's word: capitalised inside its sentence,
/// not a title ("Mr").
fn is_name(stances: &Stances, j: usize) -> bool {
    let token = &stances.tokens[j];
    token.capitalised && !token.boundary_before && !LEXICON.is_title(token.word)
}
