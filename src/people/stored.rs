//! The people index as the cache stores it: in two parts of about equal
//! decoding cost, so that loading decodes them on two threads. What is
//! quick to derive (article keys, groups of equal quotes) is not stored.
//!
//! Each part borrows the index's fields to be written and owns what is
//! read back (`Cow`). postcard writes a struct's fields in order, so the
//! order of the fields here is the stored format: changing it needs a new
//! `cache::FORMAT_VERSION`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::PeopleIndex;
use super::evidence::NameEvidence;
use super::model::{ArticleRef, CorpusQuote, Mention, Person, PersonId, QuoteId, RoleRecord};
use super::numbering::Numbers;
use crate::files::Exact;

/// The people, their names, and what `update` needs of the name table.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct PeoplePart<'a> {
    pub(super) persons: StoredPersons<'a>,
    /// Key of a full name or alias → person.
    pub(super) names: Cow<'a, HashMap<String, PersonId>>,
    /// Surname → the people who have it.
    pub(super) surnames: Cow<'a, HashMap<String, Vec<PersonId>>>,
    /// First three letters of a surname → surnames.
    pub(super) surname_prefixes: Cow<'a, HashMap<String, Vec<String>>>,
    pub(super) evidence: Cow<'a, NameEvidence>,
    /// Per person, their slot in the name table.
    pub(super) slots: Cow<'a, [usize]>,
    pub(super) curated_fingerprint: [u8; 32],
    /// `NameTable::resolution` of the table the index was made with.
    pub(super) resolution: [u8; 32],
}

/// Per article: its reference, text hash, mentions and quotes. The long
/// lists are read back at their full length at once (`Exact`).
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct ArticlesPart<'a> {
    #[serde(deserialize_with = "exact")]
    pub(super) articles: Cow<'a, [ArticleRef]>,
    #[serde(deserialize_with = "exact")]
    pub(super) mentions: Cow<'a, [Mention]>,
    #[serde(deserialize_with = "exact")]
    pub(super) quotes: Cow<'a, [CorpusQuote]>,
    /// Per article, its quotes in order.
    #[serde(deserialize_with = "exact")]
    pub(super) article_quotes: Cow<'a, [Vec<QuoteId>]>,
    /// Per article, its mentions in order.
    #[serde(deserialize_with = "exact")]
    pub(super) article_mentions: Cow<'a, [Vec<usize>]>,
    /// The words of name mentions (`Mention::surface`).
    pub(super) surfaces: Cow<'a, [String]>,
    /// Per article, the hash of its text.
    #[serde(deserialize_with = "exact")]
    pub(super) hashes: Cow<'a, [[u8; 32]]>,
}

/// The people, stored with the words of their roles once for all: a
/// large corpus gives a million roles, a few hundred different ones, and
/// reading each back as a string of its own is most of reading the people.
#[derive(Debug)]
pub(crate) struct StoredPersons<'a>(pub(super) Cow<'a, [Person]>);

/// A role as stored: its words are `names[name]` of its `StoredPersons`.
#[derive(Debug, Serialize, Deserialize)]
struct StoredRole {
    name: u32,
    article: Option<usize>,
    #[serde(with = "crate::dates::stored")]
    date: Option<Date>,
    range: Option<Range<usize>>,
}

