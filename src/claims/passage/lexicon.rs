//! The word lists the passage model reads, loaded once from the data files
//! beside this one: words alike and opposite (`synonyms.txt`, widened by
//! WordNet's verb synonyms in `wordnet/synonyms.txt`,
//! `opposites.txt`, widened by WordNet's antonyms in `wordnet/antonyms.txt`,
//! with the converse pairs of `converses.txt`), negators and hedges with the phrases they span
//! (`negators.txt`, `hedges.txt`), verbs whose sides may swap
//! (`symmetric_verbs.txt`), prepositions before a place
//! (`place_prepositions.txt`), words that refer to someone unnamed
//! (`referring_words.txt`) and to several people named beside it
//! (`group_words.txt`), words opening a clause of time
//! (`temporal_openers.txt`), verbs that only report speech
//! (`reporting_verbs.txt`), past forms of irregular verbs
//! (`irregular_verbs.txt`) and organisations' acronyms (`acronyms.txt`);
//! titles written before names come from the crate's `lexicon`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::claims::content_terms::stem;
use crate::lexicon::{self, WordSet};

/// What a word means to the lexicon: a member of a group of alike words,
/// or of one side of an opposite pair (sides `2k` and `2k + 1` oppose).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sense {
    Group(u32),
    Side(u32),
}

/// How two words relate through the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Alike,
    Opposed,
    Unrelated,
}

/// Phrases of one or more words, looked up by their first word.
#[derive(Default)]
pub struct Phrases {
    by_first: HashMap<String, Vec<Vec<String>>>,
}

impl Phrases {
    fn add(&mut self, phrase: &str) {
        let words: Vec<String> = phrase.split_whitespace().map(str::to_string).collect();
        if let Some(first) = words.first() {
            let entry = self.by_first.entry(first.clone()).or_default();
            entry.push(words);
            // The longest phrase is tried first.
            entry.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
    }

    /// The length of the longest phrase starting at `words[at]`.
    pub fn match_at(&self, words: &[&str], at: usize) -> Option<usize> {
        let candidates = self.by_first.get(*words.get(at)?)?;
        candidates
            .iter()
            .find(|phrase| {
                phrase.len() <= words.len() - at
                    && phrase.iter().zip(&words[at..]).all(|(p, w)| p == w)
            })
            .map(Vec::len)
    }
}

pub struct Lexicon {
    /// Senses by word and by stem; a verb with its particle is keyed
    /// "verb+particle".
    senses: HashMap<String, Vec<Sense>>,
    /// Words that follow a verb in a phrasal verb of the lists ("out").
    particles: HashSet<String>,
    /// Opposite pairs whose sides state one event seen from its two sides
    /// ("beat" and "lost to"), by pair number (`Side(2k)` and `Side(2k + 1)`).
    converse: HashSet<u32>,
    pub negators: Phrases,
    /// Phrases that look like negation but are not ("not only").
    pub not_negators: Phrases,
    pub hedges: Phrases,
    symmetric: HashSet<String>,
    /// Prepositions that make the name after them a place.
    place_prepositions: HashSet<String>,
    /// Pronouns and the like that refer to someone named elsewhere.
    referring: HashSet<String>,
    /// Words that refer to several people named in the sentence beside.
    group: HashSet<String>,
    /// Words opening a clause of time before the main clause.
    temporal: HashSet<String>,
    reporting: HashSet<String>,
    titles: WordSet,
    irregular: HashSet<String>,
    /// Acronym (lower case) and the name it stands for, as lower-case words.
    acronyms: Vec<(String, Vec<String>)>,
}

/// The lines of a data file that say something: comments and blank lines
/// dropped.
fn data_lines(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// A word's stem; a phrasal verb's is its verb's stem with its particle
/// ("turn+down" for "turned+down").
fn stemmed(word: &str) -> Cow<'_, str> {
    match word.split_once('+') {
        Some((verb, particle)) => Cow::Owned(format!("{}+{particle}", stem(verb))),
        None => Cow::Borrowed(stem(word)),
    }
}

/// A data file's word as the text's words are normalised.
fn normal(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut senses: HashMap<String, Vec<Sense>> = HashMap::new();
        let mut add = |word: &str, sense: Sense| {
            let word = normal(word);
            for key in [stemmed(&word).into_owned(), word] {
                let entry = senses.entry(key).or_default();
                if !entry.contains(&sense) {
                    entry.push(sense);
                }
            }
        };
        let synonyms = data_lines(include_str!("synonyms.txt"))
            .chain(data_lines(include_str!("wordnet/synonyms.txt")));
        for (group, line) in synonyms.enumerate() {
            for word in line.split_whitespace() {
                add(word, Sense::Group(group as u32));
            }
        }
        // WordNet's antonyms widen the hand pairs to words no claim of the
        // tuning sets used.
        let opposites = data_lines(include_str!("opposites.txt"))
            .chain(data_lines(include_str!("wordnet/antonyms.txt")))
            .map(|line| (line, false));
        let converses = data_lines(include_str!("converses.txt")).map(|line| (line, true));
        let mut converse = HashSet::new();
        for (pair, (line, is_converse)) in opposites.chain(converses).enumerate() {
            let pair = pair as u32;
            if is_converse {
                converse.insert(pair);
            }
            let (left, right) = line.split_once('|').unwrap_or((line, ""));
            for (side, words) in [(0, left), (1, right)] {
                for word in words.split_whitespace() {
                    add(word, Sense::Side(2 * pair + side));
                }
            }
        }
        let particles = (senses.keys())
            .filter_map(|key| key.split_once('+'))
            .map(|(_, particle)| particle.to_string())
            .collect();
        let mut negators = Phrases::default();
        let mut not_negators = Phrases::default();
        for line in data_lines(include_str!("negators.txt")) {
            match line.strip_prefix('!') {
                Some(phrase) => not_negators.add(&normal(phrase)),
                None => negators.add(&normal(line)),
            }
        }
        let mut hedges = Phrases::default();
        for line in data_lines(include_str!("hedges.txt")) {
            hedges.add(&normal(line));
        }
        let symmetric = data_lines(include_str!("symmetric_verbs.txt"))
            .map(normal)
            .collect();
        let place_prepositions = data_lines(include_str!("place_prepositions.txt"))
            .map(normal)
            .collect();
        let referring = data_lines(include_str!("referring_words.txt"))
            .map(normal)
            .collect();
        let group = data_lines(include_str!("group_words.txt"))
            .map(normal)
            .collect();
        let temporal = data_lines(include_str!("temporal_openers.txt"))
            .map(normal)
            .collect();
        let reporting = data_lines(include_str!("reporting_verbs.txt"))
            .map(normal)
            .collect();
        let titles = WordSet::of(&[
            lexicon::TITLES,
            lexicon::HONORIFICS,
            lexicon::TITLE_MODIFIERS,
        ]);
        let irregular = data_lines(include_str!("irregular_verbs.txt"))
            .map(normal)
            .collect();
        let acronyms = data_lines(include_str!("acronyms.txt"))
            .filter_map(|line| line.split_once(':'))
            .map(|(acronym, name)| (normal(acronym.trim()), name_words(name)))
            .collect();
        Lexicon {
            senses,
            particles,
            converse,
            negators,
            not_negators,
            hedges,
            symmetric,
            place_prepositions,
            referring,
            group,
            temporal,
            reporting,
            titles,
            irregular,
            acronyms,
        }
    }

