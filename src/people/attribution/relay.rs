//! Quotes an outlet relays: `"…," the agency quoted an unnamed official as
//! saying` and `Reuters quoted Mr Khan as saying: "…"` give the words to
//! the one quoted, not to the outlet; so does the passive, `"…," Mr Arafat
//! was quoted (by Reuters) as saying`.

use super::{Attribution, gap_before};
use crate::people::context::{ArticleContext, FoundMention};
use crate::people::quotes::QuoteSpan;
use crate::people::scan::Shape;
use crate::people::subjects::{Subject, SubjectPhrase, first_token_at, starting_within};
use crate::people::vocabulary;

/// `"…," the official Saudi Press Agency quoted an unidentified ministry
/// official as saying.`: words an outlet relays are the speaker's it
/// quotes, not the outlet's. The sentence must end at "as saying", so that
/// the relayed words are the quote's. `first` is the first word after the
/// quote.
pub(super) fn relayed_after_quote(
    context: &ArticleContext,
    first: usize,
    mentions: &[&FoundMention],
) -> Option<Attribution> {
    let tokens = &context.scan.tokens;
    let last = (first + RELAY_REACH).min(tokens.len());
    let quoted = (first..last)
        .take_while(|&k| k == first || !gap_before(context, k).contains(SENTENCE_BREAKS))
        .find(|&k| is_quoted(context, k))?;
    let as_word = as_saying_after(context, quoted)?;
    let saying = &tokens[as_word + 1];
    let rest = context.text.get(saying.range().end..).unwrap_or("");
    if !ends_with_no_other_quote(rest) {
        return None;
    }
    relayed_speaker(context, first, quoted, as_word, mentions)
}

/// Whether the sentence ends after "as saying" (`rest` is the text after
/// it) with no other quote that the relay could bring in: at once, or
/// after where or when the words were said ("… as saying at the group's
/// camp in San Jose.").
fn ends_with_no_other_quote(rest: &str) -> bool {
    let rest = rest.trim_start();
    if rest.starts_with(['.', ',', '!', '?']) {
        return true;
    }
    let word = rest
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let sentence = rest.split(['.', '!', '?', '\n']).next().unwrap_or(rest);
    (vocabulary::is_place_preposition(word) || vocabulary::is_date_preposition(word))
        && word != "the"
        && !sentence.contains(['"', '“', '”', ':'])
}

/// `Reuters quoted Mr Khan as saying: "…"`: the relay before the quote,
/// within the words from `first`.
pub(super) fn relayed_before_quote(
    context: &ArticleContext,
    span: &QuoteSpan,
    first: usize,
    mentions: &[&FoundMention],
) -> Option<Attribution> {
    let tokens = &context.scan.tokens;
    let open = first_token_at(tokens, span.open);
    let saying = open.checked_sub(1)?;
    let gap = context.text.get(tokens[saying].range().end..span.open)?;
    if !gap
        .trim_matches(|c: char| c.is_whitespace() || c == ':' || c == ',')
        .is_empty()
    {
        return None;
    }
    let as_word = saying.checked_sub(1)?;
    let quoted = (first.max(as_word.saturating_sub(RELAY_REACH))..as_word)
        .rev()
        .find(|&k| is_quoted(context, k))?;
    (as_saying_after(context, quoted)? == as_word)
        .then(|| relayed_speaker(context, first, quoted, as_word, mentions))
        .flatten()
}

/// The "as" of the first "as saying" (or "as telling") within reach after
/// token `quoted`, in the same clause.
fn as_saying_after(context: &ArticleContext, quoted: usize) -> Option<usize> {
    let tokens = &context.scan.tokens;
    let last = (quoted + RELAY_REACH).min(tokens.len().saturating_sub(1));
    (quoted + 1..last)
        .take_while(|&k| !gap_before(context, k).contains(CLAUSE_BREAKS))
        .find(|&k| {
            tokens.lower(k) == "as"
                && matches!(tokens.lower(k + 1), "saying" | "telling")
                && !gap_before(context, k + 1).contains(CLAUSE_BREAKS)
        })
}

/// Whether word `k` is the lower-case verb "quoted", or "reported" in the
/// passive ("was reported as saying").
fn is_quoted(context: &ArticleContext, k: usize) -> bool {
    let tokens = &context.scan.tokens;
    tokens[k].shape == Shape::Lower
        && match tokens.lower(k) {
            "quoted" => true,
            "reported" => is_passive(context, k),
            _ => false,
        }
}

/// Whether the verb at `k` is a passive's: an auxiliary right before it
/// ("was quoted", "has been quoted").
fn is_passive(context: &ArticleContext, k: usize) -> bool {
    let tokens = &context.scan.tokens;
    k > 0
        && tokens[k - 1].shape == Shape::Lower
        && matches!(
            tokens.lower(k - 1),
            "is" | "was" | "are" | "were" | "been" | "being"
        )
}

/// Whom a relay gives the words to: in the passive the subject, the words
/// from `first` to the auxiliary ("Mr Arafat was quoted"); otherwise the
/// words between "quoted" and "as saying". A person, a pronoun, or a
/// description.
fn relayed_speaker(
    context: &ArticleContext,
    first: usize,
    quoted: usize,
    as_word: usize,
    mentions: &[&FoundMention],
) -> Option<Attribution> {
    let tokens = &context.scan.tokens;
    let (from, to) = if is_passive(context, quoted) {
        // The auxiliary opens the text: no subject to find.
        let to = quoted.checked_sub(2)?;
        let mut start = quoted - 1;
        while start > first
            && start + MAX_PASSIVE_SUBJECT_WORDS > quoted
            && !gap_before(context, start).contains(CLAUSE_BREAKS)
        {
            start -= 1;
        }
        (start, to)
    } else {
        (quoted + 1, as_word - 1)
    };
    if to < from {
        return None;
    }
    let words = tokens[from].range().start..tokens[to].range().end;
    let cue = "quoted".to_string();
    if let Some(mention) = starting_within(mentions, words.clone())
        .iter()
        .rev()
        .find(|m| m.range.end <= words.end)
    {
        return Some(Attribution::named(mention, cue));
    }
    if from == to && matches!(tokens.lower(from), "him" | "her" | "he" | "she") {
        return Some(Attribution::of(SubjectPhrase::pronoun(words), cue));
    }
    Some(Attribution {
        subject: Subject::Unnamed(context.text.get(words.clone())?.to_string()),
        cue,
        range: Some(words),
    })
}

/// How many words the subject of a passive relay ("the Palestinian
/// leader was quoted as saying") may have.
const MAX_PASSIVE_SUBJECT_WORDS: usize = 8;

/// How many words a relay ("the agency quoted … as saying") may span.
const RELAY_REACH: usize = 16;

const SENTENCE_BREAKS: [char; 7] = ['.', '!', '?', '\n', '"', '“', '”'];

const CLAUSE_BREAKS: [char; 9] = ['.', '!', '?', '\n', '"', '“', '”', ',', ';'];
