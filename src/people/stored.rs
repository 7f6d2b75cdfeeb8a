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

use serde::{Deserialize, Deserializer, Serialize};

use super::PeopleIndex;
use super::evidence::NameEvidence;
use super::model::{ArticleRef, CorpusQuote, Mention, Person, PersonId, QuoteId};
use crate::files::Exact;

/// The people, their names, and what `update` needs of the name table.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct PeoplePart<'a> {
    pub(super) persons: Cow<'a, [Person]>,
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
            persons: Cow::Borrowed(&self.persons),
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
            persons: people.persons.into_owned(),
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
