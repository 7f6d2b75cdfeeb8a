//! An analysis loaded through the cache: the stored note results and
//! claim findings it starts from, the passage index synced, and what the
//! cache did.

use std::collections::HashMap;
use std::sync::atomic::Ordering;

use super::{Analysis, NoteFile};
use crate::cache::{
    self, Cache, CacheError, CacheLink, CacheStats, LoadedCorpus, Manifest, NoteRecord, PeopleFile,
    Suggestions,
};

/// What the cache holds of note results for one corpus and configuration.
pub(super) struct StoredNotes {
    /// What the results were computed with: the corpus, the configuration.
    pub(super) context: [u8; 32],
    pub(super) results: HashMap<String, NoteRecord>,
    /// Per note of the analysis, the hash of its text.
    pub(super) hashes: Vec<[u8; 32]>,
    /// Each claim's findings, taken into the claim cache when attached.
    pub(super) claims: Vec<crate::claims::ClaimFindings>,
    /// The closest-key suggestions stored, and this corpus's keys.
    pub(super) suggestions: Suggestions,
    pub(super) keys: [u8; 32],
}

impl StoredNotes {
    /// The stored result for note `i`, if its text is the one checked.
    pub(super) fn result(&self, notes: &[NoteFile], i: usize) -> Option<&NoteRecord> {
        self.results
            .get(&notes[i].rel_path)
            .filter(|record| record.hash == self.hashes[i])
    }
}

impl Analysis {
    /// What the cache did for this analysis, if one was used.
    pub fn cache_stats(&self) -> Option<CacheStats> {
        let mut stats = self.cache_stats.clone()?;
        stats.people_rebuilt = self.people_built.load(Ordering::Relaxed);
        stats.people_updated = self.people_updated.load(Ordering::Relaxed);
        stats.people_stored = self.people_saved.load(Ordering::Relaxed);
        stats.notes_reused = self.notes_reused.load(Ordering::Relaxed);
        stats.claims_reused = self.claim_cache.hits();
        Some(stats)
    }

    /// `people_file` is the stored people index's file, if `load_cached`
    /// read it ahead; dropped unread when no note needs the index.
    pub(super) fn attach_cache(
        &mut self,
        cache: &Cache,
        stored: Result<Manifest, CacheError>,
        people_file: Option<PeopleFile>,
    ) {
        let mut stats = CacheStats {
            articles: self.corpus.len(),
            read: self.read,
            ..CacheStats::default()
        };
        let link = cache.link(
            &self.workspace.root,
            cache::corpus_hash(&self.records, &self.workspace),
        );
        // A note checked again needs the people index: read, update or
        // build it beside the passage index's sync, which works on one
        // thread. Notes whose results the cache holds for this corpus need
        // none (the corpus may be one whose people index was updated but
        // not stored).
        let mut stored_notes = self.stored_notes(&link);
        self.claim_cache
            .seed(std::mem::take(&mut stored_notes.claims));
        let needs_people =
            (0..self.notes.len()).any(|i| stored_notes.result(&self.notes, i).is_none());
        if stored_notes.suggestions.keys == stored_notes.keys {
            stats.suggestions_reused = self
                .corpus
                .adopt_suggestions(&stored_notes.suggestions.found);
        }
        self.stored_notes = Some(stored_notes);
        self.cache = Some(link);
        let this = &*self;
        let (synced, ()) = this.beside_passage_index(
            || {
                let loaded = LoadedCorpus {
                    workspace: &this.workspace,
                    corpus: &this.corpus,
                    passages: &this.passages,
                    records: &this.records,
                    checked_on: this.checked_on,
                };
                let synced = cache.sync(&loaded, stored, &mut stats);
                // The sync made the passage index; the claims to check can
                // be checked, but for attribution, while the people index is
                // still being read.
                if synced && needs_people {
                    this.check_claims_ahead();
                }
                synced
            },
            || {
                if needs_people {
                    // Stored by `persist`: `sync` holds the entry's lock meanwhile.
                    this.people_from(people_file);
                }
            },
        );
        if !synced {
            self.cache = None;
        }
        tracing::debug!("cache: {stats:?}");
        self.cache_stats = Some(stats);
    }

    /// The note results the cache holds for this very corpus and
    /// configuration, and each note's text hash to match them with.
    pub(super) fn stored_notes(&self, link: &CacheLink) -> StoredNotes {
        let context = {
            let mut hasher = blake3::Hasher::new();
            hasher.update(&link.corpus_hash());
            hasher.update(self.workspace.config.fingerprint().as_bytes());
            *hasher.finalize().as_bytes()
        };
        let stored = link.load_notes(context);
        StoredNotes {
            context,
            results: stored.results,
            claims: stored.claims,
            suggestions: stored.suggestions,
            keys: self.corpus.keys_fingerprint(),
            hashes: self
                .notes
                .iter()
                .map(|n| *blake3::hash(n.text.as_bytes()).as_bytes())
                .collect(),
        }
    }

    /// Check the claims of the notes the cache holds no results for, as
    /// their check will (every claim not in the claim cache), but for their
    /// attribution.
    pub(super) fn check_claims_ahead(&self) {
        let Some(stored) = &self.stored_notes else {
            return;
        };
        let checker = self.note_checker(None);
        for (i, note) in self.notes.iter().enumerate() {
            if stored.result(&self.notes, i).is_none() {
                checker.check_claims_ahead(&note.path, &note.text, &self.claims_ahead);
            }
        }
    }

    /// Write what this analysis made that the cache does not hold yet: the
    /// note results and claim findings `diagnostics` computed, and a people
    /// index built here or updated enough to be worth storing. Queries
    /// never write; front ends call this once they have what they asked for.
    pub fn persist(&self) {
        let Some(link) = &self.cache else {
            return;
        };
        let unsaved = self
            .notes_to_store
            .lock()
            .ok()
            .and_then(|mut slot| slot.take());
        if let Some(notes) = unsaved {
            link.store_notes(
                notes.context,
                notes.results,
                notes.claims,
                notes.suggestions,
            );
        }
        self.persist_people();
    }
}

/// Note results computed by `diagnostics` and not yet stored.
pub(super) struct NotesToStore {
    pub context: [u8; 32],
    pub results: Vec<NoteRecord>,
    pub claims: Vec<crate::claims::ClaimFindings>,
    pub suggestions: Suggestions,
}
