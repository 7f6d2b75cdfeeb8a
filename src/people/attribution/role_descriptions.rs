//! Definite descriptions by a role the article gave someone (`German
//! Foreign Minister Sigmar Gabriel … The German foreign minister noted`)
//! as mentions of that person, so that a "he" right after one points back
//! to them rather than to a speaker named before.

use super::role_holder::{role_holder_described, role_words};
use crate::people::context::{ArticleContext, FoundMention, FoundRole};
use crate::people::model::MentionKind;
use crate::people::scan::Shape;
use crate::people::vocabulary;

/// How many words after "the" a role description may have.
const MAX_DESCRIPTION_WORDS: usize = 4;

/// The descriptions `role_holder_described` settles on one person: "the"
/// and then words that an earlier role holds, the last of them the role's
/// own last word and a role noun or title ("the German foreign minister",
/// "the minister"; not "the German people"), with no name right after
/// ("the minister Sigmar Gabriel" names him) and no possessive (`the
/// minister's spokesman` is someone else). Ranges that `taken` already
/// covers are left.
pub(in crate::people) fn role_descriptions(
    context: &ArticleContext,
    roles: &[FoundRole],
    taken: &[FoundMention],
) -> Vec<FoundMention> {
    let tokens = &context.scan.tokens;
    let mut found = Vec::new();
    // Each role's words once, in the order the roles end.
    let mut given: Vec<(usize, Vec<String>)> =
        roles.iter().map(|r| (r.range.end, role_words(r))).collect();
    given.sort_by_key(|(end, _)| *end);
    for i in 0..tokens.len() {
        if tokens.lower(i) != "the" {
            continue;
        }
        let start = tokens[i].range().start;
        let earlier = &given[..given.partition_point(|(end, _)| *end <= start)];
        if earlier.is_empty() {
            continue;
        }
        let mut words: Vec<&str> = Vec::new();
        let mut end = i;
        for k in i + 1..(i + 1 + MAX_DESCRIPTION_WORDS).min(tokens.len()) {
            let word = tokens.lower(k);
            let joined = (context
                .text
                .get(tokens[k - 1].range().end..tokens[k].range().start))
            .is_some_and(|gap| gap == " ");
            if !joined
                || !earlier
                    .iter()
                    .any(|(_, role)| role.iter().any(|w| w == word))
            {
                break;
            }
            words.push(word);
            end = k;
            if tokens[k].possessive {
                break;
            }
        }
        let Some(&head) = words.last() else {
            continue;
        };
        // "the CIA" of "former head of the CIA", "the Lords" of "leader
        // in the Lords" name a body, not its member.
        let names_a_holder = vocabulary::is_role_noun(head) || vocabulary::is_title_word(head);
        let ends_a_role = names_a_holder
            && (earlier.iter()).any(|(_, role)| {
                role.last().is_some_and(|last| last == head)
                    && words.iter().all(|w| role.iter().any(|r| r == w))
            });
        let name_follows = tokens.get(end + 1).is_some_and(|t| {
            matches!(t.shape, Shape::Capitalized | Shape::AllCaps)
                && context.text.get(tokens[end].range().end..t.range().start) == Some(" ")
        });
        if !ends_a_role || name_follows || tokens[end].possessive {
            continue;
        }
        let range = start..tokens[end].base_end();
        let overlaps =
            (taken.iter()).any(|m| m.range.start < range.end && range.start < m.range.end);
        if overlaps {
            continue;
        }
        let description = format!("the {}", words.join(" "));
        if let Some(person) = role_holder_described(context, &description, start, roles) {
            found.push(FoundMention {
                person,
                range,
                kind: MentionKind::Description,
            });
        }
    }
    found
}
