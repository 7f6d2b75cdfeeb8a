//! The first pass of a build: what each article says of each capitalised
//! name (how often it stands there, next to a title or a said-verb, in
//! capitals, with which role), and the totals per name across the corpus
//! that decide which names are people. The index keeps every article's
//! share, so that `update` scans only the articles that changed.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

mod packed;

use super::context::parts_of;
use super::in_batches;
use super::names::{in_a_nickname_pair, key_of, name_parts, nickname_pair};
use super::numbering::{Numbers, NumbersAfter};
use super::scan::{self, fold};
use super::vocabulary;
use crate::article::Article;
use crate::corpus::Corpus;

/// What one article says of one name, summed over its occurrences there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct NameInArticle {
    /// Index into `NameEvidence::names`.
    name: u32,
    count: u32,
    strong: u32,
    speech: u32,
    /// Occurrences not written in capitals.
    plain: u32,
    /// Occurrences right after an academic title ("Dr", "Professor").
    academic: u32,
    /// Occurrences right after "the" or a place preposition ("in Tora
    /// Bora", "the Pyotr Veliki"), as a place or a thing is written.
    placed: u32,
    /// Occurrences right before a noun for a body's people ("Aslef
    /// members"), as an organisation's name is written.
    members: u32,
    /// Occurrences of a lone word the article also writes in lower case.
    lowered: u32,
    /// Occurrences of a lone word brought in as someone new ("6-year-old
    /// Ahmad").
    introduced: u32,
    /// Occurrences of a lone word, in a part that writes no full name
    /// with it, that the text goes on to call "he" (`Tokens::
    /// pronoun_after`).
    called_he: u32,
    /// The same, for "she".
    called_she: u32,
    /// Role tags, as indexes into the tags of the evidence that holds
    /// the item (`NameEvidence::tags`, `ArticleEvidence::tags`), in order
    /// of first use: a corpus has few distinct ones and many items.
    tags: Vec<u32>,
}

/// A role's category (`vocabulary::role_category`) and the country named
/// with it, as the text writes them.
type TagWords = (String, Option<String>);

/// The name evidence of every article, as the first pass of `build` finds
/// it.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub(crate) struct NameEvidence {
    /// The names evidence was found for, as their words.
    names: Vec<Vec<String>>,
    /// The role tags evidence was found for.
    tags: Vec<TagWords>,
    /// Per article, in corpus order.
    #[serde(with = "packed")]
    pub(super) articles: Vec<Vec<NameInArticle>>,
}

/// One article's evidence before its names and tags are numbered.
#[derive(Debug, Default)]
pub(super) struct ArticleEvidence {
    /// Each name key's words (as first written there) and counts, in
    /// order of first use.
    names: Vec<(Vec<String>, NameInArticle)>,
    /// The tags the items' `tags` point to.
    tags: Vec<TagWords>,
}

/// A role a person holds, as descriptions match it: its category
/// (`vocabulary::role_category`) and the country it is of, if any ("the
/// British prime minister" is ("prime minister", gb)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub(super) struct RoleTag {
    pub category: &'static str,
    pub country: Option<&'static str>,
}

/// Evidence for one name across the corpus.
#[derive(Debug, Default, Clone)]
pub(super) struct NameTotals {
    pub words: Vec<String>,
    /// Occurrences with a title, role or byline.
    pub strong: u32,
    /// Occurrences before a said-verb that people use.
    pub speech: u32,
    pub count: u32,
    /// Never written but in capitals: a shouted headline's word.
    pub shouted_only: bool,
    /// Occurrences right after an academic title.
    pub academic: u32,
    /// Occurrences right after "the" or a place preposition.
    pub placed: u32,
    /// Occurrences right before a noun for a body's people.
    pub members: u32,
    /// Occurrences of a lone word its article also writes in lower case.
    pub lowered: u32,
    /// Occurrences of a lone word brought in as someone new.
    pub introduced: u32,
    /// Occurrences of a lone word, where no full name has it, that the
    /// text goes on to call "he"; and "she".
    pub called_he: u32,
    pub called_she: u32,
    pub tags: Vec<RoleTag>,
    /// The keys of the names an article writes beside this one with its
    /// surname and a nickname of its given name, or the given name its
    /// nickname stands for ("Danny Jacobs" beside "Daniel Jacobs").
    pub nickname_partners: Vec<String>,
}

