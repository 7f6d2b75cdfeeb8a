//! The persistent cache of an analysed corpus, in the user's cache directory
//! (`BACKSTOP_CACHE_DIR`, else `$XDG_CACHE_HOME/backstop`, else
//! `~/.cache/backstop`), one entry per workspace root and format version.
//!
//! An entry holds:
//!
//! - `manifest.bin`: a record of every article (relative path, file stamp,
//!   blake3 of its text, citation key, body hash, metadata date and the
//!   diagnostics of the single-article rules) and a generation number. An
//!   article whose size, modification time, change time and inode are
//!   those recorded is taken from its record and not read at all. The
//!   manifest is written last, through a temporary file and a rename, and
//!   removed before anything else in the entry changes: an entry without a
//!   manifest (a run killed half way) is rebuilt.
//! - `index/`: the tantivy index; its last commit carries the generation
//!   as payload, so an index from another run is not paired with a manifest.
//! - `people-<corpus>.bin`: the people index, named after a hash of the
//!   corpus it was built from (every article's path and text hash, and the
//!   curated people), in two parts decoded side by side. It is read only
//!   when a note check needs it; for a changed corpus, the last one stored
//!   is updated for the articles that changed (`PeopleIndex::update`), or
//!   rebuilt when the change reaches further (every article resolved again,
//!   the unchanged ones' name evidence reused). A rebuilt index is stored
//!   under the new corpus's name, an updated one only once the articles it
//!   re-read pass one in a hundred (`Analysis::persist`).
//! - `notes.bin`: each note's diagnostics, for one corpus and configuration
//!   (`context`), reused while the note's text is the same, and each
//!   claim's findings, reused in a changed note while the claim and its
//!   context are the same; and the closest keys suggested for unknown
//!   citation keys, reused while the corpus has the same keys (a changed
//!   article body keeps them).
//!
//! Every file starts with a magic number, the format version, the build
//! that wrote it (a fingerprint of the sources, `build.rs`) and a blake3
//! checksum of its payload: a truncated, corrupt or foreign file, or one
//! another build wrote, is rebuilt, never read. Payloads are postcard: it stores no field names or type
//! markers (the format version stands for the schema), so the people
//! index, hundreds of megabytes at 100,000 articles, decodes without
//! per-field work. Files are mapped rather than copied into memory,
//! which is safe because no file is written in place: a writer writes a
//! new file and renames it over the old one. One run at a time writes an
//! entry (`lock`, an OS file lock); a run that finds the entry locked works
//! in memory without the cache.
//!
//! Building an entry from nothing removes the entries older format
//! versions left beside it.
//!
//! Changed, added and deleted articles update only their own records and
//! sentences, and the people index re-resolves only them unless the change
//! reaches other articles' names (see `people-<corpus>.bin` above).

mod error;
mod framed;
mod link;
mod passages;
mod records;
#[cfg(test)]
mod tests;

use framed::{Hashing, read_framed, read_payload};
use link::any_people_file;

pub(crate) use error::{CacheError, IndexDamage};
pub(crate) use link::{CacheLink, NoteRecord, PeopleFile, Suggestions};
pub(crate) use passages::LoadedCorpus;
pub use records::ArticleRecord;

pub(crate) use records::Manifest;

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use memmap2::{Mmap, MmapOptions};
use serde::{Deserialize, Serialize};

use crate::claims::ClaimFindings;
use crate::corpus::{self, Corpus};
use crate::diagnostic::Diagnostic;
use crate::files::{Exact, FileStamp};
use crate::people::PeopleIndex;
use crate::retrieval::{LazyPassageIndex, TantivyIndex, article_id};
use crate::workspace::Workspace;

/// Bump when anything stored changes shape or meaning (the schema, the
/// normalisation of words, the people index, the records);
/// `stored_data_changes_only_with_the_format_version` fails until then.
pub const FORMAT_VERSION: u32 = 34;

/// Where cache entries live.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// What a load did with its cache entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CacheStatus {
    /// No cache was used.
    #[default]
    Off,
    /// The entry was built from nothing.
    Cold,
    /// The entry was reused as it was.
    Warm,
    /// Only changed, added and deleted articles were indexed again.
    Updated,
    /// Another run holds the entry; this one worked in memory.
    Busy,
    /// The entry could not be written; this run worked in memory.
    Unavailable,
}

/// What a load did with the cache: for `check --stats`, tests and logs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CacheStats {
    pub status: CacheStatus,
    /// Why a stored entry was not used, when it was not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What was found damaged in the entry, which was then rebuilt: front
    /// ends tell the user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub damaged: Option<String>,
    pub articles: usize,
    /// Articles read from disk (new or changed ones, or all without a
    /// usable manifest); the others were known by their file stamp.
    pub read: usize,
    /// Articles whose sentences were (re-)indexed.
    pub indexed: usize,
    /// Articles whose sentences were dropped (changed or deleted).
    pub removed: usize,
    /// Whether the people index was built from every article rather than
    /// read or updated (it is needed only when a note is checked); after a
    /// change that reaches beyond its own articles, from the stored name
    /// evidence of the unchanged ones.
    pub people_rebuilt: bool,
    /// Whether the people index was brought up to date from an earlier
    /// corpus's, reading only the articles that changed.
    pub people_updated: bool,
    /// Whether the people index built or updated was stored: an update
    /// from few changed articles is not (`update` repeats it next time).
    pub people_stored: bool,
    /// Notes whose diagnostics were taken from the cache.
    pub notes_reused: usize,
    /// Claims of notes checked again whose findings were taken from the
    /// cache (the note changed elsewhere).
    pub claims_reused: usize,
    /// Closest-key suggestions for unknown citation keys taken from the
    /// cache (the corpus's keys are those they were found among).
    pub suggestions_reused: usize,
}

