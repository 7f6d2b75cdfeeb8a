//! The crate's word lists. Each is a text file next to this one, one word or
//! phrase a line, lower case; blank lines and lines starting with `#` are
//! skipped. Each file's opening comment says what its words are for. They are
//! compiled into the binary and parsed once, on first use.
//!
//! This module is the bottom layer: it imports nothing from the crate, so
//! any layer can use it.

use std::sync::LazyLock;

/// One list file: its name (for messages) and its text.
#[derive(Debug, Clone, Copy)]
pub struct ListFile {
    pub name: &'static str,
    pub text: &'static str,
}

macro_rules! list_file {
    ($name:literal) => {
        ListFile {
            name: $name,
            text: include_str!($name),
        }
    };
}

// The stop words and weekdays every layer shares; `CLAIM_STOP_SET` and
// `NAME_STOP_SET` below say which stop-word lists each use takes.
pub const STOP_WORDS: ListFile = list_file!("stop_words.txt");
pub const CLAIM_STOP_WORDS: ListFile = list_file!("claim_stop_words.txt");
pub const HEADLINE_WORDS: ListFile = list_file!("headline_words.txt");
pub const WEEKDAYS: ListFile = list_file!("weekdays.txt");

// The name scanner's lists (`people::vocabulary`).
pub const WEEKDAY_ABBREVIATIONS: ListFile = list_file!("weekday_abbreviations.txt");
pub const MONTHS: ListFile = list_file!("months.txt");
pub const TITLES: ListFile = list_file!("titles.txt");
pub const TITLE_MODIFIERS: ListFile = list_file!("title_modifiers.txt");
pub const TITLE_TAILS: ListFile = list_file!("title_tails.txt");
pub const HONORIFICS: ListFile = list_file!("honorifics.txt");
pub const ACADEMIC_TITLES: ListFile = list_file!("academic_titles.txt");
pub const POSTNOMINALS: ListFile = list_file!("postnominals.txt");
pub const ROLE_NOUNS: ListFile = list_file!("role_nouns.txt");
pub const SPEECH_VERBS: ListFile = list_file!("speech_verbs.txt");
pub const CONFIRMING_SPEECH_VERBS: ListFile = list_file!("confirming_speech_verbs.txt");
pub const INVERTED_SPEECH_VERBS: ListFile = list_file!("inverted_speech_verbs.txt");
pub const ADVERBS: ListFile = list_file!("adverbs.txt");
pub const NON_PERSON_WORDS: ListFile = list_file!("non_person_words.txt");
pub const OUTLETS: ListFile = list_file!("outlets.txt");
pub const PLACES: ListFile = list_file!("places.txt");
pub const PLACE_PREFIXES: ListFile = list_file!("place_prefixes.txt");
pub const PLACE_PREPOSITIONS: ListFile = list_file!("place_prepositions.txt");
pub const PLACE_NOUNS: ListFile = list_file!("place_nouns.txt");
pub const DEITIES: ListFile = list_file!("deities.txt");
pub const COUNTRY_WORDS: ListFile = list_file!("country_words.txt");
pub const NAME_PARTICLES: ListFile = list_file!("name_particles.txt");
pub const SOURCE_NOUNS: ListFile = list_file!("source_nouns.txt");
pub const SPEECH_NOUNS: ListFile = list_file!("speech_nouns.txt");
pub const OCCASION_NOUNS: ListFile = list_file!("occasion_nouns.txt");
pub const DOCUMENT_NOUNS: ListFile = list_file!("document_nouns.txt");
pub const AUTHORING_VERBS: ListFile = list_file!("authoring_verbs.txt");
pub const HYPHEN_PREFIXES: ListFile = list_file!("hyphen_prefixes.txt");
pub const NOUNS_IN_LY: ListFile = list_file!("nouns_in_ly.txt");
pub const PROGRESSIVE_AUXILIARIES: ListFile = list_file!("progressive_auxiliaries.txt");
pub const COMPANY_WORDS: ListFile = list_file!("company_words.txt");
pub const FIRM_NOUNS: ListFile = list_file!("firm_nouns.txt");
pub const ANIMAL_NOUNS: ListFile = list_file!("animal_nouns.txt");
pub const PERSON_NOUNS: ListFile = list_file!("person_nouns.txt");
pub const PARTY_LABELS: ListFile = list_file!("party_labels.txt");
pub const ANONYMITY_WORDS: ListFile = list_file!("anonymity_words.txt");
pub const AUXILIARY_VERBS: ListFile = list_file!("auxiliary_verbs.txt");
pub const DETERMINERS: ListFile = list_file!("determiners.txt");
pub const PARENTHETICAL_OPENERS: ListFile = list_file!("parenthetical_openers.txt");
pub const APPOSITIVE_LINKS: ListFile = list_file!("appositive_links.txt");
pub const DATE_PREPOSITIONS: ListFile = list_file!("date_prepositions.txt");
pub const DOTTED_ABBREVIATIONS: ListFile = list_file!("dotted_abbreviations.txt");
pub const BYLINE_CREDITS: ListFile = list_file!("byline_credits.txt");
pub const GROUP_NOUNS: ListFile = list_file!("group_nouns.txt");
pub const MEMBER_NOUNS: ListFile = list_file!("member_nouns.txt");
pub const ORGANISATIONS: ListFile = list_file!("organisations.txt");
pub const PATRONYMIC_PARTICLES: ListFile = list_file!("patronymic_particles.txt");
// Data from a registry package rather than written here (README.md).
pub const GIVEN_NAMES: ListFile = list_file!("given_names.txt");
pub const NICKNAMES: ListFile = list_file!("nicknames.txt");
pub const WORLD_GIVEN_NAMES: ListFile = list_file!("world_given_names.txt");
pub const EAST_ASIAN_FAMILY_NAMES: ListFile = list_file!("east_asian_family_names.txt");
pub const PINYIN_SYLLABLES: ListFile = list_file!("pinyin_syllables.txt");
pub const SURNAMES: ListFile = list_file!("surnames.txt");
pub const GAZETTEER: ListFile = list_file!("gazetteer.txt");
pub const TOWNS: ListFile = list_file!("towns.txt");

