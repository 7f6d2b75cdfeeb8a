//! What a word means to the name scanner: the lists of `crate::lexicon`
//! (titles and roles, said-verbs, function and calendar words, places and
//! organisation words) with the few rules that reach past a list, such as
//! hyphenated titles and "-ologist". Nothing here names a particular
//! person; curated people belong in `backstop.toml`.
//!
//! Every function takes a word already folded to lower case (`fold`).

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::lexicon::{self, NAME_STOP_SET, WordMap, WordSet};

/// Declares each set as the words of its list files, parsed on first use.
macro_rules! word_sets {
    ($($name:ident = $($file:ident)|+;)*) => {
        $(static $name: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(&[$(lexicon::$file),+]));)*
    };
}

/// Declares each `pub fn is_…(lower: &str) -> bool` that says whether a
/// word is in one set.
macro_rules! membership {
    ($($(#[$doc:meta])* $name:ident in $set:ident;)*) => {
        $($(#[$doc])* pub fn $name(lower: &str) -> bool {
            $set.contains(lower)
        })*
    };
}

word_sets! {
    TITLES = TITLES;
    TITLE_MODIFIERS = TITLE_MODIFIERS;
    TITLE_TAILS = TITLE_TAILS;
    POSTNOMINALS = POSTNOMINALS;
    HONORIFICS = HONORIFICS;
    ACADEMIC_TITLES = ACADEMIC_TITLES;
    ROLE_NOUNS = ROLE_NOUNS;
    SPEECH_VERBS = SPEECH_VERBS;
    CONFIRMING_SPEECH = CONFIRMING_SPEECH_VERBS;
    INVERTED_SPEECH = INVERTED_SPEECH_VERBS;
    ADVERBS = ADVERBS;
    WEEKDAYS = WEEKDAYS | WEEKDAY_ABBREVIATIONS;
    MONTHS = MONTHS;
    DATE_PREPOSITIONS = DATE_PREPOSITIONS;
    NON_PERSON_WORDS = NON_PERSON_WORDS;
    OUTLETS = OUTLETS;
    PLACES = PLACES;
    PLACE_PREFIXES = PLACE_PREFIXES;
    PLACE_PREPOSITIONS = PLACE_PREPOSITIONS;
    PLACE_NOUNS = PLACE_NOUNS;
    DEITIES = DEITIES;
    PARTICLES = NAME_PARTICLES;
    SOURCE_NOUNS = SOURCE_NOUNS;
    FUNCTION_WORDS = STOP_WORDS;
    SPEECH_NOUNS = SPEECH_NOUNS;
    OCCASION_NOUNS = OCCASION_NOUNS;
    DOCUMENT_NOUNS = DOCUMENT_NOUNS;
    AUTHORING_VERBS = AUTHORING_VERBS;
    HYPHEN_PREFIXES = HYPHEN_PREFIXES;
    NOUNS_IN_LY = NOUNS_IN_LY;
    PROGRESSIVE_AUXILIARIES = PROGRESSIVE_AUXILIARIES;
    COMPANY_WORDS = COMPANY_WORDS;
    FIRM_NOUNS = FIRM_NOUNS;
    ANIMAL_NOUNS = ANIMAL_NOUNS;
    PERSON_NOUNS = PERSON_NOUNS;
    PARTY_LABELS = PARTY_LABELS;
    ANONYMITY_WORDS = ANONYMITY_WORDS;
    DETERMINERS = DETERMINERS;
    AUXILIARY_VERBS = AUXILIARY_VERBS;
    PARENTHETICAL_OPENERS = PARENTHETICAL_OPENERS;
    APPOSITIVE_LINKS = APPOSITIVE_LINKS;
    DOTTED_ABBREVIATIONS = DOTTED_ABBREVIATIONS;
    GROUP_NOUNS = GROUP_NOUNS;
    MEMBER_NOUNS = MEMBER_NOUNS;
    GAZETTEER = GAZETTEER;
    TOWNS = TOWNS;
    ORGANISATIONS = ORGANISATIONS;
    PATRONYMIC_PARTICLES = PATRONYMIC_PARTICLES;
    SURNAMES = SURNAMES;
    EAST_ASIAN_FAMILY_NAMES = EAST_ASIAN_FAMILY_NAMES;
    PINYIN_SYLLABLES = PINYIN_SYLLABLES;
}

// Words paired with a value: the country a place word points to, the
// role a credit line gives, the pronoun a given name says.
static COUNTRIES: LazyLock<WordMap> = LazyLock::new(|| WordMap::of(lexicon::COUNTRY_WORDS));
static BYLINE_CREDITS: LazyLock<WordMap> = LazyLock::new(|| WordMap::of(lexicon::BYLINE_CREDITS));
static GIVEN_NAMES: LazyLock<WordMap> = LazyLock::new(|| WordMap::of(lexicon::GIVEN_NAMES));
static WORLD_GIVEN_NAMES: LazyLock<WordMap> =
    LazyLock::new(|| WordMap::of(lexicon::WORLD_GIVEN_NAMES));

/// A title word that heads a title ("Minister", "President", "Dr").
pub fn is_title_head(lower: &str) -> bool {
    is_title_word(lower) && !TITLE_MODIFIERS.contains(lower)
}

membership! {
    /// A word that continues a title after a title word ("Sergeant First
    /// Class") and opens none alone.
    is_title_tail in TITLE_TAILS;
    /// Letters after a name for an office or honour ("QC", "MP", "OBE").
    is_postnominal in POSTNOMINALS;
}

pub fn is_title_word(lower: &str) -> bool {
    if lower.contains('-') && lower.split('-').any(is_title_word) {
        // "Director-General", "commander-in-chief", "vice-president".
        return true;
    }
    TITLES.contains(lower) || lower.ends_with("ologist")
}

/// "Mr", "Sir", "Dr": a person, but no role.
pub fn is_honorific(lower: &str) -> bool {
    HONORIFICS.contains(lower.trim_end_matches('.'))
}

/// Are `words` none, or only honorifics and titles (`Mr`, `President`),
/// so that a name after them still opens its sentence?
pub fn is_titles_only(words: &str) -> bool {
    words.split_whitespace().all(|word| {
        let lower = word.trim_end_matches('.').to_lowercase();
        is_honorific(&lower) || is_title_word(&lower)
    })
}

/// A capitalised word that opens a sentence with a role rather than a
/// name: "Leg-spinner Stuart MacGill", "Businessmen Solomon Lew",
/// "Twenty-eight-year-old Mohammed Afroz".
pub fn is_opening_role_word(lower: &str) -> bool {
    let singular = lower.strip_suffix("men").map(|stem| format!("{stem}man"));
    let last_part = lower.rsplit('-').next().unwrap_or(lower);
    lower.ends_with("-year-old")
        || is_role_noun(lower)
        || singular.is_some_and(|word| is_role_noun(&word))
        || (lower.contains('-') && is_role_noun(last_part))
}

membership! {
    /// "abu", "bin": a particle that makes a patronymic or a kunya of the
    /// name word after it ("Abu Mohammad", "Nabil Abu Rudeina").
    is_patronymic_particle in PATRONYMIC_PARTICLES;
}

pub fn is_role_noun(lower: &str) -> bool {
    ROLE_NOUNS.contains(lower)
        || lower.ends_with("ologist")
        || lower.starts_with("commander")
        || lower.starts_with("chief")
        || hyphenated_role(lower)
}

/// "co-founder", "director-general", "editor-in-chief", "president-elect":
/// a hyphenated word that ends in a role noun, or opens with one that a
/// rank's tail follows ("activist-run" is no role).
fn hyphenated_role(lower: &str) -> bool {
    let ends_in_role = (lower.rsplit_once('-')).is_some_and(|(_, tail)| ROLE_NOUNS.contains(tail));
    let ranked = lower.split_once('-').is_some_and(|(head, rest)| {
        ROLE_NOUNS.contains(head)
            && (rest.starts_with("in-")
                || rest.starts_with("at-")
                || matches!(rest, "elect" | "designate"))
    });
    ends_in_role || ranked
}

/// A role noun in the singular or the plural ("administrators").
pub fn is_role_noun_in_any_number(lower: &str) -> bool {
    is_role_noun(lower) || is_plural_role_noun(lower)
}

/// The plural of a role noun ("investigators", "prosecutors") that is no
/// census surname ("Masters" may be one).
pub fn is_plural_role_noun(lower: &str) -> bool {
    lower.strip_suffix('s').is_some_and(is_role_noun) && !is_census_surname(lower)
}

membership! {
    is_speech_verb in SPEECH_VERBS;
    /// A verb that attributes a quote only right after it, before its
    /// subject ("…," reported Barnaby Phillips).
    is_inverted_only_speech_verb in INVERTED_SPEECH;
    is_confirming_speech in CONFIRMING_SPEECH;
    is_stop_word in NAME_STOP_SET;
    /// A function word (`stop_words.txt`), without the words that only open
    /// sentences and headlines.
    is_function_word in FUNCTION_WORDS;
    is_weekday in WEEKDAYS;
    is_month in MONTHS;
    /// A word before a month name that makes it a date ("in May").
    is_date_preposition in DATE_PREPOSITIONS;
}

/// Also the plural of a long one ("Programmes", "Institutes"; not
/// "Bridges", a surname) and a word built on "bank" ("Halkbank"), unless
/// a census surname ("Burbank").
pub fn is_non_person_word(lower: &str) -> bool {
    let plural = (lower.strip_suffix('s'))
        .is_some_and(|one| one.len() >= 7 && NON_PERSON_WORDS.contains(one));
    let built_on_bank = lower
        .strip_suffix("bank")
        .is_some_and(|stem| stem.len() >= 3);
    NON_PERSON_WORDS.contains(lower) || ((plural || built_on_bank) && !is_census_surname(lower))
}

/// A particle that may open a surname written without the given name
/// ("bin Laden", "van der Berg", "de la Cruz"): not one that is also a
/// common word.
pub fn opens_surname(lower: &str) -> bool {
    is_particle(lower)
        && !matches!(
            lower,
            "do" | "ten" | "den" | "da" | "di" | "la" | "le" | "der" | "zu"
        )
}

/// A people or a group: the list's nouns, and the plural of a role
/// ("Experts", "MPs", "Prosecutors"), which names several people, never one.
pub fn is_group_noun(lower: &str) -> bool {
    GROUP_NOUNS.contains(lower)
        || lower
            .strip_suffix('s')
            .is_some_and(|one| ROLE_NOUNS.contains(one))
        || lower
            .strip_suffix("ies")
            .is_some_and(|stem| ROLE_NOUNS.contains(&format!("{stem}y")))
}

membership! {
    /// A noun for the people of a body, written after its name ("leader",
    /// "members", "spokesman").
    is_member_noun in MEMBER_NOUNS;
}

/// A country, US state or large city of the gazetteer, or an organisation
/// no word of it marks, as its folded words ("sydney", "new south wales",
/// "morgan stanley"). Most names open with a word no entry opens with, so
/// the words are joined only when the first one could open an entry.
pub fn is_named_place_or_organisation<S: AsRef<str>>(words: &[S]) -> bool {
    if !words
        .first()
        .is_some_and(|w| may_open_place_or_organisation(w.as_ref()))
    {
        return false;
    }
    let joined = words
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<&str>>()
        .join(" ");
    GAZETTEER.contains(&joined)
        || ORGANISATIONS.contains(&joined)
        || (joined.contains(REPLACEMENT) && is_damaged_entry(&joined))
}

/// What a decoder writes for each byte of text it could not read: "Sinn
/// Féin" becomes "Sinn F", two of these and "in", in a scrape that lost
/// its encoding.
const REPLACEMENT: char = '\u{FFFD}';

/// Whether `key`, with runs of replacement characters, is a gazetteer or
/// organisation entry with one letter in place of each run: the letter an
/// accent was folded off, whose bytes the decoder replaced one by one.
/// Only entries that open with the key's own first word are compared.
fn is_damaged_entry(key: &str) -> bool {
    let Some(first) = key.split_whitespace().next() else {
        return false;
    };
    (entries_by_first_word().get(first).into_iter().flatten()).any(|entry| fits_damaged(key, entry))
}

/// The gazetteer and organisation entries, by the word each opens with.
fn entries_by_first_word() -> &'static HashMap<&'static str, Vec<&'static str>> {
    static BY_FIRST_WORD: LazyLock<HashMap<&'static str, Vec<&'static str>>> =
        LazyLock::new(|| {
            let mut map: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
            for entry in (lexicon::GAZETTEER.entries()).chain(lexicon::ORGANISATIONS.entries()) {
                if let Some(first) = entry.split_whitespace().next() {
                    map.entry(first).or_default().push(entry);
                }
            }
            map
        });
    &BY_FIRST_WORD
}

/// Does `damaged`, each run of replacement characters standing for one
/// character, spell `entry`?
fn fits_damaged(damaged: &str, entry: &str) -> bool {
    let mut wanted = entry.chars();
    let mut chars = damaged.chars().peekable();
    while let Some(c) = chars.next() {
        if c == REPLACEMENT {
            while chars.peek() == Some(&REPLACEMENT) {
                chars.next();
            }
            if wanted.next().is_none() {
                return false;
            }
        } else if wanted.next() != Some(c) {
            return false;
        }
    }
    wanted.next().is_none()
}

/// Whether some gazetteer or organisation entry opens with this word.
pub fn may_open_place_or_organisation(lower: &str) -> bool {
    entries_by_first_word().contains_key(lower)
}

/// A frequent given name of the census lists ("brett", "nicky").
pub fn is_given_name(lower: &str) -> bool {
    GIVEN_NAMES.get(lower).is_some()
}

/// A given name of the census lists or of the world list beyond them
/// ("brett", "sinem"): what opens a plain full name. Only the census names
/// settle typing slips, namesakes and pronouns (`is_given_name`).
pub fn is_any_given_name(lower: &str) -> bool {
    is_given_name(lower) || WORLD_GIVEN_NAMES.get(lower).is_some()
}

membership! {
    /// A family name of China, Korea or Vietnam, written first ("wang", "kim",
    /// "nguyen").
    is_east_asian_family_name in EAST_ASIAN_FAMILY_NAMES;
}

/// Whether a word is one or two pinyin syllables run together, as a
/// Chinese given name is ("xiaopeng", "hongli", "yi"), or two joined by a
/// hyphen ("xiao-peng").
pub fn is_pinyin_given_name(lower: &str) -> bool {
    let syllables = |word: &str| -> usize {
        // The fewest syllables the word splits into, if it splits at all.
        let n = word.len();
        let mut fewest = vec![usize::MAX; n + 1];
        fewest[0] = 0;
        for end in 1..=n {
            for start in end.saturating_sub(6)..end {
                if fewest[start] != usize::MAX
                    && word.is_char_boundary(start)
                    && word.is_char_boundary(end)
                    && PINYIN_SYLLABLES.contains(&word[start..end])
                {
                    fewest[end] = fewest[end].min(fewest[start] + 1);
                }
            }
        }
        fewest[n]
    };
    match lower.split_once('-') {
        Some((a, b)) => syllables(a) == 1 && syllables(b) == 1,
        None => lower.len() >= 2 && (1..=2).contains(&syllables(lower)),
    }
}

/// A family name of China, Korea or Vietnam and a given name after it:
/// one word of pinyin syllables ("Wang Xiaopeng"), or two short words or
/// hyphenated syllables ("Kim Jong Un", "Park Ji-hoon", "Nguyen Van
/// Thieu"). The family name may be a word of other kinds too ("Sun", a
/// newspaper), since the given name after it settles what it is; a given
/// name that is a function word or a place does not.
pub fn is_east_asian_name<S: AsRef<str>>(words: &[S]) -> bool {
    let short = |w: &str| {
        (2..=5).contains(&w.len())
            && w.chars().all(|c| c.is_ascii_lowercase())
            && !is_stop_word(w)
            && !is_place(w)
    };
    match words {
        [family, given] if is_east_asian_family_name(family.as_ref()) => {
            let given = given.as_ref();
            (is_pinyin_given_name(given) && !is_stop_word(given) && !is_place(given))
                || given
                    .split_once('-')
                    .is_some_and(|(a, b)| short(a) && short(b))
        }
        [family, first, second] if is_east_asian_family_name(family.as_ref()) => {
            short(first.as_ref()) && short(second.as_ref())
        }
        _ => false,
    }
}

membership! {
    /// A frequent surname of the census list ("graham", "perkins").
    is_census_surname in SURNAMES;
}

/// A word that may stand in a person's name as the name of nothing else:
/// not a place, month, weekday, title, organisation or group word.
pub fn may_stand_in_name(lower: &str) -> bool {
    !is_non_person_word(lower) && names_nothing_but_a_thing(lower)
}

/// The first word of a full name `words` may stand in it: as any word
/// of a name, or as a census given name before a census surname even when
/// it is also a common noun ("Bill Evans", though "the Bill" is a law).
pub fn may_open_full_name<S: AsRef<str>>(words: &[S]) -> bool {
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    let (first, last) = (first.as_ref(), last.as_ref());
    may_stand_in_name(first)
        || ((2..=3).contains(&words.len())
            && is_given_name(first)
            && is_census_surname(last)
            && names_nothing_but_a_thing(first))
}

/// Not a place, month, weekday, title, outlet, group or function word.
fn names_nothing_but_a_thing(lower: &str) -> bool {
    !(is_place(lower)
        || is_place_prefix(lower)
        || is_month(lower)
        || is_weekday(lower)
        || is_title_word(lower)
        || is_outlet(lower)
        || is_group_noun(lower)
        || GAZETTEER.contains(lower)
        || is_stop_word(lower)
        || geo_code(lower).is_some())
}

membership! {
    is_outlet in OUTLETS;
}

/// "R-Texas", "D-New York": a party's letter joined to the state a US
/// lawmaker sits for, written after their name.
pub fn is_party_and_state<S: AsRef<str>>(words: &[S]) -> bool {
    let Some((party, state)) = words.first().and_then(|w| w.as_ref().split_once('-')) else {
        return false;
    };
    if !matches!(party, "r" | "d" | "i") {
        return false;
    }
    let mut place = vec![state];
    place.extend(words[1..].iter().map(AsRef::as_ref));
    is_place(state) || is_named_place_or_organisation(&place)
}

/// A town or city of the second place list ("raqqa", "leicester"), as its
/// folded words joined by spaces: a place a said-verb alone never makes a
/// person.
pub fn is_town(joined: &str) -> bool {
    TOWNS.contains(joined)
}

membership! {
    is_place in PLACES;
    is_place_prefix in PLACE_PREFIXES;
    /// A word before a capitalised sequence that makes it a place ("in Gaza").
    is_place_preposition in PLACE_PREPOSITIONS;
}

/// A preposition that opens a phrase of when or where ("in Hawaii", "on
/// Monday", "last week"), not a determiner ("the").
pub fn is_setting_preposition(lower: &str) -> bool {
    is_date_preposition(lower) || (is_place_preposition(lower) && !is_determiner(lower))
}

membership! {
    /// A noun after a capitalised name that makes it a place ("the Mosh Khil
    /// area").
    is_place_noun in PLACE_NOUNS;
    /// A god's name ("Lord Krishna"): no person of the news.
    is_deity in DEITIES;
    is_particle in PARTICLES;
    is_source_noun in SOURCE_NOUNS;
}

pub fn is_academic_title(lower: &str) -> bool {
    ACADEMIC_TITLES.contains(lower.trim_end_matches('.'))
}

membership! {
    is_speech_noun in SPEECH_NOUNS;
    /// A noun in "-ly" ("daily", "family").
    is_noun_in_ly in NOUNS_IN_LY;
    /// "is", "began": before a said-verb in "-ing", its subject stays before.
    is_progressive_auxiliary in PROGRESSIVE_AUXILIARIES;
    /// What words were said or written in ("interview", "statement").
    is_occasion_noun in OCCASION_NOUNS;
    /// What a person writes and an article quotes as its speaker ("memo").
    is_document_noun in DOCUMENT_NOUNS;
    /// How a person puts out a document, besides speaking ("issued").
    is_authoring_verb in AUTHORING_VERBS;
    /// A prefix a hyphen joins to a capitalised word ("anti-American").
    is_hyphen_prefix in HYPHEN_PREFIXES;
    is_company_word in COMPANY_WORDS;
    is_firm_noun in FIRM_NOUNS;
    is_animal_noun in ANIMAL_NOUNS;
}

/// "father", "friend", "man": a noun for a person, which brings in a name
/// after "named", "called" or "known as".
pub fn is_person_noun(lower: &str) -> bool {
    PERSON_NOUNS.contains(lower) || is_role_noun(lower)
}

membership! {
    is_adverb_between in ADVERBS;
    is_determiner in DETERMINERS;
    is_auxiliary_verb in AUXILIARY_VERBS;
    /// A word that opens an aside between a subject and its verb.
    is_parenthetical_opener in PARENTHETICAL_OPENERS;
    /// A word that ties a name in an aside to someone else ("spokesman for
    /// Mr Jones").
    is_appositive_link in APPOSITIVE_LINKS;
    /// An abbreviation whose dot does not end a sentence ("Gen.", "Calif.").
    is_dotted_abbreviation in DOTTED_ABBREVIATIONS;
}

/// The role a credit line gives ("Reporting by" → reporter).
pub fn byline_role(lower: &str) -> Option<&'static str> {
    BYLINE_CREDITS.get(lower)
}

