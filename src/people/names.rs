//! The parts of a person's name: the key that spellings of one name share,
//! and its given name and surname. Names arrive as folded lower-case words
//! (`scan::fold`); keys and parts are skeletons (`scan::skeleton`), so that
//! "Zelensky" and "Zelenskiy" meet.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::scan::skeleton;
use super::vocabulary;
use crate::lexicon;

/// The key of a name: its words' skeletons, space-separated. A regnal
/// number after the first word stays as written: its skeleton would make
/// "Henry VII" and "Henry VIII" one key.
pub(super) fn key_of(words: &[String]) -> String {
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && is_regnal(w) {
                w.clone()
            } else {
                skeleton(w)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "iii", "iv", and a lone "i", "v" or "x": the last word of a monarch's
/// name rather than a surname.
pub(super) fn is_regnal(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| "ivx".contains(c)) && word.len() <= 4
}

/// Given name and surname (as skeletons) of a name's words. The surname
/// keeps its particles: "Marine Le Pen" → (marine, lepen); "Le Pen" and
/// "Starmer" have no given name; "Charles III" has no surname.
pub(super) fn name_parts(words: &[String]) -> (Option<String>, Option<String>) {
    let mut end = words.len();
    while end > 0 && matches!(words[end - 1].as_str(), "jr" | "jr." | "sr" | "sr.") {
        end -= 1;
    }
    if end == 0 {
        return (None, None);
    }
    // "Charles III"; a lone "Xi" is a name, not a number.
    if end >= 2 && is_regnal(&words[end - 1]) {
        return (Some(skeleton(&words[0])), None);
    }
    let mut start = end - 1;
    while start > 0 && vocabulary::is_particle(&words[start - 1]) {
        start -= 1;
    }
    let surname = skeleton(&words[start..end].concat());
    ((start > 0).then(|| skeleton(&words[0])), Some(surname))
}

/// The surname of a full name (one with a given name).
pub(super) fn surname_of(words: &[String]) -> Option<String> {
    let (given, surname) = name_parts(words);
    given.and(surname)
}

pub(super) fn given_of(words: &[String]) -> Option<String> {
    name_parts(words).0
}

/// The surname of a name that is nothing but a surname ("Starmer", "Le Pen").
pub(super) fn surname_only(words: &[String]) -> Option<String> {
    match name_parts(words) {
        (None, surname) => surname,
        _ => None,
    }
}

/// The middle names of a full name, as skeletons: the words between the
/// given name and the surname with its particles ("Ahmad Shah Masood" →
/// shah).
pub(super) fn middle_of(words: &[String]) -> Vec<String> {
    let mut end = words.len();
    while end > 0 && matches!(words[end - 1].as_str(), "jr" | "jr." | "sr" | "sr.") {
        end -= 1;
    }
    if end < 3 || is_regnal(&words[end - 1]) {
        return Vec::new();
    }
    let mut start = end - 1;
    while start > 1 && vocabulary::is_particle(&words[start - 1]) {
        start -= 1;
    }
    words[1..start].iter().map(|w| skeleton(w)).collect()
}

/// Can two full names be one person's by their middle names: when both
/// write one, each fits the other ("Ahmad Shah Masood" and "Ahmad Wali
/// Masood" are brothers; "George W Bush" and "George Bush" are one man).
pub(super) fn middles_compatible(a: &[String], b: &[String]) -> bool {
    middle_lists_compatible(&middle_of(a), &middle_of(b))
}

/// `middles_compatible` for middle names already taken out (`middle_of`).
pub(super) fn middle_lists_compatible(ma: &[String], mb: &[String]) -> bool {
    ma.is_empty()
        || mb.is_empty()
        || (ma.len() == mb.len() && ma.iter().zip(mb).all(|(x, y)| given_compatible(x, y)))
}

/// How much a full name says of its bearer beyond the surname: the
/// letters of its given and middle names ("J Smith" says less than "John
/// Smith", which says less than "John A Smith").
pub(super) fn specificity(words: &[String]) -> usize {
    let given = given_of(words).unwrap_or_default();
    specificity_of(&given, &middle_of(words))
}

/// `specificity` of a given name and middle names already taken out.
pub(super) fn specificity_of(given: &str, middle: &[String]) -> usize {
    given.chars().count() + middle.iter().map(|m| m.chars().count()).sum::<usize>()
}

/// Can two given names be one person's: the same, or an initial of the
/// other ("J" and "jane").
pub(super) fn given_compatible(a: &str, b: &str) -> bool {
    a == b || (a.len() == 1 && b.starts_with(a)) || (b.len() == 1 && a.starts_with(b))
}

/// The given names and nicknames of `lexicon::NICKNAMES`, as skeletons:
/// each name's partners, both ways.
static NICKNAME_PARTNERS: LazyLock<HashMap<String, Vec<String>>> = LazyLock::new(|| {
    let mut partners: HashMap<String, Vec<String>> = HashMap::new();
    for (name, nickname) in lexicon::NICKNAMES.pairs() {
        let (a, b) = (skeleton(name), skeleton(nickname));
        partners.entry(a.clone()).or_default().push(b.clone());
        partners.entry(b).or_default().push(a);
    }
    partners
});

/// The given names and nicknames of `lexicon::NICKNAMES` as written.
static NICKNAME_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    (lexicon::NICKNAMES.pairs())
        .flat_map(|(name, nickname)| [name, nickname])
        .collect()
});