    /// The key of the phrasal verb that normalised `word` makes with the
    /// word after it ("turned", "down"), when the lists hold it.
    pub fn phrasal(&self, word: &str, next: &str) -> Option<String> {
        if !self.particles.contains(next) {
            return None;
        }
        let key = format!("{word}+{next}");
        if self.senses.contains_key(&key) {
            return Some(key);
        }
        let key = format!("{}+{next}", stem(word));
        self.senses.contains_key(&key).then_some(key)
    }

    /// The senses of a normalised word: its own and its stem's.
    pub fn senses(&self, word: &str) -> Vec<Sense> {
        let mut found: Vec<Sense> = self.senses.get(word).cloned().unwrap_or_default();
        if let Some(more) = self.senses.get(stemmed(word).as_ref()) {
            for sense in more {
                if !found.contains(sense) {
                    found.push(*sense);
                }
            }
        }
        found
    }

    /// How a normalised word relates to a term with senses `term`, looked
    /// up by the word and by its stem.
    pub fn relation_to(&self, term: &[Sense], word: &str) -> Relation {
        if term.is_empty() {
            return Relation::Unrelated;
        }
        let own = self.senses.get(word).map_or(&[][..], Vec::as_slice);
        let stemmed = self
            .senses
            .get(stemmed(word).as_ref())
            .map_or(&[][..], Vec::as_slice);
        match (relation(term, own), relation(term, stemmed)) {
            (Relation::Alike, _) | (_, Relation::Alike) => Relation::Alike,
            (Relation::Opposed, _) | (_, Relation::Opposed) => Relation::Opposed,
            _ => Relation::Unrelated,
        }
    }

