//! Quotes inside what a named person's words are called: `Mr Sharon's
//! accusation that Mr Arafat was "…"` is Sharon's.

use super::{Attribution, gap_before};
use crate::people::context::{ArticleContext, FoundMention};
use crate::people::scan::Shape;
use crate::people::subjects::{PHRASE_BREAKS, owner_at};
use crate::people::vocabulary;

/// `Mr Sharon's accusation that Mr Arafat was "responsible …"`: a quote
/// after a named person's words (a speech noun after their possessive
/// name, among tokens `first..end` before the quote) is theirs, when no
/// said-verb comes between to give it to someone else.
pub(super) fn owned_words_before(
    context: &ArticleContext,
    first: usize,
    end: usize,
    mentions: &[&FoundMention],
) -> Option<Attribution> {
    let tokens = &context.scan.tokens;
    let noun = (first + 1..end)
        .rev()
        .take_while(|&k| {
            !(vocabulary::is_speech_verb(tokens.lower(k)) && tokens[k].shape == Shape::Lower)
                || vocabulary::is_speech_noun(tokens.lower(k))
        })
        .find(|&k| {
            tokens[k].shape == Shape::Lower && vocabulary::is_speech_noun(tokens.lower(k))
        })?;
    if gap_before(context, noun).contains(PHRASE_BREAKS) {
        return None;
    }
    let mention = owner_at(context, mentions, noun - 1)?;
    Some(Attribution::named(mention, tokens.lower(noun).to_string()))
}