/// The country code of a place word or adjective.
pub fn geo_code(lower: &str) -> Option<&'static str> {
    COUNTRIES.get(lower)
}

/// A country code as the list spells it (stored evidence keeps codes as
/// text).
pub fn geo_code_named(code: &str) -> Option<&'static str> {
    COUNTRIES.value_named(code)
}

membership! {
    /// A party label that stands before a name like a title ("Republican
    /// Chuck Hagel").
    is_party_label in PARTY_LABELS;
    /// A word that keeps a source anonymous ("undisclosed", "unnamed").
    is_anonymity_word in ANONYMITY_WORDS;
}

/// Which pronoun a given name says its bearer goes by, if the census
/// lists say so clearly: "he" for "gregory", "she" for "julia". The world
/// list's sexes are not used: a name of one sex in most countries is of
/// the other in some ("Jodee Rich" is a man).
pub fn pronoun_of_given_name(lower: &str) -> Option<&'static str> {
    GIVEN_NAMES
        .get(lower)
        .filter(|pronoun| matches!(*pronoun, "he" | "she"))
}

pub fn is_pronoun(lower: &str) -> bool {
    matches!(lower, "he" | "she")
}

/// "his" → "he", "her" → "she": the pronoun a possessive owner ("his
/// remarks") points back as.
pub fn pronoun_of_possessive(lower: &str) -> Option<&'static str> {
    match lower {
        "his" => Some("he"),
        "her" => Some("she"),
        _ => None,
    }
}

/// The head noun a role description boils down to, for matching "the UK
/// PM" with "British Prime Minister".
pub fn role_category(role_lower: &str) -> Option<&'static str> {
    let words: Vec<&str> = role_lower
        .split(|c: char| !c.is_alphanumeric() && c != '.' && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    if has("vice") || has("deputy") || has("former") || has("shadow") {
        return None;
    }
    if (has("prime") && has("minister")) || has("pm") || has("premier") {
        return Some("prime minister");
    }
    if has("president") {
        return Some("president");
    }
    if has("chancellor") {
        return Some("chancellor");
    }
    // A monarch: "the Queen" after "Britain's Queen Elizabeth II".
    if has("queen") {
        return Some("queen");
    }
    if has("king") {
        return Some("king");
    }
    if has("pope") || has("pontiff") {
        return Some("pope");
    }
    None
}