    /// Whether a normalised word opposes a term with senses `term` only as
    /// the other side of one event ("lost" for "beat"): said of the other
    /// side, it states the same.
    pub fn is_converse(&self, term: &[Sense], word: &str) -> bool {
        let own = self.senses.get(word).map_or(&[][..], Vec::as_slice);
        let stemmed = self.senses.get(stem(word)).map_or(&[][..], Vec::as_slice);
        term.iter().any(|sense| match sense {
            Sense::Side(side) => {
                let other = Sense::Side(side ^ 1);
                self.converse.contains(&(side / 2))
                    && (own.contains(&other) || stemmed.contains(&other))
            }
            Sense::Group(_) => false,
        })
    }

    /// Whether a word negates what follows it on its own: "not", "never"
    /// and every "-n't" form.
    pub fn is_negator_word(&self, word: &str) -> bool {
        word.ends_with("n't") || self.negators.match_at(&[word], 0) == Some(1)
    }

    /// Whether a name after this word is a place ("at", "in").
    pub fn is_place_preposition(&self, word: &str) -> bool {
        self.place_prepositions.contains(word)
    }

    /// Whether a normalised word refers to several people named in the
    /// sentence beside ("the trio").
    pub fn is_group(&self, word: &str) -> bool {
        self.group.contains(word)
    }

    /// Whether a normalised word opens a clause of time ("after").
    pub fn is_temporal_opener(&self, word: &str) -> bool {
        self.temporal.contains(word)
    }

    /// Whether `word` refers to someone or somewhere without naming them
    /// ("he", "their", "there").
    pub fn is_referring(&self, word: &str) -> bool {
        self.referring.contains(word)
    }

    /// Whether the verb's two sides may swap ("met", "talked").
    pub fn is_symmetric(&self, word: &str) -> bool {
        self.symmetric.contains(word) || self.symmetric.contains(stem(word))
    }

    /// Whether the word only reports speech ("cautioned", "insisted").
    pub fn is_reporting(&self, word: &str) -> bool {
        self.reporting.contains(word)
    }

    /// Whether the word is a title or role written before a name ("Mr",
    /// "President").
    pub fn is_title(&self, word: &str) -> bool {
        self.titles.contains(word)
    }

    /// Whether the word is the past form of an irregular verb ("found").
    pub fn is_irregular_past(&self, word: &str) -> bool {
        self.irregular.contains(word)
    }

    /// The names the data list gives for an acronym (lower case).
    pub fn expansions(&self, acronym: &str) -> impl Iterator<Item = &[String]> {
        self.acronyms
            .iter()
            .filter(move |(a, _)| a == acronym)
            .map(|(_, name)| name.as_slice())
    }

    /// The acronyms the data list gives for a name's words.
    pub fn acronyms_of<'a>(&'a self, name: &'a [String]) -> impl Iterator<Item = &'a str> {
        self.acronyms
            .iter()
            .filter(move |(_, n)| n.as_slice() == name || short_form(n) == Some(name))
            .map(|(a, _)| a.as_str())
    }
}

/// The words of a name of two words or more before "of" ("reserve bank"
/// of "reserve bank of australia"), by which news names it once the
/// rest is plain.
pub fn short_form(name: &[String]) -> Option<&[String]> {
    let of = name.iter().position(|w| w == "of")?;
    (of >= 2).then(|| &name[..of])
}

/// How words with senses `a` and `b` relate: alike when they share a group
/// or a side, opposed when one is on a side the other opposes.
pub fn relation(a: &[Sense], b: &[Sense]) -> Relation {
    if a.iter().any(|s| b.contains(s)) {
        return Relation::Alike;
    }
    let opposed = a.iter().any(|s| match s {
        Sense::Side(side) => b.contains(&Sense::Side(side ^ 1)),
        Sense::Group(_) => false,
    });
    if opposed {
        Relation::Opposed
    } else {
        Relation::Unrelated
    }
}

/// A name's words as the text's words are normalised, hyphens split.
pub fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(normal)
        .collect()
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

#[cfg(test)]
mod tests {
    use super::*;

    fn senses(word: &str) -> Vec<Sense> {
        LEXICON.senses(word)
    }

