//! What checking each claim found, by the claim's exact source and context,
//! so that typing in one claim of a long note re-checks only that claim,
//! and the next run on the same corpus re-checks only the claims of a note
//! that changed.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Location};
use crate::note::{Claim, Note};

/// A claim's exact source and context, hashed: the same in every run.
pub type ClaimKey = [u8; 16];

/// What a claim found, and where the claim started when it was found: its
/// findings move with the claim when text before it changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimFindings {
    pub key: ClaimKey,
    pub start: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Claims' findings by key. Valid for one corpus and configuration: it
/// lives in the `Analysis` owning both, and the cache keeps it for the next
/// run on the same ones.
#[derive(Debug, Default)]
pub struct ClaimCache {
    pub(super) entries: Mutex<HashMap<ClaimKey, ClaimFindings>>,
    /// The keys checks of each note put here (the seeded ones aside), so
    /// that what an editor's buffer of a note left behind can be forgotten
    /// when the buffer is closed. Locked after `entries`.
    put_for: Mutex<HashMap<PathBuf, HashSet<ClaimKey>>>,
    /// Claims answered from here rather than checked.
    hits: AtomicUsize,
}

impl ClaimCache {
    /// A bound on memory; past it the cache starts over.
    const CAPACITY: usize = 50_000;

    /// Findings an earlier run made for the same corpus and configuration.
    pub fn seed(&self, stored: Vec<ClaimFindings>) {
        if let Ok(mut entries) = self.entries.lock() {
            for found in stored.into_iter().take(Self::CAPACITY) {
                entries.entry(found.key).or_insert(found);
            }
        }
    }

    /// The findings held for the claims of these notes (path and text), to
    /// be kept for the next run: the notes' claims as written, not every
    /// text an editor's keystrokes made of them, nor claims since deleted.
    pub fn findings_of<'n>(
        &self,
        notes: impl Iterator<Item = (&'n Path, &'n str)>,
    ) -> Vec<ClaimFindings> {
        let keys: Vec<ClaimKey> = notes
            .flat_map(|(path, text)| claim_keys_of(path, text))
            .collect();
        let Ok(entries) = self.entries.lock() else {
            return Vec::new();
        };
        let mut found: Vec<ClaimFindings> = keys
            .into_iter()
            .filter_map(|key| entries.get(&key).cloned())
            .collect();
        found.sort_by_key(|f| f.key);
        found.dedup_by(|a, b| a.key == b.key);
        found
    }

    /// Forget the findings checks of the note at `path` put here, but for
    /// the claims of `text` (the note as saved): those of the texts an
    /// editor's buffer held, once the buffer is closed.
    pub fn forget_note_except(&self, path: &Path, text: &str) {
        let put = match self.put_for.lock() {
            Ok(mut put_for) => put_for.remove(path),
            Err(_) => None,
        };
        let Some(put) = put else {
            return;
        };
        let kept: HashSet<ClaimKey> = claim_keys_of(path, text).into_iter().collect();
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        for key in put.difference(&kept) {
            entries.remove(key);
        }
        let still = put.intersection(&kept).copied();
        if let Ok(mut put_for) = self.put_for.lock() {
            put_for.entry(path.to_path_buf()).or_default().extend(still);
        }
    }

    /// How many claims were answered from here rather than checked.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    /// Whether the cache holds a claim's findings, without counting a hit.
    pub(super) fn holds(&self, key: ClaimKey) -> bool {
        self.entries.lock().is_ok_and(|e| e.contains_key(&key))
    }

    /// A claim's findings, moved to where the claim starts now.
    pub(super) fn get(&self, key: ClaimKey, path: &Path, start: usize) -> Option<Vec<Diagnostic>> {
        let entries = self.entries.lock().ok()?;
        let found = entries.get(&key)?;
        self.hits.fetch_add(1, Ordering::Relaxed);
        Some(shifted(&found.diagnostics, path, found.start, start))
    }

    /// Remember what a claim found, unless something points outside the
    /// claim (it could not be moved with it).
    pub(super) fn put(
        &self,
        key: ClaimKey,
        path: &Path,
        range: Range<usize>,
        found: &[Diagnostic],
    ) {
        let inside = |location: &Location| {
            location.path != path
                || (range.start <= location.range.start && location.range.end <= range.end)
        };
        let movable = found.iter().all(|d| {
            inside(&d.location)
                && d.related.iter().all(|r| inside(&r.location))
                && d.fix
                    .as_ref()
                    .is_none_or(|f| f.edits.iter().all(|e| inside(&e.location)))
        });
        if !movable {
            return;
        }
        if let Ok(mut entries) = self.entries.lock() {
            let Ok(mut put_for) = self.put_for.lock() else {
                return;
            };
            if entries.len() >= Self::CAPACITY {
                entries.clear();
                put_for.clear();
            }
            let findings = ClaimFindings {
                key,
                start: range.start,
                diagnostics: found.to_vec(),
            };
            entries.insert(key, findings);
            match put_for.get_mut(path) {
                Some(keys) => {
                    keys.insert(key);
                }
                None => {
                    put_for.insert(path.to_path_buf(), HashSet::from([key]));
                }
            }
        }
    }
}