impl NameTotals {
    /// Whether the name is a person's on its own evidence.
    pub(super) fn confirms(&self) -> bool {
        !self.shouted_only
            && (self.strong > 0
                || (self.speech > 0 && !self.names_a_town_body_or_common_word())
                || self.plain_name_confirms())
    }

    /// A name with no given name or census surname in it that is a town's
    /// ("Raqqa", "Leicester"), is written as a body's ("Sinn Féin leader",
    /// "Aslef members") or, a lone word, as a common word is ("the
    /// protesters"): news says such a place, body or group "said" or
    /// "told", so only a title, role or honorific makes it a person's.
    pub(super) fn names_a_town_body_or_common_word(&self) -> bool {
        let (Some(first), Some(last)) = (self.words.first(), self.words.last()) else {
            return false;
        };
        // A lone role noun ("Son tells of …" beside "the son of a couple")
        // is the common word even where it is also a surname.
        let lowered_role =
            self.words.len() == 1 && self.lowered > 0 && vocabulary::is_role_noun(first);
        lowered_role
            || (!vocabulary::is_any_given_name(first)
                && !vocabulary::is_census_surname(last)
                && (self.members > 0
                    || self.lowered > 0
                    || vocabulary::is_town(&self.words.join(" "))))
    }

    /// A plain full name confirms itself; one whose first word is only a
    /// name of the world list, or an East Asian family name, does not when
    /// the corpus ever writes it as a place or a thing is ("in Tora Bora",
    /// "the Pyotr Veliki"), for those lists hold many words of other
    /// languages.
    fn plain_name_confirms(&self) -> bool {
        let census_given =
            (self.words.first()).is_some_and(|given| vocabulary::is_given_name(given));
        // "the Charlie Hebdo attack": a census given name before a word of
        // no census surname, written after "the" or a place preposition
        // every time, is a thing's name.
        let ever_free = self.placed < self.count
            || (self.words.last()).is_some_and(|surname| vocabulary::is_census_surname(surname));
        is_plain_full_name(&self.words) && (self.placed == 0 || (census_given && ever_free))
    }
}

/// A given name of the census or world lists (or a patronymic) and a
/// surname, or an East Asian name, with no word that names a place, a
/// group or an organisation: "Brett Lee" is a person's name with no cue at
/// all ("Lee took three wickets"), "Victoria Cross" is not.
fn is_plain_full_name(words: &[String]) -> bool {
    let [given, .., surname] = words else {
        return false;
    };
    if vocabulary::is_east_asian_name(words) {
        return true;
    }
    words.len() <= 3
        && ((vocabulary::is_any_given_name(given) && !vocabulary::is_particle(given))
            || is_patronymic_name(words))
        && vocabulary::may_open_full_name(words)
        && words[1..].iter().all(|w| vocabulary::may_stand_in_name(w))
        && surname.chars().count() > 1
        && !vocabulary::is_particle(surname)
}

/// A name built on "Abu" or "bin" before a name word, with at most one
/// word before it: "Abu Mohammad", "Nabil Abu Rudeina", "Osama bin Laden".
fn is_patronymic_name(words: &[String]) -> bool {
    let Some(at) = words
        .iter()
        .position(|w| vocabulary::is_patronymic_particle(w))
    else {
        return false;
    };
    at <= 1
        && at + 1 < words.len()
        && words[at + 1..]
            .iter()
            .all(|w| !vocabulary::is_particle(w) && w.chars().count() > 2)
}