    #[test]
    fn phrasal_verbs_are_one_word_with_their_particle() {
        let turned_down = LEXICON.phrasal("turned", "down").unwrap();
        assert_eq!(
            relation(&senses(&turned_down), &senses("accepted")),
            Relation::Opposed
        );
        assert_eq!(
            relation(&senses(&turned_down), &senses("rejected")),
            Relation::Alike
        );
        let ruled_out = LEXICON.phrasal("ruled", "out").unwrap();
        let left_open = LEXICON.phrasal("left", "open").unwrap();
        assert_eq!(
            relation(&senses(&ruled_out), &senses(&left_open)),
            Relation::Opposed
        );
        let called_off = LEXICON.phrasal("called", "off").unwrap();
        let went_ahead = LEXICON.phrasal("went", "ahead").unwrap();
        assert_eq!(
            relation(&senses(&called_off), &senses(&went_ahead)),
            Relation::Opposed
        );
        // Only a known verb with its particle makes one.
        assert_eq!(LEXICON.phrasal("turned", "the"), None);
        assert_eq!(LEXICON.phrasal("looked", "down"), None);
        assert!(senses("turned").is_empty());
    }

    #[test]
    fn alike_and_opposite_words() {
        assert_eq!(
            relation(&senses("attacked"), &senses("hit")),
            Relation::Alike
        );
        assert_eq!(
            relation(&senses("welcomed"), &senses("criticised")),
            Relation::Opposed
        );
        assert_eq!(
            relation(&senses("rose"), &senses("fell")),
            Relation::Opposed
        );
        assert_eq!(
            relation(&senses("killed"), &senses("survived")),
            Relation::Opposed
        );
        assert_eq!(
            relation(&senses("apologised"), &senses("apology")),
            Relation::Alike
        );
        assert_eq!(
            relation(&senses("harbour"), &senses("pier")),
            Relation::Unrelated
        );
    }

    /// How two words relate.
    fn related(a: &str, b: &str) -> Relation {
        relation(&senses(a), &senses(b))
    }

    #[test]
    fn wordnet_antonyms_join_the_hand_pairs() {
        for (a, b) in [
            ("strengthened", "weakened"),
            ("available", "unavailable"),
            ("hopeful", "hopeless"),
            // The hand pairs stand.
            ("rose", "fell"),
        ] {
            assert_eq!(related(a, b), Relation::Opposed, "{a} {b}");
        }
        // Pairs of excluded.txt and of motion or posture are not read.
        for (a, b) in [("like", "unlike"), ("came", "went"), ("sat", "stood")] {
            assert_eq!(related(a, b), Relation::Unrelated, "{a} {b}");
        }
    }

    #[test]
    fn wordnet_synonyms_join_the_hand_groups() {
        assert_eq!(related("vanished", "disappeared"), Relation::Alike);
        assert_eq!(related("reiterated", "repeated"), Relation::Alike);
        // A verb news mostly writes as a noun is left out.
        assert_eq!(related("report", "described"), Relation::Unrelated);
        assert_eq!(related("police", "patrolled"), Relation::Unrelated);
    }

    #[test]
    fn converse_words_are_alike_on_one_side_and_converse_across() {
        assert_eq!(
            relation(&senses("defeated"), &senses("beat")),
            Relation::Alike
        );
        assert_eq!(
            relation(&senses("lost"), &senses("victory")),
            Relation::Opposed
        );
        assert!(LEXICON.is_converse(&senses("lost"), "victory"));
        assert!(LEXICON.is_converse(&senses("sold"), "bought"));
        assert!(!LEXICON.is_converse(&senses("rose"), "fell"));
    }

    #[test]
    fn phrases_match_longest_first() {
        let words = ["would", "not", "say", "whether"];
        assert_eq!(LEXICON.negators.match_at(&words, 1), Some(1));
        let words = ["has", "yet", "to", "approve"];
        assert_eq!(LEXICON.negators.match_at(&words, 1), Some(2));
        assert_eq!(
            LEXICON.not_negators.match_at(&["not", "only", "that"], 0),
            Some(2)
        );
        assert!(LEXICON.is_negator_word("didn't"));
        assert!(!LEXICON.is_negator_word("note"));
    }

    #[test]
    fn acronyms_both_ways() {
        let afp: Vec<&[String]> = LEXICON.expansions("afp").collect();
        // One acronym may stand for several names.
        assert!(afp.contains(&name_words("Agence France-Presse").as_slice()));
        assert!(afp.contains(&name_words("Australian Federal Police").as_slice()));
        let reserve_bank = name_words("Reserve Bank");
        assert!(LEXICON.acronyms_of(&reserve_bank).any(|a| a == "rba"));
        let name = name_words("World Health Organization");
        assert_eq!(LEXICON.acronyms_of(&name).collect::<Vec<_>>(), vec!["who"]);
    }
}
