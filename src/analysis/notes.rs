//! The note rules over a whole analysis: each note checked, or its stored
//! result reused when neither it nor the corpus changed.

use std::path::Path;
use std::sync::atomic::Ordering;

use rayon::prelude::*;

use super::{Analysis, NotesToStore};
use crate::cache::{NoteRecord, Suggestions};
use crate::claims::NoteChecker;
use crate::diagnostic::Diagnostic;
use crate::people::PeopleIndex;
use crate::text::occurring;

impl Analysis {
    /// The diagnostics of every note, from the cache for the notes it has
    /// for this very corpus and configuration.
    pub(super) fn all_note_diagnostics(&self) -> Vec<Diagnostic> {
        let (Some(_), Some(stored)) = (&self.cache, &self.stored_notes) else {
            self.prepare();
            return self
                .notes
                .par_iter()
                .flat_map_iter(|note| self.note_diagnostics(&note.path, &note.text))
                .collect();
        };
        let reusable = |i: usize| stored.result(&self.notes, i);
        let reused = (0..self.notes.len())
            .filter(|&i| reusable(i).is_some())
            .count();
        self.notes_reused.store(reused, Ordering::Relaxed);
        if reused < self.notes.len() {
            self.prepare();
        }
        let results: Vec<NoteRecord> = (0..self.notes.len())
            .into_par_iter()
            .map(|i| match reusable(i) {
                Some(record) => record.clone(),
                None => NoteRecord {
                    rel_path: self.notes[i].rel_path.clone(),
                    hash: stored.hashes[i],
                    diagnostics: self.note_diagnostics(&self.notes[i].path, &self.notes[i].text),
                },
            })
            .collect();
        self.claims_ahead.clear();
        let raw = results
            .iter()
            .flat_map(|r| r.diagnostics.iter().cloned())
            .collect();
        // Only answers for keys the notes cite: an editor asks about every
        // prefix of a key being typed.
        let cited: Vec<String> = self.notes.iter().map(|n| n.text.to_lowercase()).collect();
        let answers = self.corpus.suggestions();
        let unknown: Vec<&str> = answers.iter().map(|(key, _)| key.as_str()).collect();
        let asked = occurring(&unknown, cited.iter().map(String::as_str));
        let suggestions = Suggestions {
            keys: stored.keys,
            found: (answers.iter().zip(asked))
                .filter(|(_, asked)| *asked)
                .map(|(answer, _)| answer.clone())
                .collect(),
        };
        if reused < self.notes.len()
            || stored.results.len() != self.notes.len()
            || suggestions != stored.suggestions
        {
            let notes = self
                .notes
                .iter()
                .map(|n| (n.path.as_path(), n.text.as_str()));
            let unsaved = NotesToStore {
                context: stored.context,
                results,
                claims: self.claim_cache.findings_of(notes),
                suggestions,
            };
            if let Ok(mut slot) = self.notes_to_store.lock() {
                *slot = Some(unsaved);
            }
        }
        raw
    }

    pub(super) fn note_diagnostics(&self, path: &Path, text: &str) -> Vec<Diagnostic> {
        self.note_checker(Some(self.people())).check(path, text)
    }

    pub(super) fn note_checker<'a>(&'a self, people: Option<&'a PeopleIndex>) -> NoteChecker<'a> {
        NoteChecker {
            corpus: &self.corpus,
            passages: &self.passages,
            config: &self.workspace.config,
            people,
            cache: Some(&self.claim_cache),
            ahead: Some(&self.claims_ahead),
        }
    }
}
