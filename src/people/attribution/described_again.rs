//! A speaker named before and then called by what they are rather than by
//! an office the article gave them: `Foreign Ministry Spokeswoman Maria
//! Zakharova said … "…," the Russian diplomat said`, `"…," the Utah
//! Republican said`, `"…," the New Yorker said`.

use super::role_holder::{role_fits, unnamed_brought_in};
use crate::people::context::{ArticleContext, FoundRole};
use crate::people::scan;
use crate::people::vocabulary;

/// How many words after "the" such a description may have ("the
/// conservative Polish lawmaker").
const MAX_DESCRIPTION_WORDS: usize = 4;

/// Whether a definite description at `at` renames someone the article has
/// named, to be found as "he" or "she" would be: one headed by a person
/// noun (a role, "diplomat", "lawmaker"; a party's or a people's,
/// "Republican", "New Yorker"), when the article has brought in no one
/// unnamed with that noun before it ("a diplomat said") and gave no one a
/// role with it (two ministers leave "the minister" to no one).
pub(super) fn renames_someone_named(
    context: &ArticleContext,
    description: &str,
    at: usize,
    roles: &[FoundRole],
) -> bool {
    let words: Vec<String> = description.split_whitespace().map(scan::fold).collect();
    let [first, rest @ ..] = &words[..] else {
        return false;
    };
    let Some(head) = rest.last() else {
        return false;
    };
    // Not a noun both of anonymous sources and of a body's people ("the
    // spokesman", "the official"), which names someone unnamed as often
    // as someone named.
    let names_a_person = vocabulary::is_party_label(head)
        || (vocabulary::is_group_noun(head) && vocabulary::geo_code(head).is_some())
        || vocabulary::is_role_noun(head);
    let names_a_source = vocabulary::is_source_noun(head)
        && (vocabulary::is_member_noun(head) || vocabulary::is_member_noun(&format!("{head}s")));
    first == "the"
        && rest.len() <= MAX_DESCRIPTION_WORDS
        && names_a_person
        && !names_a_source
        && !rest.iter().any(|w| w.chars().all(|c| c.is_ascii_digit()))
        && !description.contains(['\'', '’'])
        && !rest.iter().any(|w| vocabulary::is_anonymity_word(w))
        && !roles
            .iter()
            .any(|r| r.range.end <= at && role_fits(r, std::slice::from_ref(head)))
        && !unnamed_brought_in(context, head, context.body.start..at)
}
