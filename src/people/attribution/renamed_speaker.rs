//! A speaker renamed by a definite description: `… Rear Admiral John
//! Stufflebeem said. Asked where bin Laden was now, the Pentagon spokesman
//! said, "…"` gives the second quote to Stufflebeem.

use super::role_holder::after_definite_article;
use crate::people::context::{ArticleContext, FoundMention};
use crate::people::model::{PersonId, QuoteSpeaker};
use crate::people::quotes::DraftQuote;
use crate::people::subjects::{first_token_at, starting_within};
use crate::people::vocabulary;

/// `Rear Admiral John Stufflebeem said … the Pentagon spokesman said,
/// "…"`: a definite description of a spokesman or official (`the
/// Pentagon spokesman`, never `a spokesman` nor `the minister's
/// spokesman`) at `at`, in the sentence right after the previous quote's
/// sentence, is the named person who spoke that quote, when no one else
/// opens a sentence in between: news writing renames a speaker it has
/// just introduced rather than bringing in an unnamed one the same way.
pub(super) fn last_speaker_described(
    context: &ArticleContext,
    description: &str,
    at: usize,
    drafts: &[DraftQuote],
    mentions: &[&FoundMention],
) -> Option<PersonId> {
    let words = after_definite_article(description)?;
    let head = words.last()?;
    // A document ("the statement said") is its author's, never a renaming
    // of the last speaker: `document_author` reads it.
    let describes_an_office = vocabulary::is_source_noun(head)
        && !vocabulary::is_document_noun(head)
        && !words.iter().any(|w| vocabulary::is_anonymity_word(w));
    if !describes_an_office {
        return None;
    }
    let previous = drafts.last()?;
    let QuoteSpeaker::Person(id) = previous.speaker else {
        return None;
    };
    let starts = &context.scan.sentence_starts;
    let sentence_index = |offset: usize| starts.partition_point(|&s| s <= offset);
    if sentence_index(at) > sentence_index(previous.span.close_end) + 1 {
        return None;
    }
    // Another person opening a sentence in between may be the one the
    // spokesman speaks for; one named inside a clause ("Asked where bin
    // Laden was now") is not.
    let tokens = &context.scan.tokens;
    let someone_else = starting_within(mentions, previous.span.close_end + 1..at)
        .iter()
        .any(|m| {
            m.person != id
                && tokens
                    .get(first_token_at(tokens, m.range.start))
                    .is_some_and(|t| t.sentence_initial)
        });
    (!someone_else).then_some(id)
}
