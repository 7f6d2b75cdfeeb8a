//! Updating a people index for a changed corpus without reading the
//! articles it shares with the corpus the index was built from.
//!
//! An article's mentions, roles and quotes depend on its own text and on
//! the name table, and the name table depends only on the evidence every
//! article gives for names. So the index keeps each article's evidence and
//! text hash: for a new corpus, the changed and added articles' evidence is
//! gathered, the name table rebuilt from the new totals, and when it
//! resolves names exactly as the old one did, only those articles are
//! resolved again; the others' parts are taken from the old index. The
//! result is the index `PeopleIndex::build` would give.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::lexicon as lx;
use super::{
    ArticleShare, NameEvidence, NameTable, PeopleIndex, Speaker, assemble, fold, key_of,
    regions_of, scan,
};
use crate::article::Article;
use crate::config::CuratedPerson;
use crate::corpus::{Corpus, unchanged_positions};

/// What one article says of one name, summed over its occurrences there.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct EvidenceItem {
    /// Index into `Evidence::names`.
    name: u32,
    count: u32,
    strong: u32,
    speech: u32,
    /// Occurrences not written in capitals.
    plain: u32,
    /// (role category, country) pairs, in order of first use.
    tags: Vec<(String, Option<String>)>,
}

/// The evidence of every article, as the first pass of `build` finds it.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub(super) struct Evidence {
    /// The names evidence was found for, as their words.
    names: Vec<Vec<String>>,
    /// Per article, in corpus order.
    articles: Vec<Vec<EvidenceItem>>,
}

/// One article's evidence before its names are numbered: each name key's
/// words (as first written there) and counts, in order of first use.
pub(super) type ArticleEvidence = Vec<(Vec<String>, EvidenceItem)>;

pub(super) fn evidence_of(article: &Article) -> ArticleEvidence {
    let scanned = scan::scan(&article.text, &regions_of(article));
    let mut found: ArticleEvidence = Vec::new();
    let mut slot_of_key: HashMap<String, usize> = HashMap::new();
    for candidate in &scanned.candidates {
        // A lone capitalised word with no cue can never become a name;
        // keeping it would only grow the evidence with every
        // sentence-initial word of the corpus.
        if candidate.words.len() == 1 && !candidate.cues.confirms() {
            continue;
        }
        let slot = *slot_of_key
            .entry(key_of(&candidate.words))
            .or_insert_with(|| {
                found.push((candidate.words.clone(), EvidenceItem::default()));
                found.len() - 1
            });
        let item = &mut found[slot].1;
        item.count += 1;
        if !candidate.shouted {
            item.plain += 1;
            if candidate.cues.strong {
                item.strong += 1;
            }
            if candidate.cues.speech && !candidate.cues.anti {
                item.speech += 1;
            }
        }
        if let Some(role) = &candidate.role
            && let Some(category) = lx::role_category(&fold(role))
        {
            let tag = (category.to_string(), candidate.geo.map(str::to_string));
            if !item.tags.contains(&tag) {
                item.tags.push(tag);
            }
        }
    }
    found
}

/// Articles whose evidence is gathered before it is numbered: enough to
/// keep both cores busy, few enough that the unnumbered evidence (every
/// name's words, per article) stays small.
const GATHER_BATCH: usize = 2048;

impl Evidence {
    /// The evidence of every article of `corpus`.
    pub(super) fn gather(corpus: &Corpus) -> Evidence {
        let mut evidence = Evidence::default();
        let mut number = HashMap::new();
        for start in (0..corpus.len()).step_by(GATHER_BATCH) {
            let batch: Vec<ArticleEvidence> = (start..(start + GATHER_BATCH).min(corpus.len()))
                .into_par_iter()
                .map(|i| evidence_of(corpus.article(i)))
                .collect();
            evidence.number(&mut number, batch);
        }
        evidence
    }

    /// Append `articles`, numbering their names with `number` (the numbers
    /// of the names already known).
    fn number(&mut self, number: &mut HashMap<Vec<String>, u32>, articles: Vec<ArticleEvidence>) {
        for found in articles {
            let items = found
                .into_iter()
                .map(|(words, mut item)| {
                    item.name = *number.entry(words).or_insert_with_key(|words| {
                        self.names.push(words.clone());
                        (self.names.len() - 1) as u32
                    });
                    item
                })
                .collect();
            self.articles.push(items);
        }
    }

    /// Every name's evidence across the corpus, by name key; a key's words
    /// are those of its first occurrence in corpus order.
    pub(super) fn totals(&self) -> HashMap<String, NameEvidence> {
        let keys: Vec<String> = self.names.par_iter().map(|w| key_of(w)).collect();
        let mut number_of_key: HashMap<&str, usize> = HashMap::new();
        let key_number: Vec<usize> = keys
            .iter()
            .map(|key| {
                let next = number_of_key.len();
                *number_of_key.entry(key.as_str()).or_insert(next)
            })
            .collect();
        let mut totals: Vec<Option<(usize, NameEvidence)>> = vec![None; number_of_key.len()];
        for items in &self.articles {
            for item in items {
                let name = item.name as usize;
                let (_, total) = totals[key_number[name]].get_or_insert_with(|| {
                    let total = NameEvidence {
                        words: self.names[name].clone(),
                        shouted_only: true,
                        ..NameEvidence::default()
                    };
                    (name, total)
                });
                total.count += item.count;
                total.strong += item.strong;
                total.speech += item.speech;
                total.shouted_only &= item.plain == 0;
                for (category, geo) in &item.tags {
                    let Some(category) = lx::role_category(category) else {
                        continue;
                    };
                    let tag = (category, geo.as_deref().and_then(lx::geo_code_named));
                    if !total.tags.contains(&tag) {
                        total.tags.push(tag);
                    }
                }
            }
        }
        totals
            .into_iter()
            .flatten()
            .map(|(name, total)| (keys[name].clone(), total))
            .collect()
    }
}

