//! A named speaker right after a quote whose said-verb comes only after a
//! long appositive: `"…," Desilien Simedieu, a community leader at the
//! Carradeux camp, where most people live on less than $3 per day, told Al
//! Jazeera.`

use crate::people::context::{ArticleContext, FoundMention};
use crate::people::subjects::{SubjectPhrase, first_token_at, starting_within};
use crate::people::vocabulary;

/// How far it is looked for after a quote that a person's name follows
/// right away: the name is the said-verb's subject however long the
/// appositive between them, as long as the sentence goes on.
pub(super) const NAMED_SPEAKER_VERB_REACH: usize = 40;

/// The name right after a quote as the subject of a said-verb further on
/// in its sentence, past an appositive that names no one else and is no
/// clause of a pronoun ("…," Ali Jarbawi, professor of political science
/// at Birzeit University in Ramallah, and ex-PA minister, told Al
/// Jazeera). The appositive must be set off by a comma.
pub(super) fn named_subject_past_appositive(
    context: &ArticleContext,
    named: &FoundMention,
    verb: usize,
    mentions: &[&FoundMention],
) -> Option<SubjectPhrase> {
    let tokens = &context.scan.tokens;
    let verb_start = tokens.get(verb)?.range().start;
    let between = context.text.get(named.range.end..verb_start)?;
    let someone_else = (starting_within(mentions, named.range.end..verb_start).iter())
        .any(|m| m.person != named.person);
    let pronoun = (first_token_at(tokens, named.range.end)..verb)
        .any(|k| vocabulary::is_pronoun(tokens.lower(k)));
    (between.trim_start().starts_with(',') && !someone_else && !pronoun)
        .then(|| SubjectPhrase::named(named))
}