/// The evidence one article gives for the names in it.
pub(super) fn evidence_of(article: &Article) -> ArticleEvidence {
    let mut found = ArticleEvidence::default();
    let mut slot_of_key: HashMap<String, usize> = HashMap::new();
    for part in parts_of(article) {
        let scanned = scan::scan(&article.text, &part);
        add_evidence(&mut found, &mut slot_of_key, &scanned);
    }
    found
}

/// Count the evidence of `candidates` into `found`, whose slot for each
/// name key `slot_of_key` holds.
fn add_evidence(
    found: &mut ArticleEvidence,
    slot_of_key: &mut HashMap<String, usize>,
    scanned: &scan::Scan,
) {
    let candidates = &scanned.candidates;
    // The words of the part's full names: a lone word among them is most
    // likely one of those people, whatever the text calls it.
    let full_name_words: HashSet<&str> = (candidates.iter())
        .filter(|c| c.words.len() > 1)
        .flat_map(|c| c.words.iter().map(String::as_str))
        .collect();
    let mut name_starts: Vec<usize> = candidates.iter().map(|c| c.first_token).collect();
    name_starts.sort_unstable();
    for candidate in candidates {
        // A lone capitalised word with no cue can never become a name;
        // keeping it would only grow the evidence with every
        // sentence-initial word of the corpus.
        if candidate.words.len() == 1
            && !candidate.cues.confirms()
            && !candidate.cues.members_follow
        {
            continue;
        }
        let slot = *slot_of_key
            .entry(key_of(&candidate.words))
            .or_insert_with(|| {
                (found.names).push((candidate.words.clone(), NameInArticle::default()));
                found.names.len() - 1
            });
        let item = &mut found.names[slot].1;
        item.count += 1;
        if candidate.academic {
            item.academic += 1;
        }
        if !candidate.shouted {
            item.plain += 1;
            if candidate.cues.strong {
                item.strong += 1;
            }
            if candidate.cues.speech && !candidate.cues.anti {
                item.speech += 1;
            }
            if candidate.cues.anti && !candidate.cues.strong {
                item.placed += 1;
            }
            if candidate.cues.members_follow {
                item.members += 1;
            }
            if candidate.cues.written_lower {
                item.lowered += 1;
            }
            if candidate.cues.introduced {
                item.introduced += 1;
            }
        }
        if let Some(role) = &candidate.role
            && let Some(category) = vocabulary::role_category(&fold(role))
        {
            let tag = (category.to_string(), candidate.geo.map(str::to_string));
            let number = match found.tags.iter().position(|t| *t == tag) {
                Some(number) => number,
                None => {
                    found.tags.push(tag);
                    found.tags.len() - 1
                }
            } as u32;
            if !item.tags.contains(&number) {
                item.tags.push(number);
            }
        }
    }
    // Every lone occurrence of a name this article gives evidence for says
    // what the text calls it, cued or not ("Martin spotted an officer …,
    // so she asked").
    for candidate in candidates {
        let [word] = &candidate.words[..] else {
            continue;
        };
        if full_name_words.contains(word.as_str()) || candidate.shouted {
            continue;
        }
        let Some(&slot) = slot_of_key.get(&key_of(&candidate.words)) else {
            continue;
        };
        let item = &mut found.names[slot].1;
        match (scanned.tokens).pronoun_after(candidate.last_token, &name_starts) {
            Some("he") => item.called_he += 1,
            Some(_) => item.called_she += 1,
            None => {}
        }
    }
}

impl NameEvidence {
    /// The evidence of every article of `corpus`, gathered a batch at a
    /// time: the unnumbered evidence (every name's words, per article) of
    /// one batch is all that is held at once.
    pub(super) fn gather(corpus: &Corpus) -> NameEvidence {
        let mut evidence = NameEvidence::default();
        let mut names = Numbers::default();
        let mut tags = Numbers::default();
        for found in in_batches(corpus.len(), |i| evidence_of(corpus.article(i))) {
            let items = found.numbered(
                |words| names.number(words, &mut evidence.names),
                |tag| tags.number(tag, &mut evidence.tags),
            );
            evidence.articles.push(items);
        }
        evidence
    }