/// The curated people an index was built with.
pub(super) fn fingerprint(curated: &[CuratedPerson]) -> [u8; 32] {
    let mut hasher = blake3::Hasher::new();
    for person in curated {
        for field in std::iter::once(&person.name)
            .chain(&person.aliases)
            .chain(std::iter::once(&String::new()))
            .chain(&person.roles)
        {
            hasher.update(&(field.len() as u64).to_le_bytes());
            hasher.update(field.as_bytes());
        }
        hasher.update(b"\xff");
    }
    *hasher.finalize().as_bytes()
}

impl NameTable {
    /// Whether every article resolves the same against both tables: the
    /// same names and surnames for the same people, the same roles, and the
    /// same heaviest holder of each shared surname.
    fn resolves_like(&self, other: &NameTable) -> bool {
        self.count == other.count
            && self.curated == other.curated
            && self.tags == other.tags
            && self.names == other.names
            && self.surnames == other.surnames
            && self
                .surnames
                .values()
                .filter(|ids| ids.len() > 1)
                .all(|ids| self.heaviest(ids) == other.heaviest(ids))
    }
}

impl PeopleIndex {
    /// Whether this index was built from exactly these articles (paths and
    /// text hashes, in corpus order).
    pub fn is_of(&self, corpus: &Corpus, hashes: &[[u8; 32]]) -> bool {
        self.hashes == hashes
            && self.articles.len() == corpus.len()
            && (0..corpus.len()).all(|i| self.articles[i].rel_path == corpus.rel_path(i))
    }

    /// The index of `corpus` (whose articles' text hashes are `hashes`),
    /// reading only the articles that are new or changed since this index
    /// was built. `None` when a change reaches further than its own
    /// article (it changes which names are people, how they cluster or
    /// which holder of a shared surname is meant), or when the curated
    /// people differ: then only a full build gives the right index.
    pub fn update(
        self,
        corpus: &Corpus,
        curated: &[CuratedPerson],
        hashes: &[[u8; 32]],
    ) -> Option<PeopleIndex> {
        if self.curated_fingerprint != fingerprint(curated)
            || hashes.len() != corpus.len()
            || self.evidence.articles.len() != self.articles.len()
        {
            return None;
        }
        // Per article of the new corpus: its position in this index when
        // its text is the same.
        let kept = unchanged_positions(
            self.articles
                .iter()
                .map(|a| a.rel_path.as_str())
                .zip(&self.hashes),
            (0..corpus.len()).map(|i| corpus.rel_path(i)).zip(hashes),
        );
        let fresh: Vec<usize> = (0..corpus.len()).filter(|&i| kept[i].is_none()).collect();
        let found: Vec<ArticleEvidence> = fresh
            .par_iter()
            .map(|&i| evidence_of(corpus.article(i)))
            .collect();
        let mut found = found.into_iter();
        let mut number: HashMap<Vec<String>, u32> = self
            .evidence
            .names
            .iter()
            .enumerate()
            .map(|(i, words)| (words.clone(), i as u32))
            .collect();
        let mut evidence = Evidence {
            names: self.evidence.names.clone(),
            articles: Vec::with_capacity(corpus.len()),
        };
        for old in &kept {
            match old {
                Some(old) => evidence.articles.push(self.evidence.articles[*old].clone()),
                None => {
                    let found = found.next().expect("one per fresh article");
                    evidence.number(&mut number, vec![found]);
                }
            }
        }

        let (old_table, table) = rayon::join(
            || NameTable::new(self.evidence.totals(), curated),
            || NameTable::new(evidence.totals(), curated),
        );
        if !table.resolves_like(&old_table) {
            return None;
        }
        let fresh_shares: Vec<ArticleShare> = fresh
            .par_iter()
            .map(|&i| ArticleShare::of(corpus.article(i), &table))
            .collect();
        let mut fresh_shares = fresh_shares.into_iter();
        let mut stored: Vec<Option<ArticleShare>> =
            self.into_shares().into_iter().map(Some).collect();
        let shares = kept.iter().map(|old| match old {
            Some(old) => stored[*old].take().expect("each article kept once"),
            None => fresh_shares.next().expect("one per fresh article"),
        });
        Some(assemble(shares, evidence, &table, curated))
    }

    /// Each article's part of this index, in name-table person ids.
    fn into_shares(self) -> Vec<ArticleShare> {
        let PeopleIndex {
            articles,
            persons,
            mentions,
            quotes,
            surfaces,
            hashes,
            slots,
            ..
        } = self;
        let mut shares: Vec<ArticleShare> = articles
            .into_iter()
            .zip(hashes)
            .map(|(reference, hash)| ArticleShare {
                reference,
                hash,
                mentions: Vec::new(),
                roles: Vec::new(),
                quotes: Vec::new(),
            })
            .collect();
        for person in persons {
            for role in person.roles {
                if let (Some(article), Some(range)) = (role.article, role.range) {
                    shares[article]
                        .roles
                        .push((slots[person.id], role.role, range));
                }
            }
        }
        for mention in mentions {
            let surface = mention.surface.map(|s| surfaces[s as usize].clone());
            shares[mention.article].mentions.push((
                slots[mention.person],
                mention.range,
                mention.kind,
                surface,
            ));
        }
        for mut quote in quotes {
            if let Speaker::Person(id) = quote.speaker {
                quote.speaker = Speaker::Person(slots[id]);
            }
            shares[quote.article].quotes.push(quote);
        }
        shares
    }
}