impl Serialize for StoredPersons<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut names: Vec<&str> = Vec::new();
        let mut number = Numbers::default();
        let roles: Vec<Vec<StoredRole>> = (self.0.iter())
            .map(|person| {
                (person.roles.iter())
                    .map(|role| StoredRole {
                        name: number.number(&*role.role, &mut names),
                        article: role.article,
                        date: role.date,
                        range: role.range.clone(),
                    })
                    .collect()
            })
            .collect();
        (names, &*self.0, roles).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for StoredPersons<'_> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (names, mut persons, roles): (Vec<String>, Vec<Person>, Vec<Vec<StoredRole>>) =
            Deserialize::deserialize(deserializer)?;
        if roles.len() != persons.len() {
            return Err(D::Error::custom("a person's roles are missing"));
        }
        let names: Vec<Arc<str>> = names.into_iter().map(Arc::from).collect();
        for (person, stored) in persons.iter_mut().zip(roles) {
            person.roles = (stored.into_iter())
                .map(|role| {
                    let name = names.get(role.name as usize).ok_or_else(|| {
                        D::Error::custom("a role's words are not among the roles'")
                    })?;
                    Ok(RoleRecord {
                        role: name.clone(),
                        article: role.article,
                        date: role.date,
                        range: role.range,
                    })
                })
                .collect::<Result<_, D::Error>>()?;
        }
        Ok(StoredPersons(Cow::Owned(persons)))
    }
}

fn exact<'de, 'a, D, T>(deserializer: D) -> Result<Cow<'a, [T]>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Clone,
{
    Exact::deserialize(deserializer).map(|Exact(items)| Cow::Owned(items))
}

impl PeopleIndex {
    /// The two parts to store, as `from_stored` takes them back.
    pub(crate) fn parts(&self) -> (PeoplePart<'_>, ArticlesPart<'_>) {
        let people = PeoplePart {
            persons: StoredPersons(Cow::Borrowed(&self.persons)),
            names: Cow::Borrowed(&self.names),
            surnames: Cow::Borrowed(&self.surnames),
            surname_prefixes: Cow::Borrowed(&self.surname_prefixes),
            evidence: Cow::Borrowed(&self.evidence),
            slots: Cow::Borrowed(&self.slots),
            curated_fingerprint: self.curated_fingerprint,
            resolution: self.resolution,
        };
        let articles = ArticlesPart {
            articles: Cow::Borrowed(&self.articles),
            mentions: Cow::Borrowed(&self.mentions),
            quotes: Cow::Borrowed(&self.quotes),
            article_quotes: Cow::Borrowed(&self.article_quotes),
            article_mentions: Cow::Borrowed(&self.article_mentions),
            surfaces: Cow::Borrowed(&self.surfaces),
            hashes: Cow::Borrowed(&self.hashes),
        };
        (people, articles)
    }

    /// The index of its two parts as `parts` stored them.
    pub(crate) fn from_stored(
        people: PeoplePart<'static>,
        articles: ArticlesPart<'static>,
    ) -> PeopleIndex {
        PeopleIndex::from_parts(people, articles)
    }

    /// The index of its two parts: stored ones, or those `build` and
    /// `update` make.
    pub(super) fn from_parts(
        people: PeoplePart<'static>,
        articles: ArticlesPart<'static>,
    ) -> PeopleIndex {
        let articles_list = articles.articles.into_owned();
        PeopleIndex {
            by_key: keys_of(&articles_list),
            articles: articles_list,
            persons: people.persons.0.into_owned(),
            mentions: articles.mentions.into_owned(),
            quotes: articles.quotes.into_owned(),
            names: people.names.into_owned(),
            surnames: people.surnames.into_owned(),
            surname_prefixes: people.surname_prefixes.into_owned(),
            article_quotes: articles.article_quotes.into_owned(),
            article_mentions: articles.article_mentions.into_owned(),
            quote_groups: Default::default(),
            surfaces: articles.surfaces.into_owned(),
            hashes: articles.hashes.into_owned(),
            evidence: people.evidence.into_owned(),
            slots: people.slots.into_owned(),
            curated_fingerprint: people.curated_fingerprint,
            resolution: people.resolution,
            reread: 0,
        }
    }
}

/// Article key → the first article with that key.
fn keys_of(articles: &[ArticleRef]) -> HashMap<String, usize> {
    articles
        .iter()
        .enumerate()
        .rev()
        .map(|(i, a)| (a.key.clone(), i))
        .collect()
}
