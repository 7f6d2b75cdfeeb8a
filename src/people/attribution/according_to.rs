//! Quotes whose source follows "according to": `According to Palestinian
//! negotiator Saeb Erakat, "…"` and `"…," according to Saeb Erakat.`

use super::Attribution;
use crate::people::context::{ArticleContext, FoundMention};
use crate::people::scan::Shape;
use crate::people::subjects::{PHRASE_BREAKS, Subject, noun_phrase_after, starting_within};
use crate::people::vocabulary;

/// The source named after "according to" at token `according`: a person
/// whose name opens the phrase (after titles and roles at most), else the
/// noun phrase itself as an unnamed source ("according to police
/// sources").
pub(super) fn according_to(
    context: &ArticleContext,
    according: usize,
    mentions: &[&FoundMention],
) -> Option<Attribution> {
    let tokens = &context.scan.tokens;
    let to = according + 1;
    let opens = tokens
        .get(to)
        .is_some_and(|t| t.shape == Shape::Lower && tokens.lower_of(t) == "to")
        && tokens.lower(according) == "according"
        && context.text[tokens[according].range().end..tokens[to].range().start] == *" ";
    let source = tokens.get(to + 1)?;
    if !opens {
        return None;
    }
    let start = source.range().start;
    let rest = &context.text[start..];
    let end = start + rest.find(PHRASE_BREAKS).unwrap_or(rest.len());
    let cue = "according to".to_string();
    if let Some(named) = starting_within(mentions, start..end).first() {
        let before_name = &context.text[start..named.range.start];
        let only_roles = before_name.split_whitespace().all(|word| {
            word.starts_with(char::is_uppercase)
                || vocabulary::is_role_noun(&word.to_lowercase())
                || vocabulary::is_title_word(&word.to_lowercase())
        });
        if only_roles {
            return Some(Attribution {
                subject: Subject::Person(named.person),
                cue,
                range: Some(named.range.clone()),
            });
        }
    }
    let (phrase, range) = noun_phrase_after(context, to + 1)?;
    Some(Attribution {
        subject: Subject::Unnamed(phrase),
        cue,
        range: Some(range),
    })
}