/// The keys of the claims of `text`, the note at `path`.
fn claim_keys_of(path: &Path, text: &str) -> Vec<ClaimKey> {
    let note = Note::parse(text);
    note.claims
        .iter()
        .filter_map(|claim| {
            let claim_text = text.get(claim.range.clone())?;
            Some(claim_key(path, claim_text, claim, &note))
        })
        .collect()
}

/// The key of a claim of `note` (at `path`) whose text is `claim_text`: its
/// text, kind, and what the parse took from around it, so that the same
/// claim in the same context has the same key wherever it moves.
pub fn claim_key(path: &Path, claim_text: &str, claim: &Claim, note: &Note) -> ClaimKey {
    // blake3 behind `Hasher`: the key is stored, so it must not depend
    // on the process (or the Rust release, as `DefaultHasher` may).
    struct Stable(blake3::Hasher);
    impl Hasher for Stable {
        fn write(&mut self, bytes: &[u8]) {
            self.0.update(bytes);
        }
        fn finish(&self) -> u64 {
            unreachable!("read with `finalize`")
        }
    }
    let mut hasher = Stable(blake3::Hasher::new());
    path.hash(&mut hasher);
    claim_text.hash(&mut hasher);
    format!("{:?}", claim.kind).hash(&mut hasher);
    // What the parse took from around the claim (an attribution line,
    // a speaker), relative to its start; wrapping, since an attribution
    // line may come before the claim.
    let relative = |r: &Range<usize>| {
        (
            r.start.wrapping_sub(claim.range.start),
            r.end.wrapping_sub(claim.range.start),
        )
    };
    for &c in &claim.citations {
        let citation = &note.citations[c];
        format!("{:?}", citation.target).hash(&mut hasher);
        relative(&citation.range).hash(&mut hasher);
        relative(&citation.key_range).hash(&mut hasher);
    }
    for &q in &claim.quotes {
        if let Some(quote) = note.quotes.get(q) {
            quote.text.hash(&mut hasher);
            relative(&quote.range).hash(&mut hasher);
            if let Some(speaker) = &quote.speaker {
                speaker.name.hash(&mut hasher);
                speaker.verbatim.hash(&mut hasher);
                relative(&speaker.range).hash(&mut hasher);
            }
        }
    }
    let mut key = [0; 16];
    key.copy_from_slice(&hasher.0.finalize().as_bytes()[..16]);
    key
}

/// `found` moved from a claim that started at `from` in the note at `path`
/// to one that starts at `to`.
fn shifted(found: &[Diagnostic], path: &Path, from: usize, to: usize) -> Vec<Diagnostic> {
    let shift = |location: &mut Location| {
        if location.path == path {
            location.range = location.range.start - from + to..location.range.end - from + to;
        }
    };
    found
        .iter()
        .cloned()
        .map(|mut d| {
            shift(&mut d.location);
            d.related.iter_mut().for_each(|r| shift(&mut r.location));
            if let Some(fix) = d.fix.as_mut() {
                fix.edits.iter_mut().for_each(|e| shift(&mut e.location));
            }
            d
        })
        .collect()
}
