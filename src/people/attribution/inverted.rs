//! Quotes whose said-verb comes before its subject: `"…," said Trump`,
//! `"…," said Rep. David Brat`, `"…," said the Treasurer, Peter Costello`.

use super::{Attribution, gap_before};
use crate::people::context::{ArticleContext, FoundMention};
use crate::people::subjects::{Subject, SubjectPhrase, noun_phrase_after, starting_within};
use crate::people::vocabulary;

/// The said-verb at token `verb` followed by its subject: `said Trump`,
/// `says Natarajan-Shah`, `said a senior official`.
pub(super) fn inverted_attribution(
    context: &ArticleContext,
    verb: usize,
    mentions: &[&FoundMention],
) -> Option<Attribution> {
    let tokens = &context.scan.tokens;
    let cue = tokens.lower(verb).to_string();
    let subject_start = tokens.get(verb + 1)?;
    let start = subject_start.range().start;
    let limit = start + 80;
    // Between the verb and the name, no break but the dot of a title
    // ("said Rep. David Brat"), which stays with its word.
    let unbroken_to = |offset: usize| {
        (verb + 2..tokens.len())
            .take_while(|&k| tokens[k].range().start <= offset)
            .all(|k| !gap_before(context, k).contains([',', '.', '"', '“']))
    };
    if let Some(mention) = starting_within(mentions, start..limit)
        .iter()
        .find(|m| unbroken_to(m.range.start))
    {
        return Some(Attribution::named(mention, cue));
    }
    if vocabulary::is_pronoun(tokens.lower_of(subject_start)) {
        return Some(Attribution::of(
            SubjectPhrase::pronoun(subject_start.range()),
            cue,
        ));
    }
    let (phrase, range) = noun_phrase_after(context, verb + 1)?;
    // "said the Treasurer, Peter Costello": the name the description is
    // set beside.
    let after = &context.text[range.end..];
    let name_at = range.end + (after.len() - after.trim_start_matches([',', ' ']).len());
    if after.starts_with(", ")
        && let Some(named) = starting_within(mentions, name_at..name_at + 1).first()
    {
        return Some(Attribution::named(named, cue));
    }
    Some(Attribution {
        subject: Subject::Unnamed(phrase),
        cue,
        range: Some(range),
    })
}

/// `Both Canada and the EU, said Mr Trudeau, needed to …`, `The EU needed
/// time, said Mr Trudeau.`: a said-verb and a name set off by a comma, the
/// aside that says whose words the sentence reports.
pub(super) fn inverted_aside(
    context: &ArticleContext,
    verb: usize,
    mentions: &[&FoundMention],
) -> Option<Attribution> {
    if !gap_before(context, verb).contains(',') {
        return None;
    }
    let attribution = inverted_attribution(context, verb, mentions)?;
    let range = attribution.range.as_ref()?;
    let closed = context.text.get(range.end..)?.starts_with([',', '.']);
    (matches!(attribution.subject, Subject::Person(_)) && closed).then_some(attribution)
}
