//! Updating a people index for a changed corpus without reading the
//! articles it shares with the corpus the index was built from.
//!
//! An article's mentions, roles and quotes depend on its own text and on
//! the name table, and the name table depends only on the evidence every
//! article gives for names. So the index keeps each article's evidence and
//! text hash: for a new corpus, the changed and added articles' evidence is
//! gathered, the name table rebuilt from the new totals, and when it
//! resolves names exactly as the old one did and the same people are
//! named, only those articles are resolved again; the others' parts are
//! moved into place from the old index, and only the people the changed
//! articles name have their names and aliases worked out again. The result
//! is the index `PeopleIndex::build` would give.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::lexicon as lx;
use super::{
    ArticleRef, ArticleShare, Mention, NameEvidence, NameTable, PeopleIndex, PersonId, Quote,
    RoleRecord, Speaker, add_role, fold, in_batches, index_of, key_of, naming, regions_of, scan,
};
use crate::article::Article;
use crate::config::CuratedPerson;
use crate::corpus::{Corpus, new_positions, unchanged_positions};

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
pub(crate) struct Evidence {
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

impl Evidence {
    /// The evidence of every article of `corpus`, gathered a batch at a
    /// time: the unnumbered evidence (every name's words, per article) of
    /// one batch is all that is held at once.
    pub(super) fn gather(corpus: &Corpus) -> Evidence {
        let mut evidence = Evidence::default();
        let mut number = HashMap::new();
        for found in in_batches(corpus.len(), |i| evidence_of(corpus.article(i))) {
            evidence.number(&mut number, found);
        }
        evidence
    }

