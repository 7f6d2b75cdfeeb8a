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

use super::PeopleIndex;
use super::assemble::{
    ArticleLists, ArticleShare, People, SharedMention, add_role, fingerprint, index_of, naming,
};
use super::clustering::NameTable;
use super::context::FoundRole;
use super::evidence::{ArticleEvidence, NameEvidence, evidence_of};
use super::model::{
    ArticleRef, CorpusQuote, Mention, Person, PersonId, QuoteSpeaker, RoleRecord, SurfaceId,
};
use super::surfaces::Renumbered;
use crate::config::CuratedPerson;
use crate::corpus::{Corpus, new_positions, unchanged_positions};

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
        let rebuilt = |old: PeopleIndex, evidence: NameEvidence| {
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
        let made = Made {
            evidence,
            table: &table,
            curated,
            id_of_slot: &id_of_slot,
        };
        Some(Updated::Spliced(self.splice(changes, made)))
    }

    /// When the new corpus (where this index's article `old` stands at
    /// `new_position[old]`, if anywhere, and `fresh` are the new and changed
    /// articles' parts) names the same people as this index: the person id
    /// of each of the `table_count` name-table people, as `splice` needs
    /// it. `None` when a person appears or disappears, which renumbers
    /// people.
    fn splices(
        &self,
        new_position: &[Option<usize>],
        fresh: &[ArticleShare],
        table_count: usize,
    ) -> Option<Vec<Option<PersonId>>> {
        let mut id_of_slot = vec![None; table_count];
        for (id, &slot) in self.slots.iter().enumerate() {
            id_of_slot[slot] = Some(id);
        }
        let id_of = |slot: usize| id_of_slot.get(slot).copied().flatten();
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
            for SharedMention { found, surface } in &share.mentions {
                named[id_of(found.person)?] += usize::from(surface.is_some());
            }
            for role in &share.roles {
                id_of(role.person)?;
            }
            for quote in &share.quotes {
                if let QuoteSpeaker::Person(slot) = quote.speaker {
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
    fn splice(self, changes: Changes<'_>, made: Made<'_>) -> PeopleIndex {
        let PeopleIndex {
            articles,
            mut persons,
            mentions,
            quotes,
            article_quotes,
            article_mentions,
            surfaces: old_surfaces,
            hashes,
            slots,
            curated_fingerprint,
            ..
        } = self;
        let mut old = OldParts {
            articles: articles.into_iter().map(Some).collect(),
            hashes,
            mentions,
            quotes: quotes.into_iter().map(Some).collect(),
            article_mentions,
            article_quotes,
        };
        // People whose names may come out otherwise: those named in a
        // dropped or changed article, or in a new one.
        let mut renamed = vec![false; persons.len()];
        for (position, _) in
            (changes.new_position.iter().enumerate()).filter(|(_, new)| new.is_none())
        {
            for &m in &old.article_mentions[position] {
                renamed[old.mentions[m].person] = true;
            }
        }
        let mut surfaces = Renumbered::new(&old_surfaces);
        let mut spliced = Spliced {
            lists: ArticleLists::with_capacity(
                changes.kept.len(),
                old.mentions.len(),
                old.quotes.len(),
            ),
            new_roles: vec![Vec::new(); persons.len()],
        };
        let fresh_count = changes.fresh.len();
        let mut fresh = changes.fresh.into_iter();
        for kept in changes.kept {
            match *kept {
                Some(position) => spliced.keep(&mut old, position, &mut surfaces),
                None => {
                    let share = fresh.next().expect("one share per fresh article");
                    spliced.add(share, made.id_of_slot, &mut surfaces, &mut renamed);
                }
            }
        }
        let surfaces = surfaces.into_strings();
        spliced.refresh_people(&mut persons, changes.new_position);
        for person in persons.iter_mut().filter(|p| renamed[p.id]) {
            let curated = made.table.curated[slots[person.id]].map(|i| &made.curated[i]);
            (person.canonical, person.aliases) =
                naming_of(person, &spliced.lists.mentions, &surfaces, curated);
        }
        let people = People {
            persons,
            evidence: made.evidence,
            slots,
            curated_fingerprint,
        };
        let articles = spliced.lists.into_part(surfaces);
        let mut index = index_of(made.table, made.id_of_slot, people, articles);
        index.reread = fresh_count;
        index
    }
}

/// A person's names from the surfaces of their mentions, as `naming`
/// works them out.
fn naming_of(
    person: &Person,
    mentions: &[Mention],
    surfaces: &[String],
    curated: Option<&CuratedPerson>,
) -> (String, Vec<String>) {
    let mut surface_counts: HashMap<u32, (u32, usize)> = HashMap::new();
    for &m in &person.mentions {
        if let Some(surface) = mentions[m].surface {
            surface_counts.entry(surface.index()).or_insert((0, m)).0 += 1;
        }
    }
    naming(&surface_counts, surfaces, curated)
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

/// What `update` made for the new corpus that a splice takes in.
struct Made<'a> {
    evidence: NameEvidence,
    table: &'a NameTable,
    curated: &'a [CuratedPerson],
    /// Per name-table person, their id in the index.
    id_of_slot: &'a [Option<PersonId>],
}

/// The per-article parts of the index being updated, each taken once into
/// the new index.
struct OldParts {
    articles: Vec<Option<ArticleRef>>,
    hashes: Vec<[u8; 32]>,
    mentions: Vec<Mention>,
    quotes: Vec<Option<CorpusQuote>>,
    article_mentions: Vec<Vec<usize>>,
    article_quotes: Vec<Vec<usize>>,
}

/// The new index's articles as a splice fills them in.
struct Spliced {
    lists: ArticleLists,
    /// Roles of new articles, per person, kept apart to be de-duplicated
    /// within their article as `assemble` does.
    new_roles: Vec<Vec<RoleRecord>>,
}

impl Spliced {
    /// Move the old index's article at `position` into place.
    fn keep(&mut self, old: &mut OldParts, position: usize, surfaces: &mut Renumbered) {
        let reference = old.articles[position]
            .take()
            .expect("each article kept once");
        let article = self.lists.start_article(reference, old.hashes[position]);
        for &m in &old.article_mentions[position] {
            let mention = &old.mentions[m];
            self.lists.push_mention(Mention {
                article,
                surface: (mention.surface).and_then(|s| SurfaceId::new(surfaces.of_old(s.index()))),
                ..mention.clone()
            });
        }
        for &q in &old.article_quotes[position] {
            let quote = old.quotes[q].take().expect("each quote kept once");
            self.lists.push_quote(quote);
        }
    }

    /// Add a new or changed article; the people it names are `renamed`.
    fn add(
        &mut self,
        share: ArticleShare,
        id_of_slot: &[Option<PersonId>],
        surfaces: &mut Renumbered,
        renamed: &mut [bool],
    ) {
        let id_of = |slot: usize| id_of_slot[slot].expect("`splices` checked every person");
        let date = share.reference.date;
        let article = self.lists.start_article(share.reference, share.hash);
        for SharedMention { found, surface } in share.mentions {
            let person = id_of(found.person);
            renamed[person] = true;
            self.lists.push_mention(Mention {
                article,
                range: found.range,
                person,
                kind: found.kind,
                surface: surface.and_then(|s| SurfaceId::new(surfaces.of_new(s))),
            });
        }
        for FoundRole {
            person,
            role,
            range,
        } in share.roles
        {
            add_role(
                &mut self.new_roles[id_of(person)],
                role,
                article,
                date,
                range,
            );
        }
        for mut quote in share.quotes {
            if let QuoteSpeaker::Person(slot) = quote.speaker {
                quote.speaker = QuoteSpeaker::Person(id_of(slot));
            }
            self.lists.push_quote(quote);
        }
    }

    /// Point the people's roles, mentions and quotes at the new articles
    /// (old article `a` now stands at `new_position[a]`, if anywhere).
    fn refresh_people(&mut self, persons: &mut [Person], new_position: &[Option<usize>]) {
        for person in persons.iter_mut() {
            person.mentions.clear();
            person.quotes.clear();
            person.roles.retain_mut(|role| match role.article {
                None => true,
                Some(old) => {
                    role.article = new_position[old];
                    role.article.is_some()
                }
            });
            let added = std::mem::take(&mut self.new_roles[person.id]);
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
        for (m, mention) in self.lists.mentions.iter().enumerate() {
            persons[mention.person].mentions.push(m);
        }
        for quote in &self.lists.quotes {
            if let QuoteSpeaker::Person(p) = quote.speaker {
                persons[p].quotes.push(quote.id);
            }
        }
    }
}