    /// The evidence of a new corpus whose article `i` is this evidence's
    /// article `kept[i]`, else the next of `found` (the new and changed
    /// articles' evidence).
    pub(super) fn replaced(
        self,
        kept: &[Option<usize>],
        found: Vec<ArticleEvidence>,
    ) -> NameEvidence {
        let NameEvidence {
            mut names,
            mut tags,
            articles,
        } = self;
        let mut old: Vec<Option<Vec<NameInArticle>>> = articles.into_iter().map(Some).collect();
        let mut new_names = NumbersAfter::new(&names);
        let mut new_tags = NumbersAfter::new(&tags);
        let mut found = found.into_iter();
        let articles = kept
            .iter()
            .map(|position| match position {
                Some(old_position) => old[*old_position].take().expect("each article kept once"),
                None => found
                    .next()
                    .expect("evidence for each fresh article")
                    .numbered(|words| new_names.number(words), |tag| new_tags.number(tag)),
            })
            .collect();
        let (added_names, added_tags) = (new_names.added, new_tags.added);
        names.extend(added_names);
        tags.extend(added_tags);
        NameEvidence {
            names,
            tags,
            articles,
        }
    }

    /// Every name's evidence across the corpus, by name key; a key's words
    /// are those of its first occurrence in corpus order.
    pub(super) fn totals(&self) -> HashMap<String, NameTotals> {
        // Per name, its key, and whether its first word is in a nickname
        // pair: read here, with the key, so that the pass over every
        // article below splits only those names into their parts.
        let (keys, may_have_twin): (Vec<String>, Vec<bool>) = (self.names.par_iter())
            .map(|w| (key_of(w), w.len() >= 2 && in_a_nickname_pair(&w[0])))
            .unzip();
        let mut number_of_key: HashMap<&str, usize> = HashMap::new();
        let key_number: Vec<usize> = keys
            .iter()
            .map(|key| {
                let next = number_of_key.len();
                *number_of_key.entry(key.as_str()).or_insert(next)
            })
            .collect();
        let role_tags: Vec<Option<RoleTag>> = (self.tags.iter())
            .map(|(category, geo)| {
                Some(RoleTag {
                    category: vocabulary::role_category(category)?,
                    country: geo.as_deref().and_then(vocabulary::geo_code_named),
                })
            })
            .collect();
        let mut totals: Vec<Option<(usize, NameTotals)>> = vec![None; number_of_key.len()];
        let mut partners: Vec<(u32, u32)> = Vec::new();
        let mut twins_here: Vec<u32> = Vec::new();
        for items in &self.articles {
            twins_here.clear();
            twins_here.extend(
                (items.iter().map(|item| item.name)).filter(|&n| may_have_twin[n as usize]),
            );
            if twins_here.len() >= 2 {
                self.push_nickname_pairs(&twins_here, &mut partners);
            }
            for item in items {
                let name = item.name as usize;
                let (_, total) = totals[key_number[name]].get_or_insert_with(|| {
                    let total = NameTotals {
                        words: self.names[name].clone(),
                        shouted_only: true,
                        ..NameTotals::default()
                    };
                    (name, total)
                });
                total.add(item, &role_tags);
            }
        }
        for (a, b) in partners {
            let (a, b) = (a as usize, b as usize);
            for (name, other) in [(a, b), (b, a)] {
                if let Some((_, total)) = &mut totals[key_number[name]]
                    && !total.nickname_partners.contains(&keys[other])
                {
                    total.nickname_partners.push(keys[other].clone());
                }
            }
        }
        totals
            .into_iter()
            .flatten()
            .map(|(name, total)| (keys[name].clone(), total))
            .collect()
    }