// Days named relative to when a text was written (`dates`).
pub const RELATIVE_DAYS: ListFile = list_file!("relative_days.txt");
pub const FUTURE_WORDS: ListFile = list_file!("future_words.txt");
pub const RELATIVE_YEARS: ListFile = list_file!("relative_years.txt");
pub const WEEKENDS: ListFile = list_file!("weekends.txt");
// Days named instead of dated ("Boxing Day"), with their month and day.
pub const HOLIDAYS: ListFile = list_file!("holidays.txt");

// Words that bind a number to its event (`claims::binding`).
pub const VALUE_PREPOSITIONS: ListFile = list_file!("value_prepositions.txt");

/// Every list file, for the tests that check them.
pub const ALL: [ListFile; 65] = [
    STOP_WORDS,
    CLAIM_STOP_WORDS,
    HEADLINE_WORDS,
    WEEKDAYS,
    WEEKDAY_ABBREVIATIONS,
    MONTHS,
    TITLES,
    TITLE_MODIFIERS,
    TITLE_TAILS,
    HONORIFICS,
    ACADEMIC_TITLES,
    POSTNOMINALS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    CONFIRMING_SPEECH_VERBS,
    INVERTED_SPEECH_VERBS,
    ADVERBS,
    NON_PERSON_WORDS,
    OUTLETS,
    PLACES,
    PLACE_PREFIXES,
    PLACE_PREPOSITIONS,
    PLACE_NOUNS,
    DEITIES,
    COUNTRY_WORDS,
    NAME_PARTICLES,
    SOURCE_NOUNS,
    SPEECH_NOUNS,
    OCCASION_NOUNS,
    DOCUMENT_NOUNS,
    AUTHORING_VERBS,
    HYPHEN_PREFIXES,
    NOUNS_IN_LY,
    PROGRESSIVE_AUXILIARIES,
    COMPANY_WORDS,
    FIRM_NOUNS,
    ANIMAL_NOUNS,
    PERSON_NOUNS,
    PARTY_LABELS,
    ANONYMITY_WORDS,
    DETERMINERS,
    AUXILIARY_VERBS,
    PARENTHETICAL_OPENERS,
    APPOSITIVE_LINKS,
    DATE_PREPOSITIONS,
    DOTTED_ABBREVIATIONS,
    BYLINE_CREDITS,
    GROUP_NOUNS,
    MEMBER_NOUNS,
    ORGANISATIONS,
    PATRONYMIC_PARTICLES,
    GIVEN_NAMES,
    NICKNAMES,
    WORLD_GIVEN_NAMES,
    EAST_ASIAN_FAMILY_NAMES,
    PINYIN_SYLLABLES,
    SURNAMES,
    GAZETTEER,
    TOWNS,
    RELATIVE_DAYS,
    FUTURE_WORDS,
    RELATIVE_YEARS,
    WEEKENDS,
    HOLIDAYS,
    VALUE_PREPOSITIONS,
];

impl ListFile {
    /// The entries, in file order.
    pub fn entries(self) -> impl Iterator<Item = &'static str> {
        self.text
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
    }

    /// The entries of a list of `word value` lines, in file order.
    ///
    /// # Panics
    /// On a line without a value: the files are part of the source, and a
    /// test reads every one.
    pub fn pairs(self) -> impl Iterator<Item = (&'static str, &'static str)> {
        self.entries().map(move |line| {
            line.split_once(char::is_whitespace)
                .map(|(word, value)| (word, value.trim()))
                .unwrap_or_else(|| panic!("src/lexicon/{}: `{line}` has no value", self.name))
        })
    }
}

