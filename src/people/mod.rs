//! People and quotes: who the corpus names, under which names and roles, and
//! who said each quoted passage. No model: capitalised names are people when
//! the context says so somewhere in the corpus (a title, a role, a said-verb,
//! a byline), and every other mention of a confirmed name is then found.
//!
//! `PeopleIndex::build` runs two parallel passes over the articles: the first
//! gathers the evidence for each name (`evidence`), which `clustering` turns
//! into a table of people; the second resolves each article's mentions,
//! roles and quote speakers against that table (`resolution`,
//! `attribution`), and `assemble` puts the articles' shares together.
//! `incremental` brings an index up to date for a changed corpus; `stored`
//! is its form in the cache.
//!
//! Entry points for the other layers (`queries`):
//! - names: `lookup` (any name or alias → person), `find_mentions` (people
//!   named in a note), `mention_at` (the person under a cursor in an article);
//! - quotes: `quotes_at` (the corpus quotes covering a passage),
//!   `check_attribution` (for `misattributed-quote`), `same_quote_elsewhere`;
//! - hover: `hover::person_card` and `hover::quote_card`, rendered with
//!   `to_markdown`.

mod assemble;
mod attribution;
mod clustering;
mod context;
mod evidence;
pub mod hover;
mod incremental;
mod model;
mod names;
mod numbering;
mod pronouns;
mod queries;
pub mod quotes;
mod resolution;
pub mod scan;
mod stored;
mod subjects;
mod surfaces;
mod vocabulary;

use std::collections::HashMap;
use std::sync::OnceLock;

use rayon::prelude::*;

pub use incremental::Updated;
pub use model::{
    ArticleRef, AttributionCheck, CorpusQuote, Mention, MentionKind, Person, PersonId, QuoteId,
    QuoteSpeaker, RoleRecord, TextMention,
};

/// The people of a corpus, their mentions, and its quotes with their
/// speakers.
#[derive(Debug, Default, Clone)]
pub struct PeopleIndex {
    pub articles: Vec<ArticleRef>,
    pub persons: Vec<Person>,
    pub mentions: Vec<Mention>,
    pub quotes: Vec<CorpusQuote>,
    by_key: HashMap<String, usize>,
    /// Skeleton of a full name or alias → person.
    names: HashMap<String, PersonId>,
    /// Skeleton of a surname or single-word name → persons.
    surnames: HashMap<String, Vec<PersonId>>,
    /// First three letters of a surname → surnames, for near spellings.
    surname_prefixes: HashMap<String, Vec<String>>,
    /// Per article, its quotes in order.
    article_quotes: Vec<Vec<QuoteId>>,
    /// Per article, its mentions (indexes into `mentions`) in order.
    article_mentions: Vec<Vec<usize>>,
    /// Normalised quote text → quotes carrying it, made on first use: only
    /// quote hovers need it.
    quote_groups: OnceLock<HashMap<String, Vec<QuoteId>>>,
    /// The words of name mentions (`Mention::surface`).
    surfaces: Vec<String>,
    /// What the index was built from, for `update`: each article's text
    /// hash, the evidence it gives for names, each person's slot (their
    /// id in the name table), and the curated people.
    hashes: Vec<[u8; 32]>,
    evidence: evidence::NameEvidence,
    slots: Vec<usize>,
    curated_fingerprint: [u8; 32],
    /// `NameTable::resolution` of the name table it was made with.
    resolution: [u8; 32],
    /// The articles `update` read to make this index; 0 when built.
    reread: usize,
}

/// `f` of `0..len`, computed in parallel a batch at a time as the result is
/// iterated, so that only one batch of results is held at once.
fn in_batches<T: Send>(
    len: usize,
    f: impl Fn(usize) -> T + Sync + Send,
) -> impl Iterator<Item = T> {
    const BATCH: usize = 2048;
    (0..len).step_by(BATCH).flat_map(move |start| {
        (start..(start + BATCH).min(len))
            .into_par_iter()
            .map(&f)
            .collect::<Vec<T>>()
    })
}

#[cfg(test)]
mod attribution_tests;
#[cfg(test)]
mod description_tests;
#[cfg(test)]
mod namesake_tests;
#[cfg(test)]
mod non_person_tests;
#[cfg(test)]
mod speaker_tests;
#[cfg(test)]
mod tests;