    /// Append one article's evidence, numbering its names with `number`
    /// (the numbers of the names already known).
    fn number(&mut self, number: &mut HashMap<Vec<String>, u32>, found: ArticleEvidence) {
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

    /// The evidence of a new corpus whose article `i` is this evidence's
    /// article `kept[i]`, else the next of `found` (the new and changed
    /// articles' evidence).
    fn replaced(self, kept: &[Option<usize>], found: Vec<ArticleEvidence>) -> Evidence {
        let Evidence {
            mut names,
            articles,
        } = self;
        let mut old: Vec<Option<Vec<EvidenceItem>>> = articles.into_iter().map(Some).collect();
        let known: HashMap<&[String], u32> = names
            .iter()
            .enumerate()
            .map(|(i, words)| (words.as_slice(), i as u32))
            .collect();
        let numbered = names.len();
        let mut added: Vec<Vec<String>> = Vec::new();
        let mut number_of_added: HashMap<Vec<String>, u32> = HashMap::new();
        let mut found = found.into_iter();
        let articles = kept
            .iter()
            .map(|position| match position {
                Some(old_position) => old[*old_position].take().expect("each article kept once"),
                None => found
                    .next()
                    .expect("evidence for each fresh article")
                    .into_iter()
                    .map(|(words, mut item)| {
                        item.name = match known.get(words.as_slice()) {
                            Some(&number) => number,
                            None => *number_of_added.entry(words).or_insert_with_key(|words| {
                                added.push(words.clone());
                                (numbered + added.len() - 1) as u32
                            }),
                        };
                        item
                    })
                    .collect(),
            })
            .collect();
        drop(known);
        names.extend(added);
        Evidence { names, articles }
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
    /// What decides how an article resolves against this table, as a
    /// digest: its names and surnames and the people they name, the roles,
    /// and the heaviest holder of each shared surname. Every article
    /// resolves the same against two tables with the same digest; an index
    /// keeps its table's, so that `update` need not make the old table
    /// again to compare it with the new one.
    pub(super) fn resolution(&self) -> [u8; 32] {
        let mut names: Vec<(&String, &PersonId)> = self.names.iter().collect();
        names.sort_unstable();
        let mut surnames: Vec<(&String, &Vec<PersonId>, Option<PersonId>)> = (self.surnames)
            .iter()
            .map(|(surname, ids)| (surname, ids, self.heaviest(ids)))
            .collect();
        surnames.sort_unstable();
        let resolving = (self.count, &self.curated, &self.tags, names, surnames);
        let bytes = postcard::to_stdvec(&resolving).expect("encoding to memory");
        *blake3::hash(&bytes).as_bytes()
    }
}

/// What `update` made of an index.
pub enum Updated {
    /// The index of the new corpus, with the unchanged articles' parts
    /// moved into place: only the new and changed articles were read.
    Spliced(PeopleIndex),
    /// The index of the new corpus built again from every article, because
    /// the change reaches further than its own articles; the unchanged
    /// articles' name evidence was reused rather than scanned again.
    Rebuilt(PeopleIndex),
}

impl Updated {
    pub fn into_index(self) -> PeopleIndex {
        match self {
            Updated::Spliced(index) | Updated::Rebuilt(index) => index,
        }
    }
}

impl PeopleIndex {
    /// Whether this index was built from exactly these articles (paths and
    /// text hashes, in corpus order) and these curated people.
    pub fn is_of(&self, corpus: &Corpus, hashes: &[[u8; 32]], curated: &[CuratedPerson]) -> bool {
        self.curated_fingerprint == fingerprint(curated)
            && self.hashes == hashes
            && self.articles.len() == corpus.len()
            && (0..corpus.len()).all(|i| self.articles[i].rel_path == corpus.rel_path(i))
    }

    /// The index of `corpus` (whose articles' text hashes are `hashes`),
    /// reading only the articles that are new or changed since this index
    /// was built. When a change reaches further than its own article (it
    /// changes which names are people, how they cluster or which holder of
    /// a shared surname is meant, or a person appears or disappears), or
    /// when the curated people differ, every article is resolved again, but
    /// the name evidence of the unchanged ones is this index's: evidence
    /// depends on an article's text alone. `None` for hashes that are not
    /// the corpus's, or an index without evidence for every article.
    pub fn update(
        mut self,
        corpus: &Corpus,
        curated: &[CuratedPerson],
        hashes: &[[u8; 32]],
    ) -> Option<Updated> {
        if hashes.len() != corpus.len() || self.evidence.articles.len() != self.articles.len() {
            return None;
        }
        let same_curated = self.curated_fingerprint == fingerprint(curated);
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
        let evidence = std::mem::take(&mut self.evidence).replaced(&kept, found);
        let table = NameTable::new(evidence.totals(), curated);
        let rebuilt = |old: PeopleIndex, evidence: Evidence| {
            // The old parts are of no use to a build: freed first.
            drop(old);
            Some(Updated::Rebuilt(PeopleIndex::build_from(
                corpus, curated, evidence, &table,
            )))
        };
        // Other curated people resolve every article again whatever it says.
        if !same_curated || table.resolution() != self.resolution {
            return rebuilt(self, evidence);
        }
        let fresh_shares: Vec<ArticleShare> = fresh
            .par_iter()
            .map(|&i| ArticleShare::of(corpus.article(i), &table))
            .collect();
        let new_position = new_positions(&kept, self.articles.len());
        let Some(id_of_slot) = self.splices(&new_position, &fresh_shares, table.count) else {
            return rebuilt(self, evidence);
        };
        let changes = Changes {
            kept: &kept,
            new_position: &new_position,
            fresh: fresh_shares,
        };
        Some(Updated::Spliced(self.splice(
            changes,
            evidence,
            &table,
            curated,
            &id_of_slot,
        )))
    }

    /// When the new corpus (where this index's article `old` stands at
    /// `new_position[old]`, if anywhere, and `fresh` are the new and changed
    /// articles' parts) names the same people as this index: the person id
    /// of each of the `slot_count` name-table slots (`usize::MAX` for
    /// none), as `splice` needs it. `None` when a person appears or
    /// disappears, which renumbers people.
    fn splices(
        &self,
        new_position: &[Option<usize>],
        fresh: &[ArticleShare],
        slot_count: usize,
    ) -> Option<Vec<PersonId>> {
        let mut id_of_slot = vec![usize::MAX; slot_count];
        for (id, &slot) in self.slots.iter().enumerate() {
            id_of_slot[slot] = id;
        }
        let id_of = |slot: PersonId| id_of_slot.get(slot).copied().filter(|&id| id != usize::MAX);
        // People are those the corpus names (or `backstop.toml` lists).
        let mut named = vec![0usize; self.persons.len()];
        for mention in &self.mentions {
            named[mention.person] += usize::from(mention.surface.is_some());
        }
        for (old, _) in new_position
            .iter()
            .enumerate()
            .filter(|(_, new)| new.is_none())
        {
            for &m in &self.article_mentions[old] {
                let mention = &self.mentions[m];
                named[mention.person] -= usize::from(mention.surface.is_some());
            }
        }
        for share in fresh {
            for (slot, _, _, surface) in &share.mentions {
                named[id_of(*slot)?] += usize::from(surface.is_some());
            }
            for (slot, _, _) in &share.roles {
                id_of(*slot)?;
            }
            for quote in &share.quotes {
                if let Speaker::Person(slot) = quote.speaker {
                    id_of(slot)?;
                }
            }
        }
        let same_people = self
            .persons
            .iter()
            .all(|person| person.curated || named[person.id] > 0);
        same_people.then_some(id_of_slot)
    }

    /// The index of the new corpus `splices` accepted, moving this index's
    /// parts for kept articles into place rather than assembling them
    /// again; only the people the changed articles name are named anew.
    fn splice(
        self,
        Changes {
            kept,
            new_position,
            fresh,
        }: Changes<'_>,
        evidence: Evidence,
        table: &NameTable,
        curated: &[CuratedPerson],
        id_of_slot: &[PersonId],
    ) -> PeopleIndex {
        let PeopleIndex {
            articles: old_articles,
            mut persons,
            mentions: old_mentions,
            quotes: old_quotes,
            article_quotes: old_article_quotes,
            article_mentions: old_article_mentions,
            surfaces: old_surfaces,
            hashes: old_hashes,
            slots,
            curated_fingerprint,
            ..
        } = self;
        // People whose names may come out otherwise: those named in a
        // dropped or changed article, or in a new one.
        let mut renamed = vec![false; persons.len()];
        for (old, _) in new_position
            .iter()
            .enumerate()
            .filter(|(_, new)| new.is_none())
        {
            for &m in &old_article_mentions[old] {
                renamed[old_mentions[m].person] = true;
            }
        }
        let mut surfaces = Renumbered::new(&old_surfaces);
        let mut old_articles: Vec<Option<ArticleRef>> =
            old_articles.into_iter().map(Some).collect();
        let mut old_quotes: Vec<Option<Quote>> = old_quotes.into_iter().map(Some).collect();
        let mut articles = Vec::with_capacity(kept.len());
        let mut hashes = Vec::with_capacity(kept.len());
        let mut mentions = Vec::with_capacity(old_mentions.len());
        let mut quotes = Vec::with_capacity(old_quotes.len());
        let mut article_mentions = Vec::with_capacity(kept.len());
        let mut article_quotes = Vec::with_capacity(kept.len());
        // Roles of new articles, per person, kept apart to be de-duplicated
        // within their article as `assemble` does.
        let mut new_roles: Vec<Vec<RoleRecord>> = vec![Vec::new(); persons.len()];
        let fresh_count = fresh.len();
        let mut fresh = fresh.into_iter();
        for (i, old) in kept.iter().enumerate() {
            let mut in_article = Vec::new();
            let mut quoted = Vec::new();
            match *old {
                Some(old) => {
                    articles.push(old_articles[old].take().expect("each article kept once"));
                    hashes.push(old_hashes[old]);
                    for &m in &old_article_mentions[old] {
                        let mention = &old_mentions[m];
                        in_article.push(mentions.len());
                        mentions.push(Mention {
                            article: i,
                            surface: mention.surface.map(|s| surfaces.of_old(s)),
                            ..mention.clone()
                        });
                    }
                    for &q in &old_article_quotes[old] {
                        let mut quote = old_quotes[q].take().expect("each quote kept once");
                        quote.id = quotes.len();
                        quote.article = i;
                        quoted.push(quote.id);
                        quotes.push(quote);
                    }
                }
                None => {
                    let share = fresh.next().expect("one share per fresh article");
                    for (slot, range, kind, surface) in share.mentions {
                        let person = id_of_slot[slot];
                        renamed[person] = true;
                        in_article.push(mentions.len());
                        mentions.push(Mention {
                            article: i,
                            range,
                            person,
                            kind,
                            surface: surface.map(|s| surfaces.of_new(s)),
                        });
                    }
                    for (slot, role, range) in share.roles {
                        let roles = &mut new_roles[id_of_slot[slot]];
                        add_role(roles, role, i, share.reference.date, range);
                    }
                    for mut quote in share.quotes {
                        if let Speaker::Person(slot) = quote.speaker {
                            quote.speaker = Speaker::Person(id_of_slot[slot]);
                        }
                        quote.id = quotes.len();
                        quote.article = i;
                        quoted.push(quote.id);
                        quotes.push(quote);
                    }
                    articles.push(share.reference);
                    hashes.push(share.hash);
                }
            }
            article_mentions.push(in_article);
            article_quotes.push(quoted);
        }
        let surfaces = surfaces.into_strings();

        for person in &mut persons {
            person.mentions.clear();
            person.quotes.clear();
            person.roles.retain_mut(|role| match role.article {
                None => true,
                Some(old) => {
                    role.article = new_position[old];
                    role.article.is_some()
                }
            });
            let added = std::mem::take(&mut new_roles[person.id]);
            if !added.is_empty() {
                person.roles.extend(added);
                // Curated roles first, then inferred ones by date and
                // article; a stable sort keeps an article's own order.
                let inferred = person
                    .roles
                    .iter()
                    .take_while(|r| r.article.is_none())
                    .count();
                person.roles[inferred..].sort_by_key(|r| (r.date, r.article));
            }
        }
        for (m, mention) in mentions.iter().enumerate() {
            persons[mention.person].mentions.push(m);
        }
        for quote in &quotes {
            if let Speaker::Person(p) = quote.speaker {
                persons[p].quotes.push(quote.id);
            }
        }
        for person in persons.iter_mut().filter(|p| renamed[p.id]) {
            let mut surface_counts: HashMap<u32, (u32, usize)> = HashMap::new();
            for &m in &person.mentions {
                if let Some(surface) = mentions[m].surface {
                    surface_counts.entry(surface).or_insert((0, m)).0 += 1;
                }
            }
            let curated_index = table.curated[slots[person.id]];
            (person.canonical, person.aliases) = naming(
                &surface_counts,
                &surfaces,
                curated_index.map(|i| &curated[i]),
            );
        }

        let parts = (
            articles,
            mentions,
            quotes,
            article_quotes,
            article_mentions,
            surfaces,
            hashes,
        );
        let mut index = index_of(
            table,
            id_of_slot,
            persons,
            evidence,
            slots,
            curated_fingerprint,
            parts,
        );
        index.reread = fresh_count;
        index
    }
}

/// How a new corpus stands to the one an index was built from.
struct Changes<'a> {
    /// Per new article, the old article it keeps unchanged, if any.
    kept: &'a [Option<usize>],
    /// Per old article, where it stands in the new corpus, if anywhere.
    new_position: &'a [Option<usize>],
    /// The new and changed articles' parts, in corpus order.
    fresh: Vec<ArticleShare>,
}

/// Surface words numbered in order of first use: those of new mentions
/// (`assemble`'s, or an update's), and those an old index's mentions keep.
pub(super) struct Renumbered<'a> {
    old: &'a [String],
    old_by_text: HashMap<&'a str, u32>,
    new_of_old: Vec<u32>,
    strings: Vec<String>,
    new_by_text: HashMap<String, u32>,
}

impl<'a> Renumbered<'a> {
    pub(super) fn new(old: &'a [String]) -> Renumbered<'a> {
        Renumbered {
            old,
            old_by_text: old
                .iter()
                .enumerate()
                .map(|(i, s)| (s.as_str(), i as u32))
                .collect(),
            new_of_old: vec![u32::MAX; old.len()],
            strings: Vec::new(),
            new_by_text: HashMap::new(),
        }
    }

    fn of_old(&mut self, old: u32) -> u32 {
        let slot = &mut self.new_of_old[old as usize];
        if *slot == u32::MAX {
            *slot = self.strings.len() as u32;
            self.strings.push(self.old[old as usize].clone());
        }
        *slot
    }

    pub(super) fn of_new(&mut self, text: String) -> u32 {
        if let Some(&old) = self.old_by_text.get(text.as_str()) {
            return self.of_old(old);
        }
        let next = self.strings.len() as u32;
        *self.new_by_text.entry(text).or_insert_with_key(|text| {
            self.strings.push(text.clone());
            next
        })
    }

    pub(super) fn into_strings(self) -> Vec<String> {
        self.strings
    }
}