/// Words for membership tests, from one or more list files.
#[derive(Debug, Default)]
pub struct WordSet(foldhash::HashSet<&'static str>);

impl WordSet {
    pub fn of(files: &[ListFile]) -> WordSet {
        WordSet(files.iter().flat_map(|file| file.entries()).collect())
    }

    pub fn contains(&self, word: &str) -> bool {
        self.0.contains(word)
    }
}

/// Words mapped to a value, from a list of `word value` lines; a word listed
/// twice keeps its first value.
#[derive(Debug, Default)]
pub struct WordMap {
    by_word: foldhash::HashMap<&'static str, &'static str>,
    values: foldhash::HashSet<&'static str>,
}

impl WordMap {
    pub fn of(file: ListFile) -> WordMap {
        let mut map = WordMap::default();
        for (word, value) in file.pairs() {
            map.by_word.entry(word).or_insert(value);
            map.values.insert(value);
        }
        map
    }

    pub fn get(&self, word: &str) -> Option<&'static str> {
        self.by_word.get(word).copied()
    }

    /// The value as the list spells it, if any word has it.
    pub fn value_named(&self, value: &str) -> Option<&'static str> {
        self.values.get(value).copied()
    }
}

/// Stop words for claims and retrieval queries: function words and the
/// words a claim wraps around its facts.
pub static CLAIM_STOP_SET: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::of(&[STOP_WORDS, CLAIM_STOP_WORDS]));

/// Stop words for the name scanner: function words and the words that
/// start sentences and headlines but never names.
pub static NAME_STOP_SET: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::of(&[STOP_WORDS, HEADLINE_WORDS]));

/// The weekdays, Monday first, lower case.
pub fn weekdays() -> &'static [&'static str] {
    static DAYS: LazyLock<Vec<&'static str>> = LazyLock::new(|| WEEKDAYS.entries().collect());
    &DAYS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_in_the_folder_is_listed_once() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lexicon");
        let mut on_disk: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".txt"))
            .collect();
        on_disk.sort();
        let mut listed: Vec<&str> = ALL.iter().map(|file| file.name).collect();
        listed.sort();
        assert_eq!(on_disk, listed);
    }

    #[test]
    fn entries_are_lower_case_unique_and_commented() {
        for file in ALL {
            assert!(
                file.text.starts_with("# "),
                "{} opens with a comment",
                file.name
            );
            let mut seen = std::collections::HashSet::new();
            for entry in file.entries() {
                let word = entry.split_whitespace().next().unwrap();
                assert_eq!(word, word.to_lowercase(), "{}: {entry}", file.name);
                assert!(seen.insert(entry), "{}: {entry} twice", file.name);
            }
            assert!(!seen.is_empty(), "{} is empty", file.name);
        }
    }

    #[test]
    fn pair_lists_have_a_value_on_every_line() {
        for file in [
            COUNTRY_WORDS,
            BYLINE_CREDITS,
            GIVEN_NAMES,
            NICKNAMES,
            WORLD_GIVEN_NAMES,
        ] {
            assert!(
                file.pairs()
                    .all(|(word, value)| !word.is_empty() && !value.is_empty())
            );
        }
        let countries = WordMap::of(COUNTRY_WORDS);
        assert_eq!(countries.get("british"), Some("gb"));
        assert_eq!(countries.value_named("gb"), Some("gb"));
        assert_eq!(countries.value_named("british"), None);
        for file in [GIVEN_NAMES, WORLD_GIVEN_NAMES] {
            assert!(
                file.pairs()
                    .all(|(_, pronoun)| matches!(pronoun, "he" | "she" | "either"))
            );
        }
    }

    #[test]
    fn the_two_stop_word_sets_share_the_function_words() {
        for word in ["the", "and", "according"] {
            assert!(CLAIM_STOP_SET.contains(word) && NAME_STOP_SET.contains(word));
        }
        // "Dr" opens a name; "yesterday" can be a claim's fact.
        assert!(CLAIM_STOP_SET.contains("dr") && !NAME_STOP_SET.contains("dr"));
        assert!(NAME_STOP_SET.contains("yesterday") && !CLAIM_STOP_SET.contains("yesterday"));
        assert!(!CLAIM_STOP_SET.contains("troops"));
    }

    #[test]
    fn weekdays_start_on_monday() {
        assert_eq!(weekdays().len(), 7);
        assert_eq!(weekdays()[0], "monday");
        assert_eq!(weekdays()[6], "sunday");
    }
}
