//! Quotes that are the words written on a thing: `signs reading: "Islam
//! will conquer Europe"`, `a banner that read "…"`. Whoever carried or
//! posted it, the quote's source is the thing, which names no one.

use super::{Attribution, gap_before};
use crate::people::context::ArticleContext;
use crate::people::scan::Shape;
use crate::people::subjects::{Subject, SubjectPhrase};
use crate::people::vocabulary;

/// A quote right after "reading", "read" or "reads" (and at most a colon
/// or comma): the lower-case noun the verb hangs on ("signs", "a banner
/// that") is its unnamed source. `end` is the first token of the quote.
pub(super) fn inscription_before_quote(
    context: &ArticleContext,
    end: usize,
) -> Option<Attribution> {
    let tokens = &context.scan.tokens;
    let verb = end.checked_sub(1)?;
    let reads = tokens[verb].shape == Shape::Lower
        && matches!(tokens.lower(verb), "reading" | "read" | "reads")
        && gap_before(context, end).chars().all(|c| {
            matches!(c, ':' | ',' | '"' | '“' | '„' | '«' | '\'' | '‘') || c.is_whitespace()
        });
    if !reads {
        return None;
    }
    let mut noun = verb.checked_sub(1)?;
    if matches!(tokens.lower(noun), "that" | "which") && noun > 0 {
        noun -= 1;
    }
    let word = tokens.lower(noun);
    let function_word = vocabulary::is_stop_word(word)
        || vocabulary::is_pronoun(word)
        || vocabulary::is_auxiliary_verb(word)
        || vocabulary::is_adverb_between(word);
    let is_noun = tokens[noun].shape == Shape::Lower
        && !tokens[noun].possessive
        && !function_word
        && !gap_before(context, noun + 1).contains([',', '.', ';', ':']);
    if !is_noun {
        return None;
    }
    let range = tokens[noun].range();
    Some(Attribution::of(
        SubjectPhrase {
            subject: Subject::Unnamed(word.to_string()),
            range: Some(range),
        },
        tokens.lower(verb).to_string(),
    ))
}
