//! A speaker described by the office the article gave them: `Trade
//! Minister Budi Santoso Wirawan said … "…," the minister said`, `U.S.
//! District Judge Patricia Okonkwo-Reyes told Walter Brandt … "…," the
//! judge said`.

use crate::people::context::{ArticleContext, FoundRole};
use crate::people::model::PersonId;
use crate::people::scan::{self, Shape};
use crate::people::subjects::first_token_at;
use crate::people::vocabulary;

/// How many words a description after "the" may have to be read as an
/// office ("the foreign minister", "the U.S. district judge").
const MAX_OFFICE_WORDS: usize = 4;

/// How many words after "a" or "an" may lead to the head of a description
/// that brings in someone unnamed ("a senior ministry official").
const INDEFINITE_REACH: usize = 4;

/// The one person the article gave, before `at`, a role holding every
/// word of a definite description (`the minister`, `the foreign
/// minister`), when no one unnamed has been brought in with that noun
/// since (`a minister said`): news writing names an office holder once
/// and then calls them by the office. Two holders of such roles leave the
/// description to no one.
pub(super) fn role_holder_described(
    context: &ArticleContext,
    description: &str,
    at: usize,
    roles: &[FoundRole],
) -> Option<PersonId> {
    let rest = after_definite_article(description)?;
    if rest.is_empty()
        || rest.len() > MAX_OFFICE_WORDS
        || rest.iter().any(|w| vocabulary::is_anonymity_word(w))
    {
        return None;
    }
    let fitting: Vec<&FoundRole> = roles
        .iter()
        .filter(|r| r.range.end <= at && role_fits(r, &rest))
        .collect();
    let person = fitting.first()?.person;
    if fitting.iter().any(|r| r.person != person) {
        return None;
    }
    let last_named = fitting.iter().map(|r| r.range.end).max()?;
    let head = rest.last()?;
    (!unnamed_brought_in(context, head, last_named..at)).then_some(person)
}

/// The words, folded, after the "the" of a definite description with no
/// possessive in it ("the foreign minister" gives "foreign", "minister");
/// none for any other ("a minister", "the minister's spokesman").
pub(super) fn after_definite_article(description: &str) -> Option<Vec<String>> {
    let mut words = description.split_whitespace().map(scan::fold);
    (words.next()? == "the" && !description.contains(['\'', '’'])).then(|| words.collect())
}

/// Does `role` hold every one of `words` (folded)?
pub(super) fn role_fits(role: &FoundRole, words: &[String]) -> bool {
    let role_words = role_words(role);
    words.iter().all(|w| role_words.contains(w))
}

/// The words of a role, folded ("german", "foreign", "minister" of
/// "German Foreign Minister").
pub(super) fn role_words(role: &FoundRole) -> Vec<String> {
    (role.role)
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(scan::fold)
        .collect()
}

/// Whether the text between `range` brings in someone unnamed with the
/// noun `head`: "a" or "an", a few words, then the noun.
pub(super) fn unnamed_brought_in(
    context: &ArticleContext,
    head: &str,
    range: std::ops::Range<usize>,
) -> bool {
    let tokens = &context.scan.tokens;
    let from = first_token_at(tokens, range.start);
    let to = first_token_at(tokens, range.end);
    (from..to).any(|k| {
        tokens[k].shape == Shape::Lower
            && tokens.lower(k) == head
            && (k.saturating_sub(INDEFINITE_REACH)..k).any(|j| {
                matches!(tokens.lower(j), "a" | "an")
                    && (tokens[j].shape == Shape::Lower || tokens[j].sentence_initial)
            })
    })
}