/// Is a folded first word a given name or nickname of a pair, so that a
/// name it opens may have a nickname's or a given name's twin?
pub(super) fn in_a_nickname_pair(folded: &str) -> bool {
    NICKNAME_WORDS.contains(folded)
}

/// Is one given name (a skeleton) a nickname of the other ("dani" for
/// "daniel", "rudi" for "rudolf")?
pub(super) fn nickname_pair(a: &str, b: &str) -> bool {
    a != b
        && NICKNAME_PARTNERS
            .get(a)
            .is_some_and(|partners| partners.iter().any(|p| p == b))
}

/// Whether a given name (`given`, with no middle names) is written as the
/// initials of another's given and middle names: "lk" for "lal krishna".
/// A given name that is a name itself ("Ed" beside "Edward D") is no
/// initials.
pub(super) fn written_as_initials(
    given: &str,
    middle: &[String],
    other_given: &str,
    other_middle: &[String],
) -> bool {
    let initials: String = std::iter::once(other_given)
        .chain(other_middle.iter().map(String::as_str))
        .filter_map(|w| w.chars().next())
        .collect();
    given.chars().count() >= 2
        && !vocabulary::is_any_given_name(given)
        && middle.is_empty()
        && !other_middle.is_empty()
        && initials == given
}

/// The folded words of a name as `backstop.toml` or a person's aliases
/// write it.
pub(super) fn words_of(name: &str) -> Vec<String> {
    name.split_whitespace().map(super::scan::fold).collect()
}

/// Do `a` and `b` differ by one letter added, dropped, changed, or two
/// neighbours swapped?
pub(super) fn one_letter_apart(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let head = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    match long.len() - short.len() {
        0 if head == short.len() => false,
        0 => {
            let rest_same = short[head + 1..] == long[head + 1..];
            let swapped = head + 1 < short.len()
                && short[head] == long[head + 1]
                && short[head + 1] == long[head]
                && short[head + 2..] == long[head + 2..];
            rest_same || swapped
        }
        1 => short[head..] == long[head + 1..],
        _ => false,
    }
}

/// How many times a text must call a lone name "he" (or "she"), and never
/// the other, for that to say which a person it names is.
const PRONOUN_VOTES: u32 = 2;

/// "he" or "she", when the `he` and `she` counts of what a text calls a
/// name settle it.
pub(super) fn settled_pronoun(he: u32, she: u32) -> Option<&'static str> {
    match (he, she) {
        (he, 0) if he >= PRONOUN_VOTES => Some("he"),
        (0, she) if she >= PRONOUN_VOTES => Some("she"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(name: &str) -> Vec<String> {
        words_of(name)
    }

    #[test]
    fn surnames_keep_particles_and_drop_suffixes() {
        assert_eq!(
            name_parts(&words("Marine Le Pen")),
            (Some("marine".into()), Some("lepen".into()))
        );
        assert_eq!(name_parts(&words("Le Pen")), (None, Some("lepen".into())));
        assert_eq!(
            surname_of(&words("Martin Luther King Jr")),
            Some("king".into())
        );
        assert_eq!(
            name_parts(&words("Charles III")),
            (Some("charles".into()), None)
        );
        assert_eq!(surname_only(&words("Xi")), Some("xi".into()));
    }

    #[test]
    fn different_middle_names_are_different_people() {
        assert_eq!(middle_of(&words("Ahmad Shah Masood")), ["shah"]);
        assert!(middle_of(&words("Osama bin Laden")).is_empty());
        assert!(!middles_compatible(
            &words("Ahmad Shah Masood"),
            &words("Ahmad Wali Masood")
        ));
        assert!(middles_compatible(
            &words("George W Bush"),
            &words("George Walker Bush")
        ));
        assert!(middles_compatible(
            &words("George W Bush"),
            &words("George Bush")
        ));
    }

    #[test]
    fn initials_fit_given_names() {
        assert!(given_compatible("j", "jane"));
        assert!(given_compatible("jane", "jane"));
        assert!(!given_compatible("jane", "john"));
    }

    #[test]
    fn one_letter_added_dropped_changed_or_swapped() {
        for (a, b) in [
            ("romaszko", "romanszko"),
            ("romanszko", "romaszko"),
            ("hayward", "heyward"),
            ("gillespie", "gillepsie"),
            ("smith", "smiths"),
        ] {
            assert!(one_letter_apart(a, b), "{a} {b}");
        }
        for (a, b) in [
            ("howard", "howard"),
            ("howard", "hayward"),
            ("gillespie", "gilespei"),
            ("smith", "smithson"),
        ] {
            assert!(!one_letter_apart(a, b), "{a} {b}");
        }
    }
}
