//! Quotes whose source follows "according to": `According to Palestinian
//! negotiator Saeb Erakat, "…"` and `"…," according to Saeb Erakat.`

use super::{Attribution, gap_before};
use crate::people::context::{ArticleContext, FoundMention};
use crate::people::scan::Shape;
use crate::people::subjects::{
    PHRASE_BREAKS, Subject, first_token_at, noun_phrase_after, only_roles_between, starting_within,
};

/// The cue of a quote whose source follows "according to".
pub(super) const ACCORDING_TO: &str = "according to";

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
    let opens = tokens.lower(according) == "according"
        && tokens
            .get(to)
            .is_some_and(|t| t.shape == Shape::Lower && tokens.lower_of(t) == "to")
        && gap_before(context, to) == " ";
    if !opens {
        return None;
    }
    let start = tokens.get(to + 1)?.range().start;
    let rest = &context.text[start..];
    let end = start + rest.find(PHRASE_BREAKS).unwrap_or(rest.len());
    let cue = ACCORDING_TO.to_string();
    if let Some(named) = starting_within(mentions, start..end).first()
        && only_roles_between(tokens, to + 1, first_token_at(tokens, named.range.start))
    {
        return Some(Attribution::named(named, cue));
    }
    let (phrase, range) = noun_phrase_after(context, to + 1)?;
    Some(Attribution {
        subject: Subject::Unnamed(phrase),
        cue,
        range: Some(range),
    })
}
