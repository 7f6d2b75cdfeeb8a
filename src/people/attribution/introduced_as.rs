//! A speaker brought in by a common noun and a name, then called by the
//! noun alone: `a man known as Nick told Channel Ten … "…," the man said`
//! gives the quote to Nick.

use super::gap_before;
use crate::people::context::{ArticleContext, FoundMention};
use crate::people::model::PersonId;
use crate::people::scan;
use crate::people::subjects::{first_token_at, starting_within};

/// The person of `the <noun> said` at `at` (its description being
/// `description`), when the article has brought in "a <noun> known as",
/// "named" or "called" that person before it: the latest such, so that a
/// second man introduced so takes over from the first.
pub(super) fn introduced_as(
    context: &ArticleContext,
    description: &str,
    at: usize,
    mentions: &[&FoundMention],
) -> Option<PersonId> {
    let words: Vec<&str> = description.split_whitespace().collect();
    let [the, noun] = words[..] else {
        return None;
    };
    if !the.eq_ignore_ascii_case("the") || !noun.starts_with(char::is_lowercase) {
        return None;
    }
    let noun = scan::fold(noun);
    let tokens = &context.scan.tokens;
    let spaced_before = |k: usize| gap_before(context, k) == " ";
    let end = first_token_at(tokens, at);
    let name_at = (1..end).rev().find_map(|i| {
        let indefinite = matches!(tokens.lower(i - 1), "a" | "an");
        if !indefinite || tokens.lower(i) != noun || !spaced_before(i) {
            return None;
        }
        let lower = |k: usize| (k < tokens.len()).then(|| tokens.lower(k));
        let name_at = match (lower(i + 1), lower(i + 2)) {
            (Some("named" | "called"), Some(_)) => i + 2,
            (Some("known"), Some("as")) if i + 3 < tokens.len() => i + 3,
            _ => return None,
        };
        (i + 1..=name_at).all(spaced_before).then_some(name_at)
    })?;
    // The latest introduction decides, even when what it names is no one
    // the index knows.
    let start = tokens[name_at].range().start;
    starting_within(mentions, start..start + 1)
        .first()
        .map(|m| m.person)
}
