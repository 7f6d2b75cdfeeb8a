//! Names the context around them confirms as people's after the scan:
//! full names whose census surname and own spelling say so, and names
//! joined by "and" to a person's.

use super::{Candidate, Context, Shape};
use crate::people::vocabulary;

/// A full name that ends in a frequent census surname is a person's with
/// no other cue ("Elka Graham won the 300 metres") when every word of it
/// is capitalised only as a name: none is written in lower case in the
/// same text (which rules out "Long" in a text that says "a long wait"),
/// nor names a place, group, title or organisation. A two-letter first
/// word is more often an abbreviation than a name ("St Ives", "Mt Hotham").
pub(super) fn census_names(context: &Context, candidates: &mut [Candidate]) {
    for candidate in candidates.iter_mut() {
        let [first, .., surname] = candidate.words.as_slice() else {
            continue;
        };
        let qualifies = (2..=3).contains(&candidate.words.len())
            && first.chars().count() > 2
            && !candidate.cues.confirms()
            && !candidate.cues.anti
            && !candidate.shouted
            && vocabulary::is_census_surname(surname)
            && context.tokens[candidate.first_token].shape == Shape::Capitalized
            && candidate.words.iter().all(|w| {
                w.chars().count() > 1
                    && !vocabulary::is_particle(w)
                    && vocabulary::may_stand_in_name(w)
                    && !context.lower_vocabulary.contains(w.as_str())
            });
        if qualifies {
            candidate.cues.strong = true;
        }
    }
}

/// Two names joined by "and" are of one kind: beside a name the context
/// shows to be a person's ("his batsmen, Makhaya Ntini and Nanti Hayward,
/// who …"), a full name of words that name nothing else is a person's
/// too. A lone word is not taken this way: "Hayward and Qantas".
pub(super) fn coordinated_names(text: &str, candidates: &mut [Candidate]) {
    let is_full_name = |c: &Candidate| {
        (2..=3).contains(&c.words.len())
            && !c.shouted
            && !c.cues.anti
            && c.words.iter().all(|w| vocabulary::may_stand_in_name(w))
    };
    for i in 1..candidates.len() {
        let (left, right) = (&candidates[i - 1], &candidates[i]);
        if between(text, left, right) != Some(" and ") {
            continue;
        }
        let (left_confirmed, right_confirmed) = (left.cues.confirms(), right.cues.confirms());
        if left_confirmed && !right_confirmed && is_full_name(right) {
            candidates[i].cues.strong = true;
        } else if right_confirmed && !left_confirmed && is_full_name(left) {
            candidates[i - 1].cues.strong = true;
        }
    }
}

/// "Mike and Julie Bennet", "Alan and Ann Potts": a lone given name joined
/// by "and" to a given name and a surname shares that surname, and is read
/// as the full name it stands for, though its mention is the given name.
pub(super) fn shared_surnames(text: &str, candidates: &mut [Candidate]) {
    for i in 1..candidates.len() {
        let (left, right) = (&candidates[i - 1], &candidates[i]);
        let shares = matches!(between(text, left, right), Some(" and " | " & "))
            && !left.shouted
            && !right.shouted
            && matches!(&left.words[..], [given] if vocabulary::is_any_given_name(given))
            && matches!(&right.words[..], [given, _] if vocabulary::is_any_given_name(given));
        if shares {
            // "An image of Mike and Julie Bennet": the couple's name, not
            // a body after "of".
            let (surname, anti) = (right.words[1].clone(), right.cues.anti);
            candidates[i - 1].words.push(surname);
            candidates[i - 1].cues.anti = anti;
        }
    }
}

/// The text between two candidates of one region ("Makhaya Ntini and Nanti
/// Hayward": " and ").
fn between<'t>(text: &'t str, left: &Candidate, right: &Candidate) -> Option<&'t str> {
    (left.region == right.region)
        .then(|| text.get(left.range.end..right.range.start))
        .flatten()
}