    /// The pairs of `names` (of one article) with one surname and given
    /// names that are a name and its nickname.
    fn push_nickname_pairs(&self, names: &[u32], pairs: &mut Vec<(u32, u32)>) {
        for (i, &a) in names.iter().enumerate() {
            for &b in &names[i + 1..] {
                let (wa, wb) = (&self.names[a as usize], &self.names[b as usize]);
                if wa.last() != wb.last() {
                    continue;
                }
                if let ((Some(ga), Some(sa)), (Some(gb), Some(sb))) =
                    (name_parts(wa), name_parts(wb))
                    && sa == sb
                    && nickname_pair(&ga, &gb)
                {
                    pairs.push((a, b));
                }
            }
        }
    }
}

impl ArticleEvidence {
    /// The items, their names and tags numbered by `name` and `tag`.
    fn numbered(
        self,
        mut name: impl FnMut(Vec<String>) -> u32,
        tag: impl FnMut(TagWords) -> u32,
    ) -> Vec<NameInArticle> {
        let tag_numbers: Vec<u32> = self.tags.into_iter().map(tag).collect();
        (self.names.into_iter())
            .map(|(words, mut item)| {
                item.name = name(words);
                for number in &mut item.tags {
                    *number = tag_numbers[*number as usize];
                }
                item
            })
            .collect()
    }
}

impl NameTotals {
    /// Count one article's evidence for the name in; its tags are
    /// numbers into `role_tags`.
    fn add(&mut self, item: &NameInArticle, role_tags: &[Option<RoleTag>]) {
        self.count += item.count;
        self.strong += item.strong;
        self.speech += item.speech;
        self.academic += item.academic;
        self.placed += item.placed;
        self.members += item.members;
        self.lowered += item.lowered;
        self.introduced += item.introduced;
        self.called_he += item.called_he;
        self.called_she += item.called_she;
        self.shouted_only &= item.plain == 0;
        for &number in &item.tags {
            let Some(tag) = role_tags[number as usize] else {
                continue;
            };
            if !self.tags.contains(&tag) {
                self.tags.push(tag);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{NameTotals, is_plain_full_name};

    fn words(name: &str) -> Vec<String> {
        name.split_whitespace().map(str::to_lowercase).collect()
    }

    #[test]
    fn patronymic_names_need_no_census_given_name() {
        for name in [
            "Abu Mohammad",
            "Nabil Abu Rudeina",
            "Brett Lee",
            "Bill Evans",
        ] {
            assert!(is_plain_full_name(&words(name)), "{name}");
        }
        for name in [
            "Rudeina Nabil",
            "Bin Al",
            "Abu",
            "Outside Sydney",
            "Bill Passed",
        ] {
            assert!(!is_plain_full_name(&words(name)), "{name}");
        }
    }

    #[test]
    fn names_of_other_countries_need_no_cue() {
        for name in [
            "Edinson Cavani",
            "Sinem Koseoglu",
            "Maik Schmidt",
            "Sun Hongli",
            "Wang Xiaopeng",
            "Lyu Jiajin",
            "Kim Jong Un",
            "Park Ji-hoon",
            "Nguyen Van Thieu",
        ] {
            assert!(is_plain_full_name(&words(name)), "{name}");
        }
        for name in [
            "Sun Valley",
            "Long Island",
            "Park Avenue",
            "Sun Is Shining",
            "Kim Of Paris",
        ] {
            assert!(!is_plain_full_name(&words(name)), "{name}");
        }
    }

    #[test]
    fn a_world_name_written_as_a_place_is_written_is_no_persons() {
        let totals = |name: &str, placed: u32| NameTotals {
            words: words(name),
            count: 3,
            placed,
            ..NameTotals::default()
        };
        assert!(totals("Tora Bora", 0).confirms());
        assert!(!totals("Tora Bora", 1).confirms());
        // A census given name keeps its name: "the Brett Lee factor".
        assert!(totals("Brett Lee", 1).confirms());
    }
}
