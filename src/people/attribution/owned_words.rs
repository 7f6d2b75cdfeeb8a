//! Quotes inside what a named person's words are called: `Mr Sharon's
//! accusation that Mr Arafat was "…"` is Sharon's, and `his remarks that
//! "…"` are whose "his" points back to.

use super::{Attribution, gap_before};
use crate::people::context::{ArticleContext, FoundMention};
use crate::people::scan::Shape;
use crate::people::subjects::{PHRASE_BREAKS, SubjectPhrase, first_token_at, owner_at};
use crate::people::vocabulary;

/// `Mr Sharon's accusation that Mr Arafat was "responsible …"`: a quote
/// after a person's words (a speech noun after their possessive name or
/// a "his" or "her", among tokens `first..end` before the quote) is
/// theirs, when no said-verb comes between to give it to someone else.
pub(super) fn owned_words_before(
    context: &ArticleContext,
    first: usize,
    end: usize,
    mentions: &[&FoundMention],
) -> Option<Attribution> {
    let tokens = &context.scan.tokens;
    let nouns: Vec<usize> = (first + 1..end)
        .rev()
        .take_while(|&k| {
            !(vocabulary::is_speech_verb(tokens.lower(k)) && tokens[k].shape == Shape::Lower)
                || vocabulary::is_speech_noun(tokens.lower(k))
        })
        .filter(|&k| tokens[k].shape == Shape::Lower && vocabulary::is_speech_noun(tokens.lower(k)))
        .collect();
    let nearest = *nouns.first()?;
    // Not words a said-verb right before them takes as its object ("Downing
    // Street called his comments "…"", "another said his remarks had gone
    // "…""): those are the verb's subject's.
    let object_of_speech = |owner_start: usize| {
        owner_start.checked_sub(1).is_some_and(|v| {
            tokens[v].shape == Shape::Lower && vocabulary::is_speech_verb(tokens.lower(v))
        })
    };
    let owner_of = |k: usize| {
        let owner = match owner_at(context, mentions, k - 1) {
            Some(mention) => Owner::Named(mention),
            None if tokens[k - 1].shape == Shape::Lower
                && vocabulary::pronoun_of_possessive(tokens.lower(k - 1)).is_some() =>
            {
                Owner::Pronoun(k - 1)
            }
            None => return None,
        };
        let start = match owner {
            Owner::Named(mention) => first_token_at(tokens, mention.range.start),
            Owner::Pronoun(token) => token,
        };
        (!object_of_speech(start)).then_some(owner)
    };
    // "his remarks … that … the threat … reaches a level "…"": a nearer
    // speech noun that no one owns lies in the clause an owned one brings
    // in, past its "that".
    let brings_in_the_clause = |k: usize| {
        (k + 1..nearest).any(|t| tokens.lower(t) == "that" && tokens[t].shape == Shape::Lower)
    };
    let (noun, owner) = match owner_of(nearest) {
        Some(owner) => (nearest, owner),
        None => (nouns[1..].iter().copied())
            .filter(|&k| brings_in_the_clause(k))
            .find_map(|k| owner_of(k).map(|owner| (k, owner)))?,
    };
    if gap_before(context, noun).contains(PHRASE_BREAKS) {
        return None;
    }
    let cue = tokens.lower(noun).to_string();
    Some(match owner {
        Owner::Named(mention) => Attribution::named(mention, cue),
        Owner::Pronoun(token) => {
            Attribution::of(SubjectPhrase::pronoun(tokens[token].range()), cue)
        }
    })
}

/// Whose words a speech noun names: a person named with a possessive, or
/// the token of a "his" or "her".
enum Owner<'m> {
    Named(&'m FoundMention),
    Pronoun(usize),
}
