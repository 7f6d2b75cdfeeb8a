//! What one cache entry stores for one corpus: the people index file and
//! the note results, claim findings and key suggestions of `notes.bin`.

use super::*;
use std::collections::HashMap;

use super::framed::{decode_pair, read_framed, read_payload, write_framed, write_framed_pair};

/// A note's diagnostics as a cache entry keeps them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NoteRecord {
    pub rel_path: String,
    /// blake3 of the note's text.
    pub hash: [u8; 32],
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct NotesFile {
    pub(super) context: [u8; 32],
    pub(super) notes: Vec<NoteRecord>,
    /// Each claim's findings, for an edited note whose other claims are
    /// as they were (`ClaimCache`); for `context` too.
    pub(super) claims: Vec<ClaimFindings>,
    pub(super) suggestions: Suggestions,
}

/// What `notes.bin` holds for a run: the note results and claim findings
/// for its context (else none), and the closest-key suggestions whatever
/// their keys.
#[derive(Default)]
pub(crate) struct StoredNoteFile {
    pub results: HashMap<String, NoteRecord>,
    pub claims: Vec<ClaimFindings>,
    pub suggestions: Suggestions,
}

/// The closest keys found for unknown citation keys (by the unknown key in
/// lower case), and the `Corpus::keys_fingerprint` of the keys they were
/// chosen among: at 100,000 articles each search compares every key, and a
/// corpus whose keys are the same gives the same answers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Suggestions {
    pub keys: [u8; 32],
    pub found: Vec<(String, Vec<String>)>,
}

/// A stored people index's file, its header and checksum checked but not
/// decoded: `Cache::people_file` reads it while the workspace is walked.
pub(crate) struct PeopleFile {
    pub(super) path: PathBuf,
    pub(super) name: String,
    pub(super) bytes: Mmap,
}

/// The first people index file of a cache entry: there is one, unless a
/// run was stopped between storing a new one and removing the old.
pub(super) fn any_people_file(entry: &Path) -> Result<PathBuf, CacheError> {
    std::fs::read_dir(entry)
        .map_err(CacheError::io(entry))?
        .flatten()
        .map(|entry| entry.path())
        .find(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("people-") && n.ends_with(".bin"))
        })
        .ok_or(CacheError::NoPeopleIndex)
}

/// A cache entry an analysis keeps, to read or write what it computes
/// only on demand (the people index, the note results).
#[derive(Debug, Clone)]
pub(crate) struct CacheLink {
    pub(super) entry: PathBuf,
    pub(super) corpus: [u8; 32],
}

impl CacheLink {
    fn people_path(&self) -> PathBuf {
        let hex = blake3::Hash::from_bytes(self.corpus).to_hex();
        self.entry.join(format!("people-{}.bin", &hex[..32]))
    }

    pub(crate) fn has_people(&self) -> bool {
        self.people_path().exists()
    }

    /// The stored people index: this very corpus's when there is one, else
    /// the one an earlier corpus left (`PeopleIndex::update` brings it up to
    /// date). `read` is the file `Cache::people_file` read, if it is that one.
    pub(crate) fn load_people(&self, read: Option<PeopleFile>) -> Result<PeopleIndex, CacheError> {
        let mut path = self.people_path();
        if !path.exists() {
            path = any_people_file(&self.entry)?;
        }
        let (name, bytes) = match read.filter(|file| file.path == path) {
            Some(file) => (file.name, file.bytes),
            None => read_payload(&path)?,
        };
        let (people, articles) = decode_pair(&name, &bytes)?;
        Ok(PeopleIndex::from_stored(people, articles))
    }

    /// Store the people index, replacing those of other corpora.
    pub(crate) fn store_people(&self, people: &PeopleIndex) {
        let path = self.people_path();
        self.write_locked(|| {
            let (persons, articles) = people.parts();
            write_framed_pair(&path, &persons, &articles)?;
            for entry in std::fs::read_dir(&self.entry)?.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if name.starts_with("people") && entry.path() != path {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
            Ok(())
        });
    }

    /// What `notes.bin` holds for `context` (the corpus, configuration and
    /// version the results were computed with); see `StoredNoteFile`.
    pub(crate) fn load_notes(&self, context: [u8; 32]) -> StoredNoteFile {
        match read_framed::<NotesFile>(&self.entry.join("notes.bin")) {
            Ok(file) if file.context == context => StoredNoteFile {
                results: file
                    .notes
                    .into_iter()
                    .map(|n| (n.rel_path.clone(), n))
                    .collect(),
                claims: file.claims,
                suggestions: file.suggestions,
            },
            Ok(file) => StoredNoteFile {
                suggestions: file.suggestions,
                ..StoredNoteFile::default()
            },
            Err(_) => StoredNoteFile::default(),
        }
    }

    pub(crate) fn store_notes(
        &self,
        context: [u8; 32],
        notes: Vec<NoteRecord>,
        claims: Vec<ClaimFindings>,
        suggestions: Suggestions,
    ) {
        let path = self.entry.join("notes.bin");
        self.write_locked(|| {
            write_framed(
                &path,
                &NotesFile {
                    context,
                    notes,
                    claims,
                    suggestions,
                },
            )
        });
    }

    pub(crate) fn corpus_hash(&self) -> [u8; 32] {
        self.corpus
    }

    /// Write under the entry's lock; skipped (and logged) when another run
    /// holds it or the write fails: the cache is an optimisation.
    fn write_locked(&self, write: impl FnOnce() -> anyhow::Result<()>) {
        let result = File::create(self.entry.join("lock"))
            .map_err(anyhow::Error::from)
            .and_then(|lock| {
                if lock.try_lock().is_err() {
                    return Ok(());
                }
                write()
            });
        if let Err(err) = result {
            tracing::warn!("cache {}: {err}", self.entry.display());
        }
    }
}
