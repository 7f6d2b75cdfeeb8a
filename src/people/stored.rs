//! The people index as the cache stores it: in two parts of about equal
//! decoding cost, so that loading decodes them on two threads. What is
//! quick to derive (article keys, groups of equal quotes) is not stored.

use std::collections::HashMap;

use serde::Serialize;

use crate::files::Exact;

use super::incremental::Evidence;
use super::{ArticleRef, Mention, PeopleIndex, Person, PersonId, Quote, QuoteId, keys_of};

/// The people, their names, and what `update` needs of the name table.
pub(crate) type PeoplePart = (
    Vec<Person>,
    HashMap<String, PersonId>,
    HashMap<String, Vec<PersonId>>,
    HashMap<String, Vec<String>>,
    Evidence,
    Vec<PersonId>,
    [u8; 32],
    [u8; 32],
);

/// Per article: its reference, text hash, mentions and quotes.
pub(crate) type ArticlesPart = (
    Vec<ArticleRef>,
    Vec<Mention>,
    Vec<Quote>,
    Vec<Vec<QuoteId>>,
    Vec<Vec<usize>>,
    Vec<String>,
    Vec<[u8; 32]>,
);

/// `ArticlesPart` as it is read back: its long lists at full length at once.
pub(crate) type StoredArticlesPart = (
    Exact<ArticleRef>,
    Exact<Mention>,
    Exact<Quote>,
    Exact<Vec<QuoteId>>,
    Exact<Vec<usize>>,
    Vec<String>,
    Exact<[u8; 32]>,
);

impl PeopleIndex {
    /// The two parts to store, as `from_parts` takes them back.
    pub(crate) fn parts(&self) -> (impl Serialize + '_, impl Serialize + '_) {
        let people = (
            &self.persons,
            &self.names,
            &self.surnames,
            &self.surname_prefixes,
            &self.evidence,
            &self.slots,
            &self.curated_fingerprint,
            &self.resolution,
        );
        let articles = (
            &self.articles,
            &self.mentions,
            &self.quotes,
            &self.article_quotes,
            &self.article_mentions,
            &self.surfaces,
            &self.hashes,
        );
        (people, articles)
    }

    /// The index of its two parts as `parts` stored them.
    pub(crate) fn from_stored(people: PeoplePart, articles: StoredArticlesPart) -> PeopleIndex {
        let (articles, mentions, quotes, article_quotes, article_mentions, surfaces, hashes) =
            articles;
        let articles = (
            articles.0,
            mentions.0,
            quotes.0,
            article_quotes.0,
            article_mentions.0,
            surfaces,
            hashes.0,
        );
        PeopleIndex::from_parts(people, articles)
    }

    /// The index of its two parts: stored ones, or those `build` and
    /// `update` make.
    pub(crate) fn from_parts(people: PeoplePart, articles: ArticlesPart) -> PeopleIndex {
        let (
            persons,
            names,
            surnames,
            surname_prefixes,
            evidence,
            slots,
            curated_fingerprint,
            resolution,
        ) = people;
        let (articles, mentions, quotes, article_quotes, article_mentions, surfaces, hashes) =
            articles;
        PeopleIndex {
            by_key: keys_of(&articles),
            articles,
            persons,
            mentions,
            quotes,
            names,
            surnames,
            surname_prefixes,
            article_quotes,
            article_mentions,
            quote_groups: Default::default(),
            surfaces,
            hashes,
            evidence,
            slots,
            curated_fingerprint,
            resolution,
            reread: 0,
        }
    }
}