impl CacheStats {
    /// Why the run could not use the cache at all (its entry could not be
    /// created or written), for front ends to tell the user.
    pub fn unusable_because(&self) -> Option<&str> {
        (self.status == CacheStatus::Unavailable)
            .then(|| self.reason.as_deref().unwrap_or("it could not be written"))
    }
}

/// The hash that names a corpus: every article's path and text hash, and
/// the curated people (they shape the people index).
pub(crate) fn corpus_hash(records: &[ArticleRecord], workspace: &Workspace) -> [u8; 32] {
    let mut hasher = blake3::Hasher::new();
    for record in records {
        hasher.update(record.rel_path.as_bytes());
        hasher.update(&[0]);
        hasher.update(&record.hash);
    }
    hasher.update(format!("{:?}", workspace.config.people).as_bytes());
    *hasher.finalize().as_bytes()
}

impl Cache {
    /// The cache directory from the environment: `BACKSTOP_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/backstop`, else `$HOME/.cache/backstop`.
    pub fn from_env() -> Option<Cache> {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let dir = if let Some(dir) = var("BACKSTOP_CACHE_DIR") {
            PathBuf::from(dir)
        } else if let Some(xdg) = var("XDG_CACHE_HOME") {
            PathBuf::from(xdg).join("backstop")
        } else {
            PathBuf::from(var("HOME")?).join(".cache").join("backstop")
        };
        Some(Cache { dir })
    }

    pub fn at(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The entry of a workspace root.
    pub fn entry_dir(&self, root: &Path) -> PathBuf {
        let hash = blake3::hash(root.to_string_lossy().as_bytes());
        self.dir
            .join(format!("v{FORMAT_VERSION}"))
            .join(&hash.to_hex()[..24])
    }

    /// Remove the entries older format versions left (`v1/…` once this is
    /// `v2`): no version of backstop that reads them is this one, and at
    /// 100,000 articles one entry holds hundreds of megabytes. Only
    /// folders shaped like backstop's own are touched.
    pub fn remove_old_versions(&self) {
        let Ok(versions) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for version in versions.flatten() {
            let name = version.file_name();
            let Some(number) = name
                .to_str()
                .and_then(|n| n.strip_prefix('v'))
                .and_then(|n| n.parse::<u32>().ok())
            else {
                continue;
            };
            if number >= FORMAT_VERSION || !is_entry_folder(&version.path()) {
                continue;
            }
            if let Err(err) = std::fs::remove_dir_all(version.path()) {
                tracing::warn!("cannot remove {}: {err}", version.path().display());
            }
        }
    }

    /// The entry of `root` for the corpus named `corpus` (see
    /// `corpus_hash`).
    pub(crate) fn link(&self, root: &Path, corpus: [u8; 32]) -> CacheLink {
        CacheLink {
            entry: self.entry_dir(root),
            corpus,
        }
    }

    /// The people index file stored for a workspace, read (mapped and its
    /// checksum checked) but not decoded: the analysis does not know yet
    /// whether it will need the index, or which corpus's it would want.
    pub(crate) fn people_file(&self, workspace: &Workspace) -> Option<PeopleFile> {
        let path = any_people_file(&self.entry_dir(&workspace.root)).ok()?;
        let (name, bytes) = read_payload(&path).ok()?;
        Some(PeopleFile { path, name, bytes })
    }

    /// The stored manifest of a workspace, or why there is none to use.
    /// Read without the lock: manifests are only ever replaced whole.
    pub(crate) fn stored(&self, workspace: &Workspace) -> Result<Manifest, CacheError> {
        let path = self.entry_dir(&workspace.root).join("manifest.bin");
        read_framed(&path).and_then(|m: Manifest| {
            if m.backstop != env!("CARGO_PKG_VERSION") {
                Err(CacheError::OtherBackstop(m.backstop))
            } else if m.root != workspace.root.to_string_lossy() {
                Err(CacheError::OtherWorkspace)
            } else {
                Ok(m)
            }
        })
    }
}

/// Whether every child of `dir` is an entry folder: a name of 24 hex
/// digits, as `entry_dir` makes.
fn is_entry_folder(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|children| {
        children.flatten().all(|child| {
            let name = child.file_name();
            let name = name.to_string_lossy();
            name.len() == 24 && name.chars().all(|c| c.is_ascii_hexdigit())
        })
    })
}

type Payload<'f> = std::io::BufWriter<Hashing<&'f mut std::fs::File>>;
